"""Numbering the dossier's documents in the core register: the invitation (GM), the minutes
(BB) and the conclusion notices (TB), each in the caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from core.i18n import agency_today
from core.registry import services as registry
from core.registry.models import Document
from plugins.meetings.meetings.models import Meeting

INVITATION, MINUTES, NOTICE = "GM", "BB", "TB"


def issue(
    session: Session,
    code: str,
    meeting: Meeting,
    summary: str,
    *,
    ref: str,
    by: Any = None,
    signer: str = "",
    recipients: str = "",
) -> Document:
    """Give the dossier's document of type ``code`` its number in the one register numbering
    that type, signed today; ``ref`` names the record within the meeting (``invitation``,
    ``minutes``, ``notice/3``). A refusal of the register (no register for the type, several)
    raises its :class:`~core.registry.services.RegistryError` and writes nothing."""
    doc_type = registry.type_by_code(session, code)
    register = registry.register_for(session, doc_type)
    return registry.issue_number(
        session,
        register,
        doc_type,
        agency_today(),
        summary=summary,
        signer=signer or chair_name(meeting),
        unit=meeting.unit,
        recipients=recipients,
        source="meetings",
        source_ref=f"meeting/{meeting.id}/{ref}",
        issued_by=by,
    )


def chair_name(meeting: Meeting) -> str:
    return meeting.chair.full_name or meeting.chair.username
