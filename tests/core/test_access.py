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


def test_bulk_action_cannot_reach_another_unit(app, agency, login_as):
    client = login_as(agency["head_a"])  # manages units, but only under A
    token = csrf_token(client, "/admin/core_unit/")
    response = client.post(
        "/admin/core_unit/action/",
        data={"action": "delete", "rowid": [str(agency["b"])], "csrf_token": token},
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Unit, agency["b"]) is not None


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
