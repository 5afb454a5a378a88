"""Demo schedule for the demo agency (core/org/demo.py): this week's leaders' schedule — twenty
entries for the Director and the three Deputy Directors, rooms of the core demo, the car —
published by the Chief of Office, then amended once (a meeting moved to the afternoon)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.booking.models import Resource
from core.calendar.weeks import Week as IsoWeek
from core.i18n import agency_today, agency_zone
from core.identity.services import find_user
from core.org.models import Unit
from plugins.planning.schedule import services
from plugins.planning.schedule.bookings import LEADER
from plugins.planning.schedule.models import ScheduleEntry

NOTE = "Lịch này thay giấy mời đối với các cuộc họp nội bộ của Sở."

# day (0 = Monday), start, end (None: the whole morning or afternoon), content, presiding,
# participants, location, room, vehicle, preparing unit, people told by name
ENTRIES: list[tuple[Any, ...]] = [
    (0, "08:00", "09:30", "Giao ban lãnh đạo Sở", "thanhnv",
     "Ban Giám đốc, Chánh Văn phòng, Trưởng các phòng", "Phòng họp tầng 2", None, None, "VP",
     ("lanht",)),
    (0, "10:00", "11:30", "Họp Hội đồng Thi đua – Khen thưởng quý IV", "thanhnv",
     "Thành viên Hội đồng", "", "PH-T2", None, "TDKT", ("kientv",)),
    (0, "14:00", "16:30", "Làm việc với Phòng Tổ chức, biên chế về đề án vị trí việc làm",
     "hongtt", "Phòng TCBC", "", "PH-TT", None, "TCBC", ("thaopt",)),
    (0, "14:00", "17:00", "Kiểm tra công tác cải cách hành chính tại UBND huyện Ba Vì", "quanglm",
     "Phòng Cải cách hành chính", "UBND huyện Ba Vì", None, "XE-01", "CCHC", ("tamnt",)),
    (1, None, "morning", "Dự Hội nghị trực tuyến toàn quốc của Bộ Nội vụ", "hongtt",
     "Văn phòng, Phòng CCVC", "Điểm cầu UBND tỉnh", None, None, "VP", ()),
    (1, "08:00", "11:00", "Thẩm định hồ sơ thành lập hội, quỹ xã hội", "quanglm",
     "Phòng TCBC", "", "PH-TT", None, "TCBC", ()),
    (1, "14:00", "16:00", "Nghe báo cáo dự thảo Quy chế làm việc của Sở", "thanhnv",
     "Văn phòng, Thanh tra Sở", "", "PH-T2", None, "VP", ("lanht", "giangtv")),
    (1, "14:00", "17:00", "Thanh tra việc tuyển dụng viên chức tại Sở Giáo dục và Đào tạo",
     "thangpd", "Thanh tra Sở", "Sở Giáo dục và Đào tạo", None, None, "TTR", ("giangtv",)),
    (2, None, "morning", "Dự phiên họp thường kỳ tháng của UBND tỉnh", "thanhnv", "",
     "Hội trường UBND tỉnh", None, "XE-01", "VP", ()),
    (2, "08:30", "10:30", "Họp xét nâng bậc lương trước thời hạn", "hongtt",
     "Phòng CCVC, Văn phòng", "", "PH-T2", None, "CCVC", ("vinhpv",)),
    (2, "14:00", "17:00", "Chủ trì Hội nghị sơ kết cải cách hành chính", "quanglm",
     "Các phòng, đơn vị thuộc Sở", "Hội trường, tầng 1 nhà B", None, None, "CCHC", ()),
    (2, "14:00", "16:00", "Tiếp công dân định kỳ", "thangpd", "Thanh tra Sở",
     "Phòng tiếp công dân", None, None, "TTR", ()),
    (3, "08:00", "11:30", "Làm việc với Đoàn kiểm tra của Bộ Nội vụ", "thanhnv",
     "Ban Giám đốc, các phòng liên quan", "", "PH-T2", None, "VP", ("lanht",)),
    (3, "08:00", "11:00", "Họp triển khai kế hoạch thanh tra năm 2027", "thangpd",
     "Thanh tra Sở", "", "PH-TT", None, "TTR", ()),
    (3, "14:00", "16:30", "Làm việc với Phòng Công chức, viên chức về thi nâng ngạch", "hongtt",
     "Phòng CCVC", "", "PH-T2", None, "CCVC", ("vinhpv",)),
    (3, "14:00", "17:00", "Kiểm tra công tác văn thư, lưu trữ tại UBND huyện Đan Phượng",
     "quanglm", "Văn phòng, Tổ Văn thư – Lưu trữ", "UBND huyện Đan Phượng", None, None, "VP", ()),
    (4, "08:00", "10:00", "Họp Ban Giám đốc", "thanhnv", "Ban Giám đốc, Chánh Văn phòng", "",
     "PH-T2", None, "VP", ("lanht",)),
    (4, None, "morning", "Dự Hội nghị tổng kết công tác dân tộc, tôn giáo", "hongtt",
     "Phòng XDCQ", "Hội trường UBND tỉnh", None, None, "XDCQ", ()),
    (4, "14:00", "16:00", "Làm việc với Đoàn Thanh niên Sở", "quanglm", "Phòng XDCQ", "",
     "PH-TT", None, "XDCQ", ("longdv",)),
    (4, "14:00", "17:00", "Họp Hội đồng tuyển dụng công chức năm 2026", "thangpd",
     "Thành viên Hội đồng", "", "HT", None, "CCVC", ()),
]  # fmt: skip
AMENDED = "Họp Ban Giám đốc"


def add_demo_schedule(session: Session) -> None:
    """This week's schedule, once (nothing when the week exists, or without the demo agency)."""
    iso = IsoWeek.of(agency_today())
    office = find_user(session, "lanht")
    if office is None or services.find_week(session, iso) is not None:
        return
    units = {u.code: u.id for u in session.scalars(select(Unit))}
    resources = {r.code: r.id for r in session.scalars(select(Resource))}
    zone = agency_zone()
    for day, start, end, content, leader, people, place, room, car, unit, told in ENTRIES:
        data: dict[str, Any] = {
            "content": content,
            "leader_id": _id(session, leader),
            "participants": people,
            "participant_ids": [i for i in (_id(session, u) for u in told) if i],
            "location": place,
            "room_id": resources.get(room or ""),
            "vehicle_id": resources.get(car or ""),
            "unit_id": units[unit],
        }
        date_ = iso.monday + timedelta(days=day)
        if start is None:
            data.update(day=date_, session=end)
        else:
            data["starts_at"] = datetime.combine(date_, time.fromisoformat(start), zone)
            data["ends_at"] = datetime.combine(date_, time.fromisoformat(end), zone)
        services.submit_entry(session, data, office)
    week = services.open_week(session, iso)
    services.set_details(session, week, office, note=NOTE)
    _clear_clashes(session, week, office)
    services.publish(session, week, office)
    _amend(session, week, office)


def _clear_clashes(session: Session, week: Any, office: Any) -> None:
    """Other demo data may hold a room or a leader already: keep such an entry's place as text,
    or take the entry out, so the demo week publishes whatever else the demo booked."""
    for clash in services.conflicts(session, week):
        if not clash.blocking:
            continue
        entry = session.get(ScheduleEntry, clash.entry_id)
        if entry is None or not entry.active:
            continue
        if clash.slot == LEADER:
            services.withdraw_entry(session, entry, office, "Trùng lịch")
        else:
            field = "room_id" if entry.room and entry.room.name == clash.name else "vehicle_id"
            services.change_entry(session, entry, {field: None, "location": clash.name}, office)


def _amend(session: Session, week: Any, office: Any) -> None:
    """Version 2: the Board meeting moves to Friday afternoon."""
    entry = session.scalar(
        select(ScheduleEntry).where(
            ScheduleEntry.week_id == week.id, ScheduleEntry.content == AMENDED
        )
    )
    if entry is None or not entry.active:
        return
    friday = datetime.combine(entry.day, time(14), agency_zone())
    services.change_entry(
        session,
        entry,
        {"starts_at": friday, "ends_at": friday + timedelta(hours=2)},
        office,
        "Buổi sáng Giám đốc dự họp đột xuất tại UBND tỉnh.",
    )


def _id(session: Session, username: str) -> int | None:
    user = find_user(session, username)
    return user.id if user is not None else None
