"""The back office in a real browser: sign in, open every menu entry, manage plugins."""

import re

import pytest

PASSWORD = "correct-horse-battery"


@pytest.mark.plugins("hello")
def test_sign_in_open_every_menu_entry_and_disable_a_plugin(live_server, browser_page, make_user):
    make_user("chanh", PASSWORD, superuser=True, full_name="Nguyễn Văn Chánh")
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto(f"{live_server}/admin/")
    assert "/login" in page.url
    page.get_by_label("Tên đăng nhập").fill("chanh")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server}/admin/")
    assert page.get_by_test_id("current-user").inner_text() == "Nguyễn Văn Chánh"

    links = page.eval_on_selector_all(
        "nav a.dropdown-item, nav a.nav-link[href^='/admin']",
        "els => els.map(e => e.getAttribute('href'))",
    )
    assert "/admin/core_plugins/" in links and "/admin/hello_greeting/" in links
    for href in sorted(set(links)):
        response = page.goto(f"{live_server}{href}")
        assert response.status == 200, href
    assert not errors

    page.goto(f"{live_server}/admin/core_plugins/")
    row = page.locator("tr[data-plugin='hello']")
    assert row.locator(".badge").inner_text() == "enabled"
    row.get_by_role("button", name="Tắt").click()
    page.wait_for_url(f"{live_server}/admin/core_plugins/")
    assert page.get_by_text("Đã tắt: hello. Dữ liệu được giữ nguyên.").is_visible()
    assert re.search(r"Khởi động lại", page.content())

    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(re.compile(r".*/login$"))
