"""Evaluations: what is due, overdue and done; the keyboard form; the impact chart."""
