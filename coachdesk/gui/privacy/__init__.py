"""Privacy in the app: erasing a person, the audit log, records past the retention period."""
