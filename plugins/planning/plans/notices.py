"""What people are told about plans: a plan was approved, sent back to draft, published.

Plans are notified in the agency's language (their titles are Vietnamese anyway); each notice
is written in the caller's transaction, so a refused change tells no one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import current_app, has_request_context, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from core import NotificationType
from core.notifications.services import notify
from core.org.models import Unit
from plugins.planning.plans.models import Plan, PlanItem

APPROVED = "planning.plan_approved"
RETURNED = "planning.plan_returned"
PUBLISHED = "planning.plan_published"

TYPES = [
    NotificationType(APPROVED, _l("A plan you drafted was approved")),
    NotificationType(RETURNED, _l("A plan you drafted was sent back to draft"), ("inapp", "email")),
    NotificationType(
        PUBLISHED, _l("A plan concerning your unit was published"), ("inapp", "email")
    ),
]


def plan_link(plan: Plan) -> str:
    """The plan's page in the back office."""
    if has_request_context():
        return url_for("planning_plan.details_view", id=plan.id)
    return f"/admin/planning_plan/details/?id={plan.id}"


def _send(recipients: Iterable[Any], kind: str, plan: Plan, words: Callable[[], tuple[str, str]]):
    chosen = list(recipients)
    if not chosen:
        return
    with force_locale(current_app.extensions["vanphong"].settings.locale):
        subject, body = words()
    notify(chosen, kind, subject, body, plan_link(plan))


def _author(plan: Plan, by: Any) -> list[int]:
    """The plan's author, unless they acted themselves."""
    author = plan.created_by_id
    return [author] if author is not None and author != getattr(by, "id", None) else []


def approved(plan: Plan, by: Any) -> None:
    _send(
        _author(plan, by),
        APPROVED,
        plan,
        lambda: (
            _("Plan approved: %(title)s", title=plan.title),
            _("%(who)s approved the plan; it may now be published.", who=by or "—"),
        ),
    )


def returned(plan: Plan, reason: str, by: Any) -> None:
    _send(
        _author(plan, by),
        RETURNED,
        plan,
        lambda: (
            _("Plan sent back to draft: %(title)s", title=plan.title),
            _("%(who)s sent the plan back to draft: %(reason)s", who=by or "—", reason=reason),
        ),
    )


def published(session: Session, plan: Plan, by: Any) -> None:
    """The plan's unit and every unit leading one of its items."""
    lead_units = select(PlanItem.lead_unit_id).where(
        PlanItem.plan_id == plan.id, PlanItem.lead_unit_id.is_not(None)
    )
    units = session.scalars(
        select(Unit).where((Unit.id == plan.unit_id) | Unit.id.in_(lead_units))
    ).all()
    _send(
        [*units, *_author(plan, by)],
        PUBLISHED,
        plan,
        lambda: (
            _("Plan published: %(title)s", title=plan.title),
            _(
                "%(period)s. Your unit leads items of this plan, or the plan is your unit's.",
                period=plan.period_label,
            ),
        ),
    )
