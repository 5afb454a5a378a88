"""The reporting cycle with a frozen clock: the scheduled job opens each period once with a
pending submission per responsible unit (also when two runs race), submissions after the due
date are late, and late units' heads are urged once a day."""

from __future__ import annotations

import threading
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import func, select

from core.db import db
from core.identity.models import User
from core.notifications.models import Notification
from plugins.planning.reports import services
from plugins.planning.reports.cycle import OPENED, OVERDUE, heads_of, run_cycle
from plugins.planning.reports.jobs import report_cycle
from plugins.planning.reports.models import (
    ReportPeriod,
    ReportReminder,
    ReportSubmission,
    ReportType,
)

pytestmark = pytest.mark.plugins("planning")

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
FIELDS = [
    {"name": "van_ban_den", "label": "Số văn bản đến", "kind": "number", "required": True},
    {"name": "van_ban_di", "label": "Số văn bản đi", "kind": "number", "required": False},
    {"name": "ket_qua", "label": "Kết quả nổi bật", "kind": "text", "required": True},
]
#: Monday 2 November 2026 in Hà Nội; the November period is due on Sunday 15 November.
OPENING = date(2026, 11, 2)


def travel(day: date, hour: int = 9):
    """Freeze the clock at ``hour`` o'clock in Hà Nội on ``day``."""
    return time_machine.travel(datetime.combine(day, time(hour), HANOI), tick=False)


@pytest.fixture
def monthly(app, agency) -> int:
    """A monthly report of units A, A1 (no head of its own) and B: figures cut off on the
    14th, due on the 15th."""
    with app.app_context():
        report_type = services.save_type(
            db.session,
            ReportType(
                code="BC-THANG",
                name="Báo cáo kết quả công tác",
                period="month",
                cutoff_day=14,
                due_days=1,
            ),
            fields=FIELDS,
            unit_ids=[agency["a"], agency["a1"], agency["b"]],
        )
        db.session.commit()
        return report_type.id


def run(app, day: date, hour: int = 9) -> int:
    """Run the scheduled job on ``day``; what it reports (opened + urged)."""
    with travel(day, hour), app.app_context():
        return report_cycle()


def submission_of(app, unit_id: int) -> int:
    with app.app_context():
        return db.session.scalar(
            select(ReportSubmission.id).where(ReportSubmission.unit_id == unit_id)
        )


def submit(app, submission_id: int, user_id: int | None, day: date, hour: int = 9, **figures):
    """Submit on ``day`` as ``user_id``; the submission's status."""
    values = {"van_ban_den": 10, "ket_qua": "Hoàn thành kế hoạch tháng.", **figures}
    with travel(day, hour), app.app_context():
        submission = db.session.get(ReportSubmission, submission_id)
        by = db.session.get(User, user_id) if user_id else None
        services.submit(db.session, submission, values, "", by=by)
        db.session.commit()
        return submission.status


def notifications(app, type: str, user_id: int | None = None) -> list[Notification]:
    with app.app_context():
        query = select(Notification).where(Notification.type == type).order_by(Notification.id)
        if user_id is not None:
            query = query.where(Notification.user_id == user_id)
        found = db.session.scalars(query).all()
        db.session.expunge_all()
        return list(found)


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_the_job_opens_the_period_once_with_a_submission_per_unit(app, agency, monthly):
    assert run(app, OPENING) == 3  # three submissions opened, nobody urged
    with app.app_context():
        period = db.session.scalar(select(ReportPeriod))
        assert (period.key, period.starts_on, period.ends_on) == (
            "2026-11",
            date(2026, 11, 1),
            date(2026, 11, 30),
        )
        assert (period.cutoff_on, period.due_on) == (date(2026, 11, 14), date(2026, 11, 15))
        assert period.status == "open" and period.fields == FIELDS
        assert (period.unit_count, period.submitted_count) == (3, 0)
        units = set(db.session.scalars(select(ReportSubmission.unit_id)))
        assert units == {agency["a"], agency["a1"], agency["b"]}
        statuses = set(db.session.scalars(select(ReportSubmission.status)))
        assert statuses == {"pending"}

    # Later the same day, and the next day: nothing more is opened, nobody is told twice.
    assert run(app, OPENING, hour=15) == 0
    assert run(app, date(2026, 11, 3)) == 0
    assert count(app, ReportPeriod) == 1
    assert count(app, ReportSubmission) == 3

    # The heads are told once: A's head for A and for A1 (which has no head), B's for B.
    to_a = notifications(app, OPENED, agency["head_a"])
    to_b = notifications(app, OPENED, agency["head_b"])
    assert len(to_a) == 1 and len(to_b) == 1
    assert to_a[0].subject == "2 reports await your units"
    assert "Báo cáo kết quả công tác 2026-11 — Tổ Kiểm tra: due 15/11/2026" in to_a[0].body
    assert to_b[0].subject == "A report awaits your unit"
    assert len(notifications(app, OPENED)) == 2


def test_the_next_period_opens_when_its_month_comes(app, agency, monthly):
    run(app, OPENING)
    run(app, date(2026, 12, 1), hour=8)
    with app.app_context():
        keys = db.session.scalars(select(ReportPeriod.key).order_by(ReportPeriod.key)).all()
    assert keys == ["2026-11", "2026-12"]
    assert count(app, ReportSubmission) == 6


def test_a_unit_added_to_the_type_gets_its_submission_at_the_next_run(app, agency, monthly):
    run(app, OPENING)
    with app.app_context():
        report_type = db.session.get(ReportType, monthly)
        services.save_type(
            db.session, report_type, unit_ids=[*report_type.unit_ids, agency["root"]]
        )
        db.session.commit()
    assert run(app, date(2026, 11, 4)) == 1
    assert count(app, ReportSubmission) == 4


def test_an_inactive_type_opens_nothing(app, agency, monthly):
    with app.app_context():
        db.session.get(ReportType, monthly).active = False
        db.session.commit()
    assert run(app, OPENING) == 0
    assert count(app, ReportPeriod) == 0


def test_two_runs_at_once_open_each_submission_once(app, agency, monthly):
    errors = []
    start = threading.Barrier(4)

    def job():
        try:
            start.wait()
            with app.app_context():
                report_cycle()
        except Exception as exc:  # the test fails below, naming it
            errors.append(exc)

    with travel(OPENING):
        threads = [threading.Thread(target=job) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert not errors, errors
    assert count(app, ReportPeriod) == 1
    assert count(app, ReportSubmission) == 3
    assert len(notifications(app, OPENED)) == 2


def test_the_database_refuses_a_second_submission_of_a_unit(app, agency, monthly):
    from sqlalchemy.exc import IntegrityError

    run(app, OPENING)
    with app.app_context():
        period_id = db.session.scalar(select(ReportPeriod.id))
        db.session.add(ReportSubmission(period_id=period_id, unit_id=agency["a"]))
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_a_submission_after_the_due_date_is_late(app, agency, monthly):
    run(app, OPENING)
    # Due on 15 November: that whole day in Hà Nội is on time (23:00 there is 16:00 UTC).
    assert submit(
        app, submission_of(app, agency["a1"]), agency["staff_a1"], date(2026, 11, 12)
    ) == ("submitted")
    assert submit(
        app, submission_of(app, agency["a"]), agency["head_a"], date(2026, 11, 15), 23
    ) == ("submitted")
    assert submit(
        app, submission_of(app, agency["b"]), agency["head_b"], date(2026, 11, 16), 0
    ) == ("submitted_late")
    with app.app_context():
        b = db.session.get(ReportSubmission, submission_of(app, agency["b"]))
        assert b.submitted_by_id == agency["head_b"]
        assert b.submitted_at == datetime(2026, 11, 15, 17, 0, tzinfo=ZoneInfo("UTC"))
        assert b.figures == {"van_ban_den": 10, "ket_qua": "Hoàn thành kế hoạch tháng."}


def test_a_correction_keeps_the_first_submissions_punctuality(app, agency, monthly):
    run(app, OPENING)
    a = submission_of(app, agency["a"])
    assert submit(app, a, agency["head_a"], date(2026, 11, 13)) == "submitted"
    assert submit(app, a, agency["head_a"], date(2026, 11, 20), van_ban_den=12) == "submitted"
    with app.app_context():
        stored = db.session.get(ReportSubmission, a)
        assert stored.figures["van_ban_den"] == 12
        assert stored.submitted_at.astimezone(HANOI).date() == date(2026, 11, 13)
        assert stored.version == 3


def test_late_units_are_urged_once_a_day_through_their_head(app, agency, monthly):
    run(app, OPENING)
    submit(app, submission_of(app, agency["b"]), agency["head_b"], date(2026, 11, 10))
    assert notifications(app, OVERDUE) == []
    run(app, date(2026, 11, 15))  # the due date itself: nobody is late yet
    assert notifications(app, OVERDUE) == []

    # Monday 16 November: A and A1 are late; A's head hears of both, in one message.
    assert run(app, date(2026, 11, 16), hour=8) == 1
    assert run(app, date(2026, 11, 16), hour=12) == 0
    assert run(app, date(2026, 11, 16), hour=17) == 0
    urged = notifications(app, OVERDUE)
    assert [n.user_id for n in urged] == [agency["head_a"]]
    assert urged[0].subject == "2 reports are late"
    assert "Phòng Cải cách hành chính: due 15/11/2026, 1 day late" in urged[0].body
    assert "Tổ Kiểm tra: due 15/11/2026, 1 day late" in urged[0].body
    assert urged[0].link == "/admin/planning_report_submission/"

    # A submits; the next working day A's head is urged about A1 alone.
    submit(app, submission_of(app, agency["a"]), agency["head_a"], date(2026, 11, 16), 14)
    assert run(app, date(2026, 11, 17)) == 1
    urged = notifications(app, OVERDUE, agency["head_a"])
    assert len(urged) == 2 and urged[1].subject == "A report is late"
    a1 = submission_of(app, agency["a1"])
    assert urged[1].link == f"/admin/planning_report_submission/submit/{a1}/"
    with app.app_context():
        reminders = db.session.execute(
            select(ReportReminder.user_id, ReportReminder.sent_on, ReportReminder.late_count)
        ).all()
    assert sorted(reminders) == [
        (agency["head_a"], date(2026, 11, 16), 2),
        (agency["head_a"], date(2026, 11, 17), 1),
    ]


def test_nobody_is_urged_on_a_day_off(app, agency, monthly):
    run(app, OPENING)
    assert run(app, date(2026, 11, 21)) == 0  # a Saturday
    assert notifications(app, OVERDUE) == []
    assert run(app, date(2026, 11, 23)) == 2  # Monday: the heads of A and of B


def test_a_consolidated_period_urges_nobody(app, agency, monthly):
    from plugins.planning.reports.consolidation import consolidate

    run(app, OPENING)
    with travel(date(2026, 11, 16)), app.app_context():
        consolidate(db.session, db.session.scalar(select(ReportPeriod)))
        db.session.commit()
    assert run(app, date(2026, 11, 17)) == 0
    assert notifications(app, OVERDUE) == []


def test_the_head_of_the_nearest_unit_above_answers_for_a_unit_without_one(app, agency):
    with app.app_context():
        heads = heads_of(db.session, [agency["a"], agency["a1"], agency["b"], agency["root"]])
    assert heads == {
        agency["a"]: agency["head_a"],
        agency["a1"]: agency["head_a"],
        agency["b"]: agency["head_b"],
    }


def test_run_cycle_reports_what_it_opened(app, agency, monthly):
    with travel(OPENING), app.app_context():
        result = run_cycle(db.session, OPENING)
        assert [p.key for p in result.periods] == ["2026-11"]
        assert len(result.submissions) == 3 and result.urged == []
        db.session.rollback()  # nothing is kept without the caller's commit
    assert count(app, ReportPeriod) == 0
