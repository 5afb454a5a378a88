"""The authorization matrix: every back-office route and method × every built-in role, plus
anonymous and a unit head of another unit, against a declared table of outcomes.

API routes have their matrix in ``test_api_authorization``. A route the app serves but the
table does not declare fails the test: a plugin that adds
pages adds its rows here (its own test module may extend ``EXPECTED``).

Columns: anonymous, administrator, office, head_a (head of unit A, which owns the records
the requests name), head_b (head of unit B: another unit), staff_a1 (staff of team A1).
Writes are sent with a valid CSRF token and an empty form, deletes name a missing id, so an
allowed request answers 200 (the form again, with errors), 302/303 (done, or feature off) or
404 (nothing to find), and a refused one 403; anonymous users are sent to the login page.
"""

import re

import pytest

from tests.core.authz import BUILT_IN, ROLES, routes, targets, url_for_rule
from tests.core.authz_rows import merged

pytestmark = pytest.mark.plugins(*BUILT_IN)

# fmt: off
EXPECTED = {
    ("GET", "/account/password"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/core_api/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/core_api_token/"): (302, 200, 200, 200, 200, 200),
    ("POST", "/admin/core_api_token/"): (302, 200, 200, 200, 200, 200),
    ("POST", "/admin/core_api_token/<int:token_id>/revoke"): (302, 404, 404, 404, 404, 404),
    ("GET", "/admin/core_audit/"): (302, 200, 403, 403, 403, 403),
    ("GET", "/admin/core_audit/ajax/lookup/"): (302, 404, 403, 403, 403, 403),
    ("GET", "/admin/core_audit/details/"): (302, 200, 403, 403, 403, 403),
    ("GET", "/admin/core_audit/edit/"): (302, 302, 403, 403, 403, 403),
    ("GET", "/admin/core_audit/export/<export_type>/"): (302, 200, 403, 403, 403, 403),
    ("GET", "/admin/core_audit/new/"): (302, 302, 403, 403, 403, 403),
    ("GET", "/admin/core_calendar/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/core_calendar_day/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/core_calendar_day/ajax/lookup/"): (302, 404, 404, 404, 404, 404),
    ("GET", "/admin/core_calendar_day/details/"): (302, 302, 302, 302, 302, 302),
    ("GET", "/admin/core_calendar_day/edit/"): (302, 200, 403, 403, 403, 403),
    ("GET", "/admin/core_calendar_day/export/<export_type>/"): (302, 302, 302, 302, 302, 302),
    ("GET", "/admin/core_calendar_day/new/"): (302, 200, 403, 403, 403, 403),
    ("POST", "/admin/core_calendar_day/action/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_calendar_day/ajax/update/"): (302, 404, 403, 403, 403, 403),
    ("POST", "/admin/core_calendar_day/delete/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_calendar_day/edit/"): (302, 200, 403, 403, 403, 403),
    ("POST", "/admin/core_calendar_day/new/"): (302, 200, 403, 403, 403, 403),
    ("GET", "/admin/core_inbox/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/core_inbox/preferences"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/core_outbox/"): (302, 200, 403, 403, 403, 403),
    ("GET", "/admin/core_outbox/ajax/lookup/"): (302, 404, 403, 403, 403, 403),
    ("GET", "/admin/core_outbox/details/"): (302, 302, 403, 403, 403, 403),
    ("GET", "/admin/core_outbox/edit/"): (302, 302, 403, 403, 403, 403),
    ("GET", "/admin/core_outbox/export/<export_type>/"): (302, 302, 403, 403, 403, 403),
    ("GET", "/admin/core_outbox/new/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_inbox/preferences"): (302, 303, 303, 303, 303, 303),
    ("POST", "/admin/core_inbox/read"): (302, 303, 303, 303, 303, 303),
    ("POST", "/admin/core_outbox/action/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_outbox/ajax/update/"): (302, 404, 403, 403, 403, 403),
    ("POST", "/admin/core_outbox/delete/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_outbox/edit/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_outbox/new/"): (302, 302, 403, 403, 403, 403),
    ("GET", "/admin/core_membership/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/core_membership/ajax/lookup/"): (302, 404, 404, 404, 404, 404),
    ("GET", "/admin/core_membership/details/"): (302, 302, 302, 302, 302, 302),
    ("GET", "/admin/core_membership/edit/"): (302, 200, 200, 200, 404, 403),
    ("GET", "/admin/core_membership/export/<export_type>/"): (302, 302, 302, 302, 302, 302),
    ("GET", "/admin/core_membership/new/"): (302, 200, 200, 200, 200, 403),
    ("GET", "/admin/core_orgchart/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/core_plugins/"): (302, 200, 403, 403, 403, 403),
    ("GET", "/admin/core_position/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/core_position/ajax/lookup/"): (302, 404, 404, 404, 404, 404),
    ("GET", "/admin/core_position/details/"): (302, 302, 302, 302, 302, 302),
    ("GET", "/admin/core_position/edit/"): (302, 200, 200, 403, 403, 403),
    ("GET", "/admin/core_position/export/<export_type>/"): (302, 302, 302, 302, 302, 302),
    ("GET", "/admin/core_position/new/"): (302, 200, 200, 403, 403, 403),
    ("GET", "/admin/core_role/"): (302, 200, 403, 403, 403, 403),
    ("GET", "/admin/core_role/ajax/lookup/"): (302, 404, 403, 403, 403, 403),
    ("GET", "/admin/core_role/details/"): (302, 200, 403, 403, 403, 403),
    ("GET", "/admin/core_role/edit/"): (302, 200, 403, 403, 403, 403),
    ("GET", "/admin/core_role/export/<export_type>/"): (302, 302, 403, 403, 403, 403),
    ("GET", "/admin/core_role/new/"): (302, 200, 403, 403, 403, 403),
    ("GET", "/admin/core_role_assignment/"): (302, 200, 403, 403, 403, 403),
    ("GET", "/admin/core_role_assignment/ajax/lookup/"): (302, 404, 403, 403, 403, 403),
    ("GET", "/admin/core_role_assignment/details/"): (302, 302, 403, 403, 403, 403),
    ("GET", "/admin/core_role_assignment/edit/"): (302, 200, 403, 403, 403, 403),
    ("GET", "/admin/core_role_assignment/export/<export_type>/"): (302, 302, 403, 403, 403, 403),
    ("GET", "/admin/core_role_assignment/new/"): (302, 200, 403, 403, 403, 403),
    ("GET", "/admin/core_unit/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/core_unit/ajax/lookup/"): (302, 404, 404, 404, 404, 404),
    ("GET", "/admin/core_unit/details/"): (302, 200, 200, 200, 404, 200),
    ("GET", "/admin/core_unit/edit/"): (302, 200, 200, 200, 404, 403),
    ("GET", "/admin/core_unit/export/<export_type>/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/core_unit/new/"): (302, 200, 200, 200, 200, 403),
    ("GET", "/admin/core_user/"): (302, 200, 200, 200, 200, 403),
    ("GET", "/admin/core_user/<id>/password"): (302, 200, 403, 403, 403, 403),
    ("GET", "/admin/core_user/ajax/lookup/"): (302, 404, 404, 404, 404, 403),
    ("GET", "/admin/core_user/details/"): (302, 200, 200, 200, 404, 403),
    ("GET", "/admin/core_user/edit/"): (302, 200, 403, 403, 403, 403),
    ("GET", "/admin/core_user/export/<export_type>/"): (302, 200, 200, 200, 200, 403),
    ("GET", "/admin/core_user/new/"): (302, 302, 403, 403, 403, 403),
    ("GET", "/healthz"): (200, 200, 200, 200, 200, 200),
    ("GET", "/login"): (200, 302, 302, 302, 302, 302),
    ("POST", "/account/password"): (302, 200, 200, 200, 200, 200),
    ("POST", "/admin/core_audit/action/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_audit/ajax/update/"): (302, 404, 403, 403, 403, 403),
    ("POST", "/admin/core_audit/delete/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_audit/edit/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_audit/new/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_membership/action/"): (302, 302, 302, 302, 302, 403),
    ("POST", "/admin/core_membership/ajax/update/"): (302, 404, 404, 404, 404, 403),
    ("POST", "/admin/core_membership/delete/"): (302, 302, 302, 302, 302, 403),
    ("POST", "/admin/core_membership/edit/"): (302, 200, 200, 200, 404, 403),
    ("POST", "/admin/core_membership/new/"): (302, 200, 200, 200, 200, 403),
    ("POST", "/admin/core_plugins/<plugin>/<action>"): (302, 303, 403, 403, 403, 403),
    ("POST", "/admin/core_position/action/"): (302, 302, 302, 403, 403, 403),
    ("POST", "/admin/core_position/ajax/update/"): (302, 404, 404, 403, 403, 403),
    ("POST", "/admin/core_position/delete/"): (302, 302, 302, 403, 403, 403),
    ("POST", "/admin/core_position/edit/"): (302, 200, 200, 403, 403, 403),
    ("POST", "/admin/core_position/new/"): (302, 200, 200, 403, 403, 403),
    ("POST", "/admin/core_role/action/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_role/ajax/update/"): (302, 404, 403, 403, 403, 403),
    ("POST", "/admin/core_role/delete/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_role/edit/"): (302, 200, 403, 403, 403, 403),
    ("POST", "/admin/core_role/new/"): (302, 200, 403, 403, 403, 403),
    ("POST", "/admin/core_role_assignment/action/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_role_assignment/ajax/update/"): (302, 404, 403, 403, 403, 403),
    ("POST", "/admin/core_role_assignment/delete/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_role_assignment/edit/"): (302, 200, 403, 403, 403, 403),
    ("POST", "/admin/core_role_assignment/new/"): (302, 200, 403, 403, 403, 403),
    ("POST", "/admin/core_unit/action/"): (302, 302, 302, 302, 302, 403),
    ("POST", "/admin/core_unit/ajax/update/"): (302, 404, 404, 404, 404, 403),
    ("POST", "/admin/core_unit/delete/"): (302, 302, 302, 302, 302, 403),
    ("POST", "/admin/core_unit/edit/"): (302, 200, 200, 200, 404, 403),
    ("POST", "/admin/core_unit/new/"): (302, 200, 200, 200, 200, 403),
    ("POST", "/admin/core_user/<id>/password"): (302, 200, 403, 403, 403, 403),
    ("POST", "/admin/core_user/action/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_user/ajax/update/"): (302, 404, 403, 403, 403, 403),
    ("POST", "/admin/core_user/delete/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_user/edit/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_user/new/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/locale"): (302, 302, 302, 302, 302, 302),
    ("POST", "/login"): (400, 400, 400, 400, 400, 400),
    ("POST", "/logout"): (302, 302, 302, 302, 302, 302),
}
# fmt: on
EXPECTED.update(merged("EXPECTED"))


def test_every_route_is_declared(app):
    served = {(m, r) for m, r in routes(app) if not r.startswith("/api/")}  # the API has its own
    missing = sorted(served - set(EXPECTED))
    assert not missing, f"declare these routes in EXPECTED: {missing}"
    stale = sorted(set(EXPECTED) - served)
    assert not stale, f"EXPECTED names routes the app no longer serves: {stale}"


@pytest.fixture
def clients(app, agency, login_as):
    signed_in = {}
    for role in ROLES:
        client = app.test_client()
        if role != "anonymous":
            login_as(agency[role], client)
        page = client.get("/admin/" if role != "anonymous" else "/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        signed_in[role] = (client, token)
    return signed_in


def test_the_matrix(app, agency, clients):
    ids = targets(app, agency)
    wrong = []
    for (method, rule), expected in sorted(EXPECTED.items()):
        url = url_for_rule(rule, ids)
        for role, code in zip(ROLES, expected, strict=True):
            client, token = clients[role]
            if method == "GET":
                response = client.get(url)
            else:
                data = {"csrf_token": token}
                if rule.endswith("/delete/"):
                    data["id"] = "999999"
                response = client.post(url, data=data)
            response.get_data()  # let streamed exports finish inside their context
            if response.status_code != code:
                wrong.append(f"{method} {url} as {role}: {response.status_code}, expected {code}")
    assert not wrong, "\n".join(wrong)


def test_a_refused_write_changes_nothing(app, agency, clients):
    from core.db import db
    from core.org.models import Unit

    client, token = clients["head_b"]
    url = f"/admin/core_unit/edit/?id={agency['a1']}"
    data = {
        "code": "A1",
        "name": "Đổi tên",
        "abbreviation": "KT",
        "kind": "team",
        "csrf_token": token,
    }
    assert client.post(url, data=data).status_code == 404
    client, token = clients["staff_a1"]
    assert client.post(url, data={**data, "csrf_token": token}).status_code == 403
    with app.app_context():
        assert db.session.get(Unit, agency["a1"]).name == "Tổ Kiểm tra"


def test_missing_or_wrong_csrf_token_is_refused(app, agency, clients):
    client, _token = clients["office"]
    url = f"/admin/core_unit/edit/?id={agency['a1']}"
    for data in ({}, {"csrf_token": "forged"}):
        assert client.post(url, data={**data, "code": "A1", "name": "X"}).status_code == 400
    assert (
        client.post("/admin/core_unit/delete/", data={"id": str(agency["a1"])}).status_code == 400
    )
    assert (
        client.post(
            "/admin/core_unit/action/", data={"action": "delete", "rowid": [str(agency["a1"])]}
        ).status_code
        == 400
    )
