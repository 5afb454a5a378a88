"""`vanphong plugin new`: the package it writes loads, migrates, serves and speaks Vietnamese.

These tests load the generated package in this process, through a real entry point; the fresh
environment it installs into is in ``test_scaffold_fresh_env.py``.
"""

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from core import migrations
from core.db import db
from core.plugins.scaffold import ScaffoldError, check_name, new_plugin
from core.plugins.scaffold.catalogs import extracted
from core.plugins.scaffold.hookfile import declared_hooks, implemented_hooks
from core.testing import _forget_models, csrf_token, enabled_branches

RUFF = shutil.which("ruff", path=str(Path(sys.executable).parent))


@pytest.fixture
def scaffold(tmp_path):
    """``scaffold(name)`` writes the package and installs it for this test: the project folder
    goes on ``sys.path`` with a ``.dist-info`` holding its entry point, as pip would leave it."""
    added: list[tuple[str, str]] = []

    def make(name: str, **options) -> Path:
        project = new_plugin(name, tmp_path / "work", **options)
        dist = project / f"vanphong_{name}-0.1.0.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: vanphong-{name}\n")
        (dist / "entry_points.txt").write_text(f"[vanphong.plugins]\n{name} = vanphong_{name}\n")
        sys.path.insert(0, str(project))
        added.append((str(project), f"vanphong_{name}"))
        return project

    yield make
    for path, package in added:
        sys.path.remove(path)
        _forget_models(package)
        for module in [m for m in sys.modules if m == package or m.startswith(f"{package}.")]:
            del sys.modules[module]


def test_hooks_py_lists_every_hook_the_core_declares(tmp_path):
    project = new_plugin("books", tmp_path)
    source = (project / "vanphong_books" / "hooks.py").read_text()
    implemented = set(implemented_hooks())
    assert {"register_models", "register_admin_views", "register_blueprints"} <= implemented
    for name, signature, _doc in declared_hooks():
        if name in implemented:
            assert f"\n@hookimpl\ndef {name}(" in source, name
        else:
            assert f"\n# @hookimpl\n# def {name}(" in source, name
        assert f"# -- {name}{signature} " in source
    assert len(declared_hooks()) == 13


def test_the_package_loads_migrates_and_serves_its_admin_view_and_api(
    scaffold, make_app, make_user, login_as, api_token
):
    scaffold("books")
    app = make_app(plugins=("books",))
    info = app.extensions["vanphong"].plugins.plugins["books"]
    assert info.state == "enabled", info.reason
    assert info.distribution == "vanphong-books"
    assert info.hooks == sorted(implemented_hooks())
    with app.app_context():
        branch = next(b for b in enabled_branches(app) if b.name == "books")
        assert migrations.pending_changes(db.engine, branch) == []
        assert app.extensions["vanphong"].registry.scheduled_jobs["books.overdue"]

    admin = make_user("root", superuser=True, app=app)
    client = login_as(admin, app.test_client())
    token = csrf_token(client, "/admin/books_item/new/")
    added = client.post("/admin/books_item/new/", data={"title": "Sổ tay", "csrf_token": token})
    assert added.status_code == 302
    listed = client.get("/admin/books_item/")
    assert listed.status_code == 200 and "Sổ tay" in listed.get_data(as_text=True)

    headers = {"Authorization": f"Bearer {api_token(admin, app=app)}"}
    api = app.test_client()
    found = api.get("/api/v1/books/items?q=so tay", headers=headers).get_json()
    assert [item["title"] for item in found["items"]] == ["Sổ tay"]
    blank = api.post("/api/v1/books/items", json={"title": " "}, headers=headers)
    assert blank.status_code == 422 and "title" in blank.get_json()["error"]["fields"]


def test_the_package_speaks_vietnamese_from_its_compiled_catalog(
    scaffold, make_app, make_user, login_as
):
    project = scaffold("books")
    app = make_app(plugins=("books",), locale="vi")
    client = login_as(make_user("root", superuser=True, app=app), app.test_client())
    page = client.get("/admin/books_item/").get_data(as_text=True)
    assert "Danh sách việc" in page and "Tiêu đề" in page

    folder = project / "vanphong_books" / "translations"
    with (folder / "vi" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh, locale="vi")
    assert {m.id for m in catalog if m.id} == set(extracted(project / "vanphong_books"))
    with (folder / "vi" / "LC_MESSAGES" / "messages.mo").open("rb") as fh:
        compiled = {m.id: m.string for m in read_mo(fh) if m.id}
    assert compiled == {m.id: m.string for m in catalog if m.id and m.string}
    assert compiled["Title: must not be empty."] == "Tiêu đề: không được để trống."


@pytest.mark.skipif(RUFF is None, reason="ruff is not installed beside this Python")
def test_the_generated_code_is_lint_clean_and_formatted(tmp_path):
    project = new_plugin("books", tmp_path)
    for command in (["check", "--no-cache", "."], ["format", "--check", "--no-cache", "."]):
        result = subprocess.run(
            [RUFF, *command], cwd=project, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_first_migration_is_a_real_revision_of_its_own_branch(tmp_path):
    project = new_plugin("books", tmp_path)
    (script,) = (project / "vanphong_books" / "migrations").glob("*_items.py")
    source = script.read_text()
    revision = re.search(r'^revision: str = "([0-9a-f]{12})"$', source, re.M)
    assert revision and revision.group(1) in script.name
    assert "down_revision: str | Sequence[str] | None = None" in source
    assert 'op.create_table(\n        "books_item"' in source


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Books", "lower-case letters or digits"),
        ("my_books", "lower-case letters or digits"),
        ("b", "lower-case letters or digits"),
        ("1books", "lower-case letters or digits"),
        ("core", "reserved"),
        ("admin", "reserved"),
        ("class", "reserved"),
        ("hello", "a plugin of that name is installed"),
    ],
)
def test_bad_or_taken_names_are_refused(name, message, tmp_path):
    with pytest.raises(ScaffoldError, match=message):
        new_plugin(name, tmp_path, installed=("hello",))
    assert list(tmp_path.iterdir()) == []


def test_a_name_whose_package_is_importable_is_refused(tmp_path, monkeypatch):
    (tmp_path / "vanphong_taken").mkdir()
    (tmp_path / "vanphong_taken" / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ScaffoldError, match="a package vanphong_taken is installed"):
        check_name("taken")


def test_an_existing_folder_is_never_overwritten(tmp_path):
    project = new_plugin("books", tmp_path)
    (project / "mine.txt").write_text("keep me")
    with pytest.raises(ScaffoldError, match="exists already"):
        new_plugin("books", tmp_path)
    assert (project / "mine.txt").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vanphong-books"]  # no staging left


def test_a_title_that_would_break_the_code_is_refused(tmp_path):
    with pytest.raises(ScaffoldError, match="title"):
        new_plugin("books", tmp_path, title='Sách"; import os')
    project = new_plugin("books", tmp_path, title="Thư viện & lưu trữ")
    assert 'title=N_("Thư viện & lưu trữ")' in (project / "vanphong_books/__init__.py").read_text()


def test_the_command_line(app, run_cli, tmp_path):
    made = run_cli("plugin", "new", "books", "--dir", str(tmp_path), "--title", "Sách")
    assert made.exit_code == 0, made.output
    assert f"pip install -e '{tmp_path / 'vanphong-books'}[test]'" in made.output
    assert "vanphong plugins enable books" in made.output
    pyproject = (tmp_path / "vanphong-books" / "pyproject.toml").read_text()
    assert '[project.entry-points."vanphong.plugins"]\nbooks = "vanphong_books"' in pyproject
    assert 'dependencies = ["vanphong>=1.0,<2"]' in pyproject

    again = run_cli("plugin", "new", "books", "--dir", str(tmp_path))
    assert again.exit_code == 1
    assert again.output.strip().splitlines() == [
        f"Error: {tmp_path / 'vanphong-books'} exists already: nothing was written"
    ]
    taken = run_cli("plugin", "new", "hello", "--dir", str(tmp_path))
    assert taken.exit_code == 1 and "a plugin of that name is installed" in taken.output


def test_the_manifest_is_read_without_importing_anything_else(tmp_path):
    project = new_plugin("books", tmp_path)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import vanphong_books as p; "
        "print(p.MANIFEST.name, p.MANIFEST.requires_core); "
        "print(sorted(m for m in sys.modules if m.startswith('vanphong_books')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(project)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["books >=1.0,<2", "['vanphong_books']"]


def test_catalog_io_round_trip_keeps_the_header_unfuzzy(tmp_path):
    project = new_plugin("books", tmp_path)
    po = project / "vanphong_books/translations/vi/LC_MESSAGES/messages.po"
    catalog = read_po(io.BytesIO(po.read_bytes()), locale="vi")
    assert not catalog.fuzzy  # `pybabel compile` skips a fuzzy catalog
