"""The secretary's head start: the session's minutes pre-filled from its standing agenda, the
units' reports and the previous session's conclusions with their status.

The sections follow the meeting's agenda. A section whose standing item collects the units'
reports gets them, one paragraph per unit (and the units that sent none); one that follows up
gets the previous conclusions and how they stand. When no item collects them, they come in a
section of their own at the end. The minutes are written through the meetings services, so
their rules hold: once the meeting is held, by the secretary or the office, never once filed.
Pre-filling twice adds nothing: a section already written is left as it is.
"""

from __future__ import annotations

from typing import Any

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from core.text import fold
from plugins.meetings.briefings.followup import FollowUp, follow_ups
from plugins.meetings.briefings.models import BriefingReport, BriefingSession, ItemKind
from plugins.meetings.briefings.reports import missing_units, reports_of
from plugins.meetings.meetings import minutes as meeting_minutes
from plugins.meetings.meetings.models import Minutes

#: How a work status reads when the tracking plugin gives no wording of its own.
STATUS_LABELS = {
    "not_started": _l("not started"),
    "in_progress": _l("in progress"),
    "done_on_time": _l("done on time"),
    "done_late": _l("done late"),
    "overdue": _l("overdue"),
    "cancelled": _l("cancelled"),
}


def status_text(follow_up: FollowUp) -> str:
    """``in progress (60%)``; empty when the status is unknown."""
    status = follow_up.status
    if status is None:
        return ""
    label = str(status.label or STATUS_LABELS.get(status.status, status.status))
    if status.status == "in_progress" and status.progress:
        return f"{label} ({status.progress}%)"
    return label


def draft_sections(session: Session, briefing: BriefingSession) -> list[dict[str, Any]]:
    """The minutes' sections as the pre-filling would write them: ``heading``, ``content``,
    ``agenda_item_id`` (None for a section of its own)."""
    kinds = {fold(item.title): item.kind for item in briefing.series.items}
    contents = {
        ItemKind.UNIT_REPORTS.value: _reports_text(session, briefing),
        ItemKind.FOLLOW_UP.value: _follow_up_text(follow_ups(session, briefing)),
    }
    sections: list[dict[str, Any]] = []
    placed: set[str] = set()
    for item in briefing.meeting.agenda:
        kind = kinds.get(fold(item.title), ItemKind.GENERAL.value)
        content = contents.get(kind, "")
        if content:
            placed.add(kind)
        sections.append({"heading": item.title, "content": content, "agenda_item_id": item.id})
    extra = (
        (ItemKind.FOLLOW_UP.value, _("Follow-up of the previous briefing's conclusions")),
        (ItemKind.UNIT_REPORTS.value, _("Reports of the units")),
    )
    for kind, heading in extra:
        if contents[kind] and kind not in placed:
            sections.append({"heading": heading, "content": contents[kind], "agenda_item_id": None})
    return sections


def prefill_minutes(session: Session, briefing: BriefingSession, *, by: Any = None) -> Minutes:
    """Write the draft sections into the meeting's minutes (started if need be), leaving every
    section already written as it is."""
    meeting = briefing.meeting
    minutes = meeting_minutes.start_minutes(session, meeting, by=by)
    current: list[dict[str, Any]] = [
        {
            "heading": s.heading,
            "content": s.content,
            "agenda_item_id": s.agenda_item_id,
            "votes_for": s.votes_for,
            "votes_against": s.votes_against,
            "votes_abstain": s.votes_abstain,
        }
        for s in minutes.items
    ]
    by_item = {s["agenda_item_id"]: s for s in current if s["agenda_item_id"] is not None}
    headings = {fold(s["heading"]) for s in current}
    for draft in draft_sections(session, briefing):
        existing = by_item.get(draft["agenda_item_id"]) if draft["agenda_item_id"] else None
        if existing is not None:
            if not existing["content"].strip():
                existing["content"] = draft["content"]
        elif fold(draft["heading"]) not in headings:
            current.append(draft)
    return meeting_minutes.write_minutes(session, meeting, by=by, items=current)


def _reports_text(session: Session, briefing: BriefingSession) -> str:
    paragraphs = [_report_text(r) for r in reports_of(session, briefing)]
    missing = missing_units(session, briefing)
    if missing:
        paragraphs.append(_("No report from: %(units)s.", units=", ".join(u.name for u in missing)))
    return "\n\n".join(paragraphs)


def _report_text(report: BriefingReport) -> str:
    title = report.unit.name + (" " + _("(sent late)") if report.late else "")
    lines = [f"{title}:"]
    for label, text in (
        (_("Done last week"), report.done),
        (_("Planned for next week"), report.planned),
        (_("Proposals"), report.proposals),
    ):
        if text.strip():
            lines.append(f"- {label}: {text.strip()}")
    return "\n".join(lines)


def _follow_up_text(items: list[FollowUp]) -> str:
    lines = []
    for number, item in enumerate(items, start=1):
        point = item.point
        parts = [_("lead: %(unit)s", unit=point.lead_unit.name)]
        if point.deadline:
            parts.append(_("due %(date)s", date=format_date(point.deadline, "dd/MM/yyyy")))
        status = status_text(item)
        if status:
            parts.append(_("status: %(status)s", status=status))
        lines.append(f"{number}. {point.content.strip()} ({'; '.join(parts)})")
    return "\n".join(lines)
