"""Extension requests (xin gia hạn): the lead asks to move a task's deadline, with a reason;
the assigner (or the office) approves or refuses. Approval moves the deadline in force; the
first deadline (``due_on``) stays for on-time statistics. A finished or cancelled task takes no
request, and at most one request per task waits for a decision (the database holds that too).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from core.db import utcnow
from core.errors import ConflictError
from core.i18n import agency_today
from plugins.planning.tasks import notices
from plugins.planning.tasks.models import ExtensionStatus, Task, TaskExtension, TaskStatus
from plugins.planning.tasks.rules import (
    NotAllowed,
    TaskError,
    day_text,
    describe,
    manages,
    require_lead,
    require_open,
)
from plugins.planning.tasks.services import open_status

#: The furthest an extension may move a deadline, in days after the current one.
MAX_EXTENSION_DAYS = 3 * 366


def request_extension(
    session: Session,
    task: Task,
    *,
    requested_deadline: date,
    reason: str,
    by: Any = None,
) -> TaskExtension:
    """Ask for ``requested_deadline`` (later than the deadline in force); the assigner is told."""
    require_lead(session, by, task)
    require_open(task, _("an extension can be asked for"))
    reason = (reason or "").strip()
    if not reason:
        raise TaskError(_("Reason: say why more time is needed."), field="reason")
    if requested_deadline <= task.deadline:
        raise TaskError(
            _(
                "Requested deadline: later than the deadline in force (%(day)s).",
                day=day_text(task.deadline),
            ),
            field="requested_deadline",
        )
    if (requested_deadline - task.deadline).days > MAX_EXTENSION_DAYS:
        raise TaskError(
            _("Requested deadline: at most three years after the deadline in force."),
            field="requested_deadline",
        )
    if any(e.status == ExtensionStatus.REQUESTED.value for e in task.extensions):
        raise ConflictError(
            _(
                "Task %(task)s already has an extension request awaiting a decision.",
                task=describe(task),
            ),
            field="requested_deadline",
        )
    extension = TaskExtension(
        previous_deadline=task.deadline,
        requested_deadline=requested_deadline,
        reason=reason,
        status=ExtensionStatus.REQUESTED.value,
        requested_by_id=getattr(by, "id", None),
        requested_at=utcnow(),
    )
    task.extensions.append(extension)
    session.flush()
    notices.extension_requested(session, extension, by)
    return extension


def decide_extension(
    session: Session,
    extension: TaskExtension,
    *,
    approve: bool,
    note: str = "",
    by: Any = None,
) -> None:
    """Approve (the deadline in force moves; an overdue task is open again if the new deadline
    has not passed) or refuse a waiting request; the one who asked is told."""
    task = extension.task
    if not manages(by, task):
        raise NotAllowed(
            _(
                "Only the assigner of task %(task)s or the office may decide on its extensions.",
                task=describe(task),
            ),
            field="task",
        )
    if extension.status != ExtensionStatus.REQUESTED.value:
        raise TaskError(_("Status: this extension request was already decided."), field="status")
    if approve:
        require_open(task, _("its deadline can be moved"))
    extension.status = (ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED).value
    extension.decided_by_id = getattr(by, "id", None)
    extension.decided_at = utcnow()
    extension.decision_note = (note or "").strip()
    if approve:
        task.deadline = extension.requested_deadline
        if task.status == TaskStatus.OVERDUE.value:
            task.status = open_status(task, agency_today())
    session.flush()
    notices.extension_decided(session, extension, by)
