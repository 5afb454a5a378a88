"""The units' back-office page of the reporting regime: their submissions, and the form a
unit submits (or corrects) its report through until the period is consolidated."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.exc import StaleDataError

from core.admin import ModelView, expose
from core.db import db
from core.i18n import agency_today
from plugins.planning.reports import forms, services
from plugins.planning.reports.labels import SUBMISSION_STATUSES, choices, time_column
from plugins.planning.reports.models import ReportPeriod, ReportSubmission


def _submission_period(view: Any, context: Any, model: ReportSubmission, name: str) -> Markup:
    url = url_for(".submit", id=model.id)
    due = model.period.due_on.strftime("%d/%m/%Y")
    return Markup('<a href="{}">{}</a> <small class="text-muted">{}</small>').format(
        url, str(model.period), _("due %(day)s", day=due)
    )


def _submission_status(view: Any, context: Any, model: ReportSubmission, name: str) -> Markup:
    label = str(SUBMISSION_STATUSES.get(model.status, model.status))
    if services.is_overdue(model, agency_today()):
        return Markup('{} <span class="badge badge-danger">{}</span>').format(label, _("late"))
    return Markup("{}").format(label)


class SubmissionView(ModelView):
    """The submissions of the user's units (every unit's for the office); each opens the
    form the unit submits through."""

    permission = "planning.report_submission"
    scope_column = "unit_id"
    column_list = ("period", "unit", "status", "submitted_at", "submitted_by")
    column_labels = {
        "period": _l("Report"),
        "unit": _l("Unit"),
        "status": _l("Status"),
        "submitted_at": _l("Submitted at"),
        "submitted_by": _l("Submitted by"),
    }
    column_formatters = {
        "period": _submission_period,
        "status": _submission_status,
        "submitted_at": time_column,
    }
    column_choices = {"status": choices(SUBMISSION_STATUSES)}
    column_filters = ("status", "unit.name")
    column_sortable_list = ("status", "submitted_at")
    column_default_sort = ("id", True)
    can_create_default = False
    can_edit_default = False
    can_delete_default = False

    def __init__(self) -> None:
        super().__init__(
            ReportSubmission, name=_l("Report submissions"), endpoint="planning_report_submission"
        )

    def get_query(self) -> Any:
        return (
            super()
            .get_query()
            .options(joinedload(ReportSubmission.period).joinedload(ReportPeriod.type))
        )

    @expose("/submit/<id>/", methods=("GET", "POST"))
    def submit(self, id: str) -> Any:
        """A unit's report for a period: its figures and text, submitted or corrected until
        the period is consolidated."""
        submission = self.get_one(id)
        if submission is None:
            abort(404)
        period = submission.period
        template = list(period.fields or [])
        data = None if request.method == "POST" else forms.form_data(submission)
        form = forms.submission_form(template, data)
        posted = request.method == "POST" and form.validate_on_submit()
        if posted and self._save(submission, form, template):
            return redirect(url_for(".submit", id=submission.id), code=303)
        may_submit = not period.consolidated and current_user.can(
            services.SUBMIT, submission.unit_id
        )
        return self.render(
            "planning/reports/submit.html",
            submission=submission,
            period=period,
            form=form,
            inputs=forms.figure_inputs(form),
            may_submit=may_submit,
            statuses=SUBMISSION_STATUSES,
            overdue=services.is_overdue(submission, agency_today()),
        )

    def _save(self, submission: ReportSubmission, form: Any, template: list[dict]) -> bool:
        if str(submission.version) != (form.version.data or ""):
            flash(forms.refusal(StaleDataError()), "error")
            return False
        try:
            services.submit(
                db.session,
                submission,
                forms.figures_from(form, template),
                form.text.data or "",
                by=current_user._get_current_object(),
            )
            db.session.commit()
        except forms.REFUSED as exc:
            db.session.rollback()
            forms.show_error(form, exc)
            return False
        flash(_("Report submitted."), "success")
        return True
