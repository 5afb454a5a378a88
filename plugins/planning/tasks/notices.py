"""What people are told about tasks: a task assigned to them (or their unit), a task returned,
an extension asked for and decided. Each notice is written in the recipient's language, in the
caller's transaction; nobody is told of their own act. The daily digest is in
:mod:`plugins.planning.tasks.urging`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import has_request_context, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from core import NotificationType
from core.notifications.services import notify_each
from core.org.models import Membership
from plugins.planning.tasks.models import ExtensionStatus, Task, TaskExtension
from plugins.planning.tasks.rules import day_text

ASSIGNED = "planning.task_assigned"
RETURNED = "planning.task_returned"
EXTENSION_REQUESTED = "planning.extension_requested"
EXTENSION_DECIDED = "planning.extension_decided"
REMINDER = "planning.task_reminder"

TYPES = [
    NotificationType(ASSIGNED, _l("A task was assigned to you or your unit"), ("inapp", "email")),
    NotificationType(RETURNED, _l("A task you assigned was returned"), ("inapp", "email")),
    NotificationType(EXTENSION_REQUESTED, _l("More time is asked for a task you assigned")),
    NotificationType(
        EXTENSION_DECIDED, _l("Your request for more time was decided"), ("inapp", "email")
    ),
    NotificationType(
        REMINDER, _l("Daily digest of tasks due soon and overdue"), ("inapp", "email")
    ),
]


def task_link(task_id: int) -> str:
    """The task's back-office page (under the app's prefix when served from a request)."""
    if has_request_context():
        return url_for("planning_task.details_view", id=task_id)
    return f"/admin/planning_task/details/?id={task_id}"


def lead_people(session: Session, task: Task) -> list[int]:
    """Who answers for the task: the lead person, or the heads of the lead unit (its members
    when it has no head)."""
    if task.lead_user_id is not None:
        return [task.lead_user_id]
    return unit_heads(session, [task.lead_unit_id]) or list(
        session.scalars(select(Membership.user_id).where(Membership.unit_id == task.lead_unit_id))
    )


def unit_heads(session: Session, unit_ids: Iterable[int | None]) -> list[int]:
    wanted = [u for u in unit_ids if u is not None]
    if not wanted:
        return []
    return list(
        session.scalars(
            select(Membership.user_id)
            .where(Membership.unit_id.in_(wanted), Membership.is_head)
            .distinct()
        )
    )


def tell(
    user_ids: Iterable[int | None],
    by: Any,
    kind: str,
    link: str,
    words: Callable[[], tuple[str, str]],
) -> None:
    """Notify ``user_ids`` (but ``by``) with ``words()`` rendered in each one's language."""
    me = getattr(by, "id", None)
    wanted = sorted({u for u in user_ids if u is not None and u != me})
    if wanted:
        notify_each(wanted, kind, words, link)


def assigned(session: Session, task: Task, by: Any) -> None:
    """The lead, and the heads of the supporting units, learn of a new (or reassigned) task."""

    def words() -> tuple[str, str]:
        return (
            _("New task: %(title)s", title=task.title)[:255],
            _(
                "Deadline %(day)s. %(cites)s",
                day=day_text(task.deadline),
                cites=task.cites or task.expected_result,
            ).strip(),
        )

    supporters = unit_heads(session, [s.unit_id for s in task.supporters])
    tell([*lead_people(session, task), *supporters], by, ASSIGNED, task_link(task.id), words)


def returned(session: Session, task: Task, by: Any) -> None:
    def words() -> tuple[str, str]:
        return (
            _("Task returned: %(title)s", title=task.title)[:255],
            _("Reason: %(reason)s", reason=task.return_reason),
        )

    tell([task.assigner_id], by, RETURNED, task_link(task.id), words)


def extension_requested(session: Session, extension: TaskExtension, by: Any) -> None:
    task = extension.task

    def words() -> tuple[str, str]:
        return (
            _("More time asked for: %(title)s", title=task.title)[:255],
            _(
                "New deadline asked: %(day)s (now %(now)s). Reason: %(reason)s",
                day=day_text(extension.requested_deadline),
                now=day_text(extension.previous_deadline),
                reason=extension.reason,
            ),
        )

    tell([task.assigner_id], by, EXTENSION_REQUESTED, task_link(task.id), words)


def extension_decided(session: Session, extension: TaskExtension, by: Any) -> None:
    task = extension.task
    approved = extension.status == ExtensionStatus.APPROVED.value

    def words() -> tuple[str, str]:
        if approved:
            subject = _("Extension approved: %(title)s", title=task.title)
            body = _("The deadline is now %(day)s.", day=day_text(task.deadline))
        else:
            subject = _("Extension refused: %(title)s", title=task.title)
            body = _("The deadline stays %(day)s.", day=day_text(task.deadline))
        if extension.decision_note:
            body = f"{body} {extension.decision_note}"
        return subject[:255], body

    people = [extension.requested_by_id, *lead_people(session, task)]
    tell(people, by, EXTENSION_DECIDED, task_link(task.id), words)
