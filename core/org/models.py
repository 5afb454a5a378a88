"""Units (agency → departments → teams), positions and who holds which where."""

from __future__ import annotations

import enum

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Model, Versioned
from core.identity.models import User


class UnitKind(enum.StrEnum):
    AGENCY = "agency"
    OFFICE = "office"
    DEPARTMENT = "department"
    TEAM = "team"


class Unit(Versioned, Model):
    """A unit of the agency. ``path`` is the chain of ids from the root (``/1/4/9/``), so a
    subtree is one indexed prefix query and a move can be checked against cycles."""

    __tablename__ = "core_unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("core_unit.id", ondelete="RESTRICT"))
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    abbreviation: Mapped[str] = mapped_column(String(30))
    kind: Mapped[str] = mapped_column(String(20), default=UnitKind.DEPARTMENT.value)
    path: Mapped[str] = mapped_column(String(500), default="", index=True)
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    parent: Mapped[Unit | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Unit]] = relationship(
        back_populates="parent", order_by="(Unit.sort_order, Unit.name)", passive_deletes="all"
    )
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="unit", passive_deletes="all"
    )

    @property
    def depth(self) -> int:
        return max(self.path.count("/") - 2, 0)

    def __str__(self) -> str:
        return self.name


class Position(Versioned, Model):
    """A post such as Giám đốc, Phó Giám đốc, Chánh Văn phòng, Trưởng phòng, Chuyên viên."""

    __tablename__ = "core_position"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(150))
    rank: Mapped[int] = mapped_column(default=100)  # lower is more senior
    is_leader: Mapped[bool] = mapped_column(default=False)  # lãnh đạo cơ quan / đơn vị

    def __str__(self) -> str:
        return self.name


class Membership(Model):
    """A user's place in a unit: primary or concurrent (kiêm nhiệm), head, signing authority.

    The database refuses a second primary unit per user and a second head per unit.
    """

    __tablename__ = "core_membership"
    __table_args__ = (
        UniqueConstraint("user_id", "unit_id"),
        Index(
            "uq_core_membership_primary",
            "user_id",
            unique=True,
            sqlite_where=text("is_primary"),
            postgresql_where=text("is_primary"),
        ),
        Index(
            "uq_core_membership_head",
            "unit_id",
            unique=True,
            sqlite_where=text("is_head"),
            postgresql_where=text("is_head"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_user.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("core_unit.id", ondelete="CASCADE"), index=True)
    position_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_position.id", ondelete="SET NULL")
    )
    is_primary: Mapped[bool] = mapped_column(default=True)
    is_head: Mapped[bool] = mapped_column(default=False)
    can_sign: Mapped[bool] = mapped_column(default=False)

    user: Mapped[User] = relationship()
    unit: Mapped[Unit] = relationship(back_populates="memberships")
    position: Mapped[Position | None] = relationship()

    def __str__(self) -> str:
        return f"{self.user} — {self.unit}"
