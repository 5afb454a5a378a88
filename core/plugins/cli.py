"""``vanphong plugins …``: list, enable, disable and purge plugins; ``vanphong plugin new``
writes a new one to start from."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import click
from flask import current_app
from flask_babel import gettext as _

from core.db import db
from core.plugins import services


def _manager():
    return current_app.extensions["vanphong"].plugins


@click.group("plugins")
def plugins_group() -> None:
    """List, enable, disable and purge plugins."""


@plugins_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_plugins(as_json: bool) -> None:
    """Every installed plugin with its state and the reason for it."""
    plugins = sorted(_manager().plugins.values(), key=lambda p: p.name)
    if as_json:
        click.echo(json.dumps([p.as_dict() for p in plugins], ensure_ascii=False, indent=2))
        return
    if not plugins:
        click.echo(_("No plugin is installed."))
        return
    width = max(len(p.name) for p in plugins)
    for p in plugins:
        line = f"{p.name:<{width}}  {p.version:<8}  {p.state:<18}  {p.title}"
        if p.reason:
            line += f"  — {p.reason}"
        click.echo(line)
        if p.hooks:
            indent = " " * (width + 2)
            click.echo(
                textwrap.fill(
                    f"{_('hooks')}: {', '.join(p.hooks)}",
                    width=100,
                    initial_indent=indent,
                    subsequent_indent=indent + "  ",
                    break_on_hyphens=False,
                )
            )


@plugins_group.command("enable")
@click.argument("names", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Enable every installed plugin.")
@click.option("--if-fresh", is_flag=True, help="Only when no plugin was ever enabled here.")
def enable(names: tuple[str, ...], all_: bool, if_fresh: bool) -> None:
    """Enable plugins (and their dependencies) and migrate them."""
    if if_fresh and services.recorded_states(db.engine):
        click.echo(_("Plugins were already chosen for this database; nothing changed."))
        return
    if all_:
        names = tuple(
            sorted(n for n, p in _manager().plugins.items() if p.state not in services.BROKEN)
        )
    if not names:
        raise click.UsageError(_("name at least one plugin, or --all"))
    done = services.enable(
        current_app,
        list(names),
        actor="cli",
        progress=lambda b: click.echo(_("Migrating %(branch)s…", branch=b.name)),
    )
    click.echo(_("Enabled: %(names)s", names=", ".join(done)) if done else _("Already enabled."))


@plugins_group.command("disable")
@click.argument("names", nargs=-1, required=True)
def disable(names: tuple[str, ...]) -> None:
    """Disable plugins; every row of their data is kept."""
    services.disable(current_app, list(names), actor="cli")
    click.echo(_("Disabled: %(names)s (data kept)", names=", ".join(names)))


@plugins_group.command("purge")
@click.argument("name")
@click.option("--dry-run", is_flag=True, help="List what would be removed, remove nothing.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def purge(name: str, dry_run: bool, yes: bool) -> None:
    """Remove a disabled plugin's tables and data for good."""
    plan = services.purge_plan(current_app, name)
    for item in plan:
        click.echo(_("table %(table)s: %(rows)d rows", table=item.name, rows=item.rows))
    if not plan:
        click.echo(_("%(name)s has no tables.", name=name))
    if dry_run:
        click.echo(_("Dry run: nothing was removed."))
        return
    if not yes:
        click.confirm(_("Remove these tables and their data for good?"), abort=True)
    services.purge(current_app, name)
    click.echo(_("Purged %(name)s.", name=name))


@click.group("plugin")
def plugin_group() -> None:
    """Write a new plugin."""


@plugin_group.command("new")
@click.argument("name")
@click.option(
    "--dir",
    "where",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The folder to write vanphong-NAME/ into.",
)
@click.option("--title", help="The plugin's title (default: NAME, capitalised).")
def new_plugin(name: str, where: Path, title: str | None) -> None:
    """Write vanphong-NAME/, an installable plugin package with every hook, a model and its
    migration, services, admin, API, a job, translations and passing tests."""
    from core.plugins.scaffold import new_plugin as scaffold

    target = scaffold(name, where, title, installed=_manager().plugins)
    click.echo(_("Created %(path)s, plugin %(name)s. Next:", path=target, name=name))
    for step in (
        f"pip install -e '{target}[test]'",
        f"vanphong plugins enable {name}",
        f"pytest {target}",
    ):
        click.echo(f"  {step}")
