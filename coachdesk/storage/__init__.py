"""Persistence: SQLAlchemy models, engines, the unit of work, migrations and backups."""
