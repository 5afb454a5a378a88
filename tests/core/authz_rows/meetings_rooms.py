"""Authorization-matrix rows of the meetings plugin's rooms (columns: anonymous,
administrator, office, head_a, head_b, staff_a1).

Everyone who may book sees every room, the room calendar and the queue (which lists only what
awaits them), and books rooms; the office edits the catalogue and the door pages. The target
room belongs to unit A, is approved by the office and has a request by staff_a1, so it cannot
be deleted. The door page answers 404 to a made-up secret, signed in or not.

API routes sit under ``/api/v1/meetings/…``, where the matrix names no record (the segment
after ``/api/v1/`` is the plugin's, shared by its concepts): their ids are missing records,
so a caller who may reach them gets 404 and one who may not 403. The API's record rule and
refusals are tested in ``tests/plugins/meetings/test_rooms_api.py``."""

from datetime import UTC, datetime, timedelta

# fmt: off
EXPECTED: dict = {
    ("GET", "/admin/meetings_room/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/meetings_room/ajax/lookup/"): (302, 404, 404, 404, 404, 404),
    ("GET", "/admin/meetings_room/details/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/meetings_room/edit/"): (302, 200, 200, 403, 403, 403),
    ("GET", "/admin/meetings_room/export/<export_type>/"): (302, 302, 302, 302, 302, 302),
    ("GET", "/admin/meetings_room/new/"): (302, 200, 200, 403, 403, 403),
    ("POST", "/admin/meetings_room/action/"): (302, 302, 302, 403, 403, 403),
    ("POST", "/admin/meetings_room/ajax/update/"): (302, 404, 404, 403, 403, 403),
    ("POST", "/admin/meetings_room/delete/"): (302, 302, 302, 403, 403, 403),
    ("POST", "/admin/meetings_room/door/"): (302, 404, 404, 403, 403, 403),
    ("POST", "/admin/meetings_room/edit/"): (302, 200, 200, 403, 403, 403),
    ("POST", "/admin/meetings_room/new/"): (302, 200, 200, 403, 403, 403),
    ("GET", "/admin/meetings_room_book/"): (302, 200, 200, 200, 200, 200),
    ("POST", "/admin/meetings_room_book/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/meetings_room_calendar/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/meetings_room_queue/"): (302, 200, 200, 200, 200, 200),
    ("POST", "/admin/meetings_room_queue/decide"): (302, 404, 404, 404, 404, 404),
    ("GET", "/meetings/rooms/door/<string(length=43):token>"): (404, 404, 404, 404, 404, 404),
}

API_EXPECTED: dict = {
    ("GET", "/api/v1/meetings/rooms"): (401, 200, 200, 200, 200, 200),
    ("POST", "/api/v1/meetings/rooms"): (401, 422, 422, 403, 403, 403),
    ("GET", "/api/v1/meetings/rooms/<id:id>"): (401, 404, 404, 404, 404, 404),
    ("PATCH", "/api/v1/meetings/rooms/<id:id>"): (401, 404, 404, 403, 403, 403),
    ("DELETE", "/api/v1/meetings/rooms/<id:id>"): (401, 404, 404, 403, 403, 403),
    ("GET", "/api/v1/meetings/rooms/<id:id>/bookings"): (401, 404, 404, 404, 404, 404),
    ("POST", "/api/v1/meetings/rooms/<id:id>/bookings"): (401, 422, 422, 422, 422, 422),
}
# fmt: on


def targets(app, agency) -> dict[str, str]:
    """A room of unit A that the office approves, with a request by staff of A1."""
    from core.db import db
    from core.identity.models import User
    from plugins.meetings.rooms import services

    if "meetings" not in {p.name for p in app.extensions["vanphong"].plugins.enabled}:
        return {}
    with app.test_request_context():
        room = services.create_room(
            db.session,
            code="PH-MR",
            name="Phòng họp tầng 2",
            capacity=30,
            approver_id=agency["office"],
            unit_id=agency["a"],
        )
        start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
        services.book_room(
            db.session,
            room,
            start,
            start + timedelta(hours=1),
            "Họp tổ",
            db.session.get(User, agency["staff_a1"]),
        )
        db.session.commit()
        return {"meetings_room": str(room.id)}
