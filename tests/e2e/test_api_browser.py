"""The API pages in a real browser: make a token, see it once, use it; the reference page
draws every endpoint from packaged files and "Try it out" calls the API in the session."""

import json
import urllib.request

PASSWORD = "correct-horse-battery"


def sign_in(page, live_server, username):
    page.goto(f"{live_server}/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server}/admin/")


def test_make_a_token_and_use_it(live_server, browser_page, agency):
    page = browser_page
    sign_in(page, live_server, "nhanvien")
    page.goto(f"{live_server}/admin/core_api_token/")
    form = page.get_by_test_id("token-form")
    form.locator("input[name=name]").fill("Ứng dụng di động")
    form.locator("select[name=days]").select_option("30")
    form.get_by_role("button").click()
    token = page.get_by_test_id("new-token").locator("code").inner_text()
    assert token.startswith("vp_")

    request = urllib.request.Request(  # noqa: S310 - the local live server
        f"{live_server}/api/v1/me", headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request) as response:  # noqa: S310 - the local live server
        assert json.load(response)["username"] == "nhanvien"

    page.goto(f"{live_server}/admin/core_api_token/")
    assert token not in page.content()
    tokens = page.get_by_test_id("tokens")
    assert "Ứng dụng di động" in tokens.inner_text()
    tokens.get_by_role("button", name="Thu hồi").click()
    page.wait_for_url(f"{live_server}/admin/core_api_token/")
    assert "Đã thu hồi" in page.get_by_test_id("tokens").inner_text()


def test_the_reference_page_lists_and_calls_the_api(live_server, browser_page, agency):
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    outside = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server) else None,
    )
    sign_in(page, live_server, "vanphong")
    page.goto(f"{live_server}/admin/core_api/")
    ui = page.get_by_test_id("swagger-ui")
    ui.locator(".opblock-summary-path", has_text="/api/v1/units/tree").first.wait_for()
    assert ui.locator(".opblock").count() >= 20
    operation = ui.locator(".opblock-get").filter(
        has=page.locator(".opblock-summary-path", has_text="/api/v1/units/tree")
    )
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()
    body = operation.locator(".responses-wrapper .live-responses-table .microlight").first
    body.wait_for()
    assert "Sở Nội vụ" in body.inner_text()

    change = ui.locator(".opblock-post").filter(
        has=page.locator(".opblock-summary-path", has_text="/api/v1/me/notifications/read")
    )
    change.locator(".opblock-summary").click()
    change.get_by_role("button", name="Try it out").click()
    change.locator("textarea.body-param__text").fill("{}")
    change.get_by_role("button", name="Execute").click()
    answer = change.locator(".responses-wrapper .live-responses-table .microlight").first
    answer.wait_for()
    assert '"marked": 0' in answer.inner_text()  # the session's CSRF token went as a header
    assert not errors and not outside  # no CDN: every file came from VanPhong
