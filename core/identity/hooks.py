"""The core's identity feature, registered on the public hooks like any plugin."""

from flask_babel import lazy_gettext as _l

from core import Permission, hookimpl


@hookimpl
def register_models(app):
    from core.identity import models

    return [
        models.User,
        models.PermissionRecord,
        models.Role,
        models.RolePermission,
        models.RoleAssignment,
        models.UserSession,
        models.LoginAttempt,
    ]


@hookimpl
def register_blueprints(app):
    from core.identity import api, views

    return [views.bp, api.bp]


@hookimpl
def register_permissions(app):
    return [
        Permission("core.user.view", _l("View users"), default_roles=("office", "unit_head")),
        Permission("core.user.manage", _l("Edit and disable users, reset passwords")),
        Permission("core.role.view", _l("View roles and role assignments")),
        Permission("core.role.manage", _l("Edit roles and assign them")),
        Permission("core.plugin.view", _l("View plugins")),
        Permission("core.plugin.manage", _l("Enable, disable and purge plugins")),
    ]


@hookimpl
def register_admin_views(app):
    from core.identity.admin import AssignmentView, RoleView, UserView

    return [UserView(), RoleView(), AssignmentView()]


@hookimpl
def demo_data(app, session):
    from core.identity.demo import add_demo_users

    add_demo_users(session)


@hookimpl
def search(app, query, user):
    from flask import url_for

    from core import SearchHit
    from core.db import db
    from core.identity.access import scope_paths
    from core.identity.services import find_users

    paths = scope_paths(user, "core.user.view")
    if paths is not None and not paths:
        return []
    return [
        SearchHit(
            "core.users",
            str(found),
            url_for("core_user.details_view", id=found.id),
            summary=" · ".join(filter(None, (found.username, found.email))),
            group=_l("Users"),
        )
        for found in find_users(db.session, query, paths)
    ]
