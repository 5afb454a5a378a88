"""Back-office views of the org chart: units, positions, memberships and the chart itself."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import inspect, select
from sqlalchemy.orm import selectinload

from core.admin import BaseView, ModelView, expose
from core.db import db
from core.identity.access import scope_paths
from core.org import services
from core.org.models import Membership, Position, Unit, UnitKind

UNIT_KINDS = [
    (UnitKind.AGENCY.value, _l("Agency")),
    (UnitKind.OFFICE.value, _l("Office")),
    (UnitKind.DEPARTMENT.value, _l("Department")),
    (UnitKind.TEAM.value, _l("Team")),
]


class UnitView(ModelView):
    """Units; a unit head sees and manages their own subtree. Moving a unit under itself or a
    unit below it is refused."""

    permission = "core.unit"
    scope_column = "id"
    column_list = ("code", "name", "abbreviation", "kind", "parent", "active")
    column_labels = {
        "code": _l("Code"),
        "name": _l("Name"),
        "abbreviation": _l("Abbreviation"),
        "kind": _l("Kind"),
        "parent": _l("Parent unit"),
        "active": _l("Active"),
        "sort_order": _l("Order"),
    }
    column_searchable_list = ("code", "name", "abbreviation")
    column_filters = ("kind", "active")
    column_default_sort = "path"
    form_columns = ("code", "name", "abbreviation", "kind", "parent", "sort_order", "active")
    form_choices = {"kind": UNIT_KINDS}
    column_choices = {"kind": UNIT_KINDS}
    column_select_related_list = (Unit.parent,)  # Flask-Admin skips self-references otherwise
    scoped_choices = {"parent": "unit"}
    can_export = True
    can_view_details = True

    def __init__(self) -> None:
        super().__init__(Unit, name=_l("Units"), endpoint="core_unit", category=_l("Organisation"))

    def on_model_change(self, form: Any, model: Unit, is_created: bool) -> None:
        moved = is_created or inspect(model).attrs.parent.history.has_changes()
        services.place_unit(db.session, model)
        # A new or moved unit lands under its parent, which the user must manage; an edit in
        # place needs the unit itself.
        self.require_manage(model.parent_id if moved else model.id)

    def on_model_delete(self, model: Unit) -> None:
        services.check_deletable(db.session, model)


class PositionView(ModelView):
    permission = "core.position"
    column_list = ("code", "name", "rank", "is_leader")
    column_labels = {
        "code": _l("Code"),
        "name": _l("Name"),
        "rank": _l("Rank"),
        "is_leader": _l("Leader"),
    }
    column_searchable_list = ("code", "name")
    column_default_sort = "rank"
    form_columns = ("code", "name", "rank", "is_leader")

    def __init__(self) -> None:
        super().__init__(
            Position, name=_l("Positions"), endpoint="core_position", category=_l("Organisation")
        )


class MembershipView(ModelView):
    """Members per unit (filter by unit): primary or concurrent posts, heads, signing authority."""

    permission = "core.unit"
    scope_column = "unit_id"
    column_list = ("unit", "user", "position", "is_primary", "is_head", "can_sign")
    column_labels = {
        "unit": _l("Unit"),
        "user": _l("User"),
        "position": _l("Position"),
        "is_primary": _l("Primary"),
        "is_head": _l("Head"),
        "can_sign": _l("Signs"),
    }
    column_filters = ("unit.name", "is_head", "can_sign")
    scoped_choices = {"unit": "unit", "user": "user"}
    column_default_sort = "unit_id"
    form_columns = ("unit", "user", "position", "is_primary", "is_head", "can_sign")

    def __init__(self) -> None:
        super().__init__(
            Membership, name=_l("Members"), endpoint="core_membership", category=_l("Organisation")
        )


class OrgChartView(BaseView):
    """The org chart drawn as a tree, with each unit's head and members."""

    permission = "core.unit"

    def __init__(self) -> None:
        super().__init__(
            name=_l("Org chart"), endpoint="core_orgchart", category=_l("Organisation")
        )

    @expose("/")
    def index(self) -> Any:
        from flask_login import current_user

        units = services.tree(db.session)
        paths = scope_paths(current_user, "core.unit.view")
        if paths is not None:
            units = [u for u in units if any(u.path.startswith(p) for p in paths)]
        members = db.session.scalars(
            select(Membership).options(
                selectinload(Membership.user), selectinload(Membership.position)
            )
        ).all()
        by_unit: dict[int, list[Membership]] = {}
        for membership in sorted(
            members, key=lambda m: (not m.is_head, m.position.rank if m.position else 999)
        ):
            by_unit.setdefault(membership.unit_id, []).append(membership)
        return self.render("core/orgchart.html", units=units, members=by_unit)
