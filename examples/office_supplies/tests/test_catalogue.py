"""The catalogue: kept by the office, read by everyone; stock changes only by deliveries and
issues, and the database never lets it go below zero."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError


def test_the_office_keeps_the_catalogue_through_the_api(api, items):
    office = api("office")
    created = office.post(
        "/items", {"code": "SO", "name": "Sổ tay", "measure": "quyển", "low_stock_at": 3}
    )
    assert created.status_code == 201, created.get_json()
    item = created.get_json()
    assert (item["stock"], item["low"], item["version"]) == (0, True, 1)

    renamed = office.patch(f"/items/{item['id']}", {"name": "Sổ tay A5", "version": 1})
    assert renamed.status_code == 200 and renamed.get_json()["version"] == 2
    stale = office.patch(f"/items/{item['id']}", {"name": "Sổ", "version": 1})
    assert stale.status_code == 409 and stale.get_json()["error"]["code"] == "stale"

    found = office.get("/items?q=so tay").get_json()
    assert [i["code"] for i in found["items"]] == ["SO"]


def test_a_duplicate_code_blank_name_or_edited_stock_is_refused(api, items, stock):
    office = api("office")
    duplicate = office.post("/items", {"code": "GA4", "name": "Giấy", "measure": "ram"})
    assert duplicate.status_code == 409 and "code" in duplicate.get_json()["error"]["fields"]
    blank = office.post("/items", {"code": "X", "name": "   ", "measure": "cái"})
    assert blank.status_code == 422 and "name" in blank.get_json()["error"]["fields"]
    edited = office.patch(f"/items/{items['GA4']}", {"stock": 999, "version": 1})
    assert edited.status_code == 422 and "stock" in edited.get_json()["error"]["fields"]
    assert stock(items["GA4"]) == 50


def test_everyone_reads_the_catalogue_only_the_office_changes_it(api, items):
    staff = api("staff_a")
    assert staff.get("/items").get_json()["total"] == 3
    refused = staff.post("/items", {"code": "X", "name": "X", "measure": "cái"})
    assert refused.status_code == 403
    assert staff.post(f"/items/{items['GA4']}/receive", {"quantity": 5}).status_code == 403


def test_deliveries_add_to_the_stock(api, items, stock):
    office = api("office")
    received = office.post(f"/items/{items['GHIM']}/receive", {"quantity": 20})
    assert received.status_code == 200 and received.get_json()["stock"] == 21
    for bad in (0, -3, 10_001, "5", 2.5):
        answer = office.post(f"/items/{items['GHIM']}/receive", {"quantity": bad})
        assert answer.status_code == 422, bad
        assert "quantity" in answer.get_json()["error"]["fields"]
    assert office.post("/items/999999/receive", {"quantity": 1}).status_code == 404
    assert stock(items["GHIM"]) == 21


def test_the_database_refuses_negative_stock(app, db_session, items):
    with pytest.raises(IntegrityError):
        db_session.execute(
            text("UPDATE supplies_item SET stock = stock - 100 WHERE id = :id"),
            {"id": items["BB"]},
        )
    db_session.rollback()


def test_the_admin_catalogue_hides_stock_when_editing_and_offers_deliveries(
    app, agency, items, login_as, stock
):
    from core.testing import csrf_token

    office = login_as(agency["office"])
    page = office.get("/admin/supplies_item/").get_data(as_text=True)
    assert "Giấy A4" in page and "/admin/supplies_item/receive/?id=" in page
    edit = office.get(f"/admin/supplies_item/edit/?id={items['GA4']}").get_data(as_text=True)
    assert 'name="stock"' not in edit and 'name="name"' in edit

    url = f"/admin/supplies_item/receive/?id={items['GA4']}"
    received = office.post(url, data={"quantity": "12", "csrf_token": csrf_token(office, url)})
    assert received.status_code == 303
    assert stock(items["GA4"]) == 62

    staff = login_as(agency["staff_a"], app.test_client())
    listed = staff.get("/admin/supplies_item/").get_data(as_text=True)
    assert "Giấy A4" in listed and "/admin/supplies_item/receive/" not in listed
    assert staff.get(url).status_code == 403
