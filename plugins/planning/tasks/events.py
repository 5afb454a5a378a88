"""Tasks from other plugins' work: a :class:`core.events.WorkAssigned` becomes a task (once per
``(source, source_ref)``: a redelivered event creates nothing more, and a later event for the
same work — a corrected conclusion notice — revises the task while it is open), and
``work_status`` tells the emitting plugin how those tasks stand."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.events import WorkAssigned
from core.hooktypes import WorkStatus
from core.i18n import agency_today
from plugins.planning.tasks import services
from plugins.planning.tasks.models import Task
from plugins.planning.tasks.notices import task_link
from plugins.planning.tasks.rules import status_label

#: The deadline of work that came without one, in working days from its assignment.
DEFAULT_WORKING_DAYS = 10
#: How many refs one statement looks up.
CHUNK = 500


def task_from_work(session: Session, event: WorkAssigned) -> Task:
    """The task for ``event``: found when the pair (source, source_ref) is known, else made.
    Work whose deadline already passed is assigned on that day and starts overdue."""
    found = session.scalar(
        select(Task).where(Task.source == event.source, Task.source_ref == event.source_ref)
    )
    if found is not None:
        if found.is_open:
            revise(session, found, event)
        return found
    today = agency_today()
    assigned_on: date = min(today, event.deadline) if event.deadline else today
    return services.create_task(
        session,
        title=event.title[:500],
        lead_unit_id=event.lead_unit_id,
        lead_user_id=event.lead_user_id,
        supporter_unit_ids=[u for u in event.supporter_unit_ids if u != event.lead_unit_id],
        deadline=event.deadline,
        working_days=None if event.deadline else DEFAULT_WORKING_DAYS,
        assigned_on=assigned_on,
        expected_result=event.expected_result,
        assigner_id=event.assigner_id,
        source=event.source[:50],
        source_ref=event.source_ref[:200],
        cites=event.cites,
        source_url=(event.url or None) and event.url[:500],
    )


def revise(session: Session, task: Task, event: WorkAssigned) -> None:
    """Bring an open task in line with a later event for its work: what is asked, the lead,
    the supporting units, the source; a new deadline replaces the first one too (the work was
    assigned again, not extended). Progress and history stay."""
    services.edit_task(
        session,
        task,
        {
            "title": event.title[:500],
            "expected_result": event.expected_result,
            "supporter_unit_ids": [u for u in event.supporter_unit_ids if u != event.lead_unit_id],
        },
    )
    if (task.lead_unit_id, task.lead_user_id) != (event.lead_unit_id, event.lead_user_id):
        services.reassign(
            session,
            task,
            lead_unit_id=event.lead_unit_id,
            lead_user_id=event.lead_user_id,
            note=event.cites,
        )
    if event.deadline is not None and event.deadline != task.deadline:
        task.due_on = task.deadline = max(event.deadline, task.assigned_on)
        task.status = services.open_status(task, agency_today())
    task.cites = event.cites[:500]
    task.source_url = (event.url or None) and event.url[:500]
    session.flush()


def work_status(session: Session, source: str, refs: Iterable[str]) -> list[WorkStatus]:
    """How the tasks made from ``source``'s work stand, for the ``refs`` planning tracks."""
    wanted = list(dict.fromkeys(str(r) for r in refs))
    found: list[WorkStatus] = []
    for start in range(0, len(wanted), CHUNK):
        rows = session.execute(
            select(Task.id, Task.source_ref, Task.status, Task.progress, Task.deadline).where(
                Task.source == source, Task.source_ref.in_(wanted[start : start + CHUNK])
            )
        ).all()
        found.extend(
            WorkStatus(
                source_ref=row.source_ref,
                status=row.status,
                progress=row.progress,
                deadline=row.deadline,
                url=task_link(row.id),
                label=status_label(row.status),
            )
            for row in rows
        )
    return found
