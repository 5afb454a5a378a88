"""The back office of the register: the register book with its filters, the Excel export,
issuing and withdrawing from forms, the format check page, type and register views, and the
demo data."""

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from core.db import db
from core.org.models import Unit
from core.registry.models import Document, Register
from core.testing import csrf_token
from tests.core.test_registry_support import add_registers, issue, types

BOOK = "/admin/core_register_book/"
HEADER = [
    "Number and symbol",
    "Date of the document",
    "Type and summary",
    "Signer",
    "Recipients",
    "Unit or person keeping the file copy",
    "Copies",
    "Note",
]


@pytest.fixture
def registers(app, agency):
    return add_registers(app, agency)


@pytest.fixture
def book(app, agency, registers):
    """Documents of 2024 and 2025: two of unit A, one of unit B, one confidential, one
    withdrawn."""
    with app.app_context():
        a, b = db.session.get(Unit, agency["a"]), db.session.get(Unit, agency["b"])
        made = {
            "plan": issue(
                registers["ordinary"],
                "KH",
                date(2025, 2, 3),
                unit=a,
                signer="Tâm",
                summary="cải cách hành chính năm 2025",
                copies=3,
                archive_holder="Văn thư; CCHC",
                recipients="Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT, CCHC.",
            ),
            "letter": issue(
                registers["ordinary"],
                "",
                date(2025, 3, 4),
                unit=a,
                summary="V/v cử công chức đi học",
            ),
            "old": issue(
                registers["ordinary"],
                "QĐ",
                date(2024, 12, 30),
                unit=b,
                summary="về việc khen thưởng",
            ),
            "inspection": issue(
                registers["ordinary"], "TB", date(2025, 5, 6), unit=b, summary="kết luận thanh tra"
            ),
            "secret": issue(
                registers["confidential"], "QĐ", date(2025, 5, 7), unit=a, summary="mật"
            ),
        }
        from core.registry import services

        services.withdraw(db.session, made["inspection"], "Sai thẩm quyền")
        db.session.commit()
        return {name: (d.id, d.symbol) for name, d in made.items()}


def symbols_on(page: str) -> list[str]:
    import re

    return re.findall(r'data-symbol="([^"]+)"', page)


def test_the_book_lists_what_the_user_may_see(client, login_as, agency, book):
    login_as(agency["office"])
    page = client.get(f"{BOOK}?year=2025").get_data(as_text=True)
    # Newest first; no confidential document without its permission; the withdrawn one shown.
    assert symbols_on(page) == ["03/TB-SNV", "02/SNV-VP", "01/KH-SNV"]
    assert "Sai thẩm quyền" in page
    login_as(agency["head_a"])
    assert symbols_on(client.get(f"{BOOK}?year=2025").get_data(as_text=True)) == [
        "02/SNV-VP",
        "01/KH-SNV",
    ]
    login_as(agency["administrator"])
    assert "01/QĐ-SNV" in symbols_on(client.get(f"{BOOK}?year=2025").get_data(as_text=True))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2024", ["01/QĐ-SNV"]),
        ("year=", ["03/TB-SNV", "02/SNV-VP", "01/QĐ-SNV", "01/KH-SNV"]),
        ("year=2025&status=withdrawn", ["03/TB-SNV"]),
        ("year=2025&start=2025-03-01&end=2025-03-31", ["02/SNV-VP"]),
        ("year=2025&q=cai%20cach", ["01/KH-SNV"]),
        ("year=2025&register=999", []),
        # Wrong values are ignored (here: every year, every status).
        (
            "year=abc&start=not-a-date&status=nonsense&page=-3",
            ["03/TB-SNV", "02/SNV-VP", "01/QĐ-SNV", "01/KH-SNV"],
        ),
        ("", []),  # the current year by default (the documents are from 2024 and 2025)
    ],
)
def test_the_books_filters(client, login_as, agency, book, query, expected):
    login_as(agency["office"])
    response = client.get(f"{BOOK}?{query}")
    assert response.status_code == 200
    found = symbols_on(response.get_data(as_text=True))
    assert sorted(found) == sorted(expected)


def test_the_type_filter(app, client, login_as, agency, book):
    with app.app_context():
        letter_type = types()[""].id
    login_as(agency["office"])
    page = client.get(f"{BOOK}?year=2025&type={letter_type}").get_data(as_text=True)
    assert symbols_on(page) == ["02/SNV-VP"]


def test_the_excel_export(client, login_as, agency, registers, book):
    login_as(agency["office"])
    response = client.get(f"{BOOK}export?year=2025&register={registers['ordinary']}")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert "so-van-ban-di-2025.xlsx" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert sheet.title == "Sổ ordinary 2025"
    assert rows[0] == HEADER
    assert [r[0] for r in rows[1:]] == ["01/KH-SNV", "02/SNV-VP", "03/TB-SNV"]  # book order
    plan = rows[1]
    assert plan[1] == datetime(2025, 2, 3)  # a real date cell
    assert plan[2] == "Kế hoạch cải cách hành chính năm 2025"
    assert plan[3:7] == ["Tâm", "Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT, CCHC.", "Văn thư; CCHC", 3]
    assert rows[3][7].startswith("Withdrawn on ") and rows[3][7].endswith(": Sai thẩm quyền")


def test_the_export_follows_the_record_rules(client, login_as, agency, book):
    login_as(agency["head_a"])
    sheet = load_workbook(io.BytesIO(client.get(f"{BOOK}export?year=").data)).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        "01/KH-SNV",
        "02/SNV-VP",
    ]


def test_the_export_is_refused_without_permission(client, login_as, agency, book):
    login_as(agency["staff_a1"])
    assert client.get(f"{BOOK}export").status_code == 403
    client.post("/logout", data={"csrf_token": csrf_token(client, "/admin/")})
    anonymous = client.get(f"{BOOK}export")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]


def test_issuing_from_the_back_office(app, client, login_as, agency, registers):
    login_as(agency["office"])
    with app.app_context():
        decision = types()["QĐ"].id
    form = {
        "csrf_token": csrf_token(client, f"{BOOK}issue"),
        "register_id": registers["ordinary"],
        "type_id": decision,
        "signed_on": "2025-06-02",
        "summary": "về việc ban hành Quy chế",
        "signer": "Nguyễn Văn Thành",
        "unit_id": agency["a"],
        "recipients": "Nơi nhận:\n- Lưu: VT.",
        "copies": "2",
    }
    done = client.post(f"{BOOK}issue", data=form)
    assert done.status_code == 303
    assert f"register={registers['ordinary']}" in done.headers["Location"]
    page = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Number 01/QĐ-SNV issued." in page
    refused = client.post(f"{BOOK}issue", data={**form, "summary": " "})
    assert refused.status_code == 200
    assert 'data-testid="error-summary"' in refused.get_data(as_text=True)
    closed = client.post(f"{BOOK}issue", data={**form, "register_id": registers["closed"]})
    assert "Not a valid choice" in closed.get_data(as_text=True)  # closed registers not offered
    with app.app_context():
        stored = db.session.scalars(select(Document)).all()
        assert [(d.symbol, d.unit_id, d.copies, d.issued_by_id) for d in stored] == [
            ("01/QĐ-SNV", agency["a"], 2, agency["office"])
        ]


def test_the_issue_form_offers_registers_the_user_may_use(client, login_as, agency, registers):
    login_as(agency["office"])
    page = client.get(f"{BOOK}issue").get_data(as_text=True)
    assert "Sổ ordinary" in page
    assert "Sổ confidential" not in page and "Sổ closed" not in page
    login_as(agency["administrator"])
    assert "Sổ confidential" in client.get(f"{BOOK}issue").get_data(as_text=True)


def test_withdrawing_from_the_back_office(app, client, login_as, agency, book):
    login_as(agency["office"])
    doc_id, symbol = book["plan"]
    url = f"{BOOK}{doc_id}/withdraw"
    assert symbol in client.get(url).get_data(as_text=True)
    token = csrf_token(client, url)
    empty = client.post(url, data={"csrf_token": token, "reason": ""})
    assert 'data-testid="error-reason"' in empty.get_data(as_text=True)
    done = client.post(url, data={"csrf_token": token, "reason": "Ban hành nhầm"})
    assert done.status_code == 303
    with app.app_context():
        stored = db.session.get(Document, doc_id)
        assert (stored.status, stored.number, stored.withdrawn_by_id) == (
            "withdrawn",
            1,
            agency["office"],
        )
    assert client.get(f"{BOOK}{book['secret'][0]}/withdraw").status_code == 404
    assert client.get(f"{BOOK}nonsense/withdraw").status_code == 404
    assert client.get(f"{BOOK}99999999999/withdraw").status_code == 404


def test_the_format_check_page(app, client, login_as, agency):
    login_as(agency["staff_a1"])
    url = "/admin/core_document_check/"
    with app.app_context():
        decision = types()["QĐ"].id
    page = client.post(
        url,
        data={
            "csrf_token": csrf_token(client, url),
            "type_id": decision,
            "symbol": "5/QĐ-SNV",
            "date_line": "Hà Nội, 05/02/2026",
            "recipients": "",
        },
    ).get_data(as_text=True)
    assert 'data-code="leading_zero"' in page and 'data-code="not_in_words"' in page
    assert 'data-code="missing"' not in page  # parts left empty are not checked


def test_type_and_register_views_save_through_the_services(
    app, client, login_as, agency, registers
):
    login_as(agency["office"])
    url = "/admin/core_register/new/"
    with app.app_context():
        notice = types()["TB"].id
    clash = client.post(
        url,
        data={
            "csrf_token": csrf_token(client, url),
            "name": "Sổ thông báo",
            "kind": "ordinary",
            "unit": str(agency["root"]),
            "types": [str(notice)],
            "active": "y",
        },
    )
    assert "already numbers Thông báo" in clash.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Register)) == 3
        report = types()["BC"].id  # numbered by the closed register only
    made = client.post(
        url,
        data={
            "csrf_token": csrf_token(client, url),
            "name": "Sổ báo cáo",
            "kind": "ordinary",
            "unit": str(agency["root"]),
            "types": [str(report)],
            "active": "y",
        },
    )
    assert made.status_code == 302
    with app.app_context():
        stored = db.session.scalar(select(Register).where(Register.name == "Sổ báo cáo"))
        assert (stored.issuer_name, stored.issuer_abbreviation) == ("Sở Nội vụ", "SNV")
        assert [t.code for t in stored.types] == ["BC"]
    url = "/admin/core_document_type/new/"
    bad = client.post(
        url,
        data={
            "csrf_token": csrf_token(client, url),
            "code": "Q Đ",
            "name": "Quyết định khác",
            "sort_order": "5",
        },
    )
    assert "letters and digits only" in bad.get_data(as_text=True)
    assert client.get("/admin/core_register/").status_code == 200


def test_the_demo_agency_has_registers_and_documents(app):
    from core.org.demo import add_demo_agency
    from core.registry.demo import add_demo_registers

    with app.app_context():
        add_demo_agency(db.session)
        add_demo_registers(db.session)
        db.session.commit()
        add_demo_registers(db.session)  # idempotent
        db.session.commit()
        registers = {r.name: r for r in db.session.scalars(select(Register))}
        assert set(registers) == {
            "Sổ quyết định",
            "Sổ văn bản đi",
            "Sổ văn bản mật",
            "Sổ văn bản Hội đồng Thi đua – Khen thưởng",
        }
        assert registers["Sổ văn bản mật"].kind == "confidential"
        assert len(registers["Sổ văn bản đi"].types) == 27  # all but QĐ
        documents = db.session.scalars(select(Document).order_by(Document.id)).all()
        numbers: dict[tuple[int, int], list[int]] = {}
        for document in documents:
            numbers.setdefault((document.register_id, document.year), []).append(document.number)
        assert all(n == list(range(1, len(n) + 1)) for n in numbers.values())
        if len({d.year for d in documents}) == 1:  # the demo's dates span 40 days back
            assert [d.symbol for d in documents] == [
                "01/QĐ-SNV",
                "01/KH-SNV",
                "02/SNV-VP",
                "03/GM-SNV",
                "04/TB-SNV",
                "02/QĐ-SNV",
                "01/BB-HĐTĐKT",
            ]
        withdrawn = db.session.scalar(select(Document).where(Document.status == "withdrawn"))
        assert withdrawn.symbol.endswith("/QĐ-SNV")


def test_the_unified_search_finds_the_documents_one_may_see(app, agency, book):
    from core.identity.models import User
    from core.search.services import search_all

    def found(role: str, query: str) -> list[str]:
        with app.test_request_context():
            user = db.session.get(User, agency[role])
            groups = search_all(user, query)
            return [h.title for g in groups if g.source == "core.documents" for h in g.hits]

    assert found("office", "cai cach") == ["01/KH-SNV · Kế hoạch"]
    assert found("office", "02/snv-vp") == ["02/SNV-VP · Công văn"]
    assert found("head_b", "cai cach") == []  # unit A's document
    assert found("head_b", "thanh tra") == ["03/TB-SNV · Thông báo"]
    assert found("office", "mat") == []  # confidential
    assert found("staff_a1", "cai cach") == []


def test_the_export_keeps_text_as_text(app, client, login_as, agency, registers, book):
    """A formula-looking signer stays text, and a control character stored before the API
    refused them does not break the book."""
    from sqlalchemy import update

    from core.db import db
    from core.registry.models import Document

    with app.app_context():
        db.session.execute(
            update(Document)
            .where(Document.symbol == "01/KH-SNV")
            .values(signer='=HYPERLINK("http://x")', note="Ghi\x0bchú")
        )
        db.session.commit()
    login_as(agency["office"])
    response = client.get(f"{BOOK}export?year=2025&register={registers['ordinary']}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    signer, note = sheet.cell(row=2, column=4), sheet.cell(row=2, column=8)
    assert signer.value == '=HYPERLINK("http://x")' and signer.data_type == "s"
    assert note.value == "Ghichú"
