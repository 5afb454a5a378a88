"""Demo data of the reporting regime: a monthly work report and a quarterly administrative
reform report for the demo agency's departments, last month's period with one report late
and one still missing, and this month's and this quarter's periods open."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.db import utcnow
from core.i18n import agency_today, agency_zone
from core.identity.models import User
from core.org.models import Unit
from plugins.planning.reports import periods, services
from plugins.planning.reports.cycle import heads_of
from plugins.planning.reports.models import ReportPeriod, ReportSubmission, ReportType

DEPARTMENTS = ("TCBC", "XDCQ", "CCHC", "CCVC", "TTR", "TDKT")

MONTHLY = {
    "code": "BC-CT-THANG",
    "name": "Báo cáo kết quả công tác",
    "period": periods.PeriodKind.MONTH.value,
    "cutoff_day": 14,
    "due_days": 1,
    "description": "Các phòng, đơn vị báo cáo kết quả công tác tháng, số liệu tính đến ngày 14.",
    "fields": [
        {"name": "van_ban_den", "label": "Số văn bản đến", "kind": "number", "required": True},
        {"name": "van_ban_di", "label": "Số văn bản đi", "kind": "number", "required": True},
        {"name": "nhiem_vu_hoan_thanh", "label": "Số nhiệm vụ hoàn thành", "kind": "number"},
        {"name": "nhiem_vu_qua_han", "label": "Số nhiệm vụ quá hạn", "kind": "number"},
        {"name": "ket_qua", "label": "Kết quả nổi bật", "kind": "text", "required": True},
        {"name": "kien_nghi", "label": "Khó khăn, vướng mắc và kiến nghị", "kind": "text"},
    ],
}
QUARTERLY = {
    "code": "BC-CCHC-QUY",
    "name": "Báo cáo tình hình thực hiện cải cách hành chính",
    "period": periods.PeriodKind.QUARTER.value,
    "cutoff_day": 14,
    "due_days": 3,
    "description": "Báo cáo quý về cải cách hành chính (Kế hoạch cải cách hành chính của Sở).",
    "fields": [
        {"name": "tthc_ra_soat", "label": "Số thủ tục hành chính được rà soát", "kind": "number"},
        {"name": "ho_so_dung_han", "label": "Hồ sơ giải quyết đúng hạn", "kind": "number"},
        {"name": "ho_so_tre_han", "label": "Hồ sơ giải quyết trễ hạn", "kind": "number"},
        {"name": "noi_dung", "label": "Nội dung đã thực hiện", "kind": "text", "required": True},
    ],
}
RESULTS = [
    "Hoàn thành thẩm định đề án vị trí việc làm của các đơn vị sự nghiệp trực thuộc.",
    "Tổ chức hội nghị tập huấn công tác chính quyền địa phương cho cán bộ cấp xã.",
    "Triển khai khảo sát mức độ hài lòng của người dân đối với dịch vụ hành chính công.",
    "Hoàn thành tổ chức thi tuyển công chức đợt 2, công bố kết quả đúng thời hạn.",
    "Tiến hành thanh tra việc thực hiện quy định về tuyển dụng tại hai đơn vị.",
    "Thẩm định hồ sơ đề nghị khen thưởng thành tích kháng chiến, chuyên đề.",
]
PROPOSALS = [
    "Đề nghị Văn phòng Sở bố trí phòng họp cho hội nghị sơ kết.",
    "",
    "Đề nghị bổ sung kinh phí khảo sát trong quý tới.",
    "",
    "Đề nghị các phòng phối hợp cung cấp hồ sơ đúng hạn.",
    "",
]


def add_demo_reports(session: Session) -> None:
    """Once: the two report types, last month's period (one late report, one missing) and
    this month's and this quarter's periods with a few reports in."""
    if session.scalar(select(ReportType.id).where(ReportType.code == MONTHLY["code"])):
        return
    units = list(
        session.scalars(select(Unit).where(Unit.code.in_(DEPARTMENTS)).order_by(Unit.path))
    )
    if not units:
        return  # no demo agency
    monthly = _report_type(session, MONTHLY, units)
    quarterly = _report_type(session, QUARTERLY, [u for u in units if u.code in ("CCHC", "TTR")])
    heads = heads_of(session, [u.id for u in units])
    people = {u.id: u for u in session.scalars(select(User).where(User.id.in_(heads.values())))}
    submitter = {unit_id: people.get(user_id) for unit_id, user_id in heads.items()}
    today = agency_today()

    last_month = periods.span_of(monthly.period, today.replace(day=1) - timedelta(days=1))
    past = _open(session, monthly, last_month)
    for index, submission in enumerate(_by_unit(session, past)):
        if index == len(units) - 1:
            continue  # one unit never reported: overdue
        late = index == len(units) - 2
        day = past.due_on + timedelta(days=3) if late else past.cutoff_on
        _submit(session, submission, index, submitter, _at(day, 9 + index))

    this_month = _open(session, monthly, periods.span_of(monthly.period, today))
    for index, submission in enumerate(_by_unit(session, this_month)[:2]):
        _submit(session, submission, index + 2, submitter, _earlier(this_month.cutoff_on, index))

    this_quarter = _open(session, quarterly, periods.span_of(quarterly.period, today))
    for submission in _by_unit(session, this_quarter)[:1]:
        at = _earlier(this_quarter.cutoff_on, 0)
        figures = {
            "tthc_ra_soat": 42,
            "ho_so_dung_han": 1286,
            "ho_so_tre_han": 7,
            "noi_dung": "Rà soát, đơn giản hóa 42 thủ tục hành chính; cập nhật quy trình nội bộ.",
        }
        services.submit(session, submission, figures, by=submitter.get(submission.unit_id), at=at)


def _report_type(session: Session, spec: dict[str, Any], units: list[Unit]) -> ReportType:
    values = {k: v for k, v in spec.items() if k != "fields"}
    return services.save_type(
        session, ReportType(**values), fields=spec["fields"], unit_ids=[u.id for u in units]
    )


def _open(session: Session, report_type: ReportType, span: periods.Span) -> ReportPeriod:
    period, _created = services.ensure_period(session, report_type, span)
    services.ensure_submissions(session, period, report_type.unit_ids)
    return period


def _by_unit(session: Session, period: ReportPeriod) -> list[ReportSubmission]:
    return list(
        session.scalars(
            select(ReportSubmission)
            .join(ReportSubmission.unit)
            .where(ReportSubmission.period_id == period.id)
            .order_by(Unit.path)
        )
    )


def _submit(
    session: Session,
    submission: ReportSubmission,
    index: int,
    submitter: dict[int, User | None],
    at: datetime,
) -> None:
    figures = {
        "van_ban_den": 120 + 37 * index,
        "van_ban_di": 45 + 11 * index,
        "nhiem_vu_hoan_thanh": 8 + index,
        "nhiem_vu_qua_han": index % 3,
        "ket_qua": RESULTS[index % len(RESULTS)],
        "kien_nghi": PROPOSALS[index % len(PROPOSALS)],
    }
    services.submit(session, submission, figures, by=submitter.get(submission.unit_id), at=at)


def _at(day: Any, hour: int) -> datetime:
    return datetime.combine(day, time(min(hour, 17), 30), agency_zone())


def _earlier(day: Any, index: int) -> datetime:
    """A time on ``day`` (in office hours), or now when that is still to come."""
    return min(_at(day, 8 + index), utcnow())
