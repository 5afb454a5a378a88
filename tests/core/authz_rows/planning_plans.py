"""Authorization-matrix rows of the planning plugin's plans and statistics (columns: anonymous,
administrator, office, head_a, head_b, staff_a1).

Everyone sees plans; the office and unit heads draft and publish them (a unit head for their
units), unit heads approve. The target plan is a draft of unit A with one item, so it is seen
by those who may change or approve it — administrators, the office, the head of A — and is a
404 for the head of B and the staff of team A1 (a draft, and not of A1's subtree). The
statistics are the office's and unit heads'.

Posts carry an empty form, so the plan's actions, cascading and reporting progress name no
record (404) for whoever may use them. The API's target is the same plan and its item: an
empty body is refused (422: no version, a missing field) once the caller may act, and the
head of B, who does not see the draft, gets 404 where the body is read after the record.
Deletes name a missing record.
"""

# fmt: off
EXPECTED: dict = {
    ("GET", "/admin/planning_plan/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/planning_plan/ajax/lookup/"): (302, 404, 404, 404, 404, 404),
    ("GET", "/admin/planning_plan/details/"): (302, 200, 200, 200, 404, 404),
    ("GET", "/admin/planning_plan/edit/"): (302, 200, 200, 200, 404, 403),
    ("GET", "/admin/planning_plan/export/<export_type>/"): (302, 302, 302, 302, 302, 302),
    ("GET", "/admin/planning_plan/new/"): (302, 200, 200, 200, 200, 403),
    ("POST", "/admin/planning_plan/act/"): (302, 404, 404, 404, 404, 403),
    ("POST", "/admin/planning_plan/action/"): (302, 302, 302, 302, 302, 403),
    ("POST", "/admin/planning_plan/ajax/update/"): (302, 404, 404, 404, 404, 403),
    ("POST", "/admin/planning_plan/delete/"): (302, 302, 302, 302, 302, 403),
    ("POST", "/admin/planning_plan/edit/"): (302, 200, 200, 200, 404, 403),
    ("POST", "/admin/planning_plan/new/"): (302, 200, 200, 200, 200, 403),
    ("GET", "/admin/planning_plan_item/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/planning_plan_item/ajax/lookup/"): (302, 404, 404, 404, 404, 404),
    ("GET", "/admin/planning_plan_item/details/"): (302, 302, 302, 302, 302, 302),
    ("GET", "/admin/planning_plan_item/edit/"): (302, 200, 200, 200, 404, 403),
    ("GET", "/admin/planning_plan_item/export/<export_type>/"): (302, 302, 302, 302, 302, 302),
    ("GET", "/admin/planning_plan_item/new/"): (302, 200, 200, 200, 200, 403),
    ("POST", "/admin/planning_plan_item/action/"): (302, 302, 302, 302, 302, 403),
    ("POST", "/admin/planning_plan_item/ajax/update/"): (302, 404, 404, 404, 404, 403),
    ("POST", "/admin/planning_plan_item/cascade/"): (302, 404, 404, 404, 404, 403),
    ("POST", "/admin/planning_plan_item/delete/"): (302, 302, 302, 302, 302, 403),
    ("POST", "/admin/planning_plan_item/edit/"): (302, 200, 200, 200, 404, 403),
    ("POST", "/admin/planning_plan_item/new/"): (302, 200, 200, 200, 200, 403),
    ("POST", "/admin/planning_plan_item/progress/"): (302, 404, 404, 404, 404, 404),
    ("GET", "/admin/planning_stats/"): (302, 200, 200, 200, 200, 403),
    ("GET", "/admin/planning_stats/export"): (302, 200, 200, 200, 200, 403),
}

API_EXPECTED: dict = {
    ("GET", "/api/v1/planning/plans"): (401, 200, 200, 200, 200, 200),
    ("POST", "/api/v1/planning/plans"): (401, 422, 422, 422, 422, 403),
    ("GET", "/api/v1/planning/plans/<id:id>"): (401, 200, 200, 200, 404, 404),
    ("PATCH", "/api/v1/planning/plans/<id:id>"): (401, 422, 422, 422, 404, 403),
    ("DELETE", "/api/v1/planning/plans/<id:id>"): (401, 404, 404, 404, 404, 403),
    ("POST", "/api/v1/planning/plans/<id:id>/approve"): (401, 422, 403, 422, 404, 403),
    ("POST", "/api/v1/planning/plans/<id:id>/return"): (401, 422, 403, 422, 422, 403),
    ("POST", "/api/v1/planning/plans/<id:id>/publish"): (401, 422, 422, 422, 404, 403),
    ("POST", "/api/v1/planning/plans/<id:id>/issue"): (401, 422, 422, 422, 422, 403),
    ("GET", "/api/v1/planning/plan-items"): (401, 200, 200, 200, 200, 200),
    ("POST", "/api/v1/planning/plan-items"): (401, 422, 422, 422, 422, 403),
    ("GET", "/api/v1/planning/plan-items/<id:id>"): (401, 200, 200, 200, 404, 404),
    ("PATCH", "/api/v1/planning/plan-items/<id:id>"): (401, 422, 422, 422, 404, 403),
    ("DELETE", "/api/v1/planning/plan-items/<id:id>"): (401, 404, 404, 404, 404, 403),
    ("POST", "/api/v1/planning/plan-items/<id:id>/cascade"): (401, 422, 422, 422, 422, 403),
    ("POST", "/api/v1/planning/plan-items/<id:id>/progress"): (401, 422, 422, 422, 422, 422),
}
# fmt: on


def targets(app, agency) -> dict[str, str]:
    """A draft plan of unit A with one item, drafted by the head of A."""
    if "planning" not in {p.name for p in app.extensions["vanphong"].plugins.enabled}:
        return {}
    from core.db import db
    from core.identity.models import User
    from plugins.planning.plans import items, services

    with app.test_request_context():
        head_a = db.session.get(User, agency["head_a"])
        plan = services.create_plan(
            db.session,
            title="Kế hoạch công tác tháng của phòng",
            level="month",
            year=2026,
            number=11,
            unit_id=agency["a"],
            by=head_a,
        )
        item = items.add_item(db.session, plan, title="Rà soát thủ tục hành chính", by=head_a)
        db.session.commit()
        plan_id, item_id = str(plan.id), str(item.id)
    return {
        "planning_plan": plan_id,
        "planning_plan_item": item_id,
        "planning/plans": plan_id,
        "planning/plan-items": item_id,
    }
