"""The previous session's conclusions and how each stands now.

The conclusions are the points of the conclusion notices issued for the previous session (a
notice corrected by a later issued one gives way to it). How each point stands comes from
whichever enabled plugin tracks the work the notices handed out (planning turns each point into
a task), asked through the ``work_status`` hook; with none enabled the statuses are simply
absent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session, aliased, joinedload, selectinload

from core.hooktypes import WorkStatus
from plugins.meetings.briefings.models import BriefingSession
from plugins.meetings.briefings.services import previous_session
from plugins.meetings.meetings.models import ConclusionNotice, ConclusionPoint, NoticeStatus

#: The ``source`` the meetings plugin hands its conclusion points out under.
SOURCE = "meetings"


@dataclass(frozen=True)
class FollowUp:
    """A conclusion point of the previous session and its current status (None: unknown)."""

    point: ConclusionPoint
    status: WorkStatus | None

    @property
    def notice(self) -> ConclusionNotice:
        return self.point.notice


def conclusions_of(session: Session, meeting_id: int) -> list[ConclusionPoint]:
    """The points of the notices issued for a meeting, but those of a notice an issued later
    one corrects; by notice, then position (one statement, plus one for the supporters)."""
    correction = aliased(ConclusionNotice)
    superseded = exists().where(
        and_(
            correction.corrects_id == ConclusionNotice.id,
            correction.status == NoticeStatus.ISSUED.value,
        )
    )
    return list(
        session.scalars(
            select(ConclusionPoint)
            .join(ConclusionPoint.notice)
            .options(
                joinedload(ConclusionPoint.notice).joinedload(ConclusionNotice.document),
                joinedload(ConclusionPoint.lead_unit),
                selectinload(ConclusionPoint.supporters),
            )
            .where(
                ConclusionNotice.meeting_id == meeting_id,
                ConclusionNotice.status == NoticeStatus.ISSUED.value,
                ~superseded,
            )
            .order_by(ConclusionNotice.id, ConclusionPoint.position)
        )
    )


def follow_ups(session: Session, briefing: BriefingSession) -> list[FollowUp]:
    """The previous session's conclusions, each with how it stands now."""
    previous = previous_session(session, briefing)
    if previous is None:
        return []
    points = conclusions_of(session, previous.meeting_id)
    statuses = work_statuses(p.source_ref for p in points)
    return [FollowUp(p, statuses.get(p.source_ref)) for p in points]


def work_statuses(refs: Iterable[str]) -> dict[str, WorkStatus]:
    """How the work handed out under these refs stands, by ref, as the tracking plugins say
    (the first answer per ref wins); empty when no enabled plugin tracks work."""
    wanted = list(dict.fromkeys(refs))
    if not wanted:
        return {}
    app: Any = current_app._get_current_object()  # type: ignore[attr-defined]
    answers = app.extensions["vanphong"].plugins.call_safely(
        "work_status", app=app, source=SOURCE, refs=wanted
    )
    found: dict[str, WorkStatus] = {}
    for _plugin, statuses in answers:
        for status in statuses or ():
            if isinstance(status, WorkStatus) and status.source_ref in wanted:
                found.setdefault(status.source_ref, status)
    return found
