"""The meeting dossier's lifecycle, the only way meetings are written: propose, change,
approve (holding the room and the chair), invite (a numbered GM), hold, close, cancel; and the
invitees and agenda of a meeting.

Every function works in the caller's transaction and never commits. Attendance, materials,
minutes and conclusion notices have their own modules beside this one.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.booking import services as booking
from core.booking.models import Booking, BookingStatus, Resource, ResourceKind
from core.booking.rules import may_decide, span_text
from core.db import utcnow
from core.identity.models import User
from core.org.models import Unit
from plugins.meetings.meetings import notifications, numbering
from plugins.meetings.meetings import rules as r
from plugins.meetings.meetings.invitations import place_of, send_invitations
from plugins.meetings.meetings.models import (
    BOOKING_OWNER,
    AgendaItem,
    Invitee,
    InviteeKind,
    Meeting,
    MeetingKind,
    MeetingStatus,
)
from plugins.meetings.rooms.models import Room
from plugins.meetings.rooms.services import book_room

S = MeetingStatus
#: Fields a meeting is proposed with, and those that may still change once it is approved.
FIELDS = (
    "kind",
    "title",
    "description",
    "chair_id",
    "secretary_id",
    "unit_id",
    "starts_at",
    "ends_at",
    "room_id",
    "location",
    "materials_due_at",
)
KINDS = tuple(k.value for k in MeetingKind)
TIMED = ("starts_at", "ends_at", "room_id", "chair_id")
AGENDA_FIELDS = ("title", "description", "presenter_id", "presenter_unit_id", "duration_minutes")


def propose(session: Session, *, by: Any = None, **fields: Any) -> Meeting:
    """A new meeting, proposed; its chair is told it awaits approval."""
    meeting = Meeting(
        status=S.PROPOSED.value,
        kind=MeetingKind.MEETING.value,
        description="",
        location="",
        proposed_by_id=getattr(by, "id", None),
    )
    _assign(session, meeting, fields)
    session.add(meeting)
    session.flush()
    if meeting.chair_id != getattr(by, "id", None):
        notifications.send(
            [meeting.chair_id],
            notifications.PROPOSED,
            notifications.meeting_link(meeting.id),
            lambda: (_("To approve: %(title)s", title=meeting.title), _when(meeting)),
        )
    return meeting


def update(session: Session, meeting: Meeting, *, by: Any = None, **fields: Any) -> Meeting:
    """Change a meeting. Its times, room and chair change only while it is proposed (once
    approved they are held by bookings: cancel and propose again); nothing changes once it
    took place, but through the minutes."""
    r.require_manage(by, meeting)
    r.require_status(meeting, (S.PROPOSED, S.APPROVED, S.INVITED), _("changing it"))
    if meeting.status != S.PROPOSED and any(
        name in fields and fields[name] != getattr(meeting, name) for name in TIMED
    ):
        raise r.MeetingConflict(
            _(
                "Time, room and chair: fixed once the meeting is approved; cancel it and "
                "propose it again to change them."
            ),
            field="starts_at",
        )
    _assign(session, meeting, fields)
    session.flush()
    return meeting


def _assign(session: Session, meeting: Meeting, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown meeting fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(meeting, name, value.strip() if isinstance(value, str) else value)
    _check(session, meeting)


def _check(session: Session, meeting: Meeting) -> None:
    if meeting.kind not in KINDS:
        raise r.MeetingError(_("Kind: one of %(kinds)s.", kinds=", ".join(KINDS)), field="kind")
    if not (meeting.title or "").strip():
        raise r.MeetingError(_("Title: say what the meeting is about."), field="title")
    r.check_times(meeting.starts_at, meeting.ends_at)
    due = meeting.materials_due_at
    if due is not None and (due.tzinfo is None or due >= meeting.starts_at):
        raise r.MeetingError(
            _("Materials due: a time, with its UTC offset, before the meeting starts."),
            field="materials_due_at",
        )
    chair = _exists(session, User, meeting.chair_id, "chair_id", required=True)
    if not chair.active:
        raise r.MeetingError(_("Chair: %(name)s is inactive.", name=chair), field="chair_id")
    _exists(session, User, meeting.secretary_id, "secretary_id")
    _exists(session, Unit, meeting.unit_id, "unit_id")
    room = _exists(session, Room, meeting.room_id, "room_id")
    if room is not None and not room.resource.active:
        raise r.MeetingError(_("Room: %(room)s is out of service.", room=room), field="room_id")
    if room is None and not (meeting.location or "").strip():
        raise r.MeetingError(
            _("Room or location: choose a room, or say where the meeting takes place."),
            field="room_id",
        )


def _exists(
    session: Session, model: type, id: int | None, field: str, required: bool = False
) -> Any:
    if id is None:
        if required:
            raise r.MeetingError(_("%(field)s: required.", field=field), field=field)
        return None
    found = session.get(model, id)
    if found is None:
        raise r.MeetingError(
            _("%(field)s: no such record (%(id)s).", field=field, id=id), field=field
        )
    return found


def _when(meeting: Meeting) -> str:
    return f"{span_text(meeting.starts_at, meeting.ends_at)} — {place_of(meeting)}"


# -- the lifecycle --------------------------------------------------------------------------


def approve(session: Session, meeting: Meeting, *, by: Any = None) -> list[Booking]:
    """Approve a proposed meeting: its chair is booked (confirmed) for its time, and so is its
    room when the approver may decide for the room (or it has no approver) — else the room is
    requested from its approver, like any booking. It shows on the calendars. A room or a
    chair already booked then is refused with a :class:`~core.booking.rules.BookingConflict`
    (409) naming the clash; nothing is kept."""
    r.require(
        r.may_approve(by, meeting),
        _("Only the chair or a holder of meetings.meeting.approve may approve this meeting."),
    )
    r.require_status(meeting, (S.PROPOSED,), _("approving it"))
    held = []
    purpose = meeting.title[:255]
    ref = meeting.booking_ref
    room = session.get(Room, meeting.room_id) if meeting.room_id is not None else None
    if room is not None:
        held.append(
            book_room(
                session,
                room,
                meeting.starts_at,
                meeting.ends_at,
                purpose,
                by=by,
                owner_type=BOOKING_OWNER,
                owner_ref=ref,
                attendees=len(meeting.invitees) or None,
                confirm=by is None or may_decide(by, room.resource),
            )
        )
    held.append(
        booking.request_booking(
            session,
            person_resource(session, session.get_one(User, meeting.chair_id)),
            meeting.starts_at,
            meeting.ends_at,
            purpose,
            owner_type=BOOKING_OWNER,
            owner_ref=ref,
            confirm=True,
        )
    )
    meeting.status = S.APPROVED.value
    meeting.approved_by_id = getattr(by, "id", None)
    meeting.approved_at = utcnow()
    session.flush()
    return held


def person_resource(session: Session, user: User) -> Resource:
    """The booking resource of a person (a leader chairing meetings), made on first use."""
    found = session.scalar(select(Resource).where(Resource.user_id == user.id))
    if found is not None:
        return found
    return booking.save_resource(
        session,
        Resource(
            kind=ResourceKind.PERSON.value,
            code=f"person-{user.id}",
            name=user.full_name or user.username,
            user_id=user.id,
        ),
    )


def invite(session: Session, meeting: Meeting, *, by: Any = None) -> Meeting:
    """Issue the invitation as a numbered GM and send it to every invitee, with the meeting
    as an iCalendar file."""
    r.require_manage(by, meeting)
    r.require_status(meeting, (S.APPROVED,), _("sending the invitations"))
    if not meeting.invitees:
        raise r.MeetingError(_("Invitees: invite someone first."), field="invitees")
    meeting.invitation = numbering.issue(
        session,
        numbering.INVITATION,
        meeting,
        _("Invitation to %(title)s", title=meeting.title),
        ref="invitation",
        by=by,
        recipients="\n".join(
            ["Nơi nhận:", *(f"- {i.name};" for i in meeting.invitees), "- Lưu: VT."]
        ),
    )
    meeting.status = S.INVITED.value
    session.flush()
    send_invitations(meeting, meeting.invitees)
    return meeting


def mark_held(session: Session, meeting: Meeting, *, by: Any = None) -> Meeting:
    """Record that the meeting took place (not before it starts)."""
    r.require(r.may_minute(by, meeting), _("Only the secretary or the office may do this."))
    r.require_status(meeting, (S.APPROVED, S.INVITED), _("recording it as held"))
    now = utcnow()
    if now < meeting.starts_at:
        raise r.MeetingError(
            _("Status: the meeting has not started yet; record it as held once it has."),
            field="status",
        )
    meeting.status = S.HELD.value
    meeting.held_at = now
    session.flush()
    return meeting


def close(session: Session, meeting: Meeting, *, by: Any = None) -> Meeting:
    """Close the dossier; refused before the minutes are filed."""
    r.require_manage(by, meeting)
    if meeting.minutes is None or meeting.minutes.document_id is None:
        raise r.MeetingConflict(
            _("Minutes: file the minutes before closing the meeting."), field="minutes"
        )
    r.require_status(meeting, (S.MINUTED, S.CONCLUDED), _("closing it"))
    meeting.status = S.CLOSED.value
    meeting.closed_at = utcnow()
    session.flush()
    return meeting


def cancel(session: Session, meeting: Meeting, *, by: Any = None, reason: str = "") -> Meeting:
    """Call the meeting off before it takes place: its room and chair are released and, once
    invited, the invitees are told why."""
    r.require_manage(by, meeting)
    r.require_status(meeting, (S.PROPOSED, S.APPROVED, S.INVITED), _("cancelling it"))
    reason = (reason or "").strip()
    if not reason:
        raise r.MeetingError(_("Reason: say why the meeting is cancelled."), field="reason")
    for held in bookings_of(session, meeting):
        booking.cancel(session, held, reason=reason[:500])
    was_invited = meeting.status == S.INVITED
    meeting.status = S.CANCELLED.value
    meeting.cancel_reason = reason[:500]
    session.flush()
    if was_invited:
        notifications.send(
            attendee_ids(meeting) + [i.unit for i in meeting.invitees if i.unit],
            notifications.CANCELLED,
            notifications.meeting_link(meeting.id),
            lambda: (_("Cancelled: %(title)s", title=meeting.title), reason),
        )
    return meeting


def bookings_of(session: Session, meeting: Meeting) -> list[Booking]:
    """The open bookings (room, chair) the meeting holds."""
    return list(
        session.scalars(
            select(Booking).where(
                Booking.owner_type == BOOKING_OWNER,
                Booking.owner_ref == meeting.booking_ref,
                Booking.status.in_((BookingStatus.REQUESTED.value, BookingStatus.CONFIRMED.value)),
            )
        )
    )


def attendee_ids(meeting: Meeting) -> list[int]:
    """The people expected: each invited person, or their delegate (units are apart)."""
    people = []
    for invitee in meeting.invitees:
        person = invitee.delegate_id or invitee.user_id
        if person is not None:
            people.append(person)
    return people


# -- invitees and agenda --------------------------------------------------------------------


def add_invitee(
    session: Session,
    meeting: Meeting,
    *,
    by: Any = None,
    user_id: int | None = None,
    unit_id: int | None = None,
    guest_name: str = "",
    guest_email: str = "",
    guest_organisation: str = "",
) -> Invitee:
    """Invite a person, a unit or an outside guest (exactly one). Once the invitations are
    out, the newcomer gets theirs at once."""
    r.require_manage(by, meeting)
    r.require_status(meeting, (S.PROPOSED, S.APPROVED, S.INVITED), _("inviting"))
    given = [v for v in (user_id, unit_id, guest_name.strip() or None) if v is not None]
    if len(given) != 1:
        raise r.MeetingError(
            _("Invitee: give exactly one of a person, a unit or a guest's name."),
            field="user_id",
        )
    if user_id is not None:
        _exists(session, User, user_id, "user_id")
        kind = InviteeKind.USER
    elif unit_id is not None:
        _exists(session, Unit, unit_id, "unit_id")
        kind = InviteeKind.UNIT
    else:
        kind = InviteeKind.GUEST
    duplicate = (user_id is not None and any(i.user_id == user_id for i in meeting.invitees)) or (
        unit_id is not None and any(i.unit_id == unit_id for i in meeting.invitees)
    )
    if duplicate:
        raise r.MeetingConflict(
            _("Invitee: already invited."), field="user_id" if user_id else "unit_id"
        )
    invitee = Invitee(
        kind=kind.value,
        user_id=user_id,
        unit_id=unit_id,
        guest_name=guest_name.strip()[:200],
        guest_email=guest_email.strip()[:254],
        guest_organisation=guest_organisation.strip()[:255],
    )
    meeting.invitees.append(invitee)
    session.flush()
    if meeting.status == S.INVITED:
        send_invitations(meeting, [invitee])
    return invitee


def remove_invitee(session: Session, meeting: Meeting, invitee: Invitee, *, by: Any = None) -> None:
    r.require_manage(by, meeting)
    r.require_status(meeting, (S.PROPOSED, S.APPROVED, S.INVITED), _("changing the invitees"))
    meeting.invitees.remove(invitee)
    session.flush()


def add_agenda_item(
    session: Session, meeting: Meeting, *, by: Any = None, **fields: Any
) -> AgendaItem:
    """Add an item at the end of the agenda."""
    r.require_manage(by, meeting)
    r.require_status(meeting, (S.PROPOSED, S.APPROVED, S.INVITED), _("changing the agenda"))
    item = AgendaItem(position=max((a.position for a in meeting.agenda), default=0) + 1)
    _set_agenda(session, item, fields)
    meeting.agenda.append(item)
    session.flush()
    return item


def update_agenda_item(
    session: Session, meeting: Meeting, item: AgendaItem, *, by: Any = None, **fields: Any
) -> AgendaItem:
    r.require_manage(by, meeting)
    r.require_status(meeting, (S.PROPOSED, S.APPROVED, S.INVITED), _("changing the agenda"))
    _set_agenda(session, item, fields)
    session.flush()
    return item


def _set_agenda(session: Session, item: AgendaItem, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(AGENDA_FIELDS)
    if unknown:
        raise TypeError(f"unknown agenda fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    if not (item.title or "").strip():
        raise r.MeetingError(_("Agenda item: give it a title."), field="title")
    if item.duration_minutes is not None and item.duration_minutes <= 0:
        raise r.MeetingError(_("Duration: minutes, more than zero."), field="duration_minutes")
    _exists(session, User, item.presenter_id, "presenter_id")
    _exists(session, Unit, item.presenter_unit_id, "presenter_unit_id")
