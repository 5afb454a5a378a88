"""Demo plans of the demo agency (Sở Nội vụ, core/org/demo.py): this year's work programme
with twelve items, issued as a numbered CTr, and a monthly plan for every month up to the next
one cascading from it — past months published with their progress reported, this month's
published with tasks carrying its items out, next month's still a draft. Some items cite the
director's conclusion notice.

Everything goes through the services, as the office and the director would do it.
"""

from __future__ import annotations

import calendar
from contextlib import suppress
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import VanPhongError
from core.i18n import agency_today
from core.identity.services import find_user
from core.org.models import Unit
from core.registry.models import Document, DocumentType
from plugins.planning.plans import items, services
from plugins.planning.plans.models import Plan, PlanItem, PlanKind, PlanStatus
from plugins.planning.tasks import services as tasks

CONCLUSION = "conclusion"
DIRECTIVE = "directive"
#: The conclusion notice cited when the register has none (the register demo issues one).
FALLBACK_NOTICE = "05/TB-SNV"

# title, lead unit, timing, weight, source kind, source number, source text
PROGRAMME_ITEMS: list[tuple[str, str, str, int, str, str, str]] = [
    (
        "Tham mưu sắp xếp, kiện toàn tổ chức bộ máy các cơ quan chuyên môn thuộc UBND tỉnh",
        "TCBC",
        "Cả năm",
        3,
        DIRECTIVE,
        "05/CT-UBND",
        "Chỉ thị của Chủ tịch UBND tỉnh về tăng cường kỷ luật, kỷ cương hành chính",
    ),
    (
        "Thẩm định đề án vị trí việc làm của các cơ quan, đơn vị",
        "TCBC",
        "Quý II – Quý III",
        2,
        "",
        "",
        "",
    ),
    (
        "Triển khai Kế hoạch cải cách hành chính của tỉnh",
        "CCHC",
        "Cả năm",
        3,
        CONCLUSION,
        "",
        "Kết luận của Giám đốc Sở tại hội nghị triển khai nhiệm vụ năm",
    ),
    (
        "Xác định Chỉ số cải cách hành chính của các sở, ngành, địa phương",
        "CCHC",
        "Quý IV",
        2,
        "",
        "",
        "",
    ),
    (
        "Tổ chức thi tuyển, xét tuyển công chức, viên chức",
        "CCVC",
        "Quý II – Quý III",
        2,
        "",
        "",
        "",
    ),
    (
        "Bồi dưỡng kiến thức quản lý nhà nước cho công chức, viên chức",
        "CCVC",
        "Cả năm",
        1,
        "",
        "",
        "",
    ),
    (
        "Củng cố, kiện toàn chính quyền cơ sở; sắp xếp đơn vị hành chính cấp xã",
        "XDCQ",
        "Cả năm",
        3,
        CONCLUSION,
        "",
        "Kết luận của Giám đốc Sở về sắp xếp đơn vị hành chính cấp xã",
    ),
    (
        "Hướng dẫn thực hiện Luật Thanh niên và công tác thanh niên",
        "XDCQ",
        "Quý I – Quý II",
        1,
        "",
        "",
        "",
    ),
    (
        "Thanh tra công vụ, kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính",
        "TTR",
        "Cả năm",
        2,
        CONCLUSION,
        "",
        "Kết luận của Giám đốc Sở tại cuộc họp giao ban tháng",
    ),
    (
        "Giải quyết khiếu nại, tố cáo thuộc thẩm quyền của Sở",
        "TTR",
        "Cả năm",
        1,
        "",
        "",
        "",
    ),
    (
        "Phát động phong trào thi đua và xét khen thưởng tổng kết năm",
        "TDKT",
        "Quý I; Quý IV",
        2,
        "",
        "",
        "",
    ),
    (
        "Chuyển đổi số, số hóa hồ sơ lưu trữ của Sở",
        "VP",
        "Cả năm",
        2,
        DIRECTIVE,
        "12/CT-UBND",
        "Chỉ thị của UBND tỉnh về đẩy mạnh chuyển đổi số trong cơ quan nhà nước",
    ),
]

#: Items every monthly plan carries on (positions in PROGRAMME_ITEMS); one more rotates.
MONTHLY = (0, 2, 6, 8)
#: Progress reported by hand on past months' items (by position in the month's plan).
PAST_PROGRESS = (100, 90, 100, 75, 100)


def add_demo_plans(session: Session) -> None:
    """This year's programme and its monthly plans (once; nothing without the demo agency)."""
    office, director = find_user(session, "lanht"), find_user(session, "thanhnv")
    if office is None or director is None:
        return
    today = agency_today()
    exists = session.scalar(
        select(Plan.id).where(
            Plan.kind == PlanKind.PROGRAMME.value,
            Plan.level == "year",
            Plan.year == today.year,
            Plan.unit_id.is_(None),
        )
    )
    if exists is not None:
        return
    units = {u.code: u.id for u in session.scalars(select(Unit))}
    programme = _programme(session, today.year, units, office, director)
    for month in range(1, min(today.month + 1, 12) + 1):
        _month(session, programme, month, today, units, office, director)


def _programme(
    session: Session, year: int, units: dict[str, int], office: Any, director: Any
) -> Plan:
    notice = _conclusion_notice(session)
    plan = services.create_plan(
        session,
        title=f"Chương trình công tác năm {year} của Sở Nội vụ",
        kind=PlanKind.PROGRAMME.value,
        level="year",
        year=year,
        description="Các nhiệm vụ trọng tâm của Sở trong năm; các phòng cụ thể hóa vào kế hoạch "
        "công tác hằng tháng.",
        by=office,
    )
    for title, unit, timing, weight, kind, number, text in PROGRAMME_ITEMS:
        items.add_item(
            session,
            plan,
            title=title,
            lead_unit_id=units.get(unit),
            timing=timing,
            weight=weight,
            due_on=date(year, 12, 31),
            source_kind=kind,
            source_number=number or (notice if kind == CONCLUSION else ""),
            source_text=text,
            by=office,
        )
    services.approve(session, plan, by=director)
    services.publish(session, plan, by=office)
    _issue(session, plan, date(year, 1, 5), director, office)
    return plan


def _month(
    session: Session,
    programme: Plan,
    month: int,
    today: date,
    units: dict[str, int],
    office: Any,
    director: Any,
) -> None:
    year = programme.year
    last_day = date(year, month, calendar.monthrange(year, month)[1])
    plan = services.create_plan(
        session,
        title=f"Kế hoạch công tác tháng {month}/{year}",
        level="month",
        year=year,
        number=month,
        parent_id=programme.id,
        by=office,
    )
    others = [i for i in range(len(PROGRAMME_ITEMS)) if i not in MONTHLY]
    sources = sorted(programme.items, key=lambda i: i.position)
    cascaded = [
        items.cascade_item(
            session, sources[index], plan, by=office, timing=f"Tháng {month}", due_on=last_day
        )
        for index in (*MONTHLY, others[month % len(others)])
    ]
    if month > today.month:
        return  # next month's plan is still being drafted
    services.approve(session, plan, by=director)
    services.publish(session, plan, by=office)
    if month < today.month:
        for item, progress in zip(cascaded, PAST_PROGRESS, strict=False):
            items.report_item_progress(session, item, progress, by=office)
        return
    _carry_out(session, cascaded[:3], today, last_day, office)


def _carry_out(
    session: Session, month_items: list[PlanItem], today: date, last_day: date, office: Any
) -> None:
    """Tasks assigned this month for the first items, some under way: their progress rolls up
    into the month's items and on into the programme."""
    for index, item in enumerate(month_items):
        task = tasks.create_task(
            session,
            title=f"Xây dựng báo cáo kết quả: {item.title[0].lower()}{item.title[1:]}",
            lead_unit_id=item.lead_unit_id,
            deadline=max(last_day, today),
            expected_result="Báo cáo kết quả thực hiện gửi Văn phòng Sở tổng hợp",
            plan_item_id=item.id,
            by=office,
        )
        if index < 2:
            tasks.report_progress(session, task, progress=40 + 30 * index, by=None)


def _issue(session: Session, plan: Plan, signed_on: date, director: Any, office: Any) -> None:
    """Number the plan when the demo registers exist and the signing date has come."""
    if signed_on > agency_today() or plan.status != PlanStatus.PUBLISHED.value:
        return
    with suppress(VanPhongError):  # no register numbers CTr here: it stays unnumbered
        services.issue(
            session,
            plan,
            signed_on=signed_on,
            signer=str(director),
            recipients="Nơi nhận:\n- UBND tỉnh;\n- Các phòng, đơn vị thuộc Sở;\n- Lưu: VT, VP.",
            by=office,
        )


def _conclusion_notice(session: Session) -> str:
    """The symbol of the register's latest conclusion notice (TB), if the demo issued one."""
    symbol = session.scalar(
        select(Document.symbol)
        .join(DocumentType, Document.type_id == DocumentType.id)
        .where(DocumentType.code == "TB", Document.status == "issued")
        .order_by(Document.id.desc())
        .limit(1)
    )
    return symbol or FALLBACK_NOTICE
