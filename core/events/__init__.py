"""Domain events that cross plugins: small typed records a plugin emits and others handle.

An event is written in the emitting transaction (:func:`core.events.services.emit`) and handed
to every enabled plugin's ``on_event`` hook after commit, by the worker: a crash in between loses
nothing, a rolled-back change emits nothing. Each handler runs in its own transaction, which
also records that it handled the event, so a redelivery never runs a handler twice.

Importing this module has no side effects: a plugin may name the records anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar


@dataclass(frozen=True)
class WorkAssigned:
    """Work handed to a unit or a person, to be tracked until done.

    Meetings emits one per conclusion point when a conclusion notice is issued; any plugin may
    emit it for work it assigns (compliance findings, a leader's instruction). Planning, when
    enabled, turns each into a task and knows nothing of where it came from.

    ``source`` is the emitting plugin; ``source_ref`` names the item within it and is stable
    (e.g. ``"notice/12/point/3"``): the pair identifies the work, and a second event with the
    same pair is the same work. Exactly one of ``lead_unit_id`` and ``lead_user_id`` is set.
    ``cites`` is the source as a reader knows it ("Thông báo số 15/TB-VP ngày 03/11/2026").
    ``id`` is filled in by the core when the event is delivered.
    """

    kind: ClassVar[str] = "core.work_assigned"

    source: str
    source_ref: str
    title: str
    lead_unit_id: int | None = None
    lead_user_id: int | None = None
    supporter_unit_ids: tuple[int, ...] = ()
    deadline: date | None = None
    expected_result: str = ""
    assigner_id: int | None = None
    cites: str = ""
    url: str | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        if (self.lead_unit_id is None) == (self.lead_user_id is None):
            raise ValueError("work assigned needs exactly one lead: a unit or a person")
        if not self.source or not self.source_ref or not self.title.strip():
            raise ValueError("work assigned needs a source, a source_ref and a title")


#: Every event the core knows, by kind: what :func:`core.events.services.emit` accepts.
EVENT_TYPES: dict[str, type] = {WorkAssigned.kind: WorkAssigned}

__all__ = ["EVENT_TYPES", "WorkAssigned"]
