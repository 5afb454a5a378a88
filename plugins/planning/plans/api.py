"""REST endpoints of plans: ``/api/v1/planning/plans`` (with approve, return, publish, issue) and
``/api/v1/planning/plan-items`` (with cascade and progress).

Every write goes through the services in one transaction. A status that does not allow the
change answers 409; an action the caller may not take on this plan's unit answers 403.
"""

from __future__ import annotations

from typing import Any

from flask import g, jsonify, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import and_, select
from sqlalchemy.sql import ColumnElement

from core.api import (
    ApiBlueprint,
    Choice,
    Resource,
    api_abort,
    equals,
    requires,
    with_etag,
)
from core.db import db
from plugins.planning.plans import items, services
from plugins.planning.plans.access import APPROVE, MANAGE, visible_plans
from plugins.planning.plans.models import KINDS, LEVELS, SOURCE_KINDS, STATUSES, Plan, PlanItem
from plugins.planning.plans.schemas import (
    ItemProgressSchema,
    PlanCascadeSchema,
    PlanInputSchema,
    PlanIssueSchema,
    PlanItemInputSchema,
    PlanItemSchema,
    PlanItemUpdateSchema,
    PlanReturnSchema,
    PlanSchema,
    PlanUpdateSchema,
    PlanVersionSchema,
)

bp = ApiBlueprint(
    "planning_plans",
    __name__,
    url_prefix="/api/v1/planning",
    description="Work programmes and plans by year, half year, quarter, month and week; their "
    "items, which cascade from higher plans and roll their progress up.",
)


def _user() -> Any:
    return current_user._get_current_object()


# -- plans ----------------------------------------------------------------------------------


class PlanResource(Resource):
    """Everyone with the view permission reads the agency's plans and their units' published
    plans; drafts are read by those who may change or approve them."""

    name = "plans"
    model = Plan
    schema = PlanSchema
    create_schema = PlanInputSchema
    update_schema = PlanUpdateSchema
    permission = "planning.plan"
    can_delete = True
    filters = {
        "kind": equals(Plan.kind, Choice(KINDS)),
        "level": equals(Plan.level, Choice(LEVELS)),
        "status": equals(Plan.status, Choice(STATUSES)),
        "year": equals(Plan.year),
        "number": equals(Plan.number),
        "unit_id": equals(Plan.unit_id),
        "parent_id": equals(Plan.parent_id),
    }
    sorts = {
        "year": Plan.year,
        "number": Plan.number,
        "title": Plan.title,
        "created_at": Plan.created_at,
    }
    default_sort = "-year,number"
    searchable = (Plan.title, Plan.description, Plan.document_symbol)

    def scope(self, paths: set[str]) -> ColumnElement[bool]:
        return and_(*visible_plans(_user()))

    def create(self, data: dict[str, Any]) -> Plan:
        return services.create_plan(db.session, by=_user(), **data)

    def update(self, obj: Plan, data: dict[str, Any]) -> None:
        services.edit_plan(db.session, obj, data, by=_user())

    def delete(self, obj: Plan) -> None:
        services.delete_plan(db.session, obj, by=_user())


plans = PlanResource()
plans.register(bp)


def _plan(id: int, data: dict[str, Any]) -> Plan:
    """The plan ``id`` the caller may see (404 otherwise), at the version they name."""
    plan: Plan = plans.get(id, g.api_scope)
    plans.check_version(plan, data.pop("version", None))
    return plan


def _answer(plan: Plan) -> Any:
    db.session.commit()
    return with_etag(jsonify(PlanSchema().dump(plan)), plan)


@bp.route("/plans/<id:id>/approve", methods=["POST"], endpoint="plans_approve")
@requires(APPROVE)
@bp.arguments(PlanVersionSchema)
@bp.response(200, PlanSchema)
def approve_plan(data: dict[str, Any], id: int) -> Any:
    """Approve a draft (`planning.plan.approve` over the plan's unit; the agency's plans over
    the root unit). A plan without items is refused (422), one not in draft answers 409."""
    plan = _plan(id, data)
    services.approve(db.session, plan, by=_user())
    return _answer(plan)


@bp.route("/plans/<id:id>/return", methods=["POST"], endpoint="plans_return")
@requires(APPROVE)
@bp.arguments(PlanReturnSchema)
@bp.response(200, PlanSchema)
def return_plan(data: dict[str, Any], id: int) -> Any:
    """Send an approved plan back to draft, with a reason (its author is told)."""
    plan = _plan(id, data)
    services.return_to_draft(db.session, plan, reason=data["reason"], by=_user())
    return _answer(plan)


@bp.route("/plans/<id:id>/publish", methods=["POST"], endpoint="plans_publish")
@requires(MANAGE)
@bp.arguments(PlanVersionSchema)
@bp.response(200, PlanSchema)
def publish_plan(data: dict[str, Any], id: int) -> Any:
    """Publish an approved plan: its unit and the units leading its items are told."""
    plan = _plan(id, data)
    services.publish(db.session, plan, by=_user())
    return _answer(plan)


@bp.route("/plans/<id:id>/issue", methods=["POST"], endpoint="plans_issue")
@requires(MANAGE)
@bp.arguments(PlanIssueSchema)
@bp.response(200, PlanSchema)
def issue_plan(data: dict[str, Any], id: int) -> Any:
    """Number a published plan in the core register: a programme as CTr, a plan as KH
    (`05/KH-SNV`). Needs `core.document.manage` too; once only."""
    plan = _plan(id, data)
    services.issue(db.session, plan, by=_user(), **data)
    return _answer(plan)


# -- items ----------------------------------------------------------------------------------


class PlanItemResource(Resource):
    """Items are read with their plan's visibility and changed while it is a draft."""

    name = "plan-items"
    model = PlanItem
    schema = PlanItemSchema
    create_schema = PlanItemInputSchema
    update_schema = PlanItemUpdateSchema
    permission = "planning.plan"
    can_delete = True
    filters = {
        "plan_id": equals(PlanItem.plan_id),
        "parent_id": equals(PlanItem.parent_id),
        "lead_unit_id": equals(PlanItem.lead_unit_id),
        "source_kind": equals(PlanItem.source_kind, Choice(["", *SOURCE_KINDS])),
    }
    sorts = {
        "position": PlanItem.position,
        "due_on": PlanItem.due_on,
        "progress": PlanItem.progress,
        "title": PlanItem.title,
    }
    default_sort = "position"
    searchable = (PlanItem.title, PlanItem.source_number, PlanItem.source_text)

    def scope(self, paths: set[str]) -> ColumnElement[bool]:
        return PlanItem.plan_id.in_(select(Plan.id).where(*visible_plans(_user())))

    def create(self, data: dict[str, Any]) -> PlanItem:
        plan = _visible_plan(data.pop("plan_id"))
        return items.add_item(db.session, plan, by=_user(), **data)

    def update(self, obj: PlanItem, data: dict[str, Any]) -> None:
        items.edit_item(db.session, obj, data, by=_user())

    def delete(self, obj: PlanItem) -> None:
        items.delete_item(db.session, obj, by=_user())


plan_items = PlanItemResource()
plan_items.register(bp)


def _visible_plan(plan_id: int) -> Plan:
    """The plan named in a body: refused as an invalid field when the caller cannot see it."""
    plan = db.session.scalar(select(Plan).where(Plan.id == plan_id, *visible_plans(_user())))
    if plan is None:
        api_abort(422, fields={"plan_id": [_("No such plan, or not one you may see.")]})
    return plan


def _item(id: int, data: dict[str, Any]) -> PlanItem:
    item: PlanItem = plan_items.get(id, g.api_scope)
    plan_items.check_version(item, data.pop("version", None))
    return item


@bp.route("/plan-items/<id:id>/cascade", methods=["POST"], endpoint="plan-items_cascade")
@requires(MANAGE)
@bp.arguments(PlanCascadeSchema)
@bp.response(201, PlanItemSchema)
def cascade(data: dict[str, Any], id: int) -> Any:
    """Carry an item down into a lower draft plan that cascades from the item's plan: a new
    item with the same title, lead unit and source (unless sent), counting in this one's
    progress."""
    item: PlanItem = plan_items.get(id, g.api_scope)  # read, not changed: no version
    into = _visible_plan(data.pop("plan_id"))
    created = items.cascade_item(db.session, item, into, by=_user(), **data)
    db.session.commit()
    response = with_etag(jsonify(PlanItemSchema().dump(created)), created)
    response.status_code = 201
    response.headers["Location"] = url_for(".plan-items_get", id=created.id)
    return response


@bp.route("/plan-items/<id:id>/progress", methods=["POST"], endpoint="plan-items_progress")
@requires("planning.plan.view")
@bp.arguments(ItemProgressSchema)
@bp.response(200, PlanItemSchema)
def report_progress(data: dict[str, Any], id: int) -> Any:
    """Report by hand the progress of an item with no lower item and no task (the plan's
    editors or the item's lead unit); other items' progress is computed (422)."""
    item = _item(id, data)
    items.report_item_progress(db.session, item, data["progress"], by=_user())
    db.session.commit()
    return with_etag(jsonify(PlanItemSchema().dump(item)), item)
