"""The register's REST API: types, registers, issuing and withdrawing numbers, the format check;
refusals in the API's error format; record rules for unit heads and confidential registers."""

from datetime import date, timedelta

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from core.db import db
from core.i18n import agency_today
from core.registry.models import Document, RegisterCounter
from tests.core.test_registry_support import add_registers, issue, types


@pytest.fixture
def registers(app, agency):
    return add_registers(app, agency)


@pytest.fixture
def headers(agency, api_token):
    return lambda role: {"Authorization": f"Bearer {api_token(agency[role])}"}


@pytest.fixture
def type_ids(app):
    with app.app_context():
        return {code: t.id for code, t in types().items()}


def issue_body(registers, type_ids, **changes):
    return {
        "register_id": registers["ordinary"],
        "type_id": type_ids["QĐ"],
        "signed_on": "2025-03-02",
        "summary": "về việc ban hành Quy chế làm việc",
        "signer": "Nguyễn Văn Thành",
        "recipients": "Nơi nhận:\n- Lưu: VT, VP.",
        **changes,
    }


def test_the_seeded_types_are_listed_and_searchable(client, headers):
    listed = client.get("/api/v1/document-types?page_size=100", headers=headers("staff_a1"))
    assert listed.status_code == 200
    assert listed.json["total"] == 28
    assert listed.json["items"][1]["code"] == "QĐ"  # Appendix III order
    found = client.get("/api/v1/document-types?q=quyet%20dinh", headers=headers("office"))
    assert [t["code"] for t in found.json["items"]] == ["QĐ"]


def test_office_edits_types(client, headers):
    office = headers("office")
    made = client.post(
        "/api/v1/document-types", headers=office, json={"code": "TTrL", "name": "Tờ trình liên"}
    )
    assert made.status_code == 201, made.json
    url = made.headers["Location"]
    bad = client.patch(url, headers=office, json={"code": "T T", "version": 1})
    assert bad.status_code == 422
    assert bad.json["error"]["fields"] == {
        "code": ["Abbreviation: T T may hold letters and digits only (no spaces, '-' or '/')."]
    }
    changed = client.patch(url, headers=office, json={"active": False, "version": 1})
    assert changed.status_code == 200 and changed.json["active"] is False
    assert client.delete(url, headers=office).status_code == 204
    refused = client.post("/api/v1/document-types", headers=headers("head_a"), json={})
    assert refused.status_code == 403


def test_registers_with_their_types(client, headers, agency, registers, type_ids):
    office = headers("office")
    listed = client.get("/api/v1/registers?kind=ordinary", headers=office).json
    assert [r["name"] for r in listed["items"]] == ["Sổ closed", "Sổ ordinary"]
    ordinary = listed["items"][1]
    assert set(ordinary["type_ids"]) == {type_ids[c] for c in ("QĐ", "", "GM", "TB", "KH")}
    assert ordinary["issuer_abbreviation"] == "SNV"
    clash = client.post(
        "/api/v1/registers",
        headers=office,
        json={"name": "Sổ hai", "unit_id": agency["root"], "type_ids": [type_ids["GM"]]},
    )
    assert clash.status_code == 422
    assert list(clash.json["error"]["fields"]) == ["type_ids"]
    made = client.post(
        "/api/v1/registers",
        headers=office,
        json={
            "name": "Sổ Hội đồng",
            "issuer_name": "Hội đồng Thi đua – Khen thưởng",
            "issuer_abbreviation": "HĐTĐKT",
            "kind": "advisory",
            "type_ids": [type_ids["GM"], type_ids["BB"], type_ids["GM"]],
        },
    )
    assert made.status_code == 201, made.json
    assert sorted(made.json["type_ids"]) == sorted([type_ids["GM"], type_ids["BB"]])
    unknown = client.patch(
        made.headers["Location"], headers=office, json={"type_ids": [999999], "version": 1}
    )
    assert unknown.status_code == 422 and list(unknown.json["error"]["fields"]) == ["type_ids"]
    assert client.get("/api/v1/registers", headers=headers("head_a")).status_code == 200
    assert client.get("/api/v1/registers", headers=headers("staff_a1")).status_code == 403


def test_issuing_a_number(app, client, headers, registers, type_ids, agency):
    office = headers("office")
    made = client.post("/api/v1/documents", headers=office, json=issue_body(registers, type_ids))
    assert made.status_code == 201, made.json
    assert made.json["symbol"] == "01/QĐ-SNV"
    assert (made.json["number"], made.json["year"], made.json["status"]) == (1, 2025, "issued")
    assert made.json["issued_by_id"] == agency["office"]
    letter = client.post(
        "/api/v1/documents",
        headers=office,
        json=issue_body(registers, type_ids, type_id=type_ids[""], unit_id=agency["a"]),
    )
    assert letter.json["symbol"] == "02/SNV-CCHC"
    detail = client.get(made.headers["Location"], headers=office)
    assert detail.status_code == 200 and detail.headers["ETag"] == '"1"'
    listed = client.get(
        "/api/v1/documents?year=2025&sort=number&status=issued", headers=office
    ).json
    assert [d["symbol"] for d in listed["items"]] == ["01/QĐ-SNV", "02/SNV-CCHC"]
    found = client.get(
        "/api/v1/documents",
        query_string={"q": "quy che", "type_id": type_ids["QĐ"]},
        headers=office,
    ).json
    assert [d["symbol"] for d in found["items"]] == ["01/QĐ-SNV"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"type_id": "CT"}, "type_id"),
        ({"register_id": "closed", "type_id": "BC"}, "register_id"),
        ({"signed_on": "tomorrow"}, "signed_on"),
        ({"summary": "   "}, "summary"),
        ({"register_id": 999999}, "register_id"),
        ({"unit_id": 999999}, "unit_id"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    app, client, headers, registers, type_ids, changes, field
):
    if changes.get("type_id") in type_ids:
        changes["type_id"] = type_ids[changes["type_id"]]
    if changes.get("register_id") in registers:
        changes["register_id"] = registers[changes["register_id"]]
    if changes.get("signed_on") == "tomorrow":
        with app.app_context():
            changes["signed_on"] = (agency_today() + timedelta(days=1)).isoformat()
    refused = client.post(
        "/api/v1/documents",
        headers=headers("office"),
        json=issue_body(registers, type_ids, **changes),
    )
    assert refused.status_code == 422, refused.json
    assert list(refused.json["error"]["fields"]) == [field]
    assert refused.json["error"]["message"] == refused.json["error"]["fields"][field][0]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Document)) == 0
        assert db.session.scalar(select(func.count()).select_from(RegisterCounter)) == 0


def test_withdrawing_keeps_the_number(client, headers, registers, type_ids):
    office = headers("office")
    made = client.post("/api/v1/documents", headers=office, json=issue_body(registers, type_ids))
    url = f"/api/v1/documents/{made.json['id']}/withdraw"
    assert client.post(url, headers=office, json={}).status_code == 422
    done = client.post(url, headers=office, json={"reason": "Ký nhầm"})
    assert done.status_code == 200
    assert (done.json["status"], done.json["withdrawn_reason"]) == ("withdrawn", "Ký nhầm")
    again = client.post(url, headers=office, json={"reason": "Lần nữa"})
    assert again.status_code == 409 and again.json["error"]["code"] == "conflict"
    following = client.post(
        "/api/v1/documents", headers=office, json=issue_body(registers, type_ids)
    )
    assert following.json["number"] == 2
    assert client.post(url, headers=headers("head_a"), json={"reason": "x"}).status_code == 403


def test_unit_heads_see_their_units_documents(app, client, headers, agency, registers):
    with app.app_context():
        from core.org.models import Unit

        ids = {}
        for key in ("a", "a1", "b"):
            unit = db.session.get(Unit, agency[key])
            ids[key] = issue(registers["ordinary"], "KH", date(2025, 4, 1), unit=unit).id
        ids["agency"] = issue(registers["ordinary"], "KH", date(2025, 4, 1)).id
        db.session.commit()
    seen = client.get("/api/v1/documents", headers=headers("head_a")).json
    assert sorted(d["id"] for d in seen["items"]) == sorted([ids["a"], ids["a1"]])
    assert client.get(f"/api/v1/documents/{ids['b']}", headers=headers("head_a")).status_code == 404
    assert client.get("/api/v1/documents", headers=headers("office")).json["total"] == 4
    assert client.get("/api/v1/documents", headers=headers("staff_a1")).status_code == 403


def test_confidential_documents_need_their_permission(app, client, headers, registers, type_ids):
    with app.app_context():
        secret = issue(registers["confidential"], "QĐ", date(2025, 4, 1)).id
        db.session.commit()
    office, administrator = headers("office"), headers("administrator")
    assert client.get("/api/v1/documents", headers=office).json["total"] == 0
    assert client.get(f"/api/v1/documents/{secret}", headers=office).status_code == 404
    assert client.get(f"/api/v1/documents/{secret}", headers=administrator).status_code == 200
    body = issue_body(registers, type_ids, register_id=registers["confidential"])
    refused = client.post("/api/v1/documents", headers=office, json=body)
    assert refused.status_code == 403
    assert "core.document.confidential" in refused.json["error"]["message"]
    assert client.post("/api/v1/documents", headers=administrator, json=body).json["number"] == 2


def test_the_format_check(client, headers, type_ids):
    body = {
        "type_id": type_ids["QĐ"],
        "symbol": "5/QĐ-SNV",
        "date_line": "Hà Nội, ngày 5 tháng 02 năm 2026",
        "recipients": "- Như trên.",
    }
    report = client.post("/api/v1/documents/check-format", headers=headers("staff_a1"), json=body)
    assert report.status_code == 200
    assert report.json["valid"] is False
    assert [p["code"] for p in report.json["problems"]] == [
        "leading_zero",
        "day_leading_zero",
        "file_copy",
    ]
    good = {"type_id": type_ids[""], "symbol": "15/SNV-VP", "issuer": "SNV"}
    assert client.post(
        "/api/v1/documents/check-format", headers=headers("staff_a1"), json=good
    ).json == {"valid": True, "problems": []}
    unknown = client.post(
        "/api/v1/documents/check-format", headers=headers("office"), json={"type_id": 999999}
    )
    assert unknown.status_code == 422 and list(unknown.json["error"]["fields"]) == ["type_id"]


def test_the_format_check_speaks_vietnamese(app, client, headers, type_ids):
    asked = {**headers("office"), "Accept-Language": "vi"}
    report = client.post(
        "/api/v1/documents/check-format",
        headers=asked,
        json={"type_id": type_ids["QĐ"], "recipients": "- Như trên."},
    )
    with app.test_request_context(), force_locale("vi"):
        expected = _("Recipients: end the list with 'Lưu: VT' (the clerical office's file copy).")
    assert report.json["problems"][0]["message"] == expected


def test_lists_cost_three_statements_whatever_the_page_size(
    app, client, headers, agency, registers, query_counter
):
    with app.app_context():
        from core.org.models import Unit
        from core.registry import catalog
        from core.registry.models import Register

        by_code = types()
        for i in range(30):
            catalog.save_register(
                db.session,
                Register(name=f"Sổ đơn vị {i}", issuer_name="Đơn vị", issuer_abbreviation=f"DV{i}"),
                [by_code["TB"], by_code["GM"]],
            )
        unit = db.session.get(Unit, agency["a"])
        for _ in range(30):
            issue(registers["ordinary"], "TB", date(2025, 4, 1), unit=unit)
        db.session.commit()
    office = headers("office")
    client.get("/api/v1/me", headers=office)  # the token's last use is noted once a minute
    for url in ("/api/v1/registers", "/api/v1/documents", "/api/v1/document-types"):
        counts = []
        for size in (5, 25):
            with query_counter() as queries:
                response = client.get(f"{url}?page_size={size}", headers=office)
            assert response.status_code == 200
            assert len(response.json["items"]) == size, url
            counts.append(queries.count)
        assert counts[0] == counts[1] <= 3, (url, counts)
    page = client.get("/api/v1/registers?page_size=100", headers=office).json["items"]
    assert len(page) == 33
    assert all(len(r["type_ids"]) == 2 for r in page if r["name"].startswith("Sổ đơn vị"))


def test_a_confidential_grant_over_a_unit_reaches_that_units_documents(
    app, client, headers, agency, registers
):
    from core.identity.models import Role, User
    from core.identity.services import assign_role, set_role_permissions
    from core.org.models import Unit

    with app.app_context():
        role = Role(code="van_thu_mat", name="Văn thư mật")
        db.session.add(role)
        db.session.flush()
        set_role_permissions(db.session, role, ["core.document.confidential"])
        assign_role(db.session, db.session.get(User, agency["head_a"]), role, agency["a"])
        ids = {
            key: issue(
                registers["confidential"], "QĐ", date(2025, 4, 1), unit=db.session.get(Unit, unit)
            ).id
            for key, unit in (("mine", agency["a1"]), ("theirs", agency["b"]))
        }
        db.session.commit()
    head_a, head_b = headers("head_a"), headers("head_b")
    assert [d["id"] for d in client.get("/api/v1/documents", headers=head_a).json["items"]] == [
        ids["mine"]
    ]
    assert client.get(f"/api/v1/documents/{ids['mine']}", headers=head_a).status_code == 200
    assert client.get(f"/api/v1/documents/{ids['theirs']}", headers=head_b).status_code == 404
    assert client.get("/api/v1/documents", headers=head_b).json["total"] == 0


def test_changing_only_a_registers_types_is_a_new_version(app, agency, client, api_token):
    headers = {"Authorization": f"Bearer {api_token(agency['office'])}"}
    types = client.get("/api/v1/document-types?page_size=100", headers=headers).json["items"]
    ids = [t["id"] for t in types[:3]]
    body = {"name": "Sổ thử", "issuer_name": "Sở Nội vụ", "issuer_abbreviation": "SNV"}
    body["type_ids"] = ids[:1]
    created = client.post("/api/v1/registers", headers=headers, json=body).json
    url, version = f"/api/v1/registers/{created['id']}", created["version"]
    first = client.patch(url, headers=headers, json={"type_ids": ids[:2], "version": version})
    assert first.status_code == 200 and first.json["version"] == version + 1
    stale = client.patch(url, headers=headers, json={"type_ids": ids[:3], "version": version})
    assert stale.status_code == 409 and stale.json["error"]["code"] == "stale"
    assert sorted(client.get(url, headers=headers).json["type_ids"]) == sorted(ids[:2])
