"""The application factory."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import Flask
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from werkzeug.middleware.proxy_fix import ProxyFix

from core import web
from core.admin.setup import init_admin
from core.agenda import hooks as agenda_hooks
from core.api import auth as api_auth
from core.api import hooks as api_hooks
from core.api.setup import init_api
from core.audit import hooks as audit_hooks
from core.audit.services import write_request_events
from core.booking import hooks as booking_hooks
from core.calendar import hooks as calendar_hooks
from core.compat import serialise_ast_building
from core.config import Settings
from core.db import db, init_db
from core.errors import ConfigError
from core.events import hooks as event_hooks
from core.i18n import add_catalogs, init_babel
from core.identity import hooks as identity_hooks
from core.identity import sessions
from core.identity.roles import sync_permissions
from core.jobs import hooks as job_hooks
from core.notifications import hooks as notification_hooks
from core.org import hooks as org_hooks
from core.plugins import hooks as plugin_hooks
from core.plugins.contributions import Registry, apply
from core.plugins.manager import PluginManager
from core.plugins.services import recorded_states
from core.registry import hooks as registry_hooks
from core.search import hooks as search_hooks

#: The core's own features, registered on the public hooks before any plugin.
INTERNAL_PLUGINS = (
    ("core.web", web),
    ("core.identity", identity_hooks),
    ("core.org", org_hooks),
    ("core.audit", audit_hooks),
    ("core.calendar", calendar_hooks),
    ("core.notifications", notification_hooks),
    ("core.events", event_hooks),
    ("core.jobs", job_hooks),
    ("core.plugins", plugin_hooks),
    ("core.api", api_hooks),
    ("core.registry", registry_hooks),
    ("core.booking", booking_hooks),
    ("core.agenda", agenda_hooks),
    ("core.search", search_hooks),
)


@dataclass
class VanPhong:
    """What the core keeps on ``app.extensions["vanphong"]``."""

    settings: Settings
    plugins: PluginManager
    registry: Registry


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: settings, database, plugins (two-stage loading), back office.

    ``config`` overrides settings by field name (see :class:`core.config.Settings`).
    """
    serialise_ast_building()
    settings = Settings.load(config)
    app = Flask("core", instance_path=str(settings.instance_path))
    app.config.update(
        SECRET_KEY=settings.secret_key,
        TESTING=settings.testing,
        BABEL_DEFAULT_LOCALE=settings.locale,
        BABEL_DEFAULT_TIMEZONE=settings.timezone,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.session_cookie_secure,
        SESSION_COOKIE_NAME="vanphong_session",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=12),
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=32 * 1024 * 1024,
        VANPHONG_SETTINGS=settings,
    )
    if settings.proxy_count:  # the client's address, not the proxy's, for audit and throttling
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=settings.proxy_count, x_proto=settings.proxy_count
        )
    try:
        init_db(app, settings.database_url)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise ConfigError(f"VANPHONG_DATABASE_URL cannot be used: {exc}") from None

    manager = PluginManager(strict=settings.plugins_strict)
    for name, module in INTERNAL_PLUGINS:
        manager.register_internal(name, module)
    init_babel(app)
    with app.app_context():
        manager.load(settings.plugins, recorded_states(db.engine))
        add_catalogs(app, [p.path / "translations" for p in manager.enabled if p.path])
        _init_csrf(app)
        _init_login(app)
        admin = init_admin(app)
        api = init_api(app)
        registry = apply(app, manager, admin, api)
    app.extensions["vanphong"] = VanPhong(settings, manager, registry)
    with app.app_context():
        sync_permissions(app)  # permissions new to this database reach their default roles
    return app


def _init_csrf(app: Flask) -> None:
    """Every form post and every session-authenticated API change carries the CSRF token;
    API calls with a bearer token need none."""
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    csrf = CSRFProtect(app)
    app.before_request(lambda: api_auth.check_csrf(csrf))


def _init_login(app: Flask) -> None:
    login = LoginManager(app)
    login.login_view = "core_auth.login"
    login.login_message = None

    login.user_loader(sessions.load_user)
    login.request_loader(api_auth.load_user_from_token)
    app.before_request(sessions.load_early)
    app.teardown_request(write_request_events)
