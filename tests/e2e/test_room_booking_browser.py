"""Booking a room in the back office in a real browser (in Vietnamese): the approver books
the room for 09:00–10:00 and confirms at once; a clashing request for 09:30 waits in the
queue, and confirming it is refused with a message naming the booking that holds the time."""

import pytest

from core.db import db
from plugins.meetings.rooms import services

PASSWORD = "correct-horse-battery"
pytestmark = pytest.mark.plugins("meetings")


@pytest.fixture
def room(app, agency):
    with app.app_context():
        made = services.create_room(
            db.session,
            code="PH-T2",
            name="Phòng họp tầng 2",
            capacity=30,
            approver_id=agency["office"],
            building="Nhà A",
        )
        db.session.commit()
        return made.id


def book(page, live_server, room_id: int, start: str, end: str, purpose: str, confirm: bool):
    page.goto(f"{live_server}/admin/meetings_room_book/?room={room_id}")
    form = page.get_by_test_id("book-room-form")
    form.locator("input[name=starts_at]").fill(start)
    form.locator("input[name=ends_at]").fill(end)
    form.locator("input[name=purpose]").fill(purpose)
    form.locator("input[name=attendees]").fill("12")
    if confirm:
        form.locator("input[name=confirm]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_book_a_room_and_see_a_clash_refused(live_server, browser_page, agency, room):
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server}/login")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server}/admin/")

    book(page, live_server, room, "2031-03-03T09:00", "2031-03-03T10:00", "Giao ban", True)
    page.wait_for_url(f"{live_server}/admin/meetings_room_calendar/?day=2031-03-03")
    calendar = page.get_by_test_id("room-calendar-day")
    assert "Giao ban" in calendar.inner_text()
    assert calendar.locator("[data-status=confirmed]").count() == 1

    book(page, live_server, room, "2031-03-03T09:30", "2031-03-03T10:30", "Họp tổ", False)
    assert page.get_by_test_id("room-calendar-day").locator("[data-status=requested]").count() == 1

    page.goto(f"{live_server}/admin/meetings_room_queue/")
    row = page.get_by_test_id("room-queue").locator("tr", has_text="Họp tổ")
    row.locator("button[value=confirm]").click()
    page.wait_for_url(f"{live_server}/admin/meetings_room_queue/")
    refusal = page.locator(".alert-danger")
    assert refusal.is_visible()
    message = refusal.inner_text()
    assert "Phòng họp tầng 2" in message and "#1" in message and "Giao ban" in message
    assert page.get_by_test_id("room-queue").locator("tr", has_text="Họp tổ").count() == 1
    assert not errors
