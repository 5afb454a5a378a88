"""The org chart, registered on the public hooks like any plugin."""

from flask_babel import lazy_gettext as _l

from core import EVERYONE, Permission, hookimpl


@hookimpl
def register_models(app):
    from core.org.models import Membership, Position, Unit

    return [Unit, Position, Membership]


@hookimpl
def register_permissions(app):
    return [
        Permission(
            "core.unit.view",
            _l("View the org chart"),
            default_roles=EVERYONE,
        ),
        Permission(
            "core.unit.manage",
            _l("Edit units and their members"),
            default_roles=("office", "unit_head"),
        ),
        Permission(
            "core.position.view",
            _l("View positions"),
            default_roles=EVERYONE,
        ),
        Permission("core.position.manage", _l("Edit positions"), default_roles=("office",)),
    ]


@hookimpl
def register_admin_views(app):
    from core.org.admin import MembershipView, OrgChartView, PositionView, UnitView

    return [OrgChartView(), UnitView(), MembershipView(), PositionView()]


@hookimpl
def demo_data(app, session):
    from core.org.demo import add_demo_agency

    add_demo_agency(session)


@hookimpl
def register_blueprints(app):
    from core.org.api import bp

    return [bp]


@hookimpl
def search(app, query, user):
    from flask import url_for

    from core import SearchHit
    from core.db import db
    from core.identity.access import scope_paths
    from core.org.services import find_units

    paths = scope_paths(user, "core.unit.view")
    if paths is not None and not paths:
        return []
    return [
        SearchHit(
            "core.units",
            unit.name,
            url_for("core_unit.details_view", id=unit.id),
            summary=f"{unit.code} · {unit.abbreviation}",
            group=_l("Units"),
        )
        for unit in find_units(db.session, query, paths)
    ]
