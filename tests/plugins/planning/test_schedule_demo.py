"""The demo schedule: this week published for the four leaders of the demo agency, amended once,
loaded once however often the demo runs."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

import core.events.services  # noqa: F401  (see below)
from core.calendar.weeks import Week
from core.db import db
from plugins.planning.schedule import services
from plugins.planning.schedule.demo import add_demo_schedule
from plugins.planning.schedule.models import ScheduleEntry, WeekVersion

pytestmark = pytest.mark.plugins("planning")

# The demo users have e-mail addresses, so notices queue deliveries on commit; the first one
# builds the Celery app, which imports core.events.services, which registers a Session
# "after_commit" listener while SQLAlchemy iterates those listeners ("deque mutated during
# iteration"). Importing it first keeps this test about the demo; the core should register its
# listeners at start-up.


def test_the_demo_publishes_this_week_and_amends_it_once(app, time_machine):
    time_machine.move_to(datetime(2026, 11, 25, 10, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
    with app.app_context():
        manager = app.extensions["vanphong"].plugins
        for impl in manager.hookimpls("demo_data"):
            if impl.plugin_name != "planning":  # the core's agency, rooms and bookings
                manager.call_impl(impl, app=app, session=db.session)
                db.session.commit()
        add_demo_schedule(db.session)
        db.session.commit()
        week = services.find_week(db.session, Week.of(date(2026, 11, 25)))
        assert (week.status, week.published_version) == ("published", 2)
        assert week.note.startswith("Lịch này thay giấy mời")
        entries = services.active_entries(db.session, week)
        assert len(entries) == 20 and {e.status for e in entries} == {"accepted"}
        assert {str(e.leader) for e in entries} == {
            "Nguyễn Văn Thành",
            "Trần Thị Hồng",
            "Lê Minh Quang",
            "Phạm Đức Thắng",
        }
        assert services.conflicts(db.session, week) == []
        amendment = db.session.scalar(select(WeekVersion).where(WeekVersion.number == 2))
        (change,) = amendment.changes
        assert (change["title"], change["fields"]) == ("Họp Ban Giám đốc", ["time"])
        add_demo_schedule(db.session)  # a second run adds nothing
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(ScheduleEntry)) == 20
