"""REST endpoints of briefings under ``/api/v1/meetings/briefings``: the series (with making
their next sessions), the sessions (the units' report states, the previous session's
conclusions with their status, the minutes pre-filled), and the units' reports.

Every write goes through the briefing services in one transaction. A room or chair already
booked answers 409 listing every clashing date; a report of a unit the caller does not manage
answers 422 ``outside_your_units``; a step the meeting's rules refuse to the caller, 403.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from sqlalchemy.sql import Select

from core.api import (
    ApiBlueprint,
    Filter,
    Resource,
    When,
    api_abort,
    equals,
    requires,
)
from core.db import db
from core.identity.access import scope_paths
from plugins.meetings.briefings import followup, reports, services
from plugins.meetings.briefings.access import MANAGE, REPORT_MANAGE, VIEW
from plugins.meetings.briefings.minutes import draft_sections, prefill_minutes, status_text
from plugins.meetings.briefings.models import BriefingReport, BriefingSeries, BriefingSession
from plugins.meetings.briefings.schemas import (
    EmptySchema,
    FollowUpListSchema,
    ReportInputSchema,
    ReportSchema,
    ReportUpdateSchema,
    SectionsSchema,
    SeriesInputSchema,
    SeriesSchema,
    SeriesUpdateSchema,
    SessionSchema,
    UnitReportStatesSchema,
)

bp = ApiBlueprint(
    "meetings_briefings",
    __name__,
    url_prefix="/api/v1/meetings/briefings",
    description="Briefings (giao ban): recurring series, their sessions, the units' reports, "
    "the previous conclusions with their status and the pre-filled minutes.",
)


def _user() -> Any:
    return current_user._get_current_object()


# -- series ---------------------------------------------------------------------------------


class SeriesResource(Resource):
    """Everyone taking part sees the series; the office (agency-wide) changes them."""

    name = "series"
    model = BriefingSeries
    schema = SeriesSchema
    create_schema = SeriesInputSchema
    update_schema = SeriesUpdateSchema
    permission = "meetings.briefing"
    filters = {
        "active": equals(BriefingSeries.active),
        "chair_id": equals(BriefingSeries.chair_id),
        "unit_id": equals(BriefingSeries.unit_id),
    }
    sorts = {"title": BriefingSeries.title, "created_at": BriefingSeries.created_at}
    default_sort = "title"
    searchable = (BriefingSeries.title,)

    def select(self) -> Select[Any]:
        return select(BriefingSeries).options(
            joinedload(BriefingSeries.units), joinedload(BriefingSeries.items)
        )

    def create(self, data: dict[str, Any]) -> BriefingSeries:
        return services.create_series(db.session, by=_user(), **data)

    def update(self, obj: BriefingSeries, data: dict[str, Any]) -> None:
        services.update_series(db.session, obj, by=_user(), **data)


series = SeriesResource()
series.register(bp)


@bp.route("/series/<id:id>/generate", methods=["POST"], endpoint="series_generate")
@requires(MANAGE, agency_wide=True)
@bp.arguments(EmptySchema)
@bp.response(200, SessionSchema(many=True))
def generate(data: dict[str, Any], id: int) -> Any:
    """Make the series' sessions due within its horizon that do not exist yet (none twice).

    Each is a briefing meeting with the room and chair booked, all dates or none: a date
    already taken answers 409 listing every clashing date, and nothing is made.
    """
    found: BriefingSeries = series.get(id, None)
    made = services.generate_sessions(db.session, found)
    db.session.commit()
    return made


# -- sessions -------------------------------------------------------------------------------


class SessionResource(Resource):
    """The sessions of every series, read only: they are made from their series."""

    name = "sessions"
    model = BriefingSession
    schema = SessionSchema
    permission = "meetings.briefing"
    filters = {
        "series_id": equals(BriefingSession.series_id),
        "from": Filter(
            When(metadata={"description": "Sessions starting at or after this time."}),
            lambda at: BriefingSession.occurrence >= at,
        ),
        "to": Filter(
            When(metadata={"description": "Sessions starting before this time."}),
            lambda at: BriefingSession.occurrence < at,
        ),
    }
    sorts = {"occurrence": BriefingSession.occurrence}
    default_sort = "occurrence"

    def select(self) -> Select[Any]:
        return select(BriefingSession).options(joinedload(BriefingSession.meeting))


sessions = SessionResource()
sessions.register(bp)


def _session(id: int) -> BriefingSession:
    found: BriefingSession = sessions.get(id, None)
    return found


@bp.route("/sessions/<id:id>/units", methods=["GET"], endpoint="sessions_units")
@requires(VIEW)
@bp.response(200, UnitReportStatesSchema)
def session_units(id: int) -> Any:
    """Each participating unit and its report for the session: sent (when, late) or missing."""
    briefing = _session(id)
    sent = {r.unit_id: r for r in reports.reports_of(db.session, briefing)}
    units = list(briefing.series.units)
    return {
        "items": [
            {
                "unit_id": unit.id,
                "unit": unit.name,
                "report_id": sent[unit.id].id if unit.id in sent else None,
                "submitted_at": sent[unit.id].submitted_at if unit.id in sent else None,
                "late": sent[unit.id].late if unit.id in sent else False,
            }
            for unit in units
        ]
    }


@bp.route("/sessions/<id:id>/follow-up", methods=["GET"], endpoint="sessions_follow_up")
@requires(VIEW)
@bp.response(200, FollowUpListSchema)
def session_follow_up(id: int) -> Any:
    """The previous session's conclusions, each with its current status as the plugin that
    tracks the work says (planning); the status is null when no enabled plugin tracks it."""
    items = []
    for item in followup.follow_ups(db.session, _session(id)):
        point, status = item.point, item.status
        items.append(
            {
                "notice_id": point.notice_id,
                "notice": str(point.notice),
                "position": point.position,
                "source_ref": point.source_ref,
                "content": point.content,
                "lead_unit_id": point.lead_unit_id,
                "lead_unit": point.lead_unit.name,
                "deadline": point.deadline,
                "status": status.status if status else None,
                "status_label": status_text(item) or None,
                "progress": status.progress if status else None,
                "url": status.url if status else None,
            }
        )
    return {"items": items}


@bp.route("/sessions/<id:id>/minutes-draft", methods=["GET"], endpoint="sessions_minutes_draft")
@requires(VIEW)
@bp.response(200, SectionsSchema)
def session_minutes_draft(id: int) -> Any:
    """The minutes' sections as pre-filling would write them now (nothing is stored)."""
    return {"sections": draft_sections(db.session, _session(id))}


@bp.route("/sessions/<id:id>/prefill-minutes", methods=["POST"], endpoint="sessions_prefill")
@requires(VIEW)
@bp.arguments(EmptySchema)
@bp.response(200, SectionsSchema)
def session_prefill(data: dict[str, Any], id: int) -> Any:
    """Write the pre-filled sections into the meeting's minutes, leaving written ones as they
    are. The meeting's rules apply: once it is held (409 before), by its secretary or the
    office (403 otherwise), never once the minutes are filed (409)."""
    minutes = prefill_minutes(db.session, _session(id), by=_user())
    db.session.commit()
    return {
        "sections": [
            {"heading": s.heading, "content": s.content, "agenda_item_id": s.agenda_item_id}
            for s in minutes.items
        ]
    }


# -- reports --------------------------------------------------------------------------------


class ReportResource(Resource):
    """Record rule by unit: a unit head sees and writes their units' reports; the office,
    every unit's."""

    name = "reports"
    model = BriefingReport
    schema = ReportSchema
    create_schema = ReportInputSchema
    update_schema = ReportUpdateSchema
    permission = "meetings.briefing_report"
    scope_column = "unit_id"
    scope_input = "unit_id"
    filters = {
        "session_id": equals(BriefingReport.session_id),
        "unit_id": equals(BriefingReport.unit_id),
        "late": equals(BriefingReport.late),
    }
    sorts = {"submitted_at": BriefingReport.submitted_at}
    default_sort = "-submitted_at"
    searchable = (BriefingReport.done, BriefingReport.planned, BriefingReport.proposals)

    def select(self) -> Select[Any]:
        return select(BriefingReport).options(joinedload(BriefingReport.unit))

    def create(self, data: dict[str, Any]) -> BriefingReport:
        paths = scope_paths(current_user, REPORT_MANAGE)
        if paths is not None and not current_user.can(REPORT_MANAGE, data["unit_id"]):
            api_abort(
                422, code="outside_your_units", fields={"unit_id": [_("Not a unit you manage.")]}
            )
        briefing = db.session.scalar(
            select(BriefingSession)
            .options(joinedload(BriefingSession.meeting))
            .where(BriefingSession.id == data.pop("session_id"))
        )
        if briefing is None:
            raise services.BriefingError(_("Session: no such session."), field="session_id")
        return reports.submit_report(db.session, briefing, data.pop("unit_id"), by=_user(), **data)

    def update(self, obj: BriefingReport, data: dict[str, Any]) -> None:
        reports.update_report(db.session, obj, by=_user(), **data)


ReportResource().register(bp)
