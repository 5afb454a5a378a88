"""Progress that rolls up: a year item ← the month items cascading from it ← their tasks.

An item's progress is the weighted average of what contributes to it: each item cascading from
it, with that item's ``weight``, and each of its tasks with weight 1 (a finished task counts
100 %, a cancelled one not at all). An item with no contributor shows the progress reported by
hand (``reported_progress``), else 0. The result is cached in ``planning_plan_item.progress``.

The roll-up is set-based: one UPDATE per plan level, from the week up to the year, each
computing every affected item of that level from a GROUP BY over its contributors (so an
item's children, one level down, are already fresh). Refreshing a plan also refreshes the plans
it cascades from, since their items depend on it: at most one statement to find them and five
UPDATEs, whatever the number of items and tasks.

When it runs:

- after every flush that creates, deletes or changes the progress, status or plan item of a
  task (:func:`track_task_changes` listens on the ORM session: the task services need not know
  plans exist, and the cache is right in the same transaction);
- after the plan services change items (weights, cascades, deletions, manual progress);
- hourly, the ``planning.plan_progress`` job refreshes everything, catching changes written
  around the ORM (a bulk UPDATE of tasks, a database restored from elsewhere).
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from itertools import chain
from typing import Any

from sqlalchemy import (
    Integer,
    Table,
    case,
    cast,
    event,
    func,
    inspect,
    literal,
    select,
    union_all,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import Subquery

from plugins.planning.plans.models import Plan, PlanItem, PlanLevel
from plugins.planning.tasks.models import DONE_STATUSES, Task, TaskStatus

#: Levels from the lowest up: an item's contributors are always one level below it.
BOTTOM_UP = [level.value for level in reversed(PlanLevel)]
_TASK_FIELDS = ("plan_item_id", "progress", "status")
_REFRESHED = "planning_items_refreshed"


def _contributions() -> Subquery:
    """(item_id, weight, points) for every item cascading from an item and every task of an
    item; ``points`` is weight × progress."""
    child = aliased(PlanItem)
    items = select(
        child.parent_id.label("item_id"),
        child.weight.label("weight"),
        (child.weight * child.progress).label("points"),
    ).where(child.parent_id.is_not(None))
    done = [s.value for s in DONE_STATUSES]
    tasks = select(
        Task.plan_item_id.label("item_id"),
        literal(1).label("weight"),
        case((Task.status.in_(done), 100), else_=Task.progress).label("points"),
    ).where(Task.plan_item_id.is_not(None), Task.status != TaskStatus.CANCELLED.value)
    return union_all(items, tasks).subquery("contribution")


def _roll_up(connection: Connection, plan_ids: Any) -> None:
    """Recompute every item of ``plan_ids`` (a list or a subquery)."""
    table = typing.cast(Table, PlanItem.__table__)
    part = _contributions()
    average = (
        select(cast(func.round(func.sum(part.c.points) * 1.0 / func.sum(part.c.weight)), Integer))
        .where(part.c.item_id == table.c.id)
        .scalar_subquery()
    )
    connection.execute(
        update(table)
        .values(progress=func.coalesce(average, table.c.reported_progress, 0))
        .where(table.c.plan_id.in_(plan_ids))
    )


def refresh_plans(connection: Connection, plan_ids: Iterable[int]) -> None:
    """Refresh the items of ``plan_ids`` and of every plan they cascade from, on
    ``connection`` (the session's, in its transaction)."""
    wanted = sorted(set(plan_ids))
    if not wanted:
        return
    ancestry = (
        select(Plan.id, Plan.parent_id, Plan.level).where(Plan.id.in_(wanted)).cte(recursive=True)
    )
    above = aliased(Plan)
    ancestry = ancestry.union(
        select(above.id, above.parent_id, above.level).where(above.id == ancestry.c.parent_id)
    )
    by_level: dict[str, list[int]] = {}
    for plan_id, level in connection.execute(select(ancestry.c.id, ancestry.c.level)):
        by_level.setdefault(level, []).append(plan_id)
    for level in BOTTOM_UP:
        if level in by_level:
            _roll_up(connection, by_level[level])


def refresh_progress(session: Session, plan: Plan) -> None:
    """Refresh ``plan``'s items and those of the plans above it (see the module)."""
    session.flush()
    refresh_plans(session.connection(), [plan.id])
    _forget_cached(session)


def refresh_all(session: Session) -> None:
    """Refresh every item of every plan: five UPDATEs, one per level."""
    session.flush()
    connection = session.connection()
    for level in BOTTOM_UP:
        _roll_up(connection, select(Plan.id).where(Plan.level == level))
    _forget_cached(session)


def _forget_cached(session: Session) -> None:
    """Loaded items read their progress again (the UPDATEs went around the ORM)."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, PlanItem):
            session.expire(obj, ["progress"])


# -- following task changes -------------------------------------------------------------------


def _changed_items(session: Session) -> set[int]:
    """The plan items whose tasks this flush creates, deletes or moves, or whose progress or
    status it changes (both the old and the new item of a moved task)."""
    found: set[int] = set()
    for task in chain(session.new, session.dirty, session.deleted):
        if not isinstance(task, Task):
            continue
        state = inspect(task)
        if task in session.new or task in session.deleted:
            if task.plan_item_id:
                found.add(task.plan_item_id)
            continue
        changed = [state.attrs[name].history for name in _TASK_FIELDS]
        if any(h.has_changes() for h in changed):
            moved = state.attrs.plan_item_id.history
            found.update(i for i in chain(moved.deleted or (), [task.plan_item_id]) if i)
    return found


def _after_flush(session: Session, _context: Any) -> None:
    items = _changed_items(session)
    if not items:
        return
    connection = session.connection()
    plans = connection.execute(
        select(PlanItem.plan_id).where(PlanItem.id.in_(sorted(items))).distinct()
    ).scalars()
    refresh_plans(connection, list(plans))
    session.info[_REFRESHED] = True


def _after_flush_postexec(session: Session, _context: Any) -> None:
    if session.info.pop(_REFRESHED, False):
        _forget_cached(session)


def track_task_changes() -> None:
    """Keep plan items' progress up to date after every flush that changes tasks."""
    for name, listener in (
        ("after_flush", _after_flush),
        ("after_flush_postexec", _after_flush_postexec),
    ):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
