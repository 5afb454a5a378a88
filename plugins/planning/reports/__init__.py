"""reports of the planning plugin."""
