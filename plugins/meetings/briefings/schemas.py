"""How briefing series, sessions and the units' reports are read and written through the API."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from core.api import ApiSchema, Choice, Id, Text, When
from core.hooktypes import WORK_STATUSES
from plugins.meetings.briefings.models import (
    ITEM_KINDS,
    MAX_CUTOFF_HOURS,
    MAX_DURATION_MINUTES,
    MAX_HORIZON_DAYS,
    ItemKind,
)
from plugins.meetings.meetings.models import MeetingStatus

VERSION = "The version you edit, unless sent as If-Match."
RULE = (
    "An RFC 5545 RRULE read in the agency's time zone from the first session's start, e.g. "
    "FREQ=WEEKLY;BYDAY=MO; it may leave out COUNT and UNTIL."
)
REPORT_TEXT = 10_000


def _minutes(**kwargs: Any) -> fields.Integer:
    return fields.Integer(strict=True, validate=validate.Range(1, MAX_DURATION_MINUTES), **kwargs)


class _IdSchema(Schema):
    id = fields.Integer()


class StandingItemSchema(ApiSchema):
    position = fields.Integer(dump_only=True)
    title = Text(500, min_length=1, required=True)
    kind = Choice(
        ITEM_KINDS,
        load_default=ItemKind.GENERAL.value,
        metadata={
            "description": "unit_reports: the units' reports go here in the minutes; "
            "follow_up: the previous session's conclusions and their status."
        },
    )
    presenter_unit_id = Id(allow_none=True, load_default=None)
    duration_minutes = _minutes(allow_none=True, load_default=None)


class SeriesSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    title = fields.String(dump_only=True)
    chair_id = fields.Integer(dump_only=True)
    secretary_id = fields.Integer(dump_only=True, allow_none=True)
    unit_id = fields.Integer(
        dump_only=True, allow_none=True, metadata={"description": "The preparing unit."}
    )
    room_id = fields.Integer(dump_only=True, allow_none=True)
    location = fields.String(dump_only=True)
    rrule = fields.String(dump_only=True, metadata={"description": RULE})
    first_starts_at = fields.AwareDateTime(dump_only=True)
    duration_minutes = fields.Integer(dump_only=True)
    cutoff_hours = fields.Integer(
        dump_only=True, metadata={"description": "Reports are due this long before a session."}
    )
    horizon_days = fields.Integer(
        dump_only=True, metadata={"description": "Sessions are made this far ahead."}
    )
    active = fields.Boolean(dump_only=True)
    generation_error = fields.String(
        dump_only=True, metadata={"description": "Why the last sessions could not be made."}
    )
    unit_ids = fields.Pluck(_IdSchema, "id", many=True, attribute="units", dump_only=True)
    items = fields.List(fields.Nested(StandingItemSchema), dump_only=True)
    version = fields.Integer(dump_only=True)


class SeriesInputSchema(ApiSchema):
    title = Text(255, min_length=1, required=True)
    chair_id = Id(required=True)
    secretary_id = Id(allow_none=True, load_default=None)
    unit_id = Id(allow_none=True, load_default=None)
    room_id = Id(allow_none=True, load_default=None)
    location = Text(255, load_default="")
    rrule = Text(500, min_length=1, required=True, metadata={"description": RULE})
    first_starts_at = When(required=True)
    duration_minutes = _minutes(load_default=90)
    cutoff_hours = fields.Integer(
        strict=True, validate=validate.Range(0, MAX_CUTOFF_HOURS), load_default=64
    )
    horizon_days = fields.Integer(
        strict=True, validate=validate.Range(1, MAX_HORIZON_DAYS), load_default=28
    )
    active = fields.Boolean(load_default=True)
    unit_ids = fields.List(Id(), validate=validate.Length(max=200), load_default=list)
    items = fields.List(
        fields.Nested(StandingItemSchema), validate=validate.Length(max=50), load_default=list
    )


class SeriesUpdateSchema(ApiSchema):
    title = Text(255, min_length=1)
    chair_id = Id()
    secretary_id = Id(allow_none=True)
    unit_id = Id(allow_none=True)
    room_id = Id(allow_none=True)
    location = Text(255)
    rrule = Text(500, min_length=1, metadata={"description": RULE})
    first_starts_at = When()
    duration_minutes = _minutes()
    cutoff_hours = fields.Integer(strict=True, validate=validate.Range(0, MAX_CUTOFF_HOURS))
    horizon_days = fields.Integer(strict=True, validate=validate.Range(1, MAX_HORIZON_DAYS))
    active = fields.Boolean()
    unit_ids = fields.List(Id(), validate=validate.Length(max=200))
    items = fields.List(fields.Nested(StandingItemSchema), validate=validate.Length(max=50))
    version = Id(metadata={"description": VERSION})


class SessionSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    series_id = fields.Integer(dump_only=True)
    meeting_id = fields.Integer(dump_only=True)
    title = fields.String(dump_only=True, attribute="meeting.title")
    status = fields.String(
        dump_only=True,
        attribute="meeting.status",
        metadata={"enum": [s.value for s in MeetingStatus]},
    )
    starts_at = fields.AwareDateTime(dump_only=True, attribute="meeting.starts_at")
    ends_at = fields.AwareDateTime(dump_only=True, attribute="meeting.ends_at")
    occurrence = fields.AwareDateTime(
        dump_only=True, metadata={"description": "The rule's date this session stands for."}
    )
    report_due_at = fields.AwareDateTime(
        dump_only=True, metadata={"description": "Reports sent after it are late."}
    )
    reports_requested_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    reminded_at = fields.AwareDateTime(dump_only=True, allow_none=True)


class UnitReportStateSchema(ApiSchema):
    unit_id = fields.Integer(required=True)
    unit = fields.String(required=True)
    report_id = fields.Integer(allow_none=True, required=True)
    submitted_at = fields.AwareDateTime(allow_none=True, required=True)
    late = fields.Boolean(required=True)


class UnitReportStatesSchema(ApiSchema):
    items = fields.List(fields.Nested(UnitReportStateSchema), required=True)


class FollowUpSchema(ApiSchema):
    notice_id = fields.Integer(required=True)
    notice = fields.String(required=True, metadata={"description": "The TB's number and symbol."})
    position = fields.Integer(required=True)
    source_ref = fields.String(required=True)
    content = fields.String(required=True)
    lead_unit_id = fields.Integer(required=True)
    lead_unit = fields.String(required=True)
    deadline = fields.Date(allow_none=True, required=True)
    status = fields.String(
        allow_none=True,
        required=True,
        metadata={"enum": [*WORK_STATUSES, None], "description": "None: no plugin tracks it."},
    )
    status_label = fields.String(allow_none=True, required=True)
    progress = fields.Integer(allow_none=True, required=True)
    url = fields.String(allow_none=True, required=True)


class FollowUpListSchema(ApiSchema):
    items = fields.List(fields.Nested(FollowUpSchema), required=True)


class SectionSchema(ApiSchema):
    heading = fields.String(required=True)
    content = fields.String(required=True)
    agenda_item_id = fields.Integer(allow_none=True, required=True)


class SectionsSchema(ApiSchema):
    sections = fields.List(fields.Nested(SectionSchema), required=True)


class EmptySchema(ApiSchema):
    """No input."""


class ReportSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    session_id = fields.Integer(dump_only=True)
    unit_id = fields.Integer(dump_only=True)
    unit = fields.String(dump_only=True, attribute="unit.name")
    done = fields.String(dump_only=True, metadata={"description": "Done last week."})
    planned = fields.String(dump_only=True, metadata={"description": "Planned for next week."})
    proposals = fields.String(dump_only=True)
    submitted_at = fields.AwareDateTime(dump_only=True)
    submitted_by_id = fields.Integer(dump_only=True, allow_none=True)
    updated_at = fields.AwareDateTime(dump_only=True)
    late = fields.Boolean(
        dump_only=True, metadata={"description": "First sent after the session's cut-off."}
    )
    version = fields.Integer(dump_only=True)


class ReportInputSchema(ApiSchema):
    session_id = Id(required=True)
    unit_id = Id(required=True)
    done = Text(REPORT_TEXT, load_default="")
    planned = Text(REPORT_TEXT, load_default="")
    proposals = Text(REPORT_TEXT, load_default="")


class ReportUpdateSchema(ApiSchema):
    done = Text(REPORT_TEXT)
    planned = Text(REPORT_TEXT)
    proposals = Text(REPORT_TEXT)
    version = Id(metadata={"description": VERSION})
