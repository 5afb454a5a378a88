"""Fixtures come from VanPhong's own pytest plugin (``core.testing``), as for third parties."""

import functools
import json

import pytest
from click.testing import CliRunner

from core.cli import build_cli

ADMIN_PASSWORD = "correct-horse-battery-admin"


@pytest.fixture
def make_app(make_app):
    """The suite's apps speak English so assertions read plainly; the Vietnamese default is
    checked in tests/core/test_i18n.py and by the console-script tests."""
    return functools.partial(make_app, locale="en")


@pytest.fixture
def run_cli(app):
    """Run a ``vanphong`` command against ``app``; returns click's result."""

    def invoke(*args: str, input: str | None = None):
        return CliRunner().invoke(build_cli(app), list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def admin_client(app, make_user, login_as):
    """The test client signed in as a superuser."""
    return login_as(make_user("root", ADMIN_PASSWORD, superuser=True))


@pytest.fixture
def plugin_states():
    """plugin_states(app) → {name: (state, reason)} as `vanphong plugins list --json` says."""

    def states(app) -> dict:
        result = CliRunner().invoke(
            build_cli(app), ["plugins", "list", "--json"], catch_exceptions=False
        )
        assert result.exit_code == 0, result.output
        return {p["name"]: (p["state"], p["reason"]) for p in json.loads(result.output)}

    return states


AGENCY_PASSWORD = "correct-horse-battery"


@functools.cache
def _agency_hash() -> str:
    from core.identity.passwords import hash_password

    return hash_password(AGENCY_PASSWORD)


@pytest.fixture
def agency(app, agency_in):
    """A small agency in the ``app`` fixture (see :func:`agency_in`)."""
    return agency_in(app)


@pytest.fixture
def agency_in():
    """``agency_in(app)`` makes a small agency: root → department A (→ team A1) and department
    B, with one user per built-in role, a unit head of A, a unit head of B and a staff member
    of A1.

    Returns {name: id} for units ("root", "a", "a1", "b") and users ("administrator",
    "office", "head_a", "head_b", "staff_a1")."""
    return _make_agency


def _make_agency(app) -> dict[str, int]:
    from core.db import db
    from core.identity.roles import ensure_builtin_roles
    from core.identity.services import assign_role, create_user
    from core.org.services import add_member, create_unit

    ids = {}
    with app.app_context():
        session = db.session
        root = create_unit(session, "ROOT", "Sở Nội vụ", "SNV", "agency")
        a = create_unit(session, "A", "Phòng Cải cách hành chính", "CCHC", parent=root)
        a1 = create_unit(session, "A1", "Tổ Kiểm tra", "KT", "team", parent=a)
        b = create_unit(session, "B", "Thanh tra Sở", "TTr", parent=root)
        roles = ensure_builtin_roles(session)
        people = {
            "administrator": ("quantri", "Quản Trị Viên", root, ("administrator", None)),
            "office": ("vanphong", "Hoàng Thị Lan", root, ("office", None)),
            "head_a": ("truonga", "Nguyễn Thị Tâm", a, ("unit_head", a.id)),
            "head_b": ("truongb", "Tô Văn Giang", b, ("unit_head", b.id)),
            "staff_a1": ("nhanvien", "Nguyễn Văn An", a1, ("staff", a1.id)),
        }
        for key, (username, name, unit, (role, scope)) in people.items():
            user = create_user(
                session, username, AGENCY_PASSWORD, full_name=name, password_hash=_agency_hash()
            )
            add_member(session, user.id, unit, head=key.startswith("head"))
            assign_role(session, user, roles[role], scope)
            ids[key] = user.id
        ids.update(root=root.id, a=a.id, a1=a1.id, b=b.id)
        session.commit()
    return ids
