"""Plans through the REST API: creating (bad input answered 422 naming the field, nothing
stored), record rules (drafts seen by their editors and approvers only), versions, every status
action with its refusals (409) and permissions (403), numbering, items with cascade and
progress, and lists in three statements whatever their size."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.db import db
from plugins.planning.plans import items, services
from plugins.planning.plans.models import Plan, PlanItem
from tests.plugins.planning import test_plans_services as shared

pytestmark = pytest.mark.plugins("planning")
frozen = shared.frozen

PLANS = "/api/v1/planning/plans"
ITEMS = "/api/v1/planning/plan-items"


def in_request(app, build):
    """Run ``build(session)`` in a request context of its own and commit; its result."""
    with app.test_request_context():
        result = build(db.session)
        db.session.commit()
        return result


@pytest.fixture
def world(app, agency, frozen):
    """The director, the register, and the agency's 2026 programme (a draft of two items):
    their ids, with the agency's."""

    def build(session):
        leader = shared.add_leader(session, agency)
        shared.add_register(session, agency)
        programme = shared.add_programme(session, agency)
        return {
            **agency,
            "leader": leader.id,
            "programme": programme.id,
            "reform": programme.items[0].id,
        }

    return in_request(app, build)


def add_month(app, world, month: int) -> int:
    return in_request(app, lambda s: shared.add_month(s, world, world["programme"], month).id)


@pytest.fixture
def call(client, world, api_token):
    """``call(role, method, url, **kwargs)`` with that role's bearer token ("leader" too)."""
    tokens: dict[str, str] = {}

    def send(role: str, method: str, url: str, **kwargs):
        if role not in tokens:
            tokens[role] = api_token(world[role])
        headers = {"Authorization": f"Bearer {tokens[role]}", **kwargs.pop("headers", {})}
        return client.open(url, method=method, headers=headers, **kwargs)

    return send


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_create_read_and_edit_a_plan(app, call):
    created = call(
        "office",
        "POST",
        PLANS,
        json={"title": "Kế hoạch quý II", "level": "quarter", "year": 2026, "number": 2},
    )
    assert created.status_code == 201, created.json
    plan = created.json
    assert (plan["status"], plan["unit_id"], plan["progress"]) == ("draft", None, 0)
    assert plan["period_label"] == "Quarter II/2026"
    assert created.headers["ETag"] == '"1"'
    url = created.headers["Location"]
    changed = call("office", "PATCH", url, json={"title": "Kế hoạch quý II/2026", "version": 1})
    assert (changed.status_code, changed.json["title"]) == (200, "Kế hoạch quý II/2026")
    stale = call("office", "PATCH", url, json={"title": "Cũ", "version": 1})
    assert (stale.status_code, stale.json["error"]["code"]) == (409, "stale")
    assert call("office", "PATCH", url, json={"title": "Không phiên bản"}).status_code == 422


def test_bad_plans_are_refused_naming_the_field(app, call):
    with app.app_context():
        before = count(Plan)
    bad = [
        ({"title": "Tháng 13", "level": "month", "year": 2026, "number": 13}, "number"),
        ({"title": "Tuần 53", "level": "week", "year": 2027, "number": 53}, "number"),
        ({"title": "", "level": "year", "year": 2026}, "title"),
        ({"title": "Sai cấp", "level": "decade", "year": 2026}, "level"),
        ({"title": "Năm", "level": "year", "year": 1800}, "year"),
        ({"title": "Đơn vị", "level": "year", "year": 2026, "unit_id": 999_999}, "unit_id"),
        ({"title": "Cha", "level": "month", "year": 2026, "parent_id": 999_999}, "parent_id"),
        ({"title": "Thừa", "level": "year", "year": 2026, "owner": "x"}, "owner"),
    ]
    for body, field in bad:
        answer = call("office", "POST", PLANS, json=body)
        assert answer.status_code == 422, (body, answer.json)
        assert field in answer.json["error"]["fields"], (body, answer.json)
    with app.app_context():
        assert count(Plan) == before


def test_who_may_create_which_plans(app, call, agency):
    body = {"title": "Kế hoạch tháng 5", "level": "month", "year": 2026, "number": 5}
    assert call("head_a", "POST", PLANS, json={**body, "unit_id": agency["a"]}).status_code == 201
    refused = call("head_a", "POST", PLANS, json={**body, "unit_id": agency["b"]})
    assert (refused.status_code, refused.json["error"]["code"]) == (403, "forbidden")
    assert call("head_a", "POST", PLANS, json=body).status_code == 403  # the agency's
    assert call("staff_a1", "POST", PLANS, json=body).status_code == 403
    second = {**body, "kind": "programme"}
    made = call("office", "POST", PLANS, json=second)
    assert made.status_code == 201, made.json
    duplicate = call("office", "POST", PLANS, json=second)
    assert duplicate.status_code == 409  # one programme per period and owner


def test_drafts_are_seen_by_their_editors_and_approvers(app, call, world):
    url = f"{PLANS}/{world['programme']}"
    assert call("office", "GET", url).status_code == 200
    assert call("leader", "GET", url).status_code == 200  # approves the agency's plans
    assert call("staff_a1", "GET", url).status_code == 404
    assert call("head_a", "GET", url).status_code == 404
    listed = call("staff_a1", "GET", PLANS).json
    assert listed["total"] == 0
    items_listed = call("staff_a1", "GET", f"{ITEMS}?plan_id={world['programme']}").json
    assert items_listed["total"] == 0


def test_the_status_actions(app, call, world):
    url = f"{PLANS}/{world['programme']}"
    assert call("office", "POST", f"{url}/approve", json={"version": 1}).status_code == 403
    assert call("leader", "POST", f"{url}/publish", json={"version": 1}).status_code == 409
    approved = call("leader", "POST", f"{url}/approve", json={"version": 1})
    assert (approved.status_code, approved.json["status"]) == (200, "approved")
    again = call("leader", "POST", f"{url}/approve", headers={"If-Match": '"2"'}, json={})
    assert (again.status_code, again.json["error"]["fields"]) == (
        409,
        {"status": [again.json["error"]["message"]]},
    )
    no_reason = call("leader", "POST", f"{url}/return", json={"reason": "", "version": 2})
    assert no_reason.status_code == 422
    published = call("office", "POST", f"{url}/publish", json={"version": 2})
    assert (published.status_code, published.json["status"]) == (200, "published")
    staff_sees = call("staff_a1", "GET", url)
    assert staff_sees.status_code == 200  # published: everyone's
    issued = call(
        "office",
        "POST",
        f"{url}/issue",
        json={"signed_on": "2026-01-05", "signer": "Nguyễn Văn Thành", "version": 3},
    )
    assert (issued.status_code, issued.json["document_symbol"]) == (200, "01/CTr-SNV")
    twice = call(
        "office",
        "POST",
        f"{url}/issue",
        json={"signed_on": "2026-01-05", "signer": "Nguyễn Văn Thành", "version": 4},
    )
    assert twice.status_code == 422 and "document_id" in twice.json["error"]["fields"]


def test_items_cascade_and_progress(app, call, world):
    march = add_month(app, world, 3)
    reform_id = world["reform"]
    created = call(
        "office",
        "POST",
        ITEMS,
        json={"plan_id": march, "title": "Kiểm tra công vụ đột xuất", "weight": 2},
    )
    assert created.status_code == 201, created.json
    cascaded = call(
        "office", "POST", f"{ITEMS}/{reform_id}/cascade", json={"plan_id": march, "weight": 3}
    )
    assert cascaded.status_code == 201, cascaded.json
    child = cascaded.json
    assert (child["parent_id"], child["weight"], child["source_number"]) == (
        reform_id,
        3,
        "12/TB-SNV",
    )
    wrong = call(
        "office", "POST", f"{ITEMS}/{reform_id}/cascade", json={"plan_id": world["programme"]}
    )
    assert wrong.status_code == 422 and "plan_id" in wrong.json["error"]["fields"]
    reported = call(
        "office", "POST", f"{ITEMS}/{child['id']}/progress", json={"progress": 60, "version": 1}
    )
    assert (reported.status_code, reported.json["progress"]) == (200, 60)
    computed = call(
        "office", "POST", f"{ITEMS}/{reform_id}/progress", json={"progress": 10, "version": 1}
    )
    assert computed.status_code == 422 and "progress" in computed.json["error"]["fields"]
    year_item = call("office", "GET", f"{ITEMS}/{reform_id}").json
    assert year_item["progress"] == 60
    listed = call("office", "GET", f"{ITEMS}?plan_id={march}&sort=-progress").json
    assert listed["items"][0]["title"] == "Cải cách thủ tục hành chính"
    refused = call("office", "DELETE", f"{ITEMS}/{reform_id}")
    assert refused.status_code == 422  # a month item cascades from it
    assert call("office", "DELETE", f"{ITEMS}/{created.json['id']}").status_code == 204


def test_items_of_unknown_plans_and_bad_items(app, call, world):
    unknown = call("office", "POST", ITEMS, json={"plan_id": 999_999, "title": "x"})
    assert unknown.status_code == 422 and "plan_id" in unknown.json["error"]["fields"]
    for body, field in (
        ({"plan_id": world["programme"], "title": "x", "weight": 0}, "weight"),
        ({"plan_id": world["programme"], "title": "x", "source_kind": "rumour"}, "source_kind"),
        ({"plan_id": world["programme"], "title": "x", "lead_unit_id": 999_999}, "lead_unit_id"),
    ):
        answer = call("office", "POST", ITEMS, json=body)
        assert answer.status_code == 422 and field in answer.json["error"]["fields"], answer.json


def test_lists_cost_three_statements_whatever_their_size(app, call, world, query_counter):
    def build(session):
        office = shared.person(world, "office")
        for n in range(30):
            plan = services.create_plan(
                session,
                title=f"Kế hoạch chuyên đề {n}",
                level="year",
                year=2026,
                unit_id=world["a"],
            )
            items.add_item(session, plan, title=f"Nhiệm vụ {n}", lead_unit_id=world["a"], by=office)

    in_request(app, build)
    for role in ("office", "head_a", "staff_a1"):
        counts = []
        for size in (5, 50):
            for url in (PLANS, ITEMS):
                call(role, "GET", f"{url}?page_size=1")  # the token's first use is noted once
                with query_counter() as queries:
                    answer = call(role, "GET", f"{url}?page_size={size}")
                assert answer.status_code == 200
                counts.append(queries.count)
        assert counts[:2] == counts[2:] and max(counts) <= 3, (role, counts)
    with app.app_context():
        assert count(PlanItem) == 32
