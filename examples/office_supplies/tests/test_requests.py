"""A request's life through the REST API: submitted by a unit, approved (possibly in part) or
rejected by the office, issued, with the stock going down and never below zero."""

import threading
from concurrent.futures import ThreadPoolExecutor


def lines_of(request: dict) -> dict[str, tuple[int, int | None]]:
    return {line["code"]: (line["quantity"], line["approved"]) for line in request["lines"]}


def test_a_unit_asks_the_office_approves_in_part_and_issues(api, ask, items, stock):
    made = ask()
    assert made["status"] == "submitted" and made["unit"] == "Phòng Cải cách hành chính"
    assert lines_of(made) == {"GA4": (10, None), "BB": (2, None)}
    assert ("supplies.request_submitted", f"Office supplies requested: #{made['id']}") in api(
        "office"
    ).inbox()

    office = api("office")
    approved = office.post(
        f"/requests/{made['id']}/approve",
        {"lines": [{"item_id": items["BB"], "approved": 1}], "note": "Còn ít bút"},
    )
    assert approved.status_code == 200, approved.get_json()
    assert lines_of(approved.get_json()) == {"GA4": (10, 10), "BB": (2, 1)}
    assert (
        "supplies.request_decided",
        f"Your office supplies request #{made['id']} was approved in part",
    ) in api("staff_a").inbox()

    issued = office.post(f"/requests/{made['id']}/issue")
    assert issued.status_code == 200 and issued.get_json()["status"] == "issued"
    assert (stock(items["GA4"]), stock(items["BB"])) == (40, 4)
    assert api("staff_a").inbox()[0][0] == "supplies.request_issued"

    again = office.post(f"/requests/{made['id']}/issue")
    assert again.status_code == 409 and "status" in again.get_json()["error"]["fields"]
    assert (stock(items["GA4"]), stock(items["BB"])) == (40, 4)


def test_issuing_more_than_the_stock_is_refused_and_changes_nothing(api, ask, items, stock):
    made = ask(GHIM=2, GA4=5)  # one box of staples in stock
    office = api("office")
    assert office.post(f"/requests/{made['id']}/approve").status_code == 200
    refused = office.post(f"/requests/{made['id']}/issue")
    assert refused.status_code == 422
    assert (
        "Not enough Ghim bấm in stock: 1 hộp left, 2 to issue."
        in refused.get_json()["error"]["fields"]["lines"]
    )
    assert office.get(f"/requests/{made['id']}").get_json()["status"] == "approved"
    assert (stock(items["GHIM"]), stock(items["GA4"])) == (1, 50)  # the paper was not taken

    office.post(f"/items/{items['GHIM']}/receive", {"quantity": 1})
    assert office.post(f"/requests/{made['id']}/issue").status_code == 200
    assert (stock(items["GHIM"]), stock(items["GA4"])) == (0, 45)


def test_two_approved_requests_cannot_both_take_the_last_boxes(api, ask, items, stock):
    office = api("office")
    first, second = ask(BB=4), ask(BB=3)
    for made in (first, second):
        assert office.post(f"/requests/{made['id']}/approve").status_code == 200
    assert office.post(f"/requests/{first['id']}/issue").status_code == 200
    assert office.post(f"/requests/{second['id']}/issue").status_code == 422
    assert stock(items["BB"]) == 1


def test_what_a_request_may_ask(api, agency, items):
    staff = api("staff_a")

    def refused(body: dict) -> dict:
        answer = staff.post("/requests", {"unit_id": agency["a"], **body})
        assert answer.status_code == 422, answer.get_json()
        return answer.get_json()["error"]["fields"]

    line = {"item_id": items["GA4"], "quantity": 1}
    assert "lines" in refused({"lines": []})
    assert "lines" in refused({"lines": [line, line]})
    assert "lines.0.quantity" in refused({"lines": [{**line, "quantity": 0}]})
    assert "lines" in refused({"lines": [{"item_id": 999999, "quantity": 1}]})
    assert "needed_on" in refused({"lines": [line], "needed_on": "2000-01-01"})
    other_unit = staff.post("/requests", {"unit_id": agency["b"], "lines": [line]})
    assert other_unit.status_code == 422 and "unit_id" in other_unit.get_json()["error"]["fields"]
    assert staff.get("/requests").get_json()["total"] == 0


def test_what_the_office_may_approve(api, ask, items):
    office, made = api("office"), ask()
    url = f"/requests/{made['id']}/approve"

    def refused(lines: list) -> int:
        return office.post(url, {"lines": lines}).status_code

    assert refused([{"item_id": items["GA4"], "approved": 11}]) == 422  # more than asked
    assert refused([{"item_id": items["GHIM"], "approved": 1}]) == 422  # not in the request
    zero = [{"item_id": items["GA4"], "approved": 0}, {"item_id": items["BB"], "approved": 0}]
    assert refused(zero) == 422  # that is a rejection
    assert api("staff_a").post(url).status_code == 403
    assert api("head_a").post(url).status_code == 403
    assert office.get(f"/requests/{made['id']}").get_json()["status"] == "submitted"


def test_a_rejection_says_why_and_the_unit_may_cancel_before_issue(api, ask):
    office = api("office")
    made = ask()
    no_reason = office.post(f"/requests/{made['id']}/reject", {"note": ""})
    assert no_reason.status_code == 422
    rejected = office.post(f"/requests/{made['id']}/reject", {"note": "Đã cấp đủ quý này"})
    assert rejected.get_json()["status"] == "rejected"
    assert api("staff_a").inbox()[0] == (
        "supplies.request_decided",
        f"Your office supplies request #{made['id']} was rejected: Đã cấp đủ quý này",
    )
    assert office.post(f"/requests/{made['id']}/approve").status_code == 409

    other = ask()
    assert api("head_b").post(f"/requests/{other['id']}/cancel").status_code == 404
    cancelled = api("head_a").post(f"/requests/{other['id']}/cancel")
    assert cancelled.get_json()["status"] == "cancelled"


def test_people_see_their_units_requests_the_office_sees_all(api, ask):
    mine = ask()
    theirs = ask(who="head_b", unit="b")
    assert [r["id"] for r in api("staff_a").get("/requests").get_json()["items"]] == [mine["id"]]
    assert api("staff_a").get(f"/requests/{theirs['id']}").status_code == 404
    office = api("office").get("/requests?sort=created_at").get_json()["items"]
    assert [r["id"] for r in office] == [mine["id"], theirs["id"]]
    waiting = api("office").get("/requests?status=submitted").get_json()
    assert waiting["total"] == 2
    assert api("office").get("/requests?status=lost").status_code == 422


def test_request_lists_cost_three_statements(app, api, ask, query_counter):
    for _ in range(4):
        ask()
    office = api("office")
    office.get("/requests")  # the token's first use today records it: not part of a list
    with query_counter() as counted:
        answer = office.get("/requests?page_size=50")
    assert answer.status_code == 200 and len(answer.get_json()["items"]) == 4
    assert counted.count <= 3, counted.statements


def test_two_clerks_issuing_at_once_never_take_more_than_the_stock(api, ask, items, stock):
    """Both requests want most of the five boxes of pens; issued at the same moment, one wins
    and the other is refused: the conditional UPDATE is checked against the stock as it is."""
    office = api("office")
    requests = [ask(BB=4), ask(BB=3)]
    for made in requests:
        assert office.post(f"/requests/{made['id']}/approve").status_code == 200
    clerks = [api("office"), api("office")]
    start = threading.Barrier(2)

    def issue(clerk, made) -> int:
        start.wait(timeout=30)
        return clerk.post(f"/requests/{made['id']}/issue").status_code

    with ThreadPoolExecutor(2) as pool:
        answers = sorted(pool.map(issue, clerks, requests))
    assert answers == [200, 422]
    assert stock(items["BB"]) in (1, 2)
