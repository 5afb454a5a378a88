"""The home page's planning widgets: overdue tasks by unit (for those who follow units' work)
and the tasks due this week that the user, or a unit they belong to, leads. One statement each.

Both read the deadline in force (``deadline``) and open statuses, so they are right even before
the morning's urging job has turned yesterday's deadlines into ``overdue``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import render_template, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from core import Widget
from core.calendar.weeks import Week
from core.db import db
from core.i18n import agency_today
from core.identity.access import in_units, scope_paths
from core.org.models import Membership, Unit
from plugins.planning.stats.admin import VIEW as STATS_VIEW
from plugins.planning.tasks.models import OPEN_STATUSES, Task
from plugins.planning.tasks.notices import task_link
from plugins.planning.tasks.rules import VIEW as TASKS_VIEW

#: Rows a widget shows at most.
WIDGET_ROWS = 8
OPEN = [s.value for s in OPEN_STATUSES]


def overdue_by_unit(session: Session, paths: set[str] | None, limit: int = WIDGET_ROWS) -> list:
    """(unit id, unit name, overdue count) of the units under ``paths`` (None: all), most
    overdue first. A task led by a person counts in their primary unit."""
    unit = func.coalesce(Task.lead_unit_id, Membership.unit_id)
    query = (
        select(Unit.id, Unit.name, func.count())
        .select_from(Task)
        .outerjoin(Membership, and_(Membership.user_id == Task.lead_user_id, Membership.is_primary))
        .join(Unit, Unit.id == unit)
        .where(Task.status.in_(OPEN), Task.deadline < agency_today())
        .group_by(Unit.id, Unit.name)
        .order_by(func.count().desc(), Unit.name)
        .limit(limit)
    )
    if paths is not None:
        query = query.where(in_units(unit, paths))
    return list(session.execute(query).all())


def due_this_week(session: Session, user: Any, limit: int = WIDGET_ROWS) -> list[Task]:
    """Open tasks due from today to Sunday led by ``user`` or by a unit they belong to,
    soonest first."""
    today = agency_today()
    sunday = Week.of(today).monday + timedelta(days=6)
    their_units = select(Membership.unit_id).where(Membership.user_id == user.id)
    return list(
        session.scalars(
            select(Task)
            .where(
                Task.status.in_(OPEN),
                Task.deadline >= today,
                Task.deadline <= sunday,
                or_(Task.lead_user_id == user.id, Task.lead_unit_id.in_(their_units)),
            )
            .order_by(Task.deadline, Task.id)
            .limit(limit)
        )
    )


def widgets(user: Any) -> list[Widget]:
    """The widgets ``user`` may see."""
    if not user.is_authenticated:
        return []
    shown = []
    if user.can(STATS_VIEW):
        rows = overdue_by_unit(db.session, scope_paths(user, STATS_VIEW))
        html = render_template(
            "planning/stats/overdue_widget.html", rows=rows, stats=url_for("planning_stats.index")
        )
        shown.append(Widget(_l("Overdue tasks by unit"), html, order=20))
    if user.can(TASKS_VIEW):
        tasks = due_this_week(db.session, user)
        html = render_template(
            "planning/stats/week_widget.html", tasks=tasks, link=task_link, today=agency_today()
        )
        shown.append(Widget(_l("Tasks due this week"), html, order=10))
    return shown
