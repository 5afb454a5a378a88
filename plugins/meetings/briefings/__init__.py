"""briefings of the meetings plugin."""
