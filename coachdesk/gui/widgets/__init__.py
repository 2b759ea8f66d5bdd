"""Reusable widgets: dates typed the British way, background work with a progress dialog."""
