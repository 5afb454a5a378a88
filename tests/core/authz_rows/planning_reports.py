"""Authorization-matrix rows of the planning plugin's periodic reports (columns: anonymous,
administrator, office, head_a, head_b, staff_a1).

Report types are read by everyone and changed by the office; periods, their consolidated
report, consolidation and the BC number are the office's; a unit's submission is seen and
submitted by its unit (the head of A and the staff of A1 reach A1's submission, the head of B
gets a 404). The target period holds pending submissions of A, A1 and B; A1's is the target
submission.

API routes sit under ``/api/v1/planning/…``, where the matrix names no record (the segment
after ``/api/v1/`` is the plugin's, shared by its concepts): their ids are missing records,
so a caller who may reach them gets 404 and one who may not 403. Record rules of the API are
tested in ``tests/plugins/planning/test_reports_api.py``.
"""

# fmt: off
EXPECTED: dict = {
    ("GET", "/admin/planning_report_period/"): (302, 200, 200, 403, 403, 403),
    ("GET", "/admin/planning_report_period/ajax/lookup/"): (302, 404, 404, 403, 403, 403),
    ("GET", "/admin/planning_report_period/details/"): (302, 302, 302, 403, 403, 403),
    ("GET", "/admin/planning_report_period/edit/"): (302, 302, 302, 403, 403, 403),
    ("GET", "/admin/planning_report_period/export/<export_type>/"): (302, 302, 302, 403, 403, 403),
    ("GET", "/admin/planning_report_period/new/"): (302, 200, 200, 403, 403, 403),
    ("GET", "/admin/planning_report_period/report/<id>/"): (302, 200, 200, 403, 403, 403),
    ("GET", "/admin/planning_report_period/workbook/<id>/"): (302, 200, 200, 403, 403, 403),
    ("GET", "/admin/planning_report_submission/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/planning_report_submission/ajax/lookup/"): (302, 404, 404, 404, 404, 404),
    ("GET", "/admin/planning_report_submission/details/"): (302, 302, 302, 302, 302, 302),
    ("GET", "/admin/planning_report_submission/edit/"): (302, 302, 302, 302, 302, 302),
    ("GET", "/admin/planning_report_submission/export/<export_type>/"):
        (302, 302, 302, 302, 302, 302),
    ("GET", "/admin/planning_report_submission/new/"): (302, 302, 302, 302, 302, 302),
    ("GET", "/admin/planning_report_submission/submit/<id>/"): (302, 200, 200, 200, 404, 200),
    ("GET", "/admin/planning_report_type/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/planning_report_type/ajax/lookup/"): (302, 404, 404, 404, 404, 404),
    ("GET", "/admin/planning_report_type/details/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/planning_report_type/edit/"): (302, 200, 200, 403, 403, 403),
    ("GET", "/admin/planning_report_type/export/<export_type>/"): (302, 302, 302, 302, 302, 302),
    ("GET", "/admin/planning_report_type/new/"): (302, 200, 200, 403, 403, 403),
    ("POST", "/admin/planning_report_period/action/"): (302, 302, 302, 403, 403, 403),
    ("POST", "/admin/planning_report_period/ajax/update/"): (302, 404, 404, 403, 403, 403),
    ("POST", "/admin/planning_report_period/consolidate/<id>/"): (302, 303, 303, 403, 403, 403),
    ("POST", "/admin/planning_report_period/delete/"): (302, 302, 302, 403, 403, 403),
    ("POST", "/admin/planning_report_period/edit/"): (302, 302, 302, 403, 403, 403),
    ("POST", "/admin/planning_report_period/issue/<id>/"): (302, 200, 200, 403, 403, 403),
    ("POST", "/admin/planning_report_period/new/"): (302, 200, 200, 403, 403, 403),
    ("POST", "/admin/planning_report_submission/action/"): (302, 302, 302, 302, 302, 302),
    ("POST", "/admin/planning_report_submission/ajax/update/"): (302, 404, 404, 404, 404, 404),
    ("POST", "/admin/planning_report_submission/delete/"): (302, 302, 302, 302, 302, 302),
    ("POST", "/admin/planning_report_submission/edit/"): (302, 302, 302, 302, 302, 302),
    ("POST", "/admin/planning_report_submission/new/"): (302, 302, 302, 302, 302, 302),
    ("POST", "/admin/planning_report_submission/submit/<id>/"): (302, 200, 200, 200, 404, 200),
    ("POST", "/admin/planning_report_type/action/"): (302, 302, 302, 403, 403, 403),
    ("POST", "/admin/planning_report_type/ajax/update/"): (302, 404, 404, 403, 403, 403),
    ("POST", "/admin/planning_report_type/delete/"): (302, 302, 302, 403, 403, 403),
    ("POST", "/admin/planning_report_type/edit/"): (302, 200, 200, 403, 403, 403),
    ("POST", "/admin/planning_report_type/new/"): (302, 200, 200, 403, 403, 403),
}

API_EXPECTED: dict = {
    ("GET", "/api/v1/planning/reports/periods"): (401, 200, 200, 403, 403, 403),
    ("GET", "/api/v1/planning/reports/periods/<id:id>"): (401, 404, 404, 403, 403, 403),
    ("GET", "/api/v1/planning/reports/periods/<id:id>/report"): (401, 404, 404, 403, 403, 403),
    ("GET", "/api/v1/planning/reports/submissions"): (401, 200, 200, 200, 200, 200),
    ("GET", "/api/v1/planning/reports/submissions/<id:id>"): (401, 404, 404, 404, 404, 404),
    ("GET", "/api/v1/planning/reports/types"): (401, 200, 200, 200, 200, 200),
    ("GET", "/api/v1/planning/reports/types/<id:id>"): (401, 404, 404, 404, 404, 404),
    ("PATCH", "/api/v1/planning/reports/submissions/<id:id>"): (401, 404, 404, 404, 404, 404),
    ("PATCH", "/api/v1/planning/reports/types/<id:id>"): (401, 404, 404, 403, 403, 403),
    ("POST", "/api/v1/planning/reports/periods"): (401, 422, 422, 403, 403, 403),
    ("POST", "/api/v1/planning/reports/periods/<id:id>/consolidate"):
        (401, 404, 404, 403, 403, 403),
    ("POST", "/api/v1/planning/reports/periods/<id:id>/issue"): (401, 422, 422, 403, 403, 403),
    ("POST", "/api/v1/planning/reports/types"): (401, 422, 422, 403, 403, 403),
}
# fmt: on


def targets(app, agency) -> dict[str, str]:
    """A monthly report of A, A1 and B, its period 2026-11 open, and A1's submission."""
    if "planning" not in {p.name for p in app.extensions["vanphong"].plugins.enabled}:
        return {}
    from sqlalchemy import select

    from core.db import db
    from plugins.planning.reports import services
    from plugins.planning.reports.models import ReportSubmission, ReportType

    with app.app_context():
        report_type = services.save_type(
            db.session,
            ReportType(code="BC-THANG", name="Báo cáo tháng", period="month"),
            fields=[{"name": "so_lieu", "label": "Số liệu"}],
            unit_ids=[agency["a"], agency["a1"], agency["b"]],
        )
        period = services.open_period(db.session, report_type, "2026-11")
        db.session.commit()
        submission = db.session.scalar(
            select(ReportSubmission.id).where(
                ReportSubmission.period_id == period.id,
                ReportSubmission.unit_id == agency["a1"],
            )
        )
        return {
            "planning_report_type": str(report_type.id),
            "planning_report_period": str(period.id),
            "planning_report_submission": str(submission),
        }
