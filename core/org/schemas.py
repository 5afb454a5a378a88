"""How units and positions are read and written through the REST API."""

from __future__ import annotations

from marshmallow import fields, validate

from core.api import ApiSchema, Choice, Id, Text
from core.org.models import UnitKind

KINDS = [k.value for k in UnitKind]


class UnitSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    parent_id = fields.Integer(dump_only=True, allow_none=True)
    code = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    abbreviation = fields.String(dump_only=True)
    kind = fields.String(dump_only=True, metadata={"enum": KINDS})
    path = fields.String(dump_only=True, metadata={"description": "Ids from the root: /1/4/."})
    sort_order = fields.Integer(dump_only=True)
    active = fields.Boolean(dump_only=True)
    version = fields.Integer(dump_only=True)


class UnitTreeSchema(UnitSchema):
    children = fields.List(fields.Nested(lambda: UnitTreeSchema()), dump_only=True)


class UnitInputSchema(ApiSchema):
    code = Text(30, min_length=1, required=True)
    name = Text(255, min_length=1, required=True)
    abbreviation = Text(30, min_length=1, required=True)
    kind = Choice(KINDS, load_default=UnitKind.DEPARTMENT.value)
    parent_id = Id(allow_none=True, load_default=None)
    sort_order = fields.Integer(strict=True, validate=validate.Range(0, 100_000), load_default=0)
    active = fields.Boolean(load_default=True)


class UnitUpdateSchema(ApiSchema):
    code = Text(30, min_length=1)
    name = Text(255, min_length=1)
    abbreviation = Text(30, min_length=1)
    kind = Choice(KINDS)
    parent_id = Id(allow_none=True)
    sort_order = fields.Integer(strict=True, validate=validate.Range(0, 100_000))
    active = fields.Boolean()
    version = Id(metadata={"description": "The version you edit, unless sent as If-Match."})


class PositionSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    code = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    rank = fields.Integer(dump_only=True, metadata={"description": "Lower is more senior."})
    is_leader = fields.Boolean(dump_only=True)
    version = fields.Integer(dump_only=True)


class PositionInputSchema(ApiSchema):
    code = Text(30, min_length=1, required=True)
    name = Text(150, min_length=1, required=True)
    rank = fields.Integer(strict=True, validate=validate.Range(0, 10_000), load_default=100)
    is_leader = fields.Boolean(load_default=False)


class PositionUpdateSchema(ApiSchema):
    code = Text(30, min_length=1)
    name = Text(150, min_length=1)
    rank = fields.Integer(strict=True, validate=validate.Range(0, 10_000))
    is_leader = fields.Boolean()
    version = Id(metadata={"description": "The version you edit, unless sent as If-Match."})
