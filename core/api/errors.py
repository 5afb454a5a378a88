"""One JSON error format for the whole API: ``{"error": {"code", "message", "fields"}}``.

``fields`` maps each offending input (a body field, a query parameter; nested ones as dotted
paths) to its messages. Statuses: 400 malformed request, 401 not signed in, 403 not allowed,
404 no such record (or not one the caller may see), 409 a conflict with stored data (a
duplicate, a stale version), 422 input that breaks a rule.
"""

from __future__ import annotations

import re
from typing import Any, NoReturn

from flask import jsonify, request
from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, abort

from core.api.messages import translate
from core.audit.services import record
from core.db import db
from core.errors import ConflictError, Forbidden, VanPhongError

API_PREFIX = "/api/"

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    500: "server_error",
}

LOCATIONS = {"json": "body", "query": "query", "form": "body", "headers": "headers"}


def default_message(status: int) -> str:
    messages = {
        400: _("The request is malformed."),
        401: _("Sign in, or send a valid API token as 'Authorization: Bearer …'."),
        403: _("You do not have permission to do this."),
        404: _("Not found."),
        405: _("This method is not allowed here."),
        409: _("This conflicts with the stored data."),
        413: _("The request is too large."),
        422: _("Some fields are invalid."),
    }
    return messages.get(status, _("The server could not answer this request."))


def api_abort(
    status: int,
    message: str | None = None,
    *,
    code: str | None = None,
    fields: dict[str, Any] | None = None,
) -> NoReturn:
    """Stop the request with the API's error format."""
    try:
        abort(status)
    except HTTPException as exc:
        exc.data = {"message": message, "code": code, "fields": fields or {}}  # type: ignore[attr-defined]
        raise
    raise AssertionError("unreachable")  # pragma: no cover


def flatten(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages as ``{"a.0.b": ["…"]}``, each translated."""
    flat: dict[str, list[str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            flat.update(flatten(value, name))
    elif isinstance(messages, list | tuple):
        if all(isinstance(m, str) for m in messages):
            flat[prefix or "body"] = [translate(m) for m in messages]
        else:
            for item in messages:
                flat.update(flatten(item, prefix))
    else:
        flat[prefix or "body"] = [translate(str(messages))]
    return flat


def _fields_of(data: dict[str, Any]) -> dict[str, list[str]]:
    if data.get("fields"):
        return flatten(data["fields"])
    messages = data.get("messages") or {}  # webargs: keyed by location
    fields: dict[str, list[str]] = {}
    for location, errors in messages.items():
        if isinstance(errors, dict):
            errors = {
                (LOCATIONS.get(location, location) if k == "_schema" else k): v
                for k, v in errors.items()
            }
            fields.update(flatten(errors))
        else:
            fields.update(flatten(errors, LOCATIONS.get(location, location)))
    return fields


def error_response(status: int, code: str, message: str, fields: dict[str, list[str]]) -> Any:
    response = jsonify(error={"code": code, "message": message, "fields": fields})
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="VanPhong"'
    return response


def handle_http_exception(error: HTTPException) -> Any:
    """Every HTTP error under ``/api/`` in the API's format; elsewhere the usual page."""
    if not request.path.startswith(API_PREFIX) or error.code is None:
        return error
    data = getattr(error, "data", None) or {}
    fields = _fields_of(data)
    message = data.get("message")
    if not message:
        if error.code == 400 and type(error).__name__ == "CSRFError":
            message = _("The CSRF token is missing or invalid: send it as the X-CSRFToken header.")
        elif error.code == 422 and fields:
            message = _("Invalid input: %(fields)s.", fields=", ".join(sorted(fields)))
        elif error.code == 400 and fields:
            message = _("The request is malformed: %(fields)s.", fields=", ".join(sorted(fields)))
        else:
            message = default_message(error.code)
    code = data.get("code") or CODES.get(error.code, "error")
    response = error_response(error.code, code, str(message), fields)
    if error.code == 405 and error.valid_methods:  # type: ignore[attr-defined]
        response.headers["Allow"] = ", ".join(error.valid_methods)  # type: ignore[attr-defined]
    return response


UNIQUE = (
    re.compile(r"UNIQUE constraint failed: (?P<columns>[\w., ]+)"),  # SQLite
    re.compile(r"Key \((?P<columns>[^)]+)\)=.* already exists"),  # PostgreSQL
)


def _integrity_fields(exc: IntegrityError) -> dict[str, list[str]]:
    text = str(exc.orig)
    for pattern in UNIQUE:
        match = pattern.search(text)
        if match:
            columns = [c.strip().rsplit(".", 1)[-1] for c in match["columns"].split(",")]
            return {c: [_("Already used by another record.")] for c in columns}
    return {}


FOREIGN_KEY = (
    re.compile(r"FOREIGN KEY constraint failed"),  # SQLite names no column
    re.compile(r"Key \((?P<column>[^)]+)\)=.* is not present in table"),  # PostgreSQL
)


def handle_integrity_error(exc: IntegrityError) -> Any:
    db.session.rollback()
    text = str(exc.orig)
    for pattern in FOREIGN_KEY:
        match = pattern.search(text)
        if match:
            message = _("Refers to a record that does not exist.")
            column = match.groupdict().get("column")
            return error_response(422, "invalid", message, {column: [message]} if column else {})
    return error_response(409, "conflict", default_message(409), _integrity_fields(exc))


def stale_message() -> str:
    return _("Someone else changed this record since you read it; read it again.")


def handle_stale_data(exc: StaleDataError) -> Any:
    db.session.rollback()
    message = stale_message()
    return error_response(409, "stale", message, {"version": [message]})


def handle_service_error(exc: VanPhongError) -> Any:
    db.session.rollback()
    if isinstance(exc, Forbidden):
        record("permission_denied", note=f"{request.method} {request.path}: {exc}")
        return error_response(403, "forbidden", str(exc), {})
    if isinstance(exc, ConflictError):
        return error_response(409, "conflict", str(exc), {exc.field or "body": exc.details})
    fields = {exc.field: [str(exc)]} if exc.field else {}
    return error_response(422, "invalid", str(exc), fields)


def handle_validation_error(exc: ValidationError) -> Any:
    db.session.rollback()
    fields = flatten(exc.messages)
    message = _("Invalid input: %(fields)s.", fields=", ".join(sorted(fields)))
    return error_response(422, "invalid", message, fields)


#: Exceptions an API view may let through, and how each is answered.
HANDLERS = (
    (VanPhongError, handle_service_error),
    (ValidationError, handle_validation_error),
    (IntegrityError, handle_integrity_error),
    (StaleDataError, handle_stale_data),
)
