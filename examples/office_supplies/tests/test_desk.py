"""The requests desk in the back office: a unit files a request in a form, the office approves
part of it and issues it; each page and step needs its permission."""

import re

import pytest

from core.testing import csrf_token


@pytest.fixture
def signed_in(app, agency, login_as):
    """``signed_in(name)`` → a test client signed in as that person."""
    return lambda name: login_as(agency[name], app.test_client())


def post(client, url: str, **data: str):
    return client.post(url, data={"csrf_token": csrf_token(client, "/admin/"), **data})


def test_a_request_from_the_form_to_the_hand_over(signed_in, agency, items, stock):
    staff = signed_in("staff_a")
    form = staff.get("/admin/supplies_requests/new").get_data(as_text=True)
    assert "Phòng Cải cách hành chính" in form and "Thanh tra Sở" not in form
    sent = post(
        staff,
        "/admin/supplies_requests/new",
        unit_id=str(agency["a"]),
        purpose="Hội nghị sơ kết",
        **{f"qty-{items['GA4']}": "6", f"qty-{items['BB']}": "2", f"qty-{items['GHIM']}": ""},
    )
    assert sent.status_code == 303
    url = sent.headers["Location"]
    request_id = int(re.search(r"/(\d+)$", url).group(1))
    page = staff.get(url).get_data(as_text=True)
    assert "Hội nghị sơ kết" in page and "submitted" in page
    assert f"/{request_id}/approve" not in page  # the office decides, not the unit

    office = signed_in("office")
    listed = office.get("/admin/supplies_requests/?status=submitted").get_data(as_text=True)
    assert f'data-request="{request_id}"' in listed
    approved = post(
        office,
        f"/admin/supplies_requests/{request_id}/approve",
        **{f"approved-{items['GA4']}": "4", f"approved-{items['BB']}": "2"},
    )
    assert approved.status_code == 303
    assert 'data-testid="status">approved<' in office.get(url).get_data(as_text=True)
    assert post(office, f"/admin/supplies_requests/{request_id}/issue").status_code == 303
    assert (stock(items["GA4"]), stock(items["BB"])) == (46, 3)
    assert 'data-testid="status">issued<' in staff.get(url).get_data(as_text=True)


def test_a_refused_step_is_a_message_and_changes_nothing(signed_in, ask, items, stock):
    made = ask(GHIM=3)  # one box in stock
    office = signed_in("office")
    url = f"/admin/supplies_requests/{made['id']}"
    post(office, f"{url}/approve")
    refused = post(office, f"{url}/issue")
    assert refused.status_code == 303
    page = office.get(url).get_data(as_text=True)
    assert "Not enough Ghim bấm in stock" in page and 'data-testid="status">approved<' in page
    assert stock(items["GHIM"]) == 1


@pytest.mark.parametrize(
    ("who", "page", "method", "status"),
    [
        ("staff_a", "/{id}/approve", "POST", 403),
        ("staff_a", "/{id}/issue", "POST", 403),
        ("head_a", "/{id}/reject", "POST", 403),
        ("head_b", "/{id}", "GET", 404),
        ("head_b", "/{id}/cancel", "POST", 404),
        ("staff_a", "/{id}", "GET", 200),
        ("office", "/{id}", "GET", 200),
        ("admin", "/", "GET", 200),
    ],
)
def test_who_may_use_each_page(signed_in, ask, who, page, method, status):
    made = ask()
    client = signed_in(who)
    url = "/admin/supplies_requests" + page.format(id=made["id"])
    answer = client.get(url) if method == "GET" else post(client, url)
    assert answer.status_code == status


def test_signed_out_people_are_sent_to_sign_in(app):
    answer = app.test_client().get("/admin/supplies_requests/")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]


def test_ids_out_of_range_are_not_found_never_a_server_error(signed_in, items):
    office = signed_in("office")
    for url in (
        "/admin/supplies_requests/99999999999",
        "/admin/supplies_item/receive/?id=99999999999",
        "/admin/supplies_item/receive/?id=abc",
    ):
        assert office.get(url).status_code == 404, url
    sent = post(
        office,
        "/admin/supplies_requests/new",
        unit_id="99999999999",
        **{f"qty-{items['GA4']}": "1"},
    )
    assert sent.status_code == 200
    assert "Unit: does not exist." in sent.get_data(as_text=True)
