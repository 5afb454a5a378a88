"""A plan's item tree as its page shows it: each item, the items of lower plans cascading from
it (as deep as they go), and the tasks carrying each out — in three statements whatever the
size: the tree (a recursive CTE), the items with their lead units and plans, the task counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, aliased, joinedload

from plugins.planning.plans.access import visible_plans
from plugins.planning.plans.models import Plan, PlanItem
from plugins.planning.tasks.models import DONE_STATUSES, Task, TaskStatus


@dataclass(frozen=True)
class TaskCounts:
    total: int = 0
    done: int = 0
    overdue: int = 0


@dataclass
class Node:
    """An item and what cascades from it."""

    item: PlanItem
    children: list[Node] = field(default_factory=list)
    tasks: TaskCounts = TaskCounts()

    @property
    def computed(self) -> bool:
        """Whether its progress is rolled up rather than reported by hand."""
        return bool(self.children or self.tasks.total)


def item_tree(session: Session, plan: Plan, user: Any) -> list[Node]:
    """The plan's items, each with the items cascading from it in the lower plans ``user`` may
    see, and task counts per item."""
    top = select(PlanItem.id).where(PlanItem.plan_id == plan.id).cte("tree", recursive=True)
    below = aliased(PlanItem)
    visible = select(Plan.id).where(*visible_plans(user))
    tree = top.union_all(
        select(below.id).where(below.parent_id == top.c.id, below.plan_id.in_(visible))
    )
    items = (
        session.scalars(
            select(PlanItem)
            .options(joinedload(PlanItem.lead_unit), joinedload(PlanItem.plan))
            .where(PlanItem.id.in_(select(tree.c.id)))
            .order_by(PlanItem.position, PlanItem.id)
        )
        .unique()
        .all()
    )
    counts = _task_counts(session, [i.id for i in items])
    nodes = {i.id: Node(i, tasks=counts.get(i.id, TaskCounts())) for i in items}
    roots = []
    for item in items:
        node = nodes[item.id]
        if item.plan_id == plan.id:
            roots.append(node)
        elif item.parent_id in nodes:
            nodes[item.parent_id].children.append(node)
    return roots


def _task_counts(session: Session, item_ids: list[int]) -> dict[int, TaskCounts]:
    if not item_ids:
        return {}
    done = [s.value for s in DONE_STATUSES]
    rows = session.execute(
        select(
            Task.plan_item_id,
            func.count(),
            func.sum(case((Task.status.in_(done), 1), else_=0)),
            func.sum(case((Task.status == TaskStatus.OVERDUE.value, 1), else_=0)),
        )
        .where(Task.plan_item_id.in_(item_ids), Task.status != TaskStatus.CANCELLED.value)
        .group_by(Task.plan_item_id)
    )
    return {item: TaskCounts(int(n), int(d or 0), int(o or 0)) for item, n, d, o in rows}
