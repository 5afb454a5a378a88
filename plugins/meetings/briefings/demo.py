"""The demo briefing: the Department's weekly giao ban (Mondays 09:30, after the leaders' own
briefing), chaired by the Director, recorded by the Chief of Office, with its seven units —
three weeks of past sessions with the units' reports, pre-filled and filed minutes and issued
conclusion notices, and the coming weeks with some reports already in. All through the
services, as people would."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.booking.models import Resource
from core.booking.rules import BookingConflict
from core.db import utcnow
from core.i18n import agency_today, agency_zone
from core.identity.services import find_user
from core.org.models import Unit
from plugins.meetings.briefings import reports, services
from plugins.meetings.briefings.minutes import prefill_minutes
from plugins.meetings.briefings.models import BriefingSeries, BriefingSession
from plugins.meetings.meetings import conclusions, minutes
from plugins.meetings.meetings import services as meetings
from plugins.meetings.rooms.services import room_of_resource

TITLE = "Giao ban công tác tuần của Sở"
UNITS = ("VP", "TCBC", "XDCQ", "CCHC", "CCVC", "TTR", "TDKT")
ITEMS: list[dict[str, Any]] = [
    {"title": "Kiểm điểm việc thực hiện kết luận giao ban tuần trước", "kind": "follow_up"},
    {
        "title": "Các đơn vị báo cáo kết quả tuần qua, kế hoạch công tác tuần tới",
        "kind": "unit_reports",
    },
    {"title": "Ý kiến của các Phó Giám đốc", "kind": "general", "duration_minutes": 15},
    {"title": "Kết luận, chỉ đạo của Giám đốc", "kind": "general", "duration_minutes": 15},
]
#: What each unit reports: done last week, planned for next week, proposals.
REPORTS = {
    "VP": (
        "Trình ký 46 văn bản đi; tổ chức 3 cuộc họp; hoàn thành lịch công tác tuần.",
        "Chuẩn bị hội nghị sơ kết; rà soát tài sản cuối năm.",
        "Đề nghị các phòng gửi lịch công tác trước 15 giờ thứ Năm.",
    ),
    "TCBC": (
        "Thẩm định đề án vị trí việc làm của 4 đơn vị sự nghiệp.",
        "Trình phương án sắp xếp đơn vị sự nghiệp công lập.",
        "",
    ),
    "XDCQ": (
        "Hoàn thiện dự thảo tờ trình về tổ chức bộ máy trình HĐND tỉnh.",
        "Làm việc với UBND 2 huyện về sắp xếp đơn vị hành chính cấp xã.",
        "Đề nghị Văn phòng bố trí xe đi huyện ngày thứ Tư.",
    ),
    "CCHC": (
        "Kiểm tra cải cách hành chính tại 3 huyện; rà soát 12 thủ tục hành chính.",
        "Tổng hợp chỉ số cải cách hành chính quý IV.",
        "",
    ),
    "CCVC": (
        "Tổ chức thi nâng ngạch chuyên viên chính đợt 2.",
        "Công bố kết quả thi nâng ngạch.",
        "",
    ),
    "TTR": (
        "Kết thúc thanh tra công tác tuyển dụng tại Sở Y tế.",
        "Dự thảo kết luận thanh tra.",
        "",
    ),
    "TDKT": (
        "Thẩm định hồ sơ khen thưởng tổng kết năm của 8 đơn vị.",
        "Trình Hội đồng Thi đua – Khen thưởng họp xét.",
        "Đề nghị các đơn vị nộp hồ sơ trước ngày 20.",
    ),
}
#: Conclusions of the past sessions: content, lead unit, supporting units, days to do it.
POINTS = [
    (
        "Hoàn thiện phương án sắp xếp đơn vị sự nghiệp, trình Giám đốc",
        "TCBC",
        ("VP", "CCVC"),
        14,
    ),
    ("Tổng hợp chỉ số cải cách hành chính quý IV, báo cáo UBND tỉnh", "CCHC", ("VP",), 10),
    ("Chuẩn bị nội dung hội nghị tổng kết công tác năm", "VP", ("TDKT",), 21),
    ("Dự thảo kết luận thanh tra công tác tuyển dụng", "TTR", (), 7),
]
#: Units slow to report: their report comes after the cut-off (they vary week to week).
LATE = ("TTR", "XDCQ")
#: Units that already reported for the coming session.
EARLY = ("VP", "TCBC", "CCHC", "TDKT")


def add_demo_briefings(session: Session) -> None:
    """The demo series and its month of sessions, once (nothing without the demo agency or
    when the series exists)."""
    if session.scalar(select(BriefingSeries.id).where(BriefingSeries.title == TITLE)):
        return
    chair, secretary = find_user(session, "thanhnv"), find_user(session, "lanht")
    units = {u.code: u for u in session.scalars(select(Unit).where(Unit.code.in_(UNITS)))}
    resource = session.scalar(select(Resource).where(Resource.code == "PH-T2"))
    room = room_of_resource(session, resource.id) if resource is not None else None
    if chair is None or secretary is None or len(units) != len(UNITS):
        return  # no demo agency to brief
    monday = agency_today() - timedelta(days=agency_today().weekday())
    first = datetime.combine(monday - timedelta(weeks=3), time(9, 30), agency_zone())
    series = services.create_series(
        session,
        by=secretary,
        title=TITLE,
        chair_id=chair.id,
        secretary_id=secretary.id,
        unit_id=units["VP"].id,
        room_id=room.id if room is not None else None,
        location="" if room is not None else "Phòng họp tầng 2, nhà A",
        rrule="FREQ=WEEKLY;BYDAY=MO",
        first_starts_at=first,
        unit_ids=[units[code].id for code in UNITS],
        items=ITEMS,
    )
    try:
        made = services.generate_sessions(session, series, now=first - timedelta(hours=1))
        made += services.generate_sessions(session, series)
    except BookingConflict:
        return  # the room or the Director is taken: the series stays, without sessions
    now = utcnow()
    past = [s for s in made if s.meeting.starts_at <= now]
    for number, briefing in enumerate(past):
        _report(session, briefing, units, UNITS, late=LATE[number % len(LATE)])
        _hold_and_conclude(session, briefing, secretary, chair, units, number)
    coming = next((s for s in made if s.meeting.starts_at > now), None)
    if coming is not None:
        _report(session, coming, units, EARLY, late=None, at=min(now, coming.report_due_at))


def _report(
    session: Session,
    briefing: BriefingSession,
    units: dict[str, Unit],
    codes: tuple[str, ...],
    late: str | None,
    at: datetime | None = None,
) -> None:
    """The units' reports: two days before the cut-off, ``late`` two hours after it."""
    for code in codes:
        sent = briefing.report_due_at + timedelta(hours=2 if code == late else -48)
        done, planned, proposals = REPORTS[code]
        reports.submit_report(
            session,
            briefing,
            units[code].id,
            done=done,
            planned=planned,
            proposals=proposals,
            at=at if at is not None else sent,
        )


def _hold_and_conclude(
    session: Session,
    briefing: BriefingSession,
    secretary: Any,
    chair: Any,
    units: dict[str, Unit],
    number: int,
) -> None:
    """Held; minutes pre-filled and filed (BB); a conclusion notice of two points issued (TB);
    the oldest session's dossier closed."""
    meeting = briefing.meeting
    meetings.mark_held(session, meeting, by=secretary)
    prefill_minutes(session, briefing, by=secretary)
    minutes.write_minutes(
        session,
        meeting,
        by=secretary,
        conclusions="Giám đốc kết luận, giao nhiệm vụ cho các đơn vị theo thông báo kết luận.",
    )
    minutes.file_minutes(session, meeting, by=secretary)
    held_on = meeting.starts_at.astimezone(agency_zone()).date()
    points = [
        {
            "content": content,
            "lead_unit_id": units[lead].id,
            "supporter_unit_ids": [units[code].id for code in supporters],
            "deadline": held_on + timedelta(days=days),
        }
        for content, lead, supporters, days in (
            POINTS[number % len(POINTS)],
            POINTS[(number + 1) % len(POINTS)],
        )
    ]
    notice = conclusions.draft_notice(
        session,
        meeting,
        summary=f"Kết luận của Giám đốc tại cuộc họp giao ban ngày {held_on:%d/%m/%Y}",
        points=points,
        by=secretary,
    )
    conclusions.approve_notice(session, notice, by=chair)
    conclusions.issue_notice(session, notice, by=secretary)
    if number == 0:
        meetings.close(session, meeting, by=secretary)
