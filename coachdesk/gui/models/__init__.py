"""Qt item models over service rows: a generic table model and a filtering proxy."""
