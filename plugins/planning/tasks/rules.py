"""The task rules written once: errors, permission codes, who may act on a task, and how a
task and its status are named in messages. Services, the API and the back office use these.

- The **lead** (chủ trì) reports progress, returns the task and asks for more time: the lead
  person, or a member of the lead unit.
- The **assigner** — or a holder of ``planning.task.manage`` across the agency (the office) —
  edits, reassigns, completes on the lead's behalf, cancels, reopens and decides extension
  requests; never a unit head for a task someone else assigned to their unit. A holder of
  ``planning.task.manage`` over some units assigns work to those units and their members.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from core import EVERYONE, Permission
from core.errors import Forbidden, VanPhongError
from core.identity.access import in_units, scope_paths, users_in_units
from core.identity.models import User
from core.org.models import Membership
from plugins.planning.tasks.models import Task, TaskStatus, TaskSupporter

VIEW = "planning.task.view"
MANAGE = "planning.task.manage"
REPORT = "planning.task.report"

PERMISSIONS = [
    Permission(VIEW, _l("See tasks (of one's units, or all)"), default_roles=EVERYONE),
    Permission(
        REPORT,
        _l("Report progress on, return and ask more time for the tasks one leads"),
        default_roles=EVERYONE,
    ),
    Permission(
        MANAGE,
        _l("Assign tasks, and edit, cancel and decide on the tasks one assigned or manages"),
        default_roles=("office", "unit_head"),
    ),
]

STATUS_LABELS = {
    TaskStatus.NOT_STARTED.value: _l("not started"),
    TaskStatus.IN_PROGRESS.value: _l("in progress"),
    TaskStatus.DONE_ON_TIME.value: _l("done on time"),
    TaskStatus.DONE_LATE.value: _l("done late"),
    TaskStatus.OVERDUE.value: _l("overdue"),
    TaskStatus.CANCELLED.value: _l("cancelled"),
}
#: Lines of a task's history, and the states of an extension request.
EVENT_LABELS = {
    "progress": _l("progress report"),
    "returned": _l("returned"),
    "reassigned": _l("reassigned"),
    "completed": _l("completed"),
    "cancelled": _l("cancelled"),
    "reopened": _l("reopened"),
    "requested": _l("awaiting a decision"),
    "approved": _l("approved"),
    "refused": _l("refused"),
}
PRIORITY_LABELS = {
    "low": _l("low"),
    "normal": _l("normal"),
    "high": _l("high"),
    "urgent": _l("urgent"),
}


class TaskError(VanPhongError):
    """A task change breaks a rule; the message names the field and the rule (API: 422)."""


class NotAllowed(TaskError, Forbidden):
    """The user may not take this action on this task (API: 403)."""


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def day_text(day: date | None) -> str:
    return format_date(day, "dd/MM/yyyy") if day else ""


def describe(task: Task) -> str:
    """``#12 "Title"`` as messages name a task."""
    return f'#{task.id} "{task.title}"'


def is_lead(session: Session, user: Any, task: Task) -> bool:
    """Whether ``user`` is the task's lead person or a member of its lead unit."""
    user_id = getattr(user, "id", None)
    if user_id is None:
        return False
    if task.lead_user_id is not None:
        return bool(task.lead_user_id == user_id)
    return bool(
        session.scalar(
            select(
                exists().where(
                    Membership.user_id == user_id, Membership.unit_id == task.lead_unit_id
                )
            )
        )
    )


def manages(user: Any, task: Task) -> bool:
    """The assigner, or a holder of planning.task.manage across the agency (the office); the
    system (``None``) too. A unit head assigns to their units, and manages what they assigned."""
    if user is None:
        return True
    if task.assigner_id is not None and task.assigner_id == getattr(user, "id", None):
        return True
    return scope_paths(user, MANAGE) is None


def require_lead(session: Session, user: Any, task: Task) -> None:
    if user is not None and not (is_lead(session, user, task) or manages(user, task)):
        raise NotAllowed(
            _("Only the lead of task %(task)s may do this.", task=describe(task)), field="task"
        )


def require_manager(user: Any, task: Task) -> None:
    if not manages(user, task):
        raise NotAllowed(
            _(
                "Only the assigner of task %(task)s or the office may do this.",
                task=describe(task),
            ),
            field="task",
        )


def require_open(task: Task, action: str) -> None:
    """Refuse ``action`` on a task that is finished or cancelled."""
    if not task.is_open:
        raise TaskError(
            _(
                "Status: task %(task)s is %(status)s; %(action)s only while it is open.",
                task=describe(task),
                status=status_label(task.status),
                action=action,
            ),
            field="status",
        )


def visible(paths: set[str], user: Any = None) -> ColumnElement[bool]:
    """The record rule: tasks of the units under ``paths`` (led by one of them or by a member,
    or supported by one of them), and ``user``'s own tasks (led or assigned; default: the
    signed-in user)."""
    supported = select(TaskSupporter.task_id).where(in_units(TaskSupporter.unit_id, paths))
    led_by_member = select(User.id).where(users_in_units(paths))
    me = getattr(user if user is not None else current_user, "id", None)
    return or_(
        in_units(Task.lead_unit_id, paths),
        Task.lead_user_id.in_(led_by_member),
        Task.id.in_(supported),
        Task.lead_user_id == me,
        Task.assigner_id == me,
    )
