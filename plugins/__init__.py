"""VanPhong's built-in plugins, one per office function.

Each loads through its ``vanphong.plugins`` entry point exactly like a third-party plugin, and
none imports another: they talk through hooks and events.
"""
