"""Conclusion notices (thông báo kết luận): drafted with their points, approved by the chair,
issued as a numbered TB and sent to the units; issuing hands each point over as a
``WorkAssigned`` event (planning, when enabled, tracks it as a task). An issued notice is never
edited: a correction is a new notice naming the one it corrects. In the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.db import utcnow
from core.events import WorkAssigned
from core.events.services import emit
from core.org.models import Unit
from plugins.meetings.meetings import notifications, numbering
from plugins.meetings.meetings import rules as r
from plugins.meetings.meetings.models import (
    ConclusionNotice,
    ConclusionPoint,
    Meeting,
    MeetingStatus,
    NoticeStatus,
)

S = MeetingStatus
N = NoticeStatus
#: A notice is drafted once the meeting took place, until the dossier is closed.
DRAFTING = (S.HELD, S.MINUTED, S.CONCLUDED)
POINT_FIELDS = ("content", "lead_unit_id", "supporter_unit_ids", "deadline", "expected_result")


def draft_notice(
    session: Session,
    meeting: Meeting,
    *,
    summary: str,
    points: Iterable[Mapping[str, Any]],
    preamble: str = "",
    corrects: ConclusionNotice | None = None,
    by: Any = None,
) -> ConclusionNotice:
    """A new draft notice with its points; ``corrects`` names an issued notice of the same
    meeting that this one corrects."""
    r.require(r.may_minute(by, meeting), _("Only the secretary or the office drafts notices."))
    r.require_status(meeting, DRAFTING, _("drafting a conclusion notice"))
    if corrects is not None and (corrects.meeting_id != meeting.id or corrects.status != N.ISSUED):
        raise r.MeetingError(_("Corrects: an issued notice of this meeting."), field="corrects_id")
    notice = ConclusionNotice(
        status=N.DRAFT.value, corrects=corrects, drafted_by_id=getattr(by, "id", None)
    )
    _fill(session, notice, summary, preamble, points)
    meeting.notices.append(notice)
    session.flush()
    _ask_chair(notice, by)
    return notice


def update_notice(
    session: Session,
    notice: ConclusionNotice,
    *,
    summary: str,
    points: Iterable[Mapping[str, Any]],
    preamble: str = "",
    by: Any = None,
) -> ConclusionNotice:
    """Change a draft; an approved one goes back to draft (the chair approves it again). An
    issued notice is refused: issue a correction instead."""
    _require_unissued(notice)
    r.require(
        r.may_minute(by, notice.meeting), _("Only the secretary or the office edits notices.")
    )
    notice.points.clear()
    session.flush()
    _fill(session, notice, summary, preamble, points)
    notice.status = N.DRAFT.value
    notice.approved_by_id, notice.approved_at = None, None
    session.flush()
    _ask_chair(notice, by)
    return notice


def _ask_chair(notice: ConclusionNotice, by: Any) -> None:
    """Tell the chair a draft awaits their approval (unless they wrote it)."""
    meeting = notice.meeting
    if meeting.chair_id == getattr(by, "id", None):
        return
    notifications.send(
        [meeting.chair_id],
        notifications.NOTICE_TO_APPROVE,
        notifications.meeting_link(meeting.id),
        lambda: (_("To approve: conclusions of %(title)s", title=meeting.title), notice.summary),
    )


def _require_unissued(notice: ConclusionNotice) -> None:
    if notice.status == N.ISSUED:
        raise r.MeetingConflict(
            _(
                "Notice %(symbol)s is issued and never changes; draft a correction that "
                "references it.",
                symbol=notice.document.symbol if notice.document else notice.id,
            ),
            field="status",
        )


def _fill(
    session: Session,
    notice: ConclusionNotice,
    summary: str,
    preamble: str,
    points: Iterable[Mapping[str, Any]],
) -> None:
    notice.summary = (summary or "").strip()[:1000]
    notice.preamble = (preamble or "").strip()
    if not notice.summary:
        raise r.MeetingError(_("Summary: say what the notice concludes."), field="summary")
    built = [_point(session, n, dict(p)) for n, p in enumerate(points, start=1)]
    if not built:
        raise r.MeetingError(_("Points: a notice concludes at least one point."), field="points")
    notice.points.extend(built)


def _point(session: Session, position: int, data: dict[str, Any]) -> ConclusionPoint:
    unknown = set(data) - set(POINT_FIELDS)
    if unknown:
        raise TypeError(f"unknown point fields: {', '.join(sorted(unknown))}")
    content = (data.get("content") or "").strip()
    if not content:
        raise r.MeetingError(_("Point %(n)d: say what is to be done.", n=position), field="points")
    lead_id = data.get("lead_unit_id")
    if lead_id is None:
        raise r.MeetingError(
            _("Point %(n)d: a lead unit is required.", n=position), field="lead_unit_id"
        )
    supporter_ids = list(dict.fromkeys(data.get("supporter_unit_ids") or ()))
    units = {
        u.id: u for u in session.scalars(select(Unit).where(Unit.id.in_([lead_id, *supporter_ids])))
    }
    missing = [i for i in (lead_id, *supporter_ids) if i not in units]
    if missing:
        raise r.MeetingError(
            _("Point %(n)d: no such unit (%(ids)s).", n=position, ids=", ".join(map(str, missing))),
            field="lead_unit_id" if lead_id in missing else "supporter_unit_ids",
        )
    if lead_id in supporter_ids:
        raise r.MeetingError(
            _("Point %(n)d: the lead unit is not also a supporting unit.", n=position),
            field="supporter_unit_ids",
        )
    deadline = data.get("deadline")
    if deadline is not None and not isinstance(deadline, date):
        raise r.MeetingError(
            _("Point %(n)d: the deadline is a date.", n=position), field="deadline"
        )
    return ConclusionPoint(
        position=position,
        content=content,
        lead_unit_id=lead_id,
        supporters=[units[i] for i in supporter_ids],
        deadline=deadline,
        expected_result=(data.get("expected_result") or "").strip()[:500],
    )


def approve_notice(
    session: Session, notice: ConclusionNotice, *, by: Any = None
) -> ConclusionNotice:
    """The chair approves the draft (ready to be numbered and sent)."""
    meeting = notice.meeting
    r.require(r.may_approve(by, meeting), _("Only the chair approves the conclusion notice."))
    _require_unissued(notice)
    if notice.status != N.DRAFT:
        raise r.MeetingConflict(_("Notice: already approved."), field="status")
    notice.status = N.APPROVED.value
    notice.approved_by_id = getattr(by, "id", None)
    notice.approved_at = utcnow()
    session.flush()
    return notice


def issue_notice(session: Session, notice: ConclusionNotice, *, by: Any = None) -> ConclusionNotice:
    """Number the approved notice as a TB, send it to the lead and supporting units, and emit
    one ``WorkAssigned`` per point in this transaction; the meeting becomes concluded."""
    meeting = notice.meeting
    r.require_manage(by, meeting)
    _require_unissued(notice)
    if notice.status != N.APPROVED:
        raise r.MeetingConflict(
            _("Notice: the chair approves it before it is issued."), field="status"
        )
    r.require_status(meeting, DRAFTING, _("issuing a conclusion notice"))
    units = _units_of(notice)
    notice.document = numbering.issue(
        session,
        numbering.NOTICE,
        meeting,
        notice.summary,
        ref=f"notice/{notice.id}",
        by=by,
        recipients="\n".join(["Nơi nhận:", *(f"- {u.name};" for u in units), "- Lưu: VT."]),
    )
    notice.status = N.ISSUED.value
    notice.issued_at = utcnow()
    meeting.status = S.CONCLUDED.value
    session.flush()
    document = notice.document
    cites = f"Thông báo số {document.symbol} ngày {document.signed_on:%d/%m/%Y}"
    for point in notice.points:
        emit(session, work_of(point, meeting, cites))
    notifications.send(
        units,
        notifications.CONCLUSIONS,
        notifications.meeting_link(meeting.id),
        lambda: (
            _("Notice %(symbol)s: %(summary)s", symbol=document.symbol, summary=notice.summary),
            "\n".join(f"{p.position}. {p.content}" for p in notice.points),
        ),
    )
    return notice


def work_of(point: ConclusionPoint, meeting: Meeting, cites: str) -> WorkAssigned:
    """The event that hands ``point`` over to whoever tracks work."""
    return WorkAssigned(
        source="meetings",
        source_ref=point.source_ref,
        title=point.content[:500],
        lead_unit_id=point.lead_unit_id,
        supporter_unit_ids=tuple(u.id for u in point.supporters),
        deadline=point.deadline,
        expected_result=point.expected_result,
        assigner_id=meeting.chair_id,
        cites=cites,
        url=notifications.meeting_link(meeting.id),
    )


def _units_of(notice: ConclusionNotice) -> list[Unit]:
    """The lead and supporting units of every point, each once, in order."""
    seen: dict[int, Unit] = {}
    for point in notice.points:
        for unit in (point.lead_unit, *point.supporters):
            seen.setdefault(unit.id, unit)
    return list(seen.values())
