"""List search ignores case and Vietnamese diacritics; markup in any field is shown, not run."""

import pytest

from core.db import db
from core.identity.models import User
from core.testing import csrf_token

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def last_audit_id(app):
    from sqlalchemy import func, select

    from core.audit.models import AuditEntry

    with app.app_context():
        return db.session.scalar(
            select(func.max(AuditEntry.id)).where(AuditEntry.action == "update")
        )


@pytest.mark.parametrize("query", ["nguyen van an", "NGUYỄN VĂN AN", "Nguyen Van", "an nguyen"])
def test_search_ignores_case_and_diacritics(agency, admin_client, query):
    page = admin_client.get(f"/admin/core_user/?search={query}").get_data(as_text=True)
    assert "Nguyễn Văn An" in page
    assert "Tô Văn Giang" not in page


def test_search_handles_d_with_stroke_and_wildcards(agency, admin_client):
    assert "Tô Văn Giang" in admin_client.get("/admin/core_user/?search=giang").get_data(
        as_text=True
    )
    assert "Sở Nội vụ" in admin_client.get("/admin/core_unit/?search=so+noi+vu").get_data(
        as_text=True
    )
    assert "Thanh tra" not in admin_client.get("/admin/core_unit/?search=%25").get_data(
        as_text=True
    )


def test_markup_in_text_fields_is_escaped_everywhere(app, agency, admin_client):
    url = f"/admin/core_unit/edit/?id={agency['b']}"
    token = csrf_token(admin_client, url)
    admin_client.post(
        url,
        data={
            "code": "B",
            "name": XSS,
            "abbreviation": "TTr",
            "kind": "department",
            "parent": str(agency["root"]),
            "sort_order": "0",
            "active": "y",
            "csrf_token": token,
        },
    )
    with app.app_context():
        user = db.session.get(User, agency["head_b"])
        user.full_name = XSS
        db.session.commit()
    for page in (
        "/admin/core_unit/",
        f"/admin/core_unit/details/?id={agency['b']}",
        url,
        "/admin/core_user/",
        f"/admin/core_user/details/?id={agency['head_b']}",
        "/admin/core_orgchart/",
        "/admin/core_membership/",
        f"/admin/core_audit/details/?id={last_audit_id(app)}",
    ):
        html = admin_client.get(page).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html, page
        assert "&lt;script&gt;" in html, page


def test_a_nul_byte_in_a_form_or_query_is_refused_before_any_view(app, agency, client, login_as):
    from core.db import db
    from core.org.models import Unit
    from core.testing import csrf_token

    login_as(agency["office"], client)
    token = csrf_token(client, f"/admin/core_unit/edit/?id={agency['a1']}")
    data = {"csrf_token": token, "code": "A1", "name": "Tổ\x00", "abbreviation": "KT"}
    response = client.post(f"/admin/core_unit/edit/?id={agency['a1']}", data=data)
    assert response.status_code == 400
    assert client.get("/admin/core_unit/?search=a%00b").status_code == 400
    with app.app_context():
        assert db.session.get(Unit, agency["a1"]).name == "Tổ Kiểm tra"
