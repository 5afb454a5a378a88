"""How calendar entries are read through the REST API."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from marshmallow import ValidationError, fields, validates_schema

from core.agenda.feeds import entry_uid
from core.api import ApiSchema, When

MAX_DAYS = 92


class CalendarArgsSchema(ApiSchema):
    start = When(required=True, data_key="from", metadata={"description": "Window start."})
    end = When(
        required=True,
        data_key="to",
        metadata={"description": f"Window end, at most {MAX_DAYS} days after 'from'."},
    )

    @validates_schema
    def check_window(self, data: dict[str, Any], **kwargs: Any) -> None:
        if "start" in data and "end" in data:
            span = data["end"] - data["start"]
            if span.total_seconds() <= 0 or span.days >= MAX_DAYS:
                raise ValidationError(
                    _("Must be after 'from', at most %(n)d days later.", n=MAX_DAYS), "to"
                )


class CalendarEntrySchema(ApiSchema):
    uid = fields.Function(entry_uid, dump_only=True)
    source = fields.String(dump_only=True)
    title = fields.String(dump_only=True)
    starts = fields.AwareDateTime(dump_only=True)
    ends = fields.AwareDateTime(dump_only=True)
    url = fields.String(dump_only=True, allow_none=True)
    location = fields.String(dump_only=True, allow_none=True)
    leader_ids = fields.List(fields.Integer(), dump_only=True)
