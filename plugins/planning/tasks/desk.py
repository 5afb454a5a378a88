"""The user's own desk of tasks ("my tasks"), the acts posted from a task's page (progress with
attachments, completion, return, extension requests and decisions, reassignment, cancelling,
reopening) and attachment downloads. Every act goes through the services, which decide
whether this user may take it on this task."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, flash, redirect, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from core.admin import BaseView, expose
from core.db import db
from core.i18n import agency_today
from core.identity.access import scope_paths
from core.org.models import Membership
from plugins.planning.common import stored_path
from plugins.planning.tasks import extensions, services
from plugins.planning.tasks.admin import CATEGORY, REFUSED, refusal
from plugins.planning.tasks.models import (
    OPEN_STATUSES,
    ExtensionStatus,
    Task,
    TaskAttachment,
    TaskExtension,
    TaskUpdate,
)
from plugins.planning.tasks.rules import REPORT, VIEW, TaskError, day_text, status_label, visible
from plugins.planning.tasks.services import UPLOAD_FOLDER

#: The most tasks a section of the desk lists.
SECTION_SIZE = 200


def _visible_task(task_id: int | None) -> Task:
    """The task ``task_id`` if the signed-in user may see it; 404 otherwise."""
    query = select(Task).where(Task.id == (task_id or 0))
    paths = scope_paths(current_user, VIEW)
    if paths is not None:
        query = query.where(visible(paths))
    task = db.session.scalar(query)
    if task is None:
        abort(404)
    return task


def _day(name: str) -> date | None:
    raw = (request.form.get(name) or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise TaskError(_("%(field)s: a date as YYYY-MM-DD.", field=name), field=name) from None


def _int(name: str) -> int | None:
    raw = (request.form.get(name) or "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise TaskError(_("%(field)s: a whole number.", field=name), field=name)
    return int(raw)


def _percent() -> int:
    """The progress typed (-1 when left empty: the services refuse it, naming the field)."""
    value = _int("progress")
    return -1 if value is None else value


class MyTasksView(BaseView):
    """Tasks the user leads (in person or through their unit), tasks they assigned, and the
    extension requests awaiting their decision."""

    permission = "planning.task"

    def __init__(self) -> None:
        super().__init__(name=_l("My tasks"), endpoint="planning_my_tasks", category=CATEGORY)

    def required_permission(self, name: str | None = None) -> str:
        if request.method in ("GET", "HEAD"):
            return VIEW
        return REPORT  # whether this user may take the act on the task is the services' rule

    @expose("/")
    def index(self) -> Any:
        me = current_user.id
        my_units = select(Membership.unit_id).where(Membership.user_id == me)
        base = (
            select(Task)
            .options(joinedload(Task.lead_unit), joinedload(Task.lead_user))
            .where(Task.status.in_([s.value for s in OPEN_STATUSES]))
            .order_by(Task.deadline, Task.id)
            .limit(SECTION_SIZE)
        )
        leading = db.session.scalars(
            base.where(or_(Task.lead_user_id == me, Task.lead_unit_id.in_(my_units)))
        ).all()
        assigned = db.session.scalars(base.where(Task.assigner_id == me)).all()
        waiting = select(TaskExtension).join(Task).options(joinedload(TaskExtension.task))
        waiting = waiting.where(TaskExtension.status == ExtensionStatus.REQUESTED.value)
        if scope_paths(current_user, "planning.task.manage") is not None:
            waiting = waiting.where(Task.assigner_id == me)
        decisions = db.session.scalars(waiting.order_by(TaskExtension.id).limit(SECTION_SIZE))
        return self.render(
            "planning/tasks/my_tasks.html",
            leading=leading,
            assigned=assigned,
            decisions=list(decisions),
            day=day_text,
            status_label=status_label,
            today=agency_today(),
        )

    @expose("/act", methods=["POST"])
    def act(self) -> Any:
        """One act on one task, named by the ``action`` field; back to the task's page."""
        if not FlaskForm().validate_on_submit():
            abort(400)
        task = _visible_task(request.form.get("task", type=int))
        by = current_user._get_current_object()
        action = request.form.get("action", "")
        acts = {
            "progress": lambda: services.report_progress(
                db.session,
                task,
                progress=_percent(),
                note=request.form.get("note", ""),
                files=[(f.stream, f.filename or "") for f in request.files.getlist("files") if f],
                by=by,
            ),
            "complete": lambda: services.complete(
                db.session,
                task,
                completed_on=_day("completed_on"),
                note=request.form.get("note", ""),
                by=by,
            ),
            "return": lambda: services.return_task(
                db.session, task, reason=request.form.get("reason", ""), by=by
            ),
            "extension": lambda: extensions.request_extension(
                db.session,
                task,
                requested_deadline=_day("requested_deadline") or task.deadline,
                reason=request.form.get("reason", ""),
                by=by,
            ),
            "decide": lambda: extensions.decide_extension(
                db.session,
                self._extension_of(task),
                approve=request.form.get("decision") == "approve",
                note=request.form.get("note", ""),
                by=by,
            ),
            "reassign": lambda: services.reassign(
                db.session,
                task,
                lead_unit_id=_int("lead_unit_id"),
                lead_user_id=_int("lead_user_id"),
                note=request.form.get("note", ""),
                by=by,
            ),
            "cancel": lambda: services.cancel(
                db.session, task, reason=request.form.get("reason", ""), by=by
            ),
            "reopen": lambda: services.reopen(
                db.session, task, reason=request.form.get("reason", ""), by=by
            ),
        }
        if action not in acts:
            abort(400)
        try:
            acts[action]()
            db.session.commit()
        except REFUSED as exc:
            db.session.rollback()
            flash(refusal(exc), "error")
        else:
            flash(_("Saved."), "success")
        return redirect(url_for("planning_task.details_view", id=task.id), code=303)

    @staticmethod
    def _extension_of(task: Task) -> TaskExtension:
        wanted = _int("extension")
        found = next((e for e in task.extensions if e.id == wanted), None)
        if found is None:
            abort(404)
        return found

    @expose("/attachment/<id>")
    def attachment(self, id: str) -> Any:
        """A progress report's file, for those who may see its task."""
        found = db.session.execute(
            select(TaskAttachment, TaskUpdate.task_id)
            .join(TaskUpdate, TaskUpdate.id == TaskAttachment.update_id)
            .where(TaskAttachment.id == (int(id) if id.isdigit() else 0))
        ).first()
        if found is None:
            abort(404)
        attachment, task_id = found
        _visible_task(task_id)
        path = stored_path(UPLOAD_FOLDER, attachment.stored_name)
        if not path.is_file():
            abort(404)
        return send_file(
            path,
            mimetype=attachment.content_type,
            as_attachment=True,
            download_name=attachment.filename,
        )
