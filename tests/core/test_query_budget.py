"""Every registered admin list view renders in a bounded number of SQL statements, the same for
page size 20 and 100 (the test walks the admin's views, so plugins' views are covered too)."""

import pytest
from sqlalchemy import insert

from core.admin import ModelView
from core.db import db
from core.identity.models import User
from core.identity.passwords import hash_password

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
