"""rooms of the meetings plugin."""
