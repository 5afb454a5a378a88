"""The briefings' REST API: series created and changed with their units and standing agenda,
sessions made (409 listing every clashing date, nothing made), the units' report states, the
previous conclusions with their status, the pre-filled minutes, and the units' reports under
the record rule by unit."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.booking import services as booking
from core.booking.models import Booking
from core.db import db
from plugins.meetings.briefings.models import BriefingReport, BriefingSession
from plugins.meetings.meetings import services as meetings
from plugins.meetings.rooms.models import Room
from tests.plugins.meetings import briefings_support as support
from tests.plugins.meetings.briefings_support import FIRST, NOW, travel, week
from tests.plugins.meetings.meetings_support import issued_notice, user

pytestmark = pytest.mark.plugins("meetings")
ids = support.ids  # fixture

BASE = "/api/v1/meetings/briefings"


@pytest.fixture
def call(app, client, api_token, ids):
    """call(method, path, role, **kw) at the frozen NOW (tokens are made then too)."""

    def request(method: str, path: str, role: str = "office", at=NOW, **kwargs):
        with travel(at):
            token = api_token(ids[role])
            return client.open(
                f"{BASE}{path}",
                method=method,
                headers={"Authorization": f"Bearer {token}"},
                **kwargs,
            )

    return request


def series_body(ids, **fields):
    return {
        "title": "Giao ban Văn phòng",
        "chair_id": ids["leader"],
        "secretary_id": ids["office"],
        "room_id": ids["room2"],
        "rrule": "FREQ=WEEKLY;BYDAY=TU",
        "first_starts_at": "2031-03-04T14:00:00+07:00",
        "duration_minutes": 60,
        "unit_ids": [ids["a"]],
        "items": [
            {"title": "Các tổ báo cáo", "kind": "unit_reports", "presenter_unit_id": ids["a"]}
        ],
        **fields,
    }


def test_series_are_created_changed_and_listed(call, ids):
    created = call("POST", "/series", json=series_body(ids))
    assert created.status_code == 201, created.json
    body = created.json
    assert (body["unit_ids"], body["items"][0]["kind"], body["version"]) == (
        [ids["a"]],
        "unit_reports",
        1,
    )
    path = f"/series/{body['id']}"
    changed = call(
        "PATCH", path, json={"version": 1, "unit_ids": [ids["a"], ids["b"]], "duration_minutes": 75}
    )
    assert changed.status_code == 200, changed.json
    assert (changed.json["unit_ids"], changed.json["duration_minutes"]) == (
        [ids["a"], ids["b"]],
        75,
    )
    assert call("PATCH", path, json={"version": 1, "title": "Cũ"}).status_code == 409
    listed = call("GET", "/series?q=van phong&sort=title").json
    assert [s["title"] for s in listed["items"]] == ["Giao ban Văn phòng"]
    assert call("POST", "/series", role="head_a", json=series_body(ids)).status_code == 403


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"rrule": "FREQ=SECONDLY"}, "rrule"),
        ({"first_starts_at": "2031-03-04T14:00:00"}, "first_starts_at"),
        ({"room_id": None}, "room_id"),
        ({"unit_ids": [999999]}, "unit_ids"),
        ({"items": [{"title": "X", "kind": "other"}]}, "items.0.kind"),
    ],
)
def test_a_broken_series_answers_422_naming_the_field(call, ids, fields, field):
    refused = call("POST", "/series", json=series_body(ids, **fields))
    assert refused.status_code == 422
    assert field in refused.json["error"]["fields"]


def test_sessions_are_made_once_and_refused_whole_on_a_clash(app, call, ids):
    with app.app_context():
        room = db.session.get(Room, ids["room"])
        held = booking.request_booking(db.session, room.resource, week(1), week(1, 1), "Hội nghị")
        db.session.commit()
        held_id = held.id
    path = f"/series/{ids['series']}/generate"
    refused = call("POST", path, json={})
    assert refused.status_code == 409
    assert refused.json["error"]["fields"]["rrule"] == [
        "10/03/2031 08:00–09:30: Phòng họp tầng 2 is already booked "
        f"(#{held_id} “Hội nghị” (10/03/2031 08:00–09:00))."
    ]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(BriefingSession)) == 0
        booking.cancel(db.session, db.session.get(Booking, held_id))
        db.session.commit()
    made = call("POST", path, json={})
    assert made.status_code == 200 and len(made.json) == 4
    assert call("POST", path, json={}).json == []
    assert call("POST", path, role="head_a", json={}).status_code == 403
    sessions = call("GET", f"/sessions?series_id={ids['series']}&sort=-occurrence").json
    assert sessions["total"] == 4
    assert sessions["items"][-1]["starts_at"] == FIRST.isoformat()
    assert sessions["items"][-1]["status"] == "approved"


def test_the_session_endpoints(app, call, ids):
    with app.test_request_context():
        first, second = support.generated(ids)[:2]
        with travel(week(0, 2)):
            meetings.mark_held(db.session, first.meeting, by=user(ids, "office"))
            issued_notice(ids, first.meeting)
            db.session.commit()
        first_id, second_id = first.id, second.id
    report = call(
        "POST",
        "/reports",
        role="head_a",
        json={"session_id": second_id, "unit_id": ids["a"], "done": "Rà soát thủ tục"},
    )
    assert report.status_code == 201, report.json
    units = call("GET", f"/sessions/{second_id}/units").json["items"]
    assert [(u["unit_id"], u["report_id"] is not None, u["late"]) for u in units] == [
        (ids["a"], True, False),
        (ids["b"], False, False),
    ]
    follow = call("GET", f"/sessions/{second_id}/follow-up").json["items"]
    assert [(f["content"], f["status"], f["notice"]) for f in follow] == [
        ("Nhiệm vụ 1", None, "01/TB-SNV"),
        ("Nhiệm vụ 2", None, "01/TB-SNV"),
    ]
    assert call("GET", f"/sessions/{first_id}/follow-up").json["items"] == []
    draft = call("GET", f"/sessions/{second_id}/minutes-draft").json["sections"]
    assert "Rà soát thủ tục" in draft[1]["content"]
    early = call("POST", f"/sessions/{second_id}/prefill-minutes", json={})
    assert early.status_code == 409 and "status" in early.json["error"]["fields"]
    staff = call("POST", f"/sessions/{second_id}/prefill-minutes", role="staff_a1", json={})
    assert staff.status_code == 403
    with app.test_request_context(), travel(week(1, 2)):
        meetings.mark_held(
            db.session, db.session.get(BriefingSession, second_id).meeting, by=user(ids, "office")
        )
        db.session.commit()
    filled = call("POST", f"/sessions/{second_id}/prefill-minutes", at=week(1, 2), json={})
    assert filled.status_code == 200, filled.json
    assert [s["content"] for s in filled.json["sections"]] == [s["content"] for s in draft]


def test_reports_follow_the_record_rule_by_unit(app, call, ids):
    with app.test_request_context():
        session_id = support.generated(ids)[0].id
    body = {"session_id": session_id, "unit_id": ids["b"], "done": "Thanh tra 2 đơn vị"}
    outside = call("POST", "/reports", role="head_a", json=body)
    assert outside.status_code == 422
    assert outside.json["error"]["code"] == "outside_your_units"
    made = call("POST", "/reports", role="head_b", json=body)
    assert made.status_code == 201
    again = call("POST", "/reports", role="office", json=body)
    assert again.status_code == 409 and "unit_id" in again.json["error"]["fields"]
    report = f"/reports/{made.json['id']}"
    assert call("GET", report, role="head_a").status_code == 404
    assert call("GET", "/reports", role="head_a").json["total"] == 0
    assert call("GET", "/reports", role="office").json["total"] == 1
    changed = call("PATCH", report, role="head_b", json={"version": 1, "planned": "Báo cáo Sở"})
    assert changed.status_code == 200 and changed.json["version"] == 2
    late = call("PATCH", report, role="head_b", at=FIRST, json={"version": 2, "planned": "X"})
    assert late.status_code == 422 and "session_id" in late.json["error"]["fields"]
    with app.app_context():
        assert db.session.scalar(select(BriefingReport.planned)) == "Báo cáo Sở"
