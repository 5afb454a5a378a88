"""The org chart's rules hold, in the services and in the database."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core.db import db
from core.org.models import Membership, Unit
from core.org.services import OrgError, add_member, create_unit, place_unit, tree
from core.testing import csrf_token


def test_a_unit_cannot_move_under_itself_or_a_descendant(app, agency):
    with app.app_context():
        a = db.session.get(Unit, agency["a"])
        for new_parent in (agency["a"], agency["a1"]):
            a.parent_id = new_parent
            with pytest.raises(OrgError, match="cannot be placed under itself"):
                place_unit(db.session, a)
            db.session.rollback()
        assert db.session.get(Unit, agency["a"]).parent_id == agency["root"]


def test_the_admin_form_refuses_a_cycle_and_changes_nothing(app, agency, admin_client):
    url = f"/admin/core_unit/edit/?id={agency['a']}"
    token = csrf_token(admin_client, url)
    page = admin_client.post(
        url,
        data={
            "code": "A",
            "name": "Phòng Cải cách hành chính",
            "abbreviation": "CCHC",
            "kind": "department",
            "parent": str(agency["a1"]),
            "sort_order": "0",
            "active": "y",
            "csrf_token": token,
        },
        follow_redirects=True,
    )
    assert "cannot be placed under itself" in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Unit, agency["a"]).parent_id == agency["root"]


def test_moving_a_subtree_rewrites_every_path(app, agency):
    with app.app_context():
        a = db.session.get(Unit, agency["a"])
        a.parent_id = agency["b"]
        place_unit(db.session, a)
        db.session.commit()
        paths = dict(db.session.execute(select(Unit.code, Unit.path)).all())
    assert paths["A1"] == f"/{agency['root']}/{agency['b']}/{agency['a']}/{agency['a1']}/"
    assert paths["A"].startswith(paths["B"])


def test_tree_order_puts_parents_first(app, agency):
    with app.app_context():
        assert [u.code for u in tree(db.session)] == ["ROOT", "A", "A1", "B"]


def test_the_database_refuses_two_heads_two_primary_units_and_duplicate_codes(app, agency):
    with app.app_context():
        a = db.session.get(Unit, agency["a"])
        with pytest.raises(IntegrityError):
            add_member(db.session, agency["office"], a, head=True, primary=False)  # A has a head
        db.session.rollback()
        with pytest.raises(IntegrityError):
            add_member(db.session, agency["head_b"], a)  # a second primary unit
        db.session.rollback()
        add_member(db.session, agency["head_b"], a, primary=False)  # concurrent post: fine
        db.session.commit()
        with pytest.raises(IntegrityError):
            create_unit(db.session, "A", "Trùng mã", "TM")
        db.session.rollback()
        assert len(db.session.scalars(select(Membership)).all()) == 6


def test_orgchart_page_draws_the_tree(app, agency, login_as):
    page = login_as(agency["staff_a1"]).get("/admin/core_orgchart/").get_data(as_text=True)
    assert 'data-unit="A1"' in page and "Nguyễn Văn An" in page
    assert 'data-unit="B"' not in page  # staff see their own unit's subtree
    full = login_as(agency["office"]).get("/admin/core_orgchart/").get_data(as_text=True)
    assert 'data-unit="ROOT"' in full and 'data-unit="B"' in full


def test_a_unit_with_units_or_members_is_not_deleted(app, agency, admin_client):
    token = csrf_token(admin_client, "/admin/core_unit/")
    for unit in ("a", "a1"):  # A has a team; A1 has a member
        page = admin_client.post(
            "/admin/core_unit/delete/",
            data={"id": str(agency[unit]), "csrf_token": token},
            follow_redirects=True,
        ).get_data(as_text=True)
        assert "first" in page
    with app.app_context():
        assert (
            db.session.get(Unit, agency["a"]) is not None
            and db.session.get(Unit, agency["a1"]) is not None
        )
        empty = create_unit(
            db.session, "E", "Tổ trống", "TT", "team", parent=db.session.get(Unit, agency["b"])
        )
        db.session.commit()
        empty_id = empty.id
    admin_client.post("/admin/core_unit/delete/", data={"id": str(empty_id), "csrf_token": token})
    with app.app_context():
        assert db.session.get(Unit, empty_id) is None
