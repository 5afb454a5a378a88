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


def test_switch_language_open_every_menu_entry_and_edit_a_unit(live_server, browser_page, agency):
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto(f"{live_server}/login")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill("correct-horse-battery")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server}/admin/")
    assert page.get_by_role("link", name="Tổ chức").is_visible()

    page.get_by_test_id("language").locator("select").select_option("en")
    page.wait_for_load_state("load")
    page.wait_for_selector("text=Organisation")
    assert page.get_by_role("button", name="Sign out").is_visible()

    links = page.eval_on_selector_all(
        "nav a.dropdown-item, nav a.nav-link[href^='/admin']",
        "els => els.map(e => e.getAttribute('href'))",
    )
    assert {"/admin/core_unit/", "/admin/core_orgchart/", "/admin/core_user/"} <= set(links)
    assert "/admin/core_role/" not in links  # the office does not manage roles
    for href in sorted(set(links)):
        response = page.goto(f"{live_server}{href}")
        assert response.status == 200, href
    assert not errors

    page.goto(f"{live_server}/admin/core_unit/edit/?id={agency['a1']}")
    page.locator("input[name=name]").fill("Tổ Kiểm tra và Giám sát")
    page.locator("input[type=submit][value='Save']").first.click()
    page.wait_for_url(re.compile(r".*/admin/core_unit/.*"))
    assert page.get_by_text("Tổ Kiểm tra và Giám sát").first.is_visible()
