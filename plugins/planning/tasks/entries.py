"""Tasks on the unified calendar (each open task's deadline, as an all-day entry) and in the
unified search, for the user the core asks about (the feed's owner for a calendar feed)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from core import CalendarEntry, SearchHit
from core.db import word_filters
from core.i18n import agency_zone
from core.identity.access import scope_paths
from plugins.planning.tasks.models import OPEN_STATUSES, Task
from plugins.planning.tasks.notices import task_link
from plugins.planning.tasks.rules import VIEW, day_text, status_label, visible

#: The most deadlines one calendar request shows, and the most search hits.
CALENDAR_LIMIT = 300
SEARCH_LIMIT = 20


def _seen_by(query: Any, user: Any) -> Any:
    """``query`` limited to the tasks ``user`` may see (None when they may see none)."""
    if not getattr(user, "is_authenticated", False) or not user.can(VIEW):
        return None
    paths = scope_paths(user, VIEW)
    return query if paths is None else query.where(visible(paths, user))


def deadlines(session: Session, start: datetime, end: datetime, user: Any) -> list[CalendarEntry]:
    """Open tasks whose deadline in force falls in ``[start, end)``, as all-day entries."""
    zone = agency_zone()
    first, last = start.astimezone(zone).date(), end.astimezone(zone).date()
    query = _seen_by(
        select(Task.id, Task.title, Task.deadline)
        .where(
            Task.status.in_([s.value for s in OPEN_STATUSES]),
            Task.deadline >= first,
            Task.deadline <= last,
        )
        .order_by(Task.deadline, Task.id)
        .limit(CALENDAR_LIMIT),
        user,
    )
    if query is None:
        return []
    entries = []
    for row in session.execute(query):
        starts = datetime.combine(row.deadline, time(0), zone).astimezone(UTC)
        if not (starts < end and starts + timedelta(days=1) > start):
            continue
        entries.append(
            CalendarEntry(
                source="planning",
                title=str(_l("Deadline: %(title)s", title=row.title)),
                starts=starts,
                ends=starts + timedelta(days=1),
                url=task_link(row.id),
                uid=f"planning-task-{row.id}-deadline",
                extra={"all_day": True, "kind": "task_deadline"},
                permission=VIEW,  # not over the lead unit: supporting units see it too
            )
        )
    return entries


def search_hits(session: Session, query: str, user: Any) -> list[SearchHit]:
    """Tasks whose title, description or source match every word of ``query``."""
    found = _seen_by(
        select(Task.id, Task.title, Task.status, Task.deadline)
        .where(*word_filters((Task.title, Task.description, Task.cites), query))
        .order_by(Task.deadline.desc(), Task.id.desc())
        .limit(SEARCH_LIMIT),
        user,
    )
    if found is None:
        return []
    return [
        SearchHit(
            source="planning",
            title=row.title,
            url=task_link(row.id),
            summary=f"{status_label(row.status)} · {day_text(row.deadline)}",
            permission=VIEW,
            group=_l("Tasks"),
        )
        for row in session.execute(found)
    ]
