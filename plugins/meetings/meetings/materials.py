"""Materials (tài liệu họp): files presenters upload before the materials deadline, checked for
size and type (:func:`plugins.meetings.common.check_upload`). In the caller's transaction."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from plugins.meetings.common import check_upload
from plugins.meetings.meetings import rules as r
from plugins.meetings.meetings.models import AgendaItem, Material, Meeting, MeetingStatus

S = MeetingStatus
OPEN = (S.PROPOSED, S.APPROVED, S.INVITED, S.HELD)


def add_material(
    session: Session,
    meeting: Meeting,
    filename: str,
    content: bytes,
    *,
    by: Any = None,
    agenda_item_id: int | None = None,
) -> Material:
    """Attach a file to the meeting (to one of its agenda items, if given). Late uploads
    are taken: the deadline is what reminders and the dossier show."""
    r.require(
        r.may_upload(by, meeting),
        _("Only presenters, the secretary and the office add materials."),
    )
    r.require_status(meeting, OPEN, _("adding materials"))
    item = None
    if agenda_item_id is not None:
        item = next((a for a in meeting.agenda if a.id == agenda_item_id), None)
        if item is None:
            raise r.MeetingError(
                _("Agenda item: not on this meeting's agenda."), field="agenda_item_id"
            )
    upload = check_upload(filename, content)
    material = Material(
        agenda_item=item,
        filename=upload.filename,
        content_type=upload.content_type,
        size=upload.size,
        sha256=upload.sha256,
        content=upload.content,
        uploaded_by_id=getattr(by, "id", None),
    )
    meeting.materials.append(material)
    session.flush()
    return material


def remove_material(
    session: Session, meeting: Meeting, material: Material, *, by: Any = None
) -> None:
    """Withdraw a file: its uploader, the secretary or the office."""
    mine = by is not None and material.uploaded_by_id == getattr(by, "id", None)
    r.require(
        mine or r.may_minute(by, meeting),
        _("Only whoever uploaded it, the secretary or the office may remove it."),
    )
    r.require_status(meeting, OPEN, _("removing materials"))
    meeting.materials.remove(material)
    session.flush()


def missing_materials(meeting: Meeting) -> list[AgendaItem]:
    """Agenda items with a presenter and no file yet."""
    covered = {m.agenda_item_id for m in meeting.materials}
    return [a for a in meeting.agenda if a.presenter_id is not None and a.id not in covered]
