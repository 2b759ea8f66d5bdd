"""The register view: people, their registrations, and the dialogs that edit them."""
