"""Reusable widgets: dates typed the British way, background work with a progress dialog,
and what every form dialog shares (problem lines, Save/Cancel, Ctrl+S, Esc asks)."""
