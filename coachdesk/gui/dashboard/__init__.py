"""The dashboard: the hub's alerts, what falls due soon, and headline figures."""
