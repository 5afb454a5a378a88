"""Users, roles as sets of permissions, role assignments scoped to units, sessions, sign-ins."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Model, Versioned, utcnow

if TYPE_CHECKING:
    from core.org.models import Unit


class User(UserMixin, Versioned, Model):
    """A person who signs in. The password is stored only as an argon2id hash."""

    __tablename__ = "core_user"
    __audit_exclude__ = ("password_hash",)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(150), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    is_superuser: Mapped[bool] = mapped_column(default=False)
    locale: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    assignments: Mapped[list[RoleAssignment]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )
    unread_count = 0  # unread notifications, loaded with the signed-in user

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def can(self, permission: str, unit_id: int | None = None) -> bool:
        """Whether the user holds ``permission`` (anywhere, or over ``unit_id``'s unit)."""
        from core.identity.access import can

        return can(self, permission, unit_id)

    def __str__(self) -> str:
        return self.full_name or self.username

    def __repr__(self) -> str:
        return f"<User {self.username}>"


class PermissionRecord(Model):
    """Every permission ever registered: the catalog roles are built from. A code that first
    appears is granted to the built-in roles its ``Permission.default_roles`` name."""

    __tablename__ = "core_permission"

    code: Mapped[str] = mapped_column(String(100), primary_key=True)
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __str__(self) -> str:
        return self.code


class Role(Model):
    """A named set of permissions. ``grants_all`` (administrator) holds every permission,
    including those of plugins enabled later."""

    __tablename__ = "core_role"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(150))
    description: Mapped[str] = mapped_column(String(500), default="")
    builtin: Mapped[bool] = mapped_column(default=False)
    grants_all: Mapped[bool] = mapped_column(default=False)

    permissions: Mapped[list[RolePermission]] = relationship(
        back_populates="role", cascade="all, delete-orphan"
    )

    @property
    def permission_codes(self) -> list[str]:
        return sorted(p.permission for p in self.permissions)

    def __str__(self) -> str:
        return self.name


class RolePermission(Model):
    __tablename__ = "core_role_permission"

    role_id: Mapped[int] = mapped_column(
        ForeignKey("core_role.id", ondelete="CASCADE"), primary_key=True
    )
    permission: Mapped[str] = mapped_column(
        ForeignKey("core_permission.code", ondelete="CASCADE"), primary_key=True
    )

    role: Mapped[Role] = relationship(back_populates="permissions")


class RoleAssignment(Model):
    """A role held by a user, across the agency (``unit_id`` empty) or over one unit and its
    descendants. The database refuses the same role twice over the same scope."""

    __tablename__ = "core_role_assignment"
    __table_args__ = (
        Index(
            "uq_core_role_assignment_scope",
            "user_id",
            "role_id",
            text("coalesce(unit_id, 0)"),
            unique=True,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_user.id", ondelete="CASCADE"), index=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("core_role.id", ondelete="CASCADE"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("core_unit.id", ondelete="CASCADE"))

    user: Mapped[User] = relationship(back_populates="assignments")
    role: Mapped[Role] = relationship()
    unit: Mapped[Unit | None] = relationship()

    def __str__(self) -> str:
        return f"{self.role} @ {self.unit_id or '*'}"


class UserSession(Model):
    """A signed-in browser. The cookie carries only the id; logout, a password change or
    deactivation revokes the row, and an idle one expires."""

    __tablename__ = "core_session"
    __audit__ = False

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the cookie's id
    user_id: Mapped[int] = mapped_column(ForeignKey("core_user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ip: Mapped[str] = mapped_column(String(64), default="")
    user_agent: Mapped[str] = mapped_column(String(255), default="")
    revoked_at: Mapped[datetime | None]


class LoginAttempt(Model):
    """Every sign-in attempt, for throttling by account and by source address."""

    __tablename__ = "core_login_attempt"
    __audit__ = False
    __table_args__ = (
        Index("ix_core_login_attempt_username_at", "username", "at"),
        Index("ix_core_login_attempt_ip_at", "ip", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    username: Mapped[str] = mapped_column(String(150))
    ip: Mapped[str] = mapped_column(String(64))
    success: Mapped[bool] = mapped_column(default=False)


# Role assignments point at units: the org chart's models complete this module's mappings.
from core.org import models as _org_models  # noqa: E402, F401
