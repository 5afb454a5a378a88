"""Assigned work (giao việc): tasks, their supporting units, progress updates and attachments,
extension requests, and the log of urging digests sent.

A task has exactly one lead (chủ trì) — a unit or a person, never both (``ck_..._one_lead``) —
and any number of supporting units (phối hợp). ``due_on`` is the deadline first set and never
moves (on-time statistics read it); ``deadline`` is the one in force, moved by approved
extensions. ``status`` uses the codes of :data:`core.hooktypes.WORK_STATUSES`; "done on time"
compares the completion date with the deadline in force.

A task made from a :class:`core.events.WorkAssigned` event keeps the event's ``source`` and
``source_ref``; the pair is unique, so a redelivered event cannot create the task twice.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Model, Versioned, utcnow
from core.identity.models import User
from core.org.models import Unit


class TaskStatus(enum.StrEnum):
    """The states of a task: the same codes as :data:`core.hooktypes.WORK_STATUSES`."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OVERDUE = "overdue"
    CANCELLED = "cancelled"


#: Statuses of work still to be done: the ones urged, escalated and turned overdue.
OPEN_STATUSES = (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS, TaskStatus.OVERDUE)
#: Statuses of finished work: no progress, extension or return any more.
DONE_STATUSES = (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE)


class TaskPriority(enum.StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class UpdateKind(enum.StrEnum):
    """What a line of a task's history records."""

    PROGRESS = "progress"  # the lead reports a percentage and a note
    RETURNED = "returned"  # the lead hands the task back with a reason
    REASSIGNED = "reassigned"  # the assigner gives a returned task a new lead
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    REOPENED = "reopened"


class ExtensionStatus(enum.StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REFUSED = "refused"


STATUSES = tuple(s.value for s in TaskStatus)
PRIORITIES = tuple(p.value for p in TaskPriority)
UPDATE_KINDS = tuple(k.value for k in UpdateKind)
EXTENSION_STATUSES = tuple(s.value for s in ExtensionStatus)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Task(Versioned, Model):
    """A piece of assigned work, tracked until done or cancelled."""

    __tablename__ = "planning_task"
    __table_args__ = (
        CheckConstraint("(lead_unit_id IS NULL) <> (lead_user_id IS NULL)", name="one_lead"),
        CheckConstraint(_one_of("status", STATUSES), name="status"),
        CheckConstraint(_one_of("priority", PRIORITIES), name="priority"),
        CheckConstraint("progress >= 0 AND progress <= 100", name="progress"),
        CheckConstraint("due_on >= assigned_on", name="due_after_assignment"),
        CheckConstraint("deadline >= assigned_on", name="deadline_after_assignment"),
        CheckConstraint(
            "status NOT IN ('done_on_time', 'done_late') OR completed_on IS NOT NULL",
            name="done_has_date",
        ),
        CheckConstraint("(source IS NULL) = (source_ref IS NULL)", name="source_with_ref"),
        UniqueConstraint("source", "source_ref"),
        # The urging job and "overdue by unit" select on these.
        Index("ix_planning_task_status_deadline", "status", "deadline"),
        Index("ix_planning_task_lead_unit_status", "lead_unit_id", "status"),
        Index("ix_planning_task_lead_user_status", "lead_user_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    expected_result: Mapped[str] = mapped_column(Text, default="")
    priority: Mapped[str] = mapped_column(String(10), default=TaskPriority.NORMAL.value)
    lead_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_unit.id", ondelete="RESTRICT")
    )
    lead_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="RESTRICT")
    )
    assigner_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL"), index=True
    )
    assigned_on: Mapped[date] = mapped_column()
    due_on: Mapped[date] = mapped_column()  # the first deadline, kept for statistics
    deadline: Mapped[date] = mapped_column()  # the deadline in force
    status: Mapped[str] = mapped_column(String(20), default=TaskStatus.NOT_STARTED.value)
    progress: Mapped[int] = mapped_column(default=0)
    completed_on: Mapped[date | None] = mapped_column()
    returned_at: Mapped[datetime | None] = mapped_column()  # set while awaiting a new lead
    return_reason: Mapped[str] = mapped_column(Text, default="")
    plan_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("planning_plan_item.id", ondelete="SET NULL"), index=True
    )
    source: Mapped[str | None] = mapped_column(String(50))
    source_ref: Mapped[str | None] = mapped_column(String(200))
    cites: Mapped[str] = mapped_column(String(500), default="")
    source_url: Mapped[str | None] = mapped_column(String(500))
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    lead_unit: Mapped[Unit | None] = relationship(foreign_keys=[lead_unit_id])
    lead_user: Mapped[User | None] = relationship(foreign_keys=[lead_user_id])
    assigner: Mapped[User | None] = relationship(foreign_keys=[assigner_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    supporters: Mapped[list[TaskSupporter]] = relationship(
        back_populates="task", cascade="all, delete-orphan", passive_deletes=True
    )
    updates: Mapped[list[TaskUpdate]] = relationship(
        back_populates="task",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="TaskUpdate.id",
    )
    extensions: Mapped[list[TaskExtension]] = relationship(
        back_populates="task",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="TaskExtension.id",
    )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def lead_name(self) -> str:
        lead = self.lead_unit or self.lead_user
        return str(lead) if lead is not None else ""

    def __str__(self) -> str:
        return self.title


class TaskSupporter(Model):
    """A supporting unit (đơn vị phối hợp) of a task."""

    __tablename__ = "planning_task_supporter"

    task_id: Mapped[int] = mapped_column(
        ForeignKey("planning_task.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[int] = mapped_column(
        ForeignKey("core_unit.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    task: Mapped[Task] = relationship(back_populates="supporters")
    unit: Mapped[Unit] = relationship()


class TaskUpdate(Model):
    """One line of a task's history: a progress report (percentage, note, attachments), a
    return with its reason, a reassignment, a completion, a cancellation or a reopening."""

    __tablename__ = "planning_task_update"
    __table_args__ = (
        CheckConstraint(_one_of("kind", UPDATE_KINDS), name="kind"),
        CheckConstraint("progress IS NULL OR (progress >= 0 AND progress <= 100)", name="progress"),
        Index("ix_planning_task_update_task_created", "task_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("planning_task.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20), default=UpdateKind.PROGRESS.value)
    progress: Mapped[int | None] = mapped_column()
    note: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("core_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    task: Mapped[Task] = relationship(back_populates="updates")
    author: Mapped[User | None] = relationship()
    attachments: Mapped[list[TaskAttachment]] = relationship(
        back_populates="update", cascade="all, delete-orphan", passive_deletes=True
    )


class TaskAttachment(Model):
    """A file attached to a progress update, stored under the instance folder as
    ``stored_name`` (a random name; ``filename`` is what the user uploaded)."""

    __tablename__ = "planning_task_attachment"
    __table_args__ = (CheckConstraint("size >= 0", name="size"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    update_id: Mapped[int] = mapped_column(
        ForeignKey("planning_task_update.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(255), unique=True)
    content_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    update: Mapped[TaskUpdate] = relationship(back_populates="attachments")

    def __str__(self) -> str:
        return self.filename


class TaskExtension(Versioned, Model):
    """A request to move a task's deadline, decided by the assigner (or the office). At most
    one request per task waits for a decision at a time (``uq_..._pending``)."""

    __tablename__ = "planning_task_extension"
    __table_args__ = (
        CheckConstraint(_one_of("status", EXTENSION_STATUSES), name="status"),
        CheckConstraint("requested_deadline > previous_deadline", name="later_than_previous"),
        CheckConstraint("status = 'requested' OR decided_at IS NOT NULL", name="decided_has_time"),
        Index(
            "uq_planning_task_extension_pending",
            "task_id",
            unique=True,
            sqlite_where=text("status = 'requested'"),
            postgresql_where=text("status = 'requested'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(
        ForeignKey("planning_task.id", ondelete="CASCADE"), index=True
    )
    previous_deadline: Mapped[date] = mapped_column()
    requested_deadline: Mapped[date] = mapped_column()
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=ExtensionStatus.REQUESTED.value)
    requested_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL")
    )
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None] = mapped_column()
    decision_note: Mapped[str] = mapped_column(Text, default="")

    task: Mapped[Task] = relationship(back_populates="extensions")
    requested_by: Mapped[User | None] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])


class UrgingLog(Model):
    """One urging digest sent: at most one per person per day, so running the job twice on a
    day sends nothing new."""

    __tablename__ = "planning_urging_log"
    __audit__ = False  # bookkeeping of the job; the notifications themselves are the record

    user_id: Mapped[int] = mapped_column(
        ForeignKey("core_user.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(primary_key=True, index=True)
    task_count: Mapped[int] = mapped_column(default=0)
    escalated_count: Mapped[int] = mapped_column(default=0)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)


#: Every model of this concept, in the order the ``register_models`` hook lists them.
MODELS = [Task, TaskSupporter, TaskUpdate, TaskAttachment, TaskExtension, UrgingLog]
