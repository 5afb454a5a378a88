"""Domain events: written in the emitting transaction, delivered after commit to every enabled
plugin's ``on_event``, each handler once in effect, retried while it fails."""

import os
import subprocess
import sys
from datetime import date, timedelta

import pytest
import time_machine
from click.testing import CliRunner
from sqlalchemy import func, select

from core.cli import build_cli
from core.db import db, utcnow
from core.events import WorkAssigned
from core.events.delivery import deliver_pending
from core.events.models import EventHandled, EventRecord
from core.events.services import emit, from_record, to_payload
from core.notifications.models import Notification

# A handler that writes through the session (its work commits with the core's "handled" note)
# and can be told to fail, from the test, through a module flag.
RECORDER = """
from core.events import WorkAssigned

@hookimpl
def on_event(app, event):
    from core.db import db
    from core.notifications.models import Notification
    from {package} import switches

    if not isinstance(event, WorkAssigned):
        return
    db.session.add(Notification(user_id=event.assigner_id, type="{name}.got",
                                subject=f"{{event.id}}:{{event.title}}"))
    db.session.flush()
    if switches.FAIL:
        raise RuntimeError("{name} is down")
"""


def recorder(temp_plugin, name):
    return temp_plugin(
        name,
        hooks=RECORDER.format(package=f"vp_temp_{name}", name=name),
        files={"switches.py": "FAIL = False\n"},
    )


def work(agency, **changes):
    fields = {
        "source": "meetings",
        "source_ref": "notice/1/point/1",
        "title": "Hoàn thiện dự thảo quy chế",
        "lead_unit_id": agency["a"],
        "supporter_unit_ids": (agency["b"],),
        "deadline": date(2026, 12, 15),
        "assigner_id": agency["office"],
        "cites": "Thông báo số 15/TB-VP",
    }
    return WorkAssigned(**{**fields, **changes})


def received(type_):
    return db.session.scalars(
        select(Notification.subject).where(Notification.type == type_).order_by(Notification.id)
    ).all()


@pytest.fixture
def two_handlers(make_app, temp_plugin, agency_in):
    first, second = recorder(temp_plugin, "first"), recorder(temp_plugin, "second")
    app = make_app(plugins=("first", "second"))
    return app, agency_in(app), first, second


def test_an_event_reaches_every_handler_once_with_its_fields(two_handlers):
    app, agency, *_ = two_handlers
    with app.app_context():
        event_id = emit(db.session, work(agency))
        db.session.commit()
        assert deliver_pending() == {event_id: "delivered"}
        assert received("first.got") == [f"{event_id}:Hoàn thiện dự thảo quy chế"]
        assert received("second.got") == [f"{event_id}:Hoàn thiện dự thảo quy chế"]
        assert deliver_pending() == {}  # delivered events are not delivered again
        record = db.session.get(EventRecord, event_id)
        assert (record.status, record.attempts) == ("delivered", 1)
        assert record.delivered_at is not None


def test_a_rolled_back_change_emits_nothing(two_handlers):
    app, agency, *_ = two_handlers
    with app.app_context():
        emit(db.session, work(agency))
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(EventRecord)) == 0
        assert deliver_pending() == {}


def test_a_failing_handler_is_retried_alone_and_the_other_runs_once(two_handlers):
    app, agency, _, second = two_handlers
    switches = __import__(f"{second.name}.switches", fromlist=["FAIL"])
    switches.FAIL = True
    with app.app_context():
        event_id = emit(db.session, work(agency))
        db.session.commit()
        assert deliver_pending() == {event_id: "retrying"}
        record = db.session.get(EventRecord, event_id)
        assert record.status == "pending"
        assert "second: RuntimeError: second is down" in record.last_error
        assert received("second.got") == []  # its work was rolled back with its failure
        assert deliver_pending() == {}  # not due again before the backoff

        switches.FAIL = False
        with time_machine.travel(utcnow() + timedelta(minutes=10)):
            assert deliver_pending() == {event_id: "delivered"}
        assert len(received("first.got")) == 1  # not run a second time
        assert len(received("second.got")) == 1
        handled = db.session.scalars(
            select(EventHandled.plugin).where(EventHandled.event_id == event_id)
        ).all()
        assert sorted(handled) == ["first", "second"]


def test_an_event_that_keeps_failing_is_marked_failed(two_handlers):
    app, agency, _, second = two_handlers
    __import__(f"{second.name}.switches", fromlist=["FAIL"]).FAIL = True
    with app.app_context():
        event_id = emit(db.session, work(agency))
        db.session.commit()
        attempts = app.extensions["vanphong"].settings.delivery_max_attempts
        outcomes = []
        for days in range(1, attempts + 1):
            with time_machine.travel(utcnow() + timedelta(days=days)):
                outcomes += deliver_pending().values()
        assert outcomes == ["retrying"] * (attempts - 1) + ["failed"]
        assert db.session.get(EventRecord, event_id).status == "failed"


def test_with_no_handler_an_event_is_simply_delivered(make_app, agency_in):
    app = make_app(plugins=())
    agency = agency_in(app)
    with app.app_context():
        event_id = emit(db.session, work(agency))
        db.session.commit()
        assert deliver_pending() == {event_id: "delivered"}


def test_the_payload_reads_back_as_the_same_event(agency):
    event = work(agency)
    payload = to_payload(event)
    assert payload["deadline"] == "2026-12-15"
    assert payload["supporter_unit_ids"] == [agency["b"]]
    assert "id" not in payload
    assert from_record(7, WorkAssigned.kind, {**payload, "retired": 1}) == work(agency, id=7)


def test_only_the_cores_events_with_one_lead_are_accepted(app, agency):
    with app.app_context(), pytest.raises(TypeError):
        emit(db.session, {"kind": "core.work_assigned"})
    with pytest.raises(ValueError, match="exactly one lead"):
        work(agency, lead_user_id=agency["staff_a1"])
    with pytest.raises(ValueError, match="exactly one lead"):
        work(agency, lead_unit_id=None)


def test_the_cli_delivers_due_events(two_handlers):
    app, agency, *_ = two_handlers
    with app.app_context():
        event_id = emit(db.session, work(agency))
        db.session.commit()
    result = CliRunner().invoke(build_cli(app), ["events", "deliver"], catch_exceptions=False)
    assert result.exit_code == 0
    assert f"{event_id}\tdelivered" in result.output


FIRST_COMMIT = """
import sys
from core import migrations
from core.app import create_app
from core.db import db
from core.identity.services import create_user
from core.notifications.services import notify

folder = sys.argv[1]
app = create_app({"database_url": f"sqlite:///{folder}/first.db", "instance_path": folder,
                  "secret_key": "test-secret-key", "plugins": ()})
with app.app_context():
    migrations.upgrade(db.engine, migrations.branches(app.extensions["vanphong"].plugins.enabled))
    user = create_user(db.session, "nguoinhan", "correct-horse-battery", email="a@example.org")
    db.session.commit()
    notify([user], "core.password_reset", "Lần đầu")
    db.session.commit()  # queues the e-mail: the first use of the worker's app in this process
print("committed")
"""


def test_the_first_commit_of_a_fresh_process_queues_mail_and_events(tmp_path):
    """Building the worker's app on the first commit imports the event delivery; its
    after-commit hand-off must already be registered, not added while commit hooks run."""
    result = subprocess.run(
        [sys.executable, "-c", FIRST_COMMIT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if not k.startswith("VANPHONG_")},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("committed")
