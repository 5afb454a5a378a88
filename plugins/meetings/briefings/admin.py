"""Back-office pages of briefings: the series (list, form with the standing agenda, making the
next sessions) and the units' report form (record rule by unit). The session page is in
:mod:`plugins.meetings.briefings.admin_sessions`. Every change goes through the services."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from flask import flash, request
from flask_admin.actions import action
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.exc import StaleDataError
from wtforms.validators import ValidationError

from core.admin import ModelView
from core.db import db
from core.errors import VanPhongError
from plugins.meetings.briefings import reports, services
from plugins.meetings.briefings.forms import ReportForm, SeriesForm
from plugins.meetings.briefings.models import BriefingReport, BriefingSeries, BriefingSession

CATEGORY = _l("Meetings")
#: What saving a form may run into: a rule, someone saving at the same time, a unit not managed.
REFUSED = (VanPhongError, StaleDataError, ValidationError)


def refusal(exc: Exception) -> str:
    if isinstance(exc, StaleDataError):
        return _("Someone else changed this record meanwhile; open it again.")
    return str(exc)


def local_time(value: Any) -> str:
    return format_datetime(value, "dd/MM/yyyy HH:mm") if value else ""


def _user() -> Any:
    return current_user._get_current_object()


def saved(save: Callable[[], Any]) -> Any:
    """Run ``save()`` and commit; on a refusal flash it, keep nothing and return None."""
    try:
        result = save()
        db.session.commit()
    except REFUSED as exc:
        db.session.rollback()
        flash(refusal(exc), "error")
        return None
    return result


class SeriesView(ModelView):
    """Briefing series. Everyone taking part sees them; the office changes them and makes
    their next sessions (the scheduled job does it too)."""

    permission = "meetings.briefing"
    form = SeriesForm
    column_list = ("title", "chair", "secretary", "rrule", "duration_minutes", "active")
    column_labels = {
        "title": _l("Title"),
        "chair": _l("Chair"),
        "secretary": _l("Secretary"),
        "rrule": _l("Repeats"),
        "duration_minutes": _l("Duration (minutes)"),
        "active": _l("Active"),
        "generation_error": _l("Last refusal"),
    }
    column_searchable_list = ("title",)
    column_filters = ("active",)
    column_default_sort = "title"
    create_template = "meetings/briefings/series_create.html"
    edit_template = "meetings/briefings/series_edit.html"
    can_delete_default = False

    def __init__(self) -> None:
        super().__init__(
            BriefingSeries,
            name=_l("Briefing series"),
            endpoint="meetings_briefing_series",
            category=CATEGORY,
        )

    def get_query(self) -> Any:
        return (
            super()
            .get_query()
            .options(joinedload(BriefingSeries.chair), joinedload(BriefingSeries.secretary))
        )

    def create_form(self, obj: Any = None) -> Any:
        form = super().create_form(obj)
        if request.method == "GET":
            form.prepare(local_start=False)
        form.offer_units()
        return form

    def on_form_prefill(self, form: Any, id: Any) -> None:
        form.prepare(local_start=True)

    def edit_form(self, obj: Any = None) -> Any:
        form = super().edit_form(obj)
        form.offer_units()
        return form

    def create_model(self, form: Any) -> Any:
        made = saved(
            lambda: services.create_series(
                db.session,
                by=_user(),
                unit_ids=[u.id for u in form.units.data or []],
                items=form.standing_items(),
                **form.series_fields(),
            )
        )
        return made or False

    def update_model(self, form: Any, model: BriefingSeries) -> bool:
        return (
            saved(
                lambda: services.update_series(
                    db.session,
                    model,
                    by=_user(),
                    unit_ids=[u.id for u in form.units.data or []],
                    items=form.standing_items(),
                    **form.series_fields(),
                )
            )
            is not None
        )

    @action(
        "generate",
        _l("Make the next sessions"),
        _l("Make the next sessions of the selected series?"),
    )
    def action_generate(self, ids: Any) -> None:
        for series in db.session.scalars(
            select(BriefingSeries).where(BriefingSeries.id.in_(self._typed_ids(ids)))
        ):
            made = saved(partial(services.generate_sessions, db.session, series))
            if made is not None:
                flash(
                    _("%(series)s: %(n)d sessions made.", series=series.title, n=len(made)),
                    "success",
                )


class ReportView(ModelView):
    """The units' reports before each session. Record rule by unit: a unit head sees and
    writes their units' reports, the office every unit's."""

    permission = "meetings.briefing_report"
    form = ReportForm
    scope_column = "unit_id"
    scoped_choices = {"unit": "unit"}
    column_list = ("session", "unit", "submitted_at", "late", "submitted_by")
    column_details_list = (
        "session",
        "unit",
        "done",
        "planned",
        "proposals",
        "submitted_at",
        "late",
        "submitted_by",
        "updated_at",
    )
    column_labels = {
        "session": _l("Session"),
        "unit": _l("Unit"),
        "done": _l("Done last week"),
        "planned": _l("Planned for next week"),
        "proposals": _l("Proposals"),
        "submitted_at": _l("Sent"),
        "late": _l("Late"),
        "submitted_by": _l("Sent by"),
        "updated_at": _l("Changed"),
    }
    column_formatters = {
        "session": lambda v, c, report, n: report.session.meeting.title,
        "submitted_at": lambda v, c, report, n: local_time(report.submitted_at),
        "updated_at": lambda v, c, report, n: local_time(report.updated_at),
    }
    column_formatters_detail = column_formatters
    column_searchable_list = ("done", "planned", "proposals")
    column_filters = ("late",)
    column_default_sort = ("submitted_at", True)
    can_view_details = True
    can_delete_default = False

    def __init__(self) -> None:
        super().__init__(
            BriefingReport,
            name=_l("Briefing reports"),
            endpoint="meetings_briefing_report",
            category=CATEGORY,
        )

    def get_query(self) -> Any:
        return (
            super()
            .get_query()
            .options(
                joinedload(BriefingReport.session).joinedload(BriefingSession.meeting),
                joinedload(BriefingReport.unit),
                joinedload(BriefingReport.submitted_by),
            )
        )

    def create_form(self, obj: Any = None) -> Any:
        """The form, opened from a request or reminder, names the session and the unit."""
        form = super().create_form(obj)
        if request.method == "GET":
            form.session.data = db.session.get(
                BriefingSession, request.args.get("session_id", type=int) or 0
            )
            unit_id = request.args.get("unit_id", type=int)
            form.unit.data = next((u for u in form.unit.query_factory() if u.id == unit_id), None)
        return form

    def edit_form(self, obj: Any = None) -> Any:
        """Once sent, a report stays the unit's report for its session: only its texts change."""
        form = super().edit_form(obj)
        del form.session
        del form.unit
        return form

    def create_model(self, form: Any) -> Any:
        def save() -> BriefingReport:
            unit = form.unit.data
            self.require_manage(unit.id if unit else None)
            if form.session.data is None or unit is None:
                raise services.BriefingError(_("Session and unit: choose both."))
            return reports.submit_report(
                db.session,
                form.session.data,
                unit.id,
                by=_user(),
                done=form.done.data or "",
                planned=form.planned.data or "",
                proposals=form.proposals.data or "",
            )

        return saved(save) or False

    def update_model(self, form: Any, model: BriefingReport) -> bool:
        return (
            saved(
                lambda: reports.update_report(
                    db.session,
                    model,
                    by=_user(),
                    done=form.done.data or "",
                    planned=form.planned.data or "",
                    proposals=form.proposals.data or "",
                )
            )
            is not None
        )
