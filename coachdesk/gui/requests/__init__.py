"""The Requests view and its New request dialog."""
