"""Booking rooms through the room services: on the core bookings (the database refuses a
double booking), with attendees and the over-capacity warning the approver sees, approvals
rejecting the clashing requests with a notice, recurring bookings all or none."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.booking import services as bookings
from core.booking.models import Booking
from core.booking.rules import BookingConflict, BookingError
from core.notifications.models import Notification
from plugins.meetings.rooms import grid, services
from plugins.meetings.rooms.models import Room, RoomBooking
from tests.plugins.meetings import rooms_support as shared
from tests.plugins.meetings.rooms_support import at, user

pytestmark = pytest.mark.plugins("meetings")
ctx = shared.ctx  # a fixture
rooms = shared.rooms  # a fixture


def notices(session, kind: str) -> list[Notification]:
    return list(session.scalars(select(Notification).where(Notification.type == kind)))


def test_a_room_without_approver_is_booked_at_once_with_its_attendees(rooms, ctx, agency):
    room = ctx.get(Room, rooms["free"])
    booking = services.book_room(
        ctx, room, at(2), at(3), "Họp tổ", user(agency, "staff_a1"), attendees=6
    )
    ctx.commit()
    assert booking.status == "confirmed"
    assert booking.resource_id == room.resource_id
    assert services.attendees_of(ctx, [booking.id]) == {booking.id: 6}


def test_a_room_with_an_approver_takes_a_request_and_tells_the_approver(rooms, ctx, agency):
    room = ctx.get(Room, rooms["approved"])
    booking = services.book_room(
        ctx, room, at(2), at(3), "Họp tổ", user(agency, "staff_a1"), attendees=12
    )
    ctx.commit()
    assert booking.status == "requested"
    assert [n.user_id for n in notices(ctx, "core.booking_requested")] == [agency["office"]]
    assert notices(ctx, "meetings.room_over_capacity") == []  # 12 people fit 20 seats


def test_over_capacity_is_a_warning_the_approver_sees_not_a_refusal(rooms, ctx, agency):
    room = ctx.get(Room, rooms["approved"])
    booking = services.book_room(
        ctx, room, at(2), at(3), "Hội nghị", user(agency, "staff_a1"), attendees=35
    )
    ctx.commit()
    assert booking.status == "requested"
    (warning,) = notices(ctx, "meetings.room_over_capacity")
    assert warning.user_id == agency["office"]
    assert "35" in warning.body and "20" in warning.body and f"#{booking.id}" in warning.body
    (queued,) = grid.pending_room_requests(ctx, user(agency, "office"))
    assert queued.booking.id == booking.id
    assert queued.attendees == 35
    assert queued.warning == "Over capacity: 35 attendees expected for 20 seats."


def test_the_approver_booking_their_own_room_over_capacity_is_not_told_twice(rooms, ctx, agency):
    room = ctx.get(Room, rooms["approved"])
    services.book_room(ctx, room, at(2), at(3), "Hội nghị", user(agency, "office"), attendees=50)
    assert notices(ctx, "meetings.room_over_capacity") == []


@pytest.mark.parametrize(
    ("attendees", "field"), [(0, "attendees"), (-3, "attendees"), ("12", "attendees")]
)
def test_bad_attendees_are_refused_and_nothing_is_stored(rooms, ctx, agency, attendees, field):
    room = ctx.get(Room, rooms["free"])
    with pytest.raises(BookingError) as refused:
        services.book_room(
            ctx, room, at(2), at(3), "Họp", user(agency, "staff_a1"), attendees=attendees
        )
    assert refused.value.field == field
    ctx.rollback()
    assert ctx.scalar(select(func.count()).select_from(Booking)) == 0


def test_the_core_rules_apply_to_room_bookings(rooms, ctx, agency):
    room = ctx.get(Room, rooms["free"])
    with pytest.raises(BookingError) as refused:
        services.book_room(ctx, room, at(3), at(2), "Họp", user(agency, "staff_a1"))
    assert refused.value.field == "ends_at"
    with pytest.raises(BookingError) as refused:
        services.book_room(ctx, room, at(2), at(3), "  ", user(agency, "staff_a1"))
    assert refused.value.field == "purpose"


def test_a_double_booking_is_refused_naming_the_clash_and_nothing_is_stored(rooms, ctx, agency):
    room = ctx.get(Room, rooms["free"])
    first = services.book_room(ctx, room, at(2), at(3), "Giao ban", user(agency, "office"))
    ctx.commit()
    with pytest.raises(BookingConflict) as refused:
        services.book_room(
            ctx, room, at(2.5), at(4), "Họp tổ", user(agency, "staff_a1"), attendees=5
        )
    assert f"#{first.id}" in str(refused.value) and "Giao ban" in str(refused.value)
    assert "Phòng nhỏ" in str(refused.value)
    ctx.rollback()
    assert ctx.scalar(select(func.count()).select_from(Booking)) == 1
    assert ctx.scalar(select(func.count()).select_from(RoomBooking)) == 0


def test_touching_bookings_do_not_clash(rooms, ctx, agency):
    room = ctx.get(Room, rooms["free"])
    services.book_room(ctx, room, at(2), at(3), "Họp sáng", user(agency, "office"))
    after = services.book_room(ctx, room, at(3), at(4), "Họp trưa", user(agency, "office"))
    assert after.status == "confirmed"


def test_approving_one_request_rejects_the_clashing_ones_with_a_notice(rooms, ctx, agency):
    room = ctx.get(Room, rooms["approved"])
    first = services.book_room(ctx, room, at(2), at(3), "Họp tổ", user(agency, "staff_a1"))
    second = services.book_room(ctx, room, at(2.5), at(4), "Họp phòng", user(agency, "head_a"))
    other_day = services.book_room(
        ctx, room, at(2, day=1), at(3, day=1), "Họp", user(agency, "head_b")
    )
    ctx.commit()
    rejected = bookings.confirm(ctx, first, by=user(agency, "office"))
    ctx.commit()
    assert [b.id for b in rejected] == [second.id]
    assert (first.status, second.status, other_day.status) == ("confirmed", "rejected", "requested")
    (notice,) = [n for n in notices(ctx, "core.booking_rejected") if n.user_id == agency["head_a"]]
    assert f"#{first.id}" in notice.body
    with pytest.raises(BookingConflict) as refused:  # a clashing request made afterwards
        late = services.book_room(ctx, room, at(2), at(2.5), "Muộn", user(agency, "head_b"))
        ctx.commit()
        bookings.confirm(ctx, late, by=user(agency, "office"))
    assert f"#{first.id}" in str(refused.value)


def test_a_weekly_series_is_booked_all_or_none(rooms, ctx, agency):
    room = ctx.get(Room, rooms["free"])
    blocker = services.book_room(
        ctx, room, at(2, day=14), at(3, day=14), "Hội nghị", user(agency, "office")
    )
    ctx.commit()
    with pytest.raises(BookingConflict) as refused:
        services.book_room_series(
            ctx,
            room,
            at(2),
            at(3),
            "FREQ=WEEKLY;COUNT=4",
            "Giao ban tuần",
            user(agency, "staff_a1"),
            attendees=6,
        )
    assert refused.value.field == "rrule"
    assert f"#{blocker.id}" in str(refused.value) and "1 of the 4 dates" in str(refused.value)
    ctx.rollback()
    assert ctx.scalar(select(func.count()).select_from(Booking)) == 1
    made = services.book_room_series(
        ctx,
        room,
        at(4),
        at(5),
        "FREQ=WEEKLY;COUNT=4",
        "Giao ban tuần",
        user(agency, "staff_a1"),
        attendees=6,
    )
    ctx.commit()
    assert [b.status for b in made] == ["confirmed"] * 4
    assert len({b.series_id for b in made}) == 1
    assert services.attendees_of(ctx, [b.id for b in made]) == {b.id: 6 for b in made}


def test_a_series_of_requests_over_capacity_warns_the_approver_once(rooms, ctx, agency):
    room = ctx.get(Room, rooms["approved"])
    made = services.book_room_series(
        ctx,
        room,
        at(2),
        at(3),
        "FREQ=WEEKLY;COUNT=3",
        "Hội nghị",
        user(agency, "staff_a1"),
        attendees=30,
    )
    ctx.commit()
    assert {b.status for b in made} == {"requested"}
    (warning,) = notices(ctx, "meetings.room_over_capacity")
    assert "3 dates" in warning.body


def test_a_booking_for_a_meeting_points_back_at_it(rooms, ctx, agency):
    room = ctx.get(Room, rooms["free"])
    booking = services.book_room(
        ctx,
        room,
        at(2),
        at(3),
        "Họp giao ban",
        user(agency, "office"),
        owner_type="meetings.meeting",
        owner_ref="42",
        attendees=5,
    )
    assert (booking.owner_type, booking.owner_ref) == ("meetings.meeting", "42")
    assert services.room_of_resource(ctx, booking.resource_id) is room


def test_bookings_in_a_window_come_with_their_attendees(rooms, ctx, agency):
    room = ctx.get(Room, rooms["approved"])
    inside = services.book_room(
        ctx, room, at(2), at(3), "Họp", user(agency, "staff_a1"), attendees=30
    )
    services.book_room(ctx, room, at(2, day=3), at(3, day=3), "Sau", user(agency, "staff_a1"))
    slots = services.bookings_in_window(ctx, room, at(0), at(24))
    assert [(s.booking.id, s.attendees) for s in slots] == [(inside.id, 30)]
    assert slots[0].warning is not None
