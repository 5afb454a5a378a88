"""Attendance: invitees answer (accept, or decline with a reason), send someone in their place
(delegation), and the secretary takes attendance at the meeting, with reasons for absences.
Every function works in the caller's transaction and never commits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.db import utcnow
from core.identity.models import User
from core.org.models import Membership
from plugins.meetings.meetings import notifications
from plugins.meetings.meetings import rules as r
from plugins.meetings.meetings.models import Invitee, Meeting, MeetingStatus, Presence, Rsvp

S = MeetingStatus
#: While a meeting is ahead, invitees answer; attendance is taken once it starts.
ANSWERING = (S.PROPOSED, S.APPROVED, S.INVITED)
TAKING = (S.INVITED, S.HELD)


@dataclass(frozen=True)
class Mark:
    """Attendance of one invitee: present, or absent with a reason."""

    invitee_id: int
    presence: str
    reason: str = ""


def invitation_of(session: Session, meeting: Meeting, user: Any) -> Invitee | None:
    """The invitation ``user`` answers for: their own, else one of a unit they head."""
    uid = getattr(user, "id", None)
    for invitee in meeting.invitees:
        if invitee.user_id is not None and invitee.user_id == uid:
            return invitee
    heads = set(
        session.scalars(
            select(Membership.unit_id).where(Membership.user_id == uid, Membership.is_head)
        )
    )
    return next((i for i in meeting.invitees if i.unit_id in heads), None)


def _answerable(session: Session, meeting: Meeting, by: Any, invitee: Invitee | None) -> Invitee:
    """The invitee ``by`` answers for: the one named (their own, a unit they head, or any
    when they manage the meeting), else their own invitation."""
    own = invitation_of(session, meeting, by) if by is not None else None
    if invitee is None:
        if own is None:
            raise r.NotAllowed(_("You are not invited to this meeting."))
        return own
    if invitee.meeting_id != meeting.id:
        raise r.MeetingError(_("Invitee: not invited to this meeting."), field="invitee_id")
    if own is not None and own.id == invitee.id:
        return invitee
    if invitee.unit_id is not None and _heads(session, by, invitee.unit_id):
        return invitee
    r.require(
        r.may_manage(by, meeting), _("You may only answer your own or your unit's invitation.")
    )
    return invitee


def _heads(session: Session, user: Any, unit_id: int) -> bool:
    return (
        session.scalar(
            select(Membership.id).where(
                Membership.user_id == getattr(user, "id", None),
                Membership.unit_id == unit_id,
                Membership.is_head,
            )
        )
        is not None
    )


def respond(
    session: Session,
    meeting: Meeting,
    answer: str,
    *,
    by: Any = None,
    reason: str = "",
    invitee: Invitee | None = None,
) -> Invitee:
    """Accept, or decline saying why."""
    r.require_status(meeting, ANSWERING, _("answering the invitation"))
    target = _answerable(session, meeting, by, invitee)
    reason = (reason or "").strip()[:500]
    if answer not in (Rsvp.ACCEPTED, Rsvp.DECLINED):
        raise r.MeetingError(_("Answer: accepted or declined."), field="answer")
    if answer == Rsvp.DECLINED and not reason:
        raise r.MeetingError(_("Reason: say why you cannot attend."), field="reason")
    target.rsvp = str(answer)
    target.rsvp_reason = reason
    target.delegate_id = None
    target.responded_at = utcnow()
    session.flush()
    return target


def delegate(
    session: Session,
    meeting: Meeting,
    delegate_id: int,
    *,
    by: Any = None,
    reason: str = "",
    invitee: Invitee | None = None,
) -> Invitee:
    """Send someone in the invitee's place; they are told and get the invitation's link."""
    r.require_status(meeting, ANSWERING, _("sending a delegate"))
    target = _answerable(session, meeting, by, invitee)
    person = session.get(User, delegate_id)
    if person is None or not person.active:
        raise r.MeetingError(_("Delegate: no such active person."), field="delegate_id")
    if person.id == target.user_id:
        raise r.MeetingError(_("Delegate: someone other than the invitee."), field="delegate_id")
    if any(i.id != target.id and person.id in (i.user_id, i.delegate_id) for i in meeting.invitees):
        raise r.MeetingConflict(
            _("Delegate: %(name)s already attends this meeting.", name=person.full_name),
            field="delegate_id",
        )
    target.rsvp = Rsvp.DELEGATED.value
    target.delegate_id = person.id
    target.rsvp_reason = (reason or "").strip()[:500]
    target.responded_at = utcnow()
    session.flush()
    notifications.send(
        [person.id],
        notifications.DELEGATED,
        notifications.meeting_link(meeting.id),
        lambda: (
            _("You attend in place of %(name)s: %(title)s", name=target.name, title=meeting.title),
            target.rsvp_reason,
        ),
    )
    return target


def take_attendance(
    session: Session, meeting: Meeting, marks: Iterable[Mark], *, by: Any = None
) -> list[Invitee]:
    """Record who was present and who was absent (with a reason, by default the one given
    when declining), once the meeting has started."""
    r.require(r.may_minute(by, meeting), _("Only the secretary or the office takes attendance."))
    r.require_status(meeting, TAKING, _("taking attendance"))
    if utcnow() < meeting.starts_at:
        raise r.MeetingError(_("Attendance: taken once the meeting has started."), field="presence")
    by_id = {i.id: i for i in meeting.invitees}
    changed = []
    for mark in marks:
        invitee = by_id.get(mark.invitee_id)
        if invitee is None:
            raise r.MeetingError(
                _("Invitee %(id)s: not invited to this meeting.", id=mark.invitee_id),
                field="invitee_id",
            )
        if mark.presence not in (Presence.PRESENT, Presence.ABSENT):
            raise r.MeetingError(_("Presence: present or absent."), field="presence")
        invitee.presence = str(mark.presence)
        invitee.absence_reason = (
            ((mark.reason or "").strip() or invitee.rsvp_reason)[:500]
            if mark.presence == Presence.ABSENT
            else ""
        )
        changed.append(invitee)
    session.flush()
    return changed


def participants(meeting: Meeting) -> list[str]:
    """Who attended, as the minutes list them (a delegate names whom they stood for)."""
    names = []
    for invitee in meeting.invitees:
        if invitee.presence != Presence.PRESENT:
            continue
        if invitee.delegate is not None:
            names.append(
                _(
                    "%(delegate)s (for %(name)s)",
                    delegate=_name(invitee.delegate),
                    name=invitee.name,
                )
            )
        else:
            names.append(invitee.name)
    return names


def absentees(meeting: Meeting) -> list[str]:
    """Who was absent, with their reason."""
    return [
        f"{i.name} — {i.absence_reason}" if i.absence_reason else i.name
        for i in meeting.invitees
        if i.presence == Presence.ABSENT
    ]


def _name(user: User) -> str:
    return user.full_name or user.username
