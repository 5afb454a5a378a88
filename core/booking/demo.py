"""Demo resources and bookings for the demo agency (core/org/demo.py): meeting rooms, a car and
its driver, the leaders as bookable people, and bookings this week and next, some confirmed,
some awaiting approval (two of them clashing, to show the queue)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.booking import series, services
from core.booking.models import Resource
from core.i18n import agency_zone
from core.identity.services import find_user
from core.org.models import Unit

# code, name, kind, capacity, location, approver, user, owning unit
RESOURCES = [
    ("PH-T2", "Phòng họp tầng 2", "room", 30, "Tầng 2, nhà A", "lanht", None, "VP"),
    ("HT", "Hội trường", "room", 120, "Tầng 1, nhà B", "lanht", None, "VP"),
    ("PH-TT", "Phòng họp trực tuyến", "room", 20, "Tầng 3, nhà A", None, None, "VP"),
    ("XE-01", "Xe Toyota Innova 29A-123.45", "vehicle", 7, "Nhà xe", "binhnv", None, "HCQT"),
    ("LX-TUNG", "Lái xe Dương Văn Tùng", "driver", None, "", "binhnv", "tungdv", "HCQT"),
    ("LD-GD", "Giám đốc Nguyễn Văn Thành", "person", None, "", "lanht", "thanhnv", "SNV"),
    ("LD-PGD1", "Phó Giám đốc Trần Thị Hồng", "person", None, "", "lanht", "hongtt", "SNV"),
    ("LD-PGD2", "Phó Giám đốc Lê Minh Quang", "person", None, "", "lanht", "quanglm", "SNV"),
    ("LD-PGD3", "Phó Giám đốc Phạm Đức Thắng", "person", None, "", "lanht", "thangpd", "SNV"),
    ("MC-01", "Máy chiếu di động", "equipment", None, "Phòng Văn thư", None, None, "VP"),
]


def add_demo_bookings(session: Session) -> None:
    """Add the demo resources and bookings once (nothing when they exist, or without the
    demo agency)."""
    if session.scalar(select(Resource.id).where(Resource.code == "PH-T2")) is not None:
        return
    if find_user(session, "lanht") is None:
        return
    units = {u.code: u.id for u in session.scalars(select(Unit))}
    resources: dict[str, Resource] = {}
    for code, name, kind, capacity, location, approver, user, unit in RESOURCES:
        resources[code] = services.save_resource(
            session,
            Resource(
                code=code,
                name=name,
                kind=kind,
                capacity=capacity,
                location=location,
                approver_id=_user_id(session, approver),
                user_id=_user_id(session, user),
                unit_id=units.get(unit),
            ),
        )
    _book(session, resources)


def _user_id(session: Session, username: str | None) -> int | None:
    user = find_user(session, username) if username else None
    return user.id if user is not None else None


def _book(session: Session, resources: dict[str, Resource]) -> None:
    zone = agency_zone()
    today = datetime.now(zone).date()
    monday = today - timedelta(days=today.weekday())

    def at(day: int, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(monday + timedelta(days=day), time(hour, minute), zone)

    office, fleet = find_user(session, "lanht"), find_user(session, "binhnv")
    staff = {name: find_user(session, name) for name in ("annv", "tamnt", "khoalv", "yennt")}
    series.request_series(
        session,
        resources["PH-T2"],
        at(0, 8),
        at(0, 9, 30),
        "FREQ=WEEKLY;COUNT=4",
        "Giao ban lãnh đạo Sở",
        by=office,
        confirm=True,
    )
    bookings: list[tuple[str, datetime, datetime, str, Any, bool]] = [
        ("HT", at(2, 14), at(2, 17), "Hội nghị sơ kết cải cách hành chính", office, True),
        ("LD-GD", at(1, 9), at(1, 11), "Tiếp công dân định kỳ", office, True),
        ("LD-PGD1", at(3, 8), at(3, 11, 30), "Làm việc với UBND huyện", office, True),
        ("PH-TT", at(3, 15), at(3, 16), "Họp trực tuyến với Bộ Nội vụ", staff["tamnt"], False),
        ("MC-01", at(3, 15), at(3, 16), "Họp trực tuyến với Bộ Nội vụ", staff["tamnt"], False),
        (
            "XE-01",
            at(3, 7),
            at(3, 17),
            "Kiểm tra công tác văn thư tại huyện",
            staff["khoalv"],
            False,
        ),
        ("LX-TUNG", at(3, 7), at(3, 17), "Kiểm tra công tác văn thư tại huyện", fleet, True),
        ("PH-T2", at(11, 9), at(11, 10, 30), "Họp phòng Cải cách hành chính", staff["annv"], False),
        ("PH-T2", at(11, 10), at(11, 11), "Họp tổ Kiểm tra", staff["yennt"], False),
        ("HT", at(9, 8), at(9, 11), "Tập huấn nghiệp vụ văn thư", staff["khoalv"], False),
    ]
    for code, start, end, purpose, by, confirm in bookings:
        services.request_booking(
            session, resources[code], start, end, purpose, by=by, confirm=confirm
        )
