"""Back-office forms of the meeting dossier. The services check the rules and name the field;
the forms check only the shape of the input. Times are typed in the agency's time zone."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_admin.contrib.sqla.fields import QuerySelectField
from flask_admin.form import BaseForm
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields import DateTimeLocalField
from wtforms.validators import DataRequired, Length, Optional

from core.booking.models import Resource
from core.db import db
from core.i18n import agency_zone
from core.identity.models import User
from core.org.models import Unit
from plugins.meetings.meetings.models import MeetingKind, NoticeStatus, Presence, Rsvp
from plugins.meetings.rooms.models import Room

KIND_LABELS = {
    MeetingKind.MEETING.value: _l("Meeting"),
    MeetingKind.WORKING_SESSION.value: _l("Working session"),
    MeetingKind.WORKSHOP.value: _l("Workshop or conference"),
    MeetingKind.BRIEFING.value: _l("Briefing"),
}
RSVP_LABELS = {
    Rsvp.PENDING.value: _l("No answer yet"),
    Rsvp.ACCEPTED.value: _l("Attends"),
    Rsvp.DECLINED.value: _l("Declined"),
    Rsvp.DELEGATED.value: _l("Sends a delegate"),
}
NOTICE_LABELS = {
    NoticeStatus.DRAFT.value: _l("Draft"),
    NoticeStatus.APPROVED.value: _l("Approved by the chair"),
    NoticeStatus.ISSUED.value: _l("Issued"),
}
PRESENCE_LABELS = {Presence.PRESENT.value: _l("Present"), Presence.ABSENT.value: _l("Absent")}
TIME_FORMAT = "%Y-%m-%dT%H:%M"


def active_users() -> list[User]:
    return list(db.session.scalars(select(User).where(User.active).order_by(User.full_name)))


def units() -> list[Unit]:
    return list(db.session.scalars(select(Unit).where(Unit.active).order_by(Unit.path)))


def rooms() -> list[Room]:
    return list(
        db.session.scalars(
            select(Room).join(Room.resource).where(Resource.active).order_by(Resource.name)
        )
    )


def aware(value: datetime | None) -> datetime | None:
    """A time typed in a form is the agency's local time."""
    return value.replace(tzinfo=agency_zone()) if value is not None else None


def local(value: datetime | None) -> datetime | None:
    """A stored time as the form shows it (the agency's local time, without zone)."""
    return value.astimezone(agency_zone()).replace(tzinfo=None) if value is not None else None


class MeetingForm(BaseForm):
    """A meeting as proposed: what, who chairs and records it, when and where."""

    kind = SelectField(_l("Kind"), choices=list(KIND_LABELS.items()))
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=255)])
    description = TextAreaField(_l("Purpose and content"), validators=[Length(max=10_000)])
    chair = QuerySelectField(_l("Chair"), query_factory=active_users, validators=[DataRequired()])
    secretary = QuerySelectField(_l("Secretary"), query_factory=active_users, allow_blank=True)
    unit = QuerySelectField(_l("Preparing unit"), query_factory=units, allow_blank=True)
    starts_at = DateTimeLocalField(_l("Start"), format=TIME_FORMAT, validators=[DataRequired()])
    ends_at = DateTimeLocalField(_l("End"), format=TIME_FORMAT, validators=[DataRequired()])
    room = QuerySelectField(_l("Room"), query_factory=rooms, allow_blank=True)
    location = StringField(
        _l("Location outside the agency"),
        validators=[Length(max=255)],
        description=_l("When the meeting is not held in one of the agency's rooms."),
    )
    materials_due_at = DateTimeLocalField(
        _l("Materials due"),
        format=TIME_FORMAT,
        validators=[Optional()],
        description=_l("Presenters upload their materials before this time."),
    )

    def values(self) -> dict[str, Any]:
        """The services' fields from the form."""
        return {
            "kind": self.kind.data,
            "title": self.title.data or "",
            "description": self.description.data or "",
            "chair_id": getattr(self.chair.data, "id", None),
            "secretary_id": getattr(self.secretary.data, "id", None),
            "unit_id": getattr(self.unit.data, "id", None),
            "starts_at": aware(self.starts_at.data),
            "ends_at": aware(self.ends_at.data),
            "room_id": getattr(self.room.data, "id", None),
            "location": self.location.data or "",
            "materials_due_at": aware(self.materials_due_at.data),
        }
