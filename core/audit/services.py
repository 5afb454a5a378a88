"""Recording: ORM changes through session events, and security events (logins, failed logins,
permission denials) through :func:`record`.

Every model is audited unless it sets ``__audit__ = False``; columns named in
``__audit_exclude__`` and any column whose name mentions a password, token or secret are never
written, not even as "changed".
"""

from __future__ import annotations

import getpass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from flask import g, has_request_context, request
from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from core.audit.models import AuditEntry
from core.db import Model, db, utcnow

SECRET_WORDS = ("password", "token", "secret")


def _actor() -> tuple[int | None, str, str]:
    if has_request_context():
        ip = request.remote_addr or ""
        # The user Flask-Login already loaded; never trigger the loader from inside a flush.
        user = g.get("_login_user")
        if user is not None and user.is_authenticated:
            return user.id, user.username, ip
        return None, "", ip
    try:
        return None, f"cli:{getpass.getuser()}", ""
    except (KeyError, OSError):
        return None, "cli", ""


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def _audited_columns(obj: Any) -> list[Any]:
    excluded = set(getattr(obj, "__audit_exclude__", ()))
    return [
        attr
        for attr in inspect(obj).mapper.column_attrs
        if attr.key not in excluded and not any(w in attr.key.lower() for w in SECRET_WORDS)
    ]


def _changes(obj: Any, action: str) -> dict[str, Any]:
    state = inspect(obj)
    changes: dict[str, Any] = {}
    for attr in _audited_columns(obj):
        history = state.attrs[attr.key].history
        if action == "create":
            changes[attr.key] = [None, _plain(getattr(obj, attr.key))]
        elif action == "delete":
            old = history.deleted[0] if history.deleted else getattr(obj, attr.key)
            changes[attr.key] = [_plain(old), None]
        elif history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if _plain(old) != _plain(new):
                changes[attr.key] = [_plain(old), _plain(new)]
    return changes


def _entries(session: Session, actions: tuple[str, ...]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    objects_by_action = {"create": session.new, "update": session.dirty, "delete": session.deleted}
    for action in actions:
        objects = objects_by_action[action]
        for obj in objects:
            if not isinstance(obj, Model) or not getattr(obj, "__audit__", True):
                continue
            if action == "update" and not session.is_modified(obj, include_collections=False):
                continue
            rows.append({"obj": obj, "action": action, "changes": _changes(obj, action)})
    if rows:
        actor_id, actor, ip = _actor()
        for row in rows:
            row.update(actor_id=actor_id, actor=actor, ip=ip)
    return rows


@event.listens_for(Session, "before_flush")
def _collect_changes(session: Session, flush_context: Any, instances: Any) -> None:
    """Old values of changed and deleted rows, read before the flush overwrites them."""
    session.info.setdefault("vanphong_audit", []).extend(_entries(session, ("update", "delete")))


@event.listens_for(Session, "after_flush")
def _collect_creations(session: Session, flush_context: Any) -> None:
    """New rows, read after the INSERT: with their ids and database defaults."""
    session.info.setdefault("vanphong_audit", []).extend(_entries(session, ("create",)))


@event.listens_for(Session, "after_flush_postexec")
def _write(session: Session, flush_context: Any) -> None:
    pending = session.info.pop("vanphong_audit", [])
    if not pending:
        return
    now = utcnow()
    rows = []
    for item in pending:
        obj = item.pop("obj")
        identity = inspect(obj).identity
        item.update(
            at=now,
            object_type=obj.__tablename__,
            object_id=",".join(str(v) for v in identity) if identity else "",
        )
        rows.append(item)
    session.connection().execute(insert(AuditEntry), rows)


def record(
    action: str,
    object_type: str = "",
    object_id: Any = "",
    note: str = "",
    actor: str | None = None,
) -> None:
    """Record a security event (login, failed login, logout, permission denial).

    In a request it is written when the request ends, after the request's own transaction, so
    it stays even if the request fails and never waits on the request's locks; elsewhere at
    once."""
    actor_id, current, ip = _actor()
    row = {
        "at": utcnow(),
        "actor_id": actor_id,
        "actor": actor if actor is not None else current,
        "ip": ip,
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "note": note[:500],
    }
    if has_request_context():
        g.setdefault("vanphong_audit_events", []).append(row)
    else:
        _write_events([row])


def write_request_events(exc: BaseException | None = None) -> None:
    """Teardown: end the request's transaction, then write its queued security events."""
    rows = g.pop("vanphong_audit_events", None)
    if rows:
        db.session.rollback()  # what the view did not commit is discarded anyway
        _write_events(rows)


def _write_events(rows: list[dict[str, Any]]) -> None:
    with db.engine.begin() as conn:
        conn.execute(insert(AuditEntry), rows)
