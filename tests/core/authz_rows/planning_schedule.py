"""Authorization-matrix rows of the planning plugin's weekly schedule (columns: anonymous,
administrator, office, head_a, head_b, staff_a1).

Everyone reads the schedule and submits entries for their units; the office publishes and
changes a week's settings (403 for the others). The target entry is unit A's, in a draft week
far ahead: before publication it is seen in A's subtree and by the office, so the head of B and
the staff of team A1 get 404 for it. Posts carry an empty form: the submission and the edit form
come back with their errors (200); withdrawing needs no field, so the first allowed caller
withdraws the entry and the next ones are told it is withdrawn (303 each); publishing the
current week, which has no entry, is refused with a message (303).

In the API the same entry is ``planning/entries``' target: the head of B and the staff of A1
get 404 for it; the others get 422 for a change that names no version. The matrix names no
week (``<week>`` is no ISO week): 404 for whoever may reach the route, 403 for the others.
"""

from datetime import date

# fmt: off
EXPECTED: dict = {
    ("GET", "/admin/planning_schedule/"): (302, 200, 200, 200, 200, 200),
    ("POST", "/admin/planning_schedule/entries"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/planning_schedule/entries/<id>/edit"): (302, 200, 200, 200, 404, 404),
    ("POST", "/admin/planning_schedule/entries/<id>/edit"): (302, 200, 200, 200, 404, 404),
    ("POST", "/admin/planning_schedule/entries/<id>/withdraw"): (302, 303, 303, 303, 404, 404),
    ("POST", "/admin/planning_schedule/publish"): (302, 303, 303, 403, 403, 403),
    ("POST", "/admin/planning_schedule/settings"): (302, 303, 303, 403, 403, 403),
    ("GET", "/admin/planning_schedule/print"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/planning_schedule/pdf"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/planning_schedule/ical"): (302, 200, 200, 200, 200, 200),
}

API_EXPECTED: dict = {
    ("GET", "/api/v1/planning/weeks"): (401, 200, 200, 200, 200, 200),
    ("GET", "/api/v1/planning/weeks/<week>"): (401, 404, 404, 404, 404, 404),
    ("PATCH", "/api/v1/planning/weeks/<week>"): (401, 404, 404, 403, 403, 403),
    ("POST", "/api/v1/planning/weeks/<week>/publish"): (401, 404, 404, 403, 403, 403),
    ("GET", "/api/v1/planning/weeks/<week>/changes"): (401, 404, 404, 404, 404, 404),
    ("GET", "/api/v1/planning/entries"): (401, 200, 200, 200, 200, 200),
    ("POST", "/api/v1/planning/entries"): (401, 422, 422, 422, 422, 422),
    ("GET", "/api/v1/planning/entries/<id:id>"): (401, 200, 200, 200, 404, 404),
    ("PATCH", "/api/v1/planning/entries/<id:id>"): (401, 422, 422, 422, 404, 404),
    ("POST", "/api/v1/planning/entries/<id:id>/withdraw"): (401, 422, 422, 422, 404, 404),
}
# fmt: on


def targets(app, agency) -> dict[str, str]:
    """A draft entry of unit A, presided over by the administrator, in a week far ahead."""
    if "planning" not in {p.name for p in app.extensions["vanphong"].plugins.enabled}:
        return {}
    from core.db import db
    from core.identity.models import User
    from plugins.planning.schedule import services

    with app.test_request_context():
        entry = services.submit_entry(
            db.session,
            {
                "day": date(2199, 3, 4),
                "session": "morning",
                "content": "Họp phòng Cải cách hành chính",
                "leader_id": agency["administrator"],
                "unit_id": agency["a"],
            },
            db.session.get(User, agency["head_a"]),
        )
        db.session.commit()
        return {"planning_schedule": str(entry.id), "planning/entries": str(entry.id)}
