"""The database: one declarative base, the constraint naming convention, the session.

Sessions come from Flask-SQLAlchemy-Lite: one per app context, so one per request, per CLI
command and per job, always closed when the context ends.
"""

from __future__ import annotations

import inspect
from datetime import UTC, datetime
from typing import Any

from flask import Flask
from flask_sqlalchemy_lite import SQLAlchemy
from sqlalchemy import DateTime, MetaData, event, func, or_
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

from core.text import fold

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored as UTC on every backend (SQLite keeps no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: VanPhong stores timezone-aware times only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Model(DeclarativeBase):
    """The one declarative base of the core and every plugin."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UtcDateTime()}


class Versioned:
    """Mixin: a ``version`` counter the ORM raises on every update and checks in its WHERE
    clause, so two writers that read the same version cannot both save (optimistic locking).
    The REST API sends it as the ETag and refuses an update that names an older one."""

    version: Mapped[int] = mapped_column(default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


#: The times VanPhong stores lie in these years; input outside them is refused, never stored.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


def utcnow() -> datetime:
    """Now, timezone-aware, in UTC."""
    return datetime.now(UTC)


db = SQLAlchemy()


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    """Foreign keys on, WAL for concurrent readers, a busy timeout instead of errors, and
    ``vp_fold()`` for diacritics-insensitive search (PostgreSQL gets it from a migration)."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        dbapi_connection.create_function("vp_fold", 1, fold, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()


def init_db(app: Flask, url: str) -> None:
    """Bind ``db`` to the app with one engine for ``url``."""
    options: dict[str, Any] = {"url": url}
    if url.startswith("postgresql"):
        options["pool_pre_ping"] = True
    app.config["SQLALCHEMY_ENGINES"] = {"default": options}
    db.init_app(app)
    # Flask-SQLAlchemy-Lite always registers an async teardown; VanPhong has no async engine,
    # and running it costs an event loop per request (asgiref) and fails inside a running loop.
    app.teardown_appcontext_funcs[:] = [
        f for f in app.teardown_appcontext_funcs if not inspect.iscoroutinefunction(f)
    ]


def word_filters(columns: Any, query: str) -> list[Any]:
    """One WHERE condition per word of ``query``: the word appears in one of ``columns``,
    ignoring case and Vietnamese diacritics (``vp_fold``): "van phong" finds "Văn phòng"."""
    conditions = []
    for word in (fold(query) or "").split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        conditions.append(or_(*(func.vp_fold(c).like(pattern, escape="\\") for c in columns)))
    return conditions
