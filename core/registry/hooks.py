"""The registry feature, registered on the public hooks like any plugin."""

from core import hookimpl  # noqa: F401
