"""Demo rooms for the demo agency: the core's demo meeting rooms put in the catalogue, a few
more rooms, and a month of bookings from this Monday — most confirmed, some awaiting the
approver (one of them expecting more people than the room seats)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.booking import services as bookings
from core.booking.models import BookingStatus, Resource
from core.booking.rules import BookingConflict
from core.i18n import agency_today, agency_zone
from core.identity.services import find_user
from core.org.models import Unit
from plugins.meetings.rooms import services
from plugins.meetings.rooms.models import Room

# code, name, seats, building, floor, layout, equipment, approver (username); the first three
# are the core's demo resources, catalogued here.
ROOMS = [
    (
        "PH-T2",
        "Phòng họp tầng 2",
        30,
        "Nhà A",
        "Tầng 2",
        "boardroom",
        ("projector", "screen", "sound", "microphones", "whiteboard"),
        "lanht",
    ),
    (
        "HT",
        "Hội trường",
        120,
        "Nhà B",
        "Tầng 1",
        "theatre",
        ("projector", "screen", "sound", "microphones"),
        "lanht",
    ),
    (
        "PH-TT",
        "Phòng họp trực tuyến",
        20,
        "Nhà A",
        "Tầng 3",
        "u_shape",
        ("video_conference", "television", "computer", "microphones", "sound"),
        None,
    ),
    (
        "HT-LON",
        "Hội trường lớn",
        250,
        "Nhà C",
        "Tầng 1",
        "theatre",
        ("projector", "screen", "sound", "microphones", "video_conference"),
        "lanht",
    ),
    (
        "PH-T3",
        "Phòng họp tầng 3",
        15,
        "Nhà A",
        "Tầng 3",
        "boardroom",
        ("television", "whiteboard"),
        None,
    ),
    ("PH-KHACH", "Phòng tiếp khách", 10, "Nhà A", "Tầng 1", "flexible", ("television",), "lanht"),
]

# (weekday, start hour, minutes, room code, purpose, attendees, booker) — repeated each week
WEEK = [
    (0, 14, 90, "PH-T3", "Họp phòng Tổ chức, biên chế", 12, "thaopt"),
    (1, 8, 120, "PH-T2", "Họp Ban Giám đốc mở rộng", 25, "lanht"),
    (1, 14, 60, "PH-TT", "Họp trực tuyến với Bộ Nội vụ", 15, "tamnt"),
    (2, 9, 90, "PH-T3", "Họp phòng Công chức, viên chức", 10, "vinhpv"),
    (2, 14, 120, "HT-LON", "Hội nghị triển khai công tác thi đua", 180, "kientv"),
    (3, 8, 90, "PH-KHACH", "Tiếp đoàn công tác UBND huyện", 8, "lanht"),
    (3, 14, 60, "PH-T2", "Họp Thanh tra Sở", 12, "giangtv"),
    (4, 9, 120, "PH-TT", "Tập huấn phần mềm quản lý văn bản", 18, "ngocbt"),
    (4, 15, 60, "PH-T3", "Họp tổ Hành chính – Quản trị", 6, "binhnv"),
]
WEEKS = 4


def add_demo_rooms(session: Session) -> None:
    """Add the demo rooms and their month of bookings once (nothing when the catalogue has
    rooms, or without the demo agency)."""
    if session.scalar(select(Room.id).limit(1)) is not None:
        return
    office = find_user(session, "lanht")
    if office is None:
        return
    unit_id = session.scalar(select(Unit.id).where(Unit.code == "VP"))
    existing = {
        r.code: r
        for r in session.scalars(select(Resource).where(Resource.code.in_([c[0] for c in ROOMS])))
    }
    rooms: dict[str, Room] = {}
    for code, name, seats, building, floor, layout, equipment, approver in ROOMS:
        fields: dict[str, Any] = {
            "building": building,
            "floor": floor,
            "layout": layout,
            "location": f"{floor}, {building.lower()}",
        }
        if code not in existing:
            approver_user = find_user(session, approver) if approver else None
            fields.update(
                code=code,
                name=name,
                capacity=seats,
                unit_id=unit_id,
                approver_id=approver_user.id if approver_user else None,
            )
        rooms[code] = services.create_room(
            session, equipment=equipment, resource=existing.get(code), **fields
        )
    _book_month(session, rooms, office)


def _book_month(session: Session, rooms: dict[str, Room], office: Any) -> None:
    """Four weeks of the weekly pattern from this Monday, confirmed by the office but for next
    week's requests, left in the approver's queue; and one request over capacity."""
    today = agency_today()
    monday = today - timedelta(days=today.weekday())
    for week in range(WEEKS):
        for weekday, hour, minutes, code, purpose, attendees, booker in WEEK:
            day = monday + timedelta(days=7 * week + weekday)
            by = find_user(session, booker) or office
            approver = office if week != 1 else None
            _try_book(session, rooms[code], day, hour, minutes, purpose, attendees, by, approver)
    _try_book(
        session,
        rooms["PH-T2"],
        monday + timedelta(days=10),
        14,
        120,
        "Hội nghị tổng kết công tác cải cách hành chính",
        45,
        find_user(session, "tamnt") or office,
        None,
    )


def _try_book(
    session: Session,
    room: Room,
    day: date,
    hour: int,
    minutes: int,
    purpose: str,
    attendees: int,
    by: Any,
    approver: Any,
) -> None:
    """Book (and have ``approver`` confirm the request, if given) unless the time is already
    held: the core's demo bookings come first."""
    starts = datetime.combine(day, time(hour), agency_zone())
    try:
        booking = services.book_room(
            session,
            room,
            starts,
            starts + timedelta(minutes=minutes),
            purpose,
            by,
            attendees=attendees,
        )
        if approver is not None and booking.status == BookingStatus.REQUESTED.value:
            bookings.confirm(session, booking, by=approver)
    except BookingConflict:
        return  # refused in a savepoint: the rest of the demo goes on
