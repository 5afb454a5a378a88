"""The REST API through the real app: paging, filters, record rules, the error format, bad
input that changes nothing, lost-update protection, and the language of messages."""

from __future__ import annotations

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select, text

from core.db import db
from core.org.models import Unit


@pytest.fixture
def bearer(agency, api_token):
    """``bearer(role)``: the Authorization header of a token for one of the agency's users."""
    made = {}

    def header(role: str) -> dict[str, str]:
        if role not in made:
            made[role] = {"Authorization": f"Bearer {api_token(agency[role])}"}
        return made[role]

    return header


def snapshot(app) -> dict[str, list]:
    """Every row of the tables the API writes (and the audit log), to show nothing changed."""
    with app.app_context():
        return {
            table: [tuple(row) for row in db.session.execute(text(f"SELECT * FROM {table}"))]  # noqa: S608
            for table in ("core_unit", "core_position", "core_user", "core_audit")
        }


def test_lists_page_filter_sort_and_search_ignoring_diacritics(client, bearer):
    office = bearer("office")
    everyone = client.get("/api/v1/users?page_size=2&sort=-username", headers=office).json
    assert everyone["total"] == 5 and everyone["page_size"] == 2
    assert [u["username"] for u in everyone["items"]] == ["vanphong", "truongb"]
    last = client.get("/api/v1/users?page_size=2&page=3&sort=-username", headers=office).json
    assert [u["username"] for u in last["items"]] == ["nhanvien"]
    found = client.get("/api/v1/users?q=nguyen%20tam", headers=office).json["items"]
    assert [u["full_name"] for u in found] == ["Nguyễn Thị Tâm"]
    found = client.get("/api/v1/units?q=cai%20cach", headers=office).json["items"]
    assert [u["code"] for u in found] == ["A"]
    teams = client.get("/api/v1/units?kind=team", headers=office).json["items"]
    assert [u["code"] for u in teams] == ["A1"]
    assert "password" not in str(everyone) and "password_hash" not in everyone["items"][0]


def test_a_unit_head_reaches_only_their_units(client, agency, bearer):
    head_a = bearer("head_a")
    names = {u["username"] for u in client.get("/api/v1/users", headers=head_a).json["items"]}
    assert names == {"truonga", "nhanvien"}
    assert client.get(f"/api/v1/users/{agency['head_b']}", headers=head_a).status_code == 404
    assert client.get(f"/api/v1/units/{agency['b']}", headers=head_a).status_code == 404
    tree = client.get("/api/v1/units/tree", headers=head_a).json
    assert [(u["code"], [c["code"] for c in u["children"]]) for u in tree] == [("A", ["A1"])]
    response = client.patch(
        f"/api/v1/units/{agency['b']}", headers=head_a, json={"name": "X", "version": 1}
    )
    assert response.status_code == 404


def test_writes_need_the_manage_permission(client, agency, bearer):
    staff = bearer("staff_a1")
    response = client.post(
        "/api/v1/units", headers=staff, json={"code": "Z", "name": "Z", "abbreviation": "Z"}
    )
    assert response.status_code == 403
    assert response.json["error"]["code"] == "forbidden"
    assert "core.unit.manage" in response.json["error"]["message"]
    office = bearer("office")
    body = {"username": "moi", "password": "a-long-enough-passphrase"}
    assert client.post("/api/v1/users", headers=office, json=body).status_code == 403


def _bad_requests(agency):
    root = agency["root"]
    long_name = "x" * 256
    return [
        # (method, url, json body or raw text, status, offending field)
        ("POST", "/api/v1/units", {"code": 5, "name": "A", "abbreviation": "A"}, 422, "code"),
        ("POST", "/api/v1/units", {"name": "A", "abbreviation": "A"}, 422, "code"),
        (
            "POST",
            "/api/v1/units",
            {"code": "Q", "name": "Q", "abbreviation": "Q", "x": 1},
            422,
            "x",
        ),
        (
            "POST",
            "/api/v1/units",
            {"code": "Q", "name": long_name, "abbreviation": "Q"},
            422,
            "name",
        ),
        ("POST", "/api/v1/units", {"code": "Q", "name": "Q\x00", "abbreviation": "Q"}, 422, "name"),
        (
            "POST",
            "/api/v1/units",
            {"code": "Q", "name": "Q", "abbreviation": "Q", "parent_id": "1"},
            422,
            "parent_id",
        ),
        (
            "POST",
            "/api/v1/units",
            {"code": "Q", "name": "Q", "abbreviation": "Q", "parent_id": 10**12},
            422,
            "parent_id",
        ),
        (
            "POST",
            "/api/v1/units",
            {"code": "Q", "name": "Q", "abbreviation": "Q", "parent_id": 999999},
            422,
            "parent_id",
        ),
        (
            "POST",
            "/api/v1/units",
            {"code": "Q", "name": "Q", "abbreviation": "Q", "kind": "club"},
            422,
            "kind",
        ),
        ("POST", "/api/v1/units", "{not json", 400, "body"),
        ("POST", "/api/v1/units", "[1, 2]", 422, "body"),
        (
            "POST",
            "/api/v1/units",
            {"code": "A", "name": "Q", "abbreviation": "Q", "parent_id": root},
            409,
            "code",
        ),
        (
            "PATCH",
            f"/api/v1/units/{agency['a']}",
            {"parent_id": agency["a1"], "version": 2},
            422,
            "parent_id",
        ),
        ("PATCH", f"/api/v1/units/{agency['a']}", {"name": "Đổi"}, 422, "version"),
        ("PATCH", f"/api/v1/units/{agency['a']}", {"name": "Đổi", "version": 1}, 409, "version"),
        ("POST", "/api/v1/users", {"username": "moi", "password": "short"}, 422, "password"),
        (
            "POST",
            "/api/v1/users",
            {"username": "quantri", "password": "a-long-enough-passphrase"},
            409,
            "username",
        ),
        (
            "POST",
            "/api/v1/users",
            {"username": "m", "password": "a-long-enough-passphrase", "email": "no-at"},
            422,
            "username",
        ),
        ("GET", "/api/v1/users?page=-1", None, 422, "page"),
        ("GET", f"/api/v1/users?page={10**9}", None, 422, "page"),
        ("GET", "/api/v1/users?page_size=101", None, 422, "page_size"),
        ("GET", "/api/v1/users?sort=password_hash", None, 422, "sort"),
        ("GET", "/api/v1/users?password_hash=x", None, 422, "password_hash"),
        ("GET", "/api/v1/users?q=%00", None, 422, "q"),
        ("GET", "/api/v1/users?active=maybe", None, 422, "active"),
        ("POST", "/api/v1/me/notifications/read", {"ids": [1, "two"]}, 422, "ids.1"),
    ]


def test_bad_input_names_the_field_and_changes_nothing(app, agency, client, bearer):
    headers = bearer("administrator")
    before = snapshot(app)
    wrong = []
    for method, url, body, status, field in _bad_requests(agency):
        if isinstance(body, str):
            response = client.open(
                url, method=method, headers=headers, data=body, content_type="application/json"
            )
        else:
            response = client.open(url, method=method, headers=headers, json=body)
        error = (response.json or {}).get("error", {})
        if response.status_code != status or field not in error.get("fields", {}):
            wrong.append(f"{method} {url} {body!r}: {response.status_code} {response.json}")
        elif not error["message"] or error["code"] not in (
            "invalid",
            "bad_request",
            "conflict",
            "stale",
        ):
            wrong.append(f"{method} {url}: {error}")
    assert not wrong, "\n".join(wrong)
    assert snapshot(app) == before


def test_unknown_routes_and_methods_answer_in_the_error_format(client, bearer):
    headers = bearer("office")
    missing = client.get("/api/v1/nothing-here", headers=headers)
    assert missing.status_code == 404 and missing.json["error"]["code"] == "not_found"
    assert client.get(f"/api/v1/units/{2**31}", headers=headers).status_code == 404
    wrong = client.put("/api/v1/units", headers=headers, json={})
    assert wrong.status_code == 405 and "GET" in wrong.headers["Allow"]
    anonymous = client.get("/api/v1/users")
    assert anonymous.status_code == 401
    assert anonymous.headers["WWW-Authenticate"].startswith("Bearer")
    assert anonymous.json["error"]["code"] == "unauthorized"


def test_an_update_names_its_version_and_a_stale_one_changes_nothing(app, agency, client, bearer):
    headers = bearer("office")
    url = f"/api/v1/units/{agency['a1']}"
    read = client.get(url, headers=headers)
    etag, version = read.headers["ETag"], read.json["version"]
    assert etag == f'"{version}"'
    first = client.patch(url, headers={**headers, "If-Match": etag}, json={"name": "Tổ Một"})
    assert first.status_code == 200 and first.json["version"] == version + 1
    assert first.headers["ETag"] == f'"{version + 1}"'
    stale = client.patch(url, headers={**headers, "If-Match": etag}, json={"name": "Tổ Hai"})
    assert stale.status_code == 409 and stale.json["error"]["code"] == "stale"
    stale = client.patch(url, headers=headers, json={"name": "Tổ Hai", "version": version})
    assert stale.status_code == 409
    with app.app_context():
        assert db.session.get(Unit, agency["a1"]).name == "Tổ Một"
    fresh = client.patch(url, headers=headers, json={"name": "Tổ Hai", "version": version + 1})
    assert fresh.status_code == 200 and fresh.json["name"] == "Tổ Hai"


def test_a_unit_head_creates_units_only_below_their_own(app, agency, client, bearer):
    head_a = bearer("head_a")
    outside = {"code": "B9", "name": "Tổ B9", "abbreviation": "B9", "parent_id": agency["b"]}
    response = client.post("/api/v1/units", headers=head_a, json=outside)
    assert response.status_code == 422 and "parent_id" in response.json["error"]["fields"]
    inside = {"code": "A9", "name": "Tổ A9", "abbreviation": "A9", "parent_id": agency["a"]}
    created = client.post("/api/v1/units", headers=head_a, json=inside)
    assert created.status_code == 201
    assert created.headers["Location"].endswith(f"/api/v1/units/{created.json['id']}")
    with app.app_context():
        codes = set(db.session.scalars(select(Unit.code)))
    assert "A9" in codes and "B9" not in codes


def test_users_are_created_and_changed_through_the_services(app, agency, client, bearer):
    admin = bearer("administrator")
    body = {"username": "Moi.Nguoi", "password": "a-long-enough-passphrase", "full_name": "Mới"}
    created = client.post("/api/v1/users", headers=admin, json=body)
    assert created.status_code == 201 and created.json["username"] == "moi.nguoi"
    assert "password" not in created.json
    url, version = f"/api/v1/users/{created.json['id']}", created.json["version"]
    bad = client.patch(url, headers=admin, json={"email": "no-at-sign", "version": version})
    assert bad.status_code == 422 and "email" in bad.json["error"]["fields"]
    off = client.patch(url, headers=admin, json={"active": False, "version": version})
    assert off.status_code == 200 and off.json["active"] is False


def test_messages_follow_the_request_language(app, client, bearer):
    headers = bearer("office")
    answers = {}
    for language in ("vi", "en"):
        response = client.get(
            "/api/v1/users?colour=red", headers={**headers, "Accept-Language": language}
        )
        answers[language] = response.json["error"]["fields"]["colour"][0]
    with app.test_request_context(), force_locale("vi"):
        expected_vi = gettext("Unknown field.")
    assert answers == {"vi": expected_vi, "en": "Unknown field."}
    assert expected_vi != "Unknown field."


def test_my_notifications_are_mine_alone(app, agency, client, bearer):
    from core.notifications.services import notify

    with app.app_context():
        notify([agency["office"]], "core.password_reset", "Cho văn phòng", "", "")
        notify([agency["head_a"]], "core.password_reset", "Cho trưởng phòng", "", "")
        db.session.commit()
    office = bearer("office")
    mine = client.get("/api/v1/me/notifications?unread=true", headers=office).json
    assert [n["subject"] for n in mine["items"]] == ["Cho văn phòng"]
    theirs = client.get("/api/v1/me/notifications", headers=bearer("head_a")).json["items"][0]
    assert client.get(f"/api/v1/me/notifications/{theirs['id']}", headers=office).status_code == 404
    marked = client.post(
        "/api/v1/me/notifications/read", headers=office, json={"ids": [theirs["id"]]}
    )
    assert marked.json == {"marked": 0}
    assert client.post("/api/v1/me/notifications/read", headers=office, json={}).json == {
        "marked": 1
    }
    assert client.get("/api/v1/me", headers=office).json["unread_notifications"] == 0


def test_audit_and_plugins_are_for_administrators(client, bearer):
    assert client.get("/api/v1/audit", headers=bearer("office")).status_code == 403
    entries = client.get("/api/v1/audit?action=create&sort=-at", headers=bearer("administrator"))
    assert entries.status_code == 200 and entries.json["total"] > 0
    assert client.get("/api/v1/plugins", headers=bearer("head_a")).status_code == 403
    plugins = client.get("/api/v1/plugins", headers=bearer("administrator")).json
    assert {"planning", "meetings"} <= {p["name"] for p in plugins}
    assert client.get("/api/v1/plugins/nope", headers=bearer("administrator")).status_code == 404
