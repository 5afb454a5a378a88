"""The demo tasks: about two hundred over the demo agency's units, in every state, some from
conclusion notices, with history and extension requests; loading twice adds nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

import core.events.services  # noqa: F401  (see below)
from core.db import db
from plugins.planning.tasks.demo import DESCRIPTION
from plugins.planning.tasks.models import STATUSES, Task, TaskExtension, TaskUpdate
from tests.plugins.planning.test_tasks_services import MONDAY, at

pytestmark = pytest.mark.plugins("planning")

# Imported up front: when nothing imported core.events.services before, the core imports it
# (and it adds Session listeners) the first time a commit queues an e-mail, from inside the
# after_commit hooks, and SQLAlchemy fails ("deque mutated during iteration"). Reported to the
# lead: the core should import it while the app is built.


def count(model, *where) -> int:
    return int(db.session.scalar(select(func.count()).select_from(model).where(*where)))


def test_demo_tasks(app, run_cli):
    with at(MONDAY):
        for _ in range(2):  # loading twice changes nothing
            result = run_cli("demo")
            assert result.exit_code == 0, result.output
    with app.app_context():
        assert count(Task, Task.description == DESCRIPTION) == 200  # others' demos add theirs
        assert set(db.session.scalars(select(Task.status).distinct())) == set(STATUSES)
        assert count(Task, Task.returned_at.is_not(None)) > 0
        assert count(Task, Task.lead_user_id.is_not(None)) > 0
        assert count(Task, Task.source == "meetings", Task.cites.like("Thông báo số%")) >= 25
        assert count(Task, Task.deadline > Task.due_on) > 0  # approved extensions
        assert {"requested", "approved", "refused"} <= set(
            db.session.scalars(select(TaskExtension.status).distinct())
        )
        assert count(TaskUpdate) > 100
        assert len(set(db.session.scalars(select(Task.lead_unit_id).distinct()))) >= 7
