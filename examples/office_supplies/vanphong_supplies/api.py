"""The REST API under ``/api/v1/supplies``: the catalogue (``items``, and ``/receive`` for a
delivery), ``requests`` with their decisions, and the monthly ``summary``.

Every write goes through the services in one transaction; a refused step answers 422 naming
the field, a request already moved on by someone else 409, and leaves the database as it was.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import g, jsonify, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from core.api import ApiBlueprint, Choice, Resource, equals, requires, with_etag
from core.db import db

from vanphong_supplies import catalogue, services
from vanphong_supplies.models import STATUSES, Item, Request, RequestLine
from vanphong_supplies.schemas import (
    ApproveSchema,
    ItemInputSchema,
    ItemSchema,
    ItemUpdateSchema,
    ReceiveSchema,
    RejectSchema,
    RequestInputSchema,
    RequestSchema,
    SummaryArgsSchema,
    SummarySchema,
)
from vanphong_supplies.summary import monthly_summary

bp = ApiBlueprint(
    "supplies",
    __name__,
    url_prefix="/api/v1/supplies",
    description="Office supplies: the catalogue and its stock, units' requests, the monthly "
    "summary.",
)


class ItemResource(Resource):
    """The catalogue: everyone may read it; the office keeps it."""

    name = "items"
    model = Item
    schema = ItemSchema
    create_schema = ItemInputSchema
    update_schema = ItemUpdateSchema
    permission = "supplies.item"
    filters = {"active": equals(Item.active)}
    sorts = {"code": Item.code, "name": Item.name, "stock": Item.stock}
    default_sort = "code"
    searchable = (Item.code, Item.name)

    def create(self, data: dict[str, Any]) -> Item:
        return catalogue.save_item(db.session, Item(**data))

    def update(self, obj: Item, data: dict[str, Any]) -> None:
        for field, value in data.items():
            setattr(obj, field, value)
        catalogue.save_item(db.session, obj)


class RequestResource(Resource):
    """Requests are read through the base (a unit's people see their units' requests); every
    change has its own endpoint below."""

    name = "requests"
    model = Request
    schema = RequestSchema
    permission = "supplies.request"
    scope_column = "unit_id"
    filters = {
        "status": equals(Request.status, Choice(STATUSES)),
        "unit_id": equals(Request.unit_id),
    }
    sorts = {"created_at": Request.created_at, "needed_on": Request.needed_on}
    default_sort = "-created_at"

    def select(self) -> Any:
        return select(Request).options(
            joinedload(Request.unit), joinedload(Request.lines).joinedload(RequestLine.item)
        )


ItemResource().register(bp)
requests = RequestResource()
requests.register(bp)


def _answer(obj: Any, schema: Any, status: int = 200) -> Any:
    response = with_etag(jsonify(schema().dump(obj)), obj)
    response.status_code = status
    return response


def _request(id: int, action: str = "view") -> Request:
    """The request ``id`` if the caller may see it (404 otherwise)."""
    return requests.get(id, g.api_scope if action == "view" else None)


@bp.route("/items/<id:id>/receive", methods=["POST"], endpoint="items_receive")
@requires("supplies.item.manage", agency_wide=True)
@bp.arguments(ReceiveSchema)
@bp.response(200, ItemSchema)
def receive(data: dict[str, Any], id: int) -> Any:
    """Add a delivery to an item's stock."""
    item = ItemResource().get(id, None)
    catalogue.receive(db.session, item, data["quantity"])
    db.session.commit()
    return _answer(item, ItemSchema)


@bp.route("/requests", methods=["POST"], endpoint="requests_create")
@requires("supplies.request.create")
@bp.arguments(RequestInputSchema)
@bp.response(201, RequestSchema)
def create_request(data: dict[str, Any]) -> Any:
    """Ask for supplies for one of your units; the office is told."""
    request = services.submit(
        db.session,
        current_user,
        data["unit_id"],
        [(line["item_id"], line["quantity"]) for line in data["lines"]],
        data["purpose"],
        data["needed_on"],
    )
    db.session.commit()
    response = _answer(request, RequestSchema, 201)
    response.headers["Location"] = url_for(".requests_get", id=request.id)
    return response


@bp.route("/requests/<id:id>/approve", methods=["POST"], endpoint="requests_approve")
@requires("supplies.request.manage", agency_wide=True)
@bp.arguments(ApproveSchema)
@bp.response(200, RequestSchema)
def approve(data: dict[str, Any], id: int) -> Any:
    """Approve a submitted request, all of it or part (quantities per item)."""
    approved = {line["item_id"]: line["approved"] for line in data["lines"]}
    request = services.approve(
        db.session, _request(id, "manage"), current_user, approved, data["note"]
    )
    db.session.commit()
    return _answer(request, RequestSchema)


@bp.route("/requests/<id:id>/reject", methods=["POST"], endpoint="requests_reject")
@requires("supplies.request.manage", agency_wide=True)
@bp.arguments(RejectSchema)
@bp.response(200, RequestSchema)
def reject(data: dict[str, Any], id: int) -> Any:
    """Reject a submitted request, saying why."""
    request = services.reject(db.session, _request(id, "manage"), current_user, data["note"])
    db.session.commit()
    return _answer(request, RequestSchema)


@bp.route("/requests/<id:id>/issue", methods=["POST"], endpoint="requests_issue")
@requires("supplies.request.manage", agency_wide=True)
@bp.response(200, RequestSchema)
def issue(id: int) -> Any:
    """Hand over an approved request: the stock goes down (422 when too little is left)."""
    request = services.issue(db.session, _request(id, "manage"), current_user)
    db.session.commit()
    return _answer(request, RequestSchema)


@bp.route("/requests/<id:id>/cancel", methods=["POST"], endpoint="requests_cancel")
@requires("supplies.request.view")
@bp.response(200, RequestSchema)
def cancel(id: int) -> Any:
    """Withdraw your unit's request before it is issued."""
    request = services.cancel(db.session, _request(id), current_user)
    db.session.commit()
    return _answer(request, RequestSchema)


@bp.route("/summary", methods=["GET"], endpoint="summary")
@requires("supplies.summary.view")
@bp.arguments(SummaryArgsSchema, location="query", unknown="raise")
@bp.response(200, SummarySchema)
def summary(args: dict[str, Any]) -> Any:
    """What each unit received in a month, item by item (a unit head: their units)."""
    month = date.fromisoformat(f"{args['month']}-01")
    rows = monthly_summary(db.session, month, g.api_scope)
    return {"month": args["month"], "rows": rows}
