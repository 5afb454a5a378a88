"""meetings of the meetings plugin."""
