"""Sign-in throttling: after repeated failures an account, and separately a source address,
must wait. Thresholds and the window are settings (``VANPHONG_LOGIN_*``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select

from core.db import db, utcnow
from core.identity.models import LoginAttempt


def blocked_until(username: str, ip: str) -> datetime | None:
    """When this account or address may try again, or None if it may now.

    Called after this attempt was recorded (as a failure until proven otherwise), so parallel
    guesses each count the others: the check and the record cannot race."""
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
        if count > limit and latest is not None:
            return latest + window
    return None


def note_attempt(username: str, ip: str) -> LoginAttempt:
    """Record an attempt as failed and commit at once (the sign-in page writes nothing before),
    so it counts even if the rest of the request fails; success is marked afterwards."""
    attempt = LoginAttempt(at=utcnow(), username=username, ip=ip, success=False)
    db.session.add(attempt)
    db.session.commit()
    return attempt
