"""Work programmes and plans (chương trình, kế hoạch công tác) and their items.

A plan covers one period at one level — a year, a half year, a quarter, a month or an ISO week —
for the whole agency (``unit_id`` NULL) or for one unit. A lower plan cascades from a higher one
(``parent_id``), and each of its items may cascade from an item of that higher plan
(``PlanItem.parent_id``). An item's ``progress`` is a cache of the weighted roll-up of the
items cascading from it and of the tasks attached to it (``planning_task.plan_item_id``); see
:mod:`plugins.planning.plans.progress`.

The database keeps what it can: the period number fits the level, one work programme per
period and owner (a unit, or the agency), progress 0–100, weights 1–100, and an issued document
only on a published plan.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    cast,
    func,
    select,
    text,
)
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from core.db import Model, Versioned, utcnow
from core.identity.models import User
from core.org.models import Unit
from core.registry.models import Document


class PlanKind(enum.StrEnum):
    """A work programme (chương trình, numbered CTr) or a plan (kế hoạch, numbered KH)."""

    PROGRAMME = "programme"
    PLAN = "plan"


class PlanLevel(enum.StrEnum):
    YEAR = "year"
    HALF_YEAR = "half_year"
    QUARTER = "quarter"
    MONTH = "month"
    WEEK = "week"


class PlanStatus(enum.StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    PUBLISHED = "published"


class SourceKind(enum.StrEnum):
    """What an item's source citation is: a directive (chỉ thị, chỉ đạo), a conclusion notice
    (thông báo kết luận) or another document."""

    DIRECTIVE = "directive"
    CONCLUSION = "conclusion"
    OTHER = "other"


KINDS = tuple(k.value for k in PlanKind)
LEVELS = tuple(level.value for level in PlanLevel)
STATUSES = tuple(s.value for s in PlanStatus)
SOURCE_KINDS = tuple(s.value for s in SourceKind)

#: The highest period number of each level (weeks: ISO weeks, 52 or 53 a year).
PERIODS_PER_YEAR = {"year": 1, "half_year": 2, "quarter": 4, "month": 12, "week": 53}


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _period_fits_level() -> str:
    return " OR ".join(
        f"(level = '{level}' AND number BETWEEN 1 AND {count})"
        for level, count in PERIODS_PER_YEAR.items()
    )


class PlanItem(Versioned, Model):
    """One line of a plan: what is to be done, by which lead unit, when, why (its source), with
    which weight in the roll-up; ``parent_id`` is the item of the higher plan it cascades from.

    ``progress`` is cached: computed from the items cascading from it and from its tasks when it
    has any, otherwise the progress reported by hand (``reported_progress``), else 0."""

    __tablename__ = "planning_plan_item"
    __table_args__ = (
        CheckConstraint("progress >= 0 AND progress <= 100", name="progress"),
        CheckConstraint(
            "reported_progress IS NULL OR (reported_progress >= 0 AND reported_progress <= 100)",
            name="reported_progress",
        ),
        CheckConstraint("weight >= 1 AND weight <= 100", name="weight"),
        CheckConstraint(
            "source_kind = '' OR " + _one_of("source_kind", SOURCE_KINDS), name="source"
        ),
        CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
        Index("ix_planning_plan_item_plan_position", "plan_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("planning_plan.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("planning_plan_item.id", ondelete="RESTRICT"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(1000))
    description: Mapped[str] = mapped_column(Text, default="")
    lead_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_unit.id", ondelete="SET NULL"), index=True
    )
    due_on: Mapped[date | None] = mapped_column()
    timing: Mapped[str] = mapped_column(String(100), default="")  # "Quý II", "Cả năm"
    source_kind: Mapped[str] = mapped_column(String(20), default="")
    source_number: Mapped[str] = mapped_column(String(80), default="")
    source_text: Mapped[str] = mapped_column(String(1000), default="")
    weight: Mapped[int] = mapped_column(default=1)
    # Reported by hand; counts only while nothing rolls up into the item.
    reported_progress: Mapped[int | None] = mapped_column()
    progress: Mapped[int] = mapped_column(default=0)  # the cache the roll-up keeps

    plan: Mapped[Plan] = relationship(back_populates="items")
    parent: Mapped[PlanItem | None] = relationship(remote_side=[id])
    lead_unit: Mapped[Unit | None] = relationship()

    @property
    def source_label(self) -> str:
        """The citation as one line: "Thông báo kết luận số 12/TB-SNV: …"."""
        from plugins.planning.plans.labels import source_label

        return source_label(self.source_kind, self.source_number, self.source_text)

    def __str__(self) -> str:
        return self.title


class Plan(Versioned, Model):
    """A programme or plan of one period, for the agency or one unit: draft → approved →
    published, then optionally issued as a numbered CTr/KH document of the core register."""

    __tablename__ = "planning_plan"
    __table_args__ = (
        CheckConstraint(_one_of("kind", KINDS), name="kind"),
        CheckConstraint(_one_of("level", LEVELS), name="level"),
        CheckConstraint(_one_of("status", STATUSES), name="status"),
        CheckConstraint(_period_fits_level(), name="period"),
        CheckConstraint("year BETWEEN 1900 AND 2199", name="year"),
        CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
        CheckConstraint("document_id IS NULL OR status = 'published'", name="issued_published"),
        # One work programme per period and owner; plans (KH) may be many (thematic plans).
        Index(
            "uq_planning_plan_agency_programme",
            "level",
            "year",
            "number",
            unique=True,
            sqlite_where=text("kind = 'programme' AND unit_id IS NULL"),
            postgresql_where=text("kind = 'programme' AND unit_id IS NULL"),
        ),
        Index(
            "uq_planning_plan_unit_programme",
            "unit_id",
            "level",
            "year",
            "number",
            unique=True,
            sqlite_where=text("kind = 'programme' AND unit_id IS NOT NULL"),
            postgresql_where=text("kind = 'programme' AND unit_id IS NOT NULL"),
        ),
        Index("ix_planning_plan_period", "year", "level", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default=PlanKind.PLAN.value)
    level: Mapped[str] = mapped_column(String(20))
    year: Mapped[int] = mapped_column()
    number: Mapped[int] = mapped_column(default=1)  # the half, quarter, month or ISO week
    unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_unit.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=PlanStatus.DRAFT.value)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("planning_plan.id", ondelete="RESTRICT"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    approved_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL")
    )
    approved_at: Mapped[datetime | None] = mapped_column()
    published_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL")
    )
    published_at: Mapped[datetime | None] = mapped_column()
    # The numbered document (CTr or KH) the plan was issued as.
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_document.id", ondelete="SET NULL"), index=True
    )
    document_symbol: Mapped[str] = mapped_column(String(80), default="")
    signed_on: Mapped[date | None] = mapped_column()
    signer: Mapped[str] = mapped_column(String(150), default="")

    #: The plan's progress: the weighted average of its items' (read with the plan, no query).
    progress: Mapped[int] = column_property(
        select(
            func.coalesce(
                cast(
                    func.round(
                        func.sum(PlanItem.weight * PlanItem.progress)
                        * 1.0
                        / func.sum(PlanItem.weight)
                    ),
                    Integer,
                ),
                0,
            )
        )
        .where(PlanItem.plan_id == id)
        .correlate_except(PlanItem)
        .scalar_subquery()
    )

    unit: Mapped[Unit | None] = relationship()
    parent: Mapped[Plan | None] = relationship(remote_side=[id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])
    document: Mapped[Document | None] = relationship()
    items: Mapped[list[PlanItem]] = relationship(
        back_populates="plan",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(PlanItem.position, PlanItem.id)",
    )

    @property
    def period_label(self) -> str:
        from plugins.planning.plans.periods import Period

        return Period(self.level, self.year, self.number).label

    @property
    def owner_name(self) -> str:
        return str(self.unit) if self.unit is not None else ""

    def __str__(self) -> str:
        return self.title


#: Every model of this concept, in the order the ``register_models`` hook lists them.
MODELS = [Plan, PlanItem]
