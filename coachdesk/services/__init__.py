"""Services: one module per area of the hub; each call is one unit of work."""
