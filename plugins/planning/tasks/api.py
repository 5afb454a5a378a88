"""REST endpoints of tasks under ``/api/v1/planning/tasks``: the tasks themselves, and their
history (``/updates``: progress reports), extension requests (``/extensions``) and the
lead's and the assigner's acts (``/complete``, ``/return``, ``/reassign``, ``/cancel``,
``/reopen``).

Reading needs ``planning.task.view`` (a unit head's or staff member's view is limited to their
units' tasks and their own); assigning needs ``planning.task.manage``; the lead's acts need
``planning.task.report``. Whether this caller may act on this task is the services' rule: a
refusal answers 403. Every change names the task's version it acts on (If-Match or
``version``); a stale one answers 409 and changes nothing.
"""

from __future__ import annotations

from typing import Any

from flask import jsonify, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.sql import ColumnElement

from core.api import (
    ApiBlueprint,
    Choice,
    Filter,
    Resource,
    api_abort,
    equals,
    requires,
    with_etag,
)
from core.api.schemas import Day
from core.db import db
from core.identity.access import scope_paths
from plugins.planning.tasks import extensions, services
from plugins.planning.tasks.models import (
    PRIORITIES,
    STATUSES,
    Task,
    TaskExtension,
    TaskUpdate,
)
from plugins.planning.tasks.rules import MANAGE, REPORT, VIEW, visible
from plugins.planning.tasks.schemas import (
    CompleteInputSchema,
    DecisionInputSchema,
    ExtensionInputSchema,
    ExtensionListSchema,
    ExtensionSchema,
    ProgressInputSchema,
    ReasonInputSchema,
    ReassignInputSchema,
    TaskInputSchema,
    TaskSchema,
    TaskUpdateSchema,
    UpdateListSchema,
    UpdateSchema,
)

bp = ApiBlueprint(
    "planning_tasks",
    __name__,
    url_prefix="/api/v1/planning",
    description="Assigned work: tasks with one lead, supporting units, progress reports, "
    "returns and extension requests.",
)


def _user() -> Any:
    return current_user._get_current_object()


class TaskResource(Resource):
    name = "tasks"
    model = Task
    schema = TaskSchema
    create_schema = TaskInputSchema
    update_schema = TaskUpdateSchema
    permission = "planning.task"
    filters = {
        "status": equals(Task.status, Choice(STATUSES)),
        "priority": equals(Task.priority, Choice(PRIORITIES)),
        "lead_unit": equals(Task.lead_unit_id),
        "lead_user": equals(Task.lead_user_id),
        "assigner": equals(Task.assigner_id),
        "plan_item": equals(Task.plan_item_id),
        "source": equals(Task.source),
        "source_ref": equals(Task.source_ref),
        "deadline_from": Filter(
            Day(metadata={"description": "Deadline in force on or after this day."}),
            lambda day: Task.deadline >= day,
        ),
        "deadline_to": Filter(
            Day(metadata={"description": "Deadline in force on or before this day."}),
            lambda day: Task.deadline <= day,
        ),
    }
    sorts = {
        "deadline": Task.deadline,
        "assigned_on": Task.assigned_on,
        "priority": Task.priority,
        "progress": Task.progress,
        "title": Task.title,
    }
    default_sort = "deadline"
    searchable = (Task.title, Task.description, Task.cites)

    def select(self) -> Any:
        return select(Task).options(joinedload(Task.supporters))

    def scope(self, paths: set[str]) -> ColumnElement[bool]:
        return visible(paths)

    def create(self, data: dict[str, Any]) -> Task:
        return services.create_task(db.session, by=_user(), **data)

    def update(self, obj: Task, data: dict[str, Any]) -> None:
        services.edit_task(db.session, obj, data, by=_user())


tasks = TaskResource()
tasks.register(bp)


def _task(id: int) -> Task:
    """The task ``id`` if the caller may see it (404 otherwise)."""
    task: Task = tasks.get(id, scope_paths(current_user, VIEW))
    return task


def _answer(task: Task) -> Any:
    return with_etag(jsonify(TaskSchema().dump(task)), task)


def _act(id: int, data: dict[str, Any]) -> Task:
    """The task, after checking the version the caller acts on."""
    task = _task(id)
    tasks.check_version(task, data.pop("version", None))
    return task


@bp.route("/tasks/<id:id>/updates", methods=["GET"], endpoint="task_updates")
@requires(VIEW)
@bp.response(200, UpdateListSchema)
def list_updates(id: int) -> Any:
    """A task's history: progress reports with their attachments, returns, reassignments,
    completion, cancellation and reopening, oldest first."""
    task = _task(id)
    items = db.session.scalars(
        select(TaskUpdate)
        .options(selectinload(TaskUpdate.attachments))
        .where(TaskUpdate.task_id == task.id)
        .order_by(TaskUpdate.id)
    ).all()
    return {"items": items}


@bp.route("/tasks/<id:id>/updates", methods=["POST"], endpoint="task_progress")
@requires(REPORT)
@bp.arguments(ProgressInputSchema)
@bp.response(201, UpdateSchema)
def report_progress(data: dict[str, Any], id: int) -> Any:
    """Report progress (the lead): a percentage and a note. 100 completes the task.
    Attachments are added from the back office's task page."""
    task = _act(id, data)
    entry = services.report_progress(db.session, task, by=_user(), **data)
    db.session.commit()
    response = jsonify(UpdateSchema().dump(entry))
    response.status_code = 201
    response.headers["Location"] = url_for(".task_updates", id=task.id)
    return response


@bp.route("/tasks/<id:id>/complete", methods=["POST"], endpoint="task_complete")
@requires(REPORT)
@bp.arguments(CompleteInputSchema)
@bp.response(200, TaskSchema)
def complete(data: dict[str, Any], id: int) -> Any:
    """Mark the task done (the lead, or its assigner): on time when completed on or before
    the deadline in force, late otherwise."""
    task = _act(id, data)
    services.complete(db.session, task, by=_user(), **data)
    db.session.commit()
    return _answer(task)


@bp.route("/tasks/<id:id>/return", methods=["POST"], endpoint="task_return")
@requires(REPORT)
@bp.arguments(ReasonInputSchema)
@bp.response(200, TaskSchema)
def return_task(data: dict[str, Any], id: int) -> Any:
    """Hand the task back to its assigner, with a reason (the lead)."""
    task = _act(id, data)
    services.return_task(db.session, task, by=_user(), **data)
    db.session.commit()
    return _answer(task)


@bp.route("/tasks/<id:id>/reassign", methods=["POST"], endpoint="task_reassign")
@requires(MANAGE)
@bp.arguments(ReassignInputSchema)
@bp.response(200, TaskSchema)
def reassign(data: dict[str, Any], id: int) -> Any:
    """Give the task a new lead: a unit or a person (its assigner or the office)."""
    task = _act(id, data)
    services.reassign(db.session, task, by=_user(), **data)
    db.session.commit()
    return _answer(task)


@bp.route("/tasks/<id:id>/cancel", methods=["POST"], endpoint="task_cancel")
@requires(MANAGE)
@bp.arguments(ReasonInputSchema)
@bp.response(200, TaskSchema)
def cancel(data: dict[str, Any], id: int) -> Any:
    """Cancel an open task, with a reason (its assigner or the office)."""
    task = _act(id, data)
    services.cancel(db.session, task, by=_user(), **data)
    db.session.commit()
    return _answer(task)


@bp.route("/tasks/<id:id>/reopen", methods=["POST"], endpoint="task_reopen")
@requires(MANAGE)
@bp.arguments(ReasonInputSchema)
@bp.response(200, TaskSchema)
def reopen(data: dict[str, Any], id: int) -> Any:
    """Open a finished or cancelled task again, with a reason (its assigner or the office)."""
    task = _act(id, data)
    services.reopen(db.session, task, by=_user(), **data)
    db.session.commit()
    return _answer(task)


@bp.route("/tasks/<id:id>/extensions", methods=["GET"], endpoint="task_extensions")
@requires(VIEW)
@bp.response(200, ExtensionListSchema)
def list_extensions(id: int) -> Any:
    """A task's extension requests, oldest first."""
    task = _task(id)
    items = db.session.scalars(
        select(TaskExtension).where(TaskExtension.task_id == task.id).order_by(TaskExtension.id)
    ).all()
    return {"items": items}


@bp.route("/tasks/<id:id>/extensions", methods=["POST"], endpoint="task_extension_request")
@requires(REPORT)
@bp.arguments(ExtensionInputSchema)
@bp.response(201, ExtensionSchema)
def request_extension(data: dict[str, Any], id: int) -> Any:
    """Ask for a later deadline, with a reason (the lead); the assigner decides. A finished
    task takes no request; a second request while one waits answers 409."""
    task = _task(id)
    extension = extensions.request_extension(db.session, task, by=_user(), **data)
    db.session.commit()
    response = with_etag(jsonify(ExtensionSchema().dump(extension)), extension)
    response.status_code = 201
    response.headers["Location"] = url_for(".task_extensions", id=task.id)
    return response


@bp.route("/tasks/extensions/<id:id>/decision", methods=["POST"], endpoint="task_extension_decide")
@requires(REPORT)
@bp.arguments(DecisionInputSchema)
@bp.response(200, ExtensionSchema)
def decide_extension(data: dict[str, Any], id: int) -> Any:
    """Approve or refuse a waiting request (the assigner, or the office). Approval moves the
    deadline in force; the first deadline stays for statistics."""
    extension = db.session.get(TaskExtension, id)
    if extension is None:
        api_abort(404)
    _task(extension.task_id)  # 404 unless the caller sees the task
    tasks.check_version(extension, data.pop("version", None))
    extensions.decide_extension(db.session, extension, by=_user(), **data)
    db.session.commit()
    return with_etag(jsonify(ExtensionSchema().dump(extension)), extension)
