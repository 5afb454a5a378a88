"""The third-party kit: hook mistakes are reported, not ignored; each plugin's hooks are shown in
`plugins list` and on the Plugins page; the guide covers every hook and names the public core
modules, and the example plugin uses nothing else."""

import ast
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from core.cli import build_cli
from core.errors import PluginError
from core.plugins.scaffold import new_plugin
from core.plugins.scaffold.hookfile import declared_hooks

ROOT = Path(__file__).parents[2]
DOCS = ROOT / "docs" / "plugins"
EXAMPLE = ROOT / "examples" / "office_supplies"

TYPO = """
@hookimpl
def register_model(app):
    return []
"""

MISSING_DECORATOR = """
def register_permissions(app):
    from core import Permission
    return [Permission("typo.thing.view", "See things")]
"""

WRONG_ARGUMENT = """
@hookimpl
def register_models(application):
    return []
"""


def test_a_misspelt_hook_fails_the_plugin_naming_it_and_the_others_load(
    make_app, temp_plugin, plugin_states
):
    temp_plugin("typo", hooks=TYPO)
    app = make_app(plugins=("typo", "hello"), strict=False)
    states = plugin_states(app)
    assert states["typo"] == (
        "failed",
        "implements unknown hook(s): register_model (did you mean register_models?)",
    )
    assert states["hello"] == ("enabled", "")
    manager = app.extensions["vanphong"].plugins
    assert manager.pm.get_plugin("typo") is None  # unregistered: nothing of it is ever called
    assert "typo" not in manager.order


def test_a_misspelt_hook_is_an_error_in_strict_mode(make_app, temp_plugin):
    temp_plugin("typo", hooks=TYPO)
    with pytest.raises(PluginError, match=r"typo: failed \(implements unknown hook\(s\): "):
        make_app(plugins=("typo",), strict=True)


def test_a_hook_without_its_decorator_is_reported(make_app, temp_plugin, plugin_states):
    temp_plugin("typo", hooks=MISSING_DECORATOR)
    app = make_app(plugins=("typo",), strict=False)
    assert plugin_states(app)["typo"] == (
        "failed",
        "defines register_permissions without @hookimpl, so it is never called",
    )
    with pytest.raises(PluginError, match="without @hookimpl"):
        make_app(plugins=("typo",), strict=True)


def test_a_hook_with_an_argument_the_hook_does_not_have_is_reported(
    make_app, temp_plugin, plugin_states
):
    temp_plugin("typo", hooks=WRONG_ARGUMENT)
    state, reason = plugin_states(make_app(plugins=("typo",), strict=False))["typo"]
    assert state == "failed"
    assert "register_models" in reason and "application" in reason


def test_a_hook_of_an_optional_dependency_may_be_marked_optional(make_app, temp_plugin):
    temp_plugin(
        "fan",
        optional_depends=("notinstalled",),
        hooks="@hookimpl(optionalhook=True)\ndef notinstalled_greeting(app):\n    return []\n",
    )
    app = make_app(plugins=("fan",))
    assert app.extensions["vanphong"].plugins.plugins["fan"].state == "enabled"


def test_plugins_list_shows_the_hooks_of_each_plugin(make_app):
    app = make_app(plugins=("hello",))
    text = CliRunner().invoke(build_cli(app), ["plugins", "list"], catch_exceptions=False)
    lines = text.output.splitlines()
    hello = next(i for i, line in enumerate(lines) if line.startswith("hello "))
    shown = " ".join(lines[hello + 1 : hello + 3])
    assert "hooks: demo_data, register_admin_views, register_blueprints, register_models," in shown
    assert "register_permissions" in shown
    assert all(len(line) <= 100 for line in lines if "hooks" in line)

    listed = CliRunner().invoke(build_cli(app), ["plugins", "list", "--json"])
    plugins = {p["name"]: p for p in json.loads(listed.output)}
    assert plugins["hello"]["hooks"] == [
        "demo_data",
        "register_admin_views",
        "register_blueprints",
        "register_models",
        "register_permissions",
    ]
    assert plugins["planning"]["hooks"] == []  # not loaded in this process


def test_the_plugins_page_shows_the_hooks_of_each_plugin(make_app, make_user, login_as):
    app = make_app(plugins=("hello",))
    client = login_as(make_user("root", superuser=True, app=app), app.test_client())
    page = client.get("/admin/core_plugins/").get_data(as_text=True)
    row = re.search(r'<tr data-plugin="hello">(.*?)</tr>', page, re.S).group(1)
    assert "demo_data, register_admin_views, register_blueprints" in row


# -- the guide ----------------------------------------------------------------------------------


def test_the_changelog_names_every_hook_with_the_core_version_that_introduced_it():
    changelog = (DOCS / "changelog.md").read_text()
    rows = dict(re.findall(r"^\| `(\w+)\([^)]*\)` \| ([\d.]+) \|", changelog, re.M))
    assert set(rows) == {name for name, _signature, _doc in declared_hooks()}
    assert set(rows.values()) == {"1.0.0"}


def test_the_guide_links_its_pages_and_the_readme_links_the_guide():
    readme = (ROOT / "README.md").read_text()
    for page in ("tutorial.md", "hooks.md", "rules.md", "changelog.md", "contract.md"):
        assert (DOCS / page).exists(), page
        assert f"docs/plugins/{page}" in readme, page
    tutorial = (DOCS / "tutorial.md").read_text()
    assert "vanphong plugin new" in tutorial
    for fixture in ("make_app", "db_session", "client", "login_as", "temp_plugin", "api_token"):
        assert f"`{fixture}" in tutorial, fixture


def public_modules() -> set[str]:
    """The core modules rules.md declares public: the first column of its table."""
    rules = (DOCS / "rules.md").read_text()
    section = rules.split("## Public core modules", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `(core(?:\.\w+)*)` \|", section, re.M))


def core_imports(folder: Path) -> dict[str, set[str]]:
    """Every ``core…`` module the Python files under ``folder`` import, with the files."""
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                if name == "core" or name.startswith("core."):
                    found.setdefault(name, set()).add(str(path.relative_to(folder)))
    return found


@pytest.mark.parametrize("package", ["example", "scaffold"])
def test_third_party_code_imports_only_the_public_core_modules(package, tmp_path):
    folder = EXAMPLE if package == "example" else new_plugin("books", tmp_path)
    public = public_modules()
    assert {"core", "core.api", "core.db", "core.notifications.services"} <= public
    used = core_imports(folder)
    assert used, "no core import found: wrong folder?"
    private = {module: files for module, files in used.items() if module not in public}
    assert not private, f"imports outside the documented contract: {private}"


def test_the_example_never_translates_a_core_message_differently():
    """Catalogs are merged into one: a plugin's Vietnamese for a message the core also uses
    would change the core's wording everywhere."""

    def catalog(path: Path) -> dict[str, str]:
        with path.open("rb") as fh:
            return {m.id: m.string for m in read_po(fh, locale="vi") if m.id}

    core = catalog(ROOT / "core" / "translations" / "vi" / "LC_MESSAGES" / "messages.po")
    example = catalog(
        EXAMPLE / "vanphong_supplies" / "translations" / "vi" / "LC_MESSAGES" / "messages.po"
    )
    differ = {k: (core[k], v) for k, v in example.items() if k in core and core[k] != v}
    assert not differ
