"""Attendance: answers (a decline says why), a unit's head answering for the unit, delegates,
attendance taken once the meeting has started, absences with reasons."""

from __future__ import annotations

import pytest
import time_machine
from sqlalchemy import select

from core.db import db
from core.notifications.models import Notification
from plugins.meetings.meetings import attendance, rules
from plugins.meetings.meetings.attendance import Mark
from tests.plugins.meetings.meetings_support import at, invited, setup_dossier, user

pytestmark = pytest.mark.plugins("meetings")


@pytest.fixture
def ids(app, agency):
    return setup_dossier(app, agency)


@pytest.fixture
def meeting(app, ids):
    with app.test_request_context(), time_machine.travel(at(-72), tick=False):
        yield invited(ids)  # staff_a1 in person, unit B (headed by head_b)
        db.session.rollback()


def test_a_decline_says_why(ids, meeting):
    staff = user(ids, "staff_a1")
    with pytest.raises(rules.MeetingError) as refused:
        attendance.respond(db.session, meeting, "declined", by=staff)
    assert refused.value.field == "reason"
    answered = attendance.respond(db.session, meeting, "declined", by=staff, reason="Đi học")
    assert (answered.rsvp, answered.rsvp_reason) == ("declined", "Đi học")


def test_the_head_of_an_invited_unit_answers_for_it(ids, meeting):
    unit = meeting.invitees[1]
    answered = attendance.respond(db.session, meeting, "accepted", by=user(ids, "head_b"))
    assert answered is unit and unit.rsvp == "accepted"


def test_someone_not_invited_cannot_answer(ids, meeting):
    with pytest.raises(rules.NotAllowed):
        attendance.respond(db.session, meeting, "accepted", by=user(ids, "head_a"))
    with pytest.raises(rules.NotAllowed):  # nor answer for someone else
        attendance.respond(
            db.session, meeting, "accepted", by=user(ids, "head_b"), invitee=meeting.invitees[0]
        )


def test_a_delegate_attends_in_the_invitees_place_and_is_told(ids, meeting):
    unit = meeting.invitees[1]
    attendance.delegate(
        db.session, meeting, ids["head_a"], by=user(ids, "head_b"), reason="Bận tiếp dân"
    )
    assert (unit.rsvp, unit.delegate_id) == ("delegated", ids["head_a"])
    told = db.session.scalars(
        select(Notification.user_id).where(Notification.type == "meetings.delegated")
    ).all()
    assert told == [ids["head_a"]]
    with pytest.raises(rules.MeetingConflict):  # already attends, for unit B
        attendance.delegate(db.session, meeting, ids["head_a"], by=user(ids, "staff_a1"))


def test_attendance_is_taken_once_the_meeting_started_with_reasons(ids, meeting):
    person, unit = meeting.invitees
    attendance.respond(db.session, meeting, "declined", by=user(ids, "head_b"), reason="Ốm")
    office = user(ids, "office")
    with pytest.raises(rules.MeetingError):
        attendance.take_attendance(db.session, meeting, [Mark(person.id, "present")], by=office)
    with time_machine.travel(at(0.25), tick=False):
        with pytest.raises(rules.NotAllowed):
            attendance.take_attendance(
                db.session, meeting, [Mark(person.id, "present")], by=user(ids, "staff_a1")
            )
        attendance.take_attendance(
            db.session, meeting, [Mark(person.id, "present"), Mark(unit.id, "absent")], by=office
        )
    assert (person.presence, unit.presence, unit.absence_reason) == ("present", "absent", "Ốm")
    assert attendance.absentees(meeting) == ["Thanh tra Sở — Ốm"]
