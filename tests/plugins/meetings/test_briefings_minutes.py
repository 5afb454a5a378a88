"""The secretary's view of a session: the previous session's conclusions with their current
status (from a plugin tracking the work, here a stand-in for planning; none without one), and
the minutes pre-filled from the standing agenda, the units' reports and those conclusions."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core.db import db
from plugins.meetings.briefings import reports
from plugins.meetings.briefings.followup import follow_ups
from plugins.meetings.briefings.minutes import draft_sections, prefill_minutes
from plugins.meetings.briefings.models import BriefingSession
from plugins.meetings.meetings import conclusions, minutes, services
from plugins.meetings.meetings.rules import MeetingConflict
from tests.plugins.meetings import briefings_support as support
from tests.plugins.meetings.briefings_support import (
    NOW,
    generated,
    make_series,
    travel,
    week,
)
from tests.plugins.meetings.meetings_support import issued_notice, point, setup_dossier, user

pytestmark = pytest.mark.plugins("meetings")  # but the tests that add a tracking plugin
ids, ctx = support.ids, support.ctx  # fixtures

#: A stand-in for planning: every point of a notice is in progress, 60 %.
TRACKER = """
from core.hooktypes import WorkStatus

@hookimpl
def work_status(app, source, refs):
    if source != "meetings":
        return []
    return [
        WorkStatus(ref, "in_progress", 60, url=f"/tasks/{ref}", label="đang thực hiện")
        for ref in refs if ref.endswith("/point/1")
    ]
"""


def conclude_first(ids) -> tuple[BriefingSession, BriefingSession]:
    """Sessions made; the first held, with an issued notice of two points. Returns the first
    two sessions (in the current request context)."""
    first, second = generated(ids)[:2]
    with travel(week(0, 2)):
        services.mark_held(db.session, first.meeting, by=user(ids, "office"))
        issued_notice(ids, first.meeting)
        db.session.commit()
    return first, second


def report_of_a(ids, briefing):
    with travel(NOW):
        reports.submit_report(
            db.session,
            briefing,
            ids["a"],
            by=user(ids, "head_a"),
            done="Rà soát 12 thủ tục hành chính",
            planned="Trình dự thảo Đề án",
        )
        db.session.commit()


def test_without_a_tracking_plugin_the_statuses_are_absent(ids, ctx):
    first, second = conclude_first(ids)
    assert follow_ups(ctx, first) == []  # no session before the first
    found = follow_ups(ctx, second)
    assert [(f.point.content, f.point.lead_unit_id, f.status) for f in found] == [
        ("Nhiệm vụ 1", ids["a"], None),
        ("Nhiệm vụ 2", ids["a"], None),
    ]
    assert found[0].point.source_ref == f"notice/{found[0].notice.id}/point/1"


@pytest.fixture
def tracked(temp_plugin, make_app, agency_in):
    """An app with meetings and a plugin tracking work; its ids, with the series."""
    temp_plugin("tracker", hooks=TRACKER)
    app = make_app(plugins=("meetings", "tracker"))
    found = setup_dossier(app, agency_in(app))
    with app.test_request_context():
        found["series"] = make_series(found).id
        db.session.commit()
    return app, found


def test_the_previous_conclusions_come_with_their_current_status(tracked):
    app, ids = tracked
    with app.test_request_context():
        _first, second = conclude_first(ids)
        found = follow_ups(db.session, second)
        assert [(f.status.status, f.status.progress) if f.status else None for f in found] == [
            ("in_progress", 60),
            None,
        ]


def test_a_corrected_notice_gives_way_to_its_correction(ids, ctx):
    first, second = conclude_first(ids)
    issued = first.meeting.notices[0]
    with travel(week(0, 3)):
        correction = conclusions.draft_notice(
            ctx,
            first.meeting,
            summary="Đính chính kết luận",
            points=[point(ids, content="Nhiệm vụ 1 (sửa hạn)")],
            corrects=issued,
            by=user(ids, "office"),
        )
        conclusions.approve_notice(ctx, correction, by=user(ids, "leader"))
        conclusions.issue_notice(ctx, correction, by=user(ids, "office"))
        ctx.commit()
    assert [f.point.content for f in follow_ups(ctx, second)] == ["Nhiệm vụ 1 (sửa hạn)"]


def test_a_cancelled_session_is_skipped_when_looking_back(ids, ctx):
    _first, second = conclude_first(ids)
    third = ctx.scalars(select(BriefingSession).order_by(BriefingSession.occurrence)).all()[2]
    with travel(NOW):
        services.cancel(ctx, second.meeting, by=user(ids, "office"), reason="Nghỉ lễ")
        ctx.commit()
    assert [f.point.content for f in follow_ups(ctx, third)] == ["Nhiệm vụ 1", "Nhiệm vụ 2"]


def test_the_minutes_are_pre_filled_once_held_and_kept_once_written(tracked):
    app, ids = tracked
    with app.test_request_context():
        _first, second = conclude_first(ids)
        report_of_a(ids, second)
        sections = draft_sections(db.session, second)
        assert [s["heading"] for s in sections] == [i["title"] for i in support.ITEMS]
        follow_up, unit_reports, guidance = (s["content"] for s in sections)
        assert follow_up.splitlines() == [
            "1. Nhiệm vụ 1 (lead: Phòng Cải cách hành chính; due 15/04/2031; "
            "status: đang thực hiện (60%))",
            "2. Nhiệm vụ 2 (lead: Phòng Cải cách hành chính; due 15/04/2031)",
        ]
        assert unit_reports.splitlines() == [
            "Phòng Cải cách hành chính:",
            "- Done last week: Rà soát 12 thủ tục hành chính",
            "- Planned for next week: Trình dự thảo Đề án",
            "",
            "No report from: Thanh tra Sở.",
        ]
        assert guidance == ""

        with travel(week(1, -1)), pytest.raises(MeetingConflict):  # not held yet
            prefill_minutes(db.session, second, by=user(ids, "office"))
        db.session.rollback()

        with travel(week(1, 2)):
            office = user(ids, "office")
            services.mark_held(db.session, second.meeting, by=office)
            filled = prefill_minutes(db.session, second, by=office)
            db.session.commit()
            assert [(s.heading, s.content) for s in filled.items] == [
                (s["heading"], s["content"]) for s in sections
            ]
            written = [
                {"heading": s.heading, "content": s.content, "agenda_item_id": s.agenda_item_id}
                for s in filled.items
            ]
            written[2]["content"] = "Giám đốc chỉ đạo đẩy nhanh tiến độ."
            written[1]["content"] = "Các đơn vị báo cáo như tài liệu."
            minutes.write_minutes(db.session, second.meeting, by=office, items=written)
            again = prefill_minutes(db.session, second, by=office)
            db.session.commit()
            assert [s.content for s in again.items] == [
                sections[0]["content"],
                "Các đơn vị báo cáo như tài liệu.",
                "Giám đốc chỉ đạo đẩy nhanh tiến độ.",
            ]


def test_without_such_items_the_reports_and_conclusions_come_at_the_end(ids, ctx):
    from plugins.meetings.briefings.services import update_series

    update_series(ctx, support.series_of(ids), items=[{"title": "Ý kiến chỉ đạo"}])
    ctx.commit()
    _first, second = conclude_first(ids)
    report_of_a(ids, second)
    headings = [s["heading"] for s in draft_sections(ctx, second)]
    assert headings == [
        "Ý kiến chỉ đạo",
        "Follow-up of the previous briefing's conclusions",
        "Reports of the units",
    ]
