"""The only way to create and change users and roles, and to check credentials (CLI, admin,
API and demo all call these)."""

from __future__ import annotations

import re
from datetime import datetime

from flask_babel import format_datetime
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.db import utcnow
from core.errors import ConflictError, VanPhongError
from core.identity import passwords
from core.identity.access import forget_grants
from core.identity.models import PermissionRecord, Role, RoleAssignment, RolePermission, User

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9 .()-]{6,30}$")
LOCALES = ("vi", "en")


class IdentityError(VanPhongError):
    """A user or role change breaks a rule; the message names the field and the rule."""


class UsernameTaken(IdentityError, ConflictError):
    """The username belongs to someone else (the API answers 409)."""


class SignInRefused(IdentityError):
    """Credentials were refused; ``until`` is set while the account or address is throttled."""

    def __init__(self, message: str, until: datetime | None = None) -> None:
        super().__init__(message)
        self.until = until


def normalise_username(username: str) -> str:
    """Usernames are stored lower-case, so the unique constraint is case-insensitive."""
    return username.strip().lower()


def find_user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == normalise_username(username)))


def check_password(password: str, username: str = "") -> None:
    problem = passwords.policy_problem(password, username)
    if problem == "short":
        raise IdentityError(
            _("Password: at least %(n)d characters.", n=passwords.MIN_LENGTH), field="password"
        )
    if problem == "common":
        raise IdentityError(
            _("Password: too common; choose one that is hard to guess."), field="password"
        )
    if problem == "username":
        raise IdentityError(_("Password: must not contain the username."), field="password")


def _check_fields(email: str = "", phone: str = "", locale: str | None = None) -> None:
    if email and not EMAIL.match(email):
        raise IdentityError(_("E-mail: not a valid address."), field="email")
    if phone and not PHONE.match(phone):
        raise IdentityError(
            _("Phone: digits, spaces and + ( ) . - only, 6 to 30 characters."), field="phone"
        )
    if locale is not None and locale not in LOCALES:
        raise IdentityError(_("Language: vi or en."), field="locale")


def create_user(
    session: Session,
    username: str,
    password: str,
    full_name: str = "",
    email: str = "",
    phone: str = "",
    superuser: bool = False,
    password_hash: str | None = None,
) -> User:
    """Add a user; refuses a duplicate username (case-insensitive) or a weak password.

    ``password_hash``, an argon2 hash of ``password`` made earlier, spares hashing the same
    initial password again when many users are created at once (demo, imports)."""
    username = normalise_username(username)
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]{1,149}", username):
        raise IdentityError(
            _("Username: 2-150 letters, digits, '.', '_' or '-'."), field="username"
        )
    if find_user(session, username) is not None:
        raise UsernameTaken(
            _("Username: %(name)s is already taken.", name=username), field="username"
        )
    check_password(password, username)
    _check_fields(email, phone)
    user = User(
        username=username,
        password_hash=password_hash or passwords.hash_password(password),
        full_name=full_name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        is_superuser=superuser,
    )
    session.add(user)
    session.flush()
    return user


def update_user(session: Session, user: User) -> None:
    """Validate a user edited through a form (the admin sets the fields, then calls this)."""
    _check_fields(user.email, user.phone, user.locale)
    if not user.active:
        from core.identity import sessions

        sessions.revoke_all(user.id)
    session.flush()


def check_reach(user: User, paths: set[str] | None) -> None:
    """A manager whose ``core.user.manage`` covers only the units under ``paths`` may not
    change a superuser or anyone holding a role beyond those units (they could otherwise take
    over that person's rights). ``paths`` None: the manager acts across the agency."""
    if paths is None:
        return
    beyond = user.is_superuser or any(
        a.unit is None or not any(a.unit.path.startswith(p) for p in paths)
        for a in user.assignments
    )
    if beyond:
        raise IdentityError(_("User: holds rights beyond the units you manage."))


def set_password(
    session: Session, user: User, new_password: str, keep_current_session: bool
) -> None:
    """Replace the password and sign the user out everywhere else."""
    from core.identity import sessions

    check_password(new_password, user.username)
    user.password_hash = passwords.hash_password(new_password)
    sessions.revoke_all(user.id, keep_current=keep_current_session)
    session.flush()


def change_own_password(session: Session, user: User, current: str, new: str) -> None:
    if not passwords.verify_password(user.password_hash, current):
        raise IdentityError(_("Current password: wrong."))
    set_password(session, user, new, keep_current_session=True)


def sign_in(session: Session, username: str, password: str, ip: str) -> User:
    """The active user with these credentials; refuses while the account or address is
    throttled. Every attempt is recorded."""
    from core.identity import throttle

    username = normalise_username(username)
    attempt = throttle.note_attempt(username, ip)
    until = throttle.blocked_until(username, ip)
    if until is not None:
        raise SignInRefused(
            _(
                "Too many failed sign-ins. Try again after %(time)s.",
                time=format_datetime(until, "HH:mm"),
            ),
            until,
        )
    user = find_user(session, username)
    valid = passwords.verify_password(user.password_hash if user else None, password)
    if not valid or user is None or not user.active:
        raise SignInRefused(_("Wrong username or password, or the account is disabled."))
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    user.last_login_at = utcnow()
    attempt.success = True
    return user


def assign_role(
    session: Session, user: User, role: Role, unit_id: int | None = None
) -> RoleAssignment:
    """Give ``user`` a role across the agency or over one unit's subtree."""
    assignment = RoleAssignment(user=user, role=role, unit_id=unit_id)
    session.add(assignment)
    session.flush()
    forget_grants()
    return assignment


def set_role_permissions(session: Session, role: Role, codes: list[str]) -> None:
    """Make ``role`` hold exactly ``codes`` (permissions from the catalog)."""
    wanted = set(codes)
    unknown = wanted - set(session.scalars(select(PermissionRecord.code)))
    if unknown:
        raise IdentityError(
            _("Permissions: unknown codes %(codes)s.", codes=", ".join(sorted(unknown)))
        )
    for granted in list(role.permissions):
        if granted.permission not in wanted:
            role.permissions.remove(granted)
            session.delete(granted)  # an explicit delete, so the audit log records it
    held = {p.permission for p in role.permissions}
    role.permissions.extend(RolePermission(permission=code) for code in sorted(wanted - held))
    session.flush()
    forget_grants()


def find_users(session: Session, query: str, paths: set[str] | None, limit: int = 20) -> list[User]:
    """Active users matching every word of ``query`` in username, name or e-mail (ignoring
    diacritics), among the members of the units under ``paths`` (None: everyone)."""
    from core.db import word_filters
    from core.identity.access import users_in_units

    conditions = word_filters((User.username, User.full_name, User.email), query)
    if paths is not None:
        conditions.append(users_in_units(paths))
    statement = select(User).where(User.active, *conditions).order_by(User.full_name)
    return list(session.scalars(statement.limit(limit)))
