"""Who calls the API: a personal token sent as ``Authorization: Bearer …``, or the browser's
signed-in session, which must then carry its CSRF token (``X-CSRFToken``) on every change."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import current_app, g, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFProtect

from core.api.errors import API_PREFIX, api_abort
from core.audit.services import record
from core.identity.access import scope_paths
from core.identity.models import User

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def bearer_token() -> str | None:
    auth = request.authorization
    if auth is not None and auth.type == "bearer":
        return auth.token or ""
    return None


def is_api_request() -> bool:
    return request.path.startswith(API_PREFIX)


def load_user_from_token(_request: object) -> User | None:
    """Flask-Login's request loader: the user a live bearer token acts for (API paths only)."""
    raw = bearer_token()
    if raw is None or not is_api_request():
        return None
    from core.api.tokens import user_for_token

    found = user_for_token(raw)
    if found is None:
        return None
    user, g.api_token = found
    return user


def check_csrf(csrf: CSRFProtect) -> None:
    """Before each request: changes need the CSRF token, except API calls with a bearer token
    (a browser never adds that header by itself, so another site cannot forge one)."""
    if request.method not in current_app.config["WTF_CSRF_METHODS"]:
        return
    if is_api_request() and (bearer_token() is not None or not current_user.is_authenticated):
        return  # a token needs no CSRF token; a caller with neither gets a 401 from the API
    csrf.protect()


def require_sign_in() -> None:
    """Before each API request: a caller, and a read-only token only reads."""
    if not current_user.is_authenticated:
        api_abort(401)
    token = g.get("api_token")
    if token is not None and token.read_only and request.method not in SAFE_METHODS:
        api_abort(403, _("This API token may only read."), code="read_only_token")


def require(permission: str, *, agency_wide: bool = False) -> set[str] | None:
    """Refuse (403, audited) unless the caller holds ``permission``; return the unit paths it
    is held under, or None when held across the agency. ``agency_wide`` refuses a permission
    held over some units only (for records that belong to no unit)."""
    paths = scope_paths(current_user, permission)
    if paths is not None and (agency_wide or not paths):
        record("permission_denied", note=f"{request.method} {request.path} needs {permission}")
        api_abort(403, _("You need the permission %(permission)s.", permission=permission))
    return paths


def requires(
    permission: str | Callable[[], set[str] | None], *, agency_wide: bool = False
) -> Callable[[Any], Any]:
    """Decorator: check the permission before the request's input is even read, and keep the
    unit paths it is held under in ``g.api_scope`` for the view. ``permission`` is a code, or
    a function doing the check (a resource's)."""

    def decorator(view: Any) -> Any:
        @functools.wraps(view)  # keeps the OpenAPI notes flask-smorest attached
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if callable(permission):
                g.api_scope = permission()
            else:
                g.api_scope = require(permission, agency_wide=agency_wide)
            return view(*args, **kwargs)

        return guarded

    return decorator
