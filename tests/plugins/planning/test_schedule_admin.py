"""The back-office week page of the schedule: conflicts highlighted for the office, a unit's
own draft entries, the submission form, editing and withdrawing an entry, and the office's
week settings — every change through the services, refusals shown beside their field."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from core.db import db
from core.testing import csrf_token
from plugins.planning.schedule import services
from plugins.planning.schedule.models import ScheduleEntry, Week
from tests.plugins.planning.schedule_support import (
    AFTER_CUTOFF,
    BEFORE_CUTOFF,
    MONDAY,
    WEEK,
    build_world,
    entry_data,
    person,
)

pytestmark = pytest.mark.plugins("planning")


@pytest.fixture
def world(app, agency):
    return build_world(app, agency)


@pytest.fixture
def clashing(app, world, time_machine):
    """Week 11 (10/03–16/03): two entries holding the director on Monday morning."""
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    with app.test_request_context():
        for unit, content in (("a", "Họp giao ban phòng"), ("b", "Tiếp công dân")):
            services.submit_entry(
                db.session,
                entry_data(
                    world, day=MONDAY + timedelta(days=7), unit_id=world[unit], content=content
                ),
                person(world, f"head_{unit}"),
            )
        db.session.commit()


def test_the_office_sees_conflicts_highlighted_and_cannot_publish(
    world, clashing, client, login_as, time_machine
):
    time_machine.move_to(AFTER_CUTOFF, tick=False)
    login_as(world["office"], client)
    page = client.get("/admin/planning_schedule/?week=2031-W11").get_data(as_text=True)
    assert 'data-testid="week-title">Week 11 (10/03–16/03)' in page
    assert 'data-testid="conflicts"' in page
    assert "Nguyễn Văn Thành is in two places at once" in page
    assert page.count('data-conflict="1"') == 2
    token = csrf_token(client, "/admin/planning_schedule/?week=2031-W11")
    refused = client.post(
        "/admin/planning_schedule/publish",
        data={"csrf_token": token, "week": "2031-W11"},
        follow_redirects=True,
    )
    assert "cannot be published while 1 clashes remain" in refused.get_data(as_text=True)
    assert "Draft" in refused.get_data(as_text=True)


def test_a_unit_sees_its_own_draft_entries_and_no_conflicts(
    world, clashing, client, login_as, time_machine
):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    login_as(world["head_b"], client)
    page = client.get("/admin/planning_schedule/?week=2031-W11").get_data(as_text=True)
    assert "Tiếp công dân" in page and "Họp giao ban phòng" not in page
    assert 'data-testid="conflicts"' not in page and 'data-testid="publish-form"' not in page


def test_a_unit_submits_from_the_week_page(world, client, login_as, time_machine):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    login_as(world["head_a"], client)
    url = f"/admin/planning_schedule/?week={WEEK}"
    form = {
        "csrf_token": csrf_token(client, url),
        "day": "2031-03-04",
        "session": "afternoon",
        "start_time": "",
        "end_time": "",
        "content": "Hội nghị tập huấn cải cách hành chính",
        "leader_id": str(world["deputy"]),
        "participants": "Các phòng",
        "location": "",
        "room_id": str(world["hall"]),
        "vehicle_id": "0",
        "unit_id": str(world["a"]),
        "note": "",
    }
    done = client.post(f"/admin/planning_schedule/entries?week={WEEK}", data=form)
    assert done.status_code == 303, done.get_data(as_text=True)
    page = client.get(url).get_data(as_text=True)
    assert "Hội nghị tập huấn cải cách hành chính" in page and "Hội trường" in page
    refused = client.post(
        f"/admin/planning_schedule/entries?week={WEEK}",
        data={**form, "start_time": "09:00", "content": "Khác"},
    )
    assert refused.status_code == 200
    assert "give both times" in refused.get_data(as_text=True)


@pytest.fixture
def published(app, world, time_machine):
    """WEEK published with one entry of unit A: the director on Monday morning."""
    time_machine.move_to(AFTER_CUTOFF, tick=False)
    with app.test_request_context():
        office = person(world, "office")
        entry = services.submit_entry(db.session, entry_data(world), office)
        services.publish(db.session, entry.week, office)
        db.session.commit()
        return entry.id


def test_editing_a_published_entry_needs_a_reason_and_makes_a_version(
    app, world, published, client, login_as
):
    login_as(world["office"], client)
    url = f"/admin/planning_schedule/entries/{published}/edit"
    page = client.get(url).get_data(as_text=True)
    assert "saving makes a new version" in page
    form = {
        "csrf_token": csrf_token(client, url),
        "day": "2031-03-03",
        "session": "afternoon",
        "start_time": "",
        "end_time": "",
        "content": "Họp bàn kế hoạch cải cách hành chính",
        "leader_id": str(world["director"]),
        "participants": "",
        "location": "",
        "room_id": "0",
        "vehicle_id": "0",
        "unit_id": str(world["a"]),
        "note": "",
    }
    refused = client.post(url, data=form)
    assert refused.status_code == 200
    assert 'data-testid="error-note"' in refused.get_data(as_text=True)
    done = client.post(url, data={**form, "note": "Giám đốc bận buổi sáng"})
    assert done.status_code == 303
    with app.app_context():
        entry = db.session.get(ScheduleEntry, published)
        assert (entry.session, entry.week.published_version) == ("afternoon", 2)
    log = client.get(f"/admin/planning_schedule/?week={WEEK}").get_data(as_text=True)
    assert "Giám đốc bận buổi sáng" in log and "time: Morning → Afternoon" in log


def test_a_unit_cannot_edit_a_published_entry(world, published, client, login_as):
    login_as(world["head_a"], client)
    url = f"/admin/planning_schedule/entries/{published}/edit"
    token = csrf_token(client, url)
    answer = client.post(
        f"/admin/planning_schedule/entries/{published}/withdraw",
        data={"csrf_token": token, "reason": "Hoãn"},
        follow_redirects=True,
    )
    assert "only the office may amend it" in answer.get_data(as_text=True)


def test_withdrawing_from_the_edit_page(app, world, client, login_as, time_machine):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    with app.test_request_context():
        entry = services.submit_entry(db.session, entry_data(world), person(world, "head_a"))
        db.session.commit()
        entry_id = entry.id
    login_as(world["head_a"], client)
    token = csrf_token(client, f"/admin/planning_schedule/entries/{entry_id}/edit")
    done = client.post(
        f"/admin/planning_schedule/entries/{entry_id}/withdraw",
        data={"csrf_token": token, "reason": "Hoãn họp"},
    )
    assert done.status_code == 303
    with app.app_context():
        assert db.session.get(ScheduleEntry, entry_id).status == "withdrawn"
    page = client.get(f"/admin/planning_schedule/?week={WEEK}").get_data(as_text=True)
    assert "<del>Họp bàn kế hoạch cải cách hành chính</del>" in page


def test_the_office_sets_the_note_and_the_cut_off(app, world, client, login_as, time_machine):
    time_machine.move_to(BEFORE_CUTOFF - timedelta(days=3), tick=False)
    login_as(world["office"], client)
    token = csrf_token(client, f"/admin/planning_schedule/?week={WEEK}")
    done = client.post(
        "/admin/planning_schedule/settings",
        data={
            "csrf_token": token,
            "week": WEEK,
            "note": "Lịch này thay giấy mời",
            "cutoff_at": "2031-02-26T10:00",
            "reason": "",
        },
    )
    assert done.status_code == 303
    with app.app_context():
        week = db.session.scalar(select(Week))
        assert week.note == "Lịch này thay giấy mời"
        assert week.cutoff_at.isoformat() == "2031-02-26T03:00:00+00:00"
    page = client.get(f"/admin/planning_schedule/?week={WEEK}").get_data(as_text=True)
    assert "Units submit until 10:00 26/02/2031." in page
