"""The core's identity feature, registered on the public hooks like any plugin."""

from flask_babel import lazy_gettext as _l

from core import Permission, hookimpl


@hookimpl
def register_models(app):
    from core.identity.models import User

    return [User]


@hookimpl
def register_blueprints(app):
    from core.identity.views import bp

    return [bp]


@hookimpl
def register_permissions(app):
    return [
        Permission("core.user.view", _l("View users")),
        Permission("core.user.manage", _l("Create, edit and disable users")),
        Permission("core.plugin.view", _l("View plugins")),
        Permission("core.plugin.manage", _l("Enable, disable and purge plugins")),
    ]


@hookimpl
def register_admin_views(app):
    from core.identity.admin import UserView

    return [UserView()]


@hookimpl
def demo_data(app, session):
    from core.identity.demo import add_demo_users

    add_demo_users(session)
