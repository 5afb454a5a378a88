"""Back-office forms of briefings: a series with its standing agenda, and a unit's report. The
services check the rules and name the field; the forms check only the shape of the input."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_admin.contrib.sqla.fields import QuerySelectField, QuerySelectMultipleField
from flask_admin.form import BaseForm
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields import DateTimeLocalField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from core.booking.models import Resource
from core.db import db
from core.i18n import agency_zone
from core.identity.models import User
from core.org.models import Unit
from plugins.meetings.briefings.models import (
    MAX_CUTOFF_HOURS,
    MAX_DURATION_MINUTES,
    MAX_HORIZON_DAYS,
    ItemKind,
)
from plugins.meetings.briefings.reports import open_sessions
from plugins.meetings.rooms.models import Room

ITEM_KIND_LABELS = {
    ItemKind.GENERAL.value: _l("Discussion"),
    ItemKind.FOLLOW_UP.value: _l("Follow-up of the previous conclusions"),
    ItemKind.UNIT_REPORTS.value: _l("The units' reports"),
}
#: Empty rows offered below a standing agenda, for new items.
BLANK_ITEMS = 3


def _active_users() -> list[User]:
    return list(db.session.scalars(select(User).where(User.active).order_by(User.username)))


def _units() -> list[Unit]:
    return list(db.session.scalars(select(Unit).where(Unit.active).order_by(Unit.path)))


def _rooms() -> list[Room]:
    return list(
        db.session.scalars(
            select(Room).join(Room.resource).where(Resource.active).order_by(Resource.name)
        )
    )


def _optional_id(value: Any) -> int | None:
    return int(value) if value not in (None, "", "None") else None


class StandingItemForm(Form):
    """One row of the standing agenda (a row without a title is left out)."""

    title = StringField(_l("Item"), validators=[Length(max=500)])
    kind = SelectField(_l("Pre-fills"), choices=list(ITEM_KIND_LABELS.items()))
    presenter_unit_id = SelectField(
        _l("Presenting unit"), coerce=_optional_id, validate_choice=False
    )
    duration_minutes = IntegerField(
        _l("Duration (minutes)"), validators=[Optional(), NumberRange(1, MAX_DURATION_MINUTES)]
    )


class SeriesForm(BaseForm):
    """A briefing series: who, where, when, which units, and its standing agenda."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=255)])
    chair = QuerySelectField(_l("Chair"), query_factory=_active_users)
    secretary = QuerySelectField(_l("Secretary"), query_factory=_active_users, allow_blank=True)
    unit = QuerySelectField(_l("Preparing unit"), query_factory=_units, allow_blank=True)
    room = QuerySelectField(_l("Room"), query_factory=_rooms, allow_blank=True)
    location = StringField(
        _l("Location"),
        validators=[Length(max=255)],
        description=_l("Where, when the briefing is not held in one of the rooms."),
    )
    first_starts_at = DateTimeLocalField(
        _l("First session"), format="%Y-%m-%dT%H:%M", validators=[DataRequired()]
    )
    rrule = StringField(
        _l("Repeats (RRULE)"),
        default="FREQ=WEEKLY;BYDAY=MO",
        validators=[DataRequired(), Length(max=500)],
        description=_l(
            "FREQ=WEEKLY;BYDAY=MO: every Monday; FREQ=WEEKLY;INTERVAL=2;BYDAY=MO: every other "
            "Monday; FREQ=MONTHLY;BYDAY=1MO: the first Monday of each month."
        ),
    )
    duration_minutes = IntegerField(
        _l("Duration (minutes)"), default=90, validators=[NumberRange(1, MAX_DURATION_MINUTES)]
    )
    cutoff_hours = IntegerField(
        _l("Reports due (hours before)"),
        default=64,
        validators=[NumberRange(0, MAX_CUTOFF_HOURS)],
        description=_l("64 hours before Monday 08:00 is Friday 16:00."),
    )
    horizon_days = IntegerField(
        _l("Sessions made ahead (days)"),
        default=28,
        validators=[NumberRange(1, MAX_HORIZON_DAYS)],
    )
    units = QuerySelectMultipleField(
        _l("Participating units"),
        query_factory=_units,
        description=_l("Each sends a short report before every session."),
    )
    active = BooleanField(_l("Active"), default=True)
    items = FieldList(FormField(StandingItemForm), label=_l("Standing agenda"))

    def prepare(self, local_start: bool) -> None:
        """Offer the units to present and empty rows for new items; show the first session in
        the agency's time (``local_start``: the form was filled from a stored series)."""
        for _n in range(BLANK_ITEMS):
            self.items.append_entry()
        self.offer_units()
        start = self.first_starts_at.data
        if local_start and isinstance(start, datetime) and start.tzinfo is not None:
            self.first_starts_at.data = start.astimezone(agency_zone()).replace(tzinfo=None)

    def offer_units(self) -> None:
        choices = [("", "—"), *((str(u.id), u.name) for u in _units())]
        for entry in self.items:
            entry.form.presenter_unit_id.choices = choices

    def standing_items(self) -> list[dict[str, Any]]:
        """The rows with a title, in order, as the services take them."""
        return [
            {
                "title": entry.form.title.data or "",
                "kind": entry.form.kind.data or ItemKind.GENERAL.value,
                "presenter_unit_id": entry.form.presenter_unit_id.data,
                "duration_minutes": entry.form.duration_minutes.data,
            }
            for entry in self.items
            if (entry.form.title.data or "").strip()
        ]

    def series_fields(self) -> dict[str, Any]:
        """The series' fields, times in the agency's time zone made aware."""
        start = self.first_starts_at.data
        return {
            "title": self.title.data or "",
            "chair_id": self.chair.data.id if self.chair.data else None,
            "secretary_id": self.secretary.data.id if self.secretary.data else None,
            "unit_id": self.unit.data.id if self.unit.data else None,
            "room_id": self.room.data.id if self.room.data else None,
            "location": self.location.data or "",
            "rrule": self.rrule.data or "",
            "first_starts_at": start.replace(tzinfo=agency_zone()) if start else None,
            "duration_minutes": self.duration_minutes.data,
            "cutoff_hours": self.cutoff_hours.data,
            "horizon_days": self.horizon_days.data,
            "active": bool(self.active.data),
        }


class ReportForm(BaseForm):
    """A unit's report for a session."""

    session = QuerySelectField(
        _l("Session"),
        query_factory=lambda: open_sessions(db.session),
        get_label=lambda s: s.meeting.title,
    )
    unit = QuerySelectField(_l("Unit"), query_factory=_units)
    done = TextAreaField(_l("Done last week"), validators=[Length(max=10_000)])
    planned = TextAreaField(_l("Planned for next week"), validators=[Length(max=10_000)])
    proposals = TextAreaField(_l("Proposals"), validators=[Length(max=10_000)])
