"""The unified search: every enabled plugin's ``search`` hook, grouped by plugin."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from core.hooktypes import SearchHit
from core.identity.access import can
from core.text import fold

log = logging.getLogger(__name__)

MIN_LENGTH = 2
PER_SOURCE = 20


@dataclass
class Group:
    """The hits of one plugin (or core area), best first."""

    source: str
    title: str
    hits: list[SearchHit] = field(default_factory=list)


def _title(manager: Any, plugin: str, hit: SearchHit) -> str:
    if hit.group is not None:
        return str(hit.group)
    info = manager.plugins.get(plugin)
    return str(info.title) if info is not None else hit.source


def search_all(user: Any, query: str) -> list[Group]:
    """Hits for ``query`` that ``user`` may see, grouped by plugin; nothing for a query shorter
    than two letters. A plugin whose hook fails is logged and skipped."""
    if len((fold(query) or "").strip()) < MIN_LENGTH:
        return []
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    manager = app.extensions["vanphong"].plugins
    groups: dict[str, Group] = {}
    for plugin, hits in manager.call_safely("search", app=app, query=query, user=user):
        for hit in hits or []:
            if not isinstance(hit, SearchHit):
                log.warning("plugin %s returned a malformed search hit: %r", plugin, hit)
                continue
            if hit.permission is not None and not can(user, hit.permission, hit.unit_id):
                continue
            group = groups.setdefault(hit.source, Group(hit.source, _title(manager, plugin, hit)))
            group.hits.append(hit)
    for group in groups.values():
        group.hits = sorted(group.hits, key=lambda h: (-h.score, h.title))[:PER_SOURCE]
    return sorted(groups.values(), key=lambda g: g.title)
