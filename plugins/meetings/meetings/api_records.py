"""REST endpoints of what a meeting produces, on the dossier's blueprint: materials (upload,
download, remove), the minutes (write, file as a numbered BB) and conclusion notices (draft,
change, approve, issue as a numbered TB; a correction names the notice it corrects)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from flask import Response, jsonify
from flask_babel import gettext as _
from flask_smorest.fields import Upload
from marshmallow import fields
from sqlalchemy import select

from core.api import ApiSchema, api_abort, with_etag
from core.db import db
from plugins.meetings.meetings import conclusions, materials, minutes
from plugins.meetings.meetings import rules as r
from plugins.meetings.meetings.api import VIEW, bp, meeting_of, meetings, user
from plugins.meetings.meetings.models import ConclusionNotice, Material
from plugins.meetings.meetings.schemas import (
    MaterialFormSchema,
    MaterialSchema,
    MinutesInputSchema,
    MinutesSchema,
    NoticeInputSchema,
    NoticeSchema,
    NoticeUpdateSchema,
    StepSchema,
)


class UploadSchema(ApiSchema):
    file = Upload(required=True, metadata={"description": "PDF, office documents, images."})


class NoticeListSchema(ApiSchema):
    items = fields.List(fields.Nested(NoticeSchema), dump_only=True)


# -- materials --------------------------------------------------------------------------------


@bp.route("/meetings/<id:id>/materials", methods=["POST"], endpoint="meetings_materials_add")
@VIEW
@bp.arguments(MaterialFormSchema, location="query")
@bp.arguments(UploadSchema, location="files")
@bp.response(201, MaterialSchema)
def add_material(query: dict[str, Any], files: dict[str, Any], id: int) -> Any:
    """Upload a file for the meeting (for one agenda item with `agenda_item_id`): presenters,
    the secretary and the office. Too large or of a forbidden type: 422 naming the rule."""
    upload = files["file"]
    material = materials.add_material(
        db.session,
        meeting_of(id),
        upload.filename or "",
        upload.read(),
        by=user(),
        agenda_item_id=query["agenda_item_id"],
    )
    db.session.commit()
    response = jsonify(MaterialSchema().dump(material))
    response.status_code = 201
    return response


def material_of(id: int) -> tuple[Material, Any]:
    """The material ``id`` of a meeting the caller sees (404 otherwise), and its meeting."""
    meeting_id = db.session.scalar(select(Material.meeting_id).where(Material.id == id))
    if meeting_id is None:
        api_abort(404)
    meeting = meeting_of(meeting_id)
    return next(m for m in meeting.materials if m.id == id), meeting


@bp.route("/meetings/materials/<id:id>", methods=["GET"], endpoint="materials_get")
@VIEW
@bp.response(200, content_type="application/octet-stream", description="The file.")
def download_material(id: int) -> Any:
    """The file, as uploaded."""
    material, _meeting = material_of(id)
    return Response(
        material.content,
        mimetype=material.content_type,
        headers={"Content-Disposition": _disposition(material.filename)},
    )


def _disposition(filename: str) -> str:
    return f"attachment; filename*=UTF-8''{quote(filename)}"


@bp.route("/meetings/materials/<id:id>", methods=["DELETE"], endpoint="materials_delete")
@VIEW
@bp.response(204)
def remove_material(id: int) -> Any:
    """Withdraw a file (its uploader, the secretary or the office)."""
    material, meeting = material_of(id)
    materials.remove_material(db.session, meeting, material, by=user())
    db.session.commit()
    return "", 204


# -- minutes ----------------------------------------------------------------------------------


@bp.route("/meetings/<id:id>/minutes", methods=["GET"], endpoint="meetings_minutes_get")
@VIEW
@bp.response(200, MinutesSchema)
def get_minutes(id: int) -> Any:
    """The minutes (404 before they are started)."""
    meeting = meeting_of(id)
    if meeting.minutes is None:
        api_abort(404)
    return with_etag(jsonify(MinutesSchema().dump(meeting.minutes)), meeting.minutes)


@bp.route("/meetings/<id:id>/minutes", methods=["PUT"], endpoint="meetings_minutes_put")
@VIEW
@bp.arguments(MinutesInputSchema)
@bp.response(200, MinutesSchema)
def put_minutes(data: dict[str, Any], id: int) -> Any:
    """Write the minutes (the secretary), only once the meeting is held: the first call
    starts them pre-filled from the agenda and the attendance; `items` replaces the sections.
    A change to started minutes names their version."""
    meeting = meeting_of(id)
    version = data.pop("version", None)
    if meeting.minutes is not None:
        meetings.check_version(meeting.minutes, version)
    written = minutes.write_minutes(db.session, meeting, by=user(), **data)
    db.session.commit()
    return with_etag(jsonify(MinutesSchema().dump(written)), written)


@bp.route("/meetings/<id:id>/minutes/file", methods=["POST"], endpoint="meetings_minutes_file")
@VIEW
@bp.arguments(StepSchema)
@bp.response(200, MinutesSchema)
def file_minutes(data: dict[str, Any], id: int) -> Any:
    """File the minutes: numbered BB in the register, never edited again."""
    meeting = meeting_of(id)
    if meeting.minutes is None:
        raise r.MeetingConflict(_("Minutes: write them before filing them."), field="minutes")
    meetings.check_version(meeting.minutes, data.get("version"))
    filed = minutes.file_minutes(db.session, meeting, by=user())
    db.session.commit()
    return with_etag(jsonify(MinutesSchema().dump(filed)), filed)


# -- conclusion notices -----------------------------------------------------------------------


@bp.route("/meetings/<id:id>/notices", methods=["GET"], endpoint="meetings_notices_list")
@VIEW
@bp.response(200, NoticeListSchema)
def list_notices(id: int) -> Any:
    """The meeting's conclusion notices, corrections included."""
    return {"items": meeting_of(id).notices}


@bp.route("/meetings/<id:id>/notices", methods=["POST"], endpoint="meetings_notices_add")
@VIEW
@bp.arguments(NoticeInputSchema)
@bp.response(201, NoticeSchema)
def add_notice(data: dict[str, Any], id: int) -> Any:
    """Draft a notice; each point needs a lead unit. `corrects_id` names an issued notice
    of this meeting that the new one corrects. The chair is asked to approve it."""
    meeting = meeting_of(id)
    corrects_id = data.pop("corrects_id")
    corrects = next((n for n in meeting.notices if n.id == corrects_id), None)
    if corrects_id is not None and corrects is None:
        raise r.MeetingError(_("Corrects: an issued notice of this meeting."), field="corrects_id")
    notice = conclusions.draft_notice(db.session, meeting, by=user(), corrects=corrects, **data)
    db.session.commit()
    response = with_etag(jsonify(NoticeSchema().dump(notice)), notice)
    response.status_code = 201
    return response


def notice_of(id: int) -> ConclusionNotice:
    """The notice ``id`` of a meeting the caller sees (404 otherwise)."""
    meeting_id = db.session.scalar(
        select(ConclusionNotice.meeting_id).where(ConclusionNotice.id == id)
    )
    if meeting_id is None:
        api_abort(404)
    return next(n for n in meeting_of(meeting_id).notices if n.id == id)


def _notice_answer(notice: ConclusionNotice) -> Any:
    return with_etag(jsonify(NoticeSchema().dump(notice)), notice)


@bp.route("/meetings/notices/<id:id>", methods=["GET"], endpoint="notices_get")
@VIEW
@bp.response(200, NoticeSchema)
def get_notice(id: int) -> Any:
    """One conclusion notice with its points."""
    return _notice_answer(notice_of(id))


@bp.route("/meetings/notices/<id:id>", methods=["PATCH"], endpoint="notices_update")
@VIEW
@bp.arguments(NoticeUpdateSchema)
@bp.response(200, NoticeSchema)
def update_notice(data: dict[str, Any], id: int) -> Any:
    """Change a draft (its summary and all its points). An issued notice is refused (409):
    draft a correction instead."""
    notice = notice_of(id)
    meetings.check_version(notice, data.pop("version", None))
    conclusions.update_notice(db.session, notice, by=user(), **data)
    db.session.commit()
    return _notice_answer(notice)


@bp.route("/meetings/notices/<id:id>/approve", methods=["POST"], endpoint="notices_approve")
@VIEW
@bp.arguments(StepSchema)
@bp.response(200, NoticeSchema)
def approve_notice(data: dict[str, Any], id: int) -> Any:
    """The chair approves the draft."""
    notice = notice_of(id)
    meetings.check_version(notice, data.get("version"))
    conclusions.approve_notice(db.session, notice, by=user())
    db.session.commit()
    return _notice_answer(notice)


@bp.route("/meetings/notices/<id:id>/issue", methods=["POST"], endpoint="notices_issue")
@VIEW
@bp.arguments(StepSchema)
@bp.response(200, NoticeSchema)
def issue_notice(data: dict[str, Any], id: int) -> Any:
    """Issue the approved notice as a numbered TB: sent to the units, and each point handed
    over as work assigned (tracked as a task when planning is enabled)."""
    notice = notice_of(id)
    meetings.check_version(notice, data.get("version"))
    conclusions.issue_notice(db.session, notice, by=user())
    db.session.commit()
    return _notice_answer(notice)
