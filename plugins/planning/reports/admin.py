"""The office's back-office pages of the reporting regime: report types, and periods, each
with its page of per-unit status, consolidated report, Excel export and BC number. The units'
page is in :mod:`admin_submissions`. Every change goes through the services."""

from __future__ import annotations

import io
from typing import Any

from flask import abort, flash, redirect, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup
from sqlalchemy import select
from wtforms import TextAreaField

from core.admin import ModelView, expose
from core.db import db
from core.i18n import agency_today
from plugins.planning.reports import consolidation, forms, services
from plugins.planning.reports.admin_submissions import SubmissionView
from plugins.planning.reports.labels import (
    PERIOD_KINDS,
    PERIOD_STATUSES,
    SUBMISSION_STATUSES,
    choices,
    day_column,
    label_column,
)
from plugins.planning.reports.models import ReportPeriod, ReportType

MANAGE_PERIODS = "planning.report_period.manage"


class ReportTypeView(ModelView):
    """Report types: period, cut-off and due days, responsible units and the template."""

    permission = "planning.report_type"
    column_list = ("code", "name", "period", "cutoff_day", "due_days", "active")
    column_details_list = (
        "code",
        "name",
        "period",
        "cutoff_day",
        "due_days",
        "units",
        "fields",
        "description",
        "active",
    )
    column_labels = {
        "code": _l("Code"),
        "name": _l("Name"),
        "period": _l("Period"),
        "cutoff_day": _l("Cut-off day"),
        "due_days": _l("Due (days after the cut-off)"),
        "units": _l("Responsible units"),
        "fields": _l("Figures"),
        "template": _l("Figures"),
        "description": _l("Description"),
        "active": _l("Active"),
    }
    column_descriptions = {
        "cutoff_day": _l(
            "The day of the period's last month the figures are cut off on (a shorter month: "
            "its last day); for a weekly report the weekday, 1 = Monday."
        ),
        "due_days": _l("0: due on the cut-off day."),
    }
    column_formatters = {"period": label_column(PERIOD_KINDS)}
    column_formatters_detail = {
        "period": label_column(PERIOD_KINDS),
        "fields": lambda v, c, m, n: forms.template_lines(m.fields),
    }
    column_choices = {"period": choices(PERIOD_KINDS)}
    form_choices = {"period": choices(PERIOD_KINDS)}
    column_searchable_list = ("code", "name")
    column_filters = ("period", "active")
    column_default_sort = "code"
    form_columns = (
        "code",
        "name",
        "period",
        "cutoff_day",
        "due_days",
        "units",
        "template",
        "description",
        "active",
    )
    form_extra_fields = {
        "template": TextAreaField(_l("Figures"), description=forms.TEMPLATE_HELP),
    }
    form_widget_args = {"template": {"rows": 8}}
    can_delete_default = False
    can_view_details = True

    def __init__(self) -> None:
        super().__init__(ReportType, name=_l("Report types"), endpoint="planning_report_type")

    def on_form_prefill(self, form: Any, id: Any) -> None:
        model = self.get_one(id)
        if model is not None:
            form.template.data = forms.template_lines(model.fields)

    def on_model_change(self, form: Any, model: ReportType, is_created: bool) -> None:
        template = forms.parse_template_lines(form.template.data)
        services.save_type(db.session, model, fields=template)


def _period_link(view: Any, context: Any, model: ReportPeriod, name: str) -> Markup:
    url = url_for(".report", id=model.id)
    return Markup('<a href="{}">{}</a>').format(url, model.key)


def _submitted(view: Any, context: Any, model: ReportPeriod, name: str) -> str:
    return f"{model.submitted_count}/{model.unit_count}"


class ReportPeriodView(ModelView):
    """Periods, newest first, with how many units submitted; each opens its page."""

    permission = "planning.report_period"
    column_list = (
        "type",
        "key",
        "starts_on",
        "ends_on",
        "cutoff_on",
        "due_on",
        "submitted_count",
        "status",
        "document_symbol",
    )
    column_labels = {
        "type": _l("Report type"),
        "key": _l("Period"),
        "starts_on": _l("From"),
        "ends_on": _l("To"),
        "cutoff_on": _l("Figures cut off"),
        "due_on": _l("Due"),
        "submitted_count": _l("Submitted"),
        "status": _l("Status"),
        "document_symbol": _l("Number and symbol"),
    }
    column_formatters = {
        "key": _period_link,
        "starts_on": day_column,
        "ends_on": day_column,
        "cutoff_on": day_column,
        "due_on": day_column,
        "submitted_count": _submitted,
        "status": label_column(PERIOD_STATUSES),
    }
    column_choices = {"status": choices(PERIOD_STATUSES)}
    column_filters = ("status", "type.name")
    column_searchable_list = ("key",)
    column_default_sort = ("starts_on", True)
    column_sortable_list = ("key", "starts_on", "due_on", "status")
    form_columns = ("type", "key")
    form_args = {
        "type": {"query_factory": lambda: _active_types()},
        "key": {"description": _l("2026-W48, 2026-11, 2026-Q4, 2026-H2 or 2026.")},
    }
    can_edit_default = False
    can_delete_default = False

    def __init__(self) -> None:
        super().__init__(ReportPeriod, name=_l("Report periods"), endpoint="planning_report_period")

    def required_permission(self, name: str | None = None) -> str:
        if name in ("consolidate", "issue"):
            return MANAGE_PERIODS
        return super().required_permission(name)

    def create_model(self, form: Any) -> Any:
        """Open the period through the services (a pending submission per unit)."""
        try:
            period = services.open_period(db.session, form.type.data, form.key.data or "")
            db.session.commit()
        except forms.REFUSED as exc:
            db.session.rollback()
            flash(forms.refusal(exc), "error")
            return False
        return period

    def _period(self, id: str) -> ReportPeriod:
        period = self.get_one(id)
        if period is None:
            abort(404)
        return period

    @expose("/report/<id>/")
    def report(self, id: str) -> Any:
        period = self._period(id)
        form = forms.IssueForm(data={"signed_on": agency_today()})
        return self._render_report(period, form)

    def _render_report(self, period: ReportPeriod, form: Any) -> Any:
        return self.render(
            "planning/reports/period.html",
            period=period,
            report=consolidation.summarize(db.session, period),
            form=form,
            action_form=FlaskForm(),
            may_manage=self.permits(MANAGE_PERIODS),
            statuses=SUBMISSION_STATUSES,
            period_statuses=PERIOD_STATUSES,
            today=agency_today(),
        )

    @expose("/consolidate/<id>/", methods=("POST",))
    def consolidate(self, id: str) -> Any:
        period = self._period(id)
        if not FlaskForm().validate_on_submit():
            abort(400)
        try:
            consolidation.consolidate(db.session, period, by=current_user._get_current_object())
            db.session.commit()
        except forms.REFUSED as exc:
            db.session.rollback()
            flash(forms.refusal(exc), "error")
        else:
            flash(_("%(period)s is consolidated.", period=str(period)), "success")
        return redirect(url_for(".report", id=period.id), code=303)

    @expose("/issue/<id>/", methods=("POST",))
    def issue(self, id: str) -> Any:
        period = self._period(id)
        form = forms.IssueForm()
        if form.validate_on_submit():
            try:
                document = consolidation.issue_report(
                    db.session,
                    period,
                    form.signed_on.data,
                    signer=form.signer.data or "",
                    summary=form.summary.data or None,
                    by=current_user._get_current_object(),
                )
                db.session.commit()
            except forms.REFUSED as exc:
                db.session.rollback()
                flash(forms.refusal(exc), "error")
            else:
                flash(_("Number %(symbol)s issued.", symbol=document.symbol), "success")
                return redirect(url_for(".report", id=period.id), code=303)
        return self._render_report(period, form)

    @expose("/workbook/<id>/")
    def workbook(self, id: str) -> Any:
        """The period's consolidated report as an Excel workbook."""
        from plugins.planning.reports.export import XLSX, report_workbook  # openpyxl is slow

        period = self._period(id)
        content = report_workbook(consolidation.summarize(db.session, period))
        return send_file(
            io.BytesIO(content),
            mimetype=XLSX,
            as_attachment=True,
            download_name=f"bao-cao-{period.type.code}-{period.key}.xlsx",
        )


def _active_types() -> list[ReportType]:
    query = select(ReportType).where(ReportType.active).order_by(ReportType.name)
    return list(db.session.scalars(query))


def admin_views() -> list[ModelView]:
    """The reporting regime's pages, new for each app."""
    return [SubmissionView(), ReportPeriodView(), ReportTypeView()]
