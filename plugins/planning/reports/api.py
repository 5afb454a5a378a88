"""REST endpoints of the reporting regime, under ``/api/v1/planning/reports``: report types,
periods (opening one, its consolidated report, consolidating, issuing it as a BC document)
and submissions (a unit submits with ``PATCH``).

Every write goes through the services in one transaction. Submissions follow the record
rule of units: a unit head reaches their units' submissions, another unit's is a 404.
"""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import fields, validate
from sqlalchemy import and_, not_, select
from sqlalchemy.orm import joinedload

from core.api import (
    ApiBlueprint,
    Choice,
    Filter,
    Resource,
    equals,
    requires,
    with_etag,
)
from core.api.schemas import MAX_ID
from core.db import db
from core.i18n import agency_today
from plugins.planning.reports import services
from plugins.planning.reports.consolidation import (
    RECIPIENTS,
    consolidate,
    issue_report,
    summarize,
)
from plugins.planning.reports.models import (
    PERIOD_STATUSES,
    SUBMISSION_STATUSES,
    PeriodStatus,
    ReportPeriod,
    ReportSubmission,
    ReportType,
    SubmissionStatus,
)
from plugins.planning.reports.periods import KINDS
from plugins.planning.reports.rules import ReportError
from plugins.planning.reports.schemas import (
    ReportConsolidateSchema,
    ReportConsolidationSchema,
    ReportIssueSchema,
    ReportPeriodInputSchema,
    ReportPeriodSchema,
    ReportSubmissionSchema,
    ReportSubmissionUpdateSchema,
    ReportTypeInputSchema,
    ReportTypeSchema,
    ReportTypeUpdateSchema,
)

bp = ApiBlueprint(
    "planning_reports",
    __name__,
    url_prefix="/api/v1/planning/reports",
    description="The reporting regime: report types, their periods, each unit's submission, "
    "and the consolidated report of a period.",
)


def _user() -> Any:
    return current_user._get_current_object()


# -- report types ---------------------------------------------------------------------------


class ReportTypeResource(Resource):
    """Report types are the agency's: everyone reads them, the office changes them."""

    name = "types"
    model = ReportType
    schema = ReportTypeSchema
    create_schema = ReportTypeInputSchema
    update_schema = ReportTypeUpdateSchema
    permission = "planning.report_type"
    filters = {
        "period": equals(ReportType.period, Choice(KINDS)),
        "active": equals(ReportType.active),
    }
    sorts = {"code": ReportType.code, "name": ReportType.name}
    default_sort = "code"
    searchable = (ReportType.code, ReportType.name)

    def select(self) -> Any:
        return select(ReportType).options(joinedload(ReportType.units))

    def create(self, data: dict[str, Any]) -> ReportType:
        template, unit_ids = data.pop("fields"), data.pop("unit_ids")
        return services.save_type(
            db.session, ReportType(**data), fields=template, unit_ids=unit_ids
        )

    def update(self, obj: ReportType, data: dict[str, Any]) -> None:
        template, unit_ids = data.pop("fields", None), data.pop("unit_ids", None)
        for name, value in data.items():
            setattr(obj, name, value)
        services.save_type(db.session, obj, fields=template, unit_ids=unit_ids)


ReportTypeResource().register(bp)


# -- periods --------------------------------------------------------------------------------


class PeriodResource(Resource):
    """Periods are opened by the daily job; the office may open one by hand (POST)."""

    name = "periods"
    model = ReportPeriod
    schema = ReportPeriodSchema
    create_schema = ReportPeriodInputSchema
    permission = "planning.report_period"
    filters = {
        "type_id": equals(ReportPeriod.type_id),
        "status": equals(ReportPeriod.status, Choice(PERIOD_STATUSES)),
        "key": equals(ReportPeriod.key),
    }
    sorts = {
        "starts_on": ReportPeriod.starts_on,
        "due_on": ReportPeriod.due_on,
        "key": ReportPeriod.key,
    }
    default_sort = "-starts_on"

    def select(self) -> Any:
        return select(ReportPeriod).options(joinedload(ReportPeriod.type))

    def create(self, data: dict[str, Any]) -> ReportPeriod:
        report_type = db.session.get(ReportType, data["type_id"])
        if report_type is None:
            raise ReportError(_("Report type: does not exist."), field="type_id")
        return services.open_period(db.session, report_type, data["key"])


periods = PeriodResource()
periods.register(bp)


def _period_answer(period: ReportPeriod) -> Any:
    return with_etag(jsonify(ReportPeriodSchema().dump(period)), period)


@bp.route("/periods/<id:id>/report", methods=["GET"], endpoint="periods_report")
@requires("planning.report_period.view")
@bp.response(200, ReportConsolidationSchema)
def period_report(id: int) -> Any:
    """The period's consolidated report: the sum of each number, each unit's status,
    figures and text, and the units that did not report.

    Before consolidation it is a preview of what consolidating would give.
    """
    return summarize(db.session, periods.get(id, None))


@bp.route("/periods/<id:id>/consolidate", methods=["POST"], endpoint="periods_consolidate")
@requires("planning.report_period.manage", agency_wide=True)
@bp.arguments(ReportConsolidateSchema)
@bp.response(200, ReportPeriodSchema)
def consolidate_period(data: dict[str, Any], id: int) -> Any:
    """Consolidate a period: from then on no unit may submit or correct its report.

    Send the version as If-Match or `version`.
    """
    period = periods.get(id, None)
    periods.check_version(period, data.get("version"))
    consolidate(db.session, period, by=_user())
    db.session.commit()
    return _period_answer(period)


@bp.route("/periods/<id:id>/issue", methods=["POST"], endpoint="periods_issue")
@requires("planning.report_period.manage", agency_wide=True)
@bp.arguments(ReportIssueSchema)
@bp.response(200, ReportPeriodSchema)
def issue_period_report(data: dict[str, Any], id: int) -> Any:
    """Issue a consolidated period's report as a numbered BC document, once.

    The number comes from the register that numbers BC documents; `document_symbol` is the
    answer's number and symbol (e.g. 05/BC-SNV).
    """
    period = periods.get(id, None)
    periods.check_version(period, data.get("version"))
    issue_report(
        db.session,
        period,
        data["signed_on"],
        signer=data["signer"],
        summary=data.get("summary"),
        recipients=data.get("recipients") or RECIPIENTS,
        by=_user(),
    )
    db.session.commit()
    return _period_answer(period)


# -- submissions ----------------------------------------------------------------------------


def _periods_where(*conditions: Any) -> Any:
    return ReportSubmission.period_id.in_(select(ReportPeriod.id).where(*conditions))


def _open(wanted: bool) -> Any:
    status = PeriodStatus.OPEN if wanted else PeriodStatus.CONSOLIDATED
    return _periods_where(ReportPeriod.status == status.value)


def _overdue(wanted: bool) -> Any:
    overdue = and_(
        ReportSubmission.status == SubmissionStatus.PENDING.value,
        _periods_where(
            ReportPeriod.status == PeriodStatus.OPEN.value, ReportPeriod.due_on < agency_today()
        ),
    )
    return overdue if wanted else not_(overdue)


class SubmissionResource(Resource):
    """Submissions are opened by the periods; a unit submits (or corrects) its own with
    PATCH until the office consolidates the period."""

    name = "submissions"
    model = ReportSubmission
    schema = ReportSubmissionSchema
    update_schema = ReportSubmissionUpdateSchema
    permission = "planning.report_submission"
    scope_column = "unit_id"
    filters = {
        "period_id": equals(ReportSubmission.period_id),
        "unit_id": equals(ReportSubmission.unit_id),
        "status": equals(ReportSubmission.status, Choice(SUBMISSION_STATUSES)),
        "type_id": Filter(
            fields.Integer(validate=validate.Range(1, MAX_ID)),
            lambda type_id: _periods_where(ReportPeriod.type_id == type_id),
        ),
        "open": Filter(
            fields.Boolean(metadata={"description": "Periods not yet consolidated."}), _open
        ),
        "overdue": Filter(
            fields.Boolean(metadata={"description": "Still pending after the due date."}),
            _overdue,
        ),
    }
    sorts = {
        "period_id": ReportSubmission.period_id,
        "unit_id": ReportSubmission.unit_id,
        "status": ReportSubmission.status,
        "submitted_at": ReportSubmission.submitted_at,
    }
    default_sort = "-period_id"

    def select(self) -> Any:
        return select(ReportSubmission).options(
            joinedload(ReportSubmission.period).joinedload(ReportPeriod.type),
            joinedload(ReportSubmission.unit),
        )

    def update(self, obj: ReportSubmission, data: dict[str, Any]) -> None:
        services.submit(
            db.session,
            obj,
            data.get("figures", obj.figures),
            data.get("text", obj.text),
            by=_user(),
        )


SubmissionResource().register(bp)
