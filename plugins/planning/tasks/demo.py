"""Demo tasks of the demo agency (Sở Nội vụ): about two hundred, spread over its departments
and the office, in every state — not started, in progress, done on time and late, overdue,
cancelled, returned — with progress reports, extension requests (waiting, approved, refused)
and some from the conclusion notices of the leaders' briefings. Dates follow today, so the
desk, the urging digest and the statistics always have something to show."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.i18n import agency_today
from core.identity.models import User
from core.org.models import Membership, Unit
from plugins.planning.tasks import extensions, services
from plugins.planning.tasks.models import Task

COUNT = 200
FIRST_REF = "demo-notice/1/point/1"  # the first demo task's: present once the demo is in
DESCRIPTION = "Thực hiện theo chỉ đạo của lãnh đạo Sở."
#: Who assigns: the director, the deputy directors and the chief of the office.
ASSIGNERS = ("thanhnv", "hongtt", "quanglm", "thangpd", "lanht")
UNITS = ("TCBC", "XDCQ", "CCHC", "CCVC", "TTR", "TDKT", "VP")
TITLES = (
    "Rà soát, đề xuất sửa đổi quy chế làm việc của {unit}",
    "Tổng hợp báo cáo kết quả công tác tháng {month} của {unit}",
    "Xây dựng kế hoạch kiểm tra công vụ quý {quarter}",
    "Thẩm định hồ sơ đề nghị khen thưởng đợt {month}",
    "Chuẩn bị nội dung giao ban tháng {month}",
    "Rà soát thủ tục hành chính thuộc thẩm quyền giải quyết của Sở",
    "Cập nhật cơ sở dữ liệu cán bộ, công chức, viên chức",
    "Dự thảo báo cáo sơ kết công tác cải cách hành chính quý {quarter}",
    "Hướng dẫn các đơn vị đánh giá, xếp loại công chức năm {year}",
    "Tham mưu văn bản trả lời kiến nghị của cử tri",
    "Kiểm tra việc thực hiện quy chế dân chủ ở cơ sở",
    "Đề xuất phương án sắp xếp tổ chức bộ máy các đơn vị sự nghiệp",
)
EXPECTED = (
    "Báo cáo trình Giám đốc Sở",
    "Dự thảo văn bản trình lãnh đạo Sở ký ban hành",
    "Kế hoạch được phê duyệt",
    "Danh sách tổng hợp kèm đề xuất",
)
NOTES = (
    "Đã họp thống nhất với các đơn vị phối hợp",
    "Đang tổng hợp số liệu từ các phòng",
    "Đã hoàn thành dự thảo, đang xin ý kiến",
    "Chờ số liệu của UBND các huyện",
)
#: The fate of each task, by its index modulo the length of this tuple.
FATES = (
    "not_started",
    "in_progress",
    "done_on_time",
    "done_late",
    "overdue",
    "overdue_asking",
    "extended",
    "cancelled",
    "person",
    "returned",
    "in_progress",
    "refused",
)


def add_demo_tasks(session: Session) -> None:
    """Add the demo tasks once (a second run adds nothing)."""
    if session.scalar(select(Task.id).where(Task.source_ref == FIRST_REF)):
        return
    people = dict(session.execute(select(User.username, User)).all())
    units = {u.code: u for u in session.scalars(select(Unit).where(Unit.code.in_(UNITS)))}
    if len(units) < len(UNITS) or any(name not in people for name in ASSIGNERS):
        return  # not the demo agency
    staff = _staff(session, units)
    today = agency_today()
    for i in range(COUNT):
        _add(session, i, today, people, units, staff)
    session.flush()


def _staff(session: Session, units: dict[str, Unit]) -> dict[str, list[User]]:
    """Each demo unit's members who are not its head."""
    found: dict[str, list[User]] = {code: [] for code in units}
    by_id = {u.id: code for code, u in units.items()}
    rows = session.execute(
        select(Membership.unit_id, User)
        .join(User, User.id == Membership.user_id)
        .where(Membership.unit_id.in_(by_id), ~Membership.is_head)
        .order_by(User.id)
    ).all()
    for unit_id, user in rows:
        found[by_id[unit_id]].append(user)
    return found


def _add(
    session: Session,
    i: int,
    today: date,
    people: dict[str, User],
    units: dict[str, Unit],
    staff: dict[str, list[User]],
) -> None:
    fate = FATES[i % len(FATES)]
    code = UNITS[i % len(UNITS)]
    unit = units[code]
    assigner = people[ASSIGNERS[i % len(ASSIGNERS)]]
    month = (today - timedelta(days=30 * (i % 4))).month
    title = TITLES[i % len(TITLES)].format(
        unit=unit.abbreviation, month=month, quarter=(month - 1) // 3 + 1, year=today.year
    )
    finished = fate in ("done_on_time", "done_late", "overdue", "overdue_asking", "refused")
    assigned_on = today - timedelta(days=(45 + i % 40) if finished else i % 20)
    deadline = (
        today - timedelta(days=1 + i % 12) if finished else today + timedelta(days=2 + i % 45)
    )
    if fate in ("done_on_time", "done_late"):
        deadline = assigned_on + timedelta(days=20)
    person = staff[code][i % len(staff[code])] if fate == "person" and staff[code] else None
    notice = i % 7 == 0
    task = services.create_task(
        session,
        title=title,
        description=DESCRIPTION,
        expected_result=EXPECTED[i % len(EXPECTED)],
        priority=("normal", "high", "normal", "urgent", "low")[i % 5],
        lead_unit_id=None if person else unit.id,
        lead_user_id=person.id if person else None,
        supporter_unit_ids=[units[UNITS[(i + 3) % len(UNITS)]].id] if i % 3 == 0 else [],
        assigned_on=assigned_on,
        deadline=None if fate == "in_progress" and i % 4 == 1 else deadline,
        working_days=10 + i % 15 if fate == "in_progress" and i % 4 == 1 else None,
        assigner_id=assigner.id,
        source="meetings" if notice else None,
        source_ref=f"demo-notice/{i // 7 + 1}/point/1" if notice else None,
        cites=(
            f"Thông báo số {i // 7 + 10}/TB-SNV kết luận của Giám đốc Sở tại cuộc họp giao ban"
            if notice
            else ""
        ),
    )
    _live(session, task, fate, i, today, assigner)


def _live(session: Session, task: Task, fate: str, i: int, today: date, assigner: User) -> None:
    """Take ``task`` where its fate says, through the services."""
    note = NOTES[i % len(NOTES)]
    if fate in ("in_progress", "person", "extended", "overdue_asking", "refused"):
        services.report_progress(session, task, progress=20 + (i * 7) % 60, note=note)
    if fate == "done_on_time":
        services.complete(session, task, completed_on=task.deadline - timedelta(days=2), note=note)
    elif fate == "done_late":
        late = min(today, task.deadline + timedelta(days=3 + i % 5))
        services.complete(session, task, completed_on=late, note=note)
    elif fate == "cancelled":
        services.cancel(session, task, reason="Nội dung đã được lồng ghép vào nhiệm vụ khác")
    elif fate == "returned":
        services.return_task(
            session, task, reason="Nội dung không thuộc chức năng, nhiệm vụ của đơn vị"
        )
    elif fate in ("overdue_asking", "extended", "refused"):
        asked = extensions.request_extension(
            session,
            task,
            requested_deadline=max(task.deadline, today) + timedelta(days=10),
            reason="Chờ ý kiến góp ý của các sở, ngành",
        )
        if fate != "overdue_asking":
            extensions.decide_extension(
                session,
                asked,
                approve=fate == "extended",
                note="Đồng ý gia hạn" if fate == "extended" else "Đề nghị hoàn thành đúng hạn",
                by=assigner,
            )
