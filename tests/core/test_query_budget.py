"""Every registered admin list view and every API list renders in a bounded number of SQL
statements, the same for page size 20 and 100 (the tests walk the admin's views and the API's
routes, so plugins' lists are covered too)."""

import pytest
from sqlalchemy import insert, select

from core.admin import ModelView
from core.db import db
from core.identity.models import User
from core.identity.passwords import hash_password
from core.notifications.models import Notification
from core.org.models import Unit

BUDGET = 3  # the signed-in user, the count and the page


@pytest.mark.plugins("assets", "hello", "meetings", "planning", "reception", "regulations")
def test_every_list_view_has_a_constant_statement_budget(app, agency, admin_client, query_counter):
    with app.app_context():
        hashed = hash_password("correct-horse-battery")
        rows = [
            {"username": f"user{i}", "full_name": f"Người dùng {i}", "password_hash": hashed}
            for i in range(150)
        ]
        db.session.execute(insert(User), rows)
        db.session.commit()
    views = [v for v in app.extensions["admin"][0]._views if isinstance(v, ModelView)]
    assert {v.endpoint for v in views} >= {"core_user", "hello_greeting"}
    for view in views:
        counts = []
        for size in (20, 100):
            with query_counter() as queries:
                response = admin_client.get(f"{view.url}/?page_size={size}")
            assert response.status_code == 200, view.endpoint
            counts.append(queries.count)
        assert counts[0] == counts[1] <= BUDGET, (view.endpoint, counts)


ALL_PLUGINS = ("assets", "hello", "meetings", "planning", "reception", "regulations")


@pytest.mark.plugins(*ALL_PLUGINS)
def test_every_api_list_has_a_constant_statement_budget(app, agency, api_token, query_counter):
    with app.app_context():
        hashed = hash_password("correct-horse-battery")
        db.session.execute(
            insert(User),
            [{"username": f"user{i}", "password_hash": hashed} for i in range(150)],
        )
        root = db.session.get(Unit, agency["root"])
        db.session.execute(
            insert(Unit),
            [
                {
                    "code": f"U{i}",
                    "name": f"Đơn vị {i}",
                    "abbreviation": f"U{i}",
                    "parent_id": root.id,
                    "path": f"{root.path}{1000 + i}/",
                    "id": 1000 + i,
                }
                for i in range(150)
            ],
        )
        db.session.execute(
            insert(Notification),
            [
                {
                    "user_id": agency["administrator"],
                    "type": "core.password_reset",
                    "subject": f"Tin {i}",
                }
                for i in range(150)
            ],
        )
        db.session.commit()
        assert db.session.scalar(select(User.id).where(User.username == "user149"))
    client = app.test_client()
    headers = {"Authorization": f"Bearer {api_token(agency['administrator'])}"}
    client.get("/api/v1/me", headers=headers)  # the token's last use is noted once a minute
    lists = sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/") and "GET" in rule.methods and "<" not in rule.rule
    )
    assert {"/api/v1/users", "/api/v1/hello/greetings", "/api/v1/me/notifications"} <= set(lists)
    for url in lists:
        counts = []
        for size in (20, 100):
            with query_counter() as queries:
                response = client.get(f"{url}?page_size={size}", headers=headers)
            if response.status_code == 422:  # not paged (the tree, plugins, me, the document)
                assert "page_size" in response.json["error"]["fields"], url
                with query_counter() as queries:
                    response = client.get(url, headers=headers)
            if response.status_code == 422:  # needs arguments: a query, not a list of records
                break
            assert response.status_code == 200, (url, response.json)
            counts.append(queries.count)
            items = response.json.get("items") if isinstance(response.json, dict) else None
            if items is not None and response.json["total"] > size:
                assert len(items) == size, url
        assert not counts or counts[0] == counts[1] <= BUDGET, (url, counts)
