"""Submissions checked against the period's template, the consolidated report (sums, texts,
missing units), closing a period to submissions, its Excel workbook and its BC number."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from core.db import db
from core.identity.models import User
from core.org.models import Unit
from core.registry import catalog
from core.registry.models import Document, DocumentType, Register
from core.registry.services import RegistryError
from plugins.planning.reports import services
from plugins.planning.reports.consolidation import consolidate, issue_report, summarize
from plugins.planning.reports.export import report_workbook
from plugins.planning.reports.models import ReportPeriod, ReportSubmission, ReportType
from plugins.planning.reports.rules import ReportConflict, ReportError
from tests.plugins.planning import test_reports_cycle as shared
from tests.plugins.planning.test_reports_cycle import OPENING, run, submission_of, submit, travel

pytestmark = pytest.mark.plugins("planning")
monthly = shared.monthly  # a fixture

AFTER_DUE = date(2026, 11, 20)


@pytest.fixture
def opened(app, agency, monthly) -> dict[str, int]:
    """November's period opened; ids of the submissions of A, A1 and B."""
    run(app, OPENING)
    return {unit: submission_of(app, agency[unit]) for unit in ("a", "a1", "b")}


@pytest.fixture
def reported(app, agency, opened) -> dict[str, int]:
    """A and A1 reported (A1 with a free text), B did not."""
    submit(app, opened["a"], agency["head_a"], date(2026, 11, 12), van_ban_di=4, ket_qua="Ý A")
    with travel(date(2026, 11, 13)), app.app_context():
        a1 = db.session.get(ReportSubmission, opened["a1"])
        figures = {"van_ban_den": 5, "van_ban_di": 2.5, "ket_qua": "Ý A1"}
        services.submit(db.session, a1, figures, "Ghi chú thêm", by=None)
        db.session.commit()
    return opened


def period(session) -> ReportPeriod:
    return session.scalar(select(ReportPeriod))


def refusal(app, submission_id: int, figures, text: str = "") -> ReportError:
    with travel(date(2026, 11, 12)), app.app_context():
        submission = db.session.get(ReportSubmission, submission_id)
        with pytest.raises(ReportError) as refused:
            services.submit(db.session, submission, figures, text)
        db.session.rollback()
        return refused.value


@pytest.mark.parametrize(
    ("figures", "field", "message"),
    [
        (
            {"van_ban_den": 1, "ket_qua": "x", "so_luong": 3},
            "figures.so_luong",
            "Figures: so_luong is not a field of this report.",
        ),
        (
            {"van_ban_den": "mười", "ket_qua": "x"},
            "figures.van_ban_den",
            "Số văn bản đến: a number, not 'mười'.",
        ),
        ({"van_ban_den": True, "ket_qua": "x"}, "figures.van_ban_den", None),
        ({"van_ban_den": float("nan"), "ket_qua": "x"}, "figures.van_ban_den", None),
        ({"van_ban_den": 10**16, "ket_qua": "x"}, "figures.van_ban_den", None),
        ({"ket_qua": "x"}, "figures.van_ban_den", "Số văn bản đến: required."),
        ({"van_ban_den": 1, "ket_qua": "  "}, "figures.ket_qua", "Kết quả nổi bật: required."),
        ({"van_ban_den": 1, "ket_qua": 7}, "figures.ket_qua", "Kết quả nổi bật: text."),
        ([1, 2], "figures", "Figures: an object of values by field name."),
    ],
)
def test_bad_figures_are_refused_naming_the_field(app, opened, figures, field, message):
    error = refusal(app, opened["a"], figures)
    assert error.field == field
    if message:
        assert str(error) == message
    with app.app_context():
        stored = db.session.get(ReportSubmission, opened["a"])
        assert (stored.status, stored.figures, stored.submitted_at) == ("pending", {}, None)


def test_empty_optional_figures_are_left_out(app, agency, opened):
    submit(app, opened["a"], agency["head_a"], date(2026, 11, 12), van_ban_di="")
    with app.app_context():
        stored = db.session.get(ReportSubmission, opened["a"])
        assert stored.figures == {"van_ban_den": 10, "ket_qua": "Hoàn thành kế hoạch tháng."}


def test_the_consolidated_report_sums_lists_texts_and_missing_units(app, agency, reported):
    with app.app_context():
        report = summarize(db.session, period(db.session))
        assert [(t.name, t.total, t.units) for t in report.totals] == [
            ("van_ban_den", 15, 2),
            ("van_ban_di", 6.5, 2),
        ]
        assert [u.unit for u in report.units] == [
            "Phòng Cải cách hành chính",
            "Tổ Kiểm tra",
            "Thanh tra Sở",
        ]
        assert [u.unit for u in report.missing] == ["Thanh tra Sở"]
        assert [u.unit for u in report.reported] == ["Phòng Cải cách hành chính", "Tổ Kiểm tra"]
        a1 = report.units[1]
        assert [(s.label, s.text) for s in a1.texts] == [
            ("Kết quả nổi bật", "Ý A1"),
            ("Other remarks", "Ghi chú thêm"),
        ]


def test_a_consolidated_period_refuses_submissions_with_a_clear_message(app, agency, reported):
    with travel(date(2026, 11, 18)), app.app_context():
        report = consolidate(
            db.session, period(db.session), by=db.session.get(User, agency["office"])
        )
        db.session.commit()
        assert report.period.status == "consolidated"
        assert report.period.consolidated_by_id == agency["office"]
    for unit in ("b", "a"):  # neither a first submission nor a correction
        error = refusal(app, reported[unit], {"van_ban_den": 3, "ket_qua": "muộn"})
        assert error.field == "period"
        assert str(error) == (
            "Period: Báo cáo kết quả công tác 2026-11 was consolidated on 18/11/2026; "
            "submissions are closed."
        )
    with app.app_context():
        b = db.session.get(ReportSubmission, reported["b"])
        assert (b.status, b.figures) == ("pending", {})
        with pytest.raises(ReportConflict) as again:
            consolidate(db.session, period(db.session))
        assert again.value.field == "status"


def test_the_excel_workbook_holds_the_report(app, agency, reported):
    with app.app_context():
        content = report_workbook(summarize(db.session, period(db.session)))
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Summary", "Units", "Texts"]
    summary = [
        [c for c in row if c is not None] for row in book["Summary"].iter_rows(values_only=True)
    ]
    assert summary[0] == ["Báo cáo kết quả công tác — 2026-11"]
    assert summary[1] == [
        "Period 01/11/2026–30/11/2026, figures cut off on 14/11/2026, due on 15/11/2026"
    ]
    assert summary[2] == ["2 of 3 units reported"]
    assert ["Số văn bản đến", 15, 2] in summary
    assert ["Số văn bản đi", 6.5, 2] in summary
    missing_at = summary.index(["Units that did not report"])
    assert summary[missing_at + 1] == ["Thanh tra Sở"]

    units = list(book["Units"].iter_rows(values_only=True))
    assert units[0] == ("Unit", "Status", "Submitted at", "Số văn bản đến", "Số văn bản đi")
    assert units[1][:2] == ("Phòng Cải cách hành chính", "Submitted on time")
    assert units[1][3:] == (10, 4)
    assert units[1][2].strftime("%d/%m/%Y %H:%M") == "12/11/2026 09:00"  # Hà Nội time
    assert units[3] == ("Thanh tra Sở", "Not submitted", None, None, None)

    texts = list(book["Texts"].iter_rows(values_only=True))
    assert texts == [
        ("Unit", "Section", "Text"),
        ("Phòng Cải cách hành chính", "Kết quả nổi bật", "Ý A"),
        ("Tổ Kiểm tra", "Kết quả nổi bật", "Ý A1"),
        ("Tổ Kiểm tra", "Other remarks", "Ghi chú thêm"),
    ]


def test_text_that_looks_like_a_formula_stays_text(app, agency, opened):
    submit(app, opened["a"], None, date(2026, 11, 12), ket_qua='=HYPERLINK("http://x")')
    with app.app_context():
        content = report_workbook(summarize(db.session, period(db.session)))
    cell = load_workbook(io.BytesIO(content))["Texts"]["C2"]
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"


@pytest.fixture
def register(app, agency) -> int:
    """The agency's ordinary register, numbering reports (BC)."""
    with app.app_context():
        types = db.session.scalars(select(DocumentType).where(DocumentType.code == "BC")).all()
        root = db.session.get(Unit, agency["root"])
        saved = catalog.save_register(
            db.session, Register(name="Sổ văn bản đi", unit=root), types=types
        )
        db.session.commit()
        return saved.id


def test_the_report_is_numbered_as_a_bc_document_once(app, agency, reported, register):
    office = agency["office"]
    with travel(AFTER_DUE), app.app_context():
        with pytest.raises(ReportError) as early:
            issue_report(db.session, period(db.session), AFTER_DUE)
        assert early.value.field == "status"
        db.session.rollback()
        consolidate(db.session, period(db.session))
        db.session.commit()

        # A rolled-back issue gives its number back.
        issue_report(db.session, period(db.session), AFTER_DUE, signer="Hoàng Thị Lan")
        db.session.rollback()
        document = issue_report(
            db.session,
            period(db.session),
            AFTER_DUE,
            signer="Hoàng Thị Lan",
            by=db.session.get(User, office),
        )
        db.session.commit()
        assert document.symbol == "01/BC-SNV"
        assert document.summary == "kết quả công tác tháng 11/2026"
        assert (document.source, document.source_ref) == (
            "planning.report_period",
            str(period(db.session).id),
        )
        assert document.issued_by_id == office and document.signed_on == AFTER_DUE
        stored = period(db.session)
        assert (stored.document_id, stored.document_symbol) == (document.id, "01/BC-SNV")

        with pytest.raises(ReportConflict) as twice:
            issue_report(db.session, period(db.session), AFTER_DUE)
        assert twice.value.field == "document_id"
        assert "issued already as 01/BC-SNV" in str(twice.value)
        db.session.rollback()
        assert db.session.scalars(select(Document.symbol)).all() == ["01/BC-SNV"]


def test_without_a_register_for_bc_issuing_is_refused(app, agency, reported):
    with travel(AFTER_DUE), app.app_context():
        consolidate(db.session, period(db.session))
        db.session.commit()
        with pytest.raises(RegistryError) as refused:
            issue_report(db.session, period(db.session), AFTER_DUE)
        assert refused.value.field == "register_id"
        db.session.rollback()
        assert period(db.session).document_id is None


# -- report types and opening by hand ------------------------------------------------------


def type_refusal(app, fields=None, **values) -> ReportError:
    with app.app_context():
        report_type = ReportType(**{"code": "X", "name": "Báo cáo X", "period": "month", **values})
        with pytest.raises(ReportError) as refused:
            services.save_type(db.session, report_type, fields=fields or [])
        db.session.rollback()
        return refused.value


@pytest.mark.parametrize(
    ("fields", "values", "field"),
    [
        ([{"name": "Số", "label": "x"}], {}, "fields.0.name"),
        ([{"name": "a", "label": "x"}, {"name": "a", "label": "y"}], {}, "fields.1.name"),
        ([{"name": "a", "label": ""}], {}, "fields.0.label"),
        ([{"name": "a", "label": "x", "kind": "date"}], {}, "fields.0.kind"),
        ([{"name": "a", "label": "x", "unit": "cái"}], {}, "fields.0"),
        (None, {"period": "decade"}, "period"),
        (None, {"period": "week", "cutoff_day": 8}, "cutoff_day"),
        (None, {"cutoff_day": 0}, "cutoff_day"),
        (None, {"due_days": 91}, "due_days"),
        (None, {"code": " "}, "code"),
        (None, {"name": ""}, "name"),
    ],
)
def test_a_type_that_breaks_a_rule_is_refused_naming_the_field(app, fields, values, field):
    assert type_refusal(app, fields, **values).field == field


def test_a_new_type_takes_the_configurable_defaults(app):
    with app.app_context():
        weekly = services.save_type(
            db.session, ReportType(code="W", name="Báo cáo tuần", period="week")
        )
        assert (weekly.cutoff_day, weekly.due_days, weekly.fields) == (4, 1, [])


def test_opening_a_period_by_hand(app, agency, monthly):
    with app.app_context():
        report_type = db.session.get(ReportType, monthly)
        with pytest.raises(ReportError) as bad:
            services.open_period(db.session, report_type, "2026-Q4")
        assert bad.value.field == "key"
        assert "write it like 2026-11" in str(bad.value)
        opened = services.open_period(db.session, report_type, "2026-10")
        db.session.commit()
        assert opened.unit_count == 3
        with pytest.raises(ReportConflict) as again:
            services.open_period(db.session, report_type, "2026-10")
        assert again.value.field == "key"
        db.session.rollback()
        report_type.active = False
        with pytest.raises(ReportError) as inactive:
            services.open_period(db.session, report_type, "2026-09")
        assert inactive.value.field == "type_id"


def test_the_period_keeps_the_template_it_opened_with(app, agency, opened):
    with app.app_context():
        report_type = db.session.scalar(select(ReportType))
        services.save_type(db.session, report_type, fields=[{"name": "moi", "label": "Mới"}])
        db.session.commit()
    # November's submissions still follow November's template.
    submit(app, opened["a"], agency["head_a"], date(2026, 11, 12))
    assert refusal(app, opened["a1"], {"moi": 1}).field == "figures.moi"
