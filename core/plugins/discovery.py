"""Stage 1: read every installed plugin's manifest through its entry point.

Importing a plugin package must have no side effects, so this stage never loads hooks or
models. A package that cannot be imported, or whose manifest is wrong, becomes a ``failed``
plugin with the reason; one that rejects this core is ``incompatible``.
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points
from pathlib import Path

from flask_babel import lazy_gettext as _l

from core.plugins.info import PluginInfo
from core.plugins.manifest import Manifest, PluginState


def discover(group: str, core_version: str) -> dict[str, PluginInfo]:
    """Every plugin of entry-point ``group``, by name, with its stage-1 state."""
    found: dict[str, PluginInfo] = {}
    importlib.invalidate_caches()
    for ep in sorted(entry_points(group=group), key=lambda e: e.name):
        dist = ep.dist.name if ep.dist else None
        info = PluginInfo(name=ep.name, module=ep.value, distribution=dist)
        if ep.name in found:
            other = found[ep.name]
            other.set(
                PluginState.FAILED,
                _l(
                    "two installed packages provide plugin %(name)s: %(first)s and %(second)s",
                    name=ep.name,
                    first=other.distribution,
                    second=dist,
                ),
            )
            continue
        found[ep.name] = info
        _read_manifest(info, ep, core_version)
    return found


def _read_manifest(info: PluginInfo, ep, core_version: str) -> None:
    try:
        package = ep.load()
    except Exception as exc:
        info.set(
            PluginState.FAILED,
            _l("cannot import %(module)s: %(error)s", module=ep.value, error=_error(exc)),
        )
        return
    info.path = Path(package.__file__).parent if getattr(package, "__file__", None) else None
    manifest = getattr(package, "MANIFEST", None)
    if not isinstance(manifest, Manifest):
        info.set(
            PluginState.FAILED,
            _l("%(module)s has no MANIFEST (core.plugins.Manifest)", module=ep.value),
        )
        return
    info.manifest = manifest
    if manifest.name != ep.name:
        info.set(
            PluginState.FAILED,
            _l(
                "entry point %(ep)s names a manifest called %(name)s",
                ep=ep.name,
                name=manifest.name,
            ),
        )
    elif not manifest.core_compatible(core_version):
        info.set(
            PluginState.INCOMPATIBLE,
            _l(
                "requires core %(spec)s, this is %(version)s",
                spec=manifest.requires_core,
                version=core_version,
            ),
        )


def _error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"
