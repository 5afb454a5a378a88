"""The rules of the meeting dossier written once: errors, who may do what, which step follows
which, and how times are checked. Services, the API and the back office all use these.

``by`` is the user acting; None means the system (a job, the demo), which may do anything.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from core import EVERYONE, Permission
from core.db import EARLIEST, LATEST
from core.errors import ConflictError, Forbidden, VanPhongError
from core.identity.access import can, in_units, scope_paths
from plugins.meetings.meetings.models import AgendaItem, Invitee, Meeting, MeetingStatus

VIEW = "meetings.meeting.view"
MANAGE = "meetings.meeting.manage"
APPROVE = "meetings.meeting.approve"

PERMISSIONS = [
    Permission(
        VIEW,
        _l("See meetings: one's units', and those one chairs, records or attends"),
        default_roles=EVERYONE,
    ),
    Permission(
        MANAGE,
        _l("Propose and organise meetings, send invitations, close dossiers"),
        default_roles=("office", "unit_head"),
    ),
    Permission(
        APPROVE,
        _l("Approve meetings and conclusion notices in the chair's stead"),
        default_roles=("office",),
    ),
]

S = MeetingStatus
#: Statuses in which a meeting holds its room and its chair, and shows on calendars.
SCHEDULED = (S.APPROVED, S.INVITED, S.HELD, S.MINUTED, S.CONCLUDED, S.CLOSED)
#: Statuses after the meeting took place.
TOOK_PLACE = (S.HELD, S.MINUTED, S.CONCLUDED, S.CLOSED)

STATUS_LABELS = {
    S.PROPOSED: _l("Proposed"),
    S.APPROVED: _l("Approved"),
    S.INVITED: _l("Invitations sent"),
    S.HELD: _l("Held"),
    S.MINUTED: _l("Minutes filed"),
    S.CONCLUDED: _l("Conclusions issued"),
    S.CLOSED: _l("Closed"),
    S.CANCELLED: _l("Cancelled"),
}


class MeetingError(VanPhongError):
    """A meeting, its attendance, minutes or conclusions break a rule; the message names the
    field and the rule (the API answers 422)."""


class MeetingConflict(ConflictError):
    """The change clashes with the dossier as it stands (the API answers 409)."""


class NotAllowed(MeetingError, Forbidden):
    """The user may not take this step on this meeting (the API answers 403)."""


def status_label(status: str) -> str:
    """The status as people read it, in their language."""
    return str(STATUS_LABELS.get(status, status))  # type: ignore[call-overload]


def require_status(meeting: Meeting, allowed: tuple[MeetingStatus, ...], step: str) -> None:
    """Refuse ``step`` unless the meeting is in one of the ``allowed`` statuses."""
    if meeting.status not in allowed:
        raise MeetingConflict(
            _(
                "Status: the meeting is %(status)s; %(step)s needs it %(allowed)s.",
                status=status_label(meeting.status),
                step=step,
                allowed=" / ".join(status_label(s) for s in allowed),
            ),
            field="status",
        )


def check_times(starts_at: Any, ends_at: Any) -> None:
    """Both times carry their UTC offset, lie between 1900 and 2200, and the end comes after
    the start."""
    for field, value in (("starts_at", starts_at), ("ends_at", ends_at)):
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise MeetingError(
                _("%(field)s: give the time with its UTC offset.", field=field), field=field
            )
        if not EARLIEST <= value < LATEST:
            raise MeetingError(
                _("%(field)s: a time between 1900 and 2200.", field=field), field=field
            )
    if ends_at <= starts_at:
        raise MeetingError(
            _("End: the meeting must end after it starts (the end is not after the start)."),
            field="ends_at",
        )


# -- who may do what ---------------------------------------------------------------------------


def _is(user: Any, user_id: int | None) -> bool:
    return user_id is not None and getattr(user, "id", None) == user_id


def _holds(user: Any, permission: str, meeting: Meeting) -> bool:
    """``permission`` across the agency, or over the meeting's preparing unit."""
    if meeting.unit_id is None:
        return scope_paths(user, permission) is None
    return bool(can(user, permission, meeting.unit_id))


def may_manage(user: Any, meeting: Meeting) -> bool:
    return user is None or _holds(user, MANAGE, meeting)


def may_approve(user: Any, meeting: Meeting) -> bool:
    """The chair approves their own meeting; so does a holder of meetings.meeting.approve."""
    return user is None or _is(user, meeting.chair_id) or _holds(user, APPROVE, meeting)


def may_minute(user: Any, meeting: Meeting) -> bool:
    """The secretary writes the minutes; those who manage the meeting may too."""
    return user is None or _is(user, meeting.secretary_id) or may_manage(user, meeting)


def may_upload(user: Any, meeting: Meeting) -> bool:
    """Presenters, the secretary and those who manage the meeting add materials."""
    if may_minute(user, meeting):
        return True
    return any(_is(user, a.presenter_id) for a in meeting.agenda)


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise NotAllowed(message)


def require_manage(user: Any, meeting: Meeting) -> None:
    require(
        may_manage(user, meeting),
        _("Only the office or the head of the preparing unit may change this meeting."),
    )


def visible_to(user: Any, paths: set[str] | None) -> Any:
    """A WHERE clause on meetings: those ``user``, holding meetings.meeting.view over
    ``paths`` (None: across the agency), may see: the meetings their units prepare or are
    invited to, and those they chair, record, are invited or delegated to, or present at."""
    if paths is None:
        return Meeting.id.is_not(None)
    uid = getattr(user, "id", None)
    invited = select(Invitee.meeting_id).where(
        or_(
            Invitee.user_id == uid,
            Invitee.delegate_id == uid,
            in_units(Invitee.unit_id, paths),
        )
    )
    presenting = select(AgendaItem.meeting_id).where(AgendaItem.presenter_id == uid)
    return or_(
        in_units(Meeting.unit_id, paths),
        Meeting.chair_id == uid,
        Meeting.secretary_id == uid,
        Meeting.id.in_(invited),
        Meeting.id.in_(presenting),
    )


def visible_query(user: Any) -> Any:
    """:func:`visible_to` for ``user``'s own grants of meetings.meeting.view."""
    return visible_to(user, scope_paths(user, VIEW))
