"""Item operations, the only way plan items are written: add, edit, delete (in a draft), cascade
an item down into a lower plan, and report the progress of an item nothing rolls up into.

An item may cascade from an item of the plan its own plan cascades from (a month item from an
item of the year programme); its progress then counts in that item's, with its weight.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from core.org.models import Unit
from plugins.planning.plans.access import MANAGE, may
from plugins.planning.plans.models import SOURCE_KINDS, Plan, PlanItem
from plugins.planning.plans.progress import refresh_progress
from plugins.planning.plans.rules import NotAllowed, PlanError, require, require_draft
from plugins.planning.tasks.models import Task

#: Item fields a draft's item may change.
EDITABLE = (
    "title",
    "description",
    "position",
    "parent_id",
    "lead_unit_id",
    "due_on",
    "timing",
    "source_kind",
    "source_number",
    "source_text",
    "weight",
)
TEXTS = {"title": 1000, "timing": 100, "source_number": 80, "source_text": 1000}


def add_item(session: Session, plan: Plan, *, by: Any = None, **fields: Any) -> PlanItem:
    """A new item of a draft plan (the fields of :data:`EDITABLE`; ``title`` is required)."""
    _require_editor(by, plan)
    require_draft(plan)
    _refuse_unknown(fields)
    if "position" not in fields:
        last = session.scalar(
            select(PlanItem.position)
            .where(PlanItem.plan_id == plan.id)
            .order_by(PlanItem.position.desc())
            .limit(1)
        )
        fields["position"] = (last or 0) + 1
    item = PlanItem(plan_id=plan.id, **fields)
    _check_item(session, plan, item)
    session.add(item)
    _refresh_if_cascaded(session, item)
    return item


def edit_item(session: Session, item: PlanItem, changes: dict[str, Any], *, by: Any = None) -> None:
    """Change a draft plan's item."""
    plan = item.plan
    _require_editor(by, plan)
    require_draft(plan)
    _refuse_unknown(changes)
    moved = "parent_id" in changes and changes["parent_id"] != item.parent_id
    previous_parent = item.parent_id
    for name, value in changes.items():
        setattr(item, name, value)
    _check_item(session, plan, item)
    session.flush()
    if moved or "weight" in changes:
        _refresh_if_cascaded(session, item, previous_parent)


def delete_item(session: Session, item: PlanItem, *, by: Any = None) -> None:
    """Delete a draft plan's item that nothing cascades from and no task follows."""
    plan = item.plan
    _require_editor(by, plan)
    require_draft(plan)
    if session.scalar(select(exists().where(PlanItem.parent_id == item.id))):
        raise PlanError(
            _("Item: items of lower plans cascade from it; delete them first."), field="id"
        )
    if session.scalar(select(exists().where(Task.plan_item_id == item.id))):
        raise PlanError(_("Item: tasks carry it out; move or cancel them first."), field="id")
    parent_id = item.parent_id
    session.delete(item)
    session.flush()
    if parent_id is not None:
        _refresh_parent_plan(session, parent_id)


def cascade_item(
    session: Session, item: PlanItem, into: Plan, *, by: Any = None, **overrides: Any
) -> PlanItem:
    """Carry ``item`` down into the lower draft plan ``into`` (which must cascade from the
    item's plan): a new item citing the same source and lead unit, whose progress counts in
    ``item``'s. ``overrides`` sets other fields (a month's deadline, a narrower title)."""
    if into.parent_id != item.plan_id:
        raise PlanError(
            _(
                "Plan: %(plan)s does not cascade from %(source)s; choose a plan that does.",
                plan=into.title,
                source=item.plan.title,
            ),
            field="plan_id",
        )
    fields: dict[str, Any] = {
        "title": item.title,
        "lead_unit_id": item.lead_unit_id,
        "source_kind": item.source_kind,
        "source_number": item.source_number,
        "source_text": item.source_text,
        **overrides,
        "parent_id": item.id,
    }
    return add_item(session, into, by=by, **fields)


def report_item_progress(
    session: Session, item: PlanItem, progress: int, *, by: Any = None
) -> None:
    """Set by hand the progress of an item that has no lower item and no task (otherwise it is
    computed). The plan's editors or the item's lead unit may, whatever the plan's status."""
    plan = item.plan
    if not (may(by, MANAGE, plan.unit_id) or _leads(by, item)):
        raise NotAllowed(_("You may not report progress on this item."))
    if not isinstance(progress, int) or not 0 <= progress <= 100:
        raise PlanError(_("Progress: a whole number from 0 to 100."), field="progress")
    computed = session.scalar(
        select(
            exists().where(PlanItem.parent_id == item.id)
            | exists().where(Task.plan_item_id == item.id)
        )
    )
    if computed:
        raise PlanError(
            _("Progress: computed from the item's lower items and tasks, not set by hand."),
            field="progress",
        )
    item.reported_progress = progress
    session.flush()
    refresh_progress(session, plan)


# -- checks ---------------------------------------------------------------------------------


def _leads(by: Any, item: PlanItem) -> bool:
    return by is not None and item.lead_unit_id is not None and by.can(MANAGE, item.lead_unit_id)


def _require_editor(by: Any, plan: Plan) -> None:
    require(by, MANAGE, plan, _("You may not change this unit's plans."))


def _refuse_unknown(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise PlanError(_("Field: %(names)s cannot be set.", names=", ".join(sorted(unknown))))


def _check_item(session: Session, plan: Plan, item: PlanItem) -> None:
    with session.no_autoflush:  # the item is checked before it is written
        _check_fields(session, plan, item)


def _check_fields(session: Session, plan: Plan, item: PlanItem) -> None:
    for name, limit in TEXTS.items():
        value = getattr(item, name) or ""
        if not isinstance(value, str) or len(value.strip()) > limit:
            raise PlanError(_("Text: at most %(n)d characters.", n=limit), field=name)
        setattr(item, name, value.strip())
    item.description = (item.description or "").strip()
    if not item.title:
        raise PlanError(_("Title: required."), field="title")
    item.source_kind = item.source_kind or ""
    if item.source_kind and item.source_kind not in SOURCE_KINDS:
        raise PlanError(
            _("Source: one of %(kinds)s.", kinds=", ".join(SOURCE_KINDS)), field="source_kind"
        )
    item.weight = 1 if item.weight is None else item.weight
    if not isinstance(item.weight, int) or not 1 <= item.weight <= 100:
        raise PlanError(_("Weight: a whole number from 1 to 100."), field="weight")
    if item.lead_unit_id is not None:
        unit = session.get(Unit, item.lead_unit_id)
        if unit is None or not unit.active:
            raise PlanError(_("Lead unit: no such active unit."), field="lead_unit_id")
    if item.parent_id is not None:
        parent = session.get(PlanItem, item.parent_id)
        if parent is None or plan.parent_id is None or parent.plan_id != plan.parent_id:
            raise PlanError(
                _("Parent item: an item cascades from an item of the plan its plan cascades from."),
                field="parent_id",
            )


def _refresh_if_cascaded(session: Session, item: PlanItem, previous: int | None = None) -> None:
    """Items cascading from an item change its progress: refresh the plans above."""
    session.flush()
    for parent_id in {item.parent_id, previous} - {None}:
        assert parent_id is not None
        _refresh_parent_plan(session, parent_id)


def _refresh_parent_plan(session: Session, parent_item_id: int) -> None:
    parent = session.get(PlanItem, parent_item_id)
    if parent is not None:
        refresh_progress(session, parent.plan)
