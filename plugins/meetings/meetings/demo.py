"""Demo meetings for the demo agency: a month of them around this week, in every state —
closed with minutes and an issued conclusion notice, concluded, minuted, held, invited,
approved, proposed and cancelled — made through the services, as people would."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.booking.models import Resource
from core.booking.rules import BookingConflict
from core.i18n import agency_today, agency_zone
from core.identity.models import User
from core.identity.services import find_user
from core.org.models import Unit
from plugins.meetings.meetings import attendance, conclusions, minutes, services
from plugins.meetings.meetings.models import Meeting, MeetingKind
from plugins.meetings.rooms.models import Room

#: The steps after the proposal, in order; a demo meeting walks them up to its ``status``.
WALK = ("approved", "invited", "held", "minuted", "concluded", "closed")


@dataclass(frozen=True)
class Demo:
    title: str
    kind: str
    unit: str  # preparing unit's code
    chair: str  # usernames
    secretary: str
    day: int  # days from this Monday
    hour: float
    hours: float
    room: str | None  # room code, or None: outside
    status: str
    invitees: tuple[str, ...]  # usernames, or unit codes in capitals
    agenda: tuple[tuple[str, str], ...] = ()  # title, presenter's username
    points: tuple[
        tuple[str, str, tuple[str, ...], int], ...
    ] = ()  # content, lead, supporters, days
    location: str = ""
    note: str = ""  # why a cancelled meeting was called off


MEETINGS = [
    Demo(
        "Họp triển khai kế hoạch cải cách hành chính năm 2027",
        MeetingKind.MEETING,
        "CCHC",
        "thanhnv",
        "lanht",
        -21,
        14,
        2,
        "PH-T2",
        "closed",
        ("tamnt", "toantv", "thaopt", "TTR"),
        (
            ("Dự thảo kế hoạch cải cách hành chính năm 2027", "tamnt"),
            ("Chỉ số cải cách hành chính của Sở năm 2026", "toantv"),
        ),
        (
            ("Hoàn thiện dự thảo kế hoạch, trình Giám đốc ký ban hành", "CCHC", ("VP",), 10),
            (
                "Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền",
                "CCHC",
                ("TTR", "TCBC"),
                30,
            ),
        ),
    ),
    Demo(
        "Làm việc với Sở Tài chính về dự toán ngân sách năm 2027",
        MeetingKind.WORKING_SESSION,
        "VP",
        "hongtt",
        "haivv",
        -16,
        9,
        2,
        "PH-TT",
        "concluded",
        ("lanht", "haivv", "TCBC"),
        (("Báo cáo dự toán ngân sách năm 2027", "lanht"),),
        (("Bổ sung thuyết minh dự toán chi thường xuyên", "VP", (), 7),),
    ),
    Demo(
        "Hội nghị tổng kết công tác thi đua – khen thưởng năm 2026",
        MeetingKind.WORKSHOP,
        "TDKT",
        "thanhnv",
        "lanht",
        -10,
        8,
        3,
        "HT-LON",
        "minuted",
        ("kientv", "thaopt", "longdv", "tamnt", "vinhpv", "giangtv"),
        (
            ("Báo cáo tổng kết công tác thi đua – khen thưởng", "kientv"),
            ("Trao tặng danh hiệu thi đua", "thanhnv"),
        ),
    ),
    Demo(
        "Họp rà soát đề án vị trí việc làm",
        MeetingKind.MEETING,
        "TCBC",
        "quanglm",
        "lanht",
        -3,
        14,
        2,
        "PH-T2",
        "held",
        ("thaopt", "dungtv", "CCVC"),
        (("Kết quả rà soát vị trí việc làm các đơn vị", "thaopt"),),
    ),
    Demo(
        "Họp chuẩn bị nội dung trình kỳ họp HĐND tỉnh",
        MeetingKind.MEETING,
        "XDCQ",
        "thanhnv",
        "lanht",
        2,
        9,
        2,
        "PH-T2",
        "invited",
        ("longdv", "phuchv", "XDCQ", "TCBC"),
        (("Dự thảo tờ trình về tổ chức bộ máy", "longdv"),),
    ),
    Demo(
        "Làm việc với Thanh tra tỉnh về kế hoạch thanh tra năm 2027",
        MeetingKind.WORKING_SESSION,
        "TTR",
        "thangpd",
        "giangtv",
        4,
        14,
        2,
        None,
        "approved",
        ("giangtv", "hanhht"),
        location="Trụ sở Thanh tra tỉnh, số 12 đường Trần Hưng Đạo",
    ),
    Demo(
        "Hội thảo chuyển đổi số trong quản lý văn bản và hồ sơ công việc",
        MeetingKind.WORKSHOP,
        "VP",
        "hongtt",
        "haivv",
        9,
        8,
        4,
        "HT",
        "proposed",
        ("lanht", "ngocbt", "VP", "CCHC"),
    ),
    Demo(
        "Họp bàn phương án sắp xếp đơn vị sự nghiệp",
        MeetingKind.MEETING,
        "TCBC",
        "quanglm",
        "lanht",
        7,
        9,
        2,
        "PH-TT",
        "cancelled",
        ("thaopt", "vinhpv"),
        note="Lùi lịch theo chỉ đạo của Giám đốc",
    ),
]


def add_demo_meetings(session: Session) -> None:
    """The demo meetings, once (nothing is added when they exist)."""
    first = MEETINGS[0].title
    if session.scalar(select(Meeting.id).where(Meeting.title == first)) is not None:
        return
    if find_user(session, MEETINGS[0].chair) is None:
        return  # no demo agency to meet in
    monday = agency_today() - timedelta(days=agency_today().weekday())
    for demo in MEETINGS:
        _make(session, demo, monday)


def _make(session: Session, demo: Demo, monday: date) -> None:
    people = _people(session, demo)
    starts = datetime.combine(monday + timedelta(days=demo.day), time(), agency_zone())
    starts += timedelta(hours=demo.hour)
    room_id = _room_id(session, demo.room)
    meeting = services.propose(
        session,
        kind=str(demo.kind),
        title=demo.title,
        chair_id=people[demo.chair].id,
        secretary_id=people[demo.secretary].id,
        unit_id=_unit(session, demo.unit).id,
        starts_at=starts,
        ends_at=starts + timedelta(hours=demo.hours),
        room_id=room_id,
        location=demo.location or ("" if room_id else "Phòng họp Sở Nội vụ"),
    )
    for name in demo.invitees:
        if name.isupper():
            services.add_invitee(session, meeting, unit_id=_unit(session, name).id)
        else:
            services.add_invitee(session, meeting, user_id=people[name].id)
    for title, presenter in demo.agenda:
        services.add_agenda_item(session, meeting, title=title, presenter_id=people[presenter].id)
    if demo.status == "cancelled":
        services.cancel(session, meeting, reason=demo.note)
        return
    for step in WALK[: WALK.index(demo.status) + 1] if demo.status in WALK else ():
        if not _take(session, meeting, step, demo):
            return


def _take(session: Session, meeting: Meeting, step: str, demo: Demo) -> bool:
    """Take one step; False when the room or chair turns out to be booked (the meeting then
    stays proposed, as it would in the office)."""
    if step == "approved":
        savepoint = session.begin_nested()
        try:
            services.approve(session, meeting)
        except BookingConflict:
            savepoint.rollback()
            return False
        savepoint.commit()
    elif step == "invited":
        services.invite(session, meeting)
    elif step == "held":
        services.mark_held(session, meeting)
        marks = [
            attendance.Mark(i.id, "absent", "Đi công tác")
            if n == 1
            else attendance.Mark(i.id, "present")
            for n, i in enumerate(meeting.invitees)
        ]
        attendance.take_attendance(session, meeting, marks)
    elif step == "minuted":
        minutes.write_minutes(
            session,
            meeting,
            items=[
                {
                    "agenda_item_id": a.id,
                    "heading": a.title,
                    "content": "Đơn vị trình bày; các thành viên thảo luận, thống nhất cao.",
                    "votes_for": len(meeting.invitees) - 1,
                    "votes_against": 0,
                    "votes_abstain": 0,
                }
                for a in meeting.agenda
            ],
            conclusions="Chủ trì kết luận, giao các đơn vị triển khai theo chức năng, nhiệm vụ.",
        )
        minutes.file_minutes(session, meeting)
    elif step == "concluded" and demo.points:
        notice = conclusions.draft_notice(
            session,
            meeting,
            summary=f"Kết luận của lãnh đạo Sở tại cuộc họp: {demo.title}",
            points=[_point(session, meeting, p) for p in demo.points],
        )
        conclusions.approve_notice(session, notice)
        conclusions.issue_notice(session, notice)
    elif step == "closed":
        services.close(session, meeting)
    return True


def _point(session: Session, meeting: Meeting, point: tuple[Any, ...]) -> dict[str, Any]:
    content, lead, supporters, days = point
    return {
        "content": content,
        "lead_unit_id": _unit(session, lead).id,
        "supporter_unit_ids": [_unit(session, s).id for s in supporters],
        "deadline": meeting.starts_at.astimezone(agency_zone()).date() + timedelta(days=days),
    }


def _people(session: Session, demo: Demo) -> dict[str, User]:
    names = {demo.chair, demo.secretary, *(n for n in demo.invitees if not n.isupper())}
    names |= {p for _title, p in demo.agenda}
    found = {n: find_user(session, n) for n in names}
    missing = [n for n, u in found.items() if u is None]
    if missing:
        raise LookupError(f"demo users missing: {', '.join(sorted(missing))}")
    return found  # type: ignore[return-value]


def _unit(session: Session, code: str) -> Unit:
    return session.scalars(select(Unit).where(Unit.code == code)).one()


def _room_id(session: Session, code: str | None) -> int | None:
    if code is None:
        return None
    return session.scalar(select(Room.id).join(Room.resource).where(Resource.code == code))
