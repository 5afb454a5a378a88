"""The monthly summary: what each unit received in a month (agency time), on the page, as CSV
and through the API; a unit head sees their units only."""

import csv
import io
from datetime import UTC, datetime

import pytest
import time_machine


@pytest.fixture
def issued_in_november(api, ask, agency):
    """Unit A receives twice in November 2026 (once on the 30th at 23:30 agency time, which is
    still November there), unit B once; one more request of A is issued on 1 December."""
    office = api("office")

    def hand_over(request: dict, at: datetime) -> None:
        with time_machine.travel(at, tick=False):
            assert office.post(f"/requests/{request['id']}/approve").status_code == 200
            assert office.post(f"/requests/{request['id']}/issue").status_code == 200

    with time_machine.travel(datetime(2026, 11, 2, 2, tzinfo=UTC), tick=False):
        first, second, third, fourth = (
            ask(GA4=3),
            ask(GA4=2, BB=1),
            ask(who="head_b", unit="b"),
            ask(),
        )
    hand_over(first, datetime(2026, 11, 3, 2, tzinfo=UTC))
    hand_over(second, datetime(2026, 11, 30, 16, 30, tzinfo=UTC))  # 23:30 in Hà Nội
    hand_over(third, datetime(2026, 11, 10, 2, tzinfo=UTC))
    hand_over(fourth, datetime(2026, 11, 30, 17, 30, tzinfo=UTC))  # 1 December in Hà Nội


def test_the_api_sums_per_unit_and_item(api, issued_in_november):
    rows = api("office").get("/summary?month=2026-11").get_json()["rows"]
    assert [(r["unit"], r["code"], r["quantity"], r["requests"]) for r in rows] == [
        ("Phòng Cải cách hành chính", "BB", 1, 1),
        ("Phòng Cải cách hành chính", "GA4", 5, 2),
        ("Thanh tra Sở", "BB", 2, 1),
        ("Thanh tra Sở", "GA4", 10, 1),
    ]
    december = api("office").get("/summary?month=2026-12").get_json()["rows"]
    assert {(r["code"], r["quantity"]) for r in december} == {("GA4", 10), ("BB", 2)}
    assert api("office").get("/summary?month=2026-13").status_code == 422
    assert api("staff_a").get("/summary?month=2026-11").status_code == 403


def test_a_unit_head_sees_their_units_only(api, issued_in_november):
    rows = api("head_b").get("/summary?month=2026-11").get_json()["rows"]
    assert {r["unit"] for r in rows} == {"Thanh tra Sở"}


def test_the_page_and_its_csv(app, agency, login_as, issued_in_november):
    office = login_as(agency["office"])
    page = office.get("/admin/supplies_summary/?month=2026-11").get_data(as_text=True)
    assert "11/2026" in page and "Thanh tra Sở" in page
    export = office.get("/admin/supplies_summary/export.csv?month=2026-11")
    assert export.mimetype == "text/csv"
    assert "supplies-2026-11.csv" in export.headers["Content-Disposition"]
    content = export.get_data()
    assert content.startswith(b"\xef\xbb\xbf")  # so spreadsheets read it as UTF-8
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["Unit", "Code", "Item", "Measure", "Quantity issued", "Requests"]
    assert ["Phòng Cải cách hành chính", "GA4", "Giấy A4", "ram", "5", "2"] in rows
    assert len(rows) == 5


def test_a_cell_that_looks_like_a_formula_stays_text():
    from vanphong_supplies.summary import SummaryRow, summary_csv

    rows = [SummaryRow("=HYPERLINK(1)", "+1", "-x", "@y", 1, 1)]
    line = summary_csv(rows).decode("utf-8-sig").splitlines()[1]
    assert line == "'=HYPERLINK(1),'+1,'-x,'@y,1,1"
