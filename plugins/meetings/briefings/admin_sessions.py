"""The sessions of briefings in the back office: the list, and the secretary's page of a
session — each unit's report (sent, late, missing), the previous session's conclusions with
their current status, the minutes as pre-filling would write them, and the buttons that
pre-fill the minutes and remind the units that have not reported."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.orm import joinedload

from core.admin import ModelView, expose
from core.db import db
from core.identity.access import scope_paths
from plugins.meetings.briefings import notices, reports
from plugins.meetings.briefings.access import MANAGE, REPORT_MANAGE, REPORT_VIEW
from plugins.meetings.briefings.admin import CATEGORY, local_time, saved
from plugins.meetings.briefings.followup import follow_ups
from plugins.meetings.briefings.minutes import draft_sections, prefill_minutes, status_text
from plugins.meetings.briefings.models import BriefingSession
from plugins.meetings.meetings.notifications import meeting_link
from plugins.meetings.meetings.rules import status_label


class SessionView(ModelView):
    """Every session of every series, newest first; its page is the secretary's view."""

    permission = "meetings.briefing"
    column_list = ("series", "title", "starts_at", "status", "report_due_at")
    column_labels = {
        "series": _l("Series"),
        "title": _l("Session"),
        "starts_at": _l("Start"),
        "status": _l("Status"),
        "report_due_at": _l("Reports due"),
    }
    column_formatters = {
        "title": lambda v, c, s, n: s.meeting.title,
        "starts_at": lambda v, c, s, n: local_time(s.meeting.starts_at),
        "status": lambda v, c, s, n: status_label(s.meeting.status),
        "report_due_at": lambda v, c, s, n: local_time(s.report_due_at),
    }
    column_sortable_list = ("report_due_at", ("starts_at", "occurrence"))
    column_default_sort = ("occurrence", True)
    details_template = "meetings/briefings/session.html"
    can_view_details = True
    can_create_default = False
    can_edit_default = False
    can_delete_default = False

    def __init__(self) -> None:
        super().__init__(
            BriefingSession,
            name=_l("Briefing sessions"),
            endpoint="meetings_briefing_session",
            category=CATEGORY,
        )

    def get_query(self) -> Any:
        return (
            super()
            .get_query()
            .options(joinedload(BriefingSession.series), joinedload(BriefingSession.meeting))
        )

    def required_permission(self, name: str | None = None) -> str:
        """Pre-filling the minutes is the meeting's secretary's (its rules decide): it needs
        only to see the session."""
        if name == "prefill_view":
            return f"{self.permission}.view"
        return super().required_permission(name)

    def render(self, template: str, **kwargs: Any) -> Any:
        if template == self.details_template:
            kwargs.update(self._page(kwargs["model"]))
        return super().render(template, **kwargs)

    def _page(self, briefing: BriefingSession) -> dict[str, Any]:
        """What the session's page shows besides the session itself."""
        session = db.session
        visible = reports.reports_of(session, briefing, scope_paths(current_user, REPORT_VIEW))
        sent = {r.unit_id: r for r in reports.reports_of(session, briefing)}
        return {
            "meeting": briefing.meeting,
            "units": [(unit, sent.get(unit.id)) for unit in briefing.series.units],
            "reports": visible,
            "follow_ups": follow_ups(session, briefing),
            "sections": draft_sections(session, briefing),
            "status_text": status_text,
            "status_label": status_label,
            "meeting_link": meeting_link,
            "local": local_time,
            "form": FlaskForm(),
            "may_manage": current_user.can(MANAGE),
            "may_report": current_user.can(REPORT_MANAGE),
        }

    def _briefing(self, id: str) -> BriefingSession:
        found = self.get_one(id)
        if found is None:
            abort(404)
        return found

    @expose("/<id>/prefill", methods=["POST"])
    def prefill_view(self, id: str) -> Any:
        """Pre-fill the meeting's minutes (once it is held; by its secretary or the office)."""
        if not FlaskForm().validate_on_submit():
            abort(400)
        briefing = self._briefing(id)
        by = current_user._get_current_object()
        if saved(lambda: prefill_minutes(db.session, briefing, by=by)) is not None:
            flash(
                _("The minutes are pre-filled; complete them in the meeting's dossier."), "success"
            )
        return redirect(url_for(".details_view", id=briefing.id), code=303)

    @expose("/<id>/remind", methods=["POST"])
    def remind_view(self, id: str) -> Any:
        """Remind now the units that have not sent their report."""
        if not FlaskForm().validate_on_submit():
            abort(400)
        briefing = self._briefing(id)
        missing = reports.missing_units(db.session, briefing)
        told = saved(lambda: notices.remind(db.session, briefing, missing))
        if told is not None:
            flash(_("%(n)d people reminded.", n=told), "success")
        return redirect(url_for(".details_view", id=briefing.id), code=303)
