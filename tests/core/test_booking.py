"""Bookings through the services: requests, confirmation against the database's guard, the
rules on bad input, rejections and their notices, moves, cancellations and the approval queue.

The fixtures here (``rooms``, ``person``) are shared by the other ``test_booking_*`` modules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from core.booking import services
from core.booking.models import Booking, Resource
from core.booking.rules import BookingConflict, BookingError, NotAllowed
from core.db import db
from core.identity.models import User
from core.notifications.models import Notification

MONDAY = datetime(2031, 3, 3, tzinfo=UTC)  # a Monday well in the future


def at(hour: float, day: int = 0) -> datetime:
    return MONDAY + timedelta(days=day, hours=hour)


@pytest.fixture
def rooms(app, agency):
    """Ids: "approved" (a room the office approves, owned by unit A), "free" (no approver:
    bookings are confirmed at once) and "closed" (inactive)."""
    with app.app_context():
        approved = services.save_resource(
            db.session,
            Resource(
                code="PH1",
                name="Phòng họp 1",
                capacity=20,
                approver_id=agency["office"],
                unit_id=agency["a"],
            ),
        )
        free = services.save_resource(db.session, Resource(code="PH2", name="Phòng họp 2"))
        closed = services.save_resource(
            db.session, Resource(code="PH3", name="Phòng họp cũ", active=False)
        )
        db.session.commit()
        return {"approved": approved.id, "free": free.id, "closed": closed.id}


@pytest.fixture
def ctx(app):
    """A request context (messages in English, notices need one), with its session."""
    with app.test_request_context():
        yield db.session
        db.session.rollback()


def user(agency, name: str) -> User:
    return db.session.get(User, agency[name])


def count(session, **where) -> int:
    query = select(func.count()).select_from(Booking)
    for key, value in where.items():
        query = query.where(getattr(Booking, key) == value)
    return int(session.scalar(query))


def overlapping_confirmed(session) -> list:
    """Pairs of confirmed bookings of one resource that overlap, by plain SQL (half-open)."""
    return session.execute(
        text(
            "SELECT a.id, b.id FROM core_booking a JOIN core_booking b"
            " ON a.resource_id = b.resource_id AND a.id < b.id"
            " WHERE a.status = 'confirmed' AND b.status = 'confirmed'"
            " AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at"
        )
    ).all()


# -- requests and confirmation ------------------------------------------------------------


def test_a_resource_without_approver_is_confirmed_at_once(ctx, agency, rooms):
    room = ctx.get(Resource, rooms["free"])
    booking = services.request_booking(
        ctx, room, at(9), at(10), "Họp giao ban", by=user(agency, "staff_a1")
    )
    ctx.commit()
    assert booking.status == "confirmed"
    assert booking.booked_by_id == agency["staff_a1"]


def test_requests_may_overlap_and_confirming_one_rejects_the_others(ctx, agency, rooms):
    room = ctx.get(Resource, rooms["approved"])
    staff, head, office = (user(agency, n) for n in ("staff_a1", "head_a", "office"))
    first = services.request_booking(ctx, room, at(9), at(10), "Họp tổ", by=staff)
    second = services.request_booking(ctx, room, at(9.5), at(11), "Họp phòng", by=head)
    touching = services.request_booking(ctx, room, at(10), at(11), "Họp sau", by=head)
    ctx.commit()
    assert {first.status, second.status, touching.status} == {"requested"}

    rejected = services.confirm(ctx, first, by=office)
    ctx.commit()
    assert first.status == "confirmed" and first.decided_by_id == agency["office"]
    assert [r.id for r in rejected] == [second.id]
    assert second.status == "rejected"
    assert f"#{first.id}" in second.reason
    assert touching.status == "requested"  # [9,10) and [10,11) touch, they do not overlap
    notice = ctx.scalars(
        select(Notification).where(
            Notification.user_id == agency["head_a"], Notification.type == "core.booking_rejected"
        )
    ).one()
    assert f"#{first.id}" in notice.body and "Họp tổ" in notice.body
    assert notice.link == f"/admin/core_booking/details/?id={second.id}"
    confirmed_notice = ctx.scalars(
        select(Notification).where(Notification.type == "core.booking_confirmed")
    ).one()
    assert confirmed_notice.user_id == agency["staff_a1"]


def test_the_approver_is_told_of_a_request(ctx, agency, rooms):
    room = ctx.get(Resource, rooms["approved"])
    services.request_booking(ctx, room, at(9), at(10), "Họp tổ", by=user(agency, "staff_a1"))
    ctx.commit()
    notice = ctx.scalars(
        select(Notification).where(Notification.type == "core.booking_requested")
    ).one()
    assert notice.user_id == agency["office"]
    assert "Phòng họp 1" in notice.subject


def test_confirming_over_a_confirmed_booking_names_it_and_changes_nothing(ctx, agency, rooms):
    room = ctx.get(Resource, rooms["approved"])
    office, staff = user(agency, "office"), user(agency, "staff_a1")
    held = services.request_booking(ctx, room, at(9), at(10), "Giao ban", by=office, confirm=True)
    late = services.request_booking(ctx, room, at(9.5), at(10.5), "Họp muộn", by=staff)
    ctx.commit()
    with pytest.raises(BookingConflict) as refused:
        services.confirm(ctx, late, by=office)
    message = str(refused.value)
    assert f"#{held.id}" in message and "Giao ban" in message and "Phòng họp 1" in message
    assert refused.value.clashes == [held]
    assert refused.value.field == "starts_at"
    ctx.rollback()
    assert ctx.get(Booking, late.id).status == "requested"
    assert count(ctx, status="confirmed") == 1


def test_the_savepoint_keeps_the_rest_of_the_transaction(ctx, agency, rooms):
    """A refused confirmation undoes only itself: the caller's other changes stay."""
    room, free = ctx.get(Resource, rooms["approved"]), ctx.get(Resource, rooms["free"])
    office = user(agency, "office")
    services.request_booking(ctx, room, at(9), at(10), "Giao ban", by=office, confirm=True)
    ctx.commit()
    kept = services.request_booking(ctx, free, at(9), at(10), "Phòng khác", by=office)
    with pytest.raises(BookingConflict):
        services.request_booking(ctx, room, at(9), at(10), "Trùng", by=office, confirm=True)
    ctx.commit()
    assert ctx.get(Booking, kept.id).status == "confirmed"
    assert count(ctx) == 2


def test_confirm_needs_the_approver_or_the_office(ctx, agency, rooms):
    room = ctx.get(Resource, rooms["approved"])
    request = services.request_booking(
        ctx, room, at(9), at(10), "Họp tổ", by=user(agency, "staff_a1")
    )
    ctx.commit()
    for name in ("staff_a1", "head_a", "head_b"):
        with pytest.raises(NotAllowed):
            services.confirm(ctx, request, by=user(agency, name))
    with pytest.raises(NotAllowed):
        services.request_booking(
            ctx, room, at(11), at(12), "Tự xác nhận", by=user(agency, "head_a"), confirm=True
        )
    services.confirm(ctx, request, by=user(agency, "administrator"))
    assert request.status == "confirmed"


def test_a_unit_scoped_manager_decides_for_their_units_resources(app, ctx, agency, rooms):
    from core.identity.access import forget_grants
    from core.identity.models import Role, RolePermission

    role = ctx.scalars(select(Role).where(Role.code == "unit_head")).one()
    role.permissions.append(RolePermission(permission="core.booking.manage"))
    ctx.commit()
    room = ctx.get(Resource, rooms["approved"])  # owned by unit A
    request = services.request_booking(
        ctx, room, at(9), at(10), "Họp tổ", by=user(agency, "staff_a1")
    )
    ctx.commit()
    forget_grants()
    with pytest.raises(NotAllowed):
        services.confirm(ctx, request, by=user(agency, "head_b"))
    services.confirm(ctx, request, by=user(agency, "head_a"))
    assert request.status == "confirmed"
    assert [b.id for b in services.pending_for(ctx, user(agency, "head_b"))] == []


# -- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "field", "rule"),
    [
        (at(10), at(9), "ends_at", "must come after the start"),
        (at(10), at(10), "ends_at", "cannot last zero minutes"),
        (at(9), at(9) + timedelta(days=3653), "ends_at", "at most 31 days"),
        (at(9).replace(tzinfo=None), at(10), "starts_at", "UTC offset"),
        (at(9), at(10).replace(tzinfo=None), "ends_at", "UTC offset"),
    ],
)
def test_bad_times_are_refused_naming_the_rule(ctx, agency, rooms, starts_at, ends_at, field, rule):
    room = ctx.get(Resource, rooms["free"])
    with pytest.raises(BookingError) as refused:
        services.request_booking(ctx, room, starts_at, ends_at, "Họp", by=user(agency, "office"))
    assert refused.value.field == field
    assert rule in str(refused.value)
    ctx.rollback()
    assert count(ctx) == 0


def test_an_inactive_resource_cannot_be_booked(ctx, agency, rooms):
    room = ctx.get(Resource, rooms["closed"])
    with pytest.raises(BookingError) as refused:
        services.request_booking(ctx, room, at(9), at(10), "Họp", by=user(agency, "office"))
    assert refused.value.field == "resource_id"
    assert "Phòng họp cũ is inactive" in str(refused.value)
    ctx.rollback()
    assert count(ctx) == 0


def test_a_purpose_is_required(ctx, agency, rooms):
    room = ctx.get(Resource, rooms["free"])
    with pytest.raises(BookingError) as refused:
        services.request_booking(ctx, room, at(9), at(10), "   ", by=user(agency, "office"))
    assert refused.value.field == "purpose"


def test_exactly_31_days_is_allowed(ctx, agency, rooms):
    room = ctx.get(Resource, rooms["free"])
    booking = services.request_booking(
        ctx, room, at(0), at(0, day=31), "Triển lãm", by=user(agency, "office")
    )
    ctx.commit()
    assert booking.ends_at - booking.starts_at == timedelta(days=31)


def test_a_person_resource_needs_the_persons_user(ctx, agency):
    with pytest.raises(BookingError) as refused:
        services.save_resource(ctx, Resource(code="GD", name="Giám đốc", kind="person"))
    assert refused.value.field == "user_id"
    ctx.rollback()
    leader = services.save_resource(
        ctx, Resource(code="GD", name="Giám đốc", kind="person", user_id=agency["head_a"])
    )
    assert leader.id


# -- the database's guard -----------------------------------------------------------------


def test_the_database_refuses_overlapping_confirmed_rows_whoever_writes_them(ctx, agency, rooms):
    """No service involved: plain INSERT and UPDATE statements hit the same guard."""
    from sqlalchemy.exc import IntegrityError

    room = rooms["free"]
    row = {"resource_id": room, "purpose": "x", "owner_type": "", "owner_ref": "", "reason": ""}
    insert = Booking.__table__.insert()
    ctx.execute(insert.values(**row, starts_at=at(9), ends_at=at(10), status="confirmed"))
    ctx.execute(insert.values(**row, starts_at=at(10), ends_at=at(11), status="confirmed"))
    ctx.execute(insert.values(**row, starts_at=at(9.5), ends_at=at(10.5), status="requested"))
    ctx.commit()
    with pytest.raises(IntegrityError):
        ctx.execute(insert.values(**row, starts_at=at(9.5), ends_at=at(9.75), status="confirmed"))
    ctx.rollback()
    with pytest.raises(IntegrityError):  # confirming the overlapping request by hand
        ctx.execute(
            Booking.__table__.update()
            .where(Booking.status == "requested")
            .values(status="confirmed")
        )
    ctx.rollback()
    with pytest.raises(IntegrityError):  # moving a confirmed one onto the other
        ctx.execute(
            Booking.__table__.update().where(Booking.starts_at == at(10)).values(starts_at=at(9.5))
        )
    ctx.rollback()
    long = {**row, "resource_id": rooms["approved"], "status": "confirmed"}
    ctx.execute(insert.values(**long, starts_at=at(0, -31), ends_at=at(0)))  # 31 days
    with pytest.raises(IntegrityError):  # overlaps its last hour, 31 days after it started
        ctx.execute(insert.values(**long, starts_at=at(-1), ends_at=at(1)))
    ctx.rollback()
    with pytest.raises(IntegrityError):  # longer than the 31 days availability relies on
        ctx.execute(
            insert.values(**row, starts_at=at(0, 40), ends_at=at(1, 71), status="requested")
        )
    ctx.rollback()
    assert overlapping_confirmed(ctx) == []
    assert count(ctx) == 3


def test_sqlite_stores_times_as_fixed_width_utc_text(app, ctx, agency, rooms):
    """The SQLite triggers compare times as text: that is chronological only if every time is
    written 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC, which the table checks."""
    from sqlalchemy.exc import IntegrityError

    if ctx.get_bind().dialect.name != "sqlite":
        pytest.skip("SQLite's storage only")
    room = ctx.get(Resource, rooms["free"])
    local = datetime(2031, 3, 3, 9, 0, tzinfo=UTC).astimezone(
        __import__("zoneinfo").ZoneInfo("Asia/Ho_Chi_Minh")
    )
    booking = services.request_booking(
        ctx, room, local, local + timedelta(microseconds=1), "Ngắn", by=None
    )
    ctx.commit()
    stored = ctx.execute(
        text("SELECT starts_at, ends_at FROM core_booking WHERE id = :id"), {"id": booking.id}
    ).one()
    assert stored == ("2031-03-03 09:00:00.000000", "2031-03-03 09:00:00.000001")
    with pytest.raises(IntegrityError):
        ctx.execute(
            text(
                "INSERT INTO core_booking (resource_id, starts_at, ends_at, status, purpose,"
                " owner_type, owner_ref, reason, created_at, version) VALUES (:r,"
                " '2031-03-04T09:00:00', '2031-03-04T10:00:00', 'confirmed', 'x', '', '', '',"
                " '2031-01-01 00:00:00.000000', 1)"
            ),
            {"r": room.id},
        )


# -- changes ------------------------------------------------------------------------------


def test_moving_a_confirmed_booking_is_checked_by_the_database(ctx, agency, rooms):
    room = ctx.get(Resource, rooms["approved"])
    office, staff = user(agency, "office"), user(agency, "staff_a1")
    first = services.request_booking(ctx, room, at(9), at(10), "Sáng", by=office, confirm=True)
    second = services.request_booking(ctx, room, at(14), at(15), "Chiều", by=office, confirm=True)
    waiting = services.request_booking(ctx, room, at(16), at(17), "Chờ", by=staff)
    ctx.commit()
    with pytest.raises(BookingConflict) as refused:
        services.move(ctx, second, at(9.5), at(10.5), by=office)
    assert f"#{first.id}" in str(refused.value)
    ctx.rollback()
    assert ctx.get(Booking, second.id).starts_at == at(14)

    rejected = services.move(ctx, second, at(16.5), at(17.5), by=office)
    ctx.commit()
    assert second.starts_at == at(16.5) and second.status == "confirmed"
    assert [r.id for r in rejected] == [waiting.id] and waiting.status == "rejected"
    services.move(ctx, second, at(10), at(11), by=office)  # touching the first one
    ctx.commit()
    assert overlapping_confirmed(ctx) == []


def test_a_booker_moving_their_confirmed_booking_asks_again(ctx, agency, rooms):
    room = ctx.get(Resource, rooms["approved"])
    staff, office = user(agency, "staff_a1"), user(agency, "office")
    booking = services.request_booking(ctx, room, at(9), at(10), "Họp tổ", by=staff)
    services.confirm(ctx, booking, by=office)
    ctx.commit()
    services.move(ctx, booking, at(15), at(16), by=staff)
    ctx.commit()
    assert booking.status == "requested" and booking.decided_by_id is None
    with pytest.raises(NotAllowed):
        services.move(ctx, booking, at(16), at(17), by=user(agency, "head_b"))


def test_cancel_and_reject(ctx, agency, rooms):
    room = ctx.get(Resource, rooms["approved"])
    staff, office = user(agency, "staff_a1"), user(agency, "office")
    mine = services.request_booking(ctx, room, at(9), at(10), "Của tôi", by=staff)
    other = services.request_booking(ctx, room, at(11), at(12), "Khác", by=staff)
    ctx.commit()
    with pytest.raises(NotAllowed):
        services.reject(ctx, other, by=staff)
    services.reject(ctx, other, by=office, reason="Phòng đang sửa")
    services.cancel(ctx, mine, by=staff)
    ctx.commit()
    assert (mine.status, other.status, other.reason) == ("cancelled", "rejected", "Phòng đang sửa")
    with pytest.raises(BookingError) as refused:
        services.cancel(ctx, mine, by=staff)
    assert refused.value.field == "status"
    with pytest.raises(BookingError):
        services.confirm(ctx, other, by=office)
    notice = ctx.scalars(
        select(Notification).where(Notification.type == "core.booking_rejected")
    ).one()
    assert "Phòng đang sửa" in notice.body


def test_the_approvers_queue(ctx, agency, rooms):
    room, free = ctx.get(Resource, rooms["approved"]), ctx.get(Resource, rooms["free"])
    staff = user(agency, "staff_a1")
    waiting = services.request_booking(ctx, room, at(9), at(10), "Chờ duyệt", by=staff)
    services.request_booking(ctx, free, at(9), at(10), "Không cần duyệt", by=staff)
    ctx.commit()
    assert [b.id for b in services.pending_for(ctx, user(agency, "office"))] == [waiting.id]
    assert services.pending_for(ctx, staff) == []


def test_calendar_entries_show_ones_bookings_and_being_booked(ctx, agency, rooms):
    from core.booking.entries import calendar_entries

    leader = services.save_resource(
        ctx, Resource(code="GD", name="Giám đốc", kind="person", user_id=agency["head_a"])
    )
    room = ctx.get(Resource, rooms["free"])
    staff, office = user(agency, "staff_a1"), user(agency, "office")
    mine = services.request_booking(ctx, room, at(9), at(10), "Họp tổ", by=staff)
    services.request_booking(ctx, leader, at(14), at(15), "Tiếp dân", by=office)
    services.request_booking(
        ctx, room, at(11), at(12), "Họp", by=staff, owner_type="meetings.meeting", owner_ref="7"
    )
    ctx.commit()
    entries = calendar_entries(ctx, at(0), at(24), staff)
    assert [(e.title, e.uid) for e in entries] == [
        ("Họp tổ — Phòng họp 2", f"core.booking.{mine.id}")
    ]
    seen_by_leader = calendar_entries(ctx, at(0), at(24), user(agency, "head_a"))
    assert [e.title for e in seen_by_leader] == ["Tiếp dân — Giám đốc"]
    assert seen_by_leader[0].leader_ids == (agency["head_a"],)
