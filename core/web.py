"""Health check and the response headers every page gets."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, request
from flask_babel import gettext as _
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from core import hookimpl
from core.db import db

bp = Blueprint("core_web", __name__)

PRIVATE_PREFIXES = ("/admin", "/login", "/logout", "/account", "/locale")


@bp.route("/healthz")
def healthz():
    """200 when the database answers, 503 otherwise; no authentication, no details."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


@bp.before_app_request
def refuse_nul_bytes():
    """A form field or query parameter holding a NUL byte is refused (400) before any view
    sees it: no field means one, and PostgreSQL cannot store it. The API names the field in
    its own error format instead."""
    if request.path.startswith("/api/"):
        return None
    fields = [*request.args.items(multi=True), *request.form.items(multi=True)]
    if any("\x00" in name or "\x00" in value for name, value in fields):
        abort(400, description=_("A field holds a NUL byte; remove it and send the form again."))
    return None


@bp.after_app_request
def security_headers(response):
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if request.path.startswith(PRIVATE_PREFIXES):
        response.headers["Cache-Control"] = "no-store"
        response.vary.add("Cookie")
    return response


@hookimpl
def register_blueprints(app):
    return [bp]
