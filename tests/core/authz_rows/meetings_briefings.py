"""Authorization-matrix rows of the meetings plugin's briefings (columns: anonymous,
administrator, office, head_a, head_b, staff_a1).

Everyone sees the series and their sessions; the office (agency-wide) sets series up, makes
their sessions and reminds the units. Pre-filling a session's minutes needs only to see it: the
meeting's rules then decide (the target session is not held yet, so every try is refused with
a message and a redirect). Reports follow the record rule by unit: the target report is unit
A's, seen by the office and A's head, a 404 for B's head and for staff of team A1; unit heads
and the office write reports, staff do not. An edit form posted empty keeps the record's
values, so it saves (302).

API routes sit under ``/api/v1/meetings/briefings/…``, where the matrix names no record (it
keys records by plugin and first segment, ``meetings/briefings``, which series, sessions and
reports share): their ids are missing records, so a caller who may reach them gets 404 and one
who may not 403. The API's record rule and
refusals are tested in ``tests/plugins/meetings/test_briefings_api.py``."""

from datetime import datetime, time, timedelta

SERIES = "/admin/meetings_briefing_series"
SESSION = "/admin/meetings_briefing_session"
REPORT = "/admin/meetings_briefing_report"
API = "/api/v1/meetings/briefings"

# fmt: off
EXPECTED: dict = {
    ("GET", f"{SERIES}/"): (302, 200, 200, 200, 200, 200),
    ("GET", f"{SERIES}/ajax/lookup/"): (302, 404, 404, 404, 404, 404),
    ("GET", f"{SERIES}/details/"): (302, 302, 302, 302, 302, 302),
    ("GET", f"{SERIES}/edit/"): (302, 200, 200, 403, 403, 403),
    ("GET", f"{SERIES}/export/<export_type>/"): (302, 302, 302, 302, 302, 302),
    ("GET", f"{SERIES}/new/"): (302, 200, 200, 403, 403, 403),
    ("POST", f"{SERIES}/action/"): (302, 302, 302, 403, 403, 403),
    ("POST", f"{SERIES}/ajax/update/"): (302, 404, 404, 403, 403, 403),
    ("POST", f"{SERIES}/delete/"): (302, 302, 302, 403, 403, 403),
    ("POST", f"{SERIES}/edit/"): (302, 302, 302, 403, 403, 403),
    ("POST", f"{SERIES}/new/"): (302, 200, 200, 403, 403, 403),
    ("GET", f"{SESSION}/"): (302, 200, 200, 200, 200, 200),
    ("GET", f"{SESSION}/ajax/lookup/"): (302, 404, 404, 404, 404, 404),
    ("GET", f"{SESSION}/details/"): (302, 200, 200, 200, 200, 200),
    ("GET", f"{SESSION}/edit/"): (302, 302, 302, 403, 403, 403),
    ("GET", f"{SESSION}/export/<export_type>/"): (302, 302, 302, 302, 302, 302),
    ("GET", f"{SESSION}/new/"): (302, 302, 302, 403, 403, 403),
    ("POST", f"{SESSION}/<id>/prefill"): (302, 303, 303, 303, 303, 303),
    ("POST", f"{SESSION}/<id>/remind"): (302, 303, 303, 403, 403, 403),
    ("POST", f"{SESSION}/action/"): (302, 302, 302, 403, 403, 403),
    ("POST", f"{SESSION}/ajax/update/"): (302, 404, 404, 403, 403, 403),
    ("POST", f"{SESSION}/delete/"): (302, 302, 302, 403, 403, 403),
    ("POST", f"{SESSION}/edit/"): (302, 302, 302, 403, 403, 403),
    ("POST", f"{SESSION}/new/"): (302, 302, 302, 403, 403, 403),
    ("GET", f"{REPORT}/"): (302, 200, 200, 200, 200, 200),
    ("GET", f"{REPORT}/ajax/lookup/"): (302, 404, 404, 404, 404, 404),
    ("GET", f"{REPORT}/details/"): (302, 200, 200, 200, 404, 404),
    ("GET", f"{REPORT}/edit/"): (302, 200, 200, 200, 404, 403),
    ("GET", f"{REPORT}/export/<export_type>/"): (302, 302, 302, 302, 302, 302),
    ("GET", f"{REPORT}/new/"): (302, 200, 200, 200, 200, 403),
    ("POST", f"{REPORT}/action/"): (302, 302, 302, 302, 302, 403),
    ("POST", f"{REPORT}/ajax/update/"): (302, 404, 404, 404, 404, 403),
    ("POST", f"{REPORT}/delete/"): (302, 302, 302, 302, 302, 403),
    ("POST", f"{REPORT}/edit/"): (302, 302, 302, 302, 404, 403),
    ("POST", f"{REPORT}/new/"): (302, 200, 200, 200, 200, 403),
}

API_EXPECTED: dict = {
    ("GET", f"{API}/series"): (401, 200, 200, 200, 200, 200),
    ("POST", f"{API}/series"): (401, 422, 422, 403, 403, 403),
    ("GET", f"{API}/series/<id:id>"): (401, 404, 404, 404, 404, 404),
    ("PATCH", f"{API}/series/<id:id>"): (401, 404, 404, 403, 403, 403),
    ("POST", f"{API}/series/<id:id>/generate"): (401, 404, 404, 403, 403, 403),
    ("GET", f"{API}/sessions"): (401, 200, 200, 200, 200, 200),
    ("GET", f"{API}/sessions/<id:id>"): (401, 404, 404, 404, 404, 404),
    ("GET", f"{API}/sessions/<id:id>/units"): (401, 404, 404, 404, 404, 404),
    ("GET", f"{API}/sessions/<id:id>/follow-up"): (401, 404, 404, 404, 404, 404),
    ("GET", f"{API}/sessions/<id:id>/minutes-draft"): (401, 404, 404, 404, 404, 404),
    ("POST", f"{API}/sessions/<id:id>/prefill-minutes"): (401, 404, 404, 404, 404, 404),
    ("GET", f"{API}/reports"): (401, 200, 200, 200, 200, 200),
    ("POST", f"{API}/reports"): (401, 422, 422, 422, 422, 403),
    ("GET", f"{API}/reports/<id:id>"): (401, 404, 404, 404, 404, 404),
    ("PATCH", f"{API}/reports/<id:id>"): (401, 404, 404, 404, 404, 403),
}
# fmt: on


def targets(app, agency) -> dict[str, str]:
    """A weekly series (its own chair, outside the agency's rooms), its sessions made, and
    unit A's report for the first one."""
    from core.db import db
    from core.i18n import agency_today, agency_zone
    from core.identity.services import create_user
    from plugins.meetings.briefings import reports, services

    if "meetings" not in {p.name for p in app.extensions["vanphong"].plugins.enabled}:
        return {}
    with app.test_request_context():
        chair = create_user(db.session, "chutri", "correct-horse-battery", full_name="Lê Chủ Trì")
        monday = agency_today() + timedelta(days=7 - agency_today().weekday())
        series = services.create_series(
            db.session,
            title="Giao ban tuần",
            chair_id=chair.id,
            secretary_id=agency["office"],
            location="Phòng họp Ban Giám đốc",
            rrule="FREQ=WEEKLY;BYDAY=MO",
            first_starts_at=datetime.combine(monday, time(8), agency_zone()),
            unit_ids=[agency["a"], agency["b"]],
            items=[{"title": "Các đơn vị báo cáo", "kind": "unit_reports"}],
        )
        first = services.generate_sessions(db.session, series)[0]
        report = reports.submit_report(db.session, first, agency["a"], done="Rà soát thủ tục")
        db.session.commit()
        return {
            "meetings_briefing_series": str(series.id),
            "meetings_briefing_session": str(first.id),
            "meetings_briefing_report": str(report.id),
        }
