"""Back-office forms of the weekly schedule; the services check the rules and name the field."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import Length, Optional

from plugins.planning.schedule.rules import SESSION_LABELS


class EntryForm(FlaskForm):
    """An entry: a day and a half-day, or exact times that day."""

    day = SelectField(_l("Day"))
    session = SelectField(
        _l("Session"), choices=[(k, v) for k, v in SESSION_LABELS.items()], default="morning"
    )
    start_time = TimeField(
        _l("Start time"),
        validators=[Optional()],
        description=_l("Exact times; leave empty for the whole session."),
    )
    end_time = TimeField(_l("End time"), validators=[Optional()])
    content = TextAreaField(_l("Content"), validators=[Length(max=1000)])
    leader_id = SelectField(_l("Presiding"), coerce=int)
    participants = StringField(
        _l("Participants"),
        validators=[Length(max=1000)],
        description=_l("Units and people taking part, as printed."),
    )
    participant_ids = SelectMultipleField(
        _l("Participants to notify"), coerce=int, validators=[Optional()]
    )
    location = StringField(_l("Location"), validators=[Length(max=255)])
    room_id = SelectField(_l("Room"), coerce=int)
    vehicle_id = SelectField(_l("Vehicle"), coerce=int)
    unit_id = SelectField(_l("Preparing unit"), coerce=int)
    note = StringField(
        _l("Reason for the change"),
        validators=[Length(max=500)],
        description=_l("Required once the week is published: the change becomes a new version."),
    )


class WithdrawForm(FlaskForm):
    reason = StringField(_l("Reason"), validators=[Length(max=500)])


class WeekForm(FlaskForm):
    """The office's settings of a week."""

    note = StringField(
        _l("Note printed on the schedule"),
        validators=[Length(max=500)],
        description=_l("e.g. “Lịch này thay giấy mời”."),
    )
    cutoff_at = DateTimeLocalField(
        _l("Units submit until"), format="%Y-%m-%dT%H:%M", validators=[Optional()]
    )
    reason = StringField(_l("Reason for the change"), validators=[Length(max=500)])
