"""Approved meetings on the unified calendar (with the chair as leader, for the weekly
schedule), in the unified search ignoring diacritics, and on the home page; each only for
those who may see the meeting."""

from __future__ import annotations

import pytest
import time_machine

from core.db import db
from plugins.meetings.meetings import services
from tests.plugins.meetings.meetings_support import at, propose, setup_dossier, user

pytestmark = pytest.mark.plugins("meetings")


@pytest.fixture
def ids(app, agency):
    ids = setup_dossier(app, agency)
    with app.test_request_context(), time_machine.travel(at(-72), tick=False):
        approved = propose(ids, title="Họp triển khai kế hoạch cải cách")
        services.add_invitee(db.session, approved, by=user(ids, "office"), user_id=ids["staff_a1"])
        services.approve(db.session, approved, by=user(ids, "leader"))
        propose(ids, title="Họp chưa duyệt", starts_at=at(24), ends_at=at(25))
        db.session.commit()
        ids["meeting"] = approved.id
    return ids


def calendar(client, headers):
    window = {"from": at(-24).isoformat(), "to": at(72).isoformat()}
    response = client.get("/api/v1/calendar", query_string=window, headers=headers)
    assert response.status_code == 200, response.json
    return [e for e in response.json if e["source"] == "meetings"]


def test_approved_meetings_are_on_the_calendar_with_their_chair(app, ids, api_token):
    client = app.test_client()
    for who in ("staff_a1", "office", "leader"):
        headers = {"Authorization": f"Bearer {api_token(ids[who])}"}
        (entry,) = calendar(client, headers)
        assert entry["title"] == "Họp triển khai kế hoạch cải cách"
        assert entry["leader_ids"] == [ids["leader"]]
        assert "Phòng họp tầng 2" in entry["location"]
    outsider = {"Authorization": f"Bearer {api_token(ids['head_b'])}"}
    assert calendar(client, outsider) == []


def test_search_finds_meetings_ignoring_diacritics(app, ids, api_token):
    client = app.test_client()
    headers = {"Authorization": f"Bearer {api_token(ids['staff_a1'])}"}
    found = client.get("/api/v1/search", query_string={"q": "trien khai cai cach"}, headers=headers)
    assert found.status_code == 200
    titles = [h["title"] for g in found.json for h in g["hits"]]
    assert "Họp triển khai kế hoạch cải cách" in titles
    outsider = {"Authorization": f"Bearer {api_token(ids['head_b'])}"}
    found = client.get("/api/v1/search", query_string={"q": "trien khai"}, headers=outsider)
    titles = [h["title"] for g in found.json for h in g["hits"]]
    assert "Họp triển khai kế hoạch cải cách" not in titles


def test_the_home_page_lists_ones_next_meetings(app, ids, login_as):
    with time_machine.travel(at(-48), tick=False):
        page = login_as(ids["staff_a1"], app.test_client()).get("/admin/").get_data(as_text=True)
        assert 'data-testid="next-meetings"' in page
        assert "Họp triển khai kế hoạch cải cách" in page
        other = login_as(ids["head_b"], app.test_client()).get("/admin/").get_data(as_text=True)
        assert 'data-testid="next-meetings"' not in other
