"""The reporting regime in the back office: report types with their template, opening a
period, a unit's submission form under the record rule, the period's page (per-unit status,
consolidation, Excel, BC number), the home page widget, the search, lists in a constant number
of statements, and the demo data."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from core.db import db, utcnow
from core.i18n import agency_today
from core.testing import csrf_token
from plugins.planning.reports.models import ReportPeriod, ReportSubmission, ReportType
from tests.plugins.planning import test_reports_consolidation as consolidation
from tests.plugins.planning import test_reports_cycle as shared
from tests.plugins.planning.test_reports_cycle import OPENING, run, submission_of, travel

pytestmark = pytest.mark.plugins("planning")
monthly = shared.monthly  # fixtures
register = consolidation.register

TYPES = "/admin/planning_report_type/"
PERIODS = "/admin/planning_report_period/"
SUBMISSIONS = "/admin/planning_report_submission/"
TEMPLATE = "van_ban_den | Số văn bản đến | number | required\nket_qua | Kết quả | text"


@pytest.fixture
def opened(app, agency, monthly) -> dict[str, int]:
    run(app, OPENING)
    with app.app_context():
        period = db.session.scalar(select(ReportPeriod.id))
    return {"period": period, **{u: submission_of(app, agency[u]) for u in ("a", "a1", "b")}}


def page(response) -> str:
    return response.get_data(as_text=True)


def test_the_office_defines_a_type_with_its_template(app, client, login_as, agency):
    login_as(agency["office"])
    url = f"{TYPES}new/"
    form = {
        "code": "BC-QUY",
        "name": "Báo cáo quý",
        "period": "quarter",
        "cutoff_day": "14",
        "due_days": "3",
        "units": [str(agency["a"]), str(agency["b"])],
        "active": "y",
    }
    bad = client.post(
        url, data={**form, "csrf_token": csrf_token(client, url), "template": "Số | x | number"}
    )
    assert "the name &#39;Số&#39; must be lower-case letters" in page(bad)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ReportType)) == 0
    made = client.post(
        url, data={**form, "csrf_token": csrf_token(client, url), "template": TEMPLATE}
    )
    assert made.status_code == 302
    with app.app_context():
        stored = db.session.scalar(select(ReportType))
        assert stored.fields == [
            {"name": "van_ban_den", "label": "Số văn bản đến", "kind": "number", "required": True},
            {"name": "ket_qua", "label": "Kết quả", "kind": "text", "required": False},
        ]
        assert sorted(stored.unit_ids) == sorted([agency["a"], agency["b"]])
        type_id = stored.id
    edit = page(client.get(f"{TYPES}edit/?id={type_id}"))
    assert "van_ban_den | Số văn bản đến | number | required" in edit
    details = page(client.get(f"{TYPES}details/?id={type_id}"))
    assert "ket_qua | Kết quả | text" in details


def test_the_office_opens_a_period_from_the_list(app, client, login_as, agency, monthly):
    login_as(agency["office"])
    url = f"{PERIODS}new/"
    bad = client.post(
        url, data={"csrf_token": csrf_token(client, url), "type": str(monthly), "key": "11/2026"}
    )
    assert "write it like 2026-11" in page(bad)
    made = client.post(
        url, data={"csrf_token": csrf_token(client, url), "type": str(monthly), "key": "2026-10"}
    )
    assert made.status_code == 302
    listed = page(client.get(PERIODS))
    assert "2026-10" in listed and "0/3" in listed and "15/10/2026" in listed


def test_a_unit_submits_through_its_form(app, client, login_as, agency, opened):
    with travel(date(2026, 11, 12)):
        login_as(agency["staff_a1"])
        url = f"{SUBMISSIONS}submit/{opened['a1']}/"
        shown = page(client.get(url))
        assert "Báo cáo kết quả công tác — 2026-11" in shown and "Tổ Kiểm tra" in shown
        assert 'name="figure_van_ban_den"' in shown and "due 15/11/2026" in shown
        token = csrf_token(client, url)
        data = {"csrf_token": token, "version": "1", "figure_ket_qua": "Đã kiểm tra"}
        bad = client.post(url, data={**data, "figure_van_ban_den": "mười hai"})
        assert bad.status_code == 200
        assert 'data-testid="error-figure_van_ban_den"' in page(bad)
        assert "Số văn bản đến: a number, not &#39;mười hai&#39;." in page(bad)
        done = client.post(url, data={**data, "figure_van_ban_den": "1 200", "text": "Ghi chú"})
        assert done.status_code == 303
        stale = client.post(url, data={**data, "figure_van_ban_den": "5"}, follow_redirects=True)
        assert "Someone else changed this record meanwhile" in page(stale)
    with app.app_context():
        stored = db.session.get(ReportSubmission, opened["a1"])
        assert stored.status == "submitted" and stored.text == "Ghi chú"
        assert stored.figures == {"van_ban_den": 1200, "ket_qua": "Đã kiểm tra"}
        assert stored.submitted_by_id == agency["staff_a1"]


def test_another_units_submission_is_out_of_reach(app, client, login_as, agency, opened):
    login_as(agency["head_b"])
    url = f"{SUBMISSIONS}submit/{opened['a1']}/"
    assert client.get(url).status_code == 404
    listed = page(client.get(SUBMISSIONS))
    assert "Thanh tra Sở" in listed and "Tổ Kiểm tra" not in listed
    token = csrf_token(client, f"{SUBMISSIONS}submit/{opened['b']}/")
    refused = client.post(url, data={"csrf_token": token, "version": "1", "figure_ket_qua": "x"})
    assert refused.status_code == 404
    with app.app_context():
        assert db.session.get(ReportSubmission, opened["a1"]).status == "pending"


def test_the_periods_page_consolidates_exports_and_issues(
    app, client, login_as, agency, opened, register
):
    with travel(date(2026, 11, 12)), app.app_context():
        from plugins.planning.reports import services

        services.submit(
            db.session,
            db.session.get(ReportSubmission, opened["a"]),
            {"van_ban_den": 40, "ket_qua": "Hoàn thành"},
        )
        db.session.commit()
    with travel(date(2026, 11, 18)):
        login_as(agency["office"])
        url = f"{PERIODS}report/{opened['period']}/"
        shown = page(client.get(url))
        assert 'data-status="submitted"' in shown and shown.count('data-status="pending"') == 2
        assert "1 of 3 reported" in shown and "late" in shown
        assert (
            '<tr data-figure="van_ban_den"><td>Số văn bản đến</td><td class="text-right">40'
            in shown
        )
        assert "Thanh tra Sở" in shown.split('data-testid="missing"')[1]
        assert "1/3" in page(client.get(PERIODS))

        workbook = client.get(f"{PERIODS}workbook/{opened['period']}/")
        assert workbook.status_code == 200
        assert workbook.headers["Content-Disposition"].endswith("bao-cao-BC-THANG-2026-11.xlsx")
        summary = load_workbook(io.BytesIO(workbook.data))["Summary"]
        assert ("Số văn bản đến", 40, 1) in list(summary.iter_rows(values_only=True))

        token = csrf_token(client, url)
        done = client.post(f"{PERIODS}consolidate/{opened['period']}/", data={"csrf_token": token})
        assert done.status_code == 303
        shown = page(client.get(url))
        assert 'data-testid="issue-form"' in shown and 'data-testid="consolidate"' not in shown
        issued = client.post(
            f"{PERIODS}issue/{opened['period']}/",
            data={"csrf_token": token, "signed_on": "2026-11-18", "signer": "Hoàng Thị Lan"},
            follow_redirects=True,
        )
        assert "Number 01/BC-SNV issued." in page(issued)
        assert "issued as 01/BC-SNV" in page(issued)

        # The units' forms are closed now.
        login_as(agency["head_b"])
        closed = page(client.get(f"{SUBMISSIONS}submit/{opened['b']}/"))
        assert 'data-testid="consolidated"' in closed and "submission-form" not in closed
        token = csrf_token(client, "/admin/")
        refused = client.post(
            f"{SUBMISSIONS}submit/{opened['b']}/",
            data={
                "csrf_token": token,
                "version": "1",
                "figure_van_ban_den": "1",
                "figure_ket_qua": "x",
            },
        )
        assert "was consolidated on 18/11/2026; submissions are closed." in page(refused)


def test_the_period_pages_are_the_offices(app, client, login_as, agency, opened):
    login_as(agency["head_a"])
    assert client.get(f"{PERIODS}report/{opened['period']}/").status_code == 403
    login_as(agency["office"])
    assert client.get(f"{PERIODS}report/999999/").status_code == 404


def test_the_widget_lists_reports_awaiting_the_users_units(app, client, login_as, agency, opened):
    with travel(date(2026, 11, 16)):
        login_as(agency["head_a"])
        shown = page(client.get("/admin/"))
        assert "Reports awaiting submission" in shown
        widget = shown.split('data-testid="reports-awaiting"')[1].split("</ul>")[0]
        assert "Phòng Cải cách hành chính" in widget and "Tổ Kiểm tra" in widget
        assert "Thanh tra Sở" not in widget
        assert widget.count("late since 15/11/2026") == 2
        assert f"{SUBMISSIONS}submit/{opened['a']}/" in widget

        with app.app_context():
            for unit in ("a", "a1"):
                submission = db.session.get(ReportSubmission, opened[unit])
                submission.status, submission.submitted_at = "submitted", utcnow()
            db.session.commit()
        assert 'data-testid="reports-awaiting-none"' in page(client.get("/admin/"))


def test_the_search_finds_report_types(app, client, login_as, agency, monthly):
    login_as(agency["staff_a1"])
    found = client.get("/api/v1/search", query_string={"q": "ket qua cong tac"}).json
    hits = [hit for group in found for hit in group["hits"]]
    assert [h["title"] for h in hits] == ["Báo cáo kết quả công tác"]
    assert hits[0]["url"] == f"{TYPES}details/?id={monthly}"


def test_admin_lists_cost_three_statements(app, agency, opened, login_as, query_counter):
    for role in ("office", "head_a"):
        client = login_as(agency[role], app.test_client())
        client.get("/admin/")
        for url in (TYPES, PERIODS, SUBMISSIONS):
            if role == "head_a" and url == PERIODS:
                continue
            counts = []
            for size in (20, 100):
                with query_counter() as queries:
                    assert client.get(f"{url}?page_size={size}").status_code == 200
                counts.append(queries.count)
            assert counts[0] == counts[1] <= 3, (role, url, counts)


def test_demo_data_is_added_once(app):
    from core.org.demo import add_demo_agency
    from plugins.planning.reports.demo import add_demo_reports

    with app.app_context():
        add_demo_agency(db.session)
        db.session.commit()
        for _ in range(2):
            add_demo_reports(db.session)
            db.session.commit()
        codes = db.session.scalars(select(ReportType.code).order_by(ReportType.code)).all()
        assert codes == ["BC-CCHC-QUY", "BC-CT-THANG"]
        today = agency_today()
        last_month = (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
        past = db.session.scalar(select(ReportPeriod).where(ReportPeriod.key == last_month))
        statuses = sorted(s.status for s in past.submissions)
        assert statuses.count("submitted_late") == 1 and statuses.count("pending") == 1
        assert statuses.count("submitted") == 4
        assert db.session.scalar(select(func.count()).select_from(ReportPeriod)) == 3
