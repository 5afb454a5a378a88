"""Back-office pages of the working calendar: the year's days off, and the announced exceptions."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from core.admin import BaseView, ModelView, expose
from core.calendar import services
from core.calendar.models import CalendarDay
from core.db import db


class CalendarDayView(ModelView):
    """Announced exceptions: swapped working weekends and extra days off."""

    permission = "core.calendar"
    column_list = ("day", "working", "note")
    column_labels = {"day": _l("Day"), "working": _l("Working day"), "note": _l("Note")}
    column_default_sort = ("day", True)
    form_columns = ("day", "working", "note")
    column_searchable_list = ("note",)

    def __init__(self) -> None:
        super().__init__(
            CalendarDay,
            name=_l("Calendar exceptions"),
            endpoint="core_calendar_day",
            category=_l("System"),
        )


class YearView(BaseView):
    """The year's non-working days: public holidays and announced days off, and the weekends
    announced as working days."""

    permission = "core.calendar"

    def __init__(self) -> None:
        super().__init__(name=_l("Days off"), endpoint="core_calendar", category=_l("System"))

    @expose("/")
    def index(self) -> Any:
        year = request.args.get("year", type=int) or date.today().year
        year = min(max(year, 1990), 2100)
        language = "vi" if str(get_locale()) == "vi" else "en_US"
        return self.render(
            "core/calendar.html",
            year=year,
            days_off=services.non_working_days(db.session, year, language),
            working=services.announced_working_days(db.session, year),
        )
