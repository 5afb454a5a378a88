"""Enable, disable and purge: the enabled set lives in the database; data survives disabling."""

import pytest
from sqlalchemy import inspect, text

from core.db import db
from core.errors import PluginError
from core.plugins import services


@pytest.fixture
def system(make_app, temp_plugin):
    """An app that reads the enabled set from the database (no VANPHONG_PLUGINS override), with
    the installed `hello` fixture package and a temporary plugin that depends on it."""
    temp_plugin("fan", depends=("hello",))
    return make_app(plugins=None)


def tables(app):
    with app.app_context():
        return set(inspect(db.engine).get_table_names())


def greetings(app):
    with app.app_context():
        return (
            db.session.execute(text("SELECT text FROM hello_greeting ORDER BY id")).scalars().all()
        )


def add_greeting(app, value):
    with app.app_context():
        db.session.execute(text("INSERT INTO hello_greeting (text) VALUES (:t)"), {"t": value})
        db.session.commit()


def test_enabling_records_the_choice_migrates_and_enables_dependencies(
    system, make_app, plugin_states
):
    assert plugin_states(system)["hello"][0] == "available"
    with system.app_context():
        assert services.enable(system, ["fan"], actor="test") == ["hello", "fan"]
    assert {"hello_greeting", "alembic_version_hello"} <= tables(system)
    # The next process reads the choice from the database.
    restarted = make_app(plugins=None)
    states = plugin_states(restarted)
    assert states["hello"] == ("enabled", "")
    assert states["fan"] == ("enabled", "")
    assert states["planning"][0] == "available"


def test_disable_then_enable_keeps_every_row(system, make_app, plugin_states):
    with system.app_context():
        services.enable(system, ["hello"])
    add_greeting(system, "Xin chào")
    add_greeting(system, "Chào buổi sáng")
    with system.app_context():
        services.disable(system, ["hello"])
    disabled = make_app(plugins=None)
    assert plugin_states(disabled)["hello"] == ("disabled", "disabled by an administrator")
    assert "hello_greeting" in tables(disabled)
    with disabled.app_context():
        services.enable(disabled, ["hello"])
    assert greetings(make_app(plugins=None)) == ["Xin chào", "Chào buổi sáng"]


def test_disable_is_refused_while_a_dependant_stays_enabled(system):
    with system.app_context():
        services.enable(system, ["fan"])
        with pytest.raises(PluginError, match="fan depend"):
            services.disable(system, ["hello"])
        assert services.disable(system, ["fan", "hello"]) == ["fan", "hello"]


def test_purge_refusals_dry_run_and_purge(system, make_app):
    with system.app_context():
        services.enable(system, ["fan"])
    add_greeting(system, "Xin chào")

    with system.app_context():
        with pytest.raises(PluginError, match="it is enabled"):
            services.purge_plan(system, "hello")
        # hello recorded disabled while its dependant stays enabled: refused, naming the dependant.
        db.session.execute(
            text("UPDATE core_plugin SET enabled = :f WHERE name = 'hello'"), {"f": False}
        )
        db.session.commit()
        with pytest.raises(PluginError, match="fan depend"):
            services.purge_plan(system, "hello")
        services.disable(system, ["fan"])

    app = make_app(plugins=None)
    with app.app_context():
        plan = services.purge_plan(app, "hello")
    assert {(t.name, t.rows) for t in plan} == {("hello_greeting", 1), ("alembic_version_hello", 1)}
    assert "hello_greeting" in tables(app)

    with app.app_context():
        services.purge(app, "hello")
    left = tables(app)
    assert "hello_greeting" not in left and "alembic_version_hello" not in left
    assert "core_user" in left


def test_cli_enable_disable_purge(app, run_cli):
    result = run_cli("plugins", "enable", "hello")
    assert result.exit_code == 0, result.output
    assert "Migrating hello" in result.output
    add_greeting(app, "Xin chào")

    refused = run_cli("plugins", "purge", "hello", "--dry-run")
    assert refused.exit_code == 1
    assert "disable it first" in refused.output

    assert run_cli("plugins", "disable", "hello").exit_code == 0
    dry = run_cli("plugins", "purge", "hello", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "hello_greeting" in dry.output and "1" in dry.output
    assert "hello_greeting" in tables(app)

    purged = run_cli("plugins", "purge", "hello", "--yes")
    assert purged.exit_code == 0, purged.output
    assert "hello_greeting" not in tables(app)


def test_cli_errors_are_one_line(app, run_cli):
    result = run_cli("plugins", "enable", "nonexistent")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: not installed: nonexistent"
    result = run_cli("plugins", "disable", "hello")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: hello is not enabled"


def test_plugins_page_enables_and_disables_with_csrf(app, admin_client, make_app, plugin_states):
    from core.testing import csrf_token

    assert admin_client.post("/admin/core_plugins/hello/enable").status_code == 400  # no token
    assert plugin_states(make_app(plugins=None))["hello"][0] == "available"

    token = csrf_token(admin_client, "/admin/core_plugins/")
    enabled = admin_client.post("/admin/core_plugins/hello/enable", data={"csrf_token": token})
    assert enabled.status_code == 303
    page = admin_client.get("/admin/core_plugins/").get_data(as_text=True)
    assert "Enabled: hello." in page and "Restart VanPhong" in page
    assert plugin_states(make_app(plugins=None))["hello"] == ("enabled", "")

    admin_client.post("/admin/core_plugins/hello/disable", data={"csrf_token": token})
    assert plugin_states(make_app(plugins=None))["hello"][0] == "disabled"


def test_enable_all_skips_plugins_that_cannot_load(make_app, temp_plugin, plugin_states):
    from click.testing import CliRunner

    from core.cli import build_cli

    temp_plugin("future", requires_core=">=9")
    app = make_app(plugins=None)
    result = CliRunner().invoke(build_cli(app), ["plugins", "enable", "--all"])
    assert result.exit_code == 0, result.output
    states = plugin_states(make_app(plugins=None))
    assert states["future"] == ("incompatible", "requires core >=9, this is 1.0.0")
    assert states["planning"] == ("enabled", "")


def test_enabling_a_dependency_cycle_is_refused_before_migrating(make_app, temp_plugin):
    temp_plugin("alpha", depends=("beta",))
    temp_plugin("beta", depends=("alpha",))
    app = make_app(plugins=None)
    with app.app_context():
        with pytest.raises(PluginError, match="dependency cycle: alpha → beta → alpha"):
            services.enable(app, ["alpha"])
        assert services.recorded_states(db.engine) == {}


def test_enable_all_if_fresh_acts_only_on_a_fresh_database(app, run_cli, make_app, plugin_states):
    first = run_cli("plugins", "enable", "--all", "--if-fresh")
    assert first.exit_code == 0 and "Enabled:" in first.output
    assert run_cli("plugins", "disable", "planning").exit_code == 0
    again = run_cli("plugins", "enable", "--all", "--if-fresh")
    assert "already chosen" in again.output
    assert plugin_states(make_app(plugins=None))["planning"][0] == "disabled"
