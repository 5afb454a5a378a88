"""The only way to create users and check credentials (CLI, admin and API all call these)."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.db import utcnow
from core.errors import VanPhongError
from core.identity.models import User
from core.identity.passwords import hash_password, needs_rehash, verify_password

MIN_PASSWORD_LENGTH = 12


class IdentityError(VanPhongError):
    """A user cannot be created or changed; the message names the field and the rule."""


def find_user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == normalise_username(username)))


def normalise_username(username: str) -> str:
    """Usernames are stored lower-case, so the unique constraint is case-insensitive."""
    return username.strip().lower()


def create_user(
    session: Session,
    username: str,
    password: str,
    full_name: str = "",
    email: str = "",
    superuser: bool = False,
) -> User:
    """Add a user; refuses a duplicate username (case-insensitive) or a short password."""
    username = normalise_username(username)
    if not username:
        raise IdentityError(_("Username: required."))
    if find_user(session, username) is not None:
        raise IdentityError(_("Username: %(name)s is already taken.", name=username))
    if len(password) < MIN_PASSWORD_LENGTH:
        raise IdentityError(_("Password: at least %(n)d characters.", n=MIN_PASSWORD_LENGTH))
    user = User(
        username=username,
        password_hash=hash_password(password),
        full_name=full_name,
        email=email,
        is_superuser=superuser,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with these credentials, or None; upgrades an outdated hash."""
    user = find_user(session, username)
    if not verify_password(user.password_hash if user else None, password):
        return None
    if user is None or not user.active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user
