"""Back-office pages of tasks: the list (filters, search, record rules), assigning and editing,
the task's page with its progress history, extension requests and the forms to act on it, and
"my tasks" for everyone. Every change goes through the services."""

from __future__ import annotations

from typing import Any

from flask import flash, request
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from core.admin import ModelView
from core.db import db
from core.errors import VanPhongError
from plugins.planning.tasks import services
from plugins.planning.tasks.forms import TaskEditForm, TaskForm, active_units, active_users
from plugins.planning.tasks.models import Task, TaskStatus, TaskUpdate
from plugins.planning.tasks.rules import (
    EVENT_LABELS,
    PRIORITY_LABELS,
    STATUS_LABELS,
    day_text,
    is_lead,
    manages,
    visible,
)

CATEGORY = _l("Tasks")
STATUS_CHOICES = [(s.value, STATUS_LABELS[s.value]) for s in TaskStatus]
PRIORITY_CHOICES = list(PRIORITY_LABELS.items())
#: What a change from a page may run into: a rule, or someone saving the same task meanwhile.
REFUSED = (VanPhongError, StaleDataError)


def refusal(exc: Exception) -> str:
    if isinstance(exc, StaleDataError):
        return _("Someone else changed this task meanwhile; look at it again.")
    return str(exc)


def _day(view: Any, context: Any, model: Any, name: str) -> str:
    return day_text(getattr(model, name))


def _progress(view: Any, context: Any, model: Task, name: str) -> str:
    return f"{model.progress} %"


class TaskView(ModelView):
    """Every task the user may see; assigning and editing need planning.task.manage."""

    permission = "planning.task"
    column_list = ("title", "lead_name", "deadline", "status", "progress", "priority", "assigner")
    column_details_list = (
        "title",
        "description",
        "expected_result",
        "lead_name",
        "assigner",
        "assigned_on",
        "due_on",
        "deadline",
        "status",
        "progress",
        "completed_on",
        "priority",
        "cites",
        "source_url",
        "return_reason",
    )
    column_labels = {
        "title": _l("Title"),
        "description": _l("Description"),
        "expected_result": _l("Expected result"),
        "lead_name": _l("Lead"),
        "lead_unit": _l("Lead unit"),
        "lead_unit.name": _l("Lead unit"),
        "assigner": _l("Assigned by"),
        "assigned_on": _l("Assigned on"),
        "due_on": _l("First deadline"),
        "deadline": _l("Deadline"),
        "status": _l("Status"),
        "progress": _l("Progress"),
        "completed_on": _l("Completed on"),
        "priority": _l("Priority"),
        "cites": _l("Source"),
        "source": _l("From"),
        "source_url": _l("Source link"),
        "return_reason": _l("Returned because"),
    }
    column_formatters = {
        "deadline": _day,
        "due_on": _day,
        "assigned_on": _day,
        "completed_on": _day,
        "progress": _progress,
    }
    column_formatters_detail = column_formatters
    column_choices = {"status": STATUS_CHOICES, "priority": PRIORITY_CHOICES}
    column_filters = ("status", "priority", "deadline", "due_on", "lead_unit.name", "source")
    column_searchable_list = ("title", "description", "cites")
    column_sortable_list = ("title", "deadline", "status", "progress", "priority")
    column_default_sort = ("deadline", False)
    form = TaskForm
    can_delete_default = False
    can_view_details = True
    details_template = "planning/tasks/details.html"

    def __init__(self) -> None:
        super().__init__(Task, name=_l("All tasks"), endpoint="planning_task", category=CATEGORY)

    # -- reading ---------------------------------------------------------------------------

    def scope(self, query: Any, paths: set[str]) -> Any:
        return query.filter(visible(paths))

    def get_query(self) -> Any:
        return super().get_query().options(joinedload(Task.lead_unit), joinedload(Task.lead_user))

    def render(self, template: str, **kwargs: Any) -> Any:
        """The task's page also shows its history and the forms the user may use."""
        if template == self.details_template and "model" in kwargs:
            kwargs.update(self._page_of(kwargs["model"]))
        return super().render(template, **kwargs)

    def _page_of(self, task: Task) -> dict[str, Any]:
        me = current_user._get_current_object()
        history = db.session.scalars(
            select(TaskUpdate)
            .options(selectinload(TaskUpdate.attachments), joinedload(TaskUpdate.author))
            .where(TaskUpdate.task_id == task.id)
            .order_by(TaskUpdate.id)
        ).all()
        return {
            "history": history,
            "extensions": task.extensions,
            "supporters": [s.unit for s in task.supporters],
            "form": FlaskForm(),
            "leads": me.can("planning.task.report") and is_lead(db.session, me, task),
            "manages": me.can("planning.task.manage") and manages(me, task),
            "decides": me.can("planning.task.report") and manages(me, task),
            "units": active_units(),
            "users": active_users(),
            "day": day_text,
            "status_label": lambda s: STATUS_LABELS.get(s, s),
            "kind_label": lambda k: EVENT_LABELS.get(k, k),
            "when": lambda at: format_datetime(at, "dd/MM/yyyy HH:mm") if at else "",
        }

    # -- writing ---------------------------------------------------------------------------

    def get_edit_form(self) -> Any:
        return TaskEditForm

    def edit_form(self, obj: Any = None) -> Any:
        form = super().edit_form(obj)
        if obj is not None and request.method == "GET":
            form.supporters.data = [s.unit for s in obj.supporters]
        return form

    def create_model(self, form: Any) -> Any:
        try:
            task = services.create_task(
                db.session,
                title=form.title.data or "",
                description=form.description.data or "",
                expected_result=form.expected_result.data or "",
                priority=form.priority.data,
                lead_unit_id=getattr(form.lead_unit.data, "id", None),
                lead_user_id=getattr(form.lead_user.data, "id", None),
                supporter_unit_ids=[u.id for u in form.supporters.data or []],
                assigned_on=form.assigned_on.data,
                deadline=form.deadline.data,
                working_days=form.working_days.data,
                by=current_user._get_current_object(),
            )
            db.session.commit()
        except REFUSED as exc:
            db.session.rollback()
            flash(refusal(exc), "error")
            return False
        flash(_("Task assigned; its lead is told."), "success")
        return task

    def update_model(self, form: Any, model: Task) -> bool:
        try:
            services.edit_task(
                db.session,
                model,
                {
                    "title": form.title.data or "",
                    "description": form.description.data or "",
                    "expected_result": form.expected_result.data or "",
                    "priority": form.priority.data,
                    "supporter_unit_ids": [u.id for u in form.supporters.data or []],
                },
                by=current_user._get_current_object(),
            )
            db.session.commit()
        except REFUSED as exc:
            db.session.rollback()
            flash(refusal(exc), "error")
            return False
        return True
