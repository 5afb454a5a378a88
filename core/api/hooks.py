"""The REST API's own records and pages, registered on the public hooks like any plugin."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from core import EVERYONE, Permission, hookimpl


@hookimpl
def register_models(app):
    from core.api.models import ApiToken

    return [ApiToken]


@hookimpl
def register_permissions(app):
    return [
        Permission(
            "core.api_token.view",
            _l("See one's own API tokens and the API reference"),
            default_roles=EVERYONE,
        ),
        Permission(
            "core.api_token.manage",
            _l("Create and revoke one's own API tokens"),
            default_roles=EVERYONE,
        ),
    ]


@hookimpl
def register_admin_views(app):
    from core.api.admin import ApiReferenceView, ApiTokenView

    return [ApiTokenView(), ApiReferenceView()]


@hookimpl
def register_blueprints(app):
    from swagger_ui_bundle import swagger_ui_path

    assets = Blueprint(
        "core_api_ui",
        __name__,
        static_folder=swagger_ui_path,
        static_url_path="/static/swagger-ui",
    )
    return [assets]
