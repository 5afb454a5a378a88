"""The unified search, registered on the public hooks like any plugin."""

from flask_babel import lazy_gettext as _l

from core import EVERYONE, Permission, hookimpl


@hookimpl
def register_permissions(app):
    return [
        Permission(
            "core.search.view",
            _l("Use the unified search"),
            default_roles=EVERYONE,
        ),
    ]


@hookimpl
def register_admin_views(app):
    from core.search.admin import SearchView

    return [SearchView()]


@hookimpl
def register_blueprints(app):
    from core.search.api import bp

    return [bp]
