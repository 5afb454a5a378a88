"""Tasks through the REST API: assigning (a date, or working days), bad input answered 422
naming the field with nothing stored, record rules, versions, progress, extensions, the
lead's and the assigner's acts, and lists in three statements."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.db import db
from plugins.planning.tasks.models import Task, TaskExtension, TaskUpdate
from tests.plugins.planning import test_tasks_services as shared

pytestmark = pytest.mark.plugins("planning")
frozen = shared.frozen  # a fixture: the clock stands on Monday 1 March 2027

URL = "/api/v1/planning/tasks"


@pytest.fixture
def call(client, agency, api_token, frozen):
    """``call(role, method, url, json=None, headers=None)`` with that role's bearer token."""
    tokens: dict[str, str] = {}

    def send(role: str, method: str, url: str, **kwargs):
        if role not in tokens:
            tokens[role] = api_token(agency[role])
        headers = {"Authorization": f"Bearer {tokens[role]}", **kwargs.pop("headers", {})}
        return client.open(url, method=method, headers=headers, **kwargs)

    return send


def stored(app, model=Task) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model)))


def assign(call, agency, role="office", **fields):
    body = {
        "title": "Rà soát thủ tục hành chính",
        "lead_unit_id": agency["a"],
        "deadline": "2027-03-11",
        **fields,
    }
    return call(role, "POST", URL, json=body)


def test_assign_read_and_edit(app, call, agency):
    created = assign(call, agency, supporter_unit_ids=[agency["b"]], priority="high")
    assert created.status_code == 201, created.json
    task = created.json
    assert created.headers["Location"].endswith(f"{URL}/{task['id']}")
    assert created.headers["ETag"] == '"1"'
    assert (task["status"], task["due_on"], task["deadline"]) == (
        "not_started",
        "2027-03-11",
        "2027-03-11",
    )
    assert task["supporter_unit_ids"] == [agency["b"]]
    url = f"{URL}/{task['id']}"
    assert call("head_a", "GET", url).json["title"] == "Rà soát thủ tục hành chính"
    assert call("head_b", "GET", url).status_code == 200  # a supporting unit sees it
    edited = call("office", "PATCH", url, json={"title": "Rà soát TTHC quý I", "version": 1})
    assert edited.status_code == 200 and edited.json["version"] == 2
    stale = call("office", "PATCH", url, json={"title": "x", "version": 1})
    assert stale.status_code == 409 and stale.json["error"]["code"] == "stale"
    refused = call("head_a", "PATCH", url, json={"title": "x", "version": 2})
    assert refused.status_code == 403  # the head of the lead unit is not the assigner


def test_working_days_over_the_api(call, agency):
    created = assign(call, agency, deadline=None, working_days=5, assigned_on="2027-02-01")
    assert created.status_code == 201, created.json
    assert created.json["deadline"] == "2027-02-15"  # Tết 2027 skipped


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"lead_user_id": "staff_a1"}, "lead_unit_id"),
        ({"lead_unit_id": None}, "lead"),
        ({"deadline": "2027-02-20"}, "deadline"),
        ({"working_days": 3}, "deadline"),
        ({"deadline": None}, "deadline"),
        ({"working_days": 0, "deadline": None}, "working_days"),
        ({"priority": "asap"}, "priority"),
        ({"title": ""}, "title"),
        ({"lead_unit_id": 999}, "lead_unit_id"),
    ],
)
def test_bad_assignments_answer_422_and_store_nothing(app, call, agency, changes, field):
    if changes.get("lead_user_id") == "staff_a1":
        changes["lead_user_id"] = agency["staff_a1"]
    refused = assign(call, agency, **changes)
    assert refused.status_code == 422, refused.json
    assert field in refused.json["error"]["fields"]
    assert stored(app) == 0


def test_who_may_assign_and_see(app, call, agency):
    assert assign(call, agency, role="staff_a1").status_code == 403  # no planning.task.manage
    assert assign(call, agency, role="head_b").status_code == 403  # not B's unit
    mine = assign(call, agency, role="head_a", lead_unit_id=agency["a1"]).json
    other = assign(call, agency, lead_unit_id=agency["b"]).json
    listed = {t["id"] for t in call("head_a", "GET", URL).json["items"]}
    assert listed == {mine["id"]}
    assert call("head_a", "GET", f"{URL}/{other['id']}").status_code == 404
    assert {t["id"] for t in call("staff_a1", "GET", URL).json["items"]} == {mine["id"]}
    assert call("office", "GET", URL).json["total"] == 2


def test_list_filters_and_diacritics_free_search(call, agency):
    assign(call, agency, title="Rà soát thủ tục")
    assign(call, agency, title="Báo cáo tháng", deadline="2027-03-31", lead_unit_id=agency["b"])
    found = call("office", "GET", f"{URL}?q=ra%20soat").json
    assert [t["title"] for t in found["items"]] == ["Rà soát thủ tục"]
    assert call("office", "GET", f"{URL}?lead_unit={agency['b']}").json["total"] == 1
    assert call("office", "GET", f"{URL}?deadline_to=2027-03-15").json["total"] == 1
    assert call("office", "GET", f"{URL}?sort=-deadline").json["items"][0]["title"] == (
        "Báo cáo tháng"
    )
    assert call("office", "GET", f"{URL}?status=late").status_code == 422


def test_progress_then_completion(app, call, agency):
    task = assign(call, agency, lead_unit_id=agency["a1"], supporter_unit_ids=[agency["a"]]).json
    url = f"{URL}/{task['id']}"
    over = call("staff_a1", "POST", f"{url}/updates", json={"progress": 101, "version": 1})
    assert over.status_code == 422 and "progress" in over.json["error"]["fields"]
    assert stored(app, TaskUpdate) == 0
    assert call("head_b", "POST", f"{url}/updates", json={"progress": 5}).status_code == 404
    reported = call(
        "staff_a1",
        "POST",
        f"{url}/updates",
        json={"progress": 40, "note": "Đã rà soát", "version": 1},
    )
    assert reported.status_code == 201, reported.json
    assert reported.json["progress"] == 40
    assert call("staff_a1", "GET", url).json["status"] == "in_progress"
    history = call("head_a", "GET", f"{url}/updates").json["items"]  # a supporter reads it
    assert [(h["kind"], h["progress"]) for h in history] == [("progress", 40)]
    done = call("staff_a1", "POST", f"{url}/complete", json={"version": 2})
    assert done.status_code == 200, done.json
    assert (done.json["status"], done.json["completed_on"]) == ("done_on_time", "2027-03-01")


def test_extensions_over_the_api(app, call, agency):
    task = assign(call, agency).json
    url = f"{URL}/{task['id']}"
    body = {"requested_deadline": "2027-03-25", "reason": "Chờ số liệu của Sở Tài chính"}
    asked = call("head_a", "POST", f"{url}/extensions", json=body)
    assert asked.status_code == 201, asked.json
    again = call("head_a", "POST", f"{url}/extensions", json=body)
    assert again.status_code == 409
    decision = f"{URL}/extensions/{asked.json['id']}/decision"
    refused = call("head_a", "POST", decision, json={"approve": True, "version": 1})
    assert refused.status_code == 403 and refused.json["error"]["code"] == "forbidden"
    approved = call("office", "POST", decision, json={"approve": True, "version": 1})
    assert approved.status_code == 200, approved.json
    assert approved.json["status"] == "approved"
    after = call("office", "GET", url).json
    assert (after["due_on"], after["deadline"]) == ("2027-03-11", "2027-03-25")
    listed = call("head_a", "GET", f"{url}/extensions").json["items"]
    assert [e["status"] for e in listed] == ["approved"]


def test_no_extension_on_a_finished_task(app, call, agency):
    task = assign(call, agency).json
    url = f"{URL}/{task['id']}"
    assert call("head_a", "POST", f"{url}/complete", json={"version": 1}).status_code == 200
    refused = call(
        "head_a",
        "POST",
        f"{url}/extensions",
        json={"requested_deadline": "2027-04-01", "reason": "Thêm thời gian"},
    )
    assert refused.status_code == 422
    assert "status" in refused.json["error"]["fields"]
    assert stored(app, TaskExtension) == 0


def test_return_reassign_cancel_reopen(app, call, agency):
    task = assign(call, agency).json
    url = f"{URL}/{task['id']}"
    assert call("head_a", "POST", f"{url}/return", json={"reason": "Sai"}).status_code == 422
    returned = call(
        "head_a", "POST", f"{url}/return", json={"reason": "Không đúng chức năng", "version": 1}
    )
    assert returned.status_code == 200 and returned.json["returned_at"] is not None
    assert call("head_a", "POST", f"{url}/reassign", json={"version": 2}).status_code == 403
    moved = call(
        "office", "POST", f"{url}/reassign", json={"lead_unit_id": agency["b"], "version": 2}
    )
    assert moved.status_code == 200, moved.json
    assert (moved.json["lead_unit_id"], moved.json["returned_at"]) == (agency["b"], None)
    assert moved.json["version"] == 3, moved.json
    cancelled = call("office", "POST", f"{url}/cancel", json={"reason": "Dừng", "version": 3})
    assert cancelled.status_code == 200, cancelled.json
    assert cancelled.json["status"] == "cancelled"
    reopened = call("office", "POST", f"{url}/reopen", json={"reason": "Tiếp tục", "version": 4})
    assert reopened.json["status"] == "not_started"
    assert (
        call("office", "POST", f"{url}/cancel", json={"reason": "", "version": 5}).status_code
        == 422
    )


def test_a_task_list_costs_three_statements(app, call, agency, query_counter):
    for i in range(30):
        assign(call, agency, title=f"Việc {i}", supporter_unit_ids=[agency["b"], agency["a1"]])
    counts = []
    call("office", "GET", "/api/v1/me")
    for size in (20, 100):
        with query_counter() as queries:
            page = call("office", "GET", f"{URL}?page_size={size}")
        assert page.status_code == 200
        assert all(len(t["supporter_unit_ids"]) == 2 for t in page.json["items"])
        counts.append(queries.count)
    assert counts[0] == counts[1] <= 3
