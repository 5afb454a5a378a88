"""Settings from ``VANPHONG_*`` environment variables, with embedded defaults.

The embedded default needs no server: a SQLite file and a secret key under the instance folder
(``VANPHONG_INSTANCE_PATH``, default ``./instance``), Vietnamese, Asia/Ho_Chi_Minh.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from core.errors import ConfigError

PREFIX = "VANPHONG_"
LOCALES = ("vi", "en")


@dataclass
class Settings:
    """Every setting the core reads; plugins read their own ``VANPHONG_<PLUGIN>_*`` names."""

    instance_path: Path = field(default_factory=lambda: Path("instance").resolve())
    database_url: str = ""
    secret_key: str = ""
    locale: str = "vi"
    timezone: str = "Asia/Ho_Chi_Minh"
    # None: the enabled set recorded in the database; otherwise the names (or "all").
    plugins: tuple[str, ...] | None = None
    plugins_strict: bool = False
    session_cookie_secure: bool = False
    idle_timeout_minutes: int = 30
    login_max_failures_account: int = 5
    login_max_failures_address: int = 20
    login_lockout_minutes: int = 15
    # Reverse proxies in front of VanPhong whose X-Forwarded-For/-Proto headers are trusted.
    proxy_count: int = 0
    # Jobs: empty means the embedded broker (files under the instance folder); redis://… scales.
    broker_url: str = ""
    # E-mail
    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    mail_from: str = "VanPhong <no-reply@localhost>"
    base_url: str = "http://127.0.0.1:8000"
    delivery_max_attempts: int = 6
    delivery_backoff_seconds: int = 30  # doubled at each retry
    delivery_lease_seconds: int = 120  # a claim older than this is a crashed worker's
    delivery_sweep_seconds: int = 10
    beat_lock_seconds: int = 30  # with Redis: how long a silent beat keeps the others idle
    testing: bool = False

    @classmethod
    def load(cls, overrides: Mapping[str, Any] | None = None, environ=None) -> Settings:
        """Build settings from the environment, then apply ``overrides`` (keys are field names)."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = environ.get(PREFIX + f.name.upper())
            if raw is not None:
                values[f.name] = _parse(f.name, raw)
        for key, value in (overrides or {}).items():
            if key not in {f.name for f in fields(cls)}:
                raise ConfigError(f"unknown setting {key!r}")
            values[key] = value
        settings = cls(**values)
        settings._complete()
        return settings

    def _complete(self) -> None:
        self.instance_path = Path(self.instance_path).resolve()
        if not self.database_url:
            self.instance_path.mkdir(parents=True, exist_ok=True)
            self.database_url = f"sqlite:///{self.instance_path / 'vanphong.db'}"
        try:
            url = make_url(self.database_url)
        except ArgumentError:
            raise ConfigError(
                f"VANPHONG_DATABASE_URL is not a database URL: {self.database_url!r} "
                "(expected e.g. sqlite:///path/vanphong.db or postgresql+psycopg://host/db)"
            ) from None
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise ConfigError(
                f"VANPHONG_DATABASE_URL uses {url.get_backend_name()!r}; "
                "VanPhong supports sqlite and postgresql"
            )
        if self.locale not in LOCALES:
            raise ConfigError(f"VANPHONG_LOCALE must be one of {', '.join(LOCALES)}")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(
                f"VANPHONG_TIMEZONE is not a known time zone: {self.timezone!r}"
            ) from None
        if not self.secret_key:
            self.secret_key = _instance_secret(self.instance_path)


NON_NEGATIVE = frozenset({"proxy_count"})  # whole numbers that may be 0; other ints are ≥ 1


def _parse(name: str, raw: str) -> Any:
    """Read a setting by its field's type: names, whole numbers, flags or text."""
    kind = next(f.type for f in fields(Settings) if f.name == name)
    if name == "plugins":
        return tuple(p.strip() for p in raw.split(",") if p.strip())
    if kind == "int":
        least = 0 if name in NON_NEGATIVE else 1
        if not raw.isdigit() or int(raw) < least:
            raise ConfigError(
                f"{PREFIX}{name.upper()} must be a whole number ≥ {least}, not {raw!r}"
            )
        return int(raw)
    if kind == "bool":
        if raw.lower() not in ("1", "0", "true", "false", "yes", "no", ""):
            raise ConfigError(f"{PREFIX}{name.upper()} must be 1 or 0, not {raw!r}")
        return raw.lower() in ("1", "true", "yes")
    return raw


def _instance_secret(instance_path: Path) -> str:
    """The secret key kept in the instance folder, generated on first run (mode 0600)."""
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first: use theirs
        return path.read_text().strip()
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key
