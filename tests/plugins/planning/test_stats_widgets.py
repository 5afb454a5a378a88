"""The home page's planning widgets: overdue tasks by unit (the office sees every unit, a unit
head theirs, staff none) and the tasks due this week that the user or their unit leads."""

from __future__ import annotations

from datetime import date

import pytest

from core.db import db
from core.identity.models import User
from plugins.planning.stats.widgets import due_this_week, overdue_by_unit
from tests.plugins.planning import test_stats_figures as shared

pytestmark = pytest.mark.plugins("planning")
frozen, task = shared.frozen, shared.task  # Wednesday 15 April 2026


@pytest.fixture
def week(app, agency, frozen):
    """Overdue: two of unit A, one led by the staff member of A1 (counted in A1), one of B; due
    this week: one led by the staff member of A1, one by team A1, one by B; one of A1 due next
    week."""
    a, a1, b = ({"lead_unit_id": agency[k]} for k in ("a", "a1", "b"))
    person = {"lead_user_id": agency["staff_a1"]}
    with app.app_context():
        db.session.add_all(
            [
                task(a, date(2026, 4, 1), "in_progress"),
                task(a, date(2026, 3, 20), "not_started", deadline=date(2026, 4, 3)),
                task(person, date(2026, 4, 14), "not_started"),  # yesterday: not yet swept
                task(b, date(2026, 4, 10), "overdue"),
                task(b, date(2026, 4, 2), "done_late", date(2026, 4, 9)),  # done: not overdue
                task(person, date(2026, 4, 17), "in_progress"),
                task(a1, date(2026, 4, 16), "not_started"),
                task(b, date(2026, 4, 18), "not_started"),
                task(a1, date(2026, 4, 20), "not_started"),  # next Monday
            ]
        )
        db.session.commit()
    return agency


def test_overdue_tasks_by_unit(app, week):
    with app.test_request_context():
        everyone = overdue_by_unit(db.session, None)
        theirs = overdue_by_unit(db.session, {f"/{week['root']}/{week['a']}/"})
    assert everyone[0][1:] == ("Phòng Cải cách hành chính", 2)  # most overdue first
    assert {(unit_id, n) for unit_id, _name, n in everyone[1:]} == {(week["a1"], 1), (week["b"], 1)}
    assert {unit_id for unit_id, _name, _n in theirs} == {week["a"], week["a1"]}


def test_tasks_due_this_week(app, week):
    with app.test_request_context():
        staff = db.session.get(User, week["staff_a1"])
        due = due_this_week(db.session, staff)
    # Their own and their team's, from today to Sunday; not B's, not next Monday's.
    assert [t.deadline for t in due] == [date(2026, 4, 16), date(2026, 4, 17)]


def test_the_widgets_on_the_home_page(app, week, login_as):
    office = login_as(week["office"], app.test_client()).get("/admin/").get_data(as_text=True)
    assert "Overdue tasks by unit" in office and 'data-testid="overdue-by-unit"' in office
    for unit in ("a", "a1", "b"):
        assert f'data-unit="{week[unit]}"' in office
    head_b = login_as(week["head_b"], app.test_client()).get("/admin/").get_data(as_text=True)
    assert f'data-unit="{week["b"]}"' in head_b and f'data-unit="{week["a"]}"' not in head_b
    staff = login_as(week["staff_a1"], app.test_client()).get("/admin/").get_data(as_text=True)
    assert "Overdue tasks by unit" not in staff
    assert "Tasks due this week" in staff
    assert staff.count('data-task="') == 2 and "16/04" in staff and "17/04" in staff
