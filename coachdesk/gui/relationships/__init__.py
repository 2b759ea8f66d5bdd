"""The Relationships view: the list, a relationship's page, its sessions and the end flow."""
