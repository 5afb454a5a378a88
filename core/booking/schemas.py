"""How resources, bookings and free time are read and written through the REST API."""

from __future__ import annotations

from marshmallow import fields, validate

from core.api import ApiSchema, Choice, Id, Text, When
from core.api.schemas import MAX_ID
from core.booking.models import KINDS, STATUSES, ResourceKind

VERSION = "The version you act on, unless sent as If-Match."
TIME = "With its UTC offset, e.g. 2026-01-05T09:00:00+07:00."


class ResourceSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    kind = fields.String(dump_only=True, metadata={"enum": list(KINDS)})
    code = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    capacity = fields.Integer(dump_only=True, allow_none=True)
    location = fields.String(dump_only=True)
    description = fields.String(dump_only=True)
    approver_id = fields.Integer(
        dump_only=True,
        allow_none=True,
        metadata={"description": "Confirms bookings; none: bookings are confirmed at once."},
    )
    unit_id = fields.Integer(dump_only=True, allow_none=True)
    user_id = fields.Integer(
        dump_only=True, allow_none=True, metadata={"description": "The person, for kind person."}
    )
    active = fields.Boolean(dump_only=True)
    version = fields.Integer(dump_only=True)


class ResourceInputSchema(ApiSchema):
    kind = Choice(KINDS, load_default=ResourceKind.ROOM.value)
    code = Text(30, min_length=1, required=True)
    name = Text(150, min_length=1, required=True)
    capacity = fields.Integer(
        strict=True, validate=validate.Range(0, 100_000), allow_none=True, load_default=None
    )
    location = Text(255, load_default="")
    description = Text(5000, load_default="")
    approver_id = Id(allow_none=True, load_default=None)
    unit_id = Id(allow_none=True, load_default=None)
    user_id = Id(allow_none=True, load_default=None)
    active = fields.Boolean(load_default=True)


class ResourceUpdateSchema(ApiSchema):
    kind = Choice(KINDS)
    code = Text(30, min_length=1)
    name = Text(150, min_length=1)
    capacity = fields.Integer(strict=True, validate=validate.Range(0, 100_000), allow_none=True)
    location = Text(255)
    description = Text(5000)
    approver_id = Id(allow_none=True)
    unit_id = Id(allow_none=True)
    user_id = Id(allow_none=True)
    active = fields.Boolean()
    version = Id(metadata={"description": VERSION})


class BookingSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    resource_id = fields.Integer(dump_only=True)
    starts_at = fields.AwareDateTime(dump_only=True, metadata={"description": "UTC."})
    ends_at = fields.AwareDateTime(
        dump_only=True, metadata={"description": "UTC; the range is half-open: [start, end)."}
    )
    status = fields.String(dump_only=True, metadata={"enum": list(STATUSES)})
    purpose = fields.String(dump_only=True)
    booked_by_id = fields.Integer(dump_only=True, allow_none=True)
    owner_type = fields.String(dump_only=True)
    owner_ref = fields.String(dump_only=True)
    series_id = fields.String(dump_only=True, allow_none=True)
    decided_by_id = fields.Integer(dump_only=True, allow_none=True)
    decided_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    reason = fields.String(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)
    version = fields.Integer(dump_only=True)


class BookingInputSchema(ApiSchema):
    resource_id = Id(required=True)
    starts_at = When(required=True, metadata={"description": TIME})
    ends_at = When(required=True, metadata={"description": TIME + " Half-open: [start, end)."})
    purpose = Text(255, min_length=1, required=True)
    owner_type = Text(50, load_default="", metadata={"description": "e.g. meetings.meeting."})
    owner_ref = Text(100, load_default="", metadata={"description": "The owner's id."})
    confirm = fields.Boolean(
        load_default=False,
        metadata={"description": "Confirm at once (the resource's approver or the office)."},
    )


class SeriesInputSchema(BookingInputSchema):
    rrule = Text(
        500,
        min_length=1,
        required=True,
        metadata={
            "description": "RFC 5545, e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=10; starts_at/ends_at "
            "are the first date's times."
        },
    )


class SeriesSchema(ApiSchema):
    series_id = fields.String(dump_only=True)
    items = fields.List(fields.Nested(BookingSchema), dump_only=True)


class MoveSchema(ApiSchema):
    starts_at = When(metadata={"description": TIME})
    ends_at = When(metadata={"description": TIME})
    purpose = Text(255, min_length=1)
    version = Id(metadata={"description": VERSION})


class ConfirmSchema(ApiSchema):
    series = fields.Boolean(
        load_default=False,
        metadata={"description": "Confirm every open date of the recurring booking."},
    )
    version = Id(metadata={"description": VERSION})


class RejectSchema(ApiSchema):
    reason = Text(500, load_default="")
    version = Id(metadata={"description": VERSION})


class CancelSchema(RejectSchema):
    series = fields.Boolean(
        load_default=False,
        metadata={"description": "Cancel every open date of the recurring booking."},
    )


class AvailabilityArgsSchema(ApiSchema):
    resource = fields.List(
        fields.Integer(validate=validate.Range(1, MAX_ID)),
        validate=validate.Length(max=200),
        metadata={"description": "Resource ids (repeat the parameter); default: every active one."},
    )
    kind = Choice(KINDS)
    from_ = When(data_key="from", metadata={"description": "Default: now."})
    to = When(metadata={"description": "Default: seven days after from; at most 31 days."})
    min_minutes = fields.Integer(validate=validate.Range(1, 1440), load_default=30)


class FreeSlotSchema(ApiSchema):
    starts_at = fields.AwareDateTime(dump_only=True)
    ends_at = fields.AwareDateTime(dump_only=True)


class ResourceFreeSchema(ApiSchema):
    resource_id = fields.Integer(dump_only=True)
    name = fields.String(dump_only=True)
    free = fields.List(fields.Nested(FreeSlotSchema), dump_only=True)


class AvailabilitySchema(ApiSchema):
    from_ = fields.AwareDateTime(data_key="from", dump_only=True)
    to = fields.AwareDateTime(dump_only=True)
    resources = fields.List(fields.Nested(ResourceFreeSchema), dump_only=True)
