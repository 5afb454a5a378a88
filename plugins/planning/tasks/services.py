"""Task operations, the only way tasks are written: assign, edit, report progress (with
attachments), complete, return, reassign, cancel, reopen; and the overdue sweep.

Every function checks everything before it writes, works in the caller's transaction and never
commits: a refused change leaves nothing half-saved. ``by`` is the user acting (checked,
recorded, not notified of their own act); None means the system (a job, a domain event).
Extension requests live in :mod:`plugins.planning.tasks.extensions`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import IO, Any

from flask_babel import gettext as _
from sqlalchemy import update
from sqlalchemy.orm import Session

from core.db import utcnow
from core.i18n import agency_today
from plugins.planning.common import store_upload
from plugins.planning.tasks import notices
from plugins.planning.tasks.checks import (
    check_plan_item,
    check_priority,
    deadline_of,
    one_lead,
    require_may_assign,
    supporters_of,
    text_of,
)
from plugins.planning.tasks.models import (
    ExtensionStatus,
    Task,
    TaskAttachment,
    TaskPriority,
    TaskStatus,
    TaskSupporter,
    TaskUpdate,
    UpdateKind,
)
from plugins.planning.tasks.rules import (
    NotAllowed,
    TaskError,
    describe,
    is_lead,
    require_lead,
    require_manager,
    require_open,
)

#: The most attachments one progress update may carry.
MAX_ATTACHMENTS = 10
UPLOAD_FOLDER = "tasks"

Upload = tuple[IO[bytes], str]  # a readable stream and the file's name


def create_task(
    session: Session,
    *,
    title: str,
    lead_unit_id: int | None = None,
    lead_user_id: int | None = None,
    deadline: date | None = None,
    working_days: int | None = None,
    assigned_on: date | None = None,
    description: str = "",
    expected_result: str = "",
    priority: str = TaskPriority.NORMAL.value,
    supporter_unit_ids: Iterable[int] = (),
    plan_item_id: int | None = None,
    assigner_id: int | None = None,
    source: str | None = None,
    source_ref: str | None = None,
    cites: str = "",
    source_url: str | None = None,
    by: Any = None,
) -> Task:
    """Assign a task. The deadline is a date (``deadline``) or ``working_days`` after
    ``assigned_on`` (default today) by the working-day calendar, never both, never before the
    assignment. The lead and supporting units are told."""
    title = text_of(title, "title", _("Title: required."))
    one_lead(session, lead_unit_id, lead_user_id)
    if by is not None:
        require_may_assign(session, by, lead_unit_id, lead_user_id)
    check_priority(priority)
    assigned_on = assigned_on or agency_today()
    due = deadline_of(session, assigned_on, deadline, working_days)
    supporters = supporters_of(session, supporter_unit_ids, lead_unit_id)
    check_plan_item(session, plan_item_id)
    task = Task(
        title=title,
        description=(description or "").strip(),
        expected_result=(expected_result or "").strip(),
        priority=priority,
        lead_unit_id=lead_unit_id,
        lead_user_id=lead_user_id,
        assigner_id=assigner_id if assigner_id is not None else getattr(by, "id", None),
        assigned_on=assigned_on,
        due_on=due,
        deadline=due,
        status=(TaskStatus.OVERDUE if due < agency_today() else TaskStatus.NOT_STARTED).value,
        plan_item_id=plan_item_id,
        source=source,
        source_ref=source_ref,
        cites=(cites or "").strip()[:500],
        source_url=source_url,
        created_by_id=getattr(by, "id", None),
        supporters=[TaskSupporter(unit_id=u) for u in supporters],
    )
    session.add(task)
    session.flush()
    notices.assigned(session, task, by)
    return task


def edit_task(session: Session, task: Task, changes: dict[str, Any], *, by: Any = None) -> None:
    """Change what a task asks: title, description, expected result, priority, supporting
    units, plan item. The lead and the deadline change by reassignment and extensions."""
    require_manager(by, task)
    values: dict[str, Any] = {}
    if "title" in changes:
        values["title"] = text_of(changes["title"], "title", _("Title: required."))
    for name in ("description", "expected_result"):
        if name in changes:
            values[name] = (changes[name] or "").strip()
    if "priority" in changes:
        check_priority(changes["priority"])
        values["priority"] = changes["priority"]
    if "plan_item_id" in changes:
        check_plan_item(session, changes["plan_item_id"])
        values["plan_item_id"] = changes["plan_item_id"]
    if "supporter_unit_ids" in changes:
        wanted = supporters_of(session, changes["supporter_unit_ids"], task.lead_unit_id)
        have = {s.unit_id: s for s in task.supporters}
        values["supporters"] = [have.get(u) or TaskSupporter(unit_id=u) for u in wanted]
    with session.no_autoflush:
        for name, value in values.items():
            setattr(task, name, value)
    session.flush()


def report_progress(
    session: Session,
    task: Task,
    *,
    progress: int,
    note: str = "",
    files: Sequence[Upload] = (),
    by: Any = None,
) -> TaskUpdate:
    """The lead reports how far the task is (0–100 %), with a note and attachments. A first
    report starts the task; 100 % completes it (on time or late against the deadline in
    force)."""
    require_lead(session, by, task)
    require_open(task, _("progress can be reported"))
    _require_not_returned(task)
    if isinstance(progress, bool) or not isinstance(progress, int) or not 0 <= progress <= 100:
        raise TaskError(_("Progress: a whole number from 0 to 100 %."), field="progress")
    if len(files) > MAX_ATTACHMENTS:
        raise TaskError(
            _("Attachments: at most %(n)d per update.", n=MAX_ATTACHMENTS), field="files"
        )
    stored = [store_upload(session, stream, name, UPLOAD_FOLDER) for stream, name in files]
    with session.no_autoflush:
        entry = _history(task, UpdateKind.PROGRESS, by, note, progress)
        entry.attachments = [
            TaskAttachment(
                filename=f.filename,
                stored_name=f.stored_name,
                content_type=f.content_type,
                size=f.size,
            )
            for f in stored
        ]
        task.progress = progress
        if progress == 100:
            _finish(task, agency_today())
        elif task.status == TaskStatus.NOT_STARTED.value:
            task.status = TaskStatus.IN_PROGRESS.value
    session.flush()
    return entry


def complete(
    session: Session,
    task: Task,
    *,
    completed_on: date | None = None,
    note: str = "",
    by: Any = None,
) -> None:
    """Mark the task done: on time when ``completed_on`` (default today) is on or before the
    deadline in force, late otherwise."""
    require_lead(session, by, task)
    require_open(task, _("it can be completed"))
    _require_not_returned(task)
    today = agency_today()
    completed_on = completed_on or today
    if completed_on > today or completed_on < task.assigned_on:
        raise TaskError(_("Completed on: between the assignment and today."), field="completed_on")
    with session.no_autoflush:
        _history(task, UpdateKind.COMPLETED, by, note, 100)
        task.progress = 100
        _finish(task, completed_on)
    session.flush()


def cancel(session: Session, task: Task, *, reason: str, by: Any = None) -> None:
    """Cancel an open task, saying why; a waiting extension request is refused with it."""
    require_manager(by, task)
    require_open(task, _("it can be cancelled"))
    reason = text_of(reason, "reason", _("Reason: say why the task is cancelled."))
    with session.no_autoflush:
        _history(task, UpdateKind.CANCELLED, by, reason)
        task.status = TaskStatus.CANCELLED.value
        _close_pending_extensions(task, by, _("The task was cancelled."))
    session.flush()


def reopen(session: Session, task: Task, *, reason: str, by: Any = None) -> None:
    """Open a finished or cancelled task again (its status follows its deadline and progress)."""
    require_manager(by, task)
    if task.is_open:
        raise TaskError(
            _("Status: task %(task)s is still open.", task=describe(task)), field="status"
        )
    reason = text_of(reason, "reason", _("Reason: say why the task is reopened."))
    with session.no_autoflush:
        _history(task, UpdateKind.REOPENED, by, reason)
        task.completed_on = None
        if task.progress == 100:
            task.progress = 90
        task.status = open_status(task, agency_today())
    session.flush()


def return_task(session: Session, task: Task, *, reason: str, by: Any = None) -> None:
    """The lead hands the task back with a reason; it waits for the assigner to reassign or
    cancel it (and is not urged meanwhile)."""
    if by is not None and not is_lead(session, by, task):
        raise NotAllowed(
            _("Only the lead of task %(task)s may return it.", task=describe(task)), field="task"
        )
    require_open(task, _("it can be returned"))
    _require_not_returned(task)
    reason = text_of(reason, "reason", _("Reason: say why the task is returned."))
    with session.no_autoflush:
        _history(task, UpdateKind.RETURNED, by, reason)
        task.returned_at = utcnow()
        task.return_reason = reason
    session.flush()
    notices.returned(session, task, by)


def reassign(
    session: Session,
    task: Task,
    *,
    lead_unit_id: int | None = None,
    lead_user_id: int | None = None,
    note: str = "",
    by: Any = None,
) -> None:
    """Give an open task a new lead (after a return, or at will); the new lead is told."""
    require_manager(by, task)
    require_open(task, _("it can be reassigned"))
    unit, user = one_lead(session, lead_unit_id, lead_user_id)
    if by is not None:
        require_may_assign(session, by, lead_unit_id, lead_user_id)
    with session.no_autoflush:
        _history(task, UpdateKind.REASSIGNED, by, note)
        task.lead_unit, task.lead_user = unit, user
        task.supporters = [s for s in task.supporters if s.unit_id != lead_unit_id]
        task.returned_at, task.return_reason = None, ""
    session.flush()
    notices.assigned(session, task, by)


def mark_overdue(session: Session, today: date) -> int:
    """Turn every open task whose deadline in force has passed into ``overdue``, in one
    statement; returns how many changed."""
    result: Any = session.execute(
        update(Task)
        .where(
            Task.status.in_([TaskStatus.NOT_STARTED.value, TaskStatus.IN_PROGRESS.value]),
            Task.deadline < today,
        )
        .values(status=TaskStatus.OVERDUE.value, version=Task.version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)


def open_status(task: Task, today: date) -> str:
    """The status an open task has by its deadline in force and progress."""
    if task.deadline < today:
        return TaskStatus.OVERDUE.value
    if task.progress > 0 or task.status == TaskStatus.IN_PROGRESS.value:
        return TaskStatus.IN_PROGRESS.value
    return TaskStatus.NOT_STARTED.value


def deadline_from(session: Session, assigned_on: date, working_days: int) -> date:
    """The deadline "within ``working_days`` working days" of ``assigned_on``."""
    return deadline_of(session, assigned_on, None, working_days)


# -- helpers --------------------------------------------------------------------------------


def _require_not_returned(task: Task) -> None:
    if task.returned_at is not None:
        raise TaskError(
            _(
                "Status: task %(task)s was returned by its lead and awaits reassignment.",
                task=describe(task),
            ),
            field="status",
        )


def _history(
    task: Task, kind: UpdateKind, by: Any, note: str, progress: int | None = None
) -> TaskUpdate:
    entry = TaskUpdate(
        kind=kind.value,
        progress=progress,
        note=(note or "").strip(),
        author_id=getattr(by, "id", None),
        created_at=utcnow(),
    )
    task.updates.append(entry)
    return entry


def _finish(task: Task, completed_on: date) -> None:
    task.completed_on = completed_on
    on_time = completed_on <= task.deadline
    task.status = (TaskStatus.DONE_ON_TIME if on_time else TaskStatus.DONE_LATE).value
    _close_pending_extensions(task, None, _("The task was completed."))


def _close_pending_extensions(task: Task, by: Any, note: str) -> None:
    for extension in task.extensions:
        if extension.status == ExtensionStatus.REQUESTED.value:
            extension.status = ExtensionStatus.REFUSED.value
            extension.decided_by_id = getattr(by, "id", None)
            extension.decided_at = utcnow()
            extension.decision_note = note
