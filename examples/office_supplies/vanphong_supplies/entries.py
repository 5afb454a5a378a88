"""Approved requests on the unified calendar: the day a unit needs its supplies, for the
office that hands them over and for the unit's people."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from core import CalendarEntry
from core.i18n import agency_zone
from core.identity.access import in_units, scope_paths

from vanphong_supplies.models import Request, RequestStatus
from vanphong_supplies.services import request_link

#: Supplies are handed over at the start of the working day.
HANDOVER = (time(8), time(8, 30))


def calendar_entries(session: Session, start: datetime, end: datetime, user: Any) -> list:
    """``user``'s entries between ``start`` and ``end``: approved requests by their day."""
    if not getattr(user, "is_authenticated", False):
        return []
    paths = scope_paths(user, "supplies.request.view")
    if paths is not None and not paths:
        return []
    zone = agency_zone()
    query = (
        select(Request)
        .options(joinedload(Request.unit))
        .where(
            Request.status == RequestStatus.APPROVED.value,
            Request.needed_on >= start.astimezone(zone).date(),
            Request.needed_on <= end.astimezone(zone).date(),
        )
        .order_by(Request.needed_on, Request.id)
    )
    if paths is not None:
        query = query.where(in_units(Request.unit_id, paths))
    entries = []
    for request in session.scalars(query):
        starts = datetime.combine(request.needed_on, HANDOVER[0], zone)
        ends = datetime.combine(request.needed_on, HANDOVER[1], zone)
        if ends <= start or starts >= end:
            continue
        entries.append(
            CalendarEntry(
                source="supplies",
                title=_("Office supplies for %(unit)s", unit=request.unit.name),
                starts=starts,
                ends=ends,
                url=request_link(request.id),
                uid=f"supplies.request.{request.id}",
                permission="supplies.request.view",
                unit_id=request.unit_id,
            )
        )
    return entries
