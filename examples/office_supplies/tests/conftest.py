"""A small agency for the office-supplies tests, built through VanPhong's public services.

Every other fixture (``make_app``, ``app``, ``client``, ``db_session``, ``make_user``,
``login_as``, ``api_token``, ``query_counter``) comes from VanPhong's pytest plugin, which is
active as soon as VanPhong is installed.
"""

from __future__ import annotations

import functools

import pytest

PASSWORD = "correct-horse-battery"


@functools.cache
def password_hash() -> str:
    """One argon2 hash for every test user: hashing is slow on purpose."""
    from core.identity.passwords import hash_password

    return hash_password(PASSWORD)


@pytest.fixture
def app(make_app):
    """An app with this plugin enabled and migrated, speaking English so that assertions read
    plainly (Vietnamese is checked on its own)."""
    return make_app(plugins=("supplies",), locale="en")


@pytest.fixture
def agency(app):
    """The agency (root) with departments A and B; people by role. Returns {name: id}."""
    from core.db import db
    from core.identity.roles import ensure_builtin_roles
    from core.identity.services import assign_role, create_user
    from core.org.services import add_member, create_unit

    with app.app_context():
        session = db.session
        people = {
            name: create_user(
                session, name, PASSWORD, superuser=name == "admin", password_hash=password_hash()
            )
            for name in ("admin", "office", "head_a", "head_b", "staff_a")
        }
        root = create_unit(session, "SNV", "Sở Nội vụ", "SNV", "agency")
        a = create_unit(session, "CCHC", "Phòng Cải cách hành chính", "CCHC", parent=root)
        b = create_unit(session, "TTR", "Thanh tra Sở", "TTr", parent=root)
        roles = ensure_builtin_roles(session)
        for name, unit, role, scope in (
            ("office", root, "office", None),
            ("head_a", a, "unit_head", a.id),
            ("head_b", b, "unit_head", b.id),
            ("staff_a", a, "staff", a.id),
        ):
            add_member(session, people[name].id, unit, head=name.startswith("head"))
            assign_role(session, people[name], roles[role], scope)
        session.commit()
        return {name: user.id for name, user in people.items()} | {
            "root": root.id,
            "a": a.id,
            "b": b.id,
        }


@pytest.fixture
def api(app, agency, api_token):
    """``api(name)`` → a client calling the REST API as that person (a bearer token)."""

    class Caller:
        def __init__(self, user_id: int) -> None:
            self.client = app.test_client()
            self.headers = {"Authorization": f"Bearer {api_token(user_id)}"}

        def get(self, url: str):
            return self.client.get(f"/api/v1/supplies{url}", headers=self.headers)

        def post(self, url: str, json=None):
            return self.client.post(f"/api/v1/supplies{url}", json=json or {}, headers=self.headers)

        def patch(self, url: str, json):
            return self.client.patch(f"/api/v1/supplies{url}", json=json, headers=self.headers)

        def inbox(self) -> list[tuple[str, str]]:
            """(type, subject) of this person's notifications, newest first."""
            answer = self.client.get("/api/v1/me/notifications?page_size=100", headers=self.headers)
            return [(n["type"], n["subject"]) for n in answer.get_json()["items"]]

    return lambda name: Caller(agency[name])


@pytest.fixture
def ask(api, agency, items):
    """``ask(who="staff_a", unit="a", needed_on=None, GA4=10, …)`` files a request through the
    API (default: 10 ram of paper and 2 boxes of pens for unit A) and returns its JSON."""

    def submit(
        who: str = "staff_a", unit: str = "a", needed_on: str | None = None, **quantities: int
    ) -> dict:
        wanted = quantities or {"GA4": 10, "BB": 2}
        answer = api(who).post(
            "/requests",
            {
                "unit_id": agency[unit],
                "lines": [{"item_id": items[c], "quantity": q} for c, q in wanted.items()],
                "purpose": "Văn phòng phẩm tháng 12",
                "needed_on": needed_on,
            },
        )
        assert answer.status_code == 201, answer.get_json()
        return answer.get_json()

    return submit


@pytest.fixture
def items(app):
    """Three catalogue items, by code: {code: id}."""
    from core.db import db

    from vanphong_supplies.catalogue import add_item

    with app.app_context():
        made = {
            code: add_item(db.session, code, name, measure, stock, low).id
            for code, name, measure, stock, low in (
                ("GA4", "Giấy A4", "ram", 50, 10),
                ("BB", "Bút bi", "hộp", 5, 2),
                ("GHIM", "Ghim bấm", "hộp", 1, 3),
            )
        }
        db.session.commit()
    return made


@pytest.fixture
def stock(app):
    """``stock(item_id)`` → the item's stock as stored now."""
    from core.db import db

    from vanphong_supplies.models import Item

    def read(item_id: int) -> int:
        with app.app_context():
            return db.session.get(Item, item_id).stock

    return read
