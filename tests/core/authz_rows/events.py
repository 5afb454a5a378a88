"""Authorization-matrix rows of the events area (columns: anonymous, administrator, office,
head_a, head_b, staff_a1): the event outbox is for administrators only, and read-only."""

# fmt: off
EXPECTED: dict = {
    ("GET", "/admin/core_event/"): (302, 200, 403, 403, 403, 403),
    ("GET", "/admin/core_event/ajax/lookup/"): (302, 404, 403, 403, 403, 403),
    ("GET", "/admin/core_event/details/"): (302, 200, 403, 403, 403, 403),
    ("GET", "/admin/core_event/edit/"): (302, 302, 403, 403, 403, 403),
    ("GET", "/admin/core_event/export/<export_type>/"): (302, 302, 403, 403, 403, 403),
    ("GET", "/admin/core_event/new/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_event/action/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_event/ajax/update/"): (302, 404, 403, 403, 403, 403),
    ("POST", "/admin/core_event/delete/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_event/edit/"): (302, 302, 403, 403, 403, 403),
    ("POST", "/admin/core_event/new/"): (302, 302, 403, 403, 403, 403),
}
# fmt: on


def targets(app, agency) -> dict[str, str]:
    """One emitted event, to open its details."""
    from core.db import db
    from core.events import WorkAssigned
    from core.events.services import emit

    with app.app_context():
        event = WorkAssigned("meetings", "notice/1/point/1", "Báo cáo", lead_unit_id=agency["a"])
        event_id = emit(db.session, event)
        db.session.commit()
    return {"core_event": str(event_id)}
