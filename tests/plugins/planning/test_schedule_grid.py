"""The printable grid "Week 10 (03/03–09/03)" (leaders as columns, days × half-days as rows)
as HTML and PDF, with other plugins' events through the unified calendar and the schedule's
own entries shown once; and the week as iCalendar."""

from __future__ import annotations

import re

import pytest
from icalendar import Calendar

from core.db import db
from plugins.planning.schedule import services
from tests.plugins.planning.schedule_support import (
    AFTER_CUTOFF,
    BEFORE_CUTOFF,
    WEEK,
    at,
    build_world,
    entry_data,
    person,
)

#: Another plugin's event presided over by the deputy (found by username), Wednesday 09:00.
VISITS = """
    from datetime import UTC, datetime, timedelta

    from core import CalendarEntry
    from core.db import db
    from core.identity.services import find_user


    @hookimpl
    def calendar_entries(app, start, end, user):
        deputy = find_user(db.session, "hongtt")
        begins = datetime(2031, 3, 5, 2, 0, tzinfo=UTC)  # 09:00 in Hà Nội
        return [
            CalendarEntry("visits", "Tiếp đoàn Sở Nội vụ tỉnh Lào Cai", begins,
                          begins + timedelta(hours=2), location="Phòng khách",
                          leader_ids=(deputy.id,)),
            CalendarEntry("visits", "Không có lãnh đạo", begins, begins + timedelta(hours=1)),
        ]
"""


@pytest.fixture
def app(make_app, temp_plugin):
    temp_plugin("visits", hooks=VISITS)
    return make_app(plugins=("planning", "visits"))


@pytest.fixture
def world(app, agency):
    return build_world(app, agency)


@pytest.fixture
def week(app, world, time_machine):
    """WEEK published: the director on Monday morning (the room), the deputy on Tuesday
    14:00–16:00 (the car, a participant), a withdrawn entry; ids by name."""
    time_machine.move_to(AFTER_CUTOFF, tick=False)
    with app.test_request_context():
        office = person(world, "office")
        monday = services.submit_entry(db.session, entry_data(world, room_id=world["room"]), office)
        tuesday = services.submit_entry(
            db.session,
            entry_data(
                world,
                content="Làm việc với UBND huyện Gia Lâm",
                leader_id=world["deputy"],
                day=None,
                session=None,
                starts_at=at(1, 14),
                ends_at=at(1, 16),
                vehicle_id=world["car"],
                participants="Phòng Cải cách hành chính",
                participant_ids=[world["staff_a1"]],
                location="UBND huyện Gia Lâm",
            ),
            office,
        )
        dropped = services.submit_entry(
            db.session, entry_data(world, content="Họp đã hoãn", session="afternoon"), office
        )
        services.withdraw_entry(db.session, dropped, office)
        services.set_details(db.session, monday.week, office, note="Lịch này thay giấy mời")
        services.publish(db.session, monday.week, office)
        db.session.commit()
        return {"monday": monday.id, "tuesday": tuesday.id, "dropped": dropped.id}


def cells(page: str, day: str, session: str) -> list[str]:
    """The leader cells of one row of the printed grid."""
    row = re.search(rf'<tr data-day="{day}" data-session="{session}">(.*?)</tr>', page, re.S)
    assert row, (day, session)
    return re.findall(r"<td>(.*?)</td>", row.group(1), re.S)


def test_the_printable_grid_puts_each_event_under_its_leader(
    world, week, client, login_as, time_machine
):
    time_machine.move_to(AFTER_CUTOFF, tick=False)
    login_as(world["staff_a1"], client)
    response = client.get(f"/admin/planning_schedule/print?week={WEEK}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<h2 data-testid="week-title">Week 10 (03/03–09/03)</h2>' in page
    assert "Version 1" in page and "Lịch này thay giấy mời" in page
    leaders = re.findall(r'<th data-leader="(\d+)">([^<]+)</th>', page)
    assert leaders == [
        (str(world["director"]), "Nguyễn Văn Thành"),
        (str(world["deputy"]), "Trần Thị Hồng"),
    ]
    director, deputy = cells(page, "2031-03-03", "morning")
    assert "Họp bàn kế hoạch cải cách hành chính" in director and "Phòng họp 1" in director
    assert deputy.strip() == ""
    director, deputy = cells(page, "2031-03-04", "afternoon")
    assert "14:00–16:00" in deputy and "Làm việc với UBND huyện Gia Lâm" in deputy
    assert "Phòng Cải cách hành chính, Nguyễn Văn An" in deputy
    director, deputy = cells(page, "2031-03-05", "morning")
    assert "09:00–11:00" in deputy and "Tiếp đoàn Sở Nội vụ tỉnh Lào Cai" in deputy
    assert 'data-source="visits"' in deputy
    # the schedule's own entries come back through the unified calendar: shown once
    assert page.count("Làm việc với UBND huyện Gia Lâm") == 1
    assert "Họp đã hoãn" not in page and "Không có lãnh đạo" not in page
    assert "2031-03-08" not in page  # an empty weekend has no rows
    assert len(re.findall(r"<tr data-day=", page)) == 10


def test_the_grid_as_pdf_carries_the_week_title(world, week, client, login_as):
    login_as(world["office"], client)
    response = client.get(f"/admin/planning_schedule/pdf?week={WEEK}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    data = response.get_data()
    assert data.startswith(b"%PDF-")
    title = re.search(rb"/Title <feff([0-9a-f]+)>", data)
    assert bytes.fromhex(title.group(1).decode()).decode("utf-16-be") == "Week 10 (03/03–09/03)"
    assert data.rstrip().endswith(b"%%EOF")


def test_the_week_as_icalendar_parses_back(world, week, client, login_as):
    login_as(world["staff_a1"], client)
    response = client.get(f"/admin/planning_schedule/ical?week={WEEK}")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    events = Calendar.from_ical(response.get_data()).walk("VEVENT")
    found = {str(e["summary"]): e for e in events}
    assert set(found) == {
        "Họp bàn kế hoạch cải cách hành chính",
        "Làm việc với UBND huyện Gia Lâm",
    }
    tuesday = found["Làm việc với UBND huyện Gia Lâm"]
    assert tuesday.decoded("dtstart") == at(1, 14)
    assert str(tuesday["uid"]) == f"planning.schedule_entry.{week['tuesday']}"
    assert str(tuesday["location"]) == "UBND huyện Gia Lâm"


def test_published_entries_join_the_unified_calendar_once(world, week, client, api_token):
    headers = {"Authorization": f"Bearer {api_token(world['head_b'])}"}
    url = "/api/v1/calendar?from=2031-03-03T00:00:00%2B07:00&to=2031-03-10T00:00:00%2B07:00"
    entries = client.get(url, headers=headers).json
    mine = [e for e in entries if e["source"] == "planning"]
    assert [(e["title"], e["leader_ids"]) for e in mine] == [
        ("Họp bàn kế hoạch cải cách hành chính", [world["director"]]),
        ("Làm việc với UBND huyện Gia Lâm", [world["deputy"]]),
    ]


def test_a_draft_week_is_on_no_one_s_calendar(world, app, client, api_token, time_machine):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    with app.test_request_context():
        services.submit_entry(db.session, entry_data(world), person(world, "head_a"))
        db.session.commit()
    headers = {"Authorization": f"Bearer {api_token(world['head_a'])}"}
    url = "/api/v1/calendar?from=2031-03-03T00:00:00%2B07:00&to=2031-03-10T00:00:00%2B07:00"
    assert [e for e in client.get(url, headers=headers).json if e["source"] == "planning"] == []
