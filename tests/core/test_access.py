"""Roles scoped to units: a unit head sees and manages their subtree, nothing else, whatever
the URL; lists, counts, details, edits, exports and bulk actions alike."""

from sqlalchemy import select

from core.db import db
from core.org.models import Unit
from core.testing import csrf_token


def test_unit_head_lists_only_their_subtree(app, agency, login_as):
    client = login_as(agency["head_a"])
    units = client.get("/admin/core_unit/").get_data(as_text=True)
    assert "Phòng Cải cách hành chính" in units and "Tổ Kiểm tra" in units
    assert "Thanh tra Sở" not in units
    users = client.get("/admin/core_user/").get_data(as_text=True)
    assert "Nguyễn Văn An" in users and "Tô Văn Giang" not in users


def test_another_units_record_is_not_found(app, agency, login_as):
    client = login_as(agency["head_a"])
    assert client.get(f"/admin/core_unit/details/?id={agency['b']}").status_code == 404
    assert client.get(f"/admin/core_unit/edit/?id={agency['b']}").status_code == 404
    assert client.get(f"/admin/core_user/details/?id={agency['head_b']}").status_code == 404
    assert client.get(f"/admin/core_unit/details/?id={agency['a1']}").status_code == 200


def test_export_is_scoped(app, agency, login_as):
    client = login_as(agency["head_a"])
    export = client.get("/admin/core_unit/export/csv/")
    assert export.status_code == 200
    text = export.get_data(as_text=True)
    assert "Tổ Kiểm tra" in text and "Thanh tra Sở" not in text


def test_bulk_action_reaches_only_the_users_units(app, agency, login_as):
    from core.org.services import create_unit

    with app.app_context():  # two empty teams, one under A and one under B
        root = db.session.get(Unit, agency["root"])
        inside = create_unit(
            db.session, "A2", "Tổ mới A", "TA", "team", parent=db.session.get(Unit, agency["a"])
        )
        outside = create_unit(
            db.session, "B2", "Tổ mới B", "TB", "team", parent=db.session.get(Unit, agency["b"])
        )
        db.session.commit()
        ids = [str(inside.id), str(outside.id)]
        assert root is not None
    client = login_as(agency["head_a"])  # manages units, but only under A
    token = csrf_token(client, "/admin/core_unit/")
    response = client.post(
        "/admin/core_unit/action/", data={"action": "delete", "rowid": ids, "csrf_token": token}
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Unit, int(ids[0])) is None  # deleted: in A's subtree
        assert db.session.get(Unit, int(ids[1])) is not None  # untouched: under B


def test_office_manages_every_unit_but_not_roles(app, agency, login_as):
    client = login_as(agency["office"])
    assert client.get(f"/admin/core_unit/edit/?id={agency['b']}").status_code == 200
    assert client.get("/admin/core_role/").status_code == 403
    assert client.get("/admin/core_audit/").status_code == 403


def test_staff_sees_their_unit_but_not_people(app, agency, login_as):
    client = login_as(agency["staff_a1"])
    assert client.get("/admin/core_user/").status_code == 403
    units = client.get("/admin/core_unit/").get_data(as_text=True)
    assert "Tổ Kiểm tra" in units  # its parent shows as a column, nothing above or beside it
    assert "Thanh tra Sở" not in units and "Sở Nội vụ" not in units
    assert client.get(f"/admin/core_unit/edit/?id={agency['a1']}").status_code == 403


def test_moving_a_unit_moves_the_scope_with_it(app, agency, login_as):
    from core.org.services import place_unit

    with app.app_context():
        b = db.session.get(Unit, agency["b"])
        b.parent_id = agency["a"]
        place_unit(db.session, b)
        db.session.commit()
        assert db.session.scalar(select(Unit.path).where(Unit.id == agency["b"])).startswith(
            db.session.scalar(select(Unit.path).where(Unit.id == agency["a"]))
        )
    client = login_as(agency["head_a"])
    assert "Thanh tra Sở" in client.get("/admin/core_unit/").get_data(as_text=True)


def test_forms_offer_and_accept_only_the_users_units_and_people(app, agency, login_as):
    client = login_as(agency["head_a"])
    form = client.get("/admin/core_membership/new/").get_data(as_text=True)
    assert "Tổ Kiểm tra" in form and "Thanh tra Sở" not in form
    assert "Nguyễn Văn An" in form and "Tô Văn Giang" not in form and "Quản Trị Viên" not in form
    token = csrf_token(client, "/admin/core_membership/new/")
    # Pulling the administrator into unit A (to read or reset them) is refused.
    client.post(
        "/admin/core_membership/new/",
        data={"unit": str(agency["a"]), "user": str(agency["administrator"]), "csrf_token": token},
    )
    # A team under B is refused; a team under A is created.
    base = {
        "abbreviation": "TM",
        "kind": "team",
        "sort_order": "0",
        "active": "y",
        "csrf_token": token,
    }
    client.post(
        "/admin/core_unit/new/",
        data={**base, "code": "XB", "name": "Tổ ngoài", "parent": str(agency["b"])},
    )
    client.post(
        "/admin/core_unit/new/",
        data={**base, "code": "XA", "name": "Tổ trong", "parent": str(agency["a"])},
    )
    with app.app_context():
        from core.org.models import Membership

        codes = set(db.session.scalars(select(Unit.code)))
        pulled = db.session.scalar(
            select(Membership).where(
                Membership.user_id == agency["administrator"], Membership.unit_id == agency["a"]
            )
        )
    assert "XA" in codes and "XB" not in codes
    assert pulled is None


def test_a_role_held_over_one_unit_does_not_open_agency_wide_pages(app, agency, login_as):
    from core.identity.models import User
    from core.identity.roles import ensure_builtin_roles
    from core.identity.services import assign_role

    with app.app_context():
        head = db.session.get(User, agency["head_a"])
        assign_role(
            db.session, head, ensure_builtin_roles(db.session)["administrator"], agency["a"]
        )
        db.session.commit()
    client = login_as(agency["head_a"])
    for page in (
        "/admin/core_role/",
        "/admin/core_role_assignment/",
        "/admin/core_audit/",
        "/admin/core_plugins/",
    ):
        assert client.get(page).status_code == 403, page
    assert client.get("/admin/core_position/new/").status_code == 403  # positions are agency-wide
    assert client.get(f"/admin/core_unit/edit/?id={agency['a1']}").status_code == 200
