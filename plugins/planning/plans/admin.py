"""Back-office pages of plans: the list with its filters, each plan's page with its item tree and
progress bars, and the status actions (approve, send back, publish, issue a number). Every
change goes through the services; a refusal is shown, and nothing is saved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from core.admin import ModelView, expose
from core.db import db
from core.errors import VanPhongError
from core.i18n import agency_today
from core.identity.access import scope_paths
from core.registry.models import Register, RegisterKind
from plugins.planning.plans import services
from plugins.planning.plans.access import APPROVE, MANAGE, NUMBER, may, visible_plans
from plugins.planning.plans.labels import KIND_LABELS, LEVEL_LABELS, STATUS_LABELS
from plugins.planning.plans.models import Plan, PlanItem, PlanStatus
from plugins.planning.plans.rules import PlanError
from plugins.planning.plans.tree import item_tree

KIND_CHOICES = list(KIND_LABELS.items())
LEVEL_CHOICES = list(LEVEL_LABELS.items())
STATUS_CHOICES = list(STATUS_LABELS.items())
#: Actions a plan's page posts, and the permission each needs (the services check the unit).
ACTIONS = {"approve": APPROVE, "send_back": APPROVE, "publish": MANAGE, "issue": MANAGE}


def progress_bar(value: int | None) -> Markup:
    """A Bootstrap progress bar with the percentage written on it."""
    percent = max(0, min(100, int(value or 0)))
    return Markup(
        '<div class="progress" style="min-width:6rem" title="{0}%">'
        '<div class="progress-bar" role="progressbar" style="width:{0}%" aria-valuenow="{0}" '
        'aria-valuemin="0" aria-valuemax="100">{0}%</div></div>'
    ).format(percent)


def _progress_column(view: Any, context: Any, model: Plan, name: str) -> Markup:
    return progress_bar(model.progress)


def _period_column(view: Any, context: Any, model: Plan, name: str) -> str:
    return model.period_label


def _title_column(view: Any, context: Any, model: Plan, name: str) -> Markup:
    link = url_for(".details_view", id=model.id)
    return Markup('<a href="{}">{}</a>').format(link, model.title)


def run(change: Callable[[], Any], done: str) -> bool:
    """Run a service call and commit; on a refusal, roll back and show why."""
    try:
        change()
        db.session.commit()
    except (VanPhongError, StaleDataError, IntegrityError) as exc:
        db.session.rollback()
        flash(refusal(exc), "error")
        return False
    flash(done, "success")
    return True


def refusal(exc: Exception) -> str:
    if isinstance(exc, StaleDataError):
        return _("Someone else changed this plan meanwhile; look at it again.")
    if isinstance(exc, IntegrityError):
        return _("The agency or this unit already has a work programme for this period.")
    return str(exc)


class PlanView(ModelView):
    """Programmes and plans the user may see; drafts are edited here, and each plan's page
    approves, publishes and issues it."""

    permission = "planning.plan"
    column_list = ("title", "kind", "level", "year", "period", "unit", "status", "progress")
    column_labels = {
        "title": _l("Title"),
        "kind": _l("Kind"),
        "level": _l("Level"),
        "year": _l("Year"),
        "number": _l("Period number"),
        "period": _l("Period"),
        "unit": _l("Unit"),
        "parent": _l("Cascades from"),
        "status": _l("Status"),
        "progress": _l("Progress"),
        "description": _l("Description"),
        "document_symbol": _l("Number and symbol"),
    }
    column_descriptions = {
        "unit": _l("Empty: the agency's plan."),
        "number": _l("The half (1–2), quarter (1–4), month (1–12) or ISO week; 1 for a year."),
        "parent": _l("The higher plan this one carries out."),
    }
    column_formatters = {
        "title": _title_column,
        "period": _period_column,
        "progress": _progress_column,
    }
    column_choices = {"kind": KIND_CHOICES, "level": LEVEL_CHOICES, "status": STATUS_CHOICES}
    column_filters = ("kind", "level", "year", "status", "unit.name")
    column_searchable_list = ("title", "document_symbol")
    column_sortable_list = ("title", "year", "status")
    column_default_sort = [("year", True), ("id", False)]
    form_columns = ("title", "kind", "level", "year", "number", "unit", "parent", "description")
    form_choices = {"kind": KIND_CHOICES, "level": LEVEL_CHOICES}
    form_args = {"parent": {"query_factory": lambda: _plans_to_follow()}}
    scoped_choices = {"unit": "unit"}
    can_view_details = True
    details_template = "planning/plans/plan_details.html"

    def __init__(self) -> None:
        super().__init__(Plan, name=_l("Plans"), endpoint="planning_plan")

    def scope(self, query: Any, paths: set[str]) -> Any:
        return query.filter(*visible_plans(current_user))

    def required_permission(self, name: str | None = None) -> str:
        if name == "act":
            return ACTIONS.get(request.form.get("action", ""), MANAGE)
        return super().required_permission(name)

    # -- saving through the services -------------------------------------------------------

    def _fields(self, form: Any) -> dict[str, Any]:
        return {
            "title": form.title.data or "",
            "kind": form.kind.data,
            "level": form.level.data,
            "year": form.year.data,
            "number": form.number.data or 1,
            "unit_id": form.unit.data.id if form.unit.data else None,
            "parent_id": form.parent.data.id if form.parent.data else None,
            "description": form.description.data or "",
        }

    def create_model(self, form: Any) -> Any:
        by = current_user._get_current_object()
        created: list[Plan] = []
        done = run(
            lambda: created.append(services.create_plan(db.session, by=by, **self._fields(form))),
            _("Plan created as a draft; add its items."),
        )
        return created[0] if done else False

    def update_model(self, form: Any, model: Plan) -> bool:
        by = current_user._get_current_object()
        return run(
            lambda: services.edit_plan(db.session, model, self._fields(form), by=by),
            _("Plan saved."),
        )

    def delete_model(self, model: Plan) -> bool:
        by = current_user._get_current_object()
        return run(lambda: services.delete_plan(db.session, model, by=by), _("Plan deleted."))

    # -- the plan's page -------------------------------------------------------------------

    @expose("/details/")
    def details_view(self) -> Any:
        plan = self._plan(request.args.get("id", ""))
        user = current_user._get_current_object()
        lower = db.session.scalars(
            select(Plan)
            .where(Plan.parent_id == plan.id, *visible_plans(user))
            .order_by(Plan.year, Plan.number, Plan.id)
        ).all()
        return self.render(
            self.details_template,
            plan=plan,
            tree=item_tree(db.session, plan, user),
            lower=lower,
            drafts_below=[p for p in lower if p.status == PlanStatus.DRAFT.value],
            may_manage=may(user, MANAGE, plan.unit_id),
            may_report=_reporter(user, may(user, MANAGE, plan.unit_id)),
            may_approve=may(user, APPROVE, plan.unit_id),
            may_number=may(user, NUMBER, plan.unit_id),
            registers=_registers(),
            today=agency_today(),
            form=FlaskForm(),
            labels={"kind": KIND_LABELS, "level": LEVEL_LABELS, "status": STATUS_LABELS},
            progress_bar=progress_bar,
        )

    @expose("/act/", methods=["POST"])
    def act(self) -> Any:
        """Approve, send back, publish or issue the plan named by the form."""
        if not FlaskForm().validate_on_submit():
            abort(400)
        plan = self._plan(request.form.get("id", ""))
        by = current_user._get_current_object()
        action = request.form.get("action", "")
        form = request.form
        if action == "approve":
            run(lambda: services.approve(db.session, plan, by=by), _("Plan approved."))
        elif action == "send_back":
            run(
                lambda: services.return_to_draft(
                    db.session, plan, reason=form.get("reason", ""), by=by
                ),
                _("Plan sent back to draft."),
            )
        elif action == "publish":
            run(lambda: services.publish(db.session, plan, by=by), _("Plan published."))
        elif action == "issue":
            run(lambda: _issue(plan, form, by), _("Plan issued with its number."))
        else:
            abort(400)
        return redirect(url_for(".details_view", id=plan.id), code=303)

    def _plan(self, id: str) -> Plan:
        plan = self.get_one(id) if id else None
        if plan is None:
            abort(404)
        return plan


def _issue(plan: Plan, form: Any, by: Any) -> None:
    try:
        signed_on = date.fromisoformat(form.get("signed_on", ""))
    except ValueError:
        raise PlanError(_("Signing date: a date such as 2026-03-05."), field="signed_on") from None
    register_id = form.get("register_id", type=int)
    services.issue(
        db.session,
        plan,
        signed_on=signed_on,
        signer=form.get("signer", ""),
        recipients=form.get("recipients", ""),
        register_id=register_id or None,
        by=by,
    )


def _reporter(user: Any, manages_plan: bool) -> Callable[[PlanItem], bool]:
    """Whether ``user`` may report an item's progress by hand: the plan's editors, or those
    managing the item's lead unit (read from the loaded unit, without a query per item)."""
    paths = scope_paths(user, MANAGE)

    def may_report(item: PlanItem) -> bool:
        unit = item.lead_unit
        return (
            manages_plan
            or paths is None
            or (unit is not None and any(unit.path.startswith(p) for p in paths))
        )

    return may_report


def _plans_to_follow() -> list[Plan]:
    """Plans a new plan may cascade from: the higher plans the user sees, newest first."""
    return list(
        db.session.scalars(
            select(Plan)
            .where(Plan.level != "week", *visible_plans(current_user))
            .order_by(Plan.year.desc(), Plan.level, Plan.number, Plan.title)
            .limit(500)
        )
    )


def _registers() -> list[Register]:
    return list(
        db.session.scalars(
            select(Register)
            .where(Register.active, Register.kind == RegisterKind.ORDINARY.value)
            .order_by(Register.name)
        )
    )
