"""``notify()``: write notifications and their outbox rows in the caller's transaction; the
deliveries are queued only when that transaction commits, so a rolled-back change sends
nothing and a crash in between loses nothing (the outbox sweep finds the rows)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from core.db import db, utcnow
from core.errors import VanPhongError
from core.identity.models import Role, RoleAssignment, User
from core.notifications.models import (
    Notification,
    NotificationPreference,
    OutboxAttachment,
    OutboxMessage,
)
from core.org.models import Membership, Unit

log = logging.getLogger(__name__)
EMAIL_MODES = ("instant", "digest", "off")


class NotificationError(VanPhongError):
    """A notification cannot be sent as asked; the message says why."""


def resolve_recipients(session: Session, recipients: Iterable[Any]) -> list[User]:
    """Active users from users (or their ids), units (their members) and roles (their holders)."""
    user_ids: set[int] = set()
    for item in recipients:
        if isinstance(item, User):
            user_ids.add(item.id)
        elif isinstance(item, int):
            user_ids.add(item)
        elif isinstance(item, Unit):
            user_ids.update(
                session.scalars(select(Membership.user_id).where(Membership.unit_id == item.id))
            )
        elif isinstance(item, Role):
            user_ids.update(
                session.scalars(
                    select(RoleAssignment.user_id).where(RoleAssignment.role_id == item.id)
                )
            )
        else:
            raise NotificationError(f"cannot notify {item!r}: give users, units or roles")
    if not user_ids:
        return []
    return list(
        session.scalars(select(User).where(User.id.in_(user_ids), User.active).order_by(User.id))
    )


@dataclass(frozen=True)
class Attachment:
    """A file for the e-mails of a notification, e.g. ``Attachment("hop.ics", "text/calendar",
    data)``; the in-app entry links to the same thing through ``link``."""

    filename: str
    content_type: str
    data: bytes

    def __post_init__(self) -> None:
        if "/" not in self.content_type or not self.filename or "/" in self.filename:
            raise NotificationError(f"attachment {self.filename!r}: a file name and a MIME type")
        if len(self.data) > MAX_ATTACHMENT_BYTES:
            raise NotificationError(f"attachment {self.filename!r} is larger than 1 MB")


MAX_ATTACHMENT_BYTES = 1024 * 1024


def notify(
    recipients: Iterable[Any],
    type: str,
    subject: str,
    body: str = "",
    link: str = "",
    attachments: Sequence[Attachment] = (),
) -> list[Notification]:
    """Notify people: an inbox entry each, and an e-mail for those whose choice for ``type``
    (or the type's default channels) includes e-mail, with ``attachments``. Written in the
    current transaction."""
    session = db.session
    check_link(link)
    types = current_app.extensions["vanphong"].registry.notification_types
    if type not in types:
        raise NotificationError(
            f"unknown notification type {type!r}: declare it in register_notification_types"
        )
    users = resolve_recipients(session, recipients)
    if not users:
        return []
    default_mode = "instant" if "email" in types[type].default_channels else "off"
    chosen = dict(
        session.execute(
            select(NotificationPreference.user_id, NotificationPreference.email).where(
                NotificationPreference.type == type,
                NotificationPreference.user_id.in_([u.id for u in users]),
            )
        ).all()
    )
    now = utcnow()
    notifications, messages = [], []
    for user in users:
        notification = Notification(
            user_id=user.id, type=type, subject=subject, body=body, link=link, created_at=now
        )
        notifications.append(notification)
        mode = chosen.get(user.id, default_mode)
        if mode != "off" and user.email:
            rendered_subject, rendered_body = render_email(user, subject, body, link)
            messages.append(
                OutboxMessage(
                    user_id=user.id,
                    key=uuid.uuid4().hex,
                    address=user.email,
                    subject=rendered_subject,
                    body=rendered_body,
                    status="pending" if mode == "instant" else "held",
                    created_at=now,
                    next_attempt_at=now,
                )
            )
    session.add_all(notifications)
    session.flush()
    by_user: dict[int | None, int] = {n.user_id: n.id for n in notifications}
    for message in messages:
        message.notification_id = by_user[message.user_id]
    session.add_all(messages)
    session.flush()
    session.add_all(
        OutboxAttachment(
            outbox_id=m.id, filename=a.filename, content_type=a.content_type, data=a.data
        )
        for m in messages
        for a in attachments
    )
    queue = session.info.setdefault("vanphong_outbox", [])
    queue.extend(m.id for m in messages if m.status == "pending")
    return notifications


def notify_each(
    recipients: Iterable[Any],
    type: str,
    compose: Callable[[], tuple[str, str]],
    link: str = "",
    attachments: Sequence[Attachment] = (),
) -> int:
    """Notify people each in their own language: ``compose`` returns the subject and the body,
    and runs once per language among the recipients, inside it (so its gettext calls speak
    that language). Returns how many people were notified. As :func:`notify` otherwise."""
    default = current_app.extensions["vanphong"].settings.locale
    people = resolve_recipients(db.session, recipients)
    told = 0
    for locale, group in groupby(
        sorted(people, key=lambda u: u.locale or default), key=lambda u: u.locale or default
    ):
        members = list(group)
        with force_locale(locale):
            subject, body = compose()
        told += len(notify(members, type, subject, body, link, attachments))
    return told


def check_link(link: str) -> None:
    """A link is a path in VanPhong (``/admin/…``) or an http(s) address: a ``javascript:``
    link in an inbox would run in the reader's session."""
    if not link:
        return
    parts = urlsplit(link)
    local = link.startswith("/") and not link.startswith("//") and not parts.scheme
    unsafe = "\\" in link or any(ord(c) < 32 for c in link)  # browsers read /\x as //x
    if unsafe or (not local and parts.scheme not in ("http", "https")):
        raise NotificationError(f"link {link!r}: a path starting with / or an http(s) address")


def render_email(user: User, subject: str, body: str, link: str) -> tuple[str, str]:
    """The e-mail's subject and text in the recipient's language."""
    settings = current_app.extensions["vanphong"].settings
    url = link if not link or link.startswith("http") else settings.base_url.rstrip("/") + link
    with force_locale(user.locale or settings.locale):
        text = render_template(
            "core/email/notification.txt", user=user, subject=subject, body=body, link=url
        )
        return f"[VanPhong] {subject}"[:255], text


def set_email_mode(session: Session, user: User, type: str, mode: str) -> None:
    if mode not in EMAIL_MODES:
        raise NotificationError(_("E-mail: instant, digest or off."))
    preference = session.get(NotificationPreference, (user.id, type)) or NotificationPreference(
        user_id=user.id, type=type
    )
    preference.email = mode
    session.add(preference)


def unread_count(user_id: int) -> int:
    return int(
        db.session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        )
        or 0
    )


def mark_read(session: Session, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark some (or all) of ``user``'s unread notifications read; returns how many."""
    from sqlalchemy import update

    query = update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    if ids is not None:
        query = query.where(Notification.id.in_(list(ids)))
    result: Any = session.execute(query.values(read_at=utcnow()))
    return int(result.rowcount)


@event.listens_for(Session, "after_commit")
def _queue_deliveries(session: Session) -> None:
    """After commit, hand each new outbox row to the worker (the sweep catches any we miss:
    a savepoint's commit or rollback fires these hooks too, which can only delay a message)."""
    ids = session.info.pop("vanphong_outbox", None)
    if not ids:
        return
    from core.notifications.delivery import enqueue

    for outbox_id in ids:
        enqueue(outbox_id)


@event.listens_for(Session, "after_rollback")
def _forget_deliveries(session: Session) -> None:
    session.info.pop("vanphong_outbox", None)
