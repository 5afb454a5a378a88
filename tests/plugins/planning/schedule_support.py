"""What the weekly-schedule tests share: an agency with leaders, an office unit, rooms and a
vehicle, and a week well in the future (2031-W10, Monday 3 March 2031).

The test agency (tests/conftest.py) gains an office unit headed by the office user — who then
approves the leaders' person resources the schedule creates, so units' entries wait as
requests — two leaders with leader positions in the root unit, a room the office approves
(``room``), a room without approver (``hall``: bookings confirmed at once) and a vehicle the
office approves (``car``)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.booking import services as booking_services
from core.booking.models import Resource
from core.db import db
from core.identity.models import User
from core.identity.services import create_user
from core.org.models import Position, Unit
from core.org.services import add_member, create_unit

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = date(2031, 3, 3)
WEEK = "2031-W10"
#: The default cut-off of WEEK: Thursday 27 February 2031, 16:00 in Hà Nội.
CUTOFF = datetime(2031, 2, 27, 16, 0, tzinfo=ZONE)
BEFORE_CUTOFF = CUTOFF - timedelta(hours=1)
AFTER_CUTOFF = CUTOFF + timedelta(minutes=1)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A time of WEEK's ``day`` (0 = Monday), in Hà Nội."""
    return datetime.combine(MONDAY + timedelta(days=day), time(hour, minute), ZONE)


def build_world(app, agency: dict[str, int]) -> dict[str, int]:
    """Leaders, the office unit, rooms and a vehicle added to the test agency; returns ids."""
    with app.app_context():
        session = db.session
        root = session.get(Unit, agency["root"])
        office_unit = create_unit(session, "VP", "Văn phòng Sở", "VP", "office", parent=root)
        add_member(session, agency["office"], office_unit, primary=False, head=True)
        director = Position(code="GD", name="Giám đốc", rank=10, is_leader=True)
        deputy = Position(code="PGD", name="Phó Giám đốc", rank=20, is_leader=True)
        session.add_all([director, deputy])
        session.flush()
        leaders = {}
        for key, username, name, position in (
            ("director", "thanhnv", "Nguyễn Văn Thành", director),
            ("deputy", "hongtt", "Trần Thị Hồng", deputy),
        ):
            user = create_user(session, username, "correct-horse-battery", full_name=name)
            add_member(session, user.id, root, position.id)
            leaders[key] = user.id
        room = booking_services.save_resource(
            session,
            Resource(code="PH1", name="Phòng họp 1", approver_id=agency["office"]),
        )
        hall = booking_services.save_resource(
            session, Resource(code="HT", name="Hội trường", capacity=120)
        )
        car = booking_services.save_resource(
            session,
            Resource(
                code="XE1", name="Xe 29A-123.45", kind="vehicle", approver_id=agency["office"]
            ),
        )
        session.commit()
        return {
            **agency,
            **leaders,
            "office_unit": office_unit.id,
            "room": room.id,
            "hall": hall.id,
            "car": car.id,
        }


def person(ids: dict[str, int], key: str) -> User:
    return db.session.get(User, ids[key])


def entry_data(ids: dict[str, int], **fields) -> dict:
    """A morning entry of Monday, presided by the director, prepared by unit A."""
    return {
        "day": MONDAY,
        "session": "morning",
        "content": "Họp bàn kế hoạch cải cách hành chính",
        "leader_id": ids["director"],
        "unit_id": ids["a"],
        **fields,
    }


def utc(value: datetime) -> datetime:
    return value.astimezone(UTC)
