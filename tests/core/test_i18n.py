"""Vietnamese first, English too: catalogs are complete, compiled, and chosen per user."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).parents[2]
CATALOGS = [
    ROOT / "core",
    *sorted(p for p in (ROOT / "plugins").iterdir() if (p / "__init__.py").exists()),
]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "_l": None,
    "lazy_gettext": None,
    "N_": None,
    "ngettext": (1, 2),
}
METHODS = [
    ("**.py", "python"),
    ("**/templates/**.html", "jinja2"),
    ("**/templates/**.txt", "jinja2"),
]


def extracted(folder: Path) -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        folder, METHODS, keywords=KEYWORDS, comment_tags=()
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("folder", CATALOGS, ids=lambda p: p.name)
def test_every_string_has_a_vietnamese_translation_and_the_catalog_is_compiled(folder):
    po_path = folder / "translations" / "vi" / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale="vi")
    translated = _by_singular(catalog)
    missing = sorted(extracted(folder) - set(translated))
    assert not missing, f"not in {po_path.relative_to(ROOT)}: {missing} (run scripts/translations)"
    empty = sorted(k for k, v in translated.items() if not all(v))
    assert not empty, f"untranslated in {po_path.relative_to(ROOT)}: {empty}"
    with po_path.with_suffix(".mo").open("rb") as fh:
        compiled = _by_singular(read_mo(fh))
    assert compiled == translated, "the .mo is stale: run scripts/translations compile"


def _by_singular(catalog) -> dict[str, tuple[str, ...]]:
    """Every message by its (singular) id, with its translations (one, or one per plural form)."""
    found = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, list | tuple) else [message.string]
        found[key] = tuple(strings)
    return found


@pytest.fixture
def vi_app(make_app):
    return make_app(locale="vi")


def test_vietnamese_is_the_default(vi_app):
    page = vi_app.test_client().get("/login").get_data(as_text=True)
    assert '<html lang="vi">' in page
    assert "Tên đăng nhập" in page and "Mật khẩu" in page


def test_a_user_may_choose_english(vi_app, make_user, login_as):
    client = vi_app.test_client()
    login_as(make_user("an", superuser=True, locale="en", app=vi_app), client)
    page = client.get("/admin/core_plugins/").get_data(as_text=True)
    assert "Plugins" in page and "Phân hệ" not in page
    login_as(make_user("binh", superuser=True, app=vi_app), client)
    assert "Phân hệ" in client.get("/admin/core_plugins/").get_data(as_text=True)


def test_plugin_titles_come_from_the_plugin_catalog(make_app, make_user, login_as):
    app = make_app(plugins=("planning",), locale="vi")
    client = app.test_client()
    login_as(make_user("an", superuser=True, app=app), client)
    page = client.get("/admin/core_plugins/").get_data(as_text=True)
    assert "Kế hoạch công tác" in page
