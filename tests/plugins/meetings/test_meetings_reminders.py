"""The reminders job with a frozen clock: invitees 24 h and 1 h before (configurable), each
once; presenters whose materials are missing near the deadline; secretaries whose minutes are
late two working days after the meeting."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from core.db import db
from core.notifications.models import Notification
from plugins.meetings.meetings import attendance, materials, services
from plugins.meetings.meetings.jobs import send_reminders
from tests.plugins.meetings.meetings_support import at, held, invited, setup_dossier, user

pytestmark = pytest.mark.plugins("meetings")
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def ids(app, agency):
    return setup_dossier(app, agency)


def reminded(kind: str = "meetings.reminder") -> list[int]:
    return sorted(db.session.scalars(select(Notification.user_id).where(Notification.type == kind)))


def run(when):
    with time_machine.travel(when, tick=False):
        return send_reminders()


def test_invitees_are_reminded_a_day_and_an_hour_before_each_once(app, ids):
    with app.test_request_context():
        with time_machine.travel(at(-72), tick=False):
            meeting = invited(ids)
            attendance.respond(
                db.session, meeting, "declined", by=user(ids, "staff_a1"), reason="Nghỉ phép"
            )
            db.session.commit()
        assert run(at(-25))["before"] == 0
        expected = sorted([ids["head_b"], ids["leader"], ids["office"]])  # staff_a1 declined
        assert run(at(-24))["before"] == 3
        assert reminded() == expected
        assert run(at(-23))["before"] == 0  # nothing twice
        assert run(at(-0.5))["before"] == 3
        assert reminded() == sorted(expected * 2)
        assert run(at(-0.25))["before"] == 0


def test_a_late_first_run_sends_only_the_nearest_reminder(app, ids):
    with app.test_request_context():
        with time_machine.travel(at(-72), tick=False):
            invited(ids)
            db.session.commit()
        assert run(at(-0.5))["before"] == 4
        assert run(at(-0.4))["before"] == 0
        assert len(reminded()) == 4


def test_the_offsets_come_from_the_app_config(app, ids):
    app.config["MEETINGS_REMIND_BEFORE"] = "180"
    with app.test_request_context():
        with time_machine.travel(at(-72), tick=False):
            invited(ids)
            db.session.commit()
        assert run(at(-24))["before"] == 0
        assert run(at(-2.5))["before"] == 4
        subjects = db.session.scalars(select(Notification.subject)).all()
        assert any(s.startswith("In 2 h 30:") for s in subjects)


def test_presenters_with_missing_materials_are_reminded_once(app, ids):
    with app.test_request_context():
        with time_machine.travel(at(-96), tick=False):
            invited(ids, materials_due_at=at(-24))
            db.session.commit()
        assert run(at(-50))["materials"] == 0  # deadline more than a day away
        assert run(at(-40))["materials"] == 1
        assert reminded("meetings.materials_due") == [ids["head_a"]]
        assert run(at(-30))["materials"] == 0


def test_presenters_who_uploaded_are_not_reminded(app, ids):
    with app.test_request_context():
        with time_machine.travel(at(-96), tick=False):
            meeting = invited(ids, materials_due_at=at(-24))
            materials.add_material(
                db.session,
                meeting,
                "bao-cao.pdf",
                PDF,
                by=user(ids, "head_a"),
                agenda_item_id=meeting.agenda[0].id,
            )
            db.session.commit()
        assert run(at(-40))["materials"] == 0


def test_secretaries_are_reminded_of_late_minutes_after_two_working_days(app, ids):
    with app.test_request_context():
        with time_machine.travel(at(3), tick=False):  # Monday
            held(ids)
            db.session.commit()
        assert run(at(0, day=2))["minutes"] == 0  # Wednesday: still in time
        assert run(at(0, day=3))["minutes"] == 1  # Thursday: late
        assert reminded("meetings.minutes_late") == [ids["office"]]
        assert run(at(0, day=4))["minutes"] == 0


def test_cancelled_meetings_remind_nobody(app, ids):
    with app.test_request_context():
        with time_machine.travel(at(-72), tick=False):
            meeting = invited(ids)
            services.cancel(db.session, meeting, by=user(ids, "office"), reason="Hoãn")
            db.session.commit()
        assert run(at(-0.5) - timedelta(minutes=1)) == {"before": 0, "materials": 0, "minutes": 0}
