"""How meetings, their invitees, agenda, materials, minutes and conclusion notices are read
and written through the REST API."""

from __future__ import annotations

from marshmallow import fields, validate

from core.api import ApiSchema, Choice, Day, Id, Text, When
from plugins.meetings.meetings.models import (
    InviteeKind,
    MeetingKind,
    MeetingStatus,
    MinutesStatus,
    NoticeStatus,
    Presence,
    Rsvp,
)

VERSION = "The version you act on, unless sent as If-Match."
TIME = "With its UTC offset, e.g. 2026-01-05T09:00:00+07:00."
KINDS = [k.value for k in MeetingKind]


def _count() -> fields.Integer:
    """Votes: a count, or none when no vote was taken."""
    return fields.Integer(
        strict=True, validate=validate.Range(0, 100_000), allow_none=True, load_default=None
    )


def _out(field: type, **kwargs: object) -> fields.Field:
    return field(dump_only=True, **kwargs)


class InviteeSchema(ApiSchema):
    id = _out(fields.Integer)
    kind = _out(fields.String, metadata={"enum": [k.value for k in InviteeKind]})
    user_id = _out(fields.Integer, allow_none=True)
    unit_id = _out(fields.Integer, allow_none=True)
    name = _out(fields.String)
    guest_email = _out(fields.String)
    guest_organisation = _out(fields.String)
    rsvp = _out(fields.String, metadata={"enum": [r.value for r in Rsvp]})
    rsvp_reason = _out(fields.String)
    responded_at = _out(fields.AwareDateTime, allow_none=True)
    delegate_id = _out(fields.Integer, allow_none=True)
    presence = _out(fields.String, allow_none=True, metadata={"enum": [p.value for p in Presence]})
    absence_reason = _out(fields.String)


class AgendaItemSchema(ApiSchema):
    id = _out(fields.Integer)
    position = _out(fields.Integer)
    title = _out(fields.String)
    description = _out(fields.String)
    presenter_id = _out(fields.Integer, allow_none=True)
    presenter_unit_id = _out(fields.Integer, allow_none=True)
    duration_minutes = _out(fields.Integer, allow_none=True)


class MaterialSchema(ApiSchema):
    id = _out(fields.Integer)
    agenda_item_id = _out(fields.Integer, allow_none=True)
    filename = _out(fields.String)
    content_type = _out(fields.String)
    size = _out(fields.Integer)
    sha256 = _out(fields.String)
    uploaded_by_id = _out(fields.Integer, allow_none=True)
    uploaded_at = _out(fields.AwareDateTime)


class MeetingSchema(ApiSchema):
    id = _out(fields.Integer)
    kind = _out(fields.String, metadata={"enum": KINDS})
    title = _out(fields.String)
    description = _out(fields.String)
    status = _out(fields.String, metadata={"enum": [s.value for s in MeetingStatus]})
    chair_id = _out(fields.Integer)
    secretary_id = _out(fields.Integer, allow_none=True)
    unit_id = _out(fields.Integer, allow_none=True)
    starts_at = _out(fields.AwareDateTime, metadata={"description": "UTC."})
    ends_at = _out(fields.AwareDateTime, metadata={"description": "UTC."})
    room_id = _out(fields.Integer, allow_none=True)
    location = _out(fields.String)
    materials_due_at = _out(fields.AwareDateTime, allow_none=True)
    approved_at = _out(fields.AwareDateTime, allow_none=True)
    invitation_symbol = _out(
        fields.Function,
        serialize=lambda m: m.invitation.symbol if m.invitation else None,
        allow_none=True,
        metadata={"type": "string", "description": "The numbered invitation (GM)."},
    )
    held_at = _out(fields.AwareDateTime, allow_none=True)
    closed_at = _out(fields.AwareDateTime, allow_none=True)
    cancel_reason = _out(fields.String)
    version = _out(fields.Integer)


class MeetingDetailSchema(MeetingSchema):
    invitees = fields.List(fields.Nested(InviteeSchema), dump_only=True)
    agenda = fields.List(fields.Nested(AgendaItemSchema), dump_only=True)
    materials = fields.List(fields.Nested(MaterialSchema), dump_only=True)


class MeetingInputSchema(ApiSchema):
    kind = Choice(KINDS, load_default=MeetingKind.MEETING.value)
    title = Text(255, min_length=1, required=True)
    description = Text(10_000, load_default="")
    chair_id = Id(required=True)
    secretary_id = Id(allow_none=True, load_default=None)
    unit_id = Id(allow_none=True, load_default=None, metadata={"description": "Preparing unit."})
    starts_at = When(required=True, metadata={"description": TIME})
    ends_at = When(required=True, metadata={"description": TIME})
    room_id = Id(allow_none=True, load_default=None)
    location = Text(255, load_default="", metadata={"description": "Outside the agency."})
    materials_due_at = When(allow_none=True, load_default=None)


class MeetingUpdateSchema(ApiSchema):
    kind = Choice(KINDS)
    title = Text(255, min_length=1)
    description = Text(10_000)
    chair_id = Id()
    secretary_id = Id(allow_none=True)
    unit_id = Id(allow_none=True)
    starts_at = When()
    ends_at = When()
    room_id = Id(allow_none=True)
    location = Text(255)
    materials_due_at = When(allow_none=True)
    version = Id(metadata={"description": VERSION})


class StepSchema(ApiSchema):
    """A lifecycle step: the version it acts on."""

    version = Id(metadata={"description": VERSION})


class CancelSchema(StepSchema):
    reason = Text(500, min_length=1, required=True)


class InviteeInputSchema(ApiSchema):
    user_id = Id(load_default=None)
    unit_id = Id(load_default=None)
    guest_name = Text(200, load_default="")
    guest_email = fields.Email(load_default="", validate=validate.Length(max=254))
    guest_organisation = Text(255, load_default="")


class InviteeRemoveSchema(ApiSchema):
    invitee_id = Id(required=True)


class AnswerSchema(ApiSchema):
    answer = Choice([Rsvp.ACCEPTED.value, Rsvp.DECLINED.value], required=True)
    reason = Text(500, load_default="", metadata={"description": "Required to decline."})
    invitee_id = Id(
        load_default=None,
        metadata={"description": "Whose invitation (a unit's, for its head); default: yours."},
    )


class DelegateSchema(ApiSchema):
    delegate_id = Id(required=True, metadata={"description": "Who attends in the place."})
    reason = Text(500, load_default="")
    invitee_id = Id(load_default=None)


class MarkSchema(ApiSchema):
    invitee_id = Id(required=True)
    presence = Choice([p.value for p in Presence], required=True)
    reason = Text(500, load_default="")


class AttendanceSchema(ApiSchema):
    marks = fields.List(fields.Nested(MarkSchema), required=True, validate=validate.Length(1, 1000))


class AgendaInputSchema(ApiSchema):
    title = Text(500, min_length=1, required=True)
    description = Text(10_000, load_default="")
    presenter_id = Id(allow_none=True, load_default=None)
    presenter_unit_id = Id(allow_none=True, load_default=None)
    duration_minutes = fields.Integer(
        strict=True, validate=validate.Range(1, 24 * 60), allow_none=True, load_default=None
    )


class MaterialFormSchema(ApiSchema):
    agenda_item_id = fields.Integer(
        validate=validate.Range(1, 2**31 - 1), load_default=None, allow_none=True
    )


class MinutesItemSchema(ApiSchema):
    agenda_item_id = Id(allow_none=True, load_default=None)
    heading = Text(500, min_length=1, required=True)
    content = Text(100_000, load_default="")
    votes_for = _count()
    votes_against = _count()
    votes_abstain = _count()


class MinutesSchema(ApiSchema):
    id = _out(fields.Integer)
    meeting_id = _out(fields.Integer)
    status = _out(fields.String, metadata={"enum": [s.value for s in MinutesStatus]})
    opened_at = _out(fields.AwareDateTime, allow_none=True)
    closed_at = _out(fields.AwareDateTime, allow_none=True)
    participants = _out(fields.String)
    absentees = _out(fields.String)
    conclusions = _out(fields.String)
    items = fields.List(fields.Nested(MinutesItemSchema), dump_only=True)
    symbol = _out(
        fields.Function,
        serialize=lambda m: m.document.symbol if m.document else None,
        allow_none=True,
        metadata={"type": "string", "description": "The numbered minutes (BB), once filed."},
    )
    filed_at = _out(fields.AwareDateTime, allow_none=True)
    version = _out(fields.Integer)


class MinutesInputSchema(ApiSchema):
    opened_at = When(allow_none=True)
    closed_at = When(allow_none=True)
    participants = Text(20_000)
    absentees = Text(20_000)
    conclusions = Text(100_000)
    items = fields.List(fields.Nested(MinutesItemSchema), validate=validate.Length(max=200))
    version = Id(metadata={"description": VERSION + " Not needed for the first draft."})


class PointSchema(ApiSchema):
    position = _out(fields.Integer)
    content = Text(10_000, min_length=1, required=True)
    lead_unit_id = Id(required=True)
    supporter_unit_ids = fields.List(Id(), load_default=list, validate=validate.Length(max=100))
    deadline = Day(allow_none=True, load_default=None)
    expected_result = Text(500, load_default="")
    source_ref = _out(fields.String)


class NoticeSchema(ApiSchema):
    id = _out(fields.Integer)
    meeting_id = _out(fields.Integer)
    status = _out(fields.String, metadata={"enum": [s.value for s in NoticeStatus]})
    summary = _out(fields.String)
    preamble = _out(fields.String)
    corrects_id = _out(fields.Integer, allow_none=True)
    approved_at = _out(fields.AwareDateTime, allow_none=True)
    symbol = _out(
        fields.Function,
        serialize=lambda n: n.document.symbol if n.document else None,
        allow_none=True,
        metadata={"type": "string", "description": "The numbered notice (TB), once issued."},
    )
    issued_at = _out(fields.AwareDateTime, allow_none=True)
    points = fields.List(fields.Nested(PointSchema), dump_only=True)
    version = _out(fields.Integer)


class _NoticeFieldsSchema(ApiSchema):
    summary = Text(1000, min_length=1, required=True)
    preamble = Text(20_000, load_default="")
    points = fields.List(
        fields.Nested(PointSchema), required=True, validate=validate.Length(1, 200)
    )


class NoticeInputSchema(_NoticeFieldsSchema):
    corrects_id = Id(
        allow_none=True,
        load_default=None,
        metadata={"description": "The issued notice of this meeting that this one corrects."},
    )


class NoticeUpdateSchema(_NoticeFieldsSchema):
    version = Id(metadata={"description": VERSION})
