"""The briefings' back office: the series form with its standing agenda (times in the agency's
zone), making sessions from the list, the session page (reports, previous conclusions with or
without a tracking plugin, the pre-filled minutes) and its buttons."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from core.db import db
from core.notifications.models import Notification
from core.testing import csrf_token
from plugins.meetings.briefings.models import BriefingSeries, BriefingSession
from plugins.meetings.meetings import services as meetings
from tests.plugins.meetings import briefings_support as support
from tests.plugins.meetings.briefings_support import FIRST, NOW, travel, week
from tests.plugins.meetings.meetings_support import issued_notice, setup_dossier, user
from tests.plugins.meetings.test_briefings_minutes import TRACKER

pytestmark = pytest.mark.plugins("meetings")
ids = support.ids  # fixture


@pytest.fixture
def office(app, ids, login_as):
    """office(path, data=None, at=NOW): the office's client, signed in at the frozen time."""

    def open_(path: str, data: dict | None = None, at=NOW):
        with travel(at):
            client = login_as(ids["office"], app.test_client())
            if data is None:
                return client.get(path)
            return client.post(path, data={"csrf_token": csrf_token(client, "/admin/"), **data})

    return open_


def test_a_series_is_created_with_its_standing_agenda(app, ids, office):
    form = {
        "title": "Giao ban lãnh đạo Sở",
        "chair": str(ids["leader"]),
        "secretary": str(ids["office"]),
        "room": str(ids["room2"]),
        "first_starts_at": "2031-03-05T07:30",
        "rrule": "FREQ=WEEKLY;BYDAY=WE",
        "duration_minutes": "60",
        "cutoff_hours": "24",
        "horizon_days": "14",
        "units": [str(ids["a"]), str(ids["b"])],
        "active": "y",
        "items-0-title": "Các đơn vị báo cáo",
        "items-0-kind": "unit_reports",
        "items-0-presenter_unit_id": "",
        "items-1-title": "",
        "items-1-kind": "general",
        "items-2-title": "Kết luận",
        "items-2-kind": "general",
        "items-2-presenter_unit_id": str(ids["a"]),
        "items-2-duration_minutes": "15",
    }
    page = office("/admin/meetings_briefing_series/new/").get_data(True)
    assert 'data-testid="standing-agenda"' in page and "FREQ=WEEKLY;BYDAY=MO" in page
    saved = office("/admin/meetings_briefing_series/new/", form)
    assert saved.status_code == 302, saved.get_data(True)
    with app.app_context():
        series = db.session.scalar(
            select(BriefingSeries).where(BriefingSeries.title == "Giao ban lãnh đạo Sở")
        )
        assert series.first_starts_at == FIRST + timedelta(days=2, minutes=-30)  # 07:30 local
        assert [
            (i.title, i.kind, i.presenter_unit_id, i.duration_minutes) for i in series.items
        ] == [
            ("Các đơn vị báo cáo", "unit_reports", None, None),
            ("Kết luận", "general", ids["a"], 15),
        ]
        series_id = series.id
    edit = office(f"/admin/meetings_briefing_series/edit/?id={series_id}").get_data(True)
    assert 'value="2031-03-05T07:30"' in edit and 'value="Kết luận"' in edit

    refused = office("/admin/meetings_briefing_series/new/", {**form, "rrule": "FREQ=HOURLY"})
    assert refused.status_code == 200 and "Repeat rule" in refused.get_data(True)


def test_sessions_are_made_from_the_list(app, ids, office):
    done = office(
        "/admin/meetings_briefing_series/action/",
        {"action": "generate", "rowid": str(ids["series"])},
    )
    assert done.status_code == 302
    with app.app_context():
        assert len(db.session.scalars(select(BriefingSession)).all()) == 4
    listing = office("/admin/meetings_briefing_session/").get_data(True)
    assert "Giao ban tuần 03/03/2031" in listing and "28/02/2031 16:00" in listing


def _with_conclusions(app, ids) -> int:
    """Sessions made, the first held with an issued notice; the second session's id."""
    with app.test_request_context():
        first, second = support.generated(ids)[:2]
        with travel(week(0, 2)):
            meetings.mark_held(db.session, first.meeting, by=user(ids, "office"))
            issued_notice(ids, first.meeting)
            db.session.commit()
        return second.id


def test_the_session_page_and_its_buttons(app, ids, office):
    second = _with_conclusions(app, ids)
    page = office(f"/admin/meetings_briefing_session/details/?id={second}").get_data(True)
    assert "Giao ban tuần 10/03/2031" in page
    follow_ups = re.search(r'data-testid="follow-ups".*?</table>', page, re.S).group(0)
    assert "Nhiệm vụ 1" in follow_ups and "01/TB-SNV" in follow_ups
    assert page.count('<span class="text-danger">missing</span>') == 2
    assert "Kiểm điểm kết luận giao ban tuần trước" in page

    reminded = office(f"/admin/meetings_briefing_session/{second}/remind", {})
    assert reminded.status_code == 303
    with app.app_context():
        told = db.session.scalars(
            select(Notification.user_id).where(
                Notification.type == "meetings.briefing_report_reminder"
            )
        ).all()
    assert sorted(told) == sorted([ids["head_a"], ids["head_b"]])

    early = office(f"/admin/meetings_briefing_session/{second}/prefill", {})
    assert early.status_code == 303
    with app.app_context():
        assert db.session.get(BriefingSession, second).meeting.minutes is None  # not held yet
    with app.test_request_context(), travel(week(1, 2)):
        meeting = db.session.get(BriefingSession, second).meeting
        meetings.mark_held(db.session, meeting, by=user(ids, "office"))
        db.session.commit()
    filled = office(f"/admin/meetings_briefing_session/{second}/prefill", {}, at=week(1, 2))
    assert filled.status_code == 303
    with app.app_context():
        minutes = db.session.get(BriefingSession, second).meeting.minutes
        assert "Nhiệm vụ 1" in minutes.items[0].content


def test_the_page_shows_statuses_from_a_tracking_plugin(temp_plugin, make_app, agency_in, login_as):
    temp_plugin("tracker", hooks=TRACKER)
    app = make_app(plugins=("meetings", "tracker"))
    found = setup_dossier(app, agency_in(app))
    with app.test_request_context():
        found["series"] = support.make_series(found).id
        db.session.commit()
    second = _with_conclusions(app, found)
    with travel(NOW):
        client = login_as(found["office"], app.test_client())
        page = client.get(f"/admin/meetings_briefing_session/details/?id={second}").get_data(True)
    assert "đang thực hiện (60%)" in page and "/tasks/notice/" in page
