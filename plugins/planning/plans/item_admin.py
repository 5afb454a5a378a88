"""Back-office pages of plan items: the list (filtered by plan, lead unit, source), the form that
adds or edits a draft plan's item, cascading an item into a lower plan, and reporting the
progress of an item nothing rolls up into. Every change goes through the services."""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from core.admin import ModelView, expose
from core.db import db
from plugins.planning.plans import items
from plugins.planning.plans.access import visible_plans
from plugins.planning.plans.admin import progress_bar, run
from plugins.planning.plans.labels import SOURCE_LABELS
from plugins.planning.plans.models import Plan, PlanItem, PlanStatus
from plugins.planning.plans.rules import PlanError

SOURCE_CHOICES = [("", "—"), *SOURCE_LABELS.items()]


def _progress_column(view: Any, context: Any, model: PlanItem, name: str) -> Any:
    return progress_bar(model.progress)


def _draft_plans() -> list[Plan]:
    """Plans an item may be added to: the drafts the user sees."""
    return list(
        db.session.scalars(
            select(Plan)
            .where(Plan.status == PlanStatus.DRAFT.value, *visible_plans(current_user))
            .order_by(Plan.year.desc(), Plan.level, Plan.number, Plan.title)
            .limit(500)
        )
    )


class PlanItemView(ModelView):
    """Items of the plans the user may see; a draft's items are added and edited here."""

    permission = "planning.plan"
    column_list = ("plan", "position", "title", "lead_unit", "timing", "due_on", "progress")
    column_labels = {
        "plan": _l("Plan"),
        "parent": _l("Cascades from"),
        "position": _l("No."),
        "title": _l("Item"),
        "description": _l("Description"),
        "lead_unit": _l("Lead unit"),
        "timing": _l("When"),
        "due_on": _l("Deadline"),
        "source_kind": _l("Source"),
        "source_number": _l("Source number"),
        "source_text": _l("Source text"),
        "weight": _l("Weight"),
        "progress": _l("Progress"),
    }
    column_descriptions = {
        "parent": _l("An item of the plan this item's plan cascades from."),
        "timing": _l("e.g. Quý II, Cả năm."),
        "source_number": _l("e.g. 12/TB-SNV."),
        "weight": _l("How much the item counts in the item it cascades from (1–100)."),
    }
    column_formatters = {"progress": _progress_column}
    column_choices = {"source_kind": SOURCE_CHOICES}
    column_filters = ("plan.title", "lead_unit.name", "source_kind", "due_on")
    column_searchable_list = ("title", "source_number", "source_text")
    column_sortable_list = ("position", "title", "due_on", "progress")
    column_default_sort = [("plan_id", True), ("position", False)]
    form_columns = (
        "plan",
        "parent",
        "position",
        "title",
        "description",
        "lead_unit",
        "timing",
        "due_on",
        "source_kind",
        "source_number",
        "source_text",
        "weight",
    )
    form_choices = {"source_kind": SOURCE_CHOICES}
    form_args = {"plan": {"query_factory": lambda: _draft_plans()}}
    form_ajax_refs = {"parent": {"fields": ("title",), "page_size": 20}}

    def __init__(self) -> None:
        super().__init__(PlanItem, name=_l("Plan items"), endpoint="planning_plan_item")

    def scope(self, query: Any, paths: set[str]) -> Any:
        return query.filter(
            PlanItem.plan_id.in_(select(Plan.id).where(*visible_plans(current_user)))
        )

    def required_permission(self, name: str | None = None) -> str:
        if name == "progress_view":  # a lead unit reports; the services judge the item
            return "planning.plan.view"
        return super().required_permission(name)

    def create_form(self, obj: Any = None) -> Any:
        form = super().create_form(obj)
        wanted = request.args.get("plan_id", type=int)
        if wanted and request.method == "GET":
            form.plan.data = db.session.get(Plan, wanted)
        return form

    # -- saving through the services -------------------------------------------------------

    def _fields(self, form: Any) -> dict[str, Any]:
        # No position (or 0) on a new item: the next one of its plan.
        fields = {"position": form.position.data} if form.position.data else {}
        return fields | {
            "parent_id": form.parent.data.id if form.parent.data else None,
            "title": form.title.data or "",
            "description": form.description.data or "",
            "lead_unit_id": form.lead_unit.data.id if form.lead_unit.data else None,
            "timing": form.timing.data or "",
            "due_on": form.due_on.data,
            "source_kind": form.source_kind.data or "",
            "source_number": form.source_number.data or "",
            "source_text": form.source_text.data or "",
            "weight": form.weight.data or 1,
        }

    def create_model(self, form: Any) -> Any:
        plan = form.plan.data
        if plan is None:
            form.plan.errors = [*form.plan.errors, _("Choose the plan.")]
            return False
        by = current_user._get_current_object()
        created: list[PlanItem] = []
        done = run(
            lambda: created.append(items.add_item(db.session, plan, by=by, **self._fields(form))),
            _("Item added."),
        )
        return created[0] if done else False

    def update_model(self, form: Any, model: PlanItem) -> bool:
        if form.plan.data is not None and form.plan.data.id != model.plan_id:
            form.plan.errors = [*form.plan.errors, _("An item stays in its plan.")]
            return False
        by = current_user._get_current_object()
        return run(
            lambda: items.edit_item(db.session, model, self._fields(form), by=by),
            _("Item saved."),
        )

    def delete_model(self, model: PlanItem) -> bool:
        by = current_user._get_current_object()
        return run(lambda: items.delete_item(db.session, model, by=by), _("Item deleted."))

    # -- cascading and progress ------------------------------------------------------------

    @expose("/cascade/", methods=["POST"])
    def cascade_view(self) -> Any:
        """Carry the item down into a lower draft plan."""
        item = self._posted_item()
        into = db.session.scalar(
            select(Plan).where(
                Plan.id == (request.form.get("plan_id", type=int) or 0),
                *visible_plans(current_user),
            )
        )
        by = current_user._get_current_object()
        if into is None:
            run(lambda: _no_plan(), "")
        else:
            run(
                lambda: items.cascade_item(db.session, item, into, by=by),
                _("Item cascaded into %(plan)s.", plan=into.title),
            )
        return redirect(url_for("planning_plan.details_view", id=item.plan_id), code=303)

    @expose("/progress/", methods=["POST"])
    def progress_view(self) -> Any:
        """Report by hand the progress of an item nothing rolls up into."""
        item = self._posted_item()
        value = request.form.get("progress", type=int)
        by = current_user._get_current_object()
        run(
            lambda: items.report_item_progress(
                db.session, item, value if value is not None else -1, by=by
            ),
            _("Progress reported."),
        )
        return redirect(url_for("planning_plan.details_view", id=item.plan_id), code=303)

    def _posted_item(self) -> PlanItem:
        if not FlaskForm().validate_on_submit():
            abort(400)
        item = self.get_one(request.form.get("id", ""))
        if item is None:
            abort(404)
        return item


def _no_plan() -> None:
    raise PlanError(_("Plan: no such plan, or not one you may see."), field="plan_id")
