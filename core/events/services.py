"""Emitting domain events: a row in the caller's transaction, handed to the worker on commit."""

from __future__ import annotations

import dataclasses
import typing
from datetime import date
from typing import Any

from sqlalchemy import event as orm_event
from sqlalchemy.orm import Session

from core.events import EVENT_TYPES
from core.events.models import EventRecord

PENDING_KEY = "vanphong_events"


def emit(session: Session, event: Any) -> int:
    """Record ``event`` in ``session``'s transaction; returns its id.

    Nothing is delivered unless the transaction commits; after commit the worker calls every
    enabled plugin's ``on_event`` hook with the event."""
    kind = getattr(event, "kind", None)
    if not isinstance(kind, str) or EVENT_TYPES.get(kind) is not type(event):
        raise TypeError(f"{event!r} is not one of the core's domain events")
    record = EventRecord(kind=kind, payload=to_payload(event))
    session.add(record)
    session.flush()
    session.info.setdefault(PENDING_KEY, []).append(record.id)
    return record.id


def to_payload(event: Any) -> dict[str, Any]:
    """The event's fields as JSON values (dates as ISO text, tuples as lists), ``id`` left out."""
    payload = {}
    for field in dataclasses.fields(event):
        if field.name == "id":
            continue
        value = getattr(event, field.name)
        payload[field.name] = (
            value.isoformat()
            if isinstance(value, date)
            else list(value)
            if isinstance(value, tuple)
            else value
        )
    return payload


def from_record(record_id: int, kind: str, payload: dict[str, Any]) -> Any:
    """The typed event back from its row, with ``id`` set; unknown fields are dropped, so an
    event written by an older core still reads."""
    cls = EVENT_TYPES[kind]
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.name not in payload or field.name == "id":
            continue
        value, hint = payload[field.name], str(hints[field.name])
        if value is not None and "datetime.date" in hint:
            value = date.fromisoformat(value)
        elif value is not None and hint.startswith("tuple"):
            value = tuple(value)
        values[field.name] = value
    return cls(**values, id=record_id)


@orm_event.listens_for(Session, "after_commit")
def _queue_events(session: Session) -> None:
    """After commit, hand each new event to the worker (the sweep catches any we miss)."""
    ids = session.info.pop(PENDING_KEY, None)
    if not ids:
        return
    from core.events.delivery import enqueue

    for event_id in ids:
        enqueue(event_id)


@orm_event.listens_for(Session, "after_rollback")
def _forget_events(session: Session) -> None:
    session.info.pop(PENDING_KEY, None)
