"""The leaders' weekly schedule in a real browser, in Vietnamese: the office opens a published
week, sees its entries, and opens the printable grid with the leaders as columns."""

from datetime import date

import pytest

from core.db import db
from plugins.planning.schedule import services
from tests.plugins.planning.schedule_support import build_world, person

PASSWORD = "correct-horse-battery"
ENTRIES = [
    ("2026-11-23", "morning", "Giao ban lãnh đạo Sở", "director"),
    ("2026-11-24", "afternoon", "Làm việc với UBND huyện Gia Lâm", "deputy"),
]


@pytest.mark.plugins("planning")
def test_open_a_published_week_and_its_printable_grid(app, agency, live_server, browser_page):
    world = build_world(app, agency)
    with app.test_request_context():
        office = person(world, "office")
        for day, half, content, leader in ENTRIES:
            entry = services.submit_entry(
                db.session,
                {
                    "day": date.fromisoformat(day),
                    "session": half,
                    "content": content,
                    "leader_id": world[leader],
                    "unit_id": world["a"],
                },
                office,
            )
        services.publish(db.session, entry.week, office)
        db.session.commit()

    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server}/login")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server}/admin/")

    page.goto(f"{live_server}/admin/planning_schedule/?week=2026-W48")
    assert page.get_by_test_id("week-title").inner_text() == "Tuần 48 (23/11–29/11)"
    entries = page.get_by_test_id("week-entries")
    assert entries.locator("[data-entry]").count() == 2
    assert "Giao ban lãnh đạo Sở" in entries.inner_text()

    page.get_by_test_id("print-link").click()
    page.wait_for_url(f"{live_server}/admin/planning_schedule/print?week=2026-W48")
    assert page.get_by_test_id("week-title").inner_text() == "Tuần 48 (23/11–29/11)"
    grid = page.get_by_test_id("schedule-grid")
    assert grid.locator("thead th[data-leader]").all_inner_texts() == [
        "Nguyễn Văn Thành",
        "Trần Thị Hồng",
    ]
    monday = grid.locator("tr[data-day='2026-11-23'][data-session='morning'] td")
    assert "Giao ban lãnh đạo Sở" in monday.nth(0).inner_text()
    tuesday = grid.locator("tr[data-day='2026-11-24'][data-session='afternoon'] td")
    assert "Làm việc với UBND huyện Gia Lâm" in tuesday.nth(1).inner_text()
    assert grid.locator("tbody tr").count() == 10  # Monday to Friday, morning and afternoon
    assert not errors
