"""Versions of a published week: what changed (a diff of readable snapshots), who changed it,
when and why; and the notices to those concerned (presiding leaders, participants, preparing
units), each in their own language."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import has_request_context, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from core import NotificationType
from core.calendar.weeks import Week as IsoWeek
from core.db import utcnow
from core.notifications.services import notify_each
from core.org.models import Unit
from plugins.planning.schedule.models import ScheduleEntry, Week, WeekVersion
from plugins.planning.schedule.rules import SESSION_LABELS, time_text

PUBLISHED = "planning.schedule_published"
CHANGED = "planning.schedule_changed"
TYPES = [
    NotificationType(PUBLISHED, _l("The weekly schedule was published"), ("inapp", "email")),
    NotificationType(CHANGED, _l("The weekly schedule changed"), ("inapp", "email")),
]

ADDED, CHANGED_ENTRY, WITHDRAWN, NOTE = "added", "changed", "withdrawn", "note"
#: The snapshot's readable fields, in the order a change lists them.
SHOWN = ("day", "time", "content", "leader", "participants", "location", "vehicle", "unit")


def snapshot(entry: ScheduleEntry) -> dict[str, Any]:
    """The entry as the schedule prints it, plus the ids of the people and unit concerned."""
    people = entry.participant_users
    return {
        "day": entry.day.isoformat(),
        "time": time_text(entry.starts_at, entry.ends_at)
        if entry.timed
        else str(SESSION_LABELS[entry.session]),
        "content": entry.content,
        "leader": str(entry.leader),
        "participants": "; ".join(p for p in [entry.participants, *map(str, people)] if p),
        "location": entry.place,
        "vehicle": entry.vehicle.name if entry.vehicle else "",
        "unit": entry.unit.name,
        "status": entry.status,
        "leader_id": entry.leader_id,
        "participant_ids": sorted(p.id for p in people),
        "unit_id": entry.unit_id,
    }


def change(
    action: str, entry: ScheduleEntry, before: dict | None, after: dict | None
) -> dict | None:
    """One line of a version's change log; None when nothing shown changed."""
    fields = [f for f in SHOWN if (before or {}).get(f) != (after or {}).get(f)]
    if action == CHANGED_ENTRY and not fields:
        return None
    return {
        "action": action,
        "entry": entry.id,
        "title": entry.content,
        "fields": fields,
        "before": before,
        "after": after,
    }


def record(
    session: Session, week: Week, by: Any, changes: list[dict], note: str = ""
) -> WeekVersion:
    """The week's next version (1 at publication) with its change log."""
    week.published_version += 1
    version = WeekVersion(
        week_id=week.id,
        number=week.published_version,
        created_at=utcnow(),
        created_by_id=getattr(by, "id", None),
        note=note.strip()[:500],
        changes=changes,
    )
    session.add(version)
    session.flush()
    return version


def describe(item: dict) -> str:
    """A change log line in words: ``Changed “Họp X”: time 08:00–10:00 → 09:00–11:00.``"""
    if item["action"] == NOTE:
        return _("Note: %(before)s → %(after)s.", before=item["before"], after=item["after"])
    title = item["title"]
    if item["action"] == ADDED:
        shown = item["after"]
        return _(
            "Added %(day)s %(time)s: “%(title)s” (%(leader)s).",
            day=shown["day"],
            time=shown["time"],
            title=title,
            leader=shown["leader"],
        )
    if item["action"] == WITHDRAWN:
        return _("Withdrawn: “%(title)s”.", title=title)
    details = "; ".join(
        f"{_field_label(f)}: {item['before'].get(f) or '—'} → {item['after'].get(f) or '—'}"
        for f in item["fields"]
    )
    return _("Changed “%(title)s”: %(details)s.", title=title, details=details)


def _field_label(field: str) -> str:
    labels = {
        "day": _("day"),
        "time": _("time"),
        "content": _("content"),
        "leader": _("presiding"),
        "participants": _("participants"),
        "location": _("location"),
        "vehicle": _("vehicle"),
        "unit": _("preparing unit"),
    }
    return labels[field]


def concerned(changes: Iterable[dict]) -> tuple[set[int], set[int]]:
    """The users (leaders, participants) and units named before or after each change."""
    users: set[int] = set()
    units: set[int] = set()
    for item in changes:
        for shown in (item.get("before"), item.get("after")):
            if not isinstance(shown, dict):
                continue
            users.add(shown["leader_id"])
            users.update(shown["participant_ids"])
            units.add(shown["unit_id"])
    return users, units


def week_link(iso: IsoWeek) -> str:
    """The week's back-office page (under the app's own prefix when served from a request)."""
    if has_request_context():
        return url_for("planning_schedule.index", week=iso.iso)
    return f"/admin/planning_schedule/?week={iso.iso}"


def tell(session: Session, week: Week, version: WeekVersion, kind: str, extra: Iterable[Any] = ()):
    """Notify those the version concerns, each in their language; ``extra`` adds recipients
    (units or users) — a note on the week concerns everyone in it."""
    user_ids, unit_ids = concerned(version.changes)
    units = [session.get(Unit, u) for u in sorted(unit_ids)]
    notify_each(
        [*sorted(user_ids), *filter(None, units), *extra],
        kind,
        lambda: _words(week, version, kind),
        week_link(week.iso),
    )


def _words(week: Week, version: WeekVersion, kind: str) -> tuple[str, str]:
    label = week.iso.label
    if kind == PUBLISHED:
        subject = _("The schedule of week %(week)s is published", week=label)
        body = _(
            "The leaders' schedule of week %(week)s is published (%(n)d entries).",
            week=label,
            n=len(version.changes),
        )
        return subject, body
    subject = _(
        "The schedule of week %(week)s changed (version %(n)d)", week=label, n=version.number
    )
    lines = [describe(item) for item in version.changes]
    reason = _("Reason: %(note)s", note=version.note) if version.note else ""
    return subject, "\n".join(line for line in [reason, *lines] if line)
