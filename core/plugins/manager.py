"""Stage 2: import enabled plugins' hooks in dependency order and register them with pluggy.

A broken plugin never takes the app down: each import and each registration runs in its own
``try``; the plugin is marked ``failed`` with the reason and its dependants
``missing-dependency``. In strict mode (tests) the same problems raise :class:`PluginError`.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable
from typing import Any

import pluggy
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from core import PROJECT_NAME, __version__, hookspecs
from core.errors import ConfigError, PluginError
from core.plugins import ENTRY_POINT_GROUP, hookcheck
from core.plugins.discovery import discover
from core.plugins.info import PluginInfo
from core.plugins.manifest import PluginState
from core.plugins.resolve import propagate_failures, resolve, with_dependencies

log = logging.getLogger(__name__)


class PluginManager:
    """The app's plugins: their states, and the pluggy manager that calls their hooks."""

    def __init__(self, strict: bool = False, group: str = ENTRY_POINT_GROUP) -> None:
        self.strict = strict
        self.group = group
        self.pm = pluggy.PluginManager(PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self.plugins: dict[str, PluginInfo] = {}
        self.order: list[str] = []
        self._internal: list[str] = []

    # -- loading -------------------------------------------------------------------------

    def register_internal(self, name: str, module: Any) -> None:
        """Register one of the core's own features, built on the same public hooks."""
        self.pm.register(module, name=name)
        self._internal.append(name)

    def load(self, override: Iterable[str] | None, recorded: dict[str, bool]) -> None:
        """Discover, resolve and load. ``override`` is ``VANPHONG_PLUGINS``; ``recorded`` the
        enabled flags stored in the database."""
        self.plugins = discover(self.group, __version__)
        if override is not None:
            names = set(override)
            if "all" in names:
                names = (names - {"all"}) | set(self.plugins)
            unknown = sorted(names - set(self.plugins))
            if unknown:
                raise ConfigError(
                    _(
                        "VANPHONG_PLUGINS names plugins that are not installed: %(unknown)s "
                        "(installed: %(installed)s)",
                        unknown=", ".join(unknown),
                        installed=", ".join(sorted(self.plugins)) or "-",
                    )
                )
        else:
            names = {name for name, enabled in recorded.items() if enabled}
            for name in sorted(names - set(self.plugins)):
                self.plugins[name] = PluginInfo(name=name, module="")
                self.plugins[name].set(
                    PluginState.FAILED,
                    _l("enabled in the database but no installed package provides it"),
                )
        wanted = with_dependencies(self.plugins, names)
        order = resolve(self.plugins, wanted, recorded, override is not None)
        for name in order:
            self._import(self.plugins[name])
        self._check_hooks(order)
        self.order = [n for n in order if self.plugins[n].state is PluginState.ENABLED]
        self.pm.check_pending()
        self.raise_if_strict(wanted)

    def _import(self, info: PluginInfo) -> None:
        for dep in info.depends:  # dependencies were imported first; one may have failed
            if not self.plugins[dep].enabled:
                reason = _l(
                    "needs %(dep)s, which is %(state)s", dep=dep, state=self.plugins[dep].state
                )
                info.set(PluginState.MISSING_DEPENDENCY, reason)
                return
        try:
            try:
                specs = importlib.import_module(f"{info.module}.hookspecs")
            except ModuleNotFoundError as exc:
                if exc.name != f"{info.module}.hookspecs":
                    raise
            else:
                self.pm.add_hookspecs(specs)
            hooks = importlib.import_module(f"{info.module}.hooks")
            self.pm.register(hooks, name=info.name)
        except Exception as exc:
            log.exception("plugin %s failed to load", info.name)
            error = f"{type(exc).__name__}: {exc}"
            info.set(PluginState.FAILED, _l("hooks failed to load: %(error)s", error=error))
            return
        info.set(PluginState.ENABLED)

    def _check_hooks(self, order: list[str]) -> None:
        """Refuse plugins whose hooks cannot work as written: a hook nobody declared (a
        misspelt hook is an error, not silence), or a hook function without ``@hookimpl``."""
        for name in order:
            info = self.plugins[name]
            plugin = self.pm.get_plugin(name)
            if plugin is None:
                continue
            reason = hookcheck.problem(self.pm, plugin)
            if reason is not None:
                self.fail(name, reason)
            else:
                info.hooks = sorted(c.name for c in self.pm.get_hookcallers(plugin) or [])

    def fail(self, name: str, reason: str) -> None:
        """Mark a loaded plugin failed, unregister it, and its dependants with it."""
        self.plugins[name].set(PluginState.FAILED, reason)
        log.error("plugin %s failed: %s", name, reason)
        loaded = {n for n, i in self.plugins.items() if i.enabled} | {name}
        for broken in [name, *propagate_failures(self.plugins, loaded)]:
            if self.pm.get_plugin(broken) is not None:
                self.pm.unregister(name=broken)
        self.order = [n for n in self.order if self.plugins[n].enabled]

    def raise_if_strict(self, names: Iterable[str]) -> None:
        if not self.strict:
            return
        problems = [
            f"{n}: {self.plugins[n].state} ({self.plugins[n].reason})"
            for n in sorted(names)
            if n in self.plugins and not self.plugins[n].enabled
        ]
        if problems:
            raise PluginError(
                _("plugins failed to load: %(problems)s", problems="; ".join(problems))
            )

    # -- calling hooks -------------------------------------------------------------------

    def hookimpls(self, hook: str) -> list[Any]:
        """The implementations of ``hook`` in call order: the core's own first, then plugins
        in load order (dependencies before dependants); ``tryfirst``/``trylast`` move an
        implementation to the front or the back. Wrappers are pluggy's business, not ours."""
        impls = [
            impl
            for impl in getattr(self.pm.hook, hook).get_hookimpls()
            if not (impl.wrapper or impl.hookwrapper)
        ]
        return sorted(impls, key=lambda impl: 0 if impl.tryfirst else 2 if impl.trylast else 1)

    @staticmethod
    def call_impl(impl: Any, **kwargs: Any) -> Any:
        """Call one implementation with the subset of ``kwargs`` it accepts."""
        return impl.function(**{k: kwargs[k] for k in impl.argnames})

    def call_safely(self, hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call a per-request hook: a failing plugin is logged and skipped (raises if strict)."""
        results = []
        for impl in self.hookimpls(hook):
            try:
                results.append((impl.plugin_name, self.call_impl(impl, **kwargs)))
            except Exception:
                if self.strict:
                    raise
                log.exception("plugin %s failed in hook %s", impl.plugin_name, hook)
        return results

    @property
    def enabled(self) -> list[PluginInfo]:
        """Enabled plugins in dependency order."""
        return [self.plugins[n] for n in self.order]

    def is_internal(self, name: str) -> bool:
        return name in self._internal
