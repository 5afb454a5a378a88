"""The audit log, registered on the public hooks like any plugin."""

from flask_babel import lazy_gettext as _l

from core import Permission, hookimpl


@hookimpl
def register_models(app):
    from core.audit.models import AuditEntry

    return [AuditEntry]


@hookimpl
def register_permissions(app):
    return [Permission("core.audit.view", _l("Read the audit log"))]


@hookimpl
def register_admin_views(app):
    from core.audit.admin import AuditView

    return [AuditView()]


@hookimpl
def register_blueprints(app):
    from core.audit.api import bp

    return [bp]
