"""REST endpoints of the meeting dossier, under ``/api/v1/meetings/meetings``: meetings (list,
detail, propose, change), their lifecycle steps as POST sub-resources (``/approve``,
``/invite``, ``/hold``, ``/close``, ``/cancel``), invitees, agenda, answers and attendance, and
the meeting as an iCalendar file. Materials, minutes and conclusion notices are in
:mod:`plugins.meetings.meetings.api_records`, on the same blueprint.

Every write goes through the services in one transaction; a step the caller may not take
answers 403, a double booking of the room or the chair 409 naming the clash.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from core.api import (
    ApiBlueprint,
    Choice,
    Resource,
    api_abort,
    equals,
    requires,
    with_etag,
)
from core.db import db
from core.identity.access import scope_paths
from plugins.meetings.meetings import attendance, services
from plugins.meetings.meetings import rules as r
from plugins.meetings.meetings.invitations import render_ics
from plugins.meetings.meetings.models import Meeting, MeetingKind, MeetingStatus
from plugins.meetings.meetings.schemas import (
    AgendaInputSchema,
    AgendaItemSchema,
    AnswerSchema,
    AttendanceSchema,
    CancelSchema,
    DelegateSchema,
    InviteeInputSchema,
    InviteeRemoveSchema,
    InviteeSchema,
    MeetingDetailSchema,
    MeetingInputSchema,
    MeetingSchema,
    MeetingUpdateSchema,
    StepSchema,
)

bp = ApiBlueprint(
    "meetings_meetings",
    __name__,
    url_prefix="/api/v1/meetings",
    description="Meetings from proposal to closing: invitations, attendance, materials, "
    "minutes and conclusion notices.",
)


def user() -> Any:
    """The caller, as a plain object the services may keep."""
    return current_user._get_current_object()


class MeetingResource(Resource):
    """Meetings a caller sees: their units' (by the preparing unit), and those they chair,
    record, attend or present at."""

    name = "meetings"
    model = Meeting
    schema = MeetingSchema
    create_schema = MeetingInputSchema
    update_schema = MeetingUpdateSchema
    permission = "meetings.meeting"
    scope_column = "unit_id"
    filters = {
        "kind": equals(Meeting.kind, Choice([k.value for k in MeetingKind])),
        "status": equals(Meeting.status, Choice([s.value for s in MeetingStatus])),
        "unit_id": equals(Meeting.unit_id),
        "chair_id": equals(Meeting.chair_id),
        "room_id": equals(Meeting.room_id),
    }
    sorts = {"starts_at": Meeting.starts_at, "title": Meeting.title, "status": Meeting.status}
    default_sort = "-starts_at"
    searchable = (Meeting.title, Meeting.description, Meeting.location)

    def select(self) -> Any:
        return select(Meeting).options(joinedload(Meeting.invitation))

    def scope(self, paths: set[str]) -> Any:
        return r.visible_to(current_user, paths)

    def create(self, data: dict[str, Any]) -> Meeting:
        return services.propose(db.session, by=user(), **data)

    def update(self, obj: Meeting, data: dict[str, Any]) -> None:
        services.update(db.session, obj, by=user(), **data)


meetings = MeetingResource()
meetings.register(bp)


def meeting_of(id: int) -> Meeting:
    """The meeting ``id`` the caller may see (404 otherwise), with its dossier loaded."""
    query = (
        select(Meeting)
        .options(
            joinedload(Meeting.invitation),
            selectinload(Meeting.invitees),
            selectinload(Meeting.agenda),
            selectinload(Meeting.materials),
        )
        .where(Meeting.id == id, r.visible_to(current_user, scope_paths(current_user, r.VIEW)))
    )
    found = db.session.scalars(query).first()
    if found is None:
        api_abort(404)
    return found


def answer(meeting: Meeting, status: int = 200) -> Any:
    response = with_etag(jsonify(MeetingDetailSchema().dump(meeting)), meeting)
    response.status_code = status
    return response


VIEW = requires(r.VIEW)


@bp.route("/meetings/<id:id>/dossier", methods=["GET"], endpoint="meetings_dossier")
@VIEW
@bp.response(200, MeetingDetailSchema)
def dossier(id: int) -> Any:
    """A meeting with its invitees (answers, attendance), agenda and materials."""
    return answer(meeting_of(id))


def _step(id: int, data: dict[str, Any], step: Any) -> Any:
    meeting = meeting_of(id)
    meetings.check_version(meeting, data.pop("version", None))
    step(meeting, **data)
    db.session.commit()
    return answer(meeting)


@bp.route("/meetings/<id:id>/approve", methods=["POST"], endpoint="meetings_approve")
@VIEW
@bp.arguments(StepSchema)
@bp.response(200, MeetingDetailSchema)
def approve(data: dict[str, Any], id: int) -> Any:
    """Approve a proposal (its chair, or a holder of meetings.meeting.approve).

    Books the room and the chair for its time; a clash with a confirmed booking answers 409
    naming it, and nothing changes.
    """
    return _step(id, data, lambda m: services.approve(db.session, m, by=user()))


@bp.route("/meetings/<id:id>/invite", methods=["POST"], endpoint="meetings_invite")
@VIEW
@bp.arguments(StepSchema)
@bp.response(200, MeetingDetailSchema)
def invite(data: dict[str, Any], id: int) -> Any:
    """Issue the invitation as a numbered GM and send it to every invitee (with the
    meeting's iCalendar file)."""
    return _step(id, data, lambda m: services.invite(db.session, m, by=user()))


@bp.route("/meetings/<id:id>/hold", methods=["POST"], endpoint="meetings_hold")
@VIEW
@bp.arguments(StepSchema)
@bp.response(200, MeetingDetailSchema)
def hold(data: dict[str, Any], id: int) -> Any:
    """Record that the meeting took place (the secretary or the office)."""
    return _step(id, data, lambda m: services.mark_held(db.session, m, by=user()))


@bp.route("/meetings/<id:id>/close", methods=["POST"], endpoint="meetings_close")
@VIEW
@bp.arguments(StepSchema)
@bp.response(200, MeetingDetailSchema)
def close(data: dict[str, Any], id: int) -> Any:
    """Close the dossier; refused (409) before the minutes are filed."""
    return _step(id, data, lambda m: services.close(db.session, m, by=user()))


@bp.route("/meetings/<id:id>/cancel", methods=["POST"], endpoint="meetings_cancel")
@VIEW
@bp.arguments(CancelSchema)
@bp.response(200, MeetingDetailSchema)
def cancel(data: dict[str, Any], id: int) -> Any:
    """Call the meeting off, saying why: the room and chair are released, invitees told."""
    return _step(
        id, data, lambda m, reason: services.cancel(db.session, m, by=user(), reason=reason)
    )


# -- invitees, answers, attendance, agenda ----------------------------------------------------


@bp.route("/meetings/<id:id>/invitees", methods=["POST"], endpoint="meetings_invitees_add")
@VIEW
@bp.arguments(InviteeInputSchema)
@bp.response(201, InviteeSchema)
def add_invitee(data: dict[str, Any], id: int) -> Any:
    """Invite a person (`user_id`), a unit (`unit_id`) or a guest (`guest_name`)."""
    invitee = services.add_invitee(db.session, meeting_of(id), by=user(), **data)
    db.session.commit()
    return _created(InviteeSchema().dump(invitee), id)


@bp.route(
    "/meetings/<id:id>/invitees/remove", methods=["POST"], endpoint="meetings_invitees_remove"
)
@VIEW
@bp.arguments(InviteeRemoveSchema)
@bp.response(200, MeetingDetailSchema)
def remove_invitee(data: dict[str, Any], id: int) -> Any:
    """Take an invitee off the list (before the meeting)."""
    meeting = meeting_of(id)
    services.remove_invitee(db.session, meeting, _invitee(meeting, data["invitee_id"]), by=user())
    db.session.commit()
    return answer(meeting)


def _invitee(meeting: Meeting, invitee_id: int | None) -> Any:
    if invitee_id is None:
        return None
    found = next((i for i in meeting.invitees if i.id == invitee_id), None)
    if found is None:
        raise r.MeetingError(_("Invitee: not invited to this meeting."), field="invitee_id")
    return found


@bp.route("/meetings/<id:id>/answer", methods=["POST"], endpoint="meetings_answer")
@VIEW
@bp.arguments(AnswerSchema)
@bp.response(200, InviteeSchema)
def answer_invitation(data: dict[str, Any], id: int) -> Any:
    """Accept, or decline with a reason: one's own invitation, or one's unit's as its head."""
    meeting = meeting_of(id)
    invitee = attendance.respond(
        db.session,
        meeting,
        data["answer"],
        by=user(),
        reason=data["reason"],
        invitee=_invitee(meeting, data["invitee_id"]),
    )
    db.session.commit()
    return jsonify(InviteeSchema().dump(invitee))


@bp.route("/meetings/<id:id>/delegate", methods=["POST"], endpoint="meetings_delegate")
@VIEW
@bp.arguments(DelegateSchema)
@bp.response(200, InviteeSchema)
def delegate(data: dict[str, Any], id: int) -> Any:
    """Send someone in one's place (or the unit's): they are told."""
    meeting = meeting_of(id)
    invitee = attendance.delegate(
        db.session,
        meeting,
        data["delegate_id"],
        by=user(),
        reason=data["reason"],
        invitee=_invitee(meeting, data["invitee_id"]),
    )
    db.session.commit()
    return jsonify(InviteeSchema().dump(invitee))


@bp.route("/meetings/<id:id>/attendance", methods=["POST"], endpoint="meetings_attendance")
@VIEW
@bp.arguments(AttendanceSchema)
@bp.response(200, MeetingDetailSchema)
def take_attendance(data: dict[str, Any], id: int) -> Any:
    """Record who is present and who is absent, with reasons (the secretary)."""
    meeting = meeting_of(id)
    marks = [attendance.Mark(**m) for m in data["marks"]]
    attendance.take_attendance(db.session, meeting, marks, by=user())
    db.session.commit()
    return answer(meeting)


@bp.route("/meetings/<id:id>/agenda", methods=["POST"], endpoint="meetings_agenda_add")
@VIEW
@bp.arguments(AgendaInputSchema)
@bp.response(201, AgendaItemSchema)
def add_agenda_item(data: dict[str, Any], id: int) -> Any:
    """Add an item, with its presenter, at the end of the agenda."""
    item = services.add_agenda_item(db.session, meeting_of(id), by=user(), **data)
    db.session.commit()
    return _created(AgendaItemSchema().dump(item), id)


def _created(body: Any, meeting_id: int) -> Any:
    response = jsonify(body)
    response.status_code = 201
    response.headers["Location"] = url_for(".meetings_dossier", id=meeting_id)
    return response


@bp.route("/meetings/<id:id>/invitation.ics", methods=["GET"], endpoint="meetings_ics")
@VIEW
@bp.response(200, content_type="text/calendar", description="The meeting (RFC 5545).")
def ics(id: int) -> Any:
    """The meeting as an iCalendar file, to add to one's calendar."""
    meeting = meeting_of(id)
    return Response(
        render_ics(meeting),
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="meeting-{meeting.id}.ics"'},
    )


def blueprint() -> ApiBlueprint:
    """The blueprint, with the routes of materials, minutes and notices added."""
    from plugins.meetings.meetings import api_records  # noqa: F401  (adds its routes)

    return bp
