"""The meeting dossier's REST API: the whole lifecycle as POST sub-resources, the errors it
answers (409 naming a double booking, 422 naming the field, 403), uploads, and the meeting as
an iCalendar file parsed back."""

from __future__ import annotations

import icalendar
import pytest
import time_machine
from sqlalchemy import func, select

from core.db import db
from core.events.models import EventRecord
from plugins.meetings.meetings.models import Material, Meeting
from tests.plugins.meetings.meetings_support import at, setup_dossier

pytestmark = pytest.mark.plugins("meetings")
BASE = "/api/v1/meetings/meetings"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def ids(app, agency):
    return setup_dossier(app, agency)


@pytest.fixture
def call(client, ids, api_token):
    tokens = {}

    def request(method, path, who="office", **kwargs):
        if who not in tokens:
            tokens[who] = api_token(ids[who])
        headers = {"Authorization": f"Bearer {tokens[who]}", **kwargs.pop("headers", {})}
        return client.open(f"{BASE}{path}", method=method, headers=headers, **kwargs)

    return request


def proposal(ids, **changes):
    return {
        "title": "Họp triển khai kế hoạch năm",
        "chair_id": ids["leader"],
        "secretary_id": ids["office"],
        "unit_id": ids["a"],
        "starts_at": at(0).isoformat(),
        "ends_at": at(2).isoformat(),
        "room_id": ids["room"],
        **changes,
    }


def step(call, meeting, name, who="office", **body):
    response = call(
        "POST", f"/{meeting['id']}/{name}", who, json={"version": meeting["version"], **body}
    )
    assert response.status_code == 200, response.json
    return response.json


def test_the_whole_lifecycle_through_the_api(call, ids, app):
    with time_machine.travel(at(-72), tick=False):
        created = call("POST", "", json=proposal(ids))
        assert created.status_code == 201, created.json
        meeting = created.json
        assert meeting["status"] == "proposed"
        assert (
            call(
                "POST", f"/{meeting['id']}/invitees", json={"user_id": ids["staff_a1"]}
            ).status_code
            == 201
        )
        assert (
            call("POST", f"/{meeting['id']}/invitees", json={"unit_id": ids["b"]}).status_code
            == 201
        )
        added = call(
            "POST",
            f"/{meeting['id']}/agenda",
            json={"title": "Báo cáo", "presenter_id": ids["head_a"]},
        )
        assert added.status_code == 201
        meeting = step(call, meeting, "approve", "leader")
        meeting = step(call, meeting, "invite")
        assert meeting["invitation_symbol"] == "01/GM-SNV"
        answered = call("POST", f"/{meeting['id']}/answer", "staff_a1", json={"answer": "accepted"})
        assert answered.json["rsvp"] == "accepted"
        sent = call(
            "POST",
            f"/{meeting['id']}/delegate",
            "head_b",
            json={"delegate_id": ids["head_a"], "invitee_id": meeting["invitees"][1]["id"]},
        )
        assert sent.status_code == 200, sent.json
        assert sent.json["rsvp"] == "delegated"
    with time_machine.travel(at(3), tick=False):
        meeting = step(call, meeting, "hold")
        marks = [{"invitee_id": i["id"], "presence": "present"} for i in meeting["invitees"]]
        assert (
            call("POST", f"/{meeting['id']}/attendance", json={"marks": marks}).status_code == 200
        )
        written = call("PUT", f"/{meeting['id']}/minutes", json={"conclusions": "Thống nhất."})
        assert written.status_code == 200, written.json
        assert written.json["participants"] == "Nguyễn Văn An\nNguyễn Thị Tâm (for Thanh tra Sở)"
        filed = call(
            "POST", f"/{meeting['id']}/minutes/file", json={"version": written.json["version"]}
        )
        assert filed.json["symbol"] == "02/BB-SNV"
        points = [
            {"content": "Hoàn thiện dự thảo", "lead_unit_id": ids["a"], "deadline": "2031-04-15"}
        ]
        notice = call(
            "POST", f"/{meeting['id']}/notices", json={"summary": "Kết luận", "points": points}
        )
        assert notice.status_code == 201, notice.json
        notice = notice.json
        approved = call(
            "POST",
            f"/notices/{notice['id']}/approve",
            "leader",
            json={"version": notice["version"]},
        )
        assert approved.status_code == 200, approved.json
        issued = call(
            "POST", f"/notices/{notice['id']}/issue", json={"version": approved.json["version"]}
        )
        assert issued.json["symbol"] == "03/TB-SNV"
        assert issued.json["points"][0]["source_ref"] == f"notice/{notice['id']}/point/1"
        meeting = call("GET", f"/{meeting['id']}/dossier").json
        meeting = step(call, meeting, "close")
    assert meeting["status"] == "closed"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(EventRecord)) == 1


def test_a_double_booking_answers_409_naming_the_clash(call, ids):
    first = call("POST", "", json=proposal(ids, title="Giao ban tuần")).json
    step(call, first, "approve", "leader")
    second = call(
        "POST",
        "",
        json=proposal(
            ids, chair_id=ids["head_a"], starts_at=at(1).isoformat(), ends_at=at(3).isoformat()
        ),
    ).json
    refused = call(
        "POST", f"/{second['id']}/approve", "head_a", json={"version": second["version"]}
    )
    assert refused.status_code == 409
    assert "Phòng họp tầng 2 is already booked" in refused.json["error"]["message"]
    assert "Giao ban tuần" in refused.json["error"]["message"]
    again = call("GET", f"/{second['id']}").json
    assert again["status"] == "proposed"


def test_bad_input_names_the_field(call, ids):
    backwards = call(
        "POST", "", json=proposal(ids, starts_at=at(2).isoformat(), ends_at=at(1).isoformat())
    )
    assert backwards.status_code == 422
    assert "ends_at" in backwards.json["error"]["fields"]
    meeting = call("POST", "", json=proposal(ids)).json
    early = call("PUT", f"/{meeting['id']}/minutes", json={"conclusions": "Sớm"})
    assert early.status_code == 409
    assert "once it is held" in early.json["error"]["message"]
    refused = call(
        "POST", f"/{meeting['id']}/approve", "staff_a1", json={"version": meeting["version"]}
    )
    assert refused.status_code in (403, 404)


def test_uploads_are_checked_for_size_and_type(call, ids, app):
    app.config["MEETINGS_UPLOAD_MAX_BYTES"] = 1024
    meeting = call("POST", "", json=proposal(ids)).json
    path = f"/{meeting['id']}/materials"

    def upload(name, content):
        from io import BytesIO

        return call(
            "POST",
            path,
            data={"file": (BytesIO(content), name)},
            content_type="multipart/form-data",
        )

    ok = upload("Báo cáo.pdf", PDF)
    assert ok.status_code == 201, ok.json
    assert (ok.json["filename"], ok.json["content_type"]) == ("Báo cáo.pdf", "application/pdf")
    too_large = upload("to.pdf", PDF + b"0" * 2048)
    assert too_large.status_code == 422
    assert "limit" in too_large.json["error"]["fields"]["file"][0]
    program = upload("setup.exe", b"MZ\x90\x00")
    assert program.status_code == 422
    assert "not an allowed type" in program.json["error"]["message"]
    disguised = upload("virus.pdf", b"MZ\x90\x00")
    assert disguised.status_code == 422
    downloaded = call("GET", f"/materials/{ok.json['id']}")
    assert downloaded.data == PDF
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Material)) == 1


def test_the_icalendar_file_parses_back(call, ids):
    meeting = call("POST", "", json=proposal(ids)).json
    call("POST", f"/{meeting['id']}/invitees", json={"user_id": ids["staff_a1"]})
    call("POST", f"/{meeting['id']}/agenda", json={"title": "Báo cáo tiến độ"})
    response = call("GET", f"/{meeting['id']}/invitation.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    assert str(calendar["method"]) == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Họp triển khai kế hoạch năm"
    assert event.decoded("dtstart") == at(0)
    assert event.decoded("dtend") == at(2)
    assert "Phòng họp tầng 2" in str(event["location"])
    assert "1. Báo cáo tiến độ" in str(event["description"])
    assert str(event["uid"]) == f"meetings.meeting.{meeting['id']}@vanphong"
    assert "mailto:giamdoc@example.org" in str(event["organizer"])


def test_lists_filter_and_search_ignoring_diacritics(call, ids, app):
    call("POST", "", json=proposal(ids))
    call("POST", "", json=proposal(ids, title="Hội nghị tổng kết", kind="workshop"))
    found = call("GET", "?q=hoi nghi").json
    assert [m["title"] for m in found["items"]] == ["Hội nghị tổng kết"]
    assert call("GET", "?kind=workshop").json["total"] == 1
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Meeting)) == 2
