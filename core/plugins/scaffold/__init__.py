"""``vanphong plugin new NAME``: write an installable plugin package to start from.

The package is rendered from the templates beside this module (``project/``: every file of the
new package; ``hooks/``: one snippet per hook) with :class:`string.Template` placeholders
(``${name}``, ``${package}`` …). Its ``hooks.py`` is generated from :mod:`core.hookspecs`, so it
lists every hook the running core declares and never drifts from it; its catalogs are extracted
from the generated code and compiled, so the plugin speaks Vietnamese as soon as it loads.
"""

from __future__ import annotations

import importlib.util
import keyword
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from flask_babel import gettext as _
from packaging.version import Version

from core import __version__
from core.errors import VanPhongError
from core.plugins.manifest import NAME_PATTERN, RESERVED_NAMES
from core.plugins.scaffold.catalogs import write_catalogs
from core.plugins.scaffold.hookfile import hooks_module
from core.plugins.scaffold.render import HERE, SUFFIX, fill

PROJECT = HERE / "project"
#: A title is written into Python, TOML and Markdown: letters, digits, spaces and light signs.
TITLE_PATTERN = re.compile(r"^[^\W_][\w ,.&'()/-]{0,79}$")


class ScaffoldError(VanPhongError):
    """The plugin cannot be created as asked; the message says why."""


@dataclass(frozen=True)
class Names:
    """Everything the templates are filled with."""

    name: str
    title: str
    revision: str
    created: datetime

    @property
    def package(self) -> str:
        return f"vanphong_{self.name}"

    @property
    def dist(self) -> str:
        return f"vanphong-{self.name}"

    @property
    def core_spec(self) -> str:
        """The core versions the plugin accepts: this one up to the next major version."""
        version = Version(__version__)
        return f">={version.major}.{version.minor},<{version.major + 1}"

    def values(self) -> dict[str, str]:
        return {
            "name": self.name,
            "title": self.title,
            "package": self.package,
            "dist": self.dist,
            "core_spec": self.core_spec,
            "revision": self.revision,
            "created": self.created.strftime("%Y-%m-%d %H:%M:%S"),
            "revision_file": f"{self.created:%Y%m%d}_{self.revision}_items",
        }


def check_name(name: str, installed: Iterable[str] = ()) -> None:
    """Refuse a name VanPhong would refuse, or one another plugin or package already has."""
    if not NAME_PATTERN.match(name):
        raise ScaffoldError(
            _(
                "%(name)s: a plugin name is 2-31 lower-case letters or digits, starting with a "
                "letter (it prefixes table names, so it has no '_')",
                name=name,
            )
        )
    if name in RESERVED_NAMES or keyword.iskeyword(name):
        raise ScaffoldError(_("%(name)s: the name is reserved", name=name))
    if name in set(installed):
        raise ScaffoldError(_("%(name)s: a plugin of that name is installed", name=name))
    if importlib.util.find_spec(f"vanphong_{name}") is not None:
        raise ScaffoldError(_("%(name)s: a package vanphong_%(name)s is installed", name=name))


def new_plugin(
    name: str, where: Path, title: str | None = None, installed: Iterable[str] = ()
) -> Path:
    """Write the package ``vanphong-<name>/`` into ``where`` and return its folder.

    Refuses an invalid or taken name and an existing folder; writes nothing on failure."""
    check_name(name, installed)
    title = (title or name.capitalize()).strip()
    if not TITLE_PATTERN.match(title):
        raise ScaffoldError(_("title: 1-80 letters, digits, spaces and . , & ' ( ) / -"))
    names = Names(name, title, uuid.uuid4().hex[:12], datetime.now(UTC))
    where = Path(where)
    target = where / names.dist
    if target.exists():
        raise ScaffoldError(_("%(path)s exists already: nothing was written", path=target))
    where.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{names.dist}-", dir=where))
    try:
        render_project(names, staging)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def render_project(names: Names, target: Path) -> None:
    """Every template of ``project/``, filled in, then ``hooks.py`` and the catalogs."""
    values = names.values()
    for source in sorted(PROJECT.rglob(f"*{SUFFIX}")):
        relative = source.relative_to(PROJECT).as_posix().removesuffix(SUFFIX)
        for key in ("package", "name", "revision_file"):
            relative = relative.replace(f"{{{key}}}", values[key])
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(fill(source, values), encoding="utf-8")
    package_dir = target / names.package
    (package_dir / "hooks.py").write_text(hooks_module(values), encoding="utf-8")
    write_catalogs(package_dir, values)
