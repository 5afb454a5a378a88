"""How weeks, entries, conflicts and versions are read and written through the REST API."""

from __future__ import annotations

from marshmallow import fields, validate

from core.api import ApiSchema, Choice, Day, Id, ListArgsSchema, PageSchema, Text, When
from plugins.planning.schedule.models import ENTRY_STATUSES, SESSIONS, WEEK_STATUSES
from plugins.planning.schedule.versions import describe

VERSION = "The version you act on, unless sent as If-Match."
TIME = "With its UTC offset, e.g. 2026-11-23T08:00:00+07:00."
NOTE = "Why the entry changes: required once the week is published (it makes a new version)."
WEEK = "An ISO week, e.g. 2026-W48."
WEEK_PATTERN = r"^\d{4}-W\d{2}$"


class EntrySchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    week = fields.Function(lambda e: e.week.iso.iso, dump_only=True, metadata={"description": WEEK})
    day = fields.Date(dump_only=True)
    session = fields.String(dump_only=True, metadata={"enum": list(SESSIONS)})
    starts_at = fields.AwareDateTime(dump_only=True)
    ends_at = fields.AwareDateTime(dump_only=True)
    timed = fields.Boolean(
        dump_only=True, metadata={"description": "Exact times; else the whole half-day."}
    )
    content = fields.String(dump_only=True)
    leader_id = fields.Integer(dump_only=True, metadata={"description": "Who presides."})
    leader = fields.Function(lambda e: str(e.leader), dump_only=True)
    participants = fields.String(dump_only=True)
    participant_ids = fields.Function(lambda e: [p.id for p in e.participant_users], dump_only=True)
    location = fields.String(dump_only=True)
    room_id = fields.Integer(dump_only=True, allow_none=True)
    vehicle_id = fields.Integer(dump_only=True, allow_none=True)
    place = fields.String(dump_only=True, metadata={"description": "The room and the location."})
    unit_id = fields.Integer(dump_only=True, metadata={"description": "The preparing unit."})
    submitted_by_id = fields.Integer(dump_only=True, allow_none=True)
    submitted_at = fields.AwareDateTime(dump_only=True)
    status = fields.String(dump_only=True, metadata={"enum": list(ENTRY_STATUSES)})
    note = fields.String(dump_only=True)
    version = fields.Integer(dump_only=True)


class EntryInputSchema(ApiSchema):
    day = Day(metadata={"description": "With `session`, unless exact times are given."})
    session = Choice(SESSIONS)
    starts_at = When(metadata={"description": TIME + " With `ends_at`: exact times."})
    ends_at = When(metadata={"description": TIME})
    content = Text(1000, min_length=1, required=True)
    leader_id = Id(required=True, metadata={"description": "The presiding leader (a user)."})
    participants = Text(1000, load_default="")
    participant_ids = fields.List(Id(), validate=validate.Length(max=100), load_default=list)
    location = Text(255, load_default="")
    room_id = Id(allow_none=True, load_default=None, metadata={"description": "A room resource."})
    vehicle_id = Id(allow_none=True, load_default=None)
    unit_id = Id(required=True, metadata={"description": "The preparing unit."})
    note = Text(500, load_default="", metadata={"description": NOTE})


class EntryUpdateSchema(ApiSchema):
    day = Day()
    session = Choice(SESSIONS)
    starts_at = When(metadata={"description": TIME})
    ends_at = When(metadata={"description": TIME})
    content = Text(1000, min_length=1)
    leader_id = Id()
    participants = Text(1000)
    participant_ids = fields.List(Id(), validate=validate.Length(max=100))
    location = Text(255)
    room_id = Id(allow_none=True)
    vehicle_id = Id(allow_none=True)
    unit_id = Id()
    note = Text(500, load_default="", metadata={"description": NOTE})
    version = Id(metadata={"description": VERSION})


class WithdrawSchema(ApiSchema):
    reason = Text(500, load_default="", metadata={"description": NOTE})
    version = Id(metadata={"description": VERSION})


class WeekSchema(ApiSchema):
    week = fields.String(dump_only=True, metadata={"description": WEEK})
    year = fields.Integer(dump_only=True)
    number = fields.Integer(dump_only=True)
    title = fields.String(dump_only=True, metadata={"description": "Tuần 48 (23/11–29/11)."})
    status = fields.String(dump_only=True, metadata={"enum": list(WEEK_STATUSES)})
    published_version = fields.Integer(dump_only=True)
    cutoff_at = fields.AwareDateTime(
        dump_only=True, metadata={"description": "Units submit until this time."}
    )
    open_for_units = fields.Boolean(dump_only=True)
    note = fields.String(dump_only=True)
    published_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    published_by_id = fields.Integer(dump_only=True, allow_none=True)
    version = fields.Integer(
        dump_only=True, allow_none=True, metadata={"description": "None: nothing stored yet."}
    )


class ConflictSchema(ApiSchema):
    kind = fields.String(dump_only=True, metadata={"enum": ["leader", "room", "vehicle"]})
    name = fields.String(dump_only=True, metadata={"description": "The leader, room or vehicle."})
    entry_id = fields.Integer(dump_only=True)
    other_entry_id = fields.Integer(
        dump_only=True, allow_none=True, metadata={"description": "Another entry of the week."}
    )
    other_booking_id = fields.Integer(
        dump_only=True, allow_none=True, metadata={"description": "A booking outside the schedule."}
    )
    blocking = fields.Boolean(
        dump_only=True,
        metadata={"description": "Publishing is refused until it is resolved."},
    )
    message = fields.String(dump_only=True)


class WeekDetailSchema(WeekSchema):
    entries = fields.List(fields.Nested(EntrySchema), dump_only=True)
    conflicts = fields.List(
        fields.Nested(ConflictSchema),
        dump_only=True,
        metadata={"description": "For the office only; empty for others."},
    )


class WeekListArgsSchema(ListArgsSchema):
    status = Choice(WEEK_STATUSES)
    year = fields.Integer(validate=validate.Range(1900, 2199))


class WeekPageSchema(PageSchema):
    items = fields.List(fields.Nested(WeekSchema), required=True)


class WeekUpdateSchema(ApiSchema):
    note = Text(500, metadata={"description": "e.g. “Lịch này thay giấy mời”."})
    cutoff_at = When(metadata={"description": TIME})
    reason = Text(500, load_default="", metadata={"description": NOTE})
    version = Id(metadata={"description": VERSION})


class PublishSchema(ApiSchema):
    version = Id(metadata={"description": VERSION})


class VersionSchema(ApiSchema):
    number = fields.Integer(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)
    created_by_id = fields.Integer(dump_only=True, allow_none=True)
    created_by = fields.Function(
        lambda v: str(v.created_by) if v.created_by else None, dump_only=True, allow_none=True
    )
    note = fields.String(dump_only=True)
    changes = fields.List(fields.Dict(), dump_only=True)
    lines = fields.Function(
        lambda v: [describe(item) for item in v.changes],
        dump_only=True,
        metadata={"description": "The changes in words."},
    )


class VersionListSchema(ApiSchema):
    week = fields.String(dump_only=True)
    items = fields.List(fields.Nested(VersionSchema), dump_only=True)
