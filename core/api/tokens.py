"""Making, revoking and checking personal API tokens."""

from __future__ import annotations

import secrets
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload

from core.api.models import ApiToken
from core.db import db, utcnow
from core.errors import VanPhongError
from core.identity.models import Role, RoleAssignment, User
from core.text import digest

TOKEN_PREFIX = "vp_"  # noqa: S105 - not a secret: marks VanPhong tokens
MAX_DAYS = 366
TOUCH_EVERY = timedelta(seconds=60)  # last_used_at is written at most once a minute


class TokenError(VanPhongError):
    """A token cannot be made as asked; the message names the field and the rule."""


def create_token(
    session: Session, user: User, name: str, days: int, read_only: bool = False
) -> tuple[ApiToken, str]:
    """Make a token for ``user`` valid ``days`` days; returns the record and the token, which
    is not stored and cannot be shown again."""
    name = name.strip()
    if not 1 <= len(name) <= 100:
        raise TokenError(_("Name: 1 to 100 characters."), field="name")
    if not 1 <= days <= MAX_DAYS:
        raise TokenError(_("Valid for: 1 to %(n)d days.", n=MAX_DAYS), field="days")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        name=name,
        prefix=raw[:10],
        token_hash=digest(raw),
        read_only=read_only,
        expires_at=utcnow() + timedelta(days=days),
    )
    session.add(token)
    session.flush()
    return token, raw


def revoke_token(session: Session, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        session.flush()


def user_for_token(raw: str) -> tuple[User, ApiToken] | None:
    """The active user a live token acts for, with their roles and unit scopes loaded in the
    same statement; None for an unknown, expired or revoked token."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    now = utcnow()
    row = (
        db.session.execute(
            select(User, ApiToken)
            .join(ApiToken, ApiToken.user_id == User.id)
            .where(
                ApiToken.token_hash == digest(raw),
                ApiToken.revoked_at.is_(None),
                ApiToken.expires_at > now,
                User.active,
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
    user, token = row
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        db.session.execute(update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=now))
        db.session.commit()
    return user, token
