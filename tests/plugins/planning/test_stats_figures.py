"""On-time statistics on a known set of tasks: per unit and per month, quarter and year,
against the ORIGINAL deadline; the page with its SVG charts in a bounded number of statements;
the Excel export read back with openpyxl; record rules and permissions.

The known set (the clock stands on Wednesday 15 April 2026):

======  =========  ==========  =======================================  ==================
task    lead       due_on      what happened                            counts as
======  =========  ==========  =======================================  ==================
T1      unit A     10/03       done 09/03                               on time (March)
T2      unit A     20/03       done 25/03                               late (March)
T3      unit A     31/03       still in progress                        overdue (March)
T4      unit A     15/03       extended to 30/03, done 28/03            late (March)
T5      unit A     30/04       not started                              not yet due
T6      unit A     05/03       cancelled                                nothing
T7      unit B     10/02       done 10/02                               on time (February)
T8      unit B     10/04       overdue                                  overdue (April)
T9      staff A1   20/01       done 19/01 (a person: their unit A1)     on time (January)
T10     unit B     20/12/2025  done 22/12/2025                          late (2025)
======  =========  ==========  =======================================  ==================
"""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from openpyxl import load_workbook

from core.db import db
from plugins.planning.stats.figures import Figures, Period, on_time_report
from plugins.planning.tasks.models import Task

pytestmark = pytest.mark.plugins("planning")

TODAY = date(2026, 4, 15)
PAGE = "/admin/planning_stats/"


@pytest.fixture
def frozen():
    with time_machine.travel(
        datetime(2026, 4, 15, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False
    ):
        yield TODAY


def task(lead: dict, due: date, status: str, done: date | None = None, deadline=None) -> Task:
    return Task(
        title=f"Nhiệm vụ hạn {due:%d/%m/%Y}",
        assigned_on=date(2025, 12, 1),
        due_on=due,
        deadline=deadline or due,
        status=status,
        completed_on=done,
        progress=100 if done else 0,
        **lead,
    )


def known_tasks(agency) -> list[Task]:
    a, b = {"lead_unit_id": agency["a"]}, {"lead_unit_id": agency["b"]}
    person = {"lead_user_id": agency["staff_a1"]}
    return [
        task(a, date(2026, 3, 10), "done_on_time", date(2026, 3, 9)),
        task(a, date(2026, 3, 20), "done_late", date(2026, 3, 25)),
        task(a, date(2026, 3, 31), "in_progress"),
        task(a, date(2026, 3, 15), "done_on_time", date(2026, 3, 28), deadline=date(2026, 3, 30)),
        task(a, date(2026, 4, 30), "not_started"),
        task(a, date(2026, 3, 5), "cancelled"),
        task(b, date(2026, 2, 10), "done_on_time", date(2026, 2, 10)),
        task(b, date(2026, 4, 10), "overdue"),
        task(person, date(2026, 1, 20), "done_on_time", date(2026, 1, 19)),
        task(b, date(2025, 12, 20), "done_late", date(2025, 12, 22)),
    ]


@pytest.fixture
def known(app, agency, frozen):
    with app.app_context():
        db.session.add_all(known_tasks(agency))
        db.session.commit()
    return agency


def figures(f: Figures) -> tuple[int, int, int, int]:
    return (f.on_time, f.late, f.overdue, f.pending)


def test_figures_per_unit_and_month(app, known):
    with app.app_context():
        report = on_time_report(db.session, "month", 2026, TODAY)
    a, a1, b = known["a"], known["a1"], known["b"]
    assert [u for u, _name in report.units] == [a, a1, b]  # the org chart's order
    march, april = Period("month", 2026, 3), Period("month", 2026, 4)
    assert figures(report.cell(a, march)) == (1, 2, 1, 0)  # the extension does not help T4
    assert report.cell(a, march).rate == 0.25
    assert figures(report.cell(a, april)) == (0, 0, 0, 1)
    assert report.cell(a, april).rate is None  # nothing due yet: no rate, not 0 %
    assert figures(report.cell(a1, Period("month", 2026, 1))) == (1, 0, 0, 0)
    assert figures(report.cell(b, Period("month", 2026, 2))) == (1, 0, 0, 0)
    assert figures(report.by_period[april]) == (0, 0, 1, 1)
    assert figures(report.by_unit[a]) == (1, 2, 1, 1)
    assert figures(report.by_unit[b]) == (1, 0, 1, 0)
    assert figures(report.total) == (3, 2, 2, 1)
    assert round(report.total.rate, 4) == round(3 / 7, 4)


def test_figures_per_quarter_and_year(app, known):
    with app.app_context():
        quarters = on_time_report(db.session, "quarter", 2026, TODAY)
        years = on_time_report(db.session, "year", 2026, TODAY)
    assert [p.label for p in quarters.periods] == ["Q1/2026", "Q2/2026", "Q3/2026", "Q4/2026"]
    assert figures(quarters.by_period[Period("quarter", 2026, 1)]) == (3, 2, 1, 0)
    assert figures(quarters.by_period[Period("quarter", 2026, 2)]) == (0, 0, 1, 1)
    assert [p.label for p in years.periods] == ["2022", "2023", "2024", "2025", "2026"]
    assert figures(years.by_period[Period("year", 2025, 1)]) == (0, 1, 0, 0)
    assert figures(years.cell(known["b"], Period("year", 2026, 1))) == (1, 0, 1, 0)
    assert figures(years.total) == (3, 3, 2, 1)


def test_a_unit_head_sees_their_units_only(app, known, login_as):
    client = login_as(known["head_a"])
    page = client.get(f"{PAGE}?period=month&year=2026").get_data(as_text=True)
    assert f'data-unit="{known["a"]}"' in page and f'data-unit="{known["a1"]}"' in page
    assert f'data-unit="{known["b"]}"' not in page
    assert (
        'data-testid="stats-total" title="2 on time, 2 late, 1 overdue, 1 not yet due">40%' in page
    )


def test_the_page_draws_its_charts_in_bounded_statements(app, known, login_as, query_counter):
    client = login_as(known["office"])
    client.get(PAGE)  # the session's first use
    with query_counter() as few:
        page = client.get(f"{PAGE}?period=month&year=2026").get_data(as_text=True)
    assert '<svg class="vp-chart"' in page and 'data-testid="unit-chart"' in page
    assert "Phòng Cải cách hành chính: 25% (4)" in page  # the bar's title
    assert (
        'data-testid="stats-total" title="3 on time, 2 late, 2 overdue, 1 not yet due">43%' in page
    )
    body = page.split('data-testid="stats-filters"')[1].split('data-testid="stats-total"')[0]
    assert "<script" not in body and "cdn" not in body  # no chart library, nothing fetched
    with app.app_context():
        db.session.add_all(known_tasks(known) * 1 + known_tasks(known) + known_tasks(known))
        db.session.commit()
    with query_counter() as many:
        assert client.get(f"{PAGE}?period=month&year=2026").status_code == 200
    assert few.count == many.count <= 4  # the user, the figures, the units' names


def test_bad_parameters_fall_back_to_this_year_by_month(app, known, login_as):
    client = login_as(known["office"])
    for query in ("period=decade", "year=abc", "year=99999", "period=year&year=1800"):
        page = client.get(f"{PAGE}?{query}")
        assert page.status_code == 200, query
        assert ">04/2026<" in page.get_data(as_text=True) or ">2026<" in page.get_data(as_text=True)


def test_the_excel_export_holds_the_figures(app, known, login_as):
    client = login_as(known["office"])
    answer = client.get(f"{PAGE}export?period=quarter&year=2026")
    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"].endswith("thong-ke-dung-han-quarter-2026.xlsx")
    workbook = load_workbook(io.BytesIO(answer.data))
    assert workbook.sheetnames == ["By unit", "By period", "Units and periods"]
    by_unit = list(workbook["By unit"].iter_rows(values_only=True))
    assert by_unit[0] == ("Unit", "On time", "Late", "Overdue", "Not yet due", "On-time rate")
    assert by_unit[1] == ("Phòng Cải cách hành chính", 1, 2, 1, 1, 0.25)
    assert by_unit[-1] == ("All units", 3, 2, 2, 1, round(3 / 7, 4))
    by_period = list(workbook["By period"].iter_rows(values_only=True))
    assert by_period[1] == ("Q1/2026", 3, 2, 1, 0, 0.5)
    assert by_period[3] == ("Q3/2026", 0, 0, 0, 0, None)
    assert workbook["By unit"]["F2"].number_format == "0.0%"


def test_staff_may_not_see_the_statistics(app, known, login_as):
    client = login_as(known["staff_a1"])
    assert client.get(PAGE).status_code == 403
    assert client.get(f"{PAGE}export").status_code == 403
