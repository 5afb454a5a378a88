"""How rooms and room bookings are read and written through the REST API."""

from __future__ import annotations

from marshmallow import fields, validate

from core.api import ApiSchema, Choice, Id, Text, When
from core.booking.models import STATUSES
from core.booking.schemas import TIME, VERSION
from plugins.meetings.rooms.models import EQUIPMENT, LAYOUTS, Layout
from plugins.meetings.rooms.services import MAX_ATTENDEES

SEATS = validate.Range(0, 100_000)


class RoomSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    resource_id = fields.Integer(
        dump_only=True, metadata={"description": "The core booking resource (kind room)."}
    )
    code = fields.String(dump_only=True, attribute="resource.code")
    name = fields.String(dump_only=True, attribute="resource.name")
    capacity = fields.Integer(dump_only=True, allow_none=True, attribute="resource.capacity")
    location = fields.String(dump_only=True, attribute="resource.location")
    description = fields.String(dump_only=True, attribute="resource.description")
    approver_id = fields.Integer(
        dump_only=True,
        allow_none=True,
        attribute="resource.approver_id",
        metadata={"description": "Confirms bookings; none: bookings are confirmed at once."},
    )
    unit_id = fields.Integer(dump_only=True, allow_none=True, attribute="resource.unit_id")
    active = fields.Boolean(dump_only=True, attribute="resource.active")
    building = fields.String(dump_only=True)
    floor = fields.String(dump_only=True)
    layout = fields.String(dump_only=True, metadata={"enum": list(LAYOUTS)})
    equipment = fields.List(fields.String(metadata={"enum": list(EQUIPMENT)}), dump_only=True)
    notes = fields.String(dump_only=True)
    photo_url = fields.String(dump_only=True)
    door_shows_purpose = fields.Boolean(dump_only=True)
    has_door_page = fields.Method("_has_door_page", dump_only=True, metadata={"type": "boolean"})
    version = fields.Integer(dump_only=True)

    def _has_door_page(self, room: object) -> bool:
        return getattr(room, "door_token_hash", None) is not None


class RoomInputSchema(ApiSchema):
    code = Text(30, min_length=1, required=True)
    name = Text(150, min_length=1, required=True)
    capacity = fields.Integer(strict=True, validate=SEATS, allow_none=True, load_default=None)
    location = Text(255, load_default="")
    description = Text(5000, load_default="")
    approver_id = Id(allow_none=True, load_default=None)
    unit_id = Id(allow_none=True, load_default=None)
    active = fields.Boolean(load_default=True)
    building = Text(100, load_default="")
    floor = Text(30, load_default="")
    layout = Choice(LAYOUTS, load_default=Layout.BOARDROOM.value)
    equipment = fields.List(
        Choice(EQUIPMENT), validate=validate.Length(max=len(EQUIPMENT)), load_default=list
    )
    notes = Text(5000, load_default="")
    photo_url = Text(500, load_default="")
    door_shows_purpose = fields.Boolean(
        load_default=False,
        metadata={"description": "Whether the door page shows what each booking is for."},
    )


class RoomUpdateSchema(ApiSchema):
    code = Text(30, min_length=1)
    name = Text(150, min_length=1)
    capacity = fields.Integer(strict=True, validate=SEATS, allow_none=True)
    location = Text(255)
    description = Text(5000)
    approver_id = Id(allow_none=True)
    unit_id = Id(allow_none=True)
    active = fields.Boolean()
    building = Text(100)
    floor = Text(30)
    layout = Choice(LAYOUTS)
    equipment = fields.List(Choice(EQUIPMENT), validate=validate.Length(max=len(EQUIPMENT)))
    notes = Text(5000)
    photo_url = Text(500)
    door_shows_purpose = fields.Boolean()
    version = Id(metadata={"description": VERSION})


class RoomBookingSchema(ApiSchema):
    """A booking of the room (a core booking) with its expected attendees."""

    id = fields.Integer(dump_only=True, attribute="booking.id")
    starts_at = fields.AwareDateTime(dump_only=True, attribute="booking.starts_at")
    ends_at = fields.AwareDateTime(
        dump_only=True,
        attribute="booking.ends_at",
        metadata={"description": "UTC; the range is half-open: [start, end)."},
    )
    status = fields.String(
        dump_only=True, attribute="booking.status", metadata={"enum": list(STATUSES)}
    )
    purpose = fields.String(dump_only=True, attribute="booking.purpose")
    booked_by_id = fields.Integer(dump_only=True, allow_none=True, attribute="booking.booked_by_id")
    owner_type = fields.String(dump_only=True, attribute="booking.owner_type")
    owner_ref = fields.String(dump_only=True, attribute="booking.owner_ref")
    series_id = fields.String(dump_only=True, allow_none=True, attribute="booking.series_id")
    reason = fields.String(dump_only=True, attribute="booking.reason")
    version = fields.Integer(dump_only=True, attribute="booking.version")
    attendees = fields.Integer(dump_only=True, allow_none=True)
    warning = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={"description": "Set when more attendees are expected than the room seats."},
    )


class RoomBookingsSchema(ApiSchema):
    from_ = fields.AwareDateTime(data_key="from", dump_only=True)
    to = fields.AwareDateTime(dump_only=True)
    items = fields.List(fields.Nested(RoomBookingSchema), dump_only=True)


class WindowArgsSchema(ApiSchema):
    from_ = When(data_key="from", metadata={"description": "Default: now."})
    to = When(metadata={"description": "Default: seven days after from; at most 31 days."})
    status = fields.List(
        Choice(STATUSES),
        validate=validate.Length(max=len(STATUSES)),
        metadata={"description": "Repeat it; default: requested and confirmed."},
    )


class BookRoomSchema(ApiSchema):
    starts_at = When(required=True, metadata={"description": TIME})
    ends_at = When(required=True, metadata={"description": TIME + " Half-open: [start, end)."})
    purpose = Text(255, min_length=1, required=True)
    attendees = fields.Integer(
        strict=True,
        validate=validate.Range(1, MAX_ATTENDEES),
        allow_none=True,
        load_default=None,
        metadata={"description": "Expected people; more than the seats is a warning."},
    )
    rrule = Text(
        500,
        min_length=1,
        metadata={
            "description": "Repeat: RFC 5545, e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=10; starts_at/"
            "ends_at are the first date's times. All dates or none."
        },
    )
    confirm = fields.Boolean(
        load_default=False,
        metadata={"description": "Confirm at once (the room's approver or the office)."},
    )


class BookedSchema(ApiSchema):
    series_id = fields.String(dump_only=True, allow_none=True)
    items = fields.List(fields.Nested(RoomBookingSchema), dump_only=True)
    warnings = fields.List(fields.String(), dump_only=True)
