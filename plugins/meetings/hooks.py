"""Every hook the meetings plugin implements: its whole surface, readable in one screen.

The plugin is installed and loads through the plugin contract; its features land with the
meetings issue, each registered here.
"""
