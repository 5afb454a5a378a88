"""Tasks in the unified search and on the unified calendar (open tasks' deadlines), each
limited to the tasks the person may see."""

from __future__ import annotations

from datetime import date

import pytest

from core.db import db
from tests.plugins.planning import test_tasks_services as shared

pytestmark = pytest.mark.plugins("planning")
frozen = shared.frozen  # a fixture: the clock stands on Monday 1 March 2027

WEEK = "from=2027-03-08T00:00:00%2B07:00&to=2027-03-15T00:00:00%2B07:00"


@pytest.fixture
def tasks(app, agency, frozen):
    """Tasks of units A and B due Thursday 11 March, and a finished one of A."""
    with app.test_request_context():
        office = shared.person(agency, "office")
        for title, unit in (
            ("Rà soát thủ tục hành chính", "a"),
            ("Thanh tra công vụ", "b"),
            ("Rà soát đã xong", "a"),
        ):
            task = shared.services.create_task(
                db.session,
                title=title,
                lead_unit_id=agency[unit],
                deadline=date(2027, 3, 11),
                by=office,
            )
        shared.services.complete(db.session, task, by=shared.person(agency, "head_a"))
        db.session.commit()


def get(client, api_token, agency, role: str, url: str):
    response = client.get(url, headers={"Authorization": f"Bearer {api_token(agency[role])}"})
    assert response.status_code == 200, response.json
    return response.json


def test_search_ignores_diacritics_and_follows_record_rules(client, api_token, agency, tasks):
    found = get(client, api_token, agency, "office", "/api/v1/search?q=ra%20soat")
    [group] = [g for g in found if g["title"] == "Tasks"]
    assert sorted(h["title"] for h in group["hits"]) == [
        "Rà soát thủ tục hành chính",
        "Rà soát đã xong",
    ]
    assert "/admin/planning_task/details/?id=" in group["hits"][0]["url"]
    seen_by_b = get(client, api_token, agency, "head_b", "/api/v1/search?q=ra%20soat")
    assert not [g for g in seen_by_b if g["title"] == "Tasks"]


def test_open_deadlines_are_on_the_calendar(client, api_token, agency, tasks):
    entries = get(client, api_token, agency, "office", f"/api/v1/calendar?{WEEK}")
    deadlines = sorted(e["title"] for e in entries if e["source"] == "planning")
    assert deadlines == [
        "Deadline: Rà soát thủ tục hành chính",
        "Deadline: Thanh tra công vụ",
    ]
    entry = next(e for e in entries if e["title"].endswith("hành chính"))
    assert entry["starts"] == "2027-03-10T17:00:00+00:00"  # midnight of the 11th in Hà Nội
    mine = get(client, api_token, agency, "head_a", f"/api/v1/calendar?{WEEK}")
    assert [e["title"] for e in mine if e["source"] == "planning"] == [
        "Deadline: Rà soát thủ tục hành chính"
    ]
