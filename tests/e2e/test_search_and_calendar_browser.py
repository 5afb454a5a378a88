"""The search box and the calendar in a real browser, in Vietnamese."""

PASSWORD = "correct-horse-battery"


def test_search_from_the_top_bar_and_open_the_week(live_server, browser_page, agency):
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server}/login")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server}/admin/")

    box = page.get_by_test_id("search-box").locator("input[name=q]")
    box.fill("cai cach hanh chinh")
    box.press("Enter")
    page.wait_for_url(f"{live_server}/admin/core_search/?q=cai+cach+hanh+chinh")
    results = page.get_by_test_id("results")
    assert "Phòng Cải cách hành chính" in results.inner_text()
    results.get_by_role("link", name="Phòng Cải cách hành chính").click()
    page.wait_for_url(f"{live_server}/admin/core_unit/details/**")

    page.goto(f"{live_server}/admin/core_agenda/?week=2026-W48")
    assert page.get_by_test_id("week-title").inner_text() == "Tuần 48 (23/11–29/11)"
    assert page.get_by_test_id("agenda").locator("tr").count() == 7
    assert not errors
