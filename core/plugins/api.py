"""REST endpoints of the installed plugins (read only): ``/api/v1/plugins``."""

from __future__ import annotations

from typing import Any

from flask import current_app

from core.api import ApiBlueprint, api_abort, requires
from core.plugins.schemas import PluginSchema

bp = ApiBlueprint(
    "core_api_plugins",
    __name__,
    url_prefix="/api/v1",
    description="Installed plugins, their state and the hooks each implements.",
)


def _plugins() -> dict[str, Any]:
    return current_app.extensions["vanphong"].plugins.plugins


@bp.route("/plugins", methods=["GET"])
@requires("core.plugin.view", agency_wide=True)
@bp.response(200, PluginSchema(many=True))
def plugin_list() -> Any:
    """Every installed plugin, by name."""
    return sorted(_plugins().values(), key=lambda p: p.name)


@bp.route("/plugins/<string(maxlength=100):name>", methods=["GET"])
@requires("core.plugin.view", agency_wide=True)
@bp.response(200, PluginSchema)
def plugin_detail(name: str) -> Any:
    """One installed plugin."""
    plugin = _plugins().get(name)
    if plugin is None:
        api_abort(404)
    return plugin
