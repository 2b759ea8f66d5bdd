"""The Reports view: choose a report, generate it off the UI thread, preview, save and print."""
