"""Errors that reach a user as one clear line (CLI) or a clear page, never a traceback."""


class VanPhongError(Exception):
    """Base of every error VanPhong reports to a person; ``field`` names the input at fault,
    when there is one (the REST API reports it under ``error.fields``)."""

    def __init__(self, message: str = "", *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ConfigError(VanPhongError):
    """A setting is missing or malformed (``VANPHONG_*`` environment variables)."""


class PluginError(VanPhongError):
    """A plugin cannot be loaded, enabled, disabled or purged; the message names it."""


class ConflictError(VanPhongError):
    """A change conflicts with stored data (a duplicate, a double booking); the API answers 409.
    ``details`` lists each clash, one line each (the API reports them under the field)."""

    def __init__(
        self, message: str = "", *, field: str | None = None, details: list[str] | None = None
    ) -> None:
        super().__init__(message, field=field)
        self.details = details or [message]


class Forbidden(VanPhongError):
    """The person may not do this to this record (a rule a service checks itself: the chair
    approves, the assigner decides); the API answers 403 and the refusal is audited."""
