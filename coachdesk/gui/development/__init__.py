"""Practitioner development: CPD, supervision and the learning log, with 12-month totals."""
