"""A real worker process delivers the outbox: on the embedded broker, and on Redis when
``VANPHONG_TEST_BROKER_URL`` is set (CI's second pass). A worker killed with SIGKILL in the
middle of a delivery loses nothing and sends nothing twice."""

import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from core import ScheduledJob
from core.db import db
from core.events.models import EventRecord
from core.events.services import emit
from core.identity.models import User
from core.jobs.celery_app import celery_for, job_runner
from core.notifications.models import Notification, OutboxMessage
from core.notifications.services import notify
from core.testing import require
from tests.core.smtp_sink import start_sink
from tests.core.test_events import recorder, work

VANPHONG = shutil.which("vanphong", path=str(Path(sys.executable).parent)) or "vanphong"
BROKER = os.environ.get("VANPHONG_TEST_BROKER_URL", "")
REDIS = os.environ.get("VANPHONG_TEST_REDIS_URL") or (BROKER if BROKER.startswith("redis") else "")
FAST = {
    "delivery_lease_seconds": 2,
    "delivery_sweep_seconds": 1,
    "delivery_backoff_seconds": 1,
    "beat_lock_seconds": 3,  # a killed worker's beat lock must not outlive the test
}


@pytest.fixture
def sink():
    sink, controller = start_sink()
    yield sink, controller.port
    controller.stop()


@pytest.fixture
def system(make_app, sink, database_url, tmp_path):
    """The app in this process and a way to start worker processes on the same database,
    instance folder (the embedded broker's files) and SMTP sink."""
    _, port = sink
    settings = {"smtp_host": "127.0.0.1", "smtp_port": port, "broker_url": BROKER, **FAST}
    app = make_app(**settings)
    if BROKER:
        celery_for(app).control.purge()
    env = {k: v for k, v in os.environ.items() if not k.startswith("VANPHONG_")}
    env.update({f"VANPHONG_{k.upper()}": str(v) for k, v in settings.items()})
    env.update(
        VANPHONG_DATABASE_URL=database_url,
        VANPHONG_INSTANCE_PATH=str(tmp_path / "instance"),
        VANPHONG_PLUGINS="",
        VANPHONG_SECRET_KEY="test-secret-key",
    )
    workers: list[subprocess.Popen] = []

    def start_worker(**more_env: str) -> subprocess.Popen:
        process = subprocess.Popen(
            [VANPHONG, "worker", "--concurrency=1", "--loglevel=WARNING"],
            env={**env, **more_env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, so SIGKILL reaches the pool too
        )
        workers.append(process)
        return process

    yield app, start_worker
    for process in workers:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def send_one(app, agency, subject):
    with app.app_context():
        user = db.session.get(User, agency["office"])
        user.email = "vanphong@sonoivu.example.vn"
        notify([user], "core.password_reset", subject)
        db.session.commit()
        return db.session.scalars(select(OutboxMessage.id)).all()[-1]


def outbox_state(app, outbox_id):
    with app.app_context():
        message = db.session.get(OutboxMessage, outbox_id)
        return message.status, message.attempts


def test_a_worker_process_delivers_the_outbox(system, sink, agency):
    app, start_worker = system
    messages, _ = sink
    start_worker()
    outbox_id = send_one(app, agency, "Giao qua tiến trình worker")
    received = messages.wait_for(1, timeout=60)
    assert [m["Subject"] for m in received] == ["[VanPhong] Giao qua tiến trình worker"]
    deadline = time.monotonic() + 10
    while outbox_state(app, outbox_id)[0] != "sent" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert outbox_state(app, outbox_id) == ("sent", 1)


def test_a_worker_killed_mid_delivery_sends_exactly_once_after_restart(system, sink, agency):
    app, start_worker = system
    messages, _ = sink
    messages.stall_rcpt.set()  # the server will hang once the worker is talking to it
    worker = start_worker()
    outbox_id = send_one(app, agency, "Gửi đúng một lần")
    assert messages.stalled.wait(60), "the worker never reached the SMTP server"
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)
    messages.stall_rcpt.clear()
    assert outbox_state(app, outbox_id)[0] == "sending"  # claimed by the dead worker

    start_worker()
    received = messages.wait_for(1, timeout=60)
    time.sleep(3)  # a duplicate would arrive within the lease and sweep intervals
    assert len(received) == 1
    with app.app_context():
        key = db.session.get(OutboxMessage, outbox_id).key
    assert received[0]["Message-ID"] == f"<{key}@vanphong>"
    deadline = time.monotonic() + 10
    while outbox_state(app, outbox_id)[0] != "sent" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert outbox_state(app, outbox_id) == ("sent", 2)


def test_a_worker_process_delivers_domain_events_to_plugins(system, temp_plugin, agency):
    app, start_worker = system
    package = recorder(temp_plugin, "first")
    start_worker(VANPHONG_PLUGINS="first", PYTHONPATH=str(package.parent))
    with app.app_context():
        event_id = emit(db.session, work(agency))
        db.session.commit()
        deadline = time.monotonic() + 60
        while db.session.get(EventRecord, event_id).status != "delivered":
            assert time.monotonic() < deadline, "the worker never delivered the event"
            time.sleep(0.2)
            db.session.rollback()  # a fresh snapshot of the worker's writes
        subjects = db.session.scalars(
            select(Notification.subject).where(Notification.type == "first.got")
        ).all()
    assert subjects == [f"{event_id}:Hoàn thiện dự thảo quy chế"]


def test_the_schedule_comes_from_enabled_plugins_only(make_app, temp_plugin):
    temp_plugin(
        "tick",
        hooks="""
        @hookimpl
        def register_scheduled_jobs(app):
            from datetime import timedelta
            from core import ScheduledJob
            return [ScheduledJob("tick.every_minute", "builtins.print", timedelta(minutes=1))]
        """,
    )
    enabled = celery_for(make_app(plugins=("tick",)))
    assert "tick.every_minute" in enabled.conf.beat_schedule
    assert "tick.every_minute" in enabled.tasks
    assert {"core.outbox_sweep", "core.notification_digest"} <= set(enabled.conf.beat_schedule)
    without = celery_for(make_app(plugins=()))
    assert "tick.every_minute" not in without.conf.beat_schedule


def test_a_failing_job_is_logged_with_its_plugin_and_does_not_stop_others(caplog):
    def broken():
        raise RuntimeError("boom")

    runner = job_runner(ScheduledJob("meetings.reminders", broken, timedelta(minutes=5)))
    with caplog.at_level(logging.ERROR):
        assert runner() is None
    assert "scheduled job meetings.reminders of plugin meetings failed" in caplog.text
    assert job_runner(ScheduledJob("core.ok", lambda: "done", 60))() == "done"


def test_only_one_beat_holds_the_redis_lock():
    require(REDIS, "the beat lock needs Redis (VANPHONG_TEST_REDIS_URL or a redis:// broker)")
    import redis

    from core.jobs.beat import LOCK_KEY, LockedScheduler

    first = LockedScheduler.__new__(LockedScheduler)  # two beats' schedulers, lock logic only
    second = LockedScheduler.__new__(LockedScheduler)
    for scheduler, token in ((first, "a"), (second, "b")):
        scheduler._redis, scheduler._token, scheduler._seconds = (
            redis.Redis.from_url(REDIS),
            token,
            30,
        )
    first._redis.delete(LOCK_KEY)
    assert first._hold_lock() and not second._hold_lock()
    assert first._hold_lock()  # renewed by its holder
    first._redis.delete(LOCK_KEY)
    assert second._hold_lock()


def test_crontab_lines_become_celery_schedules(make_app):
    from celery.schedules import crontab

    schedule = celery_for(make_app()).conf.beat_schedule["core.notification_digest"]["schedule"]
    assert schedule == crontab(minute="0", hour="7")
    with pytest.raises(ValueError, match="five fields"):
        ScheduledJob("core.bad", "builtins.print", "every morning")
