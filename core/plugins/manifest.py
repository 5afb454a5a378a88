"""A plugin's manifest: who it is and what it needs, readable without importing its code."""

from __future__ import annotations

import enum
import keyword
import re
from dataclasses import dataclass

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

#: Letters and digits only: ``_`` separates the plugin from the thing in table names
#: (``meetings_room``), so no plugin's prefix can be another plugin's.
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]{1,30}$")
RESERVED_NAMES = frozenset({"core", "api", "admin", "static", "auth", "alembic"})

#: ``keep``: disabling keeps every row; only ``vanphong plugins purge`` removes data.
#: ``none``: the plugin stores nothing (registers no models), so there is nothing to purge.
DATA_POLICIES = ("keep", "none")


class PluginState(enum.StrEnum):
    """The one state every installed plugin is in; ``PluginInfo.reason`` says why."""

    AVAILABLE = "available"
    ENABLED = "enabled"
    DISABLED = "disabled"
    FAILED = "failed"
    INCOMPATIBLE = "incompatible"
    MISSING_DEPENDENCY = "missing-dependency"


@dataclass(frozen=True)
class Manifest:
    """The ``MANIFEST`` attribute of a plugin package (see docs/plugins/contract.md)."""

    name: str
    title: str
    summary: str
    version: str
    requires_core: str | None = None
    depends: tuple[str, ...] = ()
    optional_depends: tuple[str, ...] = ()
    data_policy: str = "keep"

    def __post_init__(self) -> None:
        # Accept lists for convenience but store tuples so the manifest stays hashable.
        object.__setattr__(self, "depends", tuple(self.depends))
        object.__setattr__(self, "optional_depends", tuple(self.optional_depends))
        problems = self.problems()
        if problems:
            raise ValueError(f"invalid manifest for {self.name!r}: " + "; ".join(problems))

    def problems(self) -> list[str]:
        """Every rule the manifest breaks, as short English phrases (empty when valid)."""
        found = []
        if not isinstance(self.name, str) or not NAME_PATTERN.match(self.name):
            found.append("name must be 2-31 lower-case letters or digits, starting with a letter")
        elif self.name in RESERVED_NAMES or keyword.iskeyword(self.name):
            found.append(f"name {self.name!r} is reserved")
        for attr in ("title", "summary"):
            if not isinstance(getattr(self, attr), str) or not getattr(self, attr).strip():
                found.append(f"{attr} must be a non-empty string")
        try:
            Version(self.version)
        except (InvalidVersion, TypeError):
            found.append(f"version {self.version!r} is not a PEP 440 version")
        if self.requires_core is not None:
            try:
                SpecifierSet(self.requires_core)
            except (InvalidSpecifier, TypeError):
                found.append(f"requires_core {self.requires_core!r} is not a version specifier")
        for dep in (*self.depends, *self.optional_depends):
            if not isinstance(dep, str) or not NAME_PATTERN.match(dep):
                found.append(f"dependency {dep!r} is not a plugin name")
            elif dep == self.name:
                found.append("a plugin cannot depend on itself")
        if set(self.depends) & set(self.optional_depends):
            found.append("a dependency cannot be both hard and optional")
        if self.data_policy not in DATA_POLICIES:
            found.append(f"data_policy must be one of {', '.join(DATA_POLICIES)}")
        return found

    def core_compatible(self, core_version: str) -> bool:
        """Whether this plugin accepts the running core (``requires_core``)."""
        if self.requires_core is None:
            return True
        return SpecifierSet(self.requires_core).contains(Version(core_version), prereleases=True)
