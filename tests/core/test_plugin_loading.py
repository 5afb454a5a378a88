"""Two-stage loading through entry points, and every faulty-plugin case, lenient and strict."""

import pytest

from core.errors import ConfigError, PluginError

BUILT_IN = ("assets", "meetings", "planning", "reception", "regulations")

GOOD_HOOKS = """
@hookimpl
def dashboard_widgets(app, user):
    from core import Widget
    return [Widget("Temp", "<p>temp widget</p>")]
"""


def models_plugin(table: str, **manifest) -> dict:
    """A temporary plugin `faulty` that registers one model on ``table``."""
    model = f"""
        from sqlalchemy.orm import Mapped, mapped_column
        from core.db import Model

        class Thing(Model):
            __tablename__ = "{table}"
            id: Mapped[int] = mapped_column(primary_key=True)
        """
    hooks = """
        @hookimpl
        def register_models(app):
            from vp_temp_faulty.models import Thing
            return [Thing]
        """
    return {"hooks": hooks, "files": {"models.py": model}, **manifest}


FAULTS = {
    "import_error": (
        {"hooks": "import module_that_does_not_exist\n"},
        "failed",
        "ModuleNotFoundError",
    ),
    "unknown_hook": (
        {"hooks": "@hookimpl\ndef register_modles(app):\n    return []\n"},
        "failed",
        "unknown hook(s): register_modles",
    ),
    "missing_dependency": (
        {"depends": ("notinstalled",)},
        "missing-dependency",
        "needs notinstalled, which is not installed",
    ),
    "incompatible": ({"requires_core": ">=9"}, "incompatible", "requires core >=9"),
    "foreign_table": (models_plugin("other_thing"), "failed", "must start with 'faulty_'"),
    "data_policy_none_with_models": (
        models_plugin("faulty_thing", data_policy="none"),
        "failed",
        "data_policy 'none' declares no data",
    ),
    "foreign_blueprint": (
        {
            "hooks": """
            @hookimpl
            def register_blueprints(app):
                from flask import Blueprint
                return [Blueprint("auth", __name__)]
            """
        },
        "failed",
        "blueprint 'auth' must be named 'faulty' or 'faulty_…'",
    ),
    "foreign_admin_endpoint": (
        {
            "hooks": """
            @hookimpl
            def register_admin_views(app):
                from core.admin import BaseView, expose

                class Page(BaseView):
                    permission = "faulty.page"

                    @expose("/")
                    def index(self):
                        return "page"

                return [Page(name="Page", endpoint="core_plugins")]
            """
        },
        "failed",
        "admin view endpoint 'core_plugins' must start with 'faulty_'",
    ),
    "raising_register_hook": (
        {"hooks": "@hookimpl\ndef register_permissions(app):\n    raise RuntimeError('boom')\n"},
        "failed",
        "register_permissions: RuntimeError: boom",
    ),
}


def test_built_in_plugins_load_through_their_entry_points(make_app):
    app = make_app(plugins=BUILT_IN)
    manager = app.extensions["vanphong"].plugins
    for name in BUILT_IN:
        info = manager.plugins[name]
        assert info.state == "enabled", info.reason
        assert info.distribution == "vanphong"
        assert info.module == f"plugins.{name}"
        assert manager.pm.get_plugin(name).__name__ == f"plugins.{name}.hooks"


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_faulty_plugin_in_lenient_mode_leaves_the_app_running(
    fault, make_app, temp_plugin, make_user, login_as, plugin_states
):
    spec, state, reason = FAULTS[fault]
    temp_plugin("faulty", **spec)
    temp_plugin("healthy", hooks=GOOD_HOOKS)
    app = make_app(plugins=("faulty", "healthy"), strict=False)

    states = plugin_states(app)
    assert states["faulty"][0] == state
    assert reason in states["faulty"][1]
    assert states["healthy"] == ("enabled", "")

    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    login_as(make_user("root", superuser=True, app=app), client)
    home = client.get("/admin/")
    assert home.status_code == 200
    assert "temp widget" in home.get_data(as_text=True)
    plugins_page = client.get("/admin/core_plugins/").get_data(as_text=True)
    assert 'data-plugin="faulty"' in plugins_page


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_faulty_plugin_in_strict_mode_raises(fault, make_app, temp_plugin):
    spec, _state, reason = FAULTS[fault]
    temp_plugin("faulty", **spec)
    with pytest.raises(PluginError, match="faulty") as excinfo:
        make_app(plugins=("faulty",), strict=True)
    assert reason in str(excinfo.value)


def test_dependency_cycle_lenient_and_strict(make_app, temp_plugin, plugin_states):
    temp_plugin("alpha", depends=("beta",))
    temp_plugin("beta", depends=("alpha",))
    app = make_app(plugins=("alpha",), strict=False)
    states = plugin_states(app)
    assert states["alpha"][0] == states["beta"][0] == "failed"
    assert "dependency cycle: alpha → beta → alpha" in states["alpha"][1]
    assert app.test_client().get("/healthz").status_code == 200
    with pytest.raises(PluginError, match="dependency cycle"):
        make_app(plugins=("alpha",), strict=True)


def test_a_dependant_of_a_failed_plugin_is_missing_a_dependency(
    make_app, temp_plugin, plugin_states
):
    temp_plugin("base", hooks="raise RuntimeError('broken on import')\n")
    temp_plugin("child", depends=("base",))
    states = plugin_states(make_app(plugins=("child",), strict=False))
    assert states["base"][0] == "failed"
    assert states["child"] == ("missing-dependency", "needs base, which is failed")


def test_manifest_that_cannot_be_read_is_failed(make_app, temp_plugin, plugin_states):
    temp_plugin("broken", init="MANIFEST = 'not a manifest'\n")
    temp_plugin(
        "invalid",
        init=(
            "from core.plugins import Manifest\n"
            "MANIFEST = Manifest(name='Invalid', title='x', summary='x', version='1')\n"
        ),
    )
    states = plugin_states(make_app(plugins=(), strict=False))
    assert states["broken"] == ("failed", "vp_temp_broken has no MANIFEST (core.plugins.Manifest)")
    assert states["invalid"][0] == "failed"
    assert "name must be" in states["invalid"][1]


def test_dependencies_load_first_and_are_enabled_with_the_dependant(make_app, temp_plugin):
    temp_plugin("zeta")
    temp_plugin("alpha", depends=("zeta",))
    app = make_app(plugins=("alpha",))
    assert app.extensions["vanphong"].plugins.order == ["zeta", "alpha"]


def test_a_plugin_may_declare_hooks_for_others(make_app, temp_plugin):
    temp_plugin(
        "host",
        files={
            "hookspecs.py": """
            from core import hookspec


            @hookspec
            def host_greetings():
                "Greetings from the plugins that implement it."
            """
        },
    )
    temp_plugin(
        "guest",
        depends=("host",),
        hooks="@hookimpl\ndef host_greetings():\n    return 'xin chào'\n",
    )
    app = make_app(plugins=("guest",))
    assert app.extensions["vanphong"].plugins.pm.hook.host_greetings() == ["xin chào"]


def test_unknown_name_in_vanphong_plugins_is_a_config_error(make_app):
    with pytest.raises(ConfigError, match="not installed: nonexistent"):
        make_app(plugins=("nonexistent",))


def test_hooks_each_plugin_implements_are_listed(make_app):
    app = make_app(plugins=("hello",))
    info = app.extensions["vanphong"].plugins.plugins["hello"]
    assert info.hooks == [
        "demo_data",
        "register_admin_views",
        "register_blueprints",
        "register_models",
        "register_permissions",
    ]


def test_a_failing_dependency_leaves_its_healthy_siblings_enabled(
    make_app, temp_plugin, plugin_states
):
    temp_plugin("low")
    temp_plugin("mid", depends=("low",))
    temp_plugin("bad", hooks="raise RuntimeError('broken on import')\n")
    temp_plugin("top", depends=("mid", "bad"))
    app = make_app(plugins=("top",), strict=False)
    states = plugin_states(app)
    assert states["low"] == states["mid"] == ("enabled", "")
    assert states["bad"][0] == "failed"
    assert states["top"] == ("missing-dependency", "needs bad, which is failed")
    assert app.extensions["vanphong"].plugins.order == ["low", "mid"]


def test_hard_dependency_loads_first_even_when_the_other_way_is_optional(make_app, temp_plugin):
    temp_plugin("aa", depends=("bb",))
    temp_plugin("bb", optional_depends=("aa",))
    app = make_app(plugins=("aa",))
    assert app.extensions["vanphong"].plugins.order == ["bb", "aa"]


def test_an_api_blueprint_outside_its_prefix_fails_the_plugin(make_app, temp_plugin, plugin_states):
    temp_plugin(
        "stray",
        hooks="""
            @hookimpl
            def register_blueprints(app):
                from core.api import ApiBlueprint

                return [ApiBlueprint("stray", __name__, url_prefix="/api/v1/users")]
        """,
    )
    app = make_app(plugins=("stray",), strict=False)
    state, reason = plugin_states(app)["stray"]
    assert state == "failed" and "/api/v1/stray" in reason
