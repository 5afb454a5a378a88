"""How the catalogue, requests and the monthly summary are read and written through the REST
API (on ``core.api``'s base schema: unknown fields are refused, strings have a maximum length)."""

from __future__ import annotations

from marshmallow import fields, validate

from core.api import ApiSchema, Day, Id, Text

from vanphong_supplies.catalogue import MAX_QUANTITY
from vanphong_supplies.models import STATUSES

QUANTITY = {"strict": True, "validate": validate.Range(1, MAX_QUANTITY)}
LEVEL = {"strict": True, "validate": validate.Range(0, 1_000_000)}


class ItemSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    code = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    measure = fields.String(dump_only=True, metadata={"description": "ram, hộp, cái…"})
    stock = fields.Integer(dump_only=True)
    low_stock_at = fields.Integer(dump_only=True)
    low = fields.Boolean(dump_only=True, metadata={"description": "At or below its level."})
    active = fields.Boolean(dump_only=True)
    version = fields.Integer(dump_only=True)


class ItemInputSchema(ApiSchema):
    code = Text(30, min_length=1, required=True)
    name = Text(200, min_length=1, required=True)
    measure = Text(30, min_length=1, required=True)
    stock = fields.Integer(load_default=0, **LEVEL)
    low_stock_at = fields.Integer(load_default=0, **LEVEL)
    active = fields.Boolean(load_default=True)


class ItemUpdateSchema(ApiSchema):
    """Stock changes only by deliveries (``/receive``) and issues, never by editing."""

    code = Text(30, min_length=1)
    name = Text(200, min_length=1)
    measure = Text(30, min_length=1)
    low_stock_at = fields.Integer(**LEVEL)
    active = fields.Boolean()
    version = fields.Integer(strict=True, metadata={"description": "The version you edit."})


class ReceiveSchema(ApiSchema):
    quantity = fields.Integer(required=True, **QUANTITY)


class LineSchema(ApiSchema):
    item_id = fields.Integer(dump_only=True)
    code = fields.String(dump_only=True, attribute="item.code")
    name = fields.String(dump_only=True, attribute="item.name")
    measure = fields.String(dump_only=True, attribute="item.measure")
    quantity = fields.Integer(dump_only=True)
    approved = fields.Integer(dump_only=True, allow_none=True)


class RequestSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    unit_id = fields.Integer(dump_only=True)
    unit = fields.String(dump_only=True, attribute="unit.name")
    requested_by_id = fields.Integer(dump_only=True, allow_none=True)
    status = fields.String(dump_only=True, metadata={"enum": list(STATUSES)})
    purpose = fields.String(dump_only=True)
    needed_on = fields.Date(dump_only=True, allow_none=True)
    created_at = fields.AwareDateTime(dump_only=True)
    decided_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    decision_note = fields.String(dump_only=True)
    issued_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    lines = fields.List(fields.Nested(LineSchema), dump_only=True)
    version = fields.Integer(dump_only=True)


class LineInputSchema(ApiSchema):
    item_id = Id(required=True)
    quantity = fields.Integer(required=True, **QUANTITY)


class RequestInputSchema(ApiSchema):
    unit_id = Id(required=True)
    lines = fields.List(
        fields.Nested(LineInputSchema), required=True, validate=validate.Length(1, 100)
    )
    purpose = Text(500, load_default="")
    needed_on = Day(allow_none=True, load_default=None)


class ApprovedLineSchema(ApiSchema):
    item_id = Id(required=True)
    approved = fields.Integer(required=True, strict=True, validate=validate.Range(0, MAX_QUANTITY))


class ApproveSchema(ApiSchema):
    lines = fields.List(
        fields.Nested(ApprovedLineSchema),
        load_default=list,
        validate=validate.Length(max=100),
        metadata={"description": "Quantities approved; lines not named: as requested."},
    )
    note = Text(500, load_default="")


class RejectSchema(ApiSchema):
    note = Text(500, min_length=1, required=True)


class SummaryArgsSchema(ApiSchema):
    month = fields.String(
        required=True,
        validate=validate.Regexp(r"^(19|2[01])\d{2}-(0[1-9]|1[0-2])$"),
        metadata={"description": "YYYY-MM, e.g. 2026-11."},
    )


class SummaryRowSchema(ApiSchema):
    unit = fields.String(dump_only=True)
    code = fields.String(dump_only=True)
    item = fields.String(dump_only=True)
    measure = fields.String(dump_only=True)
    quantity = fields.Integer(dump_only=True)
    requests = fields.Integer(dump_only=True)


class SummarySchema(ApiSchema):
    month = fields.String(dump_only=True)
    rows = fields.List(fields.Nested(SummaryRowSchema), dump_only=True)
