"""Shared by the briefings' tests (no tests here): a weekly giao ban series — Mondays 08:00 in
Hà Nội from 3 March 2031, chaired by the leader, recorded by the office, in the room, units A
and B taking part — and a clock to travel with."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from core.db import db
from plugins.meetings.briefings import services
from plugins.meetings.briefings.models import BriefingSeries, BriefingSession
from tests.plugins.meetings.meetings_support import setup_dossier, user

#: Monday 3 March 2031, 08:00 in Hà Nội: the first session.
FIRST = datetime(2031, 3, 3, 1, 0, tzinfo=UTC)
#: Tuesday 25 February 2031, 09:00 in Hà Nội: "now" unless a test travels elsewhere.
NOW = datetime(2031, 2, 25, 2, 0, tzinfo=UTC)

ITEMS = [
    {"title": "Kiểm điểm kết luận giao ban tuần trước", "kind": "follow_up"},
    {"title": "Các đơn vị báo cáo kết quả tuần qua, kế hoạch tuần tới", "kind": "unit_reports"},
    {"title": "Ý kiến chỉ đạo của Giám đốc", "kind": "general", "duration_minutes": 20},
]


def week(n: int, hours: float = 0) -> datetime:
    """The ``n``-th session's start (from 0), plus ``hours``."""
    return FIRST + timedelta(weeks=n, hours=hours)


def travel(when: datetime):
    return time_machine.travel(when, tick=False)


@pytest.fixture
def ids(app, agency):
    """The dossier's agency (register, leader, rooms) and a briefing series (``series``)."""
    found = setup_dossier(app, agency)
    with app.test_request_context():
        series = make_series(found)
        db.session.commit()
        found["series"] = series.id
    return found


@pytest.fixture
def ctx(app):
    """A request context (messages in English) and its session."""
    with app.test_request_context():
        yield db.session
        db.session.rollback()


def make_series(ids: dict[str, int], **fields) -> BriefingSeries:
    values = {
        "title": "Giao ban tuần",
        "chair_id": ids["leader"],
        "secretary_id": ids["office"],
        "unit_id": ids["root"],
        "room_id": ids["room"],
        "rrule": "FREQ=WEEKLY;BYDAY=MO",
        "first_starts_at": FIRST,
        "duration_minutes": 90,
        "cutoff_hours": 64,
        "horizon_days": 28,
        **fields,
    }
    return services.create_series(
        db.session,
        by=user(ids, "office"),
        unit_ids=[ids["a"], ids["b"]],
        items=ITEMS,
        **values,
    )


def series_of(ids: dict[str, int]) -> BriefingSeries:
    return db.session.get(BriefingSeries, ids["series"])


def generated(ids: dict[str, int], at: datetime = NOW) -> list[BriefingSession]:
    """The series' sessions made at ``at``, committed."""
    with travel(at):
        made = services.generate_sessions(db.session, series_of(ids))
        db.session.commit()
    return made
