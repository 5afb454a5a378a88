"""tasks of the planning plugin."""
