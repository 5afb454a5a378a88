"""Delivering the outbox: one task per message, claimed before sending, retried with backoff,
marked failed after the last attempt; a sweep re-queues what a crash or a lost task left.

Exactly once: a message is claimed (``sending``, with a lease) in its own transaction, sent
with its key as Message-ID, and marked ``sent`` right after the server accepts it. A worker
killed before the server accepted leaves the claim to expire, and the sweep sends it again.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Sequence
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any

from flask import current_app
from sqlalchemy import or_, select, update

from core.db import db, utcnow
from core.notifications.models import OutboxAttachment, OutboxMessage

log = logging.getLogger(__name__)
TASK = "core.deliver_email"


def _settings() -> Any:
    return current_app.extensions["vanphong"].settings


def enqueue(outbox_id: int, countdown: float = 0) -> None:
    """Hand a message to the worker; if the broker is away, the sweep will find it."""
    try:
        from core.jobs.celery_app import celery_for

        celery_for(current_app).send_task(TASK, args=(outbox_id,), countdown=countdown)
    except Exception:
        log.warning(
            "could not queue outbox message %s; the sweep will retry", outbox_id, exc_info=True
        )


def deliver(outbox_id: int) -> str:
    """Send one outbox message; returns what became of it (the task's body).

    Four statements: the claim (which returns the message), its attachments, and the outcome."""
    settings = _settings()
    now = utcnow()
    message = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == outbox_id,
            OutboxMessage.status.in_(("pending", "sending")),
            OutboxMessage.next_attempt_at <= now,  # a retry waits for its time
            or_(OutboxMessage.locked_until.is_(None), OutboxMessage.locked_until < now),
        )
        .values(
            status="sending",
            locked_until=now + timedelta(seconds=settings.delivery_lease_seconds),
            attempts=OutboxMessage.attempts + 1,
        )
        .returning(*CLAIMED)
    ).one_or_none()
    db.session.commit()
    if message is None:
        return "skipped"  # sent already, failed for good, or another worker holds it
    attachments = db.session.execute(
        select(OutboxAttachment.filename, OutboxAttachment.content_type, OutboxAttachment.data)
        .where(OutboxAttachment.outbox_id == outbox_id)
        .order_by(OutboxAttachment.id)
    ).all()
    db.session.commit()
    try:
        send(message, attachments)
    except Exception as exc:  # a network error, or a message the server or library refuses
        return _failed(message, exc)
    _set(message, status="sent", sent_at=utcnow(), locked_until=None)
    return "sent"


CLAIMED = (
    OutboxMessage.id,
    OutboxMessage.key,
    OutboxMessage.address,
    OutboxMessage.subject,
    OutboxMessage.body,
    OutboxMessage.attempts,
)


def _set(claimed: Any, **values: Any) -> None:
    """Record the outcome of this claim only: if the lease ran out and another worker claimed
    the message since, its outcome stands and this one is dropped."""
    db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == claimed.id,
            OutboxMessage.status == "sending",
            OutboxMessage.attempts == claimed.attempts,
        )
        .values(**values)
    )
    db.session.commit()


def _failed(message: Any, exc: Exception) -> str:
    settings = _settings()
    error = f"{type(exc).__name__}: {exc}"[:500]
    if message.attempts >= settings.delivery_max_attempts:
        _set(message, status="failed", last_error=error, locked_until=None)
        log.error("outbox message %s failed for good: %s", message.id, error)
        return "failed"
    delay = settings.delivery_backoff_seconds * 2 ** (message.attempts - 1)
    _set(
        message,
        status="pending",
        last_error=error,
        locked_until=None,
        next_attempt_at=utcnow() + timedelta(seconds=delay),
    )
    enqueue(message.id, countdown=delay)
    return "retrying"


def send(message: Any, attachments: Sequence[Any] = ()) -> None:
    """Hand the e-mail, with its attachments, to the SMTP server named by the settings."""
    settings = _settings()
    email = EmailMessage()
    email["From"] = settings.mail_from
    email["To"] = message.address
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=True)
    email["Message-ID"] = f"<{message.key}@vanphong>"
    email.set_content(message.body)
    for attachment in attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        email.add_attachment(
            attachment.data, maintype=maintype, subtype=subtype, filename=attachment.filename
        )
    smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30)
    try:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password)
        smtp.send_message(email)  # returning means the server accepted the message
    finally:
        # A failure after acceptance (QUIT, a dropped line) must not look like a failed
        # delivery: that would send the message again.
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()


def sweep() -> int:
    """Re-queue what a task should have sent by now but did not: messages due for longer than a
    lease and not claimed (their task was lost), and claims whose lease expired (their worker
    died). Each is re-queued once per lease, so a backlog does not snowball."""
    now = utcnow()
    lease = timedelta(seconds=_settings().delivery_lease_seconds)
    due = db.session.scalars(
        select(OutboxMessage.id).where(
            OutboxMessage.status.in_(("pending", "sending")),
            OutboxMessage.next_attempt_at <= now - lease,
            or_(OutboxMessage.locked_until.is_(None), OutboxMessage.locked_until < now),
        )
    ).all()
    if due:
        db.session.execute(
            update(OutboxMessage).where(OutboxMessage.id.in_(due)).values(next_attempt_at=now)
        )
        db.session.commit()
    for outbox_id in due:
        enqueue(outbox_id)
    return len(due)


def send_digests() -> int:
    """Once a day: one e-mail per person with every message held for the digest."""
    from flask_babel import force_locale
    from flask_babel import gettext as _

    from core.identity.models import User

    held = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.status == "held", OutboxMessage.user_id.is_not(None))
        .order_by(OutboxMessage.user_id, OutboxMessage.id)
    ).all()
    by_user: dict[int | None, list[OutboxMessage]] = {}
    for message in held:
        by_user.setdefault(message.user_id, []).append(message)
    users = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(list(by_user))))}
    queued = []
    for user_id, messages in by_user.items():
        user = users.get(user_id)  # type: ignore[arg-type]
        if user is None or not user.email:  # gone, or no address any more: nothing to send
            for message in messages:
                message.status = "digested"
            continue
        with force_locale(user.locale or _settings().locale):
            subject = "[VanPhong] " + _("Your daily digest: %(n)d notifications", n=len(messages))
        body = "\n\n".join(f"• {m.subject.removeprefix('[VanPhong] ')}\n{m.body}" for m in messages)
        digest = OutboxMessage(
            user_id=user_id,
            key=f"digest-{messages[0].key}",
            address=user.email,
            subject=subject,
            body=body,
        )
        db.session.add(digest)
        for message in messages:
            message.status = "digested"
        db.session.flush()
        db.session.execute(  # the held messages' files go with the digest
            update(OutboxAttachment)
            .where(OutboxAttachment.outbox_id.in_([m.id for m in messages]))
            .values(outbox_id=digest.id)
        )
        queued.append(digest.id)
    db.session.commit()
    for outbox_id in queued:
        enqueue(outbox_id)
    return len(queued)
