"""The weekly schedule through its services: submissions around the cut-off, conflicts found
through the core's bookings, publishing (refused while a real double booking would result),
versions with their change log, and the notices to those concerned."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from core.booking import services as booking_services
from core.booking.models import Booking, Resource
from core.calendar.weeks import Week
from core.db import db
from core.errors import ConfigError
from core.notifications.models import Notification
from plugins.planning.schedule import bookings, clashes, services
from plugins.planning.schedule.models import OWNER_TYPE, ScheduleEntry, WeekVersion
from plugins.planning.schedule.rules import (
    CUTOFF_SETTING,
    NotAllowed,
    ScheduleConflict,
    ScheduleError,
    default_cutoff,
)
from tests.plugins.planning.schedule_support import (
    AFTER_CUTOFF,
    BEFORE_CUTOFF,
    CUTOFF,
    MONDAY,
    at,
    build_world,
    entry_data,
    person,
    utc,
)

pytestmark = pytest.mark.plugins("planning")


@pytest.fixture
def world(app, agency):
    return build_world(app, agency)


@pytest.fixture
def ctx(app):
    """A request context (links and messages need one), in English, with its session."""
    with app.test_request_context():
        yield db.session
        db.session.rollback()


def booking_of(session, entry: ScheduleEntry, resource_id: int) -> Booking:
    return session.scalar(
        select(Booking).where(
            Booking.owner_type == OWNER_TYPE,
            Booking.owner_ref == str(entry.id),
            Booking.resource_id == resource_id,
        )
    )


def leader_resource_id(session, user_id: int) -> int:
    return session.scalar(select(Resource.id).where(Resource.user_id == user_id))


def notified(session, user_id: int, kind: str) -> list[Notification]:
    return list(
        session.scalars(
            select(Notification).where(Notification.user_id == user_id, Notification.type == kind)
        )
    )


# -- submitting --------------------------------------------------------------------------------


def test_a_unit_submits_before_the_cut_off_and_its_entry_holds_requests(world, ctx, time_machine):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    staff = person(world, "staff_a1")
    entry = services.submit_entry(
        ctx, entry_data(world, unit_id=world["a1"], room_id=world["room"]), staff
    )
    ctx.commit()
    assert entry.status == "submitted"
    assert entry.week.iso.iso == "2031-W10" and entry.week.cutoff_at == utc(CUTOFF)
    assert (entry.starts_at, entry.ends_at) == (utc(at(0, 7, 30)), utc(at(0, 11, 30)))
    leader = ctx.get(Resource, leader_resource_id(ctx, world["director"]))
    assert leader.kind == "person" and leader.approver_id == world["office"]
    held = {b.resource_id: b.status for b in bookings.open_bookings(ctx, [entry.id])[entry.id]}
    assert held == {leader.id: "requested", world["room"]: "requested"}


def test_after_the_cut_off_only_the_office_adds_entries(world, ctx, time_machine):
    time_machine.move_to(AFTER_CUTOFF, tick=False)
    with pytest.raises(ScheduleError) as refused:
        services.submit_entry(ctx, entry_data(world), person(world, "head_a"))
    assert refused.value.field == "week"
    assert "closed at 16:00 27/02/2031" in str(refused.value)
    ctx.rollback()
    entry = services.submit_entry(ctx, entry_data(world), person(world, "office"))
    assert entry.status == "accepted"


def test_a_unit_changes_its_entry_until_the_cut_off_only(world, ctx, time_machine):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    head = person(world, "head_a")
    entry = services.submit_entry(ctx, entry_data(world), head)
    ctx.commit()
    services.change_entry(ctx, entry, {"session": "afternoon"}, head)
    ctx.commit()
    assert entry.starts_at == utc(at(0, 13, 30))
    time_machine.move_to(AFTER_CUTOFF, tick=False)
    with pytest.raises(ScheduleError, match="closed"):
        services.change_entry(ctx, entry, {"session": "morning"}, head)


def test_a_unit_submits_only_for_its_own_units(world, ctx, time_machine):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    with pytest.raises(ScheduleError) as refused:
        services.submit_entry(ctx, entry_data(world, unit_id=world["b"]), person(world, "head_a"))
    assert refused.value.field == "unit_id"


def test_the_cut_off_is_configurable_and_set_per_week(world, ctx, monkeypatch, time_machine):
    monkeypatch.setenv(CUTOFF_SETTING, "2 10:00")  # Tuesday 10:00 of the week before
    time_machine.move_to(at(-6, 10, 0), tick=False)  # that Tuesday, 10:00: closed
    with pytest.raises(ScheduleError, match="closed at 10:00 25/02/2031"):
        services.submit_entry(ctx, entry_data(world), person(world, "head_a"))
    ctx.rollback()
    week = services.open_week(ctx, Week.of(MONDAY))
    services.set_details(ctx, week, person(world, "office"), cutoff_at=at(-4, 12))
    entry = services.submit_entry(ctx, entry_data(world), person(world, "head_a"))
    assert entry.status == "submitted"
    monkeypatch.setenv(CUTOFF_SETTING, "Thursday")
    with pytest.raises(ConfigError, match=CUTOFF_SETTING):
        default_cutoff(week.iso.following)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"content": "  "}, "content"),
        ({"session": None}, "session"),
        ({"session": "evening"}, "session"),
        ({"leader_id": 999999}, "leader_id"),
        ({"room_id": "car"}, "room_id"),
        ({"vehicle_id": "room"}, "vehicle_id"),
        ({"participant_ids": [999999]}, "participant_ids"),
        ({"starts_at": at(0, 9)}, "ends_at"),
        ({"starts_at": at(0, 9), "ends_at": at(0, 8)}, "ends_at"),
        ({"starts_at": at(0, 9), "ends_at": at(1, 10)}, "ends_at"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(world, ctx, time_machine, fields, field):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    for key in ("room_id", "vehicle_id"):
        if isinstance(fields.get(key), str):
            fields[key] = world[fields[key]]
    data = entry_data(world, **fields)
    if "starts_at" in fields:
        data.pop("session")
    with pytest.raises(ScheduleError) as refused:
        services.submit_entry(ctx, data, person(world, "office"))
    assert refused.value.field == field
    ctx.rollback()
    assert ctx.scalar(select(func.count()).select_from(ScheduleEntry)) == 0


def test_exact_times_put_the_entry_in_its_half_day(world, ctx, time_machine):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    data = entry_data(world, starts_at=at(2, 14), ends_at=at(2, 16, 30))
    del data["session"], data["day"]
    entry = services.submit_entry(ctx, data, person(world, "office"))
    assert (entry.day, entry.session, entry.timed) == (
        MONDAY + timedelta(days=2),
        "afternoon",
        True,
    )
    services.change_entry(ctx, entry, {"day": MONDAY}, person(world, "office"))
    assert entry.starts_at == utc(at(0, 14)) and entry.timed
    with pytest.raises(ScheduleError) as refused:
        services.change_entry(
            ctx, entry, {"day": MONDAY + timedelta(days=7)}, person(world, "office")
        )
    assert refused.value.field == "day"


# -- conflicts and publishing ------------------------------------------------------------------


def _clashing_week(world, ctx):
    """Three entries of units A and B holding the director, the room and the car at once."""
    head_a, head_b = person(world, "head_a"), person(world, "head_b")
    first = services.submit_entry(
        ctx, entry_data(world, room_id=world["room"], vehicle_id=world["car"]), head_a
    )
    second = services.submit_entry(
        ctx,
        entry_data(
            world,
            content="Thanh tra công tác văn thư",
            unit_id=world["b"],
            starts_at=at(0, 9),
            ends_at=at(0, 10),
            session=None,
            room_id=world["room"],
        ),
        head_b,
    )
    third = services.submit_entry(
        ctx,
        entry_data(
            world,
            content="Kiểm tra tại huyện",
            leader_id=world["deputy"],
            unit_id=world["b"],
            vehicle_id=world["car"],
        ),
        head_b,
    )
    ctx.commit()
    return first, second, third


def test_the_office_sees_leader_room_and_vehicle_conflicts(world, ctx, time_machine):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    first, second, third = _clashing_week(world, ctx)
    found = services.conflicts(ctx, first.week)
    pairs = {(c.slot, c.entry_id, c.other_entry_id) for c in found}
    assert pairs == {
        ("leader", first.id, second.id),
        ("room", first.id, second.id),
        ("vehicle", first.id, third.id),
    }
    assert all(c.blocking for c in found)
    leader = next(c for c in found if c.slot == "leader")
    assert leader.message == (
        "Nguyễn Văn Thành is in two places at once: “Họp bàn kế hoạch cải cách hành chính” "
        "(03/03/2031 07:30–11:30) and “Thanh tra công tác văn thư” (03/03/2031 09:00–10:00)."
    )


def test_publishing_is_refused_while_conflicts_remain_and_changes_nothing(world, ctx, time_machine):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    first, _second, _third = _clashing_week(world, ctx)
    time_machine.move_to(AFTER_CUTOFF, tick=False)
    week = first.week
    with pytest.raises(ScheduleConflict) as refused:
        services.publish(ctx, week, person(world, "office"))
    assert len(refused.value.details) == 3
    assert "cannot be published while 3 clashes remain" in str(refused.value)
    ctx.rollback()
    assert week.status == "draft" and week.published_version == 0
    statuses = set(ctx.scalars(select(Booking.status).where(Booking.owner_type == OWNER_TYPE)))
    assert statuses == {"requested"}
    assert ctx.scalar(select(func.count()).select_from(WeekVersion)) == 0


def test_resolved_conflicts_publish_as_version_one_and_confirm_every_booking(
    world, ctx, time_machine
):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    first, second, third = _clashing_week(world, ctx)
    time_machine.move_to(AFTER_CUTOFF, tick=False)
    office = person(world, "office")
    services.change_entry(ctx, second, {"day": MONDAY + timedelta(days=1)}, office)
    services.change_entry(ctx, third, {"vehicle_id": None}, office)
    assert services.conflicts(ctx, first.week) == []
    version = services.publish(ctx, first.week, office)
    ctx.commit()
    assert (version.number, first.week.status, first.week.published_version) == (1, "published", 1)
    assert {e.status for e in (first, second, third)} == {"accepted"}
    statuses = ctx.execute(
        select(Booking.status, func.count())
        .where(Booking.owner_type == OWNER_TYPE)
        .group_by(Booking.status)
    ).all()
    assert dict(statuses) == {"confirmed": 6, "cancelled": 1}  # the car, given back
    assert [c["action"] for c in version.changes] == ["added"] * 3
    published = notified(ctx, world["director"], "planning.schedule_published")
    assert (
        len(published) == 1
        and published[0].subject == "The schedule of week 10 (03/03–09/03) is published"
    )
    assert notified(ctx, world["head_b"], "planning.schedule_published")  # a preparing unit


def test_a_request_outside_the_schedule_is_shown_and_rejected_on_publishing(
    world, ctx, time_machine
):
    time_machine.move_to(AFTER_CUTOFF, tick=False)
    entry = services.submit_entry(
        ctx, entry_data(world, room_id=world["room"]), person(world, "office")
    )
    outside = booking_services.request_booking(
        ctx,
        ctx.get(Resource, world["room"]),
        at(0, 8),
        at(0, 9),
        "Họp tổ",
        by=person(world, "staff_a1"),
    )
    ctx.commit()
    (clash,) = services.conflicts(ctx, entry.week)
    assert (clash.slot, clash.other_booking.id, clash.blocking) == ("room", outside.id, False)
    services.publish(ctx, entry.week, person(world, "office"))
    ctx.commit()
    ctx.refresh(outside)
    assert outside.status == "rejected"


def test_a_confirmed_booking_outside_blocks_publishing(world, ctx, time_machine):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    entry = services.submit_entry(
        ctx, entry_data(world, room_id=world["room"]), person(world, "head_a")
    )
    booking_services.request_booking(
        ctx,
        ctx.get(Resource, world["room"]),
        at(0, 10),
        at(0, 12),
        "Tiếp đoàn công tác",
        by=person(world, "office"),
        confirm=True,
    )
    ctx.commit()
    with pytest.raises(ScheduleConflict, match="Tiếp đoàn công tác"):
        services.publish(ctx, entry.week, person(world, "office"))


def test_the_database_refuses_a_double_booking_the_check_missed(
    world, ctx, time_machine, monkeypatch
):
    """Should a confirmed booking appear between the check and the confirmation, the core's
    database guard refuses it: a clear conflict naming the booking, nothing published."""
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    entry = services.submit_entry(
        ctx, entry_data(world, room_id=world["room"]), person(world, "head_a")
    )
    booking_services.request_booking(
        ctx,
        ctx.get(Resource, world["room"]),
        at(0, 10),
        at(0, 12),
        "Tiếp đoàn công tác",
        by=person(world, "office"),
        confirm=True,
    )
    ctx.commit()
    monkeypatch.setattr(clashes, "find_clashes", lambda session, entries: [])
    with pytest.raises(ScheduleConflict) as refused:
        services.publish(ctx, entry.week, person(world, "office"))
    assert refused.value.field == "room_id"
    assert "Phòng họp 1 is already booked at this time" in str(refused.value)
    held = select(Booking.resource_id, Booking.status).where(Booking.owner_ref == str(entry.id))
    statuses = dict(ctx.execute(held).all())
    leader = leader_resource_id(ctx, world["director"])
    # the room's request, displaced when the outside booking was confirmed, was asked for again
    # and refused; the leader's, confirmed before that, is undone with it
    assert statuses == {leader: "requested", world["room"]: "rejected"}
    ctx.rollback()
    assert ctx.scalar(select(func.count()).select_from(WeekVersion)) == 0


# -- after publishing: versions ----------------------------------------------------------------


@pytest.fixture
def published(world, ctx, time_machine):
    """WEEK published with one entry of unit A (director, the room), and one participant."""
    time_machine.move_to(AFTER_CUTOFF, tick=False)
    office = person(world, "office")
    entry = services.submit_entry(
        ctx,
        entry_data(world, room_id=world["room"], participant_ids=[world["staff_a1"]]),
        office,
    )
    services.publish(ctx, entry.week, office)
    ctx.commit()
    return entry


def test_a_published_week_changes_only_as_a_new_version(world, ctx, published):
    with pytest.raises(NotAllowed):
        services.change_entry(ctx, published, {"session": "afternoon"}, person(world, "head_a"))
    with pytest.raises(ScheduleError) as refused:
        services.change_entry(ctx, published, {"session": "afternoon"}, person(world, "office"))
    assert refused.value.field == "note" and "version 2" in str(refused.value)
    ctx.rollback()
    assert published.week.published_version == 1


def test_an_amendment_is_a_version_with_its_change_log_and_notices(world, ctx, published):
    office = person(world, "office")
    services.change_entry(
        ctx,
        published,
        {"session": "afternoon", "leader_id": world["deputy"]},
        office,
        "Giám đốc đi công tác đột xuất",
    )
    ctx.commit()
    week = published.week
    assert week.published_version == 2
    version = ctx.scalar(select(WeekVersion).where(WeekVersion.number == 2))
    (change,) = version.changes
    assert change["action"] == "changed" and change["fields"] == ["time", "leader"]
    assert (change["before"]["time"], change["after"]["time"]) == ("Morning", "Afternoon")
    assert change["after"]["leader"] == "Trần Thị Hồng"
    assert version.note == "Giám đốc đi công tác đột xuất" and version.created_by_id == office.id
    for user in ("director", "deputy", "staff_a1", "head_a"):  # old and new leader, unit A
        (notice,) = notified(ctx, world[user], "planning.schedule_changed")
        assert notice.subject == "The schedule of week 10 (03/03–09/03) changed (version 2)"
        assert "Giám đốc đi công tác đột xuất" in notice.body
        assert "time: Morning → Afternoon" in notice.body
    assert not notified(ctx, world["head_b"], "planning.schedule_changed")
    statuses = {
        b.resource_id: b.status for b in bookings.open_bookings(ctx, [published.id])[published.id]
    }
    assert statuses == {
        leader_resource_id(ctx, world["deputy"]): "confirmed",
        world["room"]: "confirmed",
    }


def test_withdrawing_and_adding_after_publishing_make_versions(world, ctx, published):
    office = person(world, "office")
    added = services.submit_entry(
        ctx, entry_data(world, session="afternoon"), office, "Bổ sung theo chỉ đạo"
    )
    services.withdraw_entry(ctx, published, office, "Hoãn cuộc họp")
    ctx.commit()
    numbers = ctx.execute(select(WeekVersion.number, WeekVersion.changes)).all()
    actions = {n: [c["action"] for c in changes] for n, changes in numbers}
    assert actions == {1: ["added"], 2: ["added"], 3: ["withdrawn"]}
    assert added.status == "accepted"
    assert bookings.open_bookings(ctx, [published.id])[published.id] == []


def test_an_amendment_onto_a_taken_time_is_refused_and_changes_nothing(world, ctx, published):
    office = person(world, "office")
    booking_services.request_booking(
        ctx,
        ctx.get(Resource, world["room"]),
        at(1, 8),
        at(1, 9),
        "Họp chi bộ",
        by=office,
        confirm=True,
    )
    ctx.commit()
    with pytest.raises(ScheduleConflict, match="Họp chi bộ"):
        services.change_entry(ctx, published, {"day": MONDAY + timedelta(days=1)}, office, "Dời")
    ctx.rollback()
    ctx.refresh(published)
    assert published.day == MONDAY and published.week.published_version == 1


def test_the_week_note_is_versioned_once_published(world, ctx, published):
    office = person(world, "office")
    with pytest.raises(ScheduleError) as refused:
        services.set_details(ctx, published.week, office, note="Lịch này thay giấy mời")
    assert refused.value.field == "note"
    ctx.rollback()
    services.set_details(
        ctx, published.week, office, note="Lịch này thay giấy mời", reason="Theo yêu cầu"
    )
    ctx.commit()
    assert published.week.note == "Lịch này thay giấy mời"
    assert published.week.published_version == 2
    assert notified(ctx, world["staff_a1"], "planning.schedule_changed")
    with pytest.raises(ScheduleError) as refused:
        services.set_details(ctx, published.week, office, cutoff_at=at(-3, 9))
    assert refused.value.field == "cutoff_at"
