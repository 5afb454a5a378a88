"""The daily urging job with a frozen clock: tasks turn overdue, each person gets one digest a
day (sections due soon, due today, overdue, and escalations to the unit head and then the
assigner after the configured working days), a second run sends nothing, a day off sends
nothing, and the selection's statements do not grow with the number of tasks."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from core.db import db
from core.identity.roles import ensure_builtin_roles
from core.identity.services import assign_role, create_user
from core.notifications.models import Notification
from core.org.models import Unit
from core.org.services import add_member
from plugins.planning.tasks import jobs, services, urging
from plugins.planning.tasks.models import Task, TaskStatus, UrgingLog
from tests.plugins.planning.test_tasks_services import at

pytestmark = pytest.mark.plugins("planning")

WEDNESDAY = date(2027, 3, 10)
REMINDER = "planning.task_reminder"


@pytest.fixture
def people(app, agency):
    """The agency, plus a head of team A1 (staff_a1's unit)."""
    with app.app_context():
        head = create_user(db.session, "totruong", "correct-horse-battery", full_name="Tổ Trưởng")
        add_member(db.session, head.id, db.session.get(Unit, agency["a1"]), head=True)
        assign_role(db.session, head, ensure_builtin_roles(db.session)["unit_head"], agency["a1"])
        db.session.commit()
        return {**agency, "head_a1": head.id}


def assign(people, title: str, deadline: date, **lead) -> int:
    task = services.create_task(
        db.session,
        title=title,
        deadline=deadline,
        assigned_on=date(2027, 2, 1),
        assigner_id=people["office"],
        **lead,
    )
    db.session.commit()
    return task.id


@pytest.fixture
def tasks(app, people):
    """Tasks around Wednesday 10 March 2027, assigned by the office on 1 February."""
    with at(date(2027, 2, 1)), app.app_context():
        ids = {
            "today": assign(people, "Báo cáo quý", WEDNESDAY, lead_unit_id=people["a"]),
            "soon": assign(people, "Dự thảo kế hoạch", date(2027, 3, 12), lead_unit_id=people["a"]),
            "late1": assign(
                people, "Tổng hợp số liệu", date(2027, 3, 9), lead_user_id=people["staff_a1"]
            ),
            "late5": assign(
                people, "Rà soát hồ sơ", date(2027, 3, 3), lead_user_id=people["staff_a1"]
            ),
            "late10": assign(
                people, "Thanh tra chuyên đề", date(2027, 2, 24), lead_unit_id=people["b"]
            ),
            "later": assign(
                people, "Việc còn xa", date(2027, 3, 24), lead_user_id=people["staff_a1"]
            ),
            "done": assign(people, "Việc đã xong", date(2027, 3, 1), lead_unit_id=people["a"]),
            "returned": assign(people, "Việc trả lại", date(2027, 3, 2), lead_unit_id=people["a"]),
        }
        done = db.session.get(Task, ids["done"])
        services.complete(db.session, done)
        returned = db.session.get(Task, ids["returned"])
        services.return_task(db.session, returned, reason="Không đúng chức năng")
        db.session.execute(Notification.__table__.delete())  # only the digests from here on
        db.session.commit()
    return ids


def digests(user_id: int | None = None) -> list[Notification]:
    query = select(Notification).where(Notification.type == REMINDER)
    if user_id is not None:
        query = query.where(Notification.user_id == user_id)
    return list(db.session.scalars(query.order_by(Notification.id)))


def test_one_digest_per_person_with_the_right_sections(app, people, tasks):
    with at(WEDNESDAY, 7), app.app_context():
        run = jobs.urge()
        assert run.overdue == 4  # late1, late5, late10 and the returned one (but not urged)
        statuses = dict(db.session.execute(select(Task.id, Task.status)).all())
        assert statuses[tasks["late1"]] == statuses[tasks["late10"]] == TaskStatus.OVERDUE
        assert statuses[tasks["today"]] == statuses[tasks["later"]] == TaskStatus.NOT_STARTED
        assert statuses[tasks["done"]] == TaskStatus.DONE_ON_TIME

        recipients = sorted(n.user_id for n in digests())
        assert recipients == sorted(
            [
                people["head_a"],
                people["staff_a1"],
                people["head_a1"],
                people["head_b"],
                people["office"],
            ]
        )
        assert run.digests == 5

        [head_a] = digests(people["head_a"])  # the heads of a lead unit hear of its tasks
        assert "0 overdue, 1 due today, 1 due soon" in head_a.subject
        assert "Báo cáo quý" in head_a.body and "Dự thảo kế hoạch" in head_a.body
        assert "Việc trả lại" not in head_a.body and "Việc đã xong" not in head_a.body

        [staff] = digests(people["staff_a1"])
        assert "2 overdue" in staff.subject
        assert "Việc còn xa" not in staff.body

        [head_a1] = digests(people["head_a1"])  # 5 working days overdue ≥ 3: the head hears
        assert "escalated to you as the unit head (1)" in head_a1.body
        assert "Rà soát hồ sơ" in head_a1.body and "Tổng hợp số liệu" not in head_a1.body

        [office] = digests(people["office"])  # 10 working days overdue ≥ 3 + 5: the assigner
        assert "escalated to you as the assigner (1)" in office.body
        assert "Thanh tra chuyên đề" in office.body and "Rà soát hồ sơ" not in office.body

        logged = db.session.scalars(select(UrgingLog).where(UrgingLog.day == WEDNESDAY)).all()
        assert {log.user_id: log.escalated_count for log in logged}[people["office"]] == 1


def test_running_twice_a_day_sends_nothing_new(app, people, tasks):
    with at(WEDNESDAY, 7), app.app_context():
        assert jobs.urge().digests == 5
    with at(WEDNESDAY, 15), app.app_context():
        assert jobs.urge() == jobs.UrgingRun(overdue=0, digests=0)
        assert len(digests()) == 5
    with at(date(2027, 3, 11), 7), app.app_context():
        assert jobs.urge().digests == 5  # a new day, a new digest


def test_a_day_off_sends_nothing_but_deadlines_still_pass(app, people, tasks):
    with at(date(2027, 3, 13), 7), app.app_context():  # a Saturday
        assert jobs.urge() == jobs.UrgingRun(overdue=6, digests=0)  # today's and soon's too
        assert digests() == []


def test_escalation_thresholds_in_working_days(app, people):
    with app.app_context():
        settings = urging.UrgingSettings(soon_days=2, head_after=3, assigner_after=5)
        window = urging.Window.of(db.session, WEDNESDAY, settings)
        assert window.soon_until == date(2027, 3, 12)
        assert window.head_cutoff == date(2027, 3, 5)  # 8, 9, 10 March: three working days
        assert window.assigner_cutoff == date(2027, 2, 26)
        tet = urging.Window.of(db.session, date(2027, 2, 11), settings)
        assert tet.head_cutoff == date(2027, 2, 1)  # Tết (4–10 Feb) is not counted
        assert tet.soon_until == date(2027, 2, 15)


def test_thresholds_come_from_the_app_config(app, people, tasks):
    app.config["PLANNING_URGE_HEAD_AFTER"] = 1
    with at(WEDNESDAY, 7), app.app_context():
        assert urging.urging_settings().head_after == 1
        jobs.urge()
        [head_a1] = digests(people["head_a1"])
        assert "escalated to you as the unit head (2)" in head_a1.body


def test_long_sections_are_cut_and_counted(app, people):
    with at(date(2027, 2, 1)), app.app_context():
        for i in range(14):
            assign(people, f"Việc {i:02d}", date(2027, 3, 9), lead_user_id=people["staff_a1"])
    with at(WEDNESDAY, 7), app.app_context():
        jobs.urge()
        [staff] = digests(people["staff_a1"])
        assert "Overdue (14):" in staff.body
        assert "Việc 09" in staff.body and "Việc 10" not in staff.body
        assert "… and 4 more." in staff.body


def test_the_selection_costs_the_same_for_more_tasks(app, people, query_counter):
    def statements() -> int:
        settings = urging.UrgingSettings()
        with at(WEDNESDAY, 7), app.app_context():
            window = urging.Window.of(db.session, WEDNESDAY, settings)
            with query_counter() as queries:
                found = [
                    d
                    for batch in urging.select_digests(db.session, window, settings)
                    for d in batch
                ]
            assert {d.user_id for d in found} == {people["staff_a1"], people["head_a1"]}
            return queries.count

    with at(date(2027, 2, 1)), app.app_context():
        for i in range(5):
            assign(people, f"Việc {i}", date(2027, 3, 2), lead_user_id=people["staff_a1"])
    few = statements()
    with at(date(2027, 2, 1)), app.app_context():
        for i in range(60):
            assign(people, f"Việc thêm {i}", date(2027, 3, 2), lead_user_id=people["staff_a1"])
    assert statements() == few == 2
