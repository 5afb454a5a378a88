"""The blueprint every REST API module is built on."""

from __future__ import annotations

from typing import Any

import flask_smorest

from core.api.auth import require_sign_in
from core.api.errors import HANDLERS


class ApiBlueprint(flask_smorest.Blueprint):
    """A module's REST API, documented in the OpenAPI document from its schemas.

    A plugin names it after itself and serves it under ``/api/v1/<plugin>``::

        bp = ApiBlueprint("meetings", __name__, url_prefix="/api/v1/meetings")

    Every endpoint needs a caller (401 otherwise; a read-only token only reads), and errors
    its views let through (a service's refusal, a database conflict, a stale version) are
    answered in the API's error format.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.before_request(require_sign_in)
        for exception, handler in HANDLERS:
            self.register_error_handler(exception, handler)
