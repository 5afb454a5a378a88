"""Authorization-matrix rows of the planning plugin's tasks (columns: anonymous,
administrator, office, head_a, head_b, staff_a1).

Everyone sees tasks — of their own units, their own, or all for the office and
administrators — and reports on the tasks they lead; the office and unit heads assign (a unit
head to their units). The target task is the office's, led by unit A, with a progress report
carrying an attachment: the head of B and the staff of team A1 (not of A's subtree) get 404
for it and its attachment. Posts carry an empty form: acting from a task's page then names no
task (404). The edit form opens for whoever holds planning.task.manage over the task's unit;
saving it is refused by the services unless they are its assigner or the office.

API routes sit under ``/api/v1/planning/…``, where the matrix names no record (see
``planning_plans``): a caller who may reach a route gets 404 for the missing task, or 422 for
the empty body when the body is read first, and one who may not gets 403. Record rules of the
API are tested in ``tests/plugins/planning/test_tasks_api.py``.
"""

from datetime import date
from io import BytesIO

# fmt: off
EXPECTED: dict = {
    ("GET", "/admin/planning_task/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/planning_task/ajax/lookup/"): (302, 404, 404, 404, 404, 404),
    ("GET", "/admin/planning_task/details/"): (302, 200, 200, 200, 404, 404),
    ("GET", "/admin/planning_task/edit/"): (302, 200, 200, 200, 404, 403),
    ("GET", "/admin/planning_task/export/<export_type>/"): (302, 302, 302, 302, 302, 302),
    ("GET", "/admin/planning_task/new/"): (302, 200, 200, 200, 200, 403),
    ("POST", "/admin/planning_task/action/"): (302, 302, 302, 302, 302, 403),
    ("POST", "/admin/planning_task/ajax/update/"): (302, 404, 404, 404, 404, 403),
    ("POST", "/admin/planning_task/delete/"): (302, 302, 302, 302, 302, 403),
    ("POST", "/admin/planning_task/edit/"): (302, 302, 302, 200, 404, 403),
    ("POST", "/admin/planning_task/new/"): (302, 200, 200, 200, 200, 403),
    ("GET", "/admin/planning_my_tasks/"): (302, 200, 200, 200, 200, 200),
    ("POST", "/admin/planning_my_tasks/act"): (302, 404, 404, 404, 404, 404),
    ("GET", "/admin/planning_my_tasks/attachment/<id>"): (302, 200, 200, 200, 404, 404),
}

API_EXPECTED: dict = {
    ("GET", "/api/v1/planning/tasks"): (401, 200, 200, 200, 200, 200),
    ("POST", "/api/v1/planning/tasks"): (401, 422, 422, 422, 422, 403),
    ("GET", "/api/v1/planning/tasks/<id:id>"): (401, 404, 404, 404, 404, 404),
    ("PATCH", "/api/v1/planning/tasks/<id:id>"): (401, 404, 404, 404, 404, 403),
    ("GET", "/api/v1/planning/tasks/<id:id>/updates"): (401, 404, 404, 404, 404, 404),
    ("POST", "/api/v1/planning/tasks/<id:id>/updates"): (401, 422, 422, 422, 422, 422),
    ("POST", "/api/v1/planning/tasks/<id:id>/complete"): (401, 422, 422, 422, 422, 422),
    ("POST", "/api/v1/planning/tasks/<id:id>/return"): (401, 422, 422, 422, 422, 422),
    ("POST", "/api/v1/planning/tasks/<id:id>/reassign"): (401, 422, 422, 422, 422, 403),
    ("POST", "/api/v1/planning/tasks/<id:id>/cancel"): (401, 422, 422, 422, 422, 403),
    ("POST", "/api/v1/planning/tasks/<id:id>/reopen"): (401, 422, 422, 422, 422, 403),
    ("GET", "/api/v1/planning/tasks/<id:id>/extensions"): (401, 404, 404, 404, 404, 404),
    ("POST", "/api/v1/planning/tasks/<id:id>/extensions"): (401, 422, 422, 422, 422, 422),
    ("POST", "/api/v1/planning/tasks/extensions/<id:id>/decision"): (401, 422, 422, 422, 422, 422),
}
# fmt: on


def targets(app, agency) -> dict[str, str]:
    """A task the office assigned to unit A, with a progress report and its attachment."""
    if "planning" not in {p.name for p in app.extensions["vanphong"].plugins.enabled}:
        return {}
    from core.db import db
    from core.identity.models import User
    from plugins.planning.tasks import services

    with app.test_request_context():
        task = services.create_task(
            db.session,
            title="Rà soát thủ tục hành chính",
            lead_unit_id=agency["a"],
            deadline=date(2199, 12, 31),
            by=db.session.get(User, agency["office"]),
        )
        update = services.report_progress(
            db.session,
            task,
            progress=20,
            files=[(BytesIO(b"%PDF-1.4"), "tien-do.pdf")],
            by=db.session.get(User, agency["head_a"]),
        )
        db.session.commit()
        return {"planning_task": str(task.id), "planning_my_tasks": str(update.attachments[0].id)}
