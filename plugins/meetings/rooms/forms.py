"""Back-office forms of rooms: the catalogue entry and the booking of a room. The services
check the rules and name the field; the forms check only the shape of the input."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from flask_admin.contrib.sqla.fields import QuerySelectField
from flask_admin.form import BaseForm
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields import DateTimeLocalField
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from core.db import db
from core.i18n import agency_zone
from core.identity.models import User
from core.org.models import Unit
from plugins.meetings.rooms.models import Equipment, Layout
from plugins.meetings.rooms.services import MAX_ATTENDEES

EQUIPMENT_LABELS = {
    Equipment.PROJECTOR.value: _l("Projector"),
    Equipment.SCREEN.value: _l("Projection screen"),
    Equipment.VIDEO_CONFERENCE.value: _l("Video conference"),
    Equipment.SOUND.value: _l("Sound system"),
    Equipment.MICROPHONES.value: _l("Microphones"),
    Equipment.WHITEBOARD.value: _l("Whiteboard"),
    Equipment.TELEVISION.value: _l("Television"),
    Equipment.COMPUTER.value: _l("Computer"),
}
LAYOUT_LABELS = {
    Layout.BOARDROOM.value: _l("Boardroom"),
    Layout.U_SHAPE.value: _l("U-shape"),
    Layout.CLASSROOM.value: _l("Classroom"),
    Layout.THEATRE.value: _l("Theatre (hall)"),
    Layout.FLEXIBLE.value: _l("Flexible"),
}


def _active_users() -> list[User]:
    return list(db.session.scalars(select(User).where(User.active).order_by(User.username)))


def _units() -> list[Unit]:
    return list(db.session.scalars(select(Unit).order_by(Unit.path)))


class RoomForm(BaseForm):
    """A room and its booking resource, edited together."""

    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=30)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=150)])
    capacity = IntegerField(
        _l("Seats"), validators=[Optional(), NumberRange(0, 100_000)], description=_l("Seats.")
    )
    building = StringField(_l("Building"), validators=[Length(max=100)])
    floor = StringField(_l("Floor"), validators=[Length(max=30)])
    location = StringField(_l("Location"), validators=[Length(max=255)])
    layout = SelectField(_l("Layout"), choices=list(LAYOUT_LABELS.items()))
    equipment = SelectMultipleField(
        _l("Equipment"),
        choices=list(EQUIPMENT_LABELS.items()),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    approver = QuerySelectField(
        _l("Approver"),
        query_factory=_active_users,
        allow_blank=True,
        description=_l("Confirms bookings; leave empty to confirm them at once."),
    )
    unit = QuerySelectField(_l("Owning unit"), query_factory=_units, allow_blank=True)
    active = BooleanField(_l("Active"), default=True)
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)])
    notes = TextAreaField(_l("Notes"), validators=[Length(max=5000)])
    photo_url = StringField(_l("Photo address"), validators=[Length(max=500)])
    door_shows_purpose = BooleanField(
        _l("Door page shows what each booking is for"),
        description=_l("Otherwise the door page shows only the times."),
    )


#: How often a booking repeats, as an RRULE without its end.
REPEATS = {
    "": (_l("Does not repeat"), ""),
    "workdays": (_l("Every working day (Monday–Friday)"), "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"),
    "weekly": (_l("Every week"), "FREQ=WEEKLY"),
    "fortnightly": (_l("Every other week"), "FREQ=WEEKLY;INTERVAL=2"),
    "monthly": (_l("Every month"), "FREQ=MONTHLY"),
}


def repeat_rule(repeat: str, until: date | None) -> str:
    """The RRULE for ``repeat`` ending on the agency-local day ``until`` ("" for none)."""
    base = REPEATS.get(repeat, REPEATS[""])[1]
    if not base or until is None:
        return ""
    last = datetime.combine(until + timedelta(days=1), time(), agency_zone()) - timedelta(seconds=1)
    return f"{base};UNTIL={last.astimezone(UTC):%Y%m%dT%H%M%SZ}"


class BookRoomForm(FlaskForm):
    """Booking a room: times in the agency's time zone; optionally repeated until a day."""

    room = SelectField(_l("Room"), coerce=int)
    starts_at = DateTimeLocalField(_l("Start"), format="%Y-%m-%dT%H:%M")
    ends_at = DateTimeLocalField(_l("End"), format="%Y-%m-%dT%H:%M")
    purpose = StringField(_l("Purpose"), validators=[Length(max=255)])
    attendees = IntegerField(
        _l("Expected attendees"), validators=[Optional(), NumberRange(1, MAX_ATTENDEES)]
    )
    repeat = SelectField(_l("Repeat"), choices=[(k, v[0]) for k, v in REPEATS.items()], default="")
    until = DateField(_l("Repeat until"), validators=[Optional()])
    confirm = BooleanField(
        _l("Confirm at once"), description=_l("For the room's approver and the office.")
    )
