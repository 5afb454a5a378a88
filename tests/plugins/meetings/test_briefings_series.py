"""Briefing series and their sessions: the rules of a series, sessions made from the rule with
a frozen clock (idempotent, each a briefing meeting with its room and chair booked), all or
none when a date is taken, and the scheduled job."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from core.booking import services as booking
from core.booking.models import Booking, Resource
from core.booking.rules import BookingConflict, BookingError
from core.db import db
from core.notifications.models import Notification
from plugins.meetings.briefings import jobs, services
from plugins.meetings.briefings.models import BriefingSession
from plugins.meetings.meetings.models import BOOKING_OWNER, Meeting
from plugins.meetings.rooms.models import Room
from tests.plugins.meetings import briefings_support as support
from tests.plugins.meetings.briefings_support import (
    FIRST,
    NOW,
    generated,
    make_series,
    series_of,
    travel,
    week,
)
from tests.plugins.meetings.meetings_support import user

pytestmark = pytest.mark.plugins("meetings")
ids, ctx = support.ids, support.ctx  # fixtures

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def count(model) -> int:
    return int(db.session.scalar(select(func.count()).select_from(model)))


def test_a_series_keeps_its_units_and_standing_agenda(ids, ctx):
    series = series_of(ids)
    assert [u.id for u in series.units] == [ids["a"], ids["b"]]
    assert [(i.position, i.kind) for i in series.items] == [
        (1, "follow_up"),
        (2, "unit_reports"),
        (3, "general"),
    ]
    services.update_series(
        ctx,
        series,
        items=[{"title": "Ý kiến chỉ đạo"}],
        unit_ids=[ids["b"]],
        rrule="rrule:freq=weekly;byday=mo",
    )
    ctx.commit()
    assert [(i.position, i.title) for i in series.items] == [(1, "Ý kiến chỉ đạo")]
    assert [u.id for u in series.units] == [ids["b"]]
    assert series.rrule == "FREQ=WEEKLY;BYDAY=MO"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "  "}, "title"),
        ({"rrule": "FREQ=HOURLY"}, "rrule"),
        ({"rrule": "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30"}, "rrule"),
        ({"rrule": "nonsense"}, "rrule"),
        ({"room_id": None, "location": ""}, "room_id"),
        ({"chair_id": 999999}, "chair_id"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"first_starts_at": datetime(2031, 3, 3, 8, 0)}, "first_starts_at"),
    ],
)
def test_a_broken_series_is_refused_naming_the_field(ids, ctx, fields, field):
    with pytest.raises((services.BriefingError, BookingError)) as refused:
        make_series(ids, **fields)
    assert refused.value.field == field


def test_sessions_are_made_from_the_rule_once(ids, ctx):
    made = generated(ids)
    assert [s.occurrence for s in made] == [week(n) for n in range(4)]  # 28 days ahead
    meeting = made[0].meeting
    assert meeting.kind == "briefing" and meeting.status == "approved"
    assert meeting.starts_at.astimezone(HANOI).strftime("%a %H:%M") == "Mon 08:00"
    assert meeting.ends_at - meeting.starts_at == timedelta(minutes=90)
    assert meeting.title == "Giao ban tuần 03/03/2031"
    assert [a.title for a in meeting.agenda] == [i["title"] for i in support.ITEMS]
    assert sorted(i.unit_id for i in meeting.invitees) == sorted([ids["a"], ids["b"]])
    assert made[0].report_due_at == FIRST - timedelta(hours=64)  # Friday 16:00
    held = ctx.scalars(
        select(Booking).where(
            Booking.owner_type == BOOKING_OWNER, Booking.owner_ref == str(meeting.id)
        )
    ).all()
    assert sorted((b.resource.kind, b.status) for b in held) == [
        ("person", "confirmed"),
        ("room", "confirmed"),
    ]

    assert generated(ids) == []  # idempotent
    assert generated(ids, NOW + timedelta(hours=6)) == []
    assert count(BriefingSession) == 4 and count(Meeting) == 4

    later = generated(ids, NOW + timedelta(days=7))  # a week on: one more Monday
    assert [s.occurrence for s in later] == [week(4)]
    assert count(BriefingSession) == 5


def test_a_changed_time_applies_after_the_sessions_already_made(ids, ctx):
    generated(ids)
    services.update_series(ctx, series_of(ids), first_starts_at=FIRST + timedelta(hours=1))
    ctx.commit()
    later = generated(ids, NOW + timedelta(days=7))
    assert [s.occurrence for s in later] == [week(4, 1)]  # Monday 09:00, no week twice
    assert count(BriefingSession) == 5


def test_the_database_refuses_a_second_session_for_a_date(ids, ctx):
    first = generated(ids)[0]
    other = ctx.scalars(select(Meeting).where(Meeting.id != first.meeting_id)).first()
    ctx.add(
        BriefingSession(
            series_id=first.series_id,
            meeting_id=other.id,
            occurrence=first.occurrence,
            report_due_at=first.report_due_at,
        )
    )
    with pytest.raises(IntegrityError):
        ctx.flush()


def test_an_inactive_series_makes_nothing(ids, ctx):
    services.update_series(ctx, series_of(ids), active=False)
    ctx.commit()
    assert generated(ids) == []


def test_sessions_are_booked_all_or_none_listing_every_clashing_date(ids, ctx):
    room = ctx.get(Room, ids["room"])
    booking.request_booking(ctx, room.resource, week(2), week(2, 1), "Tiếp đoàn công tác")
    chair = ctx.scalar(select(Resource).where(Resource.user_id == ids["leader"]))
    if chair is None:  # the chair's resource is made on first use
        from plugins.meetings.meetings.services import person_resource

        chair = person_resource(ctx, user(ids, "leader"))
    booking.request_booking(ctx, chair, week(3, 1), week(3, 2), "Làm việc với Bộ")
    ctx.commit()
    with travel(NOW), pytest.raises(BookingConflict) as refused:
        services.generate_sessions(ctx, series_of(ids))
    ctx.rollback()
    error = refused.value
    assert error.field == "rrule"
    assert "2 of the 4 dates" in str(error)
    assert len(error.details) == 2
    assert "17/03/2031 08:00–09:30: Phòng họp tầng 2" in error.details[0]
    assert "24/03/2031 08:00–09:30: Trần Văn Giám" in error.details[1]
    assert count(BriefingSession) == 0 and count(Meeting) == 0


def test_the_job_makes_sessions_and_reports_a_refusal_once(app, ids, ctx):
    with travel(NOW):
        assert jobs.run()["sessions"] == 4
    room = ctx.get(Room, ids["room"])
    booking.request_booking(ctx, room.resource, week(4), week(4, 1), "Hội nghị")
    ctx.commit()
    for hours in (0, 1):
        with travel(NOW + timedelta(days=7, hours=hours)):
            assert jobs.run()["sessions"] == 0
    series = series_of(ids)
    ctx.refresh(series)
    assert "31/03/2031 08:00" in series.generation_error
    told = ctx.scalars(
        select(Notification).where(Notification.type == "meetings.briefing_sessions_refused")
    ).all()
    assert [n.user_id for n in told] == [ids["office"]]  # the secretary, once
    booking.cancel(ctx, ctx.scalars(select(Booking).where(Booking.purpose == "Hội nghị")).one())
    ctx.commit()
    with travel(NOW + timedelta(days=7, hours=2)):
        assert jobs.run()["sessions"] == 1
    ctx.refresh(series)
    assert series.generation_error == ""


def test_a_rule_without_end_keeps_making_sessions_years_on(ids, ctx):
    years_on = datetime(2033, 6, 1, 2, 0, tzinfo=UTC)  # a Wednesday
    made = generated(ids, years_on)
    assert [s.occurrence.astimezone(HANOI).date().isoformat() for s in made] == [
        "2033-06-06",
        "2033-06-13",
        "2033-06-20",
        "2033-06-27",
    ]
