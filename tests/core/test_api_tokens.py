"""Personal API tokens: shown once, stored hashed, expiring, revocable, read-only on request,
and never stronger than their user is at the moment of the call; and the browser session as
the other way in, with its CSRF token."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import delete, select

from core.api.models import ApiToken
from core.db import db
from core.identity.models import RoleAssignment, User
from core.testing import csrf_token
from core.text import digest


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_token_acts_as_its_user_until_revoked(app, agency, client, api_token):
    token = api_token(agency["office"])
    me = client.get("/api/v1/me", headers=bearer(token))
    assert me.status_code == 200 and me.json["username"] == "vanphong"
    with app.app_context():
        record = db.session.scalar(select(ApiToken))
        assert record.token_hash == digest(token) and token not in str(record.__dict__)
        assert record.last_used_at is not None
        record.revoked_at = datetime.now(UTC)
        db.session.commit()
    refused = client.get("/api/v1/me", headers=bearer(token))
    assert refused.status_code == 401 and refused.json["error"]["code"] == "unauthorized"


def test_a_token_expires(agency, client, api_token):
    token = api_token(agency["office"], days=30)
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200
    with time_machine.travel(datetime.now(UTC) + timedelta(days=30, minutes=1)):
        assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_a_token_follows_its_user(app, agency, client, api_token):
    token = api_token(agency["head_a"])
    assert client.get("/api/v1/users", headers=bearer(token)).status_code == 200
    with app.app_context():
        db.session.execute(delete(RoleAssignment).where(RoleAssignment.user_id == agency["head_a"]))
        db.session.commit()
    assert client.get("/api/v1/users", headers=bearer(token)).status_code == 403
    with app.app_context():
        db.session.get(User, agency["head_a"]).active = False
        db.session.commit()
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_a_read_only_token_only_reads(agency, client, api_token):
    token = api_token(agency["office"], read_only=True)
    assert client.get("/api/v1/units", headers=bearer(token)).status_code == 200
    body = {"code": "Q", "name": "Q", "abbreviation": "Q"}
    refused = client.post("/api/v1/units", headers=bearer(token), json=body)
    assert refused.status_code == 403 and refused.json["error"]["code"] == "read_only_token"


def test_made_up_tokens_and_other_schemes_are_refused(agency, client, api_token):
    api_token(agency["office"])
    for header in ("Bearer vp_made-up", "Bearer ", "Bearer " + "x" * 5000, "Basic dXNlcjpwdw=="):
        response = client.get("/api/v1/me", headers={"Authorization": header})
        assert response.status_code == 401, header


def test_a_token_opens_the_api_only(agency, client, api_token):
    token = api_token(agency["administrator"])
    response = client.get("/admin/core_user/", headers=bearer(token))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_bearer_header_overrides_the_browser_session(agency, client, login_as):
    login_as(agency["office"], client)
    assert client.get("/api/v1/me").status_code == 200
    assert client.get("/api/v1/me", headers=bearer("vp_made-up")).status_code == 401


def test_session_calls_carry_the_csrf_token(agency, client, login_as):
    login_as(agency["office"], client)
    body = {"code": "Q", "name": "Phòng Q", "abbreviation": "Q"}
    refused = client.post("/api/v1/units", json=body)
    assert refused.status_code == 400 and "CSRF" in refused.json["error"]["message"]
    token = csrf_token(client, "/admin/")
    created = client.post("/api/v1/units", json=body, headers={"X-CSRFToken": token})
    assert created.status_code == 201


def test_tokens_are_made_shown_once_and_revoked_in_the_back_office(app, agency, make_app, login_as):
    client = login_as(agency["staff_a1"], app.test_client())
    page = "/admin/core_api_token/"
    answer = client.post(
        page,
        data={"csrf_token": csrf_token(client, page), "name": "Cổng dịch vụ", "days": "90"},
    ).get_data(as_text=True)
    token = re.search(r"(vp_[A-Za-z0-9_-]{40,})", answer).group(1)
    assert client.get("/api/v1/me", headers=bearer(token)).json["username"] == "nhanvien"
    listing = client.get(page).get_data(as_text=True)
    assert "Cổng dịch vụ" in listing and token not in listing and token[:10] in listing
    with app.app_context():
        token_id = db.session.scalar(select(ApiToken.id))
    other = login_as(agency["office"], app.test_client())
    assert token[:10] not in other.get(page).get_data(as_text=True)
    revoke = f"/admin/core_api_token/{token_id}/revoke"
    assert other.post(revoke, data={"csrf_token": csrf_token(other, page)}).status_code == 404
    administrator = login_as(agency["administrator"], app.test_client())
    assert token[:10] in administrator.get(page).get_data(as_text=True)  # sees everyone's
    assert client.post(revoke, data={"csrf_token": csrf_token(client, page)}).status_code == 303
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401
