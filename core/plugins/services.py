"""Enable, disable and purge plugins: the one place these rules live (CLI and admin call it).

Enabling records the choice in the database (so every process agrees on its next start),
enables dependencies and runs the migrations. Disabling keeps every row. Purging removes a
disabled plugin's tables, refused while a plugin that depends on it is enabled.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from flask_babel import gettext as _
from sqlalchemy import MetaData, delete, func, inspect, select, table
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from core import migrations
from core.db import db
from core.errors import ConfigError, PluginError
from core.identity.roles import sync_permissions
from core.plugins.info import PluginInfo
from core.plugins.manifest import PluginState
from core.plugins.models import PluginRecord
from core.plugins.resolve import find_cycles, topological_order, with_dependencies

BROKEN = (PluginState.FAILED, PluginState.INCOMPATIBLE)


def recorded_states(engine: Engine) -> dict[str, bool]:
    """The enabled flag of every recorded plugin; empty before the first migration.

    A database that cannot be opened is a :class:`ConfigError` naming it (one line).
    """
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table(PluginRecord.__tablename__):
                return {}
            rows = conn.execute(select(PluginRecord.name, PluginRecord.enabled)).all()
    except (OperationalError, ProgrammingError) as exc:
        where = engine.url.render_as_string(hide_password=True)
        raise ConfigError(
            _("cannot open the database %(url)s: %(error)s", url=where, error=exc.orig)
        ) from None
    return {name: bool(enabled) for name, enabled in rows}


def _installed(app: Flask) -> dict[str, PluginInfo]:
    return app.extensions["vanphong"].plugins.plugins


def _engine() -> Engine:
    return db.engine


def enable(app: Flask, names: list[str], actor: str = "", progress=None) -> list[str]:
    """Enable ``names`` and their dependencies, migrate them, record the choice.

    Returns every plugin that was newly enabled, in dependency order.
    """
    plugins = _installed(app)
    unknown = sorted(set(names) - set(plugins))
    if unknown:
        raise PluginError(_("not installed: %(names)s", names=", ".join(unknown)))
    wanted = with_dependencies(plugins, set(names))
    for name in sorted(wanted):
        info = plugins.get(name)
        if info is None:
            needed_by = sorted(n for n in wanted if n in plugins and name in plugins[n].depends)
            raise PluginError(
                _(
                    "cannot enable %(names)s: it needs %(dep)s, which is not installed",
                    names=", ".join(needed_by),
                    dep=name,
                )
            )
        if info.state in BROKEN or info.manifest is None:
            raise PluginError(
                _(
                    "cannot enable %(name)s: %(state)s (%(reason)s)",
                    name=name,
                    state=info.state,
                    reason=info.reason,
                )
            )
    for cycle in find_cycles(plugins, wanted):
        raise PluginError(_("dependency cycle: %(cycle)s", cycle=" → ".join(cycle)))
    order = topological_order(plugins, wanted)
    branches = migrations.branches(plugins[n] for n in order)
    migrations.upgrade(_engine(), branches, progress=progress)
    sync_permissions(app)  # the core's permissions; the plugin's join at the next start
    session = db.session
    recorded = {r.name: r for r in session.scalars(select(PluginRecord))}
    newly = []
    for name in order:
        record = recorded.get(name) or PluginRecord(name=name)
        if not record.enabled:
            newly.append(name)
        record.enabled, record.version, record.changed_by = True, plugins[name].version, actor
        session.add(record)
    session.commit()
    return newly


def _enabled_dependants(app: Flask, session: Session, name: str) -> list[str]:
    """Plugins that hard-depend on ``name`` and are enabled (recorded or in this process)."""
    plugins = _installed(app)
    recorded = {r.name for r in session.scalars(select(PluginRecord).where(PluginRecord.enabled))}
    return sorted(
        n
        for n, info in plugins.items()
        if name in info.depends and (n in recorded or info.state is PluginState.ENABLED)
    )


def disable(app: Flask, names: list[str], actor: str = "") -> list[str]:
    """Record ``names`` as disabled; every row stays. Refused while a dependant stays enabled."""
    session = db.session
    plugins = _installed(app)
    records = {r.name: r for r in session.scalars(select(PluginRecord))}
    for name in names:
        running = name in plugins and plugins[name].enabled  # e.g. through VANPHONG_PLUGINS
        if not running and not (name in records and records[name].enabled):
            raise PluginError(_("%(name)s is not enabled", name=name))
        blockers = [d for d in _enabled_dependants(app, session, name) if d not in names]
        if blockers:
            raise PluginError(
                _(
                    "cannot disable %(name)s: %(names)s depend(s) on it; disable them first",
                    name=name,
                    names=", ".join(blockers),
                )
            )
    for name in names:
        record = records.get(name) or PluginRecord(name=name, version=plugins[name].version)
        record.enabled, record.changed_by = False, actor
        session.add(record)
    session.commit()
    return list(names)


@dataclass(frozen=True)
class TableData:
    name: str
    rows: int


def purge_plan(app: Flask, name: str) -> list[TableData]:
    """The tables ``purge`` would drop and their row counts; refuses when it must not run."""
    session = db.session
    record = session.get(PluginRecord, name)
    if name == "core" or (name not in _installed(app) and record is None):
        raise PluginError(_("no plugin called %(name)s is installed or recorded", name=name))
    if (record is not None and record.enabled) or (
        name in _installed(app) and _installed(app)[name].enabled
    ):
        raise PluginError(_("cannot purge %(name)s: it is enabled; disable it first", name=name))
    blockers = _enabled_dependants(app, session, name)
    if blockers:
        raise PluginError(
            _(
                "cannot purge %(name)s: %(names)s depend(s) on it and are enabled",
                name=name,
                names=", ".join(blockers),
            )
        )
    engine = _engine()
    names = _plugin_tables(engine, name)
    with engine.connect() as conn:
        return [
            TableData(t, conn.execute(select(func.count()).select_from(table(t))).scalar_one())
            for t in names
        ]


def purge(app: Flask, name: str) -> list[TableData]:
    """Drop every table of a disabled plugin (its migrations' downgrade first) and its record."""
    plan = purge_plan(app, name)
    engine = _engine()
    db.session.close()
    info = _installed(app).get(name)
    if info is not None and info.path is not None:
        migrations.downgrade_to_base(engine, migrations.plugin_branch(name, info.path))
    leftovers = _plugin_tables(engine, name)
    if leftovers:  # uninstalled plugin, or migrations that leave tables behind
        meta = MetaData()
        meta.reflect(engine, only=leftovers)
        with engine.begin() as conn:
            meta.drop_all(conn)
    with engine.begin() as conn:
        conn.execute(delete(PluginRecord).where(PluginRecord.name == name))
    return plan


def _plugin_tables(engine: Engine, name: str) -> list[str]:
    inspector = inspect(engine)
    return sorted(
        t
        for t in inspector.get_table_names()
        if t.startswith(f"{name}_") or t == f"alembic_version_{name}"
    )
