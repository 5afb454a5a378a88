"""How plans and their items are read and written through the REST API."""

from __future__ import annotations

from marshmallow import fields, validate

from core.api import ApiSchema, Choice, Day, Id, Text
from plugins.planning.plans.models import KINDS, LEVELS, SOURCE_KINDS, STATUSES, PlanKind

VERSION = "The version you act on, unless sent as If-Match."
YEAR = validate.Range(1900, 2199)
PERIOD = "The half (1–2), quarter (1–4), month (1–12) or ISO week (1–53); 1 for a year."


class PlanSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    kind = fields.String(
        dump_only=True,
        metadata={"enum": list(KINDS), "description": "programme: CTr; plan: KH."},
    )
    level = fields.String(dump_only=True, metadata={"enum": list(LEVELS)})
    year = fields.Integer(dump_only=True)
    number = fields.Integer(dump_only=True, metadata={"description": PERIOD})
    period_label = fields.String(dump_only=True)
    unit_id = fields.Integer(
        dump_only=True, allow_none=True, metadata={"description": "None: the agency's plan."}
    )
    title = fields.String(dump_only=True)
    description = fields.String(dump_only=True)
    status = fields.String(dump_only=True, metadata={"enum": list(STATUSES)})
    parent_id = fields.Integer(
        dump_only=True, allow_none=True, metadata={"description": "The plan it cascades from."}
    )
    progress = fields.Integer(
        dump_only=True, metadata={"description": "Weighted average of its items' progress."}
    )
    created_by_id = fields.Integer(dump_only=True, allow_none=True)
    created_at = fields.AwareDateTime(dump_only=True)
    approved_by_id = fields.Integer(dump_only=True, allow_none=True)
    approved_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    published_by_id = fields.Integer(dump_only=True, allow_none=True)
    published_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    document_id = fields.Integer(dump_only=True, allow_none=True)
    document_symbol = fields.String(dump_only=True, metadata={"description": "e.g. 05/KH-SNV."})
    signed_on = fields.Date(dump_only=True, allow_none=True)
    signer = fields.String(dump_only=True)
    version = fields.Integer(dump_only=True)


class PlanInputSchema(ApiSchema):
    title = Text(500, min_length=1, required=True)
    kind = Choice(KINDS, load_default=PlanKind.PLAN.value)
    level = Choice(LEVELS, required=True)
    year = fields.Integer(strict=True, validate=YEAR, required=True)
    number = fields.Integer(
        strict=True,
        validate=validate.Range(1, 53),
        load_default=1,
        metadata={"description": PERIOD},
    )
    unit_id = Id(allow_none=True, load_default=None, metadata={"description": "None: the agency."})
    parent_id = Id(allow_none=True, load_default=None)
    description = Text(20_000, load_default="")


class PlanUpdateSchema(ApiSchema):
    title = Text(500, min_length=1)
    kind = Choice(KINDS)
    level = Choice(LEVELS)
    year = fields.Integer(strict=True, validate=YEAR)
    number = fields.Integer(strict=True, validate=validate.Range(1, 53))
    unit_id = Id(allow_none=True)
    parent_id = Id(allow_none=True)
    description = Text(20_000)
    version = Id(metadata={"description": VERSION})


class PlanVersionSchema(ApiSchema):
    version = Id(metadata={"description": VERSION})


class PlanReturnSchema(PlanVersionSchema):
    reason = Text(500, required=True)


class PlanIssueSchema(ApiSchema):
    signed_on = Day(required=True, metadata={"description": "Not after today."})
    signer = Text(150, min_length=1, required=True)
    recipients = Text(2000, load_default="")
    register_id = Id(
        allow_none=True,
        load_default=None,
        metadata={"description": "Default: the one register numbering CTr (or KH)."},
    )
    version = Id(metadata={"description": VERSION})


class PlanItemSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    plan_id = fields.Integer(dump_only=True)
    parent_id = fields.Integer(
        dump_only=True,
        allow_none=True,
        metadata={"description": "The item of the higher plan it cascades from."},
    )
    position = fields.Integer(dump_only=True)
    title = fields.String(dump_only=True)
    description = fields.String(dump_only=True)
    lead_unit_id = fields.Integer(dump_only=True, allow_none=True)
    due_on = fields.Date(dump_only=True, allow_none=True)
    timing = fields.String(dump_only=True)
    source_kind = fields.String(dump_only=True, metadata={"enum": ["", *SOURCE_KINDS]})
    source_number = fields.String(dump_only=True)
    source_text = fields.String(dump_only=True)
    source_label = fields.String(dump_only=True)
    weight = fields.Integer(dump_only=True)
    progress = fields.Integer(
        dump_only=True,
        metadata={
            "description": "Rolled up from its lower items and tasks when it has any; "
            "otherwise reported by hand."
        },
    )
    version = fields.Integer(dump_only=True)


class _ItemFields(ApiSchema):
    title = Text(1000, min_length=1)
    description = Text(20_000)
    position = fields.Integer(strict=True, validate=validate.Range(0, 100_000))
    parent_id = Id(allow_none=True)
    lead_unit_id = Id(allow_none=True)
    due_on = Day(allow_none=True)
    timing = Text(100, metadata={"description": "e.g. Quý II, Cả năm."})
    source_kind = Choice(["", *SOURCE_KINDS])
    source_number = Text(80, metadata={"description": "e.g. 12/TB-SNV."})
    source_text = Text(1000)
    weight = fields.Integer(strict=True, validate=validate.Range(1, 100))


class PlanItemInputSchema(_ItemFields):
    plan_id = Id(required=True)
    title = Text(1000, min_length=1, required=True)


class PlanItemUpdateSchema(_ItemFields):
    version = Id(metadata={"description": VERSION})


class PlanCascadeSchema(_ItemFields):
    """The new item copies the title, lead unit and source; fields sent override them."""

    class Meta(ApiSchema.Meta):
        exclude = ("parent_id",)

    plan_id = Id(required=True, metadata={"description": "The lower plan, in draft."})


class ItemProgressSchema(PlanVersionSchema):
    progress = fields.Integer(strict=True, validate=validate.Range(0, 100), required=True)
