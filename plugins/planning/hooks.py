"""Every hook the planning plugin implements: its whole surface, readable in one screen.

The plugin is installed and loads through the plugin contract; its features land with the
planning issue, each registered here.
"""
