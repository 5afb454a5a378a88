"""Issuing a conclusion notice hands each point over as a ``WorkAssigned`` event, written in
the issuing transaction: with meetings alone nothing else happens; with planning enabled each
point becomes a tracked task after delivery."""

from __future__ import annotations

import pytest
import time_machine
from sqlalchemy import select

from core.db import db
from core.events.delivery import deliver_pending
from core.events.models import EventRecord
from core.notifications.models import Notification
from plugins.meetings.meetings import conclusions
from tests.plugins.meetings.meetings_support import (
    at,
    issued_notice,
    minuted,
    point,
    setup_dossier,
    user,
)


def _issue(app, ids, points=2):
    with app.test_request_context(), time_machine.travel(at(3), tick=False):
        meeting = minuted(ids)
        notice = issued_notice(ids, meeting, points=points)
        db.session.commit()
        return notice.id, notice.document.symbol, notice.document.signed_on


@pytest.mark.plugins("meetings")
def test_issuing_emits_one_work_assigned_per_point(app, agency):
    ids = setup_dossier(app, agency)
    notice_id, symbol, signed_on = _issue(app, ids)
    with app.app_context():
        rows = db.session.scalars(select(EventRecord).order_by(EventRecord.id)).all()
        assert [r.kind for r in rows] == ["core.work_assigned", "core.work_assigned"]
        first = rows[0].payload
        assert first["source"] == "meetings"
        assert [r.payload["source_ref"] for r in rows] == [
            f"notice/{notice_id}/point/1",
            f"notice/{notice_id}/point/2",
        ]
        assert first["title"] == "Nhiệm vụ 1"
        assert first["lead_unit_id"] == ids["a"]
        assert first["supporter_unit_ids"] == [ids["b"]]
        assert first["deadline"] == "2031-04-15"
        assert first["assigner_id"] == ids["leader"]
        assert first["cites"] == f"Thông báo số {symbol} ngày {signed_on:%d/%m/%Y}"
        told = db.session.scalars(
            select(Notification.user_id).where(Notification.type == "meetings.conclusions")
        ).all()
        assert ids["head_a"] in told and ids["head_b"] in told


@pytest.mark.plugins("meetings")
def test_a_notice_that_fails_to_issue_emits_nothing(app, agency):
    ids = setup_dossier(app, agency)
    with app.test_request_context(), time_machine.travel(at(3), tick=False):
        meeting = minuted(ids)
        notice = conclusions.draft_notice(
            db.session, meeting, summary="Kết luận", points=[point(ids)], by=user(ids, "office")
        )
        db.session.commit()
        with pytest.raises(conclusions.r.MeetingConflict):  # not approved by the chair yet
            conclusions.issue_notice(db.session, notice, by=user(ids, "office"))
        db.session.rollback()
        assert db.session.scalar(select(EventRecord.id)) is None


@pytest.mark.plugins("meetings")
def test_with_meetings_alone_the_events_are_delivered_to_nobody(app, agency):
    ids = setup_dossier(app, agency)
    _issue(app, ids, points=1)
    with app.app_context(), time_machine.travel(at(4), tick=False):
        outcomes = deliver_pending()
        assert len(outcomes) == 1
        assert db.session.scalar(select(EventRecord.status)) != "failed"


def test_with_planning_each_point_becomes_a_task(make_app, agency_in):
    app = make_app(plugins=("meetings", "planning"))
    ids = setup_dossier(app, agency_in(app))
    notice_id, _symbol, _day = _issue(app, ids, points=2)
    refs = [f"notice/{notice_id}/point/1", f"notice/{notice_id}/point/2"]
    with app.test_request_context(), time_machine.travel(at(4), tick=False):
        deliver_pending()
        manager = app.extensions["vanphong"].plugins
        answers = manager.call_safely("work_status", app=app, source="meetings", refs=refs)
        statuses = [s for _plugin, found in answers for s in found or []]
        assert sorted(s.source_ref for s in statuses) == refs
        assert {s.status for s in statuses} <= {"not_started", "in_progress", "overdue"}


def test_a_correction_revises_the_tasks_of_the_notice_it_corrects(make_app, agency_in):
    from datetime import date

    from plugins.meetings.meetings.models import ConclusionNotice, Meeting
    from plugins.planning.tasks.models import Task

    app = make_app(plugins=("meetings", "planning"))
    ids = setup_dossier(app, agency_in(app))
    with app.test_request_context(), time_machine.travel(at(3), tick=False):
        meeting = minuted(ids)
        first_id, meeting_id = issued_notice(ids, meeting, points=2).id, meeting.id
        db.session.commit()
        deliver_pending()
        meeting = db.session.get(Meeting, meeting_id)
        first = db.session.get(ConclusionNotice, first_id)
        correction = conclusions.draft_notice(
            db.session,
            meeting,
            summary="Đính chính thông báo kết luận",
            points=[
                point(
                    ids,
                    content="Nhiệm vụ 1 (đính chính)",
                    lead_unit_id=ids["b"],
                    supporter_unit_ids=[],
                    deadline=date(2031, 5, 20),
                ),
                point(ids, content="Nhiệm vụ 2"),
            ],
            by=user(ids, "office"),
            corrects=first,
        )
        conclusions.approve_notice(db.session, correction, by=user(ids, "leader"))
        conclusions.issue_notice(db.session, correction, by=user(ids, "office"))
        symbol = correction.document.symbol
        db.session.commit()
        assert set(deliver_pending().values()) == {"delivered"}
        tasks = db.session.scalars(select(Task).order_by(Task.source_ref)).all()
        supporters = [s.unit_id for s in tasks[0].supporters]
    assert [t.source_ref for t in tasks] == [
        f"notice/{first_id}/point/1",
        f"notice/{first_id}/point/2",
    ]  # revised, not doubled
    revised = tasks[0]
    assert revised.title == "Nhiệm vụ 1 (đính chính)"
    assert (revised.lead_unit_id, revised.deadline, revised.due_on) == (
        ids["b"],
        date(2031, 5, 20),
        date(2031, 5, 20),
    )
    assert supporters == []
    assert symbol in revised.cites
