"""How report types, periods, submissions and consolidated reports are read and written
through the REST API."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, validate

from core.api import ApiSchema, Choice, Day, Id, Text
from core.i18n import agency_today
from plugins.planning.reports.models import (
    FIELD_KINDS,
    PERIOD_STATUSES,
    SUBMISSION_STATUSES,
    FieldKind,
)
from plugins.planning.reports.periods import KINDS, MAX_DUE_DAYS
from plugins.planning.reports.rules import MAX_FIELDS, MAX_TEXT
from plugins.planning.reports.services import is_overdue

VERSION = "The version you act on, unless sent as If-Match."


class ReportFieldSchema(ApiSchema):
    name = Text(
        40,
        min_length=1,
        required=True,
        metadata={"description": "Lower-case letters, digits and _, starting with a letter."},
    )
    label = Text(200, min_length=1, required=True)
    kind = Choice(FIELD_KINDS, load_default=FieldKind.NUMBER.value)
    required = fields.Boolean(load_default=False)


class ReportTypeSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    code = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    period = fields.String(dump_only=True, metadata={"enum": list(KINDS)})
    cutoff_day = fields.Integer(
        dump_only=True,
        metadata={
            "description": "Day of the period's last month the figures are cut off on "
            "(weekly: the weekday, 1 = Monday)."
        },
    )
    due_days = fields.Integer(dump_only=True, metadata={"description": "Days after the cut-off."})
    fields_ = fields.List(fields.Nested(ReportFieldSchema), data_key="fields", attribute="fields")
    unit_ids = fields.List(fields.Integer(), dump_only=True)
    description = fields.String(dump_only=True)
    active = fields.Boolean(dump_only=True)
    version = fields.Integer(dump_only=True)


def _cutoff(**kwargs: Any) -> fields.Integer:
    return fields.Integer(strict=True, validate=validate.Range(1, 31), **kwargs)


def _due(**kwargs: Any) -> fields.Integer:
    return fields.Integer(strict=True, validate=validate.Range(0, MAX_DUE_DAYS), **kwargs)


def _template(**kwargs: Any) -> fields.List:
    return fields.List(
        fields.Nested(ReportFieldSchema),
        data_key="fields",
        attribute="fields",
        validate=validate.Length(max=MAX_FIELDS),
        **kwargs,
    )


def _unit_ids(**kwargs: Any) -> fields.List:
    return fields.List(Id(), validate=validate.Length(max=500), **kwargs)


class ReportTypeInputSchema(ApiSchema):
    code = Text(30, min_length=1, required=True)
    name = Text(255, min_length=1, required=True)
    period = Choice(KINDS, required=True)
    cutoff_day = _cutoff(load_default=None, metadata={"description": "Default: 14 (Thursday)."})
    due_days = _due(load_default=None, metadata={"description": "Default: 1."})
    fields_ = _template(load_default=list)
    unit_ids = _unit_ids(load_default=list)
    description = Text(5000, load_default="")
    active = fields.Boolean(load_default=True)


class ReportTypeUpdateSchema(ApiSchema):
    code = Text(30, min_length=1)
    name = Text(255, min_length=1)
    period = Choice(KINDS)
    cutoff_day = _cutoff()
    due_days = _due()
    fields_ = _template()
    unit_ids = _unit_ids()
    description = Text(5000)
    active = fields.Boolean()
    version = Id(metadata={"description": VERSION})


class ReportPeriodSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    type_id = fields.Integer(dump_only=True)
    type_name = fields.String(dump_only=True, attribute="type.name")
    key = fields.String(dump_only=True, metadata={"description": "2026-W48, 2026-11, 2026-Q4…"})
    starts_on = fields.Date(dump_only=True)
    ends_on = fields.Date(dump_only=True)
    cutoff_on = fields.Date(dump_only=True)
    due_on = fields.Date(dump_only=True)
    status = fields.String(dump_only=True, metadata={"enum": list(PERIOD_STATUSES)})
    fields_ = fields.List(
        fields.Nested(ReportFieldSchema),
        dump_only=True,
        data_key="fields",
        attribute="fields",
        metadata={"description": "The template as it was when the period opened."},
    )
    unit_count = fields.Integer(dump_only=True)
    submitted_count = fields.Integer(dump_only=True)
    opened_at = fields.AwareDateTime(dump_only=True)
    consolidated_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    consolidated_by_id = fields.Integer(dump_only=True, allow_none=True)
    document_id = fields.Integer(dump_only=True, allow_none=True)
    document_symbol = fields.String(dump_only=True)
    version = fields.Integer(dump_only=True)


class ReportPeriodInputSchema(ApiSchema):
    type_id = Id(required=True)
    key = Text(10, min_length=1, required=True, metadata={"description": "e.g. 2026-11."})


class ReportConsolidateSchema(ApiSchema):
    version = Id(metadata={"description": VERSION})


class ReportIssueSchema(ApiSchema):
    signed_on = Day(required=True)
    signer = Text(150, load_default="")
    summary = Text(1000, metadata={"description": "Default: the type's name and the period."})
    recipients = Text(2000, metadata={"description": "Default: the leaders, the units, Lưu."})
    version = Id(metadata={"description": VERSION})


class ReportSubmissionSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    period_id = fields.Integer(dump_only=True)
    period_key = fields.String(dump_only=True, attribute="period.key")
    type_id = fields.Integer(dump_only=True, attribute="period.type_id")
    type_name = fields.String(dump_only=True, attribute="period.type.name")
    due_on = fields.Date(dump_only=True, attribute="period.due_on")
    unit_id = fields.Integer(dump_only=True)
    unit_name = fields.String(dump_only=True, attribute="unit.name")
    status = fields.String(dump_only=True, metadata={"enum": list(SUBMISSION_STATUSES)})
    overdue = fields.Method(
        "_overdue",
        dump_only=True,
        metadata={"type": "boolean", "description": "Still pending after the due date."},
    )
    figures = fields.Dict(keys=fields.String(), dump_only=True)
    text = fields.String(dump_only=True)
    submitted_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    submitted_by_id = fields.Integer(dump_only=True, allow_none=True)
    version = fields.Integer(dump_only=True)

    def _overdue(self, submission: Any) -> bool:
        return is_overdue(submission, agency_today())


class ReportSubmissionUpdateSchema(ApiSchema):
    figures = fields.Dict(
        keys=fields.String(validate=validate.Length(max=40)),
        values=fields.Raw(allow_none=True),
        validate=validate.Length(max=MAX_FIELDS),
        metadata={"description": "Values by field name: numbers, or text for text fields."},
    )
    text = Text(MAX_TEXT)
    version = Id(metadata={"description": VERSION})


class ReportTotalSchema(ApiSchema):
    name = fields.String(dump_only=True)
    label = fields.String(dump_only=True)
    total = fields.Raw(dump_only=True, metadata={"type": "number"})
    units = fields.Integer(dump_only=True, metadata={"description": "Units that gave it."})


class ReportSectionSchema(ApiSchema):
    label = fields.String(dump_only=True)
    text = fields.String(dump_only=True)


class ReportUnitSchema(ApiSchema):
    unit_id = fields.Integer(dump_only=True)
    unit = fields.String(dump_only=True)
    status = fields.String(dump_only=True, metadata={"enum": list(SUBMISSION_STATUSES)})
    submitted_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    figures = fields.Dict(keys=fields.String(), dump_only=True)
    texts = fields.List(fields.Nested(ReportSectionSchema), dump_only=True)


class ReportConsolidationSchema(ApiSchema):
    period = fields.Nested(ReportPeriodSchema, dump_only=True)
    totals = fields.List(fields.Nested(ReportTotalSchema), dump_only=True)
    units = fields.List(fields.Nested(ReportUnitSchema), dump_only=True)
    missing = fields.List(
        fields.Pluck(ReportUnitSchema, "unit"),
        dump_only=True,
        metadata={"description": "The units that did not report."},
    )
