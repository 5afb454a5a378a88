"""Mistakes in a plugin's ``hooks`` module that pluggy alone would let pass silently.

- a hook no hookspec declares (``register_model`` for ``register_models``): pluggy only reports
  it from ``check_pending()``, for the whole manager; here it is named, with the nearest
  declared hook as a suggestion, so that one plugin fails and the others load;
- a function named after a declared hook but without ``@hookimpl``: pluggy never sees it.
"""

from __future__ import annotations

import difflib
import inspect
from types import ModuleType
from typing import Any

from flask_babel import LazyString
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from core import PROJECT_NAME


def declared_hooks(pm: Any) -> list[str]:
    """Every hook name some hookspec declares (the core's and plugins' own)."""
    return sorted(
        name for name, caller in vars(pm.hook).items() if getattr(caller, "spec", None) is not None
    )


def unknown_hooks(pm: Any, plugin: Any) -> list[str]:
    """Hooks ``plugin`` implements that nobody declared (``optionalhook=True`` ones excepted:
    they belong to a plugin that may not be loaded)."""
    return sorted(
        caller.name
        for caller in pm.get_hookcallers(plugin) or []
        if caller.spec is None
        and not any(i.optionalhook for i in caller.get_hookimpls() if i.plugin is plugin)
    )


def undecorated_hooks(pm: Any, plugin: Any) -> list[str]:
    """Functions of the hooks module named after a declared hook, but not marked
    ``@hookimpl``: VanPhong would never call them."""
    if not isinstance(plugin, ModuleType):
        return []
    declared = set(declared_hooks(pm))
    return sorted(
        name
        for name, value in vars(plugin).items()
        if name in declared
        and inspect.isfunction(value)
        and value.__module__ == plugin.__name__
        and not hasattr(value, f"{PROJECT_NAME}_impl")
    )


def _unknown_message(unknown: list[str], declared: list[str]) -> str:
    """The unknown hooks, each with the nearest declared one, in the reader's language."""
    named = []
    for name in unknown:
        close = difflib.get_close_matches(name, declared, n=1)
        if not close:
            named.append(name)
            continue
        hint = _("did you mean %(name)s?", name=close[0])
        named.append(f"{name} ({hint})")
    return _("implements unknown hook(s): %(hooks)s", hooks=", ".join(named))


def problem(pm: Any, plugin: Any) -> Any:
    """Why the plugin's hooks cannot be used as written (a lazy string), or None."""
    unknown = unknown_hooks(pm, plugin)
    if unknown:
        declared = declared_hooks(pm)
        return LazyString(lambda: _unknown_message(unknown, declared))
    undecorated = undecorated_hooks(pm, plugin)
    if undecorated:
        return _l(
            "defines %(hooks)s without @hookimpl, so it is never called",
            hooks=", ".join(undecorated),
        )
    return None
