"""Back-office forms of tasks. They only carry input: the services check the rules and name
the field at fault."""

from __future__ import annotations

from flask_admin.contrib.sqla.fields import QuerySelectField, QuerySelectMultipleField
from flask_admin.form import BaseForm
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from core.db import db
from core.identity.models import User
from core.org.models import Unit
from plugins.planning.tasks.checks import MAX_WORKING_DAYS
from plugins.planning.tasks.models import TaskPriority
from plugins.planning.tasks.rules import PRIORITY_LABELS

PRIORITY_CHOICES = [(p.value, PRIORITY_LABELS[p.value]) for p in TaskPriority]


def active_units() -> list[Unit]:
    return list(db.session.scalars(select(Unit).where(Unit.active).order_by(Unit.path)))


def active_users() -> list[User]:
    return list(db.session.scalars(select(User).where(User.active).order_by(User.full_name)))


class TaskEditForm(BaseForm):
    """What an assigned task asks; its lead and deadline change by reassignment and
    extensions."""

    title = StringField(_l("Title"), [DataRequired(), Length(max=500)])
    description = TextAreaField(_l("Description"), [Length(max=10_000)])
    expected_result = TextAreaField(_l("Expected result"), [Length(max=10_000)])
    priority = SelectField(
        _l("Priority"), choices=PRIORITY_CHOICES, default=TaskPriority.NORMAL.value
    )
    supporters = QuerySelectMultipleField(
        _l("Supporting units"), query_factory=active_units, allow_blank=True
    )


class TaskForm(TaskEditForm):
    """Assigning a task: one lead (a unit or a person), and a deadline as a date or as a
    number of working days."""

    lead_unit = QuerySelectField(
        _l("Lead unit"), query_factory=active_units, allow_blank=True, blank_text="—"
    )
    lead_user = QuerySelectField(
        _l("Lead person"),
        query_factory=active_users,
        allow_blank=True,
        blank_text="—",
        description=_l("A unit or a person leads, not both."),
    )
    assigned_on = DateField(_l("Assigned on"), [Optional()], description=_l("Empty: today."))
    deadline = DateField(_l("Deadline"), [Optional()])
    working_days = IntegerField(
        _l("Or within working days"),
        [Optional(), NumberRange(1, MAX_WORKING_DAYS)],
        description=_l("Counted by the working-day calendar (holidays and Tết skipped)."),
    )
