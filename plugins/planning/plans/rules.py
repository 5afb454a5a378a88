"""The plan rules written once: errors, and the checks of a plan's period, its place in the
cascade and its status. Services, the API and the back office use these."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from core.errors import ConflictError, Forbidden, VanPhongError
from core.org.models import Unit
from plugins.planning.plans.access import may
from plugins.planning.plans.labels import LEVEL_LABELS, STATUS_LABELS
from plugins.planning.plans.models import Plan, PlanStatus
from plugins.planning.plans.periods import Period, is_higher


class PlanError(VanPhongError):
    """A plan or item breaks a rule; the message names the field and the rule (API: 422)."""


class NotAllowed(PlanError, Forbidden):
    """The user may not take this action on this plan (API: 403)."""


class PlanConflict(ConflictError):
    """The plan's status does not allow the change (API: 409)."""


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def require(user: Any, permission: str, plan: Plan, message: str) -> None:
    """Refuse unless ``user`` holds ``permission`` for ``plan``'s unit (or the agency's)."""
    if not may(user, permission, plan.unit_id):
        raise NotAllowed(message)


def require_status(plan: Plan, status: PlanStatus, message: str) -> None:
    if plan.status != status.value:
        raise PlanConflict(message, field="status")


def require_draft(plan: Plan) -> None:
    """Only a draft's content changes: an approved plan was approved as it stands."""
    require_status(
        plan,
        PlanStatus.DRAFT,
        _(
            "Status: the plan is %(status)s; only a draft's content may change.",
            status=status_label(plan.status),
        ),
    )


def check_period(level: str, year: int, number: int) -> Period:
    period = Period(level, year, number)
    if not period.is_valid():
        raise PlanError(
            _(
                "Period: %(number)s is not a period of level %(level)s in %(year)s.",
                number=number,
                level=str(LEVEL_LABELS.get(level, level)),
                year=year,
            ),
            field="number",
        )
    return period


def check_parent(plan: Plan, parent: Plan, parent_unit: Unit | None, unit: Unit | None) -> None:
    """A lower plan cascades from a higher one: a higher level, a period holding the child's,
    and the same owner or one above it (a unit's plan may follow the agency's)."""
    if not is_higher(parent.level, plan.level):
        raise PlanError(
            _(
                "Parent plan: a %(child)s plan cascades from a plan of a higher level, "
                "not from a %(parent)s plan.",
                child=str(LEVEL_LABELS[plan.level]).lower(),
                parent=str(LEVEL_LABELS[parent.level]).lower(),
            ),
            field="parent_id",
        )
    mine = Period(plan.level, plan.year, plan.number)
    theirs = Period(parent.level, parent.year, parent.number)
    if not theirs.contains(mine):
        raise PlanError(
            _(
                "Parent plan: its period (%(parent)s) does not contain %(child)s.",
                parent=theirs.label,
                child=mine.label,
            ),
            field="parent_id",
        )
    if parent_unit is None:
        return
    if unit is None or not unit.path.startswith(parent_unit.path):
        raise PlanError(
            _(
                "Parent plan: it belongs to %(unit)s; only that unit's plans and those of its "
                "units cascade from it.",
                unit=parent_unit.name,
            ),
            field="parent_id",
        )
