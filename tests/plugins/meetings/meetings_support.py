"""Shared by the meeting dossier's tests (no tests here): an agency with a register numbering
invitations (GM), minutes (BB) and notices (TB), a room, a leader who chairs, and shortcuts to
bring a meeting to a given step through the services."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from core.db import db
from core.identity.models import User
from core.identity.roles import ensure_builtin_roles
from core.identity.services import assign_role, create_user
from core.org.models import Unit
from core.org.services import add_member
from core.registry import catalog
from core.registry.models import DocumentType, Register
from plugins.meetings.meetings import attendance, conclusions, minutes, services
from plugins.meetings.meetings.models import Meeting
from plugins.meetings.rooms.services import create_room

#: A Monday well in the future, 08:00 in Hà Nội.
MONDAY = datetime(2031, 3, 3, 1, 0, tzinfo=UTC)
DAY = date(2031, 3, 3)


def at(hours: float, day: int = 0) -> datetime:
    """``hours`` after 08:00 (Hà Nội) on the Monday, ``day`` days on."""
    return MONDAY + timedelta(days=day, hours=hours)


def setup_dossier(app, agency) -> dict[str, int]:
    """The agency plus: one register numbering GM, BB and TB; a leader (Giám đốc) who
    chairs, with the approve permission; a room of 10 seats without approver; and a second
    room. Returns the agency's ids with ``leader``, ``room``, ``room2``, ``register``."""
    ids = dict(agency)
    with app.app_context():
        types = {t.code: t for t in db.session.scalars(select(DocumentType))}
        root = db.session.get(Unit, agency["root"])
        register = catalog.save_register(
            db.session,
            Register(name="Sổ văn bản đi", kind="ordinary", unit=root),
            [types[c] for c in ("GM", "BB", "TB")],
        )
        leader = create_user(
            db.session,
            "giamdoc",
            "correct-horse-battery-leader",
            full_name="Trần Văn Giám",
            email="giamdoc@example.org",
        )
        add_member(db.session, leader.id, root)
        assign_role(db.session, leader, ensure_builtin_roles(db.session)["staff"], root.id)
        room = create_room(
            db.session, code="PH2", name="Phòng họp tầng 2", capacity=10, location="Tầng 2"
        )
        room2 = create_room(db.session, code="HT", name="Hội trường lớn", capacity=200)
        db.session.commit()
        ids.update(leader=leader.id, room=room.id, room2=room2.id, register=register.id)
    return ids


def user(ids: dict[str, int], name: str) -> User:
    return db.session.get(User, ids[name])


def propose(ids: dict[str, int], **fields) -> Meeting:
    """A meeting of unit A chaired by the leader, recorded by the office, in the room, on the
    Monday 08:00–10:00, proposed by the office (in the current app context, flushed)."""
    values = {
        "title": "Họp triển khai kế hoạch cải cách hành chính",
        "chair_id": ids["leader"],
        "secretary_id": ids["office"],
        "unit_id": ids["a"],
        "starts_at": at(0),
        "ends_at": at(2),
        "room_id": ids["room"],
        **fields,
    }
    return services.propose(db.session, by=user(ids, "office"), **values)


def invited(ids: dict[str, int], **fields) -> Meeting:
    """A meeting approved, with two invitees and an agenda item, invitations sent."""
    meeting = propose(ids, **fields)
    office = user(ids, "office")
    services.add_invitee(db.session, meeting, by=office, user_id=ids["staff_a1"])
    services.add_invitee(db.session, meeting, by=office, unit_id=ids["b"])
    services.add_agenda_item(
        db.session, meeting, by=office, title="Báo cáo tiến độ", presenter_id=ids["head_a"]
    )
    services.approve(db.session, meeting, by=user(ids, "leader"))
    services.invite(db.session, meeting, by=office)
    return meeting


def held(ids: dict[str, int], **fields) -> Meeting:
    """An invited meeting, held (the caller's clock is past its start)."""
    meeting = invited(ids, **fields)
    services.mark_held(db.session, meeting, by=user(ids, "office"))
    return meeting


def minuted(ids: dict[str, int], **fields) -> Meeting:
    """A held meeting whose attendance was taken and minutes filed."""
    meeting = held(ids, **fields)
    office = user(ids, "office")
    attendance.take_attendance(
        db.session,
        meeting,
        [attendance.Mark(i.id, "present") for i in meeting.invitees],
        by=office,
    )
    minutes.write_minutes(db.session, meeting, by=office, conclusions="Thống nhất triển khai.")
    minutes.file_minutes(db.session, meeting, by=office)
    return meeting


def point(ids: dict[str, int], **fields) -> dict:
    return {
        "content": "Hoàn thiện dự thảo kế hoạch",
        "lead_unit_id": ids["a"],
        "supporter_unit_ids": [ids["b"]],
        "deadline": date(2031, 4, 15),
        **fields,
    }


def issued_notice(ids: dict[str, int], meeting: Meeting, points: int = 2):
    """A notice of ``points`` points, approved by the chair and issued."""
    notice = conclusions.draft_notice(
        db.session,
        meeting,
        summary="Kết luận của Giám đốc tại cuộc họp",
        points=[point(ids, content=f"Nhiệm vụ {n}") for n in range(1, points + 1)],
        by=user(ids, "office"),
    )
    conclusions.approve_notice(db.session, notice, by=user(ids, "leader"))
    conclusions.issue_notice(db.session, notice, by=user(ids, "office"))
    return notice
