"""Notifications, the e-mail outbox and people's choices per notification type.

Both are system records, not business data: they are not audited (the audit log would double
every notification) but kept, with their delivery state, for the back office.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Model, utcnow
from core.identity.models import User


class Notification(Model):
    """One message in one person's in-app inbox."""

    __tablename__ = "core_notification"
    __audit__ = False
    __table_args__ = (Index("ix_core_notification_user_read", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_user.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(80))
    subject: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()


class OutboxMessage(Model):
    """An e-mail to send. ``key`` is its idempotency key and Message-ID: a message is claimed
    before sending and marked sent after, so a crashed worker's message is sent again only if
    the mail server never accepted it."""

    __tablename__ = "core_outbox"
    __audit__ = False
    __table_args__ = (Index("ix_core_outbox_status_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    notification_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_notification.id", ondelete="SET NULL")
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL"), index=True
    )
    key: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[str] = mapped_column(String(20), default="email")
    address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    # pending → sending → sent | failed; held: waits for the daily digest; digested: sent in one
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    locked_until: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(String(500), default="")


class OutboxAttachment(Model):
    """A file sent with an e-mail (an invitation's .ics): kept with the message until sent."""

    __tablename__ = "core_outbox_attachment"
    __audit__ = False

    id: Mapped[int] = mapped_column(primary_key=True)
    outbox_id: Mapped[int] = mapped_column(
        ForeignKey("core_outbox.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class NotificationPreference(Model):
    """How a person receives one type by e-mail: at once, in the daily digest, or not at all."""

    __tablename__ = "core_notification_preference"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("core_user.id", ondelete="CASCADE"), primary_key=True
    )
    type: Mapped[str] = mapped_column(String(80), primary_key=True)
    email: Mapped[str] = mapped_column(String(10), default="instant")  # instant | digest | off
