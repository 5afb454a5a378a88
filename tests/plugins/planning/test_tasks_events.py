"""Tasks from other plugins' work: a ``WorkAssigned`` delivered to planning's ``on_event``
becomes a task once (a second delivery, or a second event for the same work, adds nothing),
and ``work_status`` answers how those tasks stand."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from core.db import db
from core.events import WorkAssigned
from core.events.delivery import deliver_pending
from core.events.services import emit
from core.hooktypes import WorkStatus
from core.identity.models import User
from plugins.planning.tasks import services
from plugins.planning.tasks.models import Task, TaskStatus
from tests.plugins.planning.test_tasks_services import MONDAY, at

pytestmark = pytest.mark.plugins("planning")


def point(agency, n: int, **changes) -> WorkAssigned:
    fields = {
        "source": "meetings",
        "source_ref": f"notice/15/point/{n}",
        "title": f"Kết luận {n}: hoàn thiện dự thảo quy chế",
        "lead_unit_id": agency["a"],
        "supporter_unit_ids": (agency["b"],),
        "deadline": date(2027, 3, 19),
        "assigner_id": agency["office"],
        "cites": "Thông báo số 15/TB-VP ngày 26/02/2027",
        "url": "/admin/meetings_notice/details/?id=15",
        "expected_result": "Dự thảo trình lãnh đạo",
    }
    return WorkAssigned(**{**fields, **changes})


def tasks_of(source: str = "meetings") -> list[Task]:
    return list(db.session.scalars(select(Task).where(Task.source == source).order_by(Task.id)))


def planning_hook(app, name: str, **kwargs):
    """Call planning's implementation of hook ``name``, as the core does."""
    manager = app.extensions["vanphong"].plugins
    [impl] = [i for i in manager.hookimpls(name) if i.plugin_name == "planning"]
    return manager.call_impl(impl, app=app, **kwargs)


def on_event(app, event) -> None:
    planning_hook(app, "on_event", event=event)


def test_a_conclusion_notice_becomes_tasks_once(app, agency):
    with at(MONDAY), app.app_context():
        for _ in range(2):  # a redelivery, or the same notice issued again
            on_event(app, point(agency, 1, id=7))
            on_event(
                app, point(agency, 2, id=8, lead_unit_id=None, lead_user_id=agency["staff_a1"])
            )
            db.session.commit()
        first, second = tasks_of()
        assert first.source_ref == "notice/15/point/1"
        assert (first.lead_unit_id, first.assigner_id) == (agency["a"], agency["office"])
        assert [s.unit_id for s in first.supporters] == [agency["b"]]
        assert first.cites == "Thông báo số 15/TB-VP ngày 26/02/2027"
        assert first.due_on == first.deadline == date(2027, 3, 19)
        assert first.source_url == "/admin/meetings_notice/details/?id=15"
        assert first.expected_result == "Dự thảo trình lãnh đạo"
        assert second.lead_user_id == agency["staff_a1"]


def test_through_the_cores_event_delivery(app, agency):
    with at(MONDAY), app.app_context():
        event_id = emit(db.session, point(agency, 3))
        db.session.commit()
        assert deliver_pending() == {event_id: "delivered"}
        assert deliver_pending() == {}
        assert [t.source_ref for t in tasks_of()] == ["notice/15/point/3"]


def test_work_without_a_deadline_or_already_late(app, agency):
    with at(MONDAY), app.app_context():
        on_event(app, point(agency, 4, deadline=None))
        on_event(app, point(agency, 5, deadline=date(2027, 2, 26)))
        db.session.commit()
        undated, late = tasks_of()
        assert undated.deadline == date(2027, 3, 15)  # ten working days after 1 March
        assert (late.assigned_on, late.status) == (date(2027, 2, 26), TaskStatus.OVERDUE)


def test_work_status_tells_the_emitting_plugin_how_its_work_stands(app, agency):
    with at(MONDAY), app.test_request_context():
        on_event(app, point(agency, 1))
        on_event(app, point(agency, 2))
        db.session.commit()
        first = tasks_of()[0]
        services.report_progress(
            db.session, first, progress=60, by=db.session.get(User, agency["head_a"])
        )
        db.session.commit()
        answers = planning_hook(
            app,
            "work_status",
            source="meetings",
            refs=["notice/15/point/1", "notice/15/point/2", "x"],
        )
        by_ref = {s.source_ref: s for s in answers}
        assert set(by_ref) == {"notice/15/point/1", "notice/15/point/2"}
        assert isinstance(by_ref["notice/15/point/1"], WorkStatus)
        assert (by_ref["notice/15/point/1"].status, by_ref["notice/15/point/1"].progress) == (
            "in_progress",
            60,
        )
        assert by_ref["notice/15/point/2"].deadline == date(2027, 3, 19)
        assert by_ref["notice/15/point/1"].url.endswith(f"?id={first.id}")
        assert int(db.session.scalar(select(func.count()).select_from(Task))) == 2
