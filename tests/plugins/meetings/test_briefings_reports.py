"""The units' reports before a session: one per unit (the database refuses a second), late
after the cut-off, closed once the session starts; the record rule by unit in the back office;
the requests and reminders the job sends, once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core.db import db
from core.notifications.models import Notification
from core.testing import csrf_token
from plugins.meetings.briefings import jobs, reports, services
from plugins.meetings.briefings.models import BriefingReport, BriefingSession
from tests.plugins.meetings import briefings_support as support
from tests.plugins.meetings.briefings_support import FIRST, NOW, generated, travel
from tests.plugins.meetings.meetings_support import user

pytestmark = pytest.mark.plugins("meetings")
ids, ctx = support.ids, support.ctx  # fixtures

REPORT = {"done": "Hoàn thành rà soát thủ tục", "planned": "Trình Đề án", "proposals": ""}


@pytest.fixture
def first(ids, ctx) -> BriefingSession:
    """The first session (Monday 3 March 2031; reports due Friday 28 February 16:00)."""
    return generated(ids)[0]


def submit(ids, briefing, unit="a", by="head_a", **texts):
    return reports.submit_report(
        db.session, briefing, ids[unit], by=user(ids, by), **{**REPORT, **texts}
    )


def test_one_report_per_unit_and_session(ids, ctx, first):
    with travel(NOW):
        report = submit(ids, first)
        ctx.commit()
        assert (report.late, report.submitted_by_id) == (False, ids["head_a"])
        with pytest.raises(services.BriefingConflict) as refused:
            submit(ids, first)
        assert refused.value.field == "unit_id"
        ctx.rollback()
    ctx.add(BriefingReport(session_id=first.id, unit_id=ids["a"], done="Lần hai"))
    with pytest.raises(IntegrityError):
        ctx.flush()


def test_a_report_after_the_cutoff_is_late_and_none_once_the_session_began(ids, ctx, first):
    with travel(first.report_due_at + timedelta(minutes=1)):
        assert submit(ids, first).late is True
    with travel(FIRST), pytest.raises(services.BriefingError) as refused:
        submit(ids, first, unit="b", by="head_b")
    assert refused.value.field == "session_id"


@pytest.mark.parametrize(
    ("unit", "texts", "field"),
    [("a1", {}, "unit_id"), ("a", {"done": " ", "planned": "", "proposals": ""}, "done")],
)
def test_a_report_of_another_unit_or_empty_is_refused(ids, ctx, first, unit, texts, field):
    with travel(NOW), pytest.raises(services.BriefingError) as refused:
        submit(ids, first, unit=unit, **texts)
    assert refused.value.field == field


def test_editing_keeps_it_late_and_stops_at_the_start(ids, ctx, first):
    with travel(first.report_due_at + timedelta(hours=1)):
        report = submit(ids, first)
        reports.update_report(ctx, report, planned="Trình Đề án vào thứ Tư")
        assert (report.planned, report.late) == ("Trình Đề án vào thứ Tư", True)
    with travel(FIRST + timedelta(minutes=5)), pytest.raises(services.BriefingError):
        reports.update_report(ctx, report, planned="Quá muộn")


def test_the_missing_units(ids, ctx, first):
    with travel(NOW):
        submit(ids, first)
    assert [u.id for u in reports.missing_units(ctx, first)] == [ids["b"]]


def _notified(type_: str) -> list[tuple[int, str]]:
    return [
        (n.user_id, n.link)
        for n in db.session.scalars(
            select(Notification).where(Notification.type == type_).order_by(Notification.id)
        )
    ]


def test_units_are_asked_then_reminded_once(app, ids, ctx, first):
    due = first.report_due_at
    with travel(due - timedelta(hours=73)):
        assert jobs.run()["requested"] == 0  # not yet
    with travel(due - timedelta(hours=71)):
        assert jobs.run()["requested"] == 2  # the heads of A and B
        submit(ids, first)
        ctx.commit()
    asked = _notified("meetings.briefing_report_requested")
    assert sorted(u for u, _link in asked) == sorted([ids["head_a"], ids["head_b"]])
    link = dict(asked)[ids["head_b"]]
    assert f"session_id={first.id}" in link and f"unit_id={ids['b']}" in link
    with travel(due - timedelta(hours=3)):
        result = jobs.run()
        assert (result["requested"], result["reminded"]) == (0, 1)
        assert jobs.run()["reminded"] == 0  # once
    assert [u for u, _link in _notified("meetings.briefing_report_reminder")] == [ids["head_b"]]


def test_a_late_request_is_not_followed_by_a_reminder(ids, ctx, first):
    with travel(first.report_due_at - timedelta(hours=2)):
        result = jobs.run()
        assert (result["requested"], result["reminded"]) == (2, 0)
        assert jobs.run()["reminded"] == 0
    assert _notified("meetings.briefing_report_reminder") == []


# -- the back office: record rule by unit -------------------------------------------------
# (no request context stays open around the test client's requests: they would share it)


@pytest.fixture
def first_id(app, ids) -> int:
    with app.test_request_context():
        return generated(ids)[0].id


def test_a_unit_head_reports_for_their_unit_only(app, ids, first_id, login_as):
    url = "/admin/meetings_briefing_report/new/"
    with travel(NOW):
        head_a = login_as(ids["head_a"], app.test_client())  # signed in at the travelled time
        page = head_a.get(f"{url}?session_id={first_id}&unit_id={ids['a']}").get_data(True)
        assert "Phòng Cải cách hành chính" in page and "Thanh tra Sở" not in page
        token = csrf_token(head_a, url)
        form = {"csrf_token": token, "session": str(first_id), **REPORT}
        refused = head_a.post(url, data={**form, "unit": str(ids["b"])})
        assert refused.status_code == 200  # the form again: B is not a choice
        saved = head_a.post(url, data={**form, "unit": str(ids["a"])})
        assert saved.status_code == 302
    with app.app_context():
        stored = db.session.scalars(select(BriefingReport)).all()
        assert [(r.unit_id, r.done) for r in stored] == [(ids["a"], REPORT["done"])]
        report_id = stored[0].id
    with travel(NOW):
        details = head_a.get(f"/admin/meetings_briefing_report/details/?id={report_id}")
    assert details.status_code == 200


def test_another_unit_head_does_not_see_the_report(app, ids, first_id, login_as):
    with app.test_request_context(), travel(NOW):
        report = submit(ids, db.session.get(BriefingSession, first_id))
        db.session.commit()
        report_id = report.id
    with travel(NOW):
        head_b = login_as(ids["head_b"], app.test_client())
        details = head_b.get(f"/admin/meetings_briefing_report/details/?id={report_id}")
        listing = head_b.get("/admin/meetings_briefing_report/").get_data(True)
    assert details.status_code == 404
    assert REPORT["done"] not in listing
