"""The low-stock reminder: the office hears once a day at most which items run low."""

from datetime import UTC, datetime

import time_machine


def run_job(app):
    from vanphong_supplies.jobs import low_stock

    with app.app_context():
        return low_stock()


def test_the_office_is_reminded_once_a_day(app, api, items):
    with time_machine.travel(datetime(2026, 12, 1, 0, 30, tzinfo=UTC), tick=False):
        assert run_job(app) is True
        assert run_job(app) is False  # the same day in Hà Nội: nothing more
    reminders = [s for t, s in api("office").inbox() if t == "supplies.low_stock"]
    assert reminders == ["Office supplies running low: 1 items"]
    assert [t for t, _s in api("staff_a").inbox()] == []

    with time_machine.travel(datetime(2026, 12, 1, 23, 30, tzinfo=UTC), tick=False):
        assert run_job(app) is True  # 2 December in Hà Nội
    assert len([t for t, _s in api("office").inbox() if t == "supplies.low_stock"]) == 2


def test_nothing_is_sent_when_nothing_runs_low(app, api, items):
    api("office").post(f"/items/{items['GHIM']}/receive", {"quantity": 10})
    assert run_job(app) is False
    assert api("office").inbox() == []


def test_the_job_is_scheduled_on_working_mornings(app):
    job = app.extensions["vanphong"].registry.scheduled_jobs["supplies.low_stock"]
    assert job.schedule == "30 7 * * 1-5"
    assert job.task == "vanphong_supplies.jobs.low_stock"
