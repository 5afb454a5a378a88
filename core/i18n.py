"""Languages: Vietnamese first, English too; one catalog for the core and one per plugin."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import Babel, get_locale
from flask_login import current_user

from core.config import LOCALES

CORE_TRANSLATIONS = Path(__file__).parent / "translations"


def select_locale() -> str | None:
    """The user's chosen language, else the session's, else the agency default (``vi``). An
    API call may ask for one with ``Accept-Language``."""
    if not has_request_context():
        return None
    if request.path.startswith("/api/") and request.headers.get("Accept-Language"):
        asked = request.accept_languages.best_match(LOCALES)
        if asked:
            return asked
    if current_user and current_user.is_authenticated and current_user.locale in LOCALES:
        return current_user.locale
    chosen = session.get("locale")
    return chosen if chosen in LOCALES else None


def init_babel(app: Flask) -> Babel:
    """Babel with the core's catalog; plugins' catalogs join once they are loaded."""
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(CORE_TRANSLATIONS)
    babel = Babel(app, locale_selector=select_locale)
    app.jinja_env.globals["current_locale"] = get_locale
    return babel


def add_catalogs(app: Flask, folders: list[Path]) -> None:
    """Merge enabled plugins' ``translations/`` folders into the app's catalog."""
    config = app.extensions["babel"]
    config.translation_directories.extend(str(f) for f in folders if f.is_dir())
    config.instance.domain_instance.cache.clear()


def agency_zone() -> ZoneInfo:
    """The agency's time zone (``VANPHONG_TIMEZONE``, Asia/Ho_Chi_Minh by default)."""
    return ZoneInfo(current_app.extensions["vanphong"].settings.timezone)


def agency_today() -> date:
    """Today in the agency's time zone, whatever the server's clock zone: a document signed
    this morning in Hà Nội is signed today."""
    return datetime.now(agency_zone()).date()
