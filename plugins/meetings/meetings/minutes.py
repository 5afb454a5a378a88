"""The minutes (biên bản): written by the secretary once the meeting is held, filed as a
numbered BB, then frozen. In the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from core.db import utcnow
from plugins.meetings.meetings import numbering
from plugins.meetings.meetings import rules as r
from plugins.meetings.meetings.attendance import absentees, participants
from plugins.meetings.meetings.models import Meeting, MeetingStatus, Minutes, MinutesItem
from plugins.meetings.meetings.models import MinutesStatus as M

S = MeetingStatus
FIELDS = ("opened_at", "closed_at", "participants", "absentees", "conclusions")
ITEM_FIELDS = (
    "agenda_item_id",
    "heading",
    "content",
    "votes_for",
    "votes_against",
    "votes_abstain",
)


def _require_writable(meeting: Meeting, by: Any) -> None:
    r.require(r.may_minute(by, meeting), _("Only the secretary or the office writes the minutes."))
    if meeting.status not in r.TOOK_PLACE:
        raise r.MeetingConflict(
            _(
                "Minutes: the meeting is %(status)s; minutes are written once it is held.",
                status=r.status_label(meeting.status),
            ),
            field="status",
        )
    if meeting.minutes is not None and meeting.minutes.status == M.FILED:
        raise r.MeetingConflict(
            _(
                "Minutes: filed as %(symbol)s; they are not edited any more.",
                symbol=symbol_of(meeting.minutes),
            ),
            field="status",
        )


def start_minutes(session: Session, meeting: Meeting, *, by: Any = None) -> Minutes:
    """The meeting's draft minutes, made on first use and pre-filled: the times, who attended
    and who did not (from the attendance), and one section per agenda item."""
    _require_writable(meeting, by)
    if meeting.minutes is not None:
        return meeting.minutes
    minutes = Minutes(
        opened_at=meeting.starts_at,
        closed_at=meeting.ends_at,
        participants="\n".join(participants(meeting)),
        absentees="\n".join(absentees(meeting)),
        written_by_id=getattr(by, "id", None),
        items=[
            MinutesItem(position=a.position, agenda_item_id=a.id, heading=a.title, content="")
            for a in meeting.agenda
        ],
    )
    meeting.minutes = minutes
    session.flush()
    return minutes


def write_minutes(
    session: Session,
    meeting: Meeting,
    *,
    by: Any = None,
    items: Iterable[Mapping[str, Any]] | None = None,
    **fields: Any,
) -> Minutes:
    """Change the draft: its fields, and (when ``items`` is given) its sections in order,
    each a heading, content and optionally the vote (for, against, abstaining)."""
    minutes = start_minutes(session, meeting, by=by)
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown minutes fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(minutes, name, value.strip() if isinstance(value, str) else value)
    _check_times(minutes.opened_at, minutes.closed_at)
    if items is not None:
        agenda_ids = {a.id for a in meeting.agenda}
        sections = [_section(n, dict(item), agenda_ids) for n, item in enumerate(items, start=1)]
        minutes.items.clear()
        session.flush()  # the old sections go before the new ones take their positions
        minutes.items.extend(sections)
    minutes.written_by_id = getattr(by, "id", None) or minutes.written_by_id
    session.flush()
    return minutes


def _section(position: int, data: dict[str, Any], agenda_ids: set[int]) -> MinutesItem:
    unknown = set(data) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown minutes item fields: {', '.join(sorted(unknown))}")
    heading = (data.get("heading") or "").strip()
    if not heading:
        raise r.MeetingError(_("Section %(n)d: give it a heading.", n=position), field="items")
    agenda_id = data.get("agenda_item_id")
    if agenda_id is not None and agenda_id not in agenda_ids:
        raise r.MeetingError(
            _("Section %(n)d: not an item of this meeting's agenda.", n=position), field="items"
        )
    votes = [data.get(k) for k in ("votes_for", "votes_against", "votes_abstain")]
    if any(v is not None and v < 0 for v in votes):
        raise r.MeetingError(
            _("Section %(n)d: votes are counts, zero or more.", n=position), field="items"
        )
    return MinutesItem(
        position=position,
        agenda_item_id=agenda_id,
        heading=heading[:500],
        content=(data.get("content") or "").strip(),
        votes_for=votes[0],
        votes_against=votes[1],
        votes_abstain=votes[2],
    )


def _check_times(opened: datetime | None, closed: datetime | None) -> None:
    if opened is not None and closed is not None and closed <= opened:
        raise r.MeetingError(_("Closed at: the meeting closes after it opens."), field="closed_at")


def file_minutes(session: Session, meeting: Meeting, *, by: Any = None) -> Minutes:
    """File the minutes: numbered as a BB in the register, then never edited again; the
    meeting becomes minuted."""
    _require_writable(meeting, by)
    minutes = meeting.minutes
    if minutes is None or not (minutes.items or minutes.conclusions.strip()):
        raise r.MeetingError(_("Minutes: write what was said before filing them."), field="items")
    minutes.document = numbering.issue(
        session,
        numbering.MINUTES,
        meeting,
        _("Minutes of %(title)s", title=meeting.title),
        ref="minutes",
        by=by,
        signer=meeting.secretary.full_name if meeting.secretary else "",
        recipients="Lưu: VT.",
    )
    minutes.status = M.FILED.value
    minutes.filed_at = utcnow()
    if meeting.status == S.HELD:
        meeting.status = S.MINUTED.value
    session.flush()
    return minutes


def symbol_of(minutes: Minutes) -> str:
    return minutes.document.symbol if minutes.document else ""
