"""Server-side sign-in sessions: a new id at every login, revoked at logout, after a password
change or deactivation, and expired after the idle timeout.

The signed cookie carries the session id; the database keeps only its SHA-256. Loading the
signed-in user checks the session and loads the user's roles, permissions and unit scopes in
one statement, so a page pays one query for identity and access.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, request, session
from flask_login import current_user, logout_user
from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload

from core.db import db, utcnow
from core.identity.models import Role, RoleAssignment, User, UserSession
from core.notifications.models import Notification

SESSION_KEY = "vp_sid"
TOUCH_EVERY = timedelta(seconds=60)  # last_seen is written at most once a minute
MAX_AGE = timedelta(hours=12)  # however active, a session ends after a working day


def _digest(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()


def create(user_id: int, ip: str = "", user_agent: str = "") -> str:
    """Record a new session for ``user_id`` in the current transaction; returns its id."""
    sid = secrets.token_urlsafe(32)
    db.session.add(
        UserSession(id=_digest(sid), user_id=user_id, ip=ip, user_agent=user_agent[:255])
    )
    return sid


def start(user: User) -> None:
    """Begin a fresh session for ``user``: nothing from the previous session survives, and a
    previous signed-in session in this browser is revoked."""
    previous = session.get(SESSION_KEY)
    if previous:
        db.session.execute(
            update(UserSession)
            .where(UserSession.id == _digest(previous))
            .values(revoked_at=utcnow())
        )
    session.clear()
    session[SESSION_KEY] = create(
        user.id, request.remote_addr or "", request.user_agent.string or ""
    )
    session.permanent = True


def end() -> None:
    """Revoke the current session and forget the cookie's contents."""
    sid = session.get(SESSION_KEY)
    if sid:
        db.session.execute(
            update(UserSession).where(UserSession.id == _digest(sid)).values(revoked_at=utcnow())
        )
    logout_user()
    session.clear()


def revoke_all(user_id: int, keep_current: bool = False) -> None:
    """Revoke every session of a user (password change or reset, deactivation)."""
    query = update(UserSession).where(
        UserSession.user_id == user_id, UserSession.revoked_at.is_(None)
    )
    sid = session.get(SESSION_KEY) if keep_current else None
    if sid:
        query = query.where(UserSession.id != _digest(sid))
    db.session.execute(query.values(revoked_at=utcnow()))


def load_early() -> None:
    """Before each request: load the signed-in user first, so the loader's own small commit
    (last seen, expiry) never lands in the middle of a view's work."""
    _ = current_user.is_authenticated


def load_user(user_id: str) -> User | None:
    """Flask-Login's user loader: the active user of a live, non-idle session, with their
    grants loaded in the same statement."""
    sid = session.get(SESSION_KEY)
    if not sid or not user_id.isdigit():
        return None
    auth = request.authorization
    if auth is not None and auth.type == "bearer":
        return None  # a bearer token speaks for the request, not the browser's cookie
    unread = (
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == User.id, Notification.read_at.is_(None))
        .correlate(User)
        .scalar_subquery()
    )
    row = (
        db.session.execute(
            select(User, UserSession, unread)
            .join(UserSession, UserSession.user_id == User.id)
            .where(
                User.id == int(user_id),
                User.active,
                UserSession.id == _digest(sid),
                UserSession.revoked_at.is_(None),
            )
            .options(
                joinedload(User.assignments)
                .joinedload(RoleAssignment.role)
                .joinedload(Role.permissions),
                joinedload(User.assignments).joinedload(RoleAssignment.unit),
            )
        )
        .unique()
        .first()
    )
    if row is None:
        return None
    user, record, user.unread_count = row
    now = utcnow()
    idle = timedelta(minutes=current_app.extensions["vanphong"].settings.idle_timeout_minutes)
    if now - record.last_seen_at > idle or now - record.created_at > MAX_AGE:
        record.revoked_at = now
        db.session.commit()
        return None
    if now - record.last_seen_at > TOUCH_EVERY:
        record.last_seen_at = now
        db.session.commit()
    return user
