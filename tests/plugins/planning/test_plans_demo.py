"""The demo: this year's programme of the demo agency with twelve items, issued as a CTr, and
monthly plans cascading from it whose progress rolls up; a second run adds nothing."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import func, select

# Imported before any commit: the core's after-commit hook that queues e-mails imports
# core.notifications.delivery lazily, which registers another after-commit hook while the first
# runs ("deque mutated during iteration") — a core issue, reported to the lead.
import core.events.services  # noqa: F401
from core.db import db
from plugins.planning.plans.models import Plan, PlanItem
from plugins.planning.tasks.models import Task

pytestmark = pytest.mark.plugins("planning")


def load_demo(app) -> None:
    """The core's demo agency and registers, then the plans' demo twice (the second run adds
    nothing). The other planning concepts' demos are theirs to test."""
    from plugins.planning.plans.demo import add_demo_plans

    manager = app.extensions["vanphong"].plugins
    with app.app_context():
        for impl in manager.hookimpls("demo_data"):
            if manager.is_internal(impl.plugin_name):
                manager.call_impl(impl, app=app, session=db.session)
                db.session.commit()
        for _run in range(2):
            add_demo_plans(db.session)
            db.session.commit()


def test_the_demo_programme_and_its_monthly_plans(app):
    with time_machine.travel(datetime(2026, 6, 10, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        load_demo(app)
    with app.app_context():
        session = db.session
        programme = session.scalar(select(Plan).where(Plan.kind == "programme"))
        assert programme.title == "Chương trình công tác năm 2026 của Sở Nội vụ"
        assert (programme.status, programme.document_symbol[-8:]) == ("published", "/CTr-SNV")
        assert len(programme.items) == 12
        cited = [i for i in programme.items if i.source_kind == "conclusion"]
        assert len(cited) == 3 and all(i.source_number.endswith("/TB-SNV") for i in cited)
        months = session.scalars(
            select(Plan).where(Plan.level == "month").order_by(Plan.number)
        ).all()
        assert [(m.number, m.status) for m in months] == [
            *((n, "published") for n in range(1, 7)),
            (7, "draft"),
        ]
        assert all(m.parent_id == programme.id for m in months)
        assert session.scalar(select(func.count()).select_from(PlanItem)) == 12 + 7 * 5
        # Past months were reported, this month's items follow their tasks: all roll up.
        assert (
            session.scalar(
                select(func.count()).select_from(Task).where(Task.plan_item_id.is_not(None))
            )
            == 3
        )
        assert 0 < programme.progress < 100
        assert all(m.progress == 0 for m in months if m.number == 7)
        assert months[0].progress > 90
