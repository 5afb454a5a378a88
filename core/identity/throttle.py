"""Sign-in throttling: after repeated failures an account, and separately a source address,
must wait. Thresholds and the window are settings (``VANPHONG_LOGIN_*``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, insert, select

from core.db import db, utcnow
from core.identity.models import LoginAttempt


def blocked_until(username: str, ip: str) -> datetime | None:
    """When this account or address may try again, or None if it may now."""
    settings = current_app.extensions["vanphong"].settings
    window = timedelta(minutes=settings.login_lockout_minutes)
    since = utcnow() - window
    last_success = (
        select(func.max(LoginAttempt.at))
        .where(LoginAttempt.username == username, LoginAttempt.success)
        .scalar_subquery()
    )
    by_account = db.session.execute(
        select(func.count(), func.max(LoginAttempt.at)).where(
            LoginAttempt.username == username,
            ~LoginAttempt.success,
            LoginAttempt.at > since,
            LoginAttempt.at > func.coalesce(last_success, since),
        )
    ).one()
    by_address = db.session.execute(
        select(func.count(), func.max(LoginAttempt.at)).where(
            LoginAttempt.ip == ip, ~LoginAttempt.success, LoginAttempt.at > since
        )
    ).one()
    for (count, latest), limit in (
        (by_account, settings.login_max_failures_account),
        (by_address, settings.login_max_failures_address),
    ):
        if count >= limit and latest is not None:
            return latest + window
    return None


def note_attempt(username: str, ip: str, success: bool) -> None:
    """Record an attempt in its own transaction (a failed login must count even so)."""
    with db.engine.begin() as conn:
        conn.execute(
            insert(LoginAttempt).values(at=utcnow(), username=username, ip=ip, success=success)
        )
