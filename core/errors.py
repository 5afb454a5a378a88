"""Errors that reach a user as one clear line (CLI) or a clear page, never a traceback."""


class VanPhongError(Exception):
    """Base of every error VanPhong reports to a person."""


class ConfigError(VanPhongError):
    """A setting is missing or malformed (``VANPHONG_*`` environment variables)."""


class PluginError(VanPhongError):
    """A plugin cannot be loaded, enabled, disabled or purged; the message names it."""
