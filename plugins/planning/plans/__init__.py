"""plans of the planning plugin."""
