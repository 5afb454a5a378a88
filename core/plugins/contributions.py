"""Collect what every enabled plugin registers, check it against the contract, then apply it.

The ``register_*`` hooks run once per app. Everything is collected and checked before anything
is applied, so a plugin that breaks a rule (a table outside its prefix, a permission in another
namespace, a view that bypasses the permission check) is marked ``failed`` and contributes
nothing, while the rest of the app starts.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Flask
from flask_admin import Admin
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_smorest import Api
from jinja2 import ChoiceLoader, FileSystemLoader

from core.admin.views import SecureView
from core.api.blueprint import ApiBlueprint
from core.api.setup import API_PREFIX
from core.db import Model
from core.errors import PluginError
from core.hooktypes import NotificationType, Permission, ScheduledJob
from core.plugins.manager import PluginManager

log = logging.getLogger(__name__)

REGISTER_HOOKS = (
    "register_models",
    "register_permissions",
    "register_notification_types",
    "register_scheduled_jobs",
    "register_blueprints",
    "register_admin_views",
)


@dataclass
class Registry:
    """What the enabled plugins and the core registered, keyed by code or name."""

    models: dict[str, list[type]] = field(default_factory=lambda: defaultdict(list))
    permissions: dict[str, Permission] = field(default_factory=dict)
    notification_types: dict[str, NotificationType] = field(default_factory=dict)
    scheduled_jobs: dict[str, ScheduledJob] = field(default_factory=dict)


def _check_models(owner: str, items: list[Any]) -> None:
    for model in items:
        if not (isinstance(model, type) and issubclass(model, Model)):
            raise PluginError(f"register_models returned {model!r}, not a core.db.Model class")
        table = getattr(model, "__tablename__", "")
        if not table.startswith(f"{owner}_"):
            raise PluginError(f"table {table!r} of {model.__name__} must start with '{owner}_'")


def _check_namespaced(kind: Any, attr: str) -> Any:
    def check(owner: str, items: list[Any]) -> None:
        for item in items:
            if not isinstance(item, kind):
                raise PluginError(f"expected {kind.__name__} items, got {item!r}")
            if item.namespace != owner:
                raise PluginError(
                    f"{kind.__name__} {getattr(item, attr)!r} must start with '{owner}.'"
                )

    return check


def _owned(name: str, owner: str) -> bool:
    """Blueprint and admin endpoint names are ``<plugin>`` or ``<plugin>_<thing>``."""
    return name == owner or name.startswith(f"{owner}_")


def _check_blueprints(owner: str, items: list[Any]) -> None:
    for bp in items:
        if not isinstance(bp, Blueprint):
            raise PluginError(f"register_blueprints returned {bp!r}, not a Blueprint")
        if not _owned(bp.name, owner):
            raise PluginError(f"blueprint {bp.name!r} must be named '{owner}' or '{owner}_…'")
        if isinstance(bp, ApiBlueprint):
            prefix = (bp.url_prefix or "").rstrip("/")
            home = API_PREFIX if owner == "core" else f"{API_PREFIX}/{owner}"
            if not (prefix == home or prefix.startswith(f"{home}/")):
                raise PluginError(f"API blueprint {bp.name!r} must be served under {home}")


def _check_views(owner: str, items: list[Any]) -> None:
    for view in items:
        if not isinstance(view, SecureView):
            raise PluginError(
                f"admin view {view!r} must derive from core.admin.ModelView or core.admin.BaseView"
            )
        if not _owned(view.endpoint, owner):
            raise PluginError(f"admin view endpoint {view.endpoint!r} must start with '{owner}_'")
        if not view.permission.startswith(f"{owner}."):
            name = getattr(view, "name", view)
            raise PluginError(f"admin view {name!r} permission must start with '{owner}.'")


def _check_data_policy(manifest: Any) -> None:
    if manifest.data_policy == "none":
        raise PluginError("data_policy 'none' declares no data, but the plugin registers models")


CHECKS = {
    "register_models": _check_models,
    "register_permissions": _check_namespaced(Permission, "code"),
    "register_notification_types": _check_namespaced(NotificationType, "code"),
    "register_scheduled_jobs": _check_namespaced(ScheduledJob, "name"),
    "register_blueprints": _check_blueprints,
    "register_admin_views": _check_views,
}


def collect(app: Flask, manager: PluginManager) -> dict[str, dict[str, list[Any]]]:
    """Call every ``register_*`` hook per plugin; a plugin that breaks a rule is marked failed."""
    collected: dict[str, dict[str, list[Any]]] = defaultdict(dict)
    for hook in REGISTER_HOOKS:
        for impl in manager.hookimpls(hook):
            name = impl.plugin_name
            internal = manager.is_internal(name)
            if not internal and not manager.plugins[name].enabled:
                continue  # failed while an earlier hook was collected
            owner = "core" if internal else name
            try:
                items = list(manager.call_impl(impl, app=app) or [])
                CHECKS[hook](owner, items)
                if hook == "register_models" and items and not internal:
                    _check_data_policy(manager.plugins[name].manifest)
            except Exception as exc:
                if internal:
                    raise
                reason = f"{hook}: {type(exc).__name__}: {exc}"
                if manager.strict:
                    problem = f"{name}: failed ({reason})"
                    raise PluginError(
                        _("plugins failed to load: %(problems)s", problems=problem)
                    ) from exc
                log.exception("plugin %s failed in %s", name, hook)
                manager.fail(name, reason)
                continue
            collected[name][hook] = items
    return {
        n: hooks
        for n, hooks in collected.items()
        if manager.is_internal(n) or manager.plugins[n].enabled
    }


def apply(app: Flask, manager: PluginManager, admin: Admin, api: Api) -> Registry:
    """Register what :func:`collect` gathered on the app, the admin and the API; return the
    registry."""
    registry = Registry()
    for name, hooks in collect(app, manager).items():
        internal = manager.is_internal(name)
        owner = "core" if internal else name
        registry.models[owner].extend(hooks.get("register_models", []))
        for kind, attr, target in (
            ("register_permissions", "code", registry.permissions),
            ("register_notification_types", "code", registry.notification_types),
            ("register_scheduled_jobs", "name", registry.scheduled_jobs),
        ):
            for item in hooks.get(kind, []):
                target[getattr(item, attr)] = item
        for bp in hooks.get("register_blueprints", []):
            if isinstance(bp, ApiBlueprint):
                api.register_blueprint(bp)  # and into the OpenAPI document
            else:
                app.register_blueprint(bp)
        for view in hooks.get("register_admin_views", []):
            if view.category is None and not internal:
                view.category = _l(manager.plugins[name].title)  # the plugin's catalog has it
            admin.add_view(view)
    _add_template_folders(app, manager)
    return registry


def _add_template_folders(app: Flask, manager: PluginManager) -> None:
    """Each enabled plugin's ``templates/`` folder, after the core's (names are namespaced)."""
    folders = [
        str(p.path / "templates")
        for p in manager.enabled
        if p.path and (p.path / "templates").is_dir()
    ]
    if folders:
        loaders = [app.jinja_loader] if app.jinja_loader else []
        app.jinja_loader = ChoiceLoader([*loaders, *(FileSystemLoader(f) for f in folders)])
