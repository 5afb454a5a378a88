"""Login, logout and the back office's gate (roles come with the identity issue)."""

import re

import pytest
from sqlalchemy import select

from core.db import db
from core.identity.models import User
from core.identity.services import IdentityError, create_user
from core.testing import csrf_token

PASSWORD = "correct-horse-battery"


def sign_in(client, username, password=PASSWORD, next_url=""):
    token = csrf_token(client, "/login")
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token, "next": next_url},
    )


def test_admin_requires_login(client):
    response = client.get("/admin/core_plugins/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/admin/core_plugins/")


def test_password_is_stored_as_argon2id(app, make_user):
    make_user("an", PASSWORD)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "an"))
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash


def test_login_logout_round_trip(client, make_user):
    make_user("an", PASSWORD, superuser=True)
    response = sign_in(client, "AN", next_url="/admin/core_plugins/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/core_plugins/"
    page = client.get("/admin/core_plugins/")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    assert "Cookie" in page.headers["Vary"]

    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/admin/core_plugins/").status_code == 302


def test_wrong_password_and_inactive_user_are_refused(client, make_user):
    make_user("an", PASSWORD)
    make_user("binh", PASSWORD, active=False)
    assert sign_in(client, "an", "wrong-password-123").status_code == 401
    assert sign_in(client, "binh").status_code == 401
    assert sign_in(client, "nobody").status_code == 401
    assert client.get("/admin/").status_code == 302


def test_login_without_csrf_token_is_refused(client, make_user):
    make_user("an", PASSWORD)
    response = client.post("/login", data={"username": "an", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/admin/").status_code == 302


def test_logout_needs_a_post_with_csrf(client, make_user, login_as):
    login_as(make_user("an", PASSWORD, superuser=True))
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "javascript:alert(1)",
        "admin",
    ],
)
def test_unsafe_next_goes_home(client, make_user, target):
    make_user("an", PASSWORD)
    response = sign_in(client, "an", next_url=target)
    assert response.headers["Location"] == "/admin/"


def test_signed_in_user_without_permission_gets_403(client, make_user, login_as):
    login_as(make_user("an", PASSWORD))
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/core_plugins/").status_code == 403
    assert client.get("/admin/core_user/").status_code == 403
    token = csrf_token(client, "/admin/")
    refused = client.post("/admin/core_plugins/hello/enable", data={"csrf_token": token})
    assert refused.status_code == 403


def test_duplicate_username_and_short_password_are_refused(app):
    with app.app_context():
        create_user(db.session, "An", PASSWORD)
        with pytest.raises(IdentityError, match="already taken"):
            create_user(db.session, "an", PASSWORD)
        with pytest.raises(IdentityError, match="at least 12"):
            create_user(db.session, "binh", "short")
