"""Delivering domain events: one task per event, claimed with a lease, each plugin's handler in
its own transaction, retried with backoff while a handler fails; a sweep re-queues what a crash
or a lost task left.

A handler's writes commit together with an :class:`EventHandled` row naming its plugin, so a
redelivery skips the handlers that already ran: each runs once in effect, even when another
plugin's handler fails or the worker dies half-way.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from flask import current_app
from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from core.db import db, utcnow
from core.events.models import EventHandled, EventRecord
from core.events.services import from_record

log = logging.getLogger(__name__)
TASK = "core.deliver_event"


def _settings() -> Any:
    return current_app.extensions["vanphong"].settings


def enqueue(event_id: int, countdown: float = 0) -> None:
    """Hand an event to the worker; if the broker is away, the sweep will find it."""
    try:
        from core.jobs.celery_app import celery_for

        celery_for(current_app).send_task(TASK, args=(event_id,), countdown=countdown)
    except Exception:
        log.warning("could not queue event %s; the sweep will retry", event_id, exc_info=True)


def deliver(event_id: int) -> str:
    """Run every enabled plugin's ``on_event`` handler that has not yet handled the event;
    returns what became of it: delivered, retrying, failed or skipped (the task's body)."""
    now = utcnow()
    claimed = db.session.execute(
        update(EventRecord)
        .where(
            EventRecord.id == event_id,
            EventRecord.status == "pending",
            EventRecord.next_attempt_at <= now,
            or_(EventRecord.locked_until.is_(None), EventRecord.locked_until < now),
        )
        .values(
            locked_until=now + timedelta(seconds=_settings().delivery_lease_seconds),
            attempts=EventRecord.attempts + 1,
        )
        .returning(EventRecord.kind, EventRecord.payload, EventRecord.attempts)
    ).one_or_none()
    db.session.commit()
    if claimed is None:
        return "skipped"  # delivered already, failed for good, or another worker holds it
    event = from_record(event_id, claimed.kind, claimed.payload)
    errors = [f"{plugin}: {error}" for plugin, error in _run_handlers(event)]
    if not errors:
        _set(event_id, claimed.attempts, status="delivered", delivered_at=utcnow())
        return "delivered"
    return _failed(event_id, claimed.attempts, "; ".join(errors))


def _run_handlers(event: Any) -> list[tuple[str, str]]:
    """Call each handler not yet recorded for ``event``; returns (plugin, error) for failures."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    manager = app.extensions["vanphong"].plugins
    done = set(
        db.session.scalars(select(EventHandled.plugin).where(EventHandled.event_id == event.id))
    )
    failures = []
    for impl in manager.hookimpls("on_event"):
        if impl.plugin_name in done:
            continue
        try:
            manager.call_impl(impl, app=app, event=event)
            db.session.add(EventHandled(event_id=event.id, plugin=impl.plugin_name))
            db.session.commit()
        except IntegrityError:
            db.session.rollback()  # another worker recorded this handler first: its work stands
        except Exception as exc:
            db.session.rollback()
            log.exception("plugin %s failed handling event %s", impl.plugin_name, event.id)
            failures.append((impl.plugin_name, f"{type(exc).__name__}: {exc}"))
    return failures


def _set(event_id: int, attempts: int, **values: Any) -> None:
    """Record the outcome of this claim only (a newer claim's outcome stands)."""
    db.session.execute(
        update(EventRecord)
        .where(EventRecord.id == event_id, EventRecord.attempts == attempts)
        .values(locked_until=None, **values)
    )
    db.session.commit()


def _failed(event_id: int, attempts: int, error: str) -> str:
    settings = _settings()
    if attempts >= settings.delivery_max_attempts:
        _set(event_id, attempts, status="failed", last_error=error[:500])
        log.error("event %s failed for good: %s", event_id, error)
        return "failed"
    delay = settings.delivery_backoff_seconds * 2 ** (attempts - 1)
    _set(
        event_id,
        attempts,
        last_error=error[:500],
        next_attempt_at=utcnow() + timedelta(seconds=delay),
    )
    enqueue(event_id, countdown=delay)
    return "retrying"


def sweep() -> int:
    """Re-queue events due for longer than a lease and not claimed (their task was lost), and
    claims whose lease expired (their worker died); returns how many."""
    now = utcnow()
    lease = timedelta(seconds=_settings().delivery_lease_seconds)
    due = db.session.scalars(
        select(EventRecord.id).where(
            EventRecord.status == "pending",
            EventRecord.next_attempt_at <= now - lease,
            or_(EventRecord.locked_until.is_(None), EventRecord.locked_until < now),
        )
    ).all()
    if due:
        db.session.execute(
            update(EventRecord).where(EventRecord.id.in_(due)).values(next_attempt_at=now)
        )
        db.session.commit()
    for event_id in due:
        enqueue(event_id)
    return len(due)


def deliver_pending() -> dict[int, str]:
    """Deliver every event that is due, here and now (tests, and ``vanphong events deliver``);
    returns each event's outcome by id."""
    due = db.session.scalars(
        select(EventRecord.id)
        .where(EventRecord.status == "pending", EventRecord.next_attempt_at <= utcnow())
        .order_by(EventRecord.id)
    ).all()
    db.session.commit()
    return {event_id: deliver(event_id) for event_id in due}
