"""Tasks through the services: assignment (a date, or working days across Tết 2027), every
status transition, progress with attachments, return and reassignment, extension requests,
bad input refused with nothing half-saved, and who may do what.

The fixtures here (``ctx``, ``frozen``, ``person``, ``new_task``) are shared by the other
``test_tasks_*`` modules."""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from core.db import db
from core.errors import ConflictError, VanPhongError
from core.identity.models import User
from core.notifications.models import Notification
from plugins.planning.common import stored_path, upload_root
from plugins.planning.tasks import extensions, services
from plugins.planning.tasks.models import (
    ExtensionStatus,
    Task,
    TaskAttachment,
    TaskExtension,
    TaskStatus,
    TaskUpdate,
)
from plugins.planning.tasks.rules import NotAllowed, TaskError

pytestmark = pytest.mark.plugins("planning")

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = date(2027, 3, 1)  # an ordinary working Monday


def at(day: date, hour: int = 9):
    """Freeze the clock at ``hour`` o'clock on ``day`` in the agency's zone."""
    return time_machine.travel(
        datetime(day.year, day.month, day.day, hour, tzinfo=ZONE), tick=False
    )


@pytest.fixture
def frozen():
    with at(MONDAY):
        yield MONDAY


@pytest.fixture
def ctx(app, agency, frozen):
    """A request context (messages in English) with the session, on MONDAY."""
    with app.test_request_context():
        yield db.session
        db.session.rollback()


def person(agency, name: str) -> User:
    return db.session.get(User, agency[name])


@pytest.fixture
def new_task(ctx, agency):
    """``new_task(**overrides)``: a task the office assigns to unit A, due in ten days."""

    def make(**overrides):
        fields = {
            "title": "Rà soát thủ tục hành chính quý I",
            "lead_unit_id": agency["a"],
            "deadline": date(2027, 3, 11),
            "expected_result": "Báo cáo rà soát",
            "by": person(agency, "office"),
        }
        fields.update(overrides)
        task = services.create_task(ctx, **fields)
        ctx.commit()
        return task

    return make


def count(model) -> int:
    return int(db.session.scalar(select(func.count()).select_from(model)))


def notified(user_id: int, type_: str) -> int:
    return int(
        db.session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.user_id == user_id, Notification.type == type_)
        )
    )


# -- assignment -----------------------------------------------------------------------------


def test_assigning_keeps_both_deadlines_and_tells_the_lead(ctx, agency, new_task):
    task = new_task(supporter_unit_ids=[agency["b"]])
    assert task.status == TaskStatus.NOT_STARTED
    assert task.assigned_on == MONDAY
    assert task.due_on == task.deadline == date(2027, 3, 11)
    assert task.assigner_id == agency["office"]
    assert [s.unit_id for s in task.supporters] == [agency["b"]]
    assert notified(agency["head_a"], "planning.task_assigned") == 1  # head of the lead unit
    assert notified(agency["head_b"], "planning.task_assigned") == 1  # head of a supporter
    assert notified(agency["office"], "planning.task_assigned") == 0  # not of one's own act


def test_a_lead_unit_without_head_tells_its_members(ctx, agency, new_task):
    new_task(lead_unit_id=agency["a1"])
    assert notified(agency["staff_a1"], "planning.task_assigned") == 1


def test_working_days_skip_tet_2027(ctx, agency, new_task):
    """Assigned Monday 1 Feb 2027; Tết closes Thursday 4 to Wednesday 10 February: five working
    days are 2, 3, 11, 12 and 15 February."""
    with at(date(2027, 2, 1)):
        task = new_task(working_days=5, deadline=None, assigned_on=date(2027, 2, 1))
    assert task.deadline == task.due_on == date(2027, 2, 15)
    assert services.deadline_from(ctx, date(2027, 2, 3), 1) == date(2027, 2, 11)
    assert services.deadline_from(ctx, date(2027, 1, 29), 3) == date(2027, 2, 3)


def test_assigned_with_a_passed_deadline_is_overdue_at_once(ctx, agency, new_task):
    task = new_task(assigned_on=date(2027, 2, 15), deadline=date(2027, 2, 20))
    assert task.status == TaskStatus.OVERDUE


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"lead_user_id": "staff_a1"}, "lead_unit_id"),  # two leads
        ({"lead_unit_id": None}, "lead"),  # none
        ({"deadline": date(2027, 2, 27)}, "deadline"),  # before the assignment
        ({"working_days": 3}, "deadline"),  # a date and working days
        ({"deadline": None}, "deadline"),  # neither
        ({"deadline": None, "working_days": 0}, "working_days"),
        ({"title": "   "}, "title"),
        ({"priority": "asap"}, "priority"),
        ({"supporter_unit_ids": ["a"]}, "supporter_unit_ids"),  # the lead cannot support
        ({"supporter_unit_ids": [999]}, "supporter_unit_ids"),
        ({"plan_item_id": 999}, "plan_item_id"),
    ],
)
def test_bad_assignments_are_refused_and_nothing_is_saved(ctx, agency, overrides, field):
    for key in ("lead_user_id", "lead_unit_id"):
        if isinstance(overrides.get(key), str):
            overrides[key] = agency[overrides[key]]
    if "supporter_unit_ids" in overrides:
        overrides["supporter_unit_ids"] = [
            agency[u] if isinstance(u, str) else u for u in overrides["supporter_unit_ids"]
        ]
    fields = {
        "title": "Việc",
        "lead_unit_id": agency["a"],
        "deadline": date(2027, 3, 5),
        "by": person(agency, "office"),
        **overrides,
    }
    with pytest.raises(TaskError) as refused:
        services.create_task(ctx, **fields)
    assert refused.value.field == field
    ctx.rollback()
    assert count(Task) == 0
    assert count(Notification) == 0


def test_the_database_refuses_two_leads_or_none(ctx, agency):
    row = {
        "title": "x",
        "description": "",
        "expected_result": "",
        "priority": "normal",
        "assigned_on": MONDAY,
        "due_on": MONDAY,
        "deadline": MONDAY,
        "status": "not_started",
        "progress": 0,
        "return_reason": "",
        "cites": "",
        "created_at": datetime.now(ZONE),
        "updated_at": datetime.now(ZONE),
    }
    for leads in ({}, {"lead_unit_id": agency["a"], "lead_user_id": agency["staff_a1"]}):
        with pytest.raises(IntegrityError):
            ctx.execute(insert(Task).values(**row, **leads))
        ctx.rollback()
    with pytest.raises(IntegrityError):
        ctx.execute(insert(Task).values({**row, "progress": 101, "lead_unit_id": agency["a"]}))
    ctx.rollback()


def test_who_may_assign(ctx, agency):
    fields = {"title": "Việc", "deadline": date(2027, 3, 5)}
    with pytest.raises(NotAllowed):  # staff hold no planning.task.manage
        services.create_task(
            ctx, lead_unit_id=agency["a1"], by=person(agency, "staff_a1"), **fields
        )
    with pytest.raises(NotAllowed):  # a unit head assigns within their unit only
        services.create_task(ctx, lead_unit_id=agency["a"], by=person(agency, "head_b"), **fields)
    ctx.rollback()
    mine = services.create_task(
        ctx, lead_user_id=agency["staff_a1"], by=person(agency, "head_a"), **fields
    )
    assert mine.assigner_id == agency["head_a"]


# -- every transition -----------------------------------------------------------------------


def test_not_started_to_in_progress_to_done_on_time(ctx, agency, new_task):
    task = new_task()
    head = person(agency, "head_a")
    services.report_progress(ctx, task, progress=40, note="Đã rà soát 12 thủ tục", by=head)
    assert (task.status, task.progress) == (TaskStatus.IN_PROGRESS, 40)
    services.report_progress(ctx, task, progress=100, note="Xong", by=head)
    assert task.status == TaskStatus.DONE_ON_TIME
    assert task.completed_on == MONDAY
    assert [u.progress for u in task.updates] == [40, 100]


def test_not_started_to_done_on_time_by_completion(ctx, agency, new_task):
    task = new_task()
    services.complete(ctx, task, note="Đã gửi báo cáo", by=person(agency, "head_a"))
    assert (task.status, task.progress, task.completed_on) == (TaskStatus.DONE_ON_TIME, 100, MONDAY)


def test_open_to_overdue_to_done_late(ctx, agency, new_task):
    started, idle = new_task(), new_task(title="Việc chưa làm")
    services.report_progress(ctx, started, progress=10, by=person(agency, "head_a"))
    ctx.commit()
    assert services.mark_overdue(ctx, date(2027, 3, 11)) == 0  # due today is not overdue
    assert services.mark_overdue(ctx, date(2027, 3, 12)) == 2
    ctx.commit()
    ctx.expire_all()
    assert started.status == idle.status == TaskStatus.OVERDUE
    with at(date(2027, 3, 15)):
        services.complete(ctx, started, by=person(agency, "head_a"))
    assert (started.status, started.completed_on) == (TaskStatus.DONE_LATE, date(2027, 3, 15))


def test_completion_dated_on_the_deadline_is_on_time(ctx, agency, new_task):
    task = new_task()
    with at(date(2027, 3, 15)):
        services.complete(ctx, task, completed_on=date(2027, 3, 11), by=person(agency, "head_a"))
    assert task.status == TaskStatus.DONE_ON_TIME
    with pytest.raises(TaskError) as refused:
        services.complete(ctx, new_task(), completed_on=date(2027, 3, 2))  # tomorrow
    assert refused.value.field == "completed_on"


def test_cancel_and_reopen(ctx, agency, new_task):
    office = person(agency, "office")
    task = new_task()
    with pytest.raises(TaskError):
        services.cancel(ctx, task, reason="  ", by=office)
    services.cancel(ctx, task, reason="Không còn cần thiết", by=office)
    assert task.status == TaskStatus.CANCELLED
    services.reopen(ctx, task, reason="Lãnh đạo yêu cầu tiếp tục", by=office)
    assert task.status == TaskStatus.NOT_STARTED
    done = new_task()
    services.complete(ctx, done, by=person(agency, "head_a"))
    with at(date(2027, 3, 20)):
        services.reopen(ctx, done, reason="Báo cáo còn thiếu", by=office)
    assert (done.status, done.completed_on, done.progress) == (TaskStatus.OVERDUE, None, 90)
    with pytest.raises(TaskError):
        services.reopen(ctx, done, reason="again", by=office)  # it is open
    assert [u.kind for u in task.updates] == ["cancelled", "reopened"]


def test_a_finished_task_takes_no_progress(ctx, agency, new_task):
    task = new_task()
    services.complete(ctx, task, by=person(agency, "head_a"))
    ctx.commit()
    with pytest.raises(TaskError) as refused:
        services.report_progress(ctx, task, progress=50, by=person(agency, "head_a"))
    assert refused.value.field == "status"
    with pytest.raises(TaskError):
        services.cancel(ctx, task, reason="x", by=person(agency, "office"))


@pytest.mark.parametrize("bad", [101, -1, 50.5, True])
def test_progress_outside_0_to_100_is_refused(ctx, agency, new_task, bad):
    task = new_task()
    with pytest.raises(TaskError) as refused:
        services.report_progress(ctx, task, progress=bad, by=person(agency, "head_a"))
    assert refused.value.field == "progress"
    ctx.rollback()
    assert count(TaskUpdate) == 0
    assert db.session.get(Task, task.id).progress == 0


def test_progress_is_reported_by_the_lead_only(ctx, agency, new_task):
    task = new_task(lead_unit_id=agency["a1"])
    services.report_progress(ctx, task, progress=20, by=person(agency, "staff_a1"))  # a member
    with pytest.raises(NotAllowed):
        services.report_progress(ctx, task, progress=30, by=person(agency, "head_b"))


def test_attachments_are_stored_and_refused_beyond_the_rules(ctx, agency, new_task):
    task = new_task()
    head = person(agency, "head_a")
    entry = services.report_progress(
        ctx,
        task,
        progress=50,
        files=[(io.BytesIO(b"%PDF-1.4 bao cao"), "Báo cáo tiến độ.pdf")],
        by=head,
    )
    ctx.commit()
    [attachment] = entry.attachments
    assert attachment.filename == "Báo cáo tiến độ.pdf"
    assert attachment.content_type == "application/pdf"
    assert stored_path("tasks", attachment.stored_name).read_bytes() == b"%PDF-1.4 bao cao"
    with pytest.raises(VanPhongError) as refused:  # a type not allowed
        services.report_progress(
            ctx, task, progress=60, files=[(io.BytesIO(b"MZ"), "virus.exe")], by=head
        )
    assert refused.value.field == "files"
    ctx.rollback()
    assert count(TaskAttachment) == 1
    assert db.session.get(Task, task.id).progress == 50


def test_a_refused_update_removes_the_files_it_wrote(ctx, agency, new_task):
    task = new_task()
    files = [(io.BytesIO(b"ok"), "a.pdf"), (io.BytesIO(b"ok"), "b.txt")]
    with pytest.raises(TaskError):
        services.report_progress(ctx, task, progress=120, files=files, by=person(agency, "head_a"))
    services.report_progress(ctx, task, progress=10, files=files, by=person(agency, "head_a"))
    ctx.rollback()  # a later rule failing in the same request
    root = upload_root("tasks")
    assert not root.exists() or list(root.iterdir()) == []


# -- return and reassignment ----------------------------------------------------------------


def test_return_with_reason_then_reassign(ctx, agency, new_task):
    task = new_task()
    head_a = person(agency, "head_a")
    with pytest.raises(NotAllowed):  # only the lead returns
        services.return_task(ctx, task, reason="x", by=person(agency, "head_b"))
    with pytest.raises(TaskError) as refused:
        services.return_task(ctx, task, reason=" ", by=head_a)
    assert refused.value.field == "reason"
    services.return_task(ctx, task, reason="Không thuộc chức năng của phòng", by=head_a)
    ctx.commit()
    assert task.returned_at is not None
    assert notified(agency["office"], "planning.task_returned") == 1
    with pytest.raises(TaskError):
        services.report_progress(ctx, task, progress=10, by=head_a)
    services.reassign(ctx, task, lead_unit_id=agency["b"], by=person(agency, "office"))
    ctx.commit()
    assert (task.lead_unit_id, task.returned_at, task.return_reason) == (agency["b"], None, "")
    assert notified(agency["head_b"], "planning.task_assigned") == 1
    assert [u.kind for u in task.updates] == ["returned", "reassigned"]


# -- extensions -----------------------------------------------------------------------------


def test_extension_approved_moves_the_deadline_in_force_only(ctx, agency, new_task):
    task = new_task()
    head_a, office = person(agency, "head_a"), person(agency, "office")
    request = extensions.request_extension(
        ctx, task, requested_deadline=date(2027, 3, 25), reason="Chờ số liệu", by=head_a
    )
    ctx.commit()
    assert notified(agency["office"], "planning.extension_requested") == 1
    with pytest.raises(NotAllowed):  # a unit head does not decide on their own unit's time
        extensions.decide_extension(ctx, request, approve=True, by=head_a)
    extensions.decide_extension(ctx, request, approve=True, note="Đồng ý", by=office)
    ctx.commit()
    assert (task.due_on, task.deadline) == (date(2027, 3, 11), date(2027, 3, 25))
    assert (request.status, request.decided_by_id) == (ExtensionStatus.APPROVED, office.id)
    assert notified(agency["head_a"], "planning.extension_decided") == 1
    with pytest.raises(TaskError):
        extensions.decide_extension(ctx, request, approve=False, by=office)  # decided already


def test_extension_refused_keeps_the_deadline(ctx, agency, new_task):
    task = new_task()
    request = extensions.request_extension(
        ctx, task, requested_deadline=date(2027, 3, 18), reason="Bận", by=person(agency, "head_a")
    )
    extensions.decide_extension(ctx, request, approve=False, by=person(agency, "office"))
    assert (request.status, task.deadline) == (ExtensionStatus.REFUSED, date(2027, 3, 11))


def test_overdue_back_to_in_progress_by_an_extension(ctx, agency, new_task):
    task = new_task()
    services.report_progress(ctx, task, progress=30, by=person(agency, "head_a"))
    ctx.commit()
    services.mark_overdue(ctx, date(2027, 3, 12))
    ctx.commit()
    ctx.expire_all()
    with at(date(2027, 3, 12)):
        request = extensions.request_extension(
            ctx, task, requested_deadline=date(2027, 3, 19), reason="Thêm việc", by=None
        )
        extensions.decide_extension(ctx, request, approve=True, by=person(agency, "office"))
    assert task.status == TaskStatus.IN_PROGRESS


@pytest.mark.parametrize(
    ("wanted", "reason", "field"),
    [
        (date(2027, 3, 11), "x", "requested_deadline"),  # not later than the deadline
        (date(2027, 3, 10), "x", "requested_deadline"),
        (date(2027, 3, 20), " ", "reason"),
    ],
)
def test_bad_extension_requests(ctx, agency, new_task, wanted, reason, field):
    task = new_task()
    with pytest.raises(TaskError) as refused:
        extensions.request_extension(
            ctx, task, requested_deadline=wanted, reason=reason, by=person(agency, "head_a")
        )
    assert refused.value.field == field
    ctx.rollback()
    assert count(TaskExtension) == 0


def test_no_extension_on_a_finished_task(ctx, agency, new_task):
    task = new_task()
    services.complete(ctx, task, by=person(agency, "head_a"))
    ctx.commit()
    with pytest.raises(TaskError) as refused:
        extensions.request_extension(
            ctx, task, requested_deadline=date(2027, 4, 1), reason="x", by=person(agency, "head_a")
        )
    assert refused.value.field == "status"
    ctx.rollback()
    assert count(TaskExtension) == 0


def test_one_waiting_request_per_task_also_in_the_database(ctx, agency, new_task):
    task = new_task()
    head_a = person(agency, "head_a")
    extensions.request_extension(
        ctx, task, requested_deadline=date(2027, 3, 20), reason="a", by=head_a
    )
    ctx.commit()
    with pytest.raises(ConflictError):
        extensions.request_extension(
            ctx, task, requested_deadline=date(2027, 3, 21), reason="b", by=head_a
        )
    with pytest.raises(IntegrityError):
        ctx.execute(
            insert(TaskExtension).values(
                task_id=task.id,
                previous_deadline=task.deadline,
                requested_deadline=date(2027, 3, 22),
                reason="c",
                status="requested",
                requested_at=datetime.now(ZONE),
                decision_note="",
            )
        )
    ctx.rollback()


def test_cancelling_refuses_the_waiting_request(ctx, agency, new_task):
    task = new_task()
    request = extensions.request_extension(
        ctx, task, requested_deadline=date(2027, 3, 20), reason="a", by=person(agency, "head_a")
    )
    services.cancel(ctx, task, reason="Dừng", by=person(agency, "office"))
    assert request.status == ExtensionStatus.REFUSED
