"""The meeting dossier from proposal to closing through the services: numbered GM, BB and TB
from the register, bookings of the room and the chair, and the rules on each step."""

from __future__ import annotations

import pytest
import time_machine
from sqlalchemy import select

from core.booking.models import Booking, Resource
from core.booking.rules import BookingConflict
from core.db import db
from core.notifications.models import Notification
from core.registry.models import Document
from plugins.meetings.meetings import conclusions, minutes, rules, services
from plugins.meetings.meetings.models import BOOKING_OWNER, Meeting
from tests.plugins.meetings.meetings_support import (
    at,
    held,
    invited,
    issued_notice,
    minuted,
    propose,
    setup_dossier,
    user,
)

pytestmark = pytest.mark.plugins("meetings")


@pytest.fixture
def ids(app, agency):
    return setup_dossier(app, agency)


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield db.session
        db.session.rollback()


def test_from_proposal_to_closed_with_numbers_from_the_register(ids, ctx):
    with time_machine.travel(at(-72), tick=False):
        meeting = invited(ids)
        assert meeting.status == "invited"
        assert meeting.invitation.symbol == "01/GM-SNV"
    with time_machine.travel(at(3), tick=False):
        services.mark_held(ctx, meeting, by=user(ids, "office"))
        assert meeting.status == "held"
        minutes.write_minutes(ctx, meeting, by=user(ids, "office"), conclusions="Thống nhất.")
        filed = minutes.file_minutes(ctx, meeting, by=user(ids, "office"))
        assert (meeting.status, filed.document.symbol) == ("minuted", "02/BB-SNV")
        notice = issued_notice(ids, meeting)
        assert (meeting.status, notice.document.symbol) == ("concluded", "03/TB-SNV")
        services.close(ctx, meeting, by=user(ids, "office"))
        ctx.commit()
    assert meeting.status == "closed"
    sources = ctx.scalars(select(Document.source_ref).order_by(Document.number)).all()
    assert sources == [
        f"meeting/{meeting.id}/invitation",
        f"meeting/{meeting.id}/minutes",
        f"meeting/{meeting.id}/notice/{notice.id}",
    ]


def test_approval_books_the_room_and_the_chair(ids, ctx):
    meeting = propose(ids)
    services.approve(ctx, meeting, by=user(ids, "leader"))
    held_ = ctx.scalars(
        select(Booking).where(
            Booking.owner_type == BOOKING_OWNER, Booking.owner_ref == str(meeting.id)
        )
    ).all()
    kinds = sorted((b.resource.kind, b.status) for b in held_)
    assert kinds == [("person", "confirmed"), ("room", "confirmed")]
    chair = ctx.scalar(select(Resource).where(Resource.user_id == ids["leader"]))
    assert chair.name == "Trần Văn Giám"


def test_a_room_booked_twice_is_refused_naming_the_clash(ids, ctx):
    first = propose(ids, title="Họp giao ban")
    services.approve(ctx, first, by=user(ids, "leader"))
    second = propose(
        ids, title="Họp chuyên đề", chair_id=ids["head_a"], starts_at=at(1), ends_at=at(3)
    )
    with pytest.raises(BookingConflict) as refused:
        services.approve(ctx, second, by=user(ids, "head_a"))
    assert "Phòng họp tầng 2 is already booked" in str(refused.value)
    assert "Họp giao ban" in str(refused.value)


def test_a_chair_booked_twice_is_refused_naming_the_clash(ids, ctx):
    first = propose(ids, title="Họp giao ban")
    services.approve(ctx, first, by=user(ids, "leader"))
    second = propose(ids, title="Tiếp đoàn", room_id=ids["room2"], starts_at=at(1), ends_at=at(3))
    with pytest.raises(BookingConflict) as refused:
        services.approve(ctx, second, by=user(ids, "leader"))
    assert "Trần Văn Giám is already booked" in str(refused.value)
    assert second.status == "proposed"


def test_a_meeting_ending_before_it_starts_is_refused(ids, ctx):
    with pytest.raises(rules.MeetingError) as refused:
        propose(ids, starts_at=at(2), ends_at=at(1))
    assert refused.value.field == "ends_at"
    assert ctx.scalar(select(Meeting.id)) is None


def test_a_room_or_a_location_is_needed(ids, ctx):
    with pytest.raises(rules.MeetingError) as refused:
        propose(ids, room_id=None, location="")
    assert refused.value.field == "room_id"
    outside = propose(ids, room_id=None, location="UBND tỉnh, phòng họp số 1")
    assert outside.location == "UBND tỉnh, phòng họp số 1"


def test_the_chair_is_asked_to_approve_and_only_the_chair_or_an_approver_may(ids, ctx):
    meeting = propose(ids)
    asked = ctx.scalars(select(Notification.type).where(Notification.user_id == ids["leader"]))
    assert "meetings.proposed" in asked.all()
    with pytest.raises(rules.NotAllowed):
        services.approve(ctx, meeting, by=user(ids, "staff_a1"))
    services.approve(ctx, meeting, by=user(ids, "office"))  # holds meetings.meeting.approve
    assert meeting.status == "approved"


def test_times_are_fixed_once_approved(ids, ctx):
    meeting = propose(ids)
    services.approve(ctx, meeting, by=user(ids, "leader"))
    with pytest.raises(rules.MeetingConflict):
        services.update(ctx, meeting, by=user(ids, "office"), starts_at=at(5), ends_at=at(6))
    services.update(ctx, meeting, by=user(ids, "office"), title="Họp (đổi tên)")
    assert meeting.title == "Họp (đổi tên)"


def test_minutes_before_the_meeting_is_held_are_refused(ids, ctx):
    with time_machine.travel(at(-72), tick=False):
        meeting = invited(ids)
        with pytest.raises(rules.MeetingConflict) as refused:
            minutes.write_minutes(ctx, meeting, by=user(ids, "office"), conclusions="Sớm quá")
        assert "once it is held" in str(refused.value)
        with pytest.raises(rules.MeetingError):
            services.mark_held(ctx, meeting, by=user(ids, "office"))


def test_a_meeting_is_not_closed_before_its_minutes_are_filed(ids, ctx):
    with time_machine.travel(at(3), tick=False):
        meeting = held(ids)
        minutes.write_minutes(ctx, meeting, by=user(ids, "office"), conclusions="Nháp")
        with pytest.raises(rules.MeetingConflict) as refused:
            services.close(ctx, meeting, by=user(ids, "office"))
    assert refused.value.field == "minutes"


def test_filed_minutes_are_not_edited(ids, ctx):
    with time_machine.travel(at(3), tick=False):
        meeting = minuted(ids)
        with pytest.raises(rules.MeetingConflict):
            minutes.write_minutes(ctx, meeting, by=user(ids, "office"), conclusions="Sửa")


def test_minutes_start_prefilled_from_the_agenda_and_the_attendance(ids, ctx):
    from plugins.meetings.meetings import attendance

    with time_machine.travel(at(3), tick=False):
        meeting = held(ids)
        person, unit = meeting.invitees
        attendance.take_attendance(
            ctx,
            meeting,
            [
                attendance.Mark(person.id, "present"),
                attendance.Mark(unit.id, "absent", "Đi công tác"),
            ],
            by=user(ids, "office"),
        )
        draft = minutes.start_minutes(ctx, meeting, by=user(ids, "office"))
    assert draft.participants == "Nguyễn Văn An"
    assert draft.absentees == "Thanh tra Sở — Đi công tác"
    assert [i.heading for i in draft.items] == ["Báo cáo tiến độ"]


def test_a_point_without_a_lead_unit_is_refused(ids, ctx):
    with time_machine.travel(at(3), tick=False):
        meeting = minuted(ids)
        with pytest.raises(rules.MeetingError) as refused:
            conclusions.draft_notice(
                ctx,
                meeting,
                summary="Kết luận",
                points=[{"content": "Làm ngay", "lead_unit_id": None}],
                by=user(ids, "office"),
            )
    assert refused.value.field == "lead_unit_id"


def test_an_issued_notice_is_never_edited_a_correction_references_it(ids, ctx):
    with time_machine.travel(at(3), tick=False):
        meeting = minuted(ids)
        notice = issued_notice(ids, meeting, points=1)
        with pytest.raises(rules.MeetingConflict):
            conclusions.update_notice(
                ctx, notice, summary="Sửa", points=[{"content": "x", "lead_unit_id": ids["a"]}]
            )
        correction = conclusions.draft_notice(
            ctx,
            meeting,
            summary="Đính chính Thông báo kết luận",
            points=[{"content": "Hoàn thiện dự thảo trước 20/4", "lead_unit_id": ids["a"]}],
            corrects=notice,
            by=user(ids, "office"),
        )
    assert correction.corrects_id == notice.id
    assert notice.status == "issued"


def test_cancelling_releases_the_room_and_tells_the_invitees(ids, ctx):
    with time_machine.travel(at(-72), tick=False):
        meeting = invited(ids)
        services.cancel(ctx, meeting, by=user(ids, "office"), reason="Lãnh đạo bận đột xuất")
    open_ = ctx.scalars(select(Booking.status).where(Booking.owner_ref == str(meeting.id))).all()
    assert set(open_) == {"cancelled"}
    told = ctx.scalars(
        select(Notification.user_id).where(Notification.type == "meetings.cancelled")
    ).all()
    assert ids["staff_a1"] in told and ids["head_b"] in told
