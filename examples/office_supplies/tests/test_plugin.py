"""The plugin as VanPhong sees it: loaded through its entry point with its hooks, migrations
that match its models, demo data, calendar entries, a home-page widget, Vietnamese."""

from datetime import UTC, datetime

import time_machine


def test_loaded_through_its_entry_point_with_its_hooks(app):
    info = app.extensions["vanphong"].plugins.plugins["supplies"]
    assert info.state == "enabled", info.reason
    assert info.distribution == "vanphong-office-supplies"
    assert info.hooks == [
        "calendar_entries",
        "dashboard_widgets",
        "demo_data",
        "register_admin_views",
        "register_blueprints",
        "register_models",
        "register_notification_types",
        "register_permissions",
        "register_scheduled_jobs",
    ]


def test_models_and_migrations_agree(app):
    from core import migrations
    from core.db import db
    from core.testing import enabled_branches

    with app.app_context():
        branch = next(b for b in enabled_branches(app) if b.name == "supplies")
        assert migrations.pending_changes(db.engine, branch) == []


def test_demo_data_is_added_once(app, db_session):
    from sqlalchemy import func, select

    from vanphong_supplies.hooks import demo_data
    from vanphong_supplies.models import Item

    demo_data(app, db_session)
    db_session.commit()
    demo_data(app, db_session)
    db_session.commit()
    assert db_session.scalar(select(func.count()).select_from(Item)) == 10


def test_approved_requests_are_on_the_calendar_of_their_unit_and_the_office(api, ask):
    with time_machine.travel(datetime(2026, 12, 7, 1, tzinfo=UTC), tick=False):  # Monday
        made = ask(needed_on="2026-12-09")
        ask(needed_on="2026-12-10")  # not approved: not on the calendar
        api("office").post(f"/requests/{made['id']}/approve")

    def titles(who: str) -> list[str]:
        answer = api(who).client.get(
            "/api/v1/calendar?from=2026-12-07T00:00:00%2B07:00&to=2026-12-14T00:00:00%2B07:00",
            headers=api(who).headers,
        )
        assert answer.status_code == 200, answer.get_json()
        return [e["title"] for e in answer.get_json() if e["source"] == "supplies"]

    assert titles("office") == ["Office supplies for Phòng Cải cách hành chính"]
    assert titles("staff_a") == titles("office")
    assert titles("head_b") == []


def test_the_office_sees_what_runs_low_on_its_home_page(app, agency, items, login_as):
    office = login_as(agency["office"]).get("/admin/").get_data(as_text=True)
    assert 'data-testid="supplies-low"' in office and "Ghim bấm" in office
    staff = login_as(agency["staff_a"], app.test_client()).get("/admin/").get_data(as_text=True)
    assert "supplies-low" not in staff


def test_the_plugin_speaks_vietnamese(make_app, make_user, login_as):
    app = make_app(plugins=("supplies",), locale="vi")
    client = login_as(make_user("root", superuser=True, app=app), app.test_client())
    page = client.get("/admin/supplies_item/").get_data(as_text=True)
    assert "Danh mục văn phòng phẩm" in page and "Tồn kho" in page


def test_the_openapi_document_lists_the_endpoints(app, agency, api):
    paths = (
        api("admin")
        .client.get("/api/v1/openapi.json", headers=api("admin").headers)
        .get_json()["paths"]
    )
    assert {
        "/api/v1/supplies/items",
        "/api/v1/supplies/requests",
        "/api/v1/supplies/requests/{id}/approve",
        "/api/v1/supplies/summary",
    } <= set(paths)


def test_demo_data_in_the_demo_agency_has_requests_at_every_step(app, db_session):
    """What `vanphong demo` does: the core's demo agency first, then each plugin's data."""
    from sqlalchemy import select

    from vanphong_supplies.models import Item, Request

    manager = app.extensions["vanphong"].plugins
    for _round in range(2):  # idempotent
        for impl in manager.hookimpls("demo_data"):
            manager.call_impl(impl, app=app, session=db_session)
            db_session.commit()
    statuses = sorted(db_session.scalars(select(Request.status)))
    assert statuses == ["approved", "issued", "submitted"]
    paper = db_session.scalar(select(Item).where(Item.code == "GA4"))
    assert paper.stock == 110  # 120 delivered, 10 issued to Phòng Cải cách hành chính
