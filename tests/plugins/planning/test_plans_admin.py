"""Plans in the back office: the list and its record rules, a plan's page with its item tree
and progress bars (in a bounded number of statements), the forms that save through the
services, the status actions, cascading, reporting progress, and the unified search."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from core.db import db
from core.testing import csrf_token
from plugins.planning.plans import items, services
from plugins.planning.plans.models import Plan, PlanItem
from plugins.planning.tasks import services as tasks
from tests.plugins.planning import test_plans_api as api_tests
from tests.plugins.planning import test_plans_services as shared

pytestmark = pytest.mark.plugins("planning")
frozen, world = shared.frozen, api_tests.world
add_month, in_request = api_tests.add_month, api_tests.in_request

LIST = "/admin/planning_plan/"
ITEM_ADMIN = "/admin/planning_plan_item/"


def details(plan_id: int) -> str:
    return f"{LIST}details/?id={plan_id}"


@pytest.fixture
def signed_in(app, world, login_as):
    """``signed_in(role)``: a test client of its own, signed in as that role."""
    return lambda role: login_as(world[role], app.test_client())


def test_the_list_follows_the_record_rules(app, world, signed_in):
    office = signed_in("office").get(LIST).get_data(as_text=True)
    assert "Chương trình công tác năm 2026" in office
    assert 'role="progressbar"' in office
    staff = signed_in("staff_a1").get(LIST).get_data(as_text=True)
    assert "Chương trình công tác năm 2026" not in staff  # a draft: not theirs to see yet
    assert signed_in("staff_a1").get(details(world["programme"])).status_code == 404


def test_a_plans_page_shows_its_item_tree_and_progress(app, world, signed_in, query_counter):
    march = add_month(app, world, 3)

    def cascade(session):
        office = shared.person(world, "office")
        reform = session.get(PlanItem, world["reform"])
        child = items.cascade_item(session, reform, session.get(Plan, march), by=office)
        task = tasks.create_task(
            session,
            title="Rà soát thủ tục cấp tỉnh",
            lead_unit_id=world["a"],
            deadline=date(2026, 3, 31),
            plan_item_id=child.id,
            by=office,
        )
        tasks.report_progress(session, task, progress=50, by=None)

    in_request(app, cascade)
    client = signed_in("office")
    page = client.get(details(world["programme"])).get_data(as_text=True)
    assert "Kế hoạch công tác tháng 3/2026" in page  # the lower plan, and its item in the tree
    assert re.search(r'data-item="\d+" data-depth="1"', page)
    assert "Conclusion notice 12/TB-SNV" in page
    assert 'aria-valuenow="50"' in page  # the month item, from its task
    assert 'aria-valuenow="33"' in page  # the programme: (2 × 50 + 0) / 3
    assert "1/1 done" not in page and "0/1 done" in page
    with query_counter() as few:
        assert client.get(details(world["programme"])).status_code == 200

    def more(session):
        office = shared.person(world, "office")
        for month in (4, 5, 6, 7):
            plan = shared.add_month(session, world, world["programme"], month)
            for source in session.get(Plan, world["programme"]).items:
                items.cascade_item(session, source, plan, by=office)

    in_request(app, more)
    with query_counter() as many:
        assert client.get(details(world["programme"])).status_code == 200
    assert few.count == many.count, (few.statements, many.statements)


def test_creating_a_plan_and_its_items_through_the_forms(app, world, signed_in):
    client = signed_in("office")
    token = csrf_token(client, f"{LIST}new/")
    form = {"csrf_token": token, "title": "Kế hoạch quý II", "kind": "plan", "level": "quarter"}
    refused = client.post(f"{LIST}new/", data={**form, "year": "2026", "number": "5"})
    assert refused.status_code == 200 and "is not a period of level" in refused.get_data(
        as_text=True
    )
    done = client.post(f"{LIST}new/", data={**form, "year": "2026", "number": "2"})
    assert done.status_code == 302
    with app.app_context():
        plans = db.session.scalars(select(Plan.title).order_by(Plan.id)).all()
        quarter = db.session.scalar(select(Plan.id).where(Plan.title == "Kế hoạch quý II"))
    assert plans == ["Chương trình công tác năm 2026", "Kế hoạch quý II"]
    token = csrf_token(client, f"{ITEM_ADMIN}new/?plan_id={quarter}")
    added = client.post(
        f"{ITEM_ADMIN}new/",
        data={
            "csrf_token": token,
            "plan": str(quarter),
            "title": "Tổng kết công tác quý",
            "lead_unit": str(world["a"]),
            "weight": "2",
            "source_kind": "",
        },
    )
    assert added.status_code == 302, added.get_data(as_text=True)
    with app.app_context():
        item = db.session.scalar(select(PlanItem).where(PlanItem.plan_id == quarter))
        assert (item.title, item.weight, item.position) == ("Tổng kết công tác quý", 2, 1)


def test_the_status_actions_from_the_plans_page(app, world, signed_in):
    url = details(world["programme"])
    leader, office = signed_in("leader"), signed_in("office")

    def act(client, action, **fields):
        token = csrf_token(client, "/admin/")
        data = {"csrf_token": token, "id": str(world["programme"]), "action": action, **fields}
        return client.post(f"{LIST}act/", data=data)

    assert act(signed_in("staff_a1"), "approve").status_code == 403
    refused = act(office, "publish")  # a draft
    assert refused.status_code == 303
    assert "only an approved plan is published" in office.get(url).get_data(as_text=True)
    assert act(leader, "approve").status_code == 303
    assert act(office, "publish").status_code == 303
    assert (
        act(office, "issue", signed_on="2026-01-05", signer="Nguyễn Văn Thành").status_code == 303
    )
    page = office.get(url).get_data(as_text=True)
    assert 'data-testid="plan-symbol">No. 01/CTr-SNV' in page
    with app.app_context():
        plan = db.session.get(Plan, world["programme"])
        assert (plan.status, plan.document_symbol) == ("published", "01/CTr-SNV")


def test_cascading_and_reporting_from_the_plans_page(app, world, signed_in):
    march = add_month(app, world, 3)
    client = signed_in("office")
    token = csrf_token(client, details(world["programme"]))
    page = client.get(details(world["programme"])).get_data(as_text=True)
    assert 'data-testid="cascade"' in page  # March is a draft cascading from the programme
    done = client.post(
        f"{ITEM_ADMIN}cascade/",
        data={"csrf_token": token, "id": str(world["reform"]), "plan_id": str(march)},
    )
    assert done.status_code == 303
    with app.app_context():
        child = db.session.scalar(select(PlanItem).where(PlanItem.plan_id == march))
    assert child.parent_id == world["reform"]
    inspection = in_request(app, lambda s: s.get(Plan, world["programme"]).items[1].id)
    head_b = signed_in("head_b")  # leads the inspection item
    token = csrf_token(head_b, "/admin/")
    reported = head_b.post(
        f"{ITEM_ADMIN}progress/",
        data={"csrf_token": token, "id": str(inspection), "progress": "70"},
    )
    assert reported.status_code == 404  # the programme is a draft: head B does not see it
    token = csrf_token(client, "/admin/")
    reported = client.post(
        f"{ITEM_ADMIN}progress/",
        data={"csrf_token": token, "id": str(inspection), "progress": "70"},
    )
    assert reported.status_code == 303
    with app.app_context():
        assert db.session.get(PlanItem, inspection).progress == 70


def found(app, token: str, query: str) -> dict[str, list[str]]:
    headers = {"Authorization": f"Bearer {token}"}
    answer = app.test_client().get(f"/api/v1/search?q={query}", headers=headers)
    return {g["title"]: [h["title"] for h in g["hits"]] for g in answer.json}


def test_plans_and_items_in_the_unified_search(app, world, api_token):
    office = found(app, api_token(world["office"]), "cai cach")
    assert office["Plans"] == ["Cải cách thủ tục hành chính"]  # an item, diacritics ignored
    assert found(app, api_token(world["office"]), "chuong trinh 2026")["Plans"] == [
        "Chương trình công tác năm 2026"
    ]
    assert "Plans" not in found(app, api_token(world["staff_a1"]), "cai cach")  # a draft's


def test_the_lists_cost_three_statements_whatever_their_size(app, world, signed_in, query_counter):
    def build(session):
        office = shared.person(world, "office")
        for n in range(120):
            plan = services.create_plan(
                session,
                title=f"Kế hoạch chuyên đề {n}",
                level="year",
                year=2026,
                unit_id=world["a"],
            )
            items.add_item(session, plan, title=f"Nhiệm vụ {n}", lead_unit_id=world["b"], by=office)

    in_request(app, build)
    for role in ("office", "head_a"):
        client = signed_in(role)
        for view in (LIST, ITEM_ADMIN):
            counts = []
            for size in (20, 100):
                with query_counter() as queries:
                    page = client.get(f"{view}?page_size={size}")
                assert page.status_code == 200
                counts.append(queries.count)
            assert counts[0] == counts[1] <= 3, (role, view, counts)
