"""Notifications and the outbox, task bodies called directly against a real SMTP server."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select, update

from core.db import db, utcnow
from core.identity.models import User
from core.notifications import delivery
from core.notifications.models import Notification, OutboxMessage
from core.notifications.services import (
    Attachment,
    NotificationError,
    mark_read,
    notify,
    notify_each,
    set_email_mode,
)
from core.org.models import Unit
from core.testing import csrf_token
from tests.core.smtp_sink import free_port, start_sink


@pytest.fixture
def sink():
    sink, controller = start_sink()
    yield sink, controller.port
    controller.stop()


@pytest.fixture
def mail_app(make_app, sink):
    _, port = sink
    return make_app(
        smtp_host="127.0.0.1", smtp_port=port, delivery_backoff_seconds=1, delivery_lease_seconds=2
    )


@pytest.fixture
def queued(monkeypatch):
    """The deliveries handed to the broker, instead of a broker (bodies are called directly)."""
    sent: list[tuple[int, float]] = []
    monkeypatch.setattr(
        delivery, "enqueue", lambda outbox_id, countdown=0: sent.append((outbox_id, countdown))
    )
    return sent


def time_passes(outbox_id):
    """The backoff has run out for ``outbox_id`` (instead of waiting for it)."""
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == outbox_id)
        .values(next_attempt_at=utcnow() - timedelta(seconds=1))
    )
    db.session.commit()


def with_email(app, ids):
    with app.app_context():
        for user_id in ids:
            db.session.get(User, user_id).email = f"u{user_id}@sonoivu.example.vn"
        db.session.commit()


def test_notify_writes_in_the_callers_transaction(mail_app, agency, queued):
    # `agency` built its users in the default app's database: the same one.
    with_email(mail_app, [agency["head_a"], agency["staff_a1"]])
    with mail_app.app_context():
        unit_a1 = db.session.get(Unit, agency["a1"])
        notify([unit_a1, agency["head_a"]], "core.password_reset", "Thử nghiệm", "Nội dung")
        db.session.rollback()
        assert db.session.scalars(select(Notification)).all() == []
        assert queued == []  # nothing queued for a rolled-back change

        notify([unit_a1, agency["head_a"]], "core.password_reset", "Thông báo họp", "Nội dung")
        assert queued == []  # not before commit
        db.session.commit()
        users = sorted(n.user_id for n in db.session.scalars(select(Notification)))
        assert users == sorted([agency["staff_a1"], agency["head_a"]])
        assert len(queued) == 2


def test_unknown_type_and_unknown_recipient_are_refused(mail_app, agency):
    with mail_app.app_context():
        with pytest.raises(NotificationError, match="unknown notification type"):
            notify([agency["office"]], "core.nonexistent", "x")
        with pytest.raises(NotificationError, match="give users, units or roles"):
            notify(["someone"], "core.password_reset", "x")


def test_delivery_sends_once_with_its_key_as_message_id(mail_app, agency, queued, sink):
    messages, _ = sink
    with_email(mail_app, [agency["office"]])
    with mail_app.app_context():
        notify(
            [agency["office"]],
            "core.password_reset",
            "Mật khẩu đã được đặt lại",
            "Chi tiết",
            "/account/password",
        )
        db.session.commit()
        outbox_id = queued[0][0]
        assert delivery.deliver(outbox_id) == "sent"
        assert delivery.deliver(outbox_id) == "skipped"  # a second delivery of the task: nothing
        message = db.session.get(OutboxMessage, outbox_id)
        assert message.status == "sent" and message.attempts == 1
    received = messages.wait_for(1)
    assert len(received) == 1
    assert received[0]["Message-ID"] == f"<{message.key}@vanphong>"
    assert received[0]["Subject"] == "[VanPhong] Mật khẩu đã được đặt lại"
    text = received[0].get_content()
    assert "Kính gửi" in text or "Dear" in text
    assert "http://127.0.0.1:8000/account/password" in text


def test_smtp_down_retries_with_backoff_then_fails_for_good(make_app, agency, queued):
    app = make_app(
        smtp_host="127.0.0.1",
        smtp_port=free_port(),
        delivery_max_attempts=2,
        delivery_backoff_seconds=5,
    )
    with_email(app, [agency["office"]])
    with app.app_context():
        notify([agency["office"]], "core.password_reset", "Thử")
        db.session.commit()
        outbox_id = queued[0][0]
        assert delivery.deliver(outbox_id) == "retrying"
        message = db.session.get(OutboxMessage, outbox_id)
        assert message.status == "pending" and message.attempts == 1
        assert "ConnectionRefusedError" in message.last_error
        assert queued[-1] == (outbox_id, 5)  # retried after the backoff
        assert message.next_attempt_at > utcnow() + timedelta(seconds=3)
        assert delivery.deliver(outbox_id) == "skipped"  # too early: the retry waits its turn
        time_passes(outbox_id)
        assert delivery.deliver(outbox_id) == "failed"
        assert db.session.get(OutboxMessage, outbox_id).status == "failed"


def test_a_retry_succeeds_when_the_server_returns(make_app, agency, queued):
    port = free_port()
    app = make_app(smtp_host="127.0.0.1", smtp_port=port, delivery_backoff_seconds=1)
    with_email(app, [agency["office"]])
    with app.app_context():
        notify([agency["office"]], "core.password_reset", "Thử lại")
        db.session.commit()
        outbox_id = queued[0][0]
        assert delivery.deliver(outbox_id) == "retrying"
        time_passes(outbox_id)
    sink, controller = start_sink(port)
    try:
        with app.app_context():
            assert delivery.deliver(outbox_id) == "sent"
        assert len(sink.wait_for(1)) == 1
    finally:
        controller.stop()


def test_failed_messages_show_in_the_outbox_page(make_app, agency, queued, login_as):
    app = make_app(smtp_host="127.0.0.1", smtp_port=free_port(), delivery_max_attempts=1)
    with_email(app, [agency["office"]])
    with app.app_context():
        notify([agency["office"]], "core.password_reset", "Không gửi được")
        db.session.commit()
        delivery.deliver(queued[0][0])
    client = login_as(agency["administrator"], app.test_client())
    page = client.get("/admin/core_outbox/?flt0_0=failed").get_data(as_text=True)
    assert "Không gửi được" in page and "ConnectionRefusedError" in page


def test_sweep_requeues_due_retries_and_expired_claims(mail_app, agency, queued):
    with_email(mail_app, [agency["office"], agency["head_a"]])
    with mail_app.app_context():
        notify([agency["office"], agency["head_a"]], "core.password_reset", "Quét")
        db.session.commit()
        first, second = (i for i, _ in queued)
        queued.clear()
        assert delivery.sweep() == 0  # just queued: their tasks are on their way
        db.session.execute(
            update(OutboxMessage).values(next_attempt_at=utcnow() - timedelta(minutes=10))
        )
        past = utcnow() - timedelta(seconds=1)
        db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == first)
            .values(status="sending", locked_until=past)
        )
        db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == second)
            .values(locked_until=utcnow() + timedelta(minutes=5), status="sending")
        )
        db.session.commit()
        assert delivery.sweep() == 1
        assert queued == [(first, 0)]  # the live claim is left alone
        assert delivery.sweep() == 0  # re-queued once per lease, not at every tick


def test_daily_digest_sends_one_message_per_person(mail_app, agency, queued, sink):
    messages, _ = sink
    with_email(mail_app, [agency["office"]])
    with mail_app.app_context():
        set_email_mode(
            db.session, db.session.get(User, agency["office"]), "core.password_reset", "digest"
        )
        db.session.commit()
        for subject in ("Một", "Hai", "Ba"):
            notify([agency["office"]], "core.password_reset", subject)
        db.session.commit()
        assert queued == []  # held for the digest
        assert delivery.send_digests() == 1
        delivery.deliver(queued[0][0])
    received = messages.wait_for(1)
    assert len(received) == 1 and "3" in received[0]["Subject"]
    body = received[0].get_content()
    assert "Một" in body and "Hai" in body and "Ba" in body


def test_inbox_unread_badge_mark_read_and_choices(app, agency, login_as):
    with app.app_context():
        for subject in ("Một", "Hai"):
            notify([agency["staff_a1"]], "core.password_reset", subject)
        db.session.commit()
    client = login_as(agency["staff_a1"])
    home = client.get("/admin/").get_data(as_text=True)
    assert 'data-testid="unread">2<' in home
    inbox = client.get("/admin/core_inbox/").get_data(as_text=True)
    assert "Một" in inbox and "Hai" in inbox
    token = csrf_token(client, "/admin/core_inbox/")
    client.post("/admin/core_inbox/read", data={"csrf_token": token})
    assert 'data-testid="unread"' not in client.get("/admin/").get_data(as_text=True)
    client.post(
        "/admin/core_inbox/preferences",
        data={"csrf_token": token, "email-core.password_reset": "off"},
    )
    with app.app_context():
        assert mark_read(db.session, db.session.get(User, agency["staff_a1"])) == 0
        from core.notifications.models import NotificationPreference

        assert (
            db.session.get(
                NotificationPreference, (agency["staff_a1"], "core.password_reset")
            ).email
            == "off"
        )


def test_an_administrators_reset_notifies_the_person(app, agency, login_as):
    admin = login_as(agency["administrator"])
    url = f"/admin/core_user/{agency['staff_a1']}/password"
    admin.post(url, data={"new": "reset-by-the-office", "csrf_token": csrf_token(admin, url)})
    with app.app_context():
        notes = db.session.scalars(
            select(Notification).where(Notification.user_id == agency["staff_a1"])
        ).all()
    assert [n.type for n in notes] == ["core.password_reset"]


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "//evil.example/x",
        "/\\evil.example",
        "data:text/html,x",
        "vbscript:x",
    ],
)
def test_links_that_could_run_code_are_refused(mail_app, agency, link):
    with mail_app.app_context(), pytest.raises(NotificationError, match="a path starting with /"):
        notify([agency["office"]], "core.password_reset", "x", link=link)


def test_inbox_escapes_what_it_shows(app, agency, login_as):
    with app.app_context():
        notify(
            [agency["staff_a1"]],
            "core.password_reset",
            "<script>alert(1)</script>",
            "<b>x</b>",
            "/admin/",
        )
        db.session.commit()
    page = login_as(agency["staff_a1"]).get("/admin/core_inbox/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page


def test_a_stale_claim_cannot_overwrite_a_later_outcome(mail_app, agency, queued):
    with_email(mail_app, [agency["office"]])
    with mail_app.app_context():
        notify([agency["office"]], "core.password_reset", "Hai lần nhận")
        db.session.commit()
        outbox_id = queued[0][0]
        first_claim = SimpleNamespace(id=outbox_id, attempts=1)
        assert delivery.deliver(outbox_id) == "sent"  # claimed (attempt 1) and sent
        delivery._set(first_claim, status="pending")  # an outcome for a claim that is over
        assert db.session.get(OutboxMessage, outbox_id).status == "sent"


def test_a_digest_goes_only_to_its_owner(mail_app, agency, queued, sink):
    messages, _ = sink
    with_email(mail_app, [agency["office"], agency["head_a"]])
    with mail_app.app_context():
        for user_id in (agency["office"], agency["head_a"]):
            set_email_mode(
                db.session, db.session.get(User, user_id), "core.password_reset", "digest"
            )
        db.session.commit()
        notify([agency["office"]], "core.password_reset", "Cho văn phòng")
        notify([agency["head_a"]], "core.password_reset", "Cho trưởng phòng")
        db.session.commit()
        db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.user_id == agency["head_a"])
            .values(user_id=None)
        )
        db.session.commit()  # as after the person was deleted
        assert delivery.send_digests() == 1
        delivery.deliver(queued[0][0])
    received = messages.wait_for(1)
    assert len(received) == 1 and "Cho trưởng phòng" not in received[0].get_content()


INVITATION = Attachment("giay-moi.ics", "text/calendar", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")


def test_attachments_travel_with_the_email(mail_app, agency, queued, sink):
    messages, _ = sink
    with_email(mail_app, [agency["office"]])
    with mail_app.app_context():
        notify([agency["office"]], "core.password_reset", "Giấy mời họp", attachments=[INVITATION])
        db.session.commit()
        assert delivery.deliver(queued[0][0]) == "sent"
    parts = list(messages.wait_for(1)[0].iter_attachments())
    assert [(p.get_filename(), p.get_content_type()) for p in parts] == [
        ("giay-moi.ics", "text/calendar")
    ]
    assert parts[0].get_content().replace("\r\n", "\n") == "BEGIN:VCALENDAR\nEND:VCALENDAR\n"


def test_a_digest_carries_the_attachments_of_what_it_gathers(mail_app, agency, queued, sink):
    messages, _ = sink
    with_email(mail_app, [agency["office"]])
    with mail_app.app_context():
        office = db.session.get(User, agency["office"])
        set_email_mode(db.session, office, "core.password_reset", "digest")
        notify([office], "core.password_reset", "Họp giao ban", attachments=[INVITATION])
        notify([office], "core.password_reset", "Không đính kèm")
        db.session.commit()
        assert delivery.send_digests() == 1
        delivery.deliver(queued[0][0])
    parts = list(messages.wait_for(1)[0].iter_attachments())
    assert [p.get_filename() for p in parts] == ["giay-moi.ics"]


def test_an_attachment_needs_a_name_a_type_and_a_sane_size():
    with pytest.raises(NotificationError, match="MIME type"):
        Attachment("hop.ics", "calendar", b"")
    with pytest.raises(NotificationError, match="MIME type"):
        Attachment("../hop.ics", "text/calendar", b"")
    with pytest.raises(NotificationError, match="larger than 1 MB"):
        Attachment("hop.ics", "text/calendar", b"x" * (1024 * 1024 + 1))


def test_notify_each_speaks_each_recipients_language(app, agency):
    from flask_babel import gettext

    with app.app_context():
        db.session.get(User, agency["head_a"]).locale = "vi"
        db.session.get(User, agency["staff_a1"]).locale = "en"
        composed = []

        def compose():
            composed.append(1)
            return gettext("Delivered"), ""

        told = notify_each([agency["head_a"], agency["staff_a1"]], "core.password_reset", compose)
        subjects = dict(
            db.session.execute(select(Notification.user_id, Notification.subject)).all()
        )
    assert told == 2 and len(composed) == 2  # once per language, not per person
    assert subjects == {agency["head_a"]: "Đã chuyển", agency["staff_a1"]: "Delivered"}
