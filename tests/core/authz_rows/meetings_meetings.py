"""Authorization-matrix rows of the meetings plugin's dossier (columns: anonymous,
administrator, office, head_a, head_b, staff_a1).

The target meeting is prepared by unit A, chaired by head_a, recorded by the office, with
staff_a1 invited and presenting; it is proposed. Everyone with meetings.meeting.view reaches
the dossier's pages; a unit head of another unit does not see the meeting (404); each step
then answers by its own rule: 403 for those it refuses (staff may not organise, only invitees
answer), a redirect back to the dossier with the rule for the others (an empty form, a step
the meeting is not ready for). No material or notice exists: their pages answer 404.

API routes sit under ``/api/v1/meetings/…``, where the matrix names no record (the segment
after ``/api/v1/`` is the plugin's, shared by its concepts): their ids are missing records, so
a caller who may reach them gets 404 (or 422 for a body missing required fields) and one who
may not 403. The API's record rules and refusals are tested in
``tests/plugins/meetings/test_meetings_api.py``."""

M = "/admin/meetings_meeting"
API = "/api/v1/meetings/meetings"
SEEN = (302, 200, 200, 200, 404, 200)  # head_b does not see the meeting
MISSING = (302, 404, 404, 404, 404, 404)
ORGANISE = (302, 303, 303, 303, 404, 403)  # staff may not organise the meeting
ANYONE = (401, 404, 404, 404, 404, 404)
INVALID = (401, 422, 422, 422, 422, 422)

# fmt: off
EXPECTED: dict = {
    ("GET", f"{M}/"): (302, 200, 200, 200, 200, 200),
    ("GET", f"{M}/ajax/lookup/"): (302, 404, 404, 404, 404, 404),
    ("GET", f"{M}/details/"): SEEN,
    ("GET", f"{M}/edit/"): (302, 200, 200, 200, 404, 403),
    ("GET", f"{M}/export/<export_type>/"): (302, 302, 302, 302, 302, 302),
    ("GET", f"{M}/new/"): (302, 200, 200, 200, 200, 403),
    ("POST", f"{M}/action/"): (302, 302, 302, 302, 302, 403),
    ("POST", f"{M}/ajax/update/"): (302, 404, 404, 404, 404, 403),
    ("POST", f"{M}/delete/"): (302, 302, 302, 302, 302, 403),
    ("POST", f"{M}/edit/"): (302, 302, 302, 302, 404, 403),  # saved as it was
    ("POST", f"{M}/new/"): (302, 200, 200, 200, 200, 403),
    ("POST", f"{M}/<id>/step"): (302, 303, 303, 303, 404, 303),
    ("POST", f"{M}/<id>/invitees"): ORGANISE,
    ("POST", f"{M}/<id>/agenda"): ORGANISE,
    ("POST", f"{M}/<id>/answer"): (302, 403, 403, 403, 404, 303),
    ("POST", f"{M}/<id>/attendance"): ORGANISE,
    ("POST", f"{M}/<id>/materials"): (302, 303, 303, 303, 404, 303),
    ("GET", f"{M}/material/<id>"): MISSING,
    ("POST", f"{M}/material/<id>/remove"): MISSING,
    ("GET", f"{M}/<id>/minutes"): ORGANISE,
    ("POST", f"{M}/<id>/minutes"): ORGANISE,
    ("GET", f"{M}/<id>/minutes/print"): MISSING,
    ("POST", f"{M}/<id>/notices"): ORGANISE,
    ("POST", f"{M}/notice/<id>/step"): MISSING,
    ("GET", f"{M}/notice/<id>/print"): MISSING,
    ("GET", f"{M}/<id>/invitation.ics"): SEEN,
}

API_EXPECTED: dict = {
    ("GET", API): (401, 200, 200, 200, 200, 200),
    ("POST", API): (401, 422, 422, 422, 422, 403),
    ("GET", f"{API}/<id:id>"): ANYONE,
    ("PATCH", f"{API}/<id:id>"): (401, 404, 404, 404, 404, 403),
    ("GET", f"{API}/<id:id>/dossier"): ANYONE,
    ("POST", f"{API}/<id:id>/approve"): ANYONE,
    ("POST", f"{API}/<id:id>/invite"): ANYONE,
    ("POST", f"{API}/<id:id>/hold"): ANYONE,
    ("POST", f"{API}/<id:id>/close"): ANYONE,
    ("POST", f"{API}/<id:id>/cancel"): INVALID,
    ("POST", f"{API}/<id:id>/invitees"): ANYONE,
    ("POST", f"{API}/<id:id>/invitees/remove"): INVALID,
    ("POST", f"{API}/<id:id>/answer"): INVALID,
    ("POST", f"{API}/<id:id>/delegate"): INVALID,
    ("POST", f"{API}/<id:id>/attendance"): INVALID,
    ("POST", f"{API}/<id:id>/agenda"): INVALID,
    ("GET", f"{API}/<id:id>/invitation.ics"): ANYONE,
    ("POST", f"{API}/<id:id>/materials"): INVALID,
    ("GET", f"{API}/materials/<id:id>"): ANYONE,
    ("DELETE", f"{API}/materials/<id:id>"): ANYONE,
    ("GET", f"{API}/<id:id>/minutes"): ANYONE,
    ("PUT", f"{API}/<id:id>/minutes"): ANYONE,
    ("POST", f"{API}/<id:id>/minutes/file"): ANYONE,
    ("GET", f"{API}/<id:id>/notices"): ANYONE,
    ("POST", f"{API}/<id:id>/notices"): INVALID,
    ("GET", f"{API}/notices/<id:id>"): ANYONE,
    ("PATCH", f"{API}/notices/<id:id>"): INVALID,
    ("POST", f"{API}/notices/<id:id>/approve"): ANYONE,
    ("POST", f"{API}/notices/<id:id>/issue"): ANYONE,
}
# fmt: on


def targets(app, agency) -> dict[str, str]:
    """A proposed meeting of unit A chaired by head_a, staff_a1 invited and presenting."""
    from datetime import UTC, datetime, timedelta

    from core.db import db
    from core.identity.models import User
    from plugins.meetings.meetings import services

    if "meetings" not in {p.name for p in app.extensions["vanphong"].plugins.enabled}:
        return {}
    with app.test_request_context():
        office = db.session.get(User, agency["office"])
        start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=20)
        meeting = services.propose(
            db.session,
            by=office,
            title="Họp rà soát thủ tục hành chính",
            chair_id=agency["head_a"],
            secretary_id=agency["office"],
            unit_id=agency["a"],
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            location="Phòng họp UBND",
        )
        services.add_invitee(db.session, meeting, by=office, user_id=agency["staff_a1"])
        services.add_agenda_item(
            db.session, meeting, by=office, title="Báo cáo", presenter_id=agency["staff_a1"]
        )
        db.session.commit()
        return {"meetings_meeting": str(meeting.id)}
