"""Every change is on record: who, when, from where, old and new values; never secrets."""

from sqlalchemy import select

from core.audit.models import AuditEntry
from core.db import db
from core.testing import csrf_token

UNIT_FORM = {
    "code": "C",
    "abbreviation": "KHTC",
    "kind": "department",
    "sort_order": "0",
    "active": "y",
}


def entries(app, object_type=None):
    with app.app_context():
        query = select(AuditEntry).order_by(AuditEntry.id)
        if object_type:
            query = query.where(AuditEntry.object_type == object_type)
        return db.session.scalars(query).all()


def test_create_update_delete_of_a_unit_through_the_admin(app, agency, admin_client):
    token = csrf_token(admin_client, "/admin/core_unit/new/")
    admin_client.post(
        "/admin/core_unit/new/",
        data={
            **UNIT_FORM,
            "name": "Phòng Kế hoạch",
            "parent": str(agency["root"]),
            "csrf_token": token,
        },
    )
    created = [e for e in entries(app, "core_unit") if e.action == "create"][-1]
    assert created.actor == "root" and created.ip == "127.0.0.1"
    assert created.changes["name"] == [None, "Phòng Kế hoạch"]
    unit_id = created.object_id

    admin_client.post(
        f"/admin/core_unit/edit/?id={unit_id}",
        data={
            **UNIT_FORM,
            "name": "Phòng Kế hoạch – Tài chính",
            "parent": str(agency["root"]),
            "csrf_token": token,
        },
    )
    updated = [
        e for e in entries(app, "core_unit") if e.action == "update" and e.object_id == unit_id
    ]
    assert updated[-1].changes["name"] == ["Phòng Kế hoạch", "Phòng Kế hoạch – Tài chính"]
    assert "code" not in updated[-1].changes  # only what changed

    admin_client.post("/admin/core_unit/delete/", data={"id": unit_id, "csrf_token": token})
    deleted = [
        e for e in entries(app, "core_unit") if e.action == "delete" and e.object_id == unit_id
    ]
    assert deleted and deleted[-1].changes["name"] == ["Phòng Kế hoạch – Tài chính", None]


def test_secrets_never_reach_the_log(app, agency, make_user):
    make_user("binh", "a-very-secret-password")
    for entry in entries(app, "core_user"):
        assert "password_hash" not in (entry.changes or {})
        assert "argon2" not in str(entry.changes)
    assert not entries(app, "core_session")


def test_logins_failures_and_denials_are_recorded(app, agency, login_as):
    client = app.test_client()
    token = csrf_token(client, "/login")
    client.post(
        "/login", data={"username": "vanphong", "password": "wrong-password-1", "csrf_token": token}
    )
    client.post(
        "/login",
        data={"username": "vanphong", "password": "correct-horse-battery", "csrf_token": token},
    )
    client.get("/admin/core_audit/")  # office may not read the log
    actions = [
        (e.action, e.actor)
        for e in entries(app)
        if e.action in ("login", "login_failed", "permission_denied")
    ]
    assert actions == [
        ("login_failed", ""),
        ("login", "vanphong"),
        ("permission_denied", "vanphong"),
    ]


def test_the_log_is_read_only(app, agency, admin_client):
    first = entries(app)[0]
    assert admin_client.get("/admin/core_audit/").status_code == 200
    assert admin_client.get(f"/admin/core_audit/details/?id={first.id}").status_code == 200
    edit = admin_client.get(f"/admin/core_audit/edit/?id={first.id}")
    assert edit.status_code == 302  # Flask-Admin sends you back: editing is off
    token = csrf_token(admin_client, "/admin/core_audit/")
    admin_client.post("/admin/core_audit/delete/", data={"id": first.id, "csrf_token": token})
    assert entries(app)[0].id == first.id


def test_a_creation_records_the_stored_values(app, agency):
    created = next(e for e in entries(app, "core_user") if e.action == "create")
    assert created.changes["id"][1] == int(created.object_id)  # read after the INSERT
    assert created.changes["active"][1] is True and created.changes["created_at"][1]


def test_removing_every_permission_from_a_role_is_possible_and_recorded(app, agency, admin_client):
    from core.identity.models import Role

    with app.app_context():
        role = db.session.scalars(select(Role).where(Role.code == "staff")).one()
        role_id = role.id
        assert role.permission_codes
    url = f"/admin/core_role/edit/?id={role_id}"
    token = csrf_token(admin_client, url)
    admin_client.post(
        url, data={"code": "staff", "name": "Chuyên viên", "description": "", "csrf_token": token}
    )
    with app.app_context():
        assert db.session.get(Role, role_id).permission_codes == []
    assert [e for e in entries(app, "core_role_permission") if e.action == "delete"]
