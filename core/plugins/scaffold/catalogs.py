"""The generated plugin's message catalogs: extracted from its code, Vietnamese filled in from
``vi.po.tmpl``, written as ``.pot``/``.po`` and compiled to ``.mo`` — the files VanPhong reads
from an enabled plugin's ``translations/`` folder."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from core.plugins.scaffold.render import HERE, fill

LOCALES = ("vi", "en")
KEYWORDS = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "N_": None}


def extracted(package_dir: Path) -> list[str]:
    """Every message id of the package's Python code, in order of first appearance."""
    found: dict[str, None] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        package_dir, [("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    ):
        found.setdefault(message if isinstance(message, str) else message[0])
    return list(found)


def write_catalogs(package_dir: Path, values: dict[str, str]) -> None:
    """``translations/messages.pot`` and, per locale, ``messages.po`` and ``messages.mo``."""
    vietnamese = read_po(io.StringIO(fill(HERE / "vi.po.tmpl", values)), locale="vi")
    messages = extracted(package_dir)
    folder = package_dir / "translations"
    folder.mkdir()
    template = _catalog(None, messages, values)
    with (folder / "messages.pot").open("wb") as fh:
        write_po(fh, template, omit_header=False, sort_output=True)
    for locale in LOCALES:
        known = vietnamese if locale == "vi" else Catalog(locale=locale)
        catalog = _catalog(locale, messages, values, known)
        target = folder / locale / "LC_MESSAGES"
        target.mkdir(parents=True)
        with (target / "messages.po").open("wb") as fh:
            write_po(fh, catalog, sort_output=True)
        with (target / "messages.mo").open("wb") as fh:
            write_mo(fh, catalog)


def _catalog(
    locale: str | None, messages: list[str], values: dict[str, str], known: Catalog | None = None
) -> Catalog:
    catalog = Catalog(
        locale=locale, project=values["dist"], version="0.1.0", charset="utf-8", fuzzy=False
    )
    for message in messages:
        translated = known.get(message) if known is not None else None
        catalog.add(message, translated.string if translated is not None else "")
    return catalog
