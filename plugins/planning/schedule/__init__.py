"""schedule of the planning plugin."""
