"""A plugin package installed from tests/fixtures/ (its own pyproject.toml and entry point)
loads, migrates and shows its admin view, with no change to the core."""

from importlib.metadata import distribution

import pytest
from sqlalchemy import func, select, table

from core.db import db


@pytest.mark.plugins("hello")
def test_fixture_plugin_is_installed_as_a_separate_distribution(app):
    info = app.extensions["vanphong"].plugins.plugins["hello"]
    assert info.state == "enabled"
    assert info.distribution == "vanphong-hello"
    entry_points = distribution("vanphong-hello").entry_points
    assert [(ep.group, ep.name, ep.value) for ep in entry_points] == [
        ("vanphong.plugins", "hello", "vanphong_hello")
    ]


@pytest.mark.plugins("hello")
def test_fixture_plugin_migrates_and_serves_its_admin_view(app, run_cli, admin_client):
    assert run_cli("demo").exit_code == 0
    page = admin_client.get("/admin/hello_greeting/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Xin chào" in html
    assert 'href="/admin/hello_greeting/"' in admin_client.get("/admin/").get_data(as_text=True)
    with app.app_context():
        assert "hello" in app.extensions["vanphong"].registry.models
        assert "hello.greeting.manage" in app.extensions["vanphong"].registry.permissions
        assert (
            db.session.execute(select(func.count()).select_from(table("hello_greeting"))).scalar()
            == 1
        )


def test_fixture_plugin_admin_view_is_absent_when_not_enabled(admin_client):
    assert admin_client.get("/admin/hello_greeting/").status_code == 404
