"""Authorization-matrix rows of the booking area (columns: anonymous, administrator, office,
head_a, head_b, staff_a1).

Everyone who may book sees every booking and resource; the office manages resources and
decides on bookings. The target booking is a request by staff_a1 for a room of unit A that the
office approves: its booker may change or cancel it (422 for the empty body), the approver and
administrators decide on it, unit heads may do neither (403)."""

from datetime import UTC, datetime, timedelta

# fmt: off
EXPECTED: dict = {
    ("GET", "/admin/core_booking/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/core_booking/ajax/lookup/"): (302, 404, 404, 404, 404, 404),
    ("GET", "/admin/core_booking/details/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/core_booking/edit/"): (302, 302, 302, 403, 403, 403),
    ("GET", "/admin/core_booking/export/<export_type>/"): (302, 302, 302, 302, 302, 302),
    ("GET", "/admin/core_booking/new/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/core_booking_queue/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/core_booking_week/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/core_resource/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/core_resource/ajax/lookup/"): (302, 404, 404, 404, 404, 404),
    ("GET", "/admin/core_resource/details/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/core_resource/edit/"): (302, 200, 200, 403, 403, 403),
    ("GET", "/admin/core_resource/export/<export_type>/"): (302, 302, 302, 302, 302, 302),
    ("GET", "/admin/core_resource/new/"): (302, 200, 200, 403, 403, 403),
    ("POST", "/admin/core_booking/action/"): (302, 302, 302, 302, 302, 302),
    ("POST", "/admin/core_booking/ajax/update/"): (302, 404, 404, 403, 403, 403),
    ("POST", "/admin/core_booking/delete/"): (302, 302, 302, 403, 403, 403),
    ("POST", "/admin/core_booking/edit/"): (302, 302, 302, 403, 403, 403),
    ("POST", "/admin/core_booking/new/"): (302, 200, 200, 200, 200, 200),
    ("POST", "/admin/core_booking_queue/decide"): (302, 404, 404, 404, 404, 404),
    ("POST", "/admin/core_resource/action/"): (302, 302, 302, 403, 403, 403),
    ("POST", "/admin/core_resource/ajax/update/"): (302, 404, 404, 403, 403, 403),
    ("POST", "/admin/core_resource/delete/"): (302, 302, 302, 403, 403, 403),
    ("POST", "/admin/core_resource/edit/"): (302, 200, 200, 403, 403, 403),
    ("POST", "/admin/core_resource/new/"): (302, 200, 200, 403, 403, 403),
}

API_EXPECTED: dict = {
    ("GET", "/api/v1/resources"): (401, 200, 200, 200, 200, 200),
    ("POST", "/api/v1/resources"): (401, 422, 422, 403, 403, 403),
    ("GET", "/api/v1/resources/<id:id>"): (401, 200, 200, 200, 200, 200),
    ("PATCH", "/api/v1/resources/<id:id>"): (401, 422, 422, 403, 403, 403),
    ("GET", "/api/v1/bookings"): (401, 200, 200, 200, 200, 200),
    ("POST", "/api/v1/bookings"): (401, 422, 422, 422, 422, 422),
    ("POST", "/api/v1/bookings/series"): (401, 422, 422, 422, 422, 422),
    ("GET", "/api/v1/bookings/<id:id>"): (401, 200, 200, 200, 200, 200),
    ("PATCH", "/api/v1/bookings/<id:id>"): (401, 422, 422, 403, 403, 422),
    ("POST", "/api/v1/bookings/<id:id>/confirm"): (401, 422, 422, 403, 403, 403),
    ("POST", "/api/v1/bookings/<id:id>/reject"): (401, 422, 422, 403, 403, 403),
    ("POST", "/api/v1/bookings/<id:id>/cancel"): (401, 422, 422, 403, 403, 422),
    ("GET", "/api/v1/availability"): (401, 200, 200, 200, 200, 200),
}
# fmt: on


def targets(app, agency) -> dict[str, str]:
    """A room of unit A that the office approves, and a request for it by staff of A1."""
    from core.booking import services
    from core.booking.models import Resource
    from core.db import db
    from core.identity.models import User

    with app.test_request_context():
        room = services.save_resource(
            db.session,
            Resource(
                code="PH-A", name="Phòng họp A", approver_id=agency["office"], unit_id=agency["a"]
            ),
        )
        start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
        booking = services.request_booking(
            db.session,
            room,
            start,
            start + timedelta(hours=1),
            "Họp tổ",
            by=db.session.get(User, agency["staff_a1"]),
        )
        db.session.commit()
        ids = {"resource": str(room.id), "booking": str(booking.id)}
    return {
        "core_resource": ids["resource"],
        "core_booking": ids["booking"],
        "resources": ids["resource"],
        "bookings": ids["booking"],
    }
