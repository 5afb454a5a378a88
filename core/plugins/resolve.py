"""Dependency resolution: which plugins load, in which order, and why the others don't."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from core.plugins.info import PluginInfo
from core.plugins.manifest import PluginState


def with_dependencies(plugins: dict[str, PluginInfo], names: set[str]) -> set[str]:
    """``names`` plus every hard dependency, transitively (enabling a plugin enables them)."""
    result, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in result:
            continue
        result.add(name)
        info = plugins.get(name)
        if info is not None:
            todo.extend(info.depends)
    return result


def resolve(
    plugins: dict[str, PluginInfo], wanted: set[str], recorded: dict[str, bool], override: bool
) -> list[str]:
    """Give every plugin outside ``wanted`` its resting state and return the load order.

    ``wanted`` already includes dependencies. ``recorded`` is the enabled flag stored in the
    database per plugin; ``override`` says whether ``VANPHONG_PLUGINS`` chose the set.
    """
    for name, info in plugins.items():
        if name in wanted or info.state is not PluginState.AVAILABLE:
            continue
        if recorded.get(name) is False:
            info.set(PluginState.DISABLED, _l("disabled by an administrator"))
        elif recorded.get(name) and override:
            info.set(PluginState.DISABLED, _l("not in VANPHONG_PLUGINS for this process"))
        else:
            info.set(PluginState.AVAILABLE, _l("installed, not enabled"))

    candidates = {n for n in wanted if n in plugins and plugins[n].state is PluginState.AVAILABLE}
    for name in candidates:
        plugins[name].reason = ""
    _mark_cycles(plugins, candidates)
    propagate_failures(plugins, candidates)
    return topological_order(plugins, {n for n in candidates if _ok(plugins[n])})


def _ok(info: PluginInfo) -> bool:
    return info.state in (PluginState.AVAILABLE, PluginState.ENABLED)


def _mark_cycles(plugins: dict[str, PluginInfo], names: set[str]) -> None:
    """Mark every plugin on a hard-dependency cycle as failed, naming the cycle."""
    for cycle in find_cycles(plugins, names):
        reason = _l("dependency cycle: %(cycle)s", cycle=" → ".join(cycle))
        for member in cycle[:-1]:
            plugins[member].set(PluginState.FAILED, reason)


def find_cycles(plugins: dict[str, PluginInfo], names: set[str]) -> list[list[str]]:
    """Hard-dependency cycles among ``names``, each as ``[a, b, …, a]``."""
    cycles: list[list[str]] = []
    visiting: list[str] = []
    done: set[str] = set()

    def visit(name: str) -> None:
        if name in done or name not in names:
            return
        if name in visiting:
            cycles.append([*visiting[visiting.index(name) :], name])
            return
        visiting.append(name)
        for dep in plugins[name].depends:
            visit(dep)
        visiting.pop()
        done.add(name)

    for name in sorted(names):
        visit(name)
    return cycles


def propagate_failures(plugins: dict[str, PluginInfo], names: set[str]) -> set[str]:
    """Mark plugins whose hard dependency is missing or broken; return the newly marked ones."""
    marked: set[str] = set()
    changed = True
    while changed:
        changed = False
        for name in sorted(names):
            info = plugins[name]
            if not _ok(info):
                continue
            for dep in info.depends:
                dep_info = plugins.get(dep)
                if dep_info is None:
                    reason = _l("needs %(dep)s, which is not installed", dep=dep)
                elif not _ok(dep_info) or dep not in names:
                    reason = _l("needs %(dep)s, which is %(state)s", dep=dep, state=dep_info.state)
                else:
                    continue
                info.set(PluginState.MISSING_DEPENDENCY, reason)
                marked.add(name)
                changed = True
                break
    return marked


def topological_order(plugins: dict[str, PluginInfo], names: set[str]) -> list[str]:
    """Dependencies first, ties by name. Optional dependencies that are present order too,
    unless they close a loop; then only hard dependencies bind (hard cycles were refused)."""
    hard = {n: {d for d in plugins[n].depends if d in names} for n in names}
    optional = {n: {d for d in plugins[n].optional_depends if d in names} for n in names}
    order: list[str] = []
    remaining = set(names)
    while remaining:
        placed = set(order)
        ready = [n for n in remaining if hard[n] | optional[n] <= placed]
        ready = ready or [n for n in remaining if hard[n] <= placed]
        if not ready:
            raise ValueError(f"dependency cycle among {', '.join(sorted(remaining))}")
        order.append(min(ready))
        remaining.discard(order[-1])
    return order
