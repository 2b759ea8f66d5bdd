"""Plain-Python heart of coachdesk: enums, value types and the hub's rules (no I/O)."""
