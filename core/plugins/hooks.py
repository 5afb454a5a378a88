"""The plugin framework's own surface (record model, Plugins page, ``plugins`` and
``plugin`` commands)."""

from core import hookimpl


@hookimpl
def register_models(app):
    from core.plugins.models import PluginRecord

    return [PluginRecord]


@hookimpl
def register_admin_views(app):
    from core.plugins.admin import PluginsView

    return [PluginsView()]


@hookimpl
def register_commands(cli):
    from core.plugins.cli import plugin_group, plugins_group

    cli.add_command(plugins_group)
    cli.add_command(plugin_group)


@hookimpl
def register_blueprints(app):
    from core.plugins.api import bp

    return [bp]
