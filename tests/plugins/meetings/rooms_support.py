"""Shared by the rooms' tests (no tests here): rooms of the catalogue in the small agency
of the ``agency`` fixture, and a request context to call the services in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.db import db
from core.identity.models import User
from plugins.meetings.rooms import services

MONDAY = datetime(
    2031, 3, 3, tzinfo=UTC
)  # a Monday well in the future (10:00 in Hà Nội = 03:00 UTC)


def at(hour: float, day: int = 0) -> datetime:
    return MONDAY + timedelta(days=day, hours=hour)


def user(agency, name: str) -> User:
    return db.session.get(User, agency[name])


@pytest.fixture
def rooms(app, agency):
    """Ids of two rooms: "approved" (20 seats, the office approves, unit A's; projector and
    video conference) and "free" (8 seats, no approver: bookings are confirmed at once)."""
    with app.test_request_context():
        approved = services.create_room(
            db.session,
            code="PH1",
            name="Phòng họp tầng 2",
            capacity=20,
            approver_id=agency["office"],
            unit_id=agency["a"],
            building="Nhà A",
            floor="Tầng 2",
            equipment=["projector", "video_conference"],
        )
        free = services.create_room(
            db.session, code="PH2", name="Phòng nhỏ", capacity=8, building="Nhà B"
        )
        db.session.commit()
        return {"approved": approved.id, "free": free.id}


@pytest.fixture
def ctx(app):
    """A request context (messages in English; notices need one) and its session."""
    with app.test_request_context():
        yield db.session
        db.session.rollback()
