"""Recurring bookings (all or none, every clashing date listed) and free slots."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from core.booking import series, services
from core.booking.availability import Slot, free_slots, gaps
from core.booking.models import Booking, Resource
from core.booking.rules import BookingConflict, BookingError
from tests.core import test_booking as shared
from tests.core.test_booking import at, user

ctx, rooms = shared.ctx, shared.rooms  # fixtures

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def stored(session) -> int:
    return int(session.scalar(select(func.count()).select_from(Booking)))


def test_a_weekly_series_keeps_its_local_time(ctx, agency, rooms):
    room = ctx.get(Resource, rooms["free"])
    first = datetime(2031, 3, 3, 8, 0, tzinfo=HANOI)  # Monday 08:00 in Hà Nội
    made = series.request_series(
        ctx,
        room,
        first,
        first + timedelta(hours=1, minutes=30),
        "FREQ=WEEKLY;BYDAY=MO;COUNT=5",
        "Giao ban",
        by=user(agency, "office"),
    )
    ctx.commit()
    assert len(made) == 5 and len({b.series_id for b in made}) == 1
    assert {b.status for b in made} == {"confirmed"}
    assert [b.starts_at.astimezone(HANOI).strftime("%a %H:%M") for b in made] == ["Mon 08:00"] * 5
    assert made[-1].starts_at - made[0].starts_at == timedelta(weeks=4)


def test_a_series_is_refused_whole_listing_every_clashing_date(ctx, agency, rooms):
    room = ctx.get(Resource, rooms["free"])
    office = user(agency, "office")
    first = datetime(2031, 3, 3, 9, 0, tzinfo=HANOI)
    held = [
        services.request_booking(
            ctx,
            room,
            first + timedelta(days=d),
            first + timedelta(days=d, hours=1),
            f"Họp {d}",
            by=office,
        )
        for d in (1, 3)
    ]
    touching = services.request_booking(
        ctx,
        room,
        first + timedelta(days=2, hours=1),
        first + timedelta(days=2, hours=2),
        "Liền kề",
        by=office,
    )
    ctx.commit()
    before = stored(ctx)
    with pytest.raises(BookingConflict) as refused:
        series.request_series(
            ctx,
            room,
            first,
            first + timedelta(hours=1),
            "FREQ=DAILY;COUNT=5",
            "Tập huấn",
            by=office,
        )
    message = str(refused.value)
    assert "2 of the 5 dates" in message
    assert "04/03/2031 09:00–10:00" in message and "06/03/2031 09:00–10:00" in message
    assert all(f"#{b.id}" in message for b in held)
    assert f"#{touching.id}" not in message  # 10:00–11:00 touches 09:00–10:00
    assert len(refused.value.details) == 2 and refused.value.field == "rrule"
    ctx.rollback()
    assert stored(ctx) == before


def test_a_series_of_requests_awaits_the_approver_and_is_confirmed_all_or_none(ctx, agency, rooms):
    room = ctx.get(Resource, rooms["approved"])
    staff, office = user(agency, "staff_a1"), user(agency, "office")
    made = series.request_series(ctx, room, at(2), at(3), "FREQ=DAILY;COUNT=3", "Họp tổ", by=staff)
    ctx.commit()
    assert {b.status for b in made} == {"requested"}
    blocker = services.request_booking(
        ctx, room, at(2, 1), at(4, 1), "Chặn", by=office, confirm=True
    )
    ctx.commit()
    assert made[1].status == "rejected"  # displaced by the blocker
    services.cancel(ctx, blocker, by=office)
    ctx.commit()
    rival = services.request_booking(ctx, room, at(2.5, 2), at(3.5, 2), "Đối thủ", by=staff)
    ctx.commit()
    series.confirm_series(ctx, made[0], by=office)
    ctx.commit()
    assert [b.status for b in made] == ["confirmed", "rejected", "confirmed"]
    assert rival.status == "rejected"

    third = services.request_booking(ctx, room, at(8), at(9), "Ba", by=staff)
    again = series.request_series(ctx, room, at(8), at(9), "FREQ=DAILY;COUNT=2", "Lặp", by=staff)
    services.confirm(ctx, third, by=office)  # rejects again[0]
    services.request_booking(ctx, room, at(8, 1), at(9, 1), "Chặn 2", by=office, confirm=True)
    ctx.commit()
    with pytest.raises(BookingError):  # both dates were displaced: nothing left to confirm
        series.confirm_series(ctx, again[0], by=office)


def test_cancel_a_whole_series(ctx, agency, rooms):
    room = ctx.get(Resource, rooms["free"])
    staff = user(agency, "staff_a1")
    made = series.request_series(ctx, room, at(2), at(3), "FREQ=WEEKLY;COUNT=4", "Lặp", by=staff)
    ctx.commit()
    cancelled = series.cancel_series(ctx, made[1], by=staff)
    ctx.commit()
    assert len(cancelled) == 4 and {b.status for b in made} == {"cancelled"}


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=DAILY", "COUNT or UNTIL"),
        ("FREQ=HOURLY;COUNT=3", "FREQ is one of"),
        ("FREQ=DAILY;COUNT=400", "at most 366 dates"),
        ("FREQ=YEARLY;COUNT=4", "at most 731 days"),
        ("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2", "no date matches"),
        ("FREQ=MONTHLY;BYDAY=6MO;COUNT=2", "no such weekday"),
        ("FREQ=DAILY;COUNT=2;BYHOUR=9", "not supported"),
        ("FREQ=DAILY;COUNT=x", "not a valid RRULE"),
        ("FREQ=DAILY;UNTIL=20300101T000000Z", "gives no date"),
        ("FREQ=DAILY;BYSETPOS=2;COUNT=1", "BYSETPOS goes with"),  # would search to 9999
        ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6;COUNT=1", "BYSETPOS: no month"),
        ("FREQ=DAILY;COUNT=2\nRRULE:FREQ=WEEKLY", "one RRULE line"),
    ],
)
def test_bad_repeat_rules_are_refused_naming_the_rule(ctx, agency, rooms, rule, words):
    room = ctx.get(Resource, rooms["free"])
    with pytest.raises(BookingError) as refused:
        series.request_series(ctx, room, at(9), at(10), rule, "Lặp", by=user(agency, "office"))
    assert refused.value.field == "rrule" and words in str(refused.value)
    ctx.rollback()
    assert stored(ctx) == 0


def test_dates_of_a_series_may_not_overlap_each_other(ctx, agency, rooms):
    room = ctx.get(Resource, rooms["free"])
    with pytest.raises(BookingError) as refused:
        series.request_series(
            ctx, room, at(9), at(9, 2), "FREQ=DAILY;COUNT=3", "Dài", by=user(agency, "office")
        )
    assert "overlap each other" in str(refused.value)


# -- free slots --------------------------------------------------------------------------


def test_gaps():
    day = datetime(2031, 3, 3, tzinfo=UTC)
    h = lambda n: day + timedelta(hours=n)  # noqa: E731
    busy = [(h(-2), h(1)), (h(2), h(3)), (h(2.5), h(4)), (h(4), h(4.2)), (h(7), h(30))]
    assert gaps(busy, h(0), h(8), timedelta(minutes=30)) == [
        Slot(h(1), h(2)),
        Slot(h(4.2), h(7)),
    ]
    assert gaps([], h(0), h(1), timedelta(minutes=30)) == [Slot(h(0), h(1))]
    assert gaps([(h(0), h(1))], h(0), h(1), timedelta(minutes=1)) == []


def test_free_slots_of_several_resources_in_two_statements(ctx, agency, rooms, query_counter):
    office = user(agency, "office")
    approved, free = ctx.get(Resource, rooms["approved"]), ctx.get(Resource, rooms["free"])
    services.request_booking(ctx, approved, at(9), at(10), "A", by=office, confirm=True)
    services.request_booking(ctx, approved, at(10), at(11), "B", by=office, confirm=True)
    services.request_booking(ctx, approved, at(13), at(14), "Chờ", by=user(agency, "staff_a1"))
    long = services.request_booking(ctx, free, at(8, -30), at(8.75), "Dài", by=office)
    ctx.commit()
    assert long.status == "confirmed"
    ids = [rooms["approved"], rooms["free"], rooms["closed"], 999_999]
    with query_counter() as queries:
        found = free_slots(ctx, ids, at(8), at(18), min_minutes=30)
    assert queries.count == 2
    assert set(found) == {rooms["approved"], rooms["free"]}  # inactive and unknown left out
    assert found[rooms["approved"]] == [Slot(at(8), at(9)), Slot(at(11), at(18))]
    assert found[rooms["free"]] == [Slot(at(8.75), at(18))]
    assert free_slots(ctx, [rooms["free"]], at(8), at(18), min_minutes=600) == {rooms["free"]: []}


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (at(10), at(9), "to"),
        (at(9), at(9, 40), "to"),
        (at(9).replace(tzinfo=None), at(10), "from"),
    ],
)
def test_a_bad_window_is_refused(ctx, rooms, start, end, field):
    with pytest.raises(BookingError) as refused:
        free_slots(ctx, [rooms["free"]], start, end)
    assert refused.value.field == field
