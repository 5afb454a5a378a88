"""Urging (đôn đốc): the daily digest of tasks due soon, due today and overdue, with
escalations — one notification per person per day, never one per task.

Who hears of an open task (not returned) whose deadline in force is near or past:

- its lead: the lead person, or the heads of the lead unit — sections *overdue*, *due today*,
  *due soon* (within ``soon_days`` working days);
- after ``head_after`` working days overdue, the head of the lead person's unit (a unit-led
  task's heads already hear of it) — section *escalated to you as unit head*;
- after ``assigner_after`` more working days, the assigner — section *escalated to you as
  assigner*.

The selection is set-based: one statement finds the people to urge (their ids: as many as
people, never as tasks), then one statement per batch of people reads their sections (at most
``per_section`` tasks each, with the section's total), each branch of the query limited to the
batch's people. Statements grow with the number of people, never with the number of tasks;
memory holds one batch of sections. A person already sent today's digest
(``planning_urging_log``, keyed by person and day) is skipped: running the job twice a day
sends nothing new.

Settings: app config keys ``PLANNING_URGE_SOON_DAYS``, ``PLANNING_URGE_HEAD_AFTER``,
``PLANNING_URGE_ASSIGNER_AFTER`` (or environment variables ``VANPHONG_PLANNING_URGE_…``),
defaults :data:`DEFAULTS` — the core has no plugin-settings mechanism.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from typing import Any

from flask import Flask, current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import CompoundSelect, and_, case, exists, func, literal, select, union_all
from sqlalchemy.orm import Session, aliased

from core.calendar.services import add_working_days
from core.identity.models import User
from core.notifications.services import notify
from core.org.models import Membership
from plugins.planning.tasks.models import OPEN_STATUSES, Task, UrgingLog
from plugins.planning.tasks.notices import REMINDER
from plugins.planning.tasks.rules import day_text

#: Sections of a digest, in the order they are shown.
STAGES = ("assigner", "head", "overdue", "today", "soon")
ESCALATIONS = ("assigner", "head")

DEFAULTS = {"soon_days": 3, "head_after": 3, "assigner_after": 5}


@dataclass(frozen=True)
class UrgingSettings:
    soon_days: int = DEFAULTS["soon_days"]  # working days before the deadline
    head_after: int = DEFAULTS["head_after"]  # working days overdue before the head hears
    assigner_after: int = DEFAULTS["assigner_after"]  # more working days before the assigner
    per_section: int = 10  # tasks listed per section; the rest are counted
    batch: int = 2000  # people whose sections are read at a time (most agencies: one batch)


def urging_settings(app: Flask | None = None) -> UrgingSettings:
    """The settings from the app's config (``PLANNING_URGE_*``), else the environment."""
    config = (app or current_app).config
    values = {}
    for name, default in DEFAULTS.items():
        key = f"PLANNING_URGE_{name.upper()}"
        raw = config.get(key, os.environ.get(f"VANPHONG_{key}", default))
        values[name] = max(0, int(raw))
    return UrgingSettings(**values)


@dataclass(frozen=True)
class Line:
    task_id: int
    title: str
    deadline: date


@dataclass
class Digest:
    """One person's digest: per section, the total and the first tasks."""

    user_id: int
    locale: str | None
    sections: dict[str, tuple[int, list[Line]]] = field(default_factory=dict)

    @property
    def task_count(self) -> int:
        return sum(total for total, _lines in self.sections.values())

    @property
    def escalated_count(self) -> int:
        return sum(self.sections[s][0] for s in ESCALATIONS if s in self.sections)


@dataclass(frozen=True)
class Window:
    """The dates a day's urging compares deadlines with."""

    today: date
    soon_until: date
    head_cutoff: date  # overdue tasks with a deadline on or before: the head hears
    assigner_cutoff: date  # ... on or before: the assigner hears

    @classmethod
    def of(cls, session: Session, today: date, settings: UrgingSettings) -> Window:
        return cls(
            today=today,
            soon_until=add_working_days(session, today, settings.soon_days),
            head_cutoff=add_working_days(session, today, -settings.head_after),
            assigner_cutoff=add_working_days(
                session, today, -(settings.head_after + settings.assigner_after)
            ),
        )


def recipients_query(window: Window, users: tuple[int, int] | None = None) -> CompoundSelect[Any]:
    """(user_id, task_id, stage) for every person to hear of every task today — with ids in
    the range ``users`` only, when given: one UNION ALL over the open tasks whose deadline is
    near or past (the (status, deadline) index), each branch limited to those people."""
    open_ = and_(Task.status.in_([s.value for s in OPEN_STATUSES]), Task.returned_at.is_(None))
    stage = case(
        (Task.deadline < window.today, literal("overdue")),
        (Task.deadline == window.today, literal("today")),
        else_=literal("soon"),
    )
    near = and_(open_, Task.deadline <= window.soon_until)

    def among(column: Any) -> Any:
        # "+ 0": an expression, so no index on the person columns is chosen over the one on
        # (status, deadline) — a batch's people have most of their tasks far from due.
        return (column + 0).between(*users) if users is not None else column.is_not(None)

    lead_person = select(
        Task.lead_user_id.label("user_id"), Task.id.label("task_id"), stage.label("stage")
    ).where(near, among(Task.lead_user_id))
    heads = aliased(Membership)
    lead_unit_heads = (
        select(heads.user_id, Task.id, stage)
        .join(heads, and_(heads.unit_id == Task.lead_unit_id, heads.is_head))
        .where(near, among(heads.user_id))
    )
    own, head = aliased(Membership), aliased(Membership)
    to_head = (
        select(head.user_id, Task.id, literal("head"))
        .join(own, and_(own.user_id == Task.lead_user_id + 0, own.is_primary))
        .join(
            head,
            and_(head.unit_id == own.unit_id, head.is_head, head.user_id != Task.lead_user_id),
        )
        .where(open_, Task.deadline <= window.head_cutoff, among(head.user_id))
    )
    to_assigner = select(Task.assigner_id, Task.id, literal("assigner")).where(
        open_, Task.deadline <= window.assigner_cutoff, among(Task.assigner_id)
    )
    return union_all(lead_person, lead_unit_heads, to_head, to_assigner)


def pending_people(session: Session, window: Window) -> list[int]:
    """Who is to get a digest today and has not: active people with a task near or past its
    deadline, or escalated to them, in order of id (as many as people, never as tasks)."""
    pairs = recipients_query(window).subquery("u")
    return list(
        session.scalars(
            select(pairs.c.user_id)
            .where(_pending(pairs.c.user_id, window.today))
            .group_by(pairs.c.user_id)
            .order_by(pairs.c.user_id)
        )
    )


def _pending(user_id: Any, today: date) -> Any:
    """The person is active and has not had today's digest."""
    return and_(
        ~exists().where(UrgingLog.user_id == user_id, UrgingLog.day == today),
        exists().where(User.id == user_id, User.active),
    )


def select_digests(
    session: Session, window: Window, settings: UrgingSettings
) -> Iterator[list[Digest]]:
    """Today's digests not yet sent, in batches of at most ``settings.batch`` people: one
    statement finds the people, one more per batch reads their sections, whatever the number
    of tasks; memory holds one batch of sections at a time."""
    people = pending_people(session, window)
    for start in range(0, len(people), settings.batch):
        batch = people[start : start + settings.batch]
        yield _digests(session, window, (batch[0], batch[-1]), settings.per_section)


def _digests(
    session: Session, window: Window, users: tuple[int, int], per_section: int
) -> list[Digest]:
    """The digests of the pending people whose ids lie in the range ``users``."""
    pairs = recipients_query(window, users).subquery("u")
    order = case({s: i for i, s in enumerate(STAGES)}, value=pairs.c.stage)
    partition = (pairs.c.user_id, pairs.c.stage)
    ranked = (
        select(
            pairs.c.user_id,
            pairs.c.stage,
            order.label("stage_order"),
            Task.id.label("task_id"),
            Task.title,
            Task.deadline,
            func.row_number()
            .over(partition_by=partition, order_by=(Task.deadline, Task.id))
            .label("rank"),
            func.count().over(partition_by=partition).label("total"),
        )
        .join(Task, Task.id == pairs.c.task_id)
        .where(_pending(pairs.c.user_id, window.today))
        .subquery("r")
    )
    rows = session.execute(
        select(ranked, User.locale)
        .join(User, User.id == ranked.c.user_id)
        .where(ranked.c.rank <= per_section)
        .order_by(ranked.c.user_id, ranked.c.stage_order, ranked.c.rank)
    ).all()
    digests = []
    for user_id, group in groupby(rows, key=lambda row: row.user_id):
        group_rows = list(group)
        digest = Digest(user_id, group_rows[0].locale)
        for stage, lines in groupby(group_rows, key=lambda row: row.stage):
            listed = list(lines)
            digest.sections[stage] = (
                listed[0].total,
                [Line(r.task_id, r.title, r.deadline) for r in listed],
            )
        digests.append(digest)
    return digests


def send(session: Session, digests: list[Digest], today: date) -> int:
    """Notify each person of their digest and record it as sent today; returns how many."""
    default = current_app.extensions["vanphong"].settings.locale
    for digest in digests:
        with force_locale(digest.locale or default):
            subject, body = digest_text(digest)
        notify([digest.user_id], REMINDER, subject, body, "/admin/planning_my_tasks/")
        session.add(
            UrgingLog(
                user_id=digest.user_id,
                day=today,
                task_count=digest.task_count,
                escalated_count=digest.escalated_count,
            )
        )
    session.flush()
    return len(digests)


def digest_text(digest: Digest) -> tuple[str, str]:
    """The digest's subject and body in the current language."""
    headings = {
        "assigner": _("Overdue, escalated to you as the assigner"),
        "head": _("Overdue, escalated to you as the unit head"),
        "overdue": _("Overdue"),
        "today": _("Due today"),
        "soon": _("Due soon"),
    }
    counts = {s: digest.sections.get(s, (0, []))[0] for s in STAGES}
    overdue = counts["overdue"] + counts["head"] + counts["assigner"]
    subject = _(
        "Tasks to follow up: %(overdue)d overdue, %(today)d due today, %(soon)d due soon",
        overdue=overdue,
        today=counts["today"],
        soon=counts["soon"],
    )
    parts = []
    for stage in STAGES:
        if stage not in digest.sections:
            continue
        total, lines = digest.sections[stage]
        parts.append(f"{headings[stage]} ({total}):")
        parts.extend(
            f"- #{line.task_id} {line.title} — "
            + _("deadline %(day)s", day=day_text(line.deadline))
            for line in lines
        )
        if total > len(lines):
            parts.append(_("… and %(n)d more.", n=total - len(lines)))
    return subject, "\n".join(parts)
