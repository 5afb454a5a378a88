"""The checks on what a task is given — its title, one lead, the deadline (a date or working
days), priority, supporting units, plan item — each refusing with a message that names the
field. The services run them all before they write anything."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.calendar.services import add_working_days
from core.db import Model
from core.identity.access import can, scope_paths
from core.identity.models import User
from core.org.models import Membership, Unit
from plugins.planning.tasks.models import PRIORITIES
from plugins.planning.tasks.rules import MANAGE, NotAllowed, TaskError, day_text

#: The most working days a deadline may lie after the assignment ("within N working days").
MAX_WORKING_DAYS = 750


def text_of(value: Any, field: str, message: str) -> str:
    text = (value or "").strip() if isinstance(value, str) else ""
    if not text:
        raise TaskError(message, field=field)
    return text


def one_lead(
    session: Session, unit_id: int | None, user_id: int | None
) -> tuple[Unit | None, User | None]:
    """The lead, exactly one: an active unit or an active person."""
    if (unit_id is None) == (user_id is None):
        raise TaskError(
            _("Lead: exactly one lead, a unit or a person — not both, not none."),
            field="lead_unit_id" if unit_id is not None else "lead",
        )
    if unit_id is not None:
        unit = session.get(Unit, unit_id)
        if unit is None or not unit.active:
            raise TaskError(_("Lead unit: no such active unit."), field="lead_unit_id")
        return unit, None
    user = session.get(User, user_id)
    if user is None or not user.active:
        raise TaskError(_("Lead person: no such active user."), field="lead_user_id")
    return None, user


def require_may_assign(session: Session, by: Any, unit_id: int | None, user_id: int | None) -> None:
    """A holder of planning.task.manage across the agency assigns to anyone; a holder over
    some units assigns to those units and to their members."""
    if scope_paths(by, MANAGE) is None:
        return
    if unit_id is not None:
        allowed, field = can(by, MANAGE, unit_id), "lead_unit_id"
    else:
        units = session.scalars(select(Membership.unit_id).where(Membership.user_id == user_id))
        allowed, field = any(can(by, MANAGE, u) for u in units), "lead_user_id"
    if not allowed:
        raise NotAllowed(_("Lead: not a unit or person you may assign work to."), field=field)


def check_priority(priority: str) -> None:
    if priority not in PRIORITIES:
        raise TaskError(
            _("Priority: one of %(values)s.", values=", ".join(PRIORITIES)), field="priority"
        )


def deadline_of(
    session: Session, assigned_on: date, deadline: date | None, working_days: int | None
) -> date:
    if (deadline is None) == (working_days is None):
        raise TaskError(
            _("Deadline: give a date or a number of working days, not both, not none."),
            field="deadline",
        )
    if working_days is not None:
        if not 1 <= working_days <= MAX_WORKING_DAYS:
            raise TaskError(
                _("Working days: from 1 to %(n)d.", n=MAX_WORKING_DAYS), field="working_days"
            )
        return add_working_days(session, assigned_on, working_days)
    assert deadline is not None
    if deadline < assigned_on:
        raise TaskError(
            _(
                "Deadline: on or after the day of assignment (%(day)s).",
                day=day_text(assigned_on),
            ),
            field="deadline",
        )
    return deadline


def supporters_of(session: Session, unit_ids: Iterable[int], lead_unit_id: int | None) -> list[int]:
    wanted = list(dict.fromkeys(int(u) for u in unit_ids))
    if lead_unit_id in wanted:
        raise TaskError(
            _("Supporting units: the lead unit cannot also support."), field="supporter_unit_ids"
        )
    if wanted:
        found = set(session.scalars(select(Unit.id).where(Unit.id.in_(wanted))))
        missing = [u for u in wanted if u not in found]
        if missing:
            raise TaskError(
                _("Supporting units: no such unit %(ids)s.", ids=", ".join(map(str, missing))),
                field="supporter_unit_ids",
            )
    return wanted


def check_plan_item(session: Session, plan_item_id: int | None) -> None:
    if plan_item_id is None:
        return
    items = Model.metadata.tables["planning_plan_item"]
    if session.execute(select(items.c.id).where(items.c.id == plan_item_id)).first() is None:
        raise TaskError(_("Plan item: no such item."), field="plan_item_id")
