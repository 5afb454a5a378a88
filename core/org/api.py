"""REST endpoints of the org chart: ``/api/v1/units`` (and the tree) and ``/api/v1/positions``."""

from __future__ import annotations

from typing import Any

from flask import g
from sqlalchemy import select

from core.api import ApiBlueprint, Resource, equals, requires
from core.db import db
from core.identity.access import in_units
from core.org import services
from core.org.models import Position, Unit
from core.org.schemas import (
    PositionInputSchema,
    PositionSchema,
    PositionUpdateSchema,
    UnitInputSchema,
    UnitSchema,
    UnitTreeSchema,
    UnitUpdateSchema,
)

bp = ApiBlueprint(
    "core_api_org",
    __name__,
    url_prefix="/api/v1",
    description="The org chart: units and positions. A unit head sees and manages their subtree.",
)


class UnitResource(Resource):
    name = "units"
    model = Unit
    schema = UnitSchema
    create_schema = UnitInputSchema
    update_schema = UnitUpdateSchema
    permission = "core.unit"
    scope_column = "id"
    scope_input = "parent_id"  # a unit lands under its parent, which the caller must manage
    filters = {
        "parent_id": equals(Unit.parent_id),
        "kind": equals(Unit.kind),
        "active": equals(Unit.active),
    }
    sorts = {"path": Unit.path, "code": Unit.code, "name": Unit.name}
    default_sort = "path"
    searchable = (Unit.code, Unit.name, Unit.abbreviation)
    can_delete = True

    def create(self, data: dict[str, Any]) -> Unit:
        parent = _parent(data.pop("parent_id"))
        active = data.pop("active")
        unit = services.create_unit(db.session, parent=parent, **data)
        unit.active = active
        return unit

    def update(self, obj: Unit, data: dict[str, Any]) -> None:
        if "parent_id" in data:
            obj.parent = _parent(data.pop("parent_id"))
        for name, value in data.items():
            setattr(obj, name, value.strip() if isinstance(value, str) else value)
        services.place_unit(db.session, obj)

    def delete(self, obj: Unit) -> None:
        services.check_deletable(db.session, obj)
        db.session.delete(obj)


def _parent(unit_id: int | None) -> Unit | None:
    if unit_id is None:
        return None
    parent = db.session.get(Unit, unit_id)
    if parent is None:
        raise services.OrgError(services.no_such_parent(), field="parent_id")
    return parent


units = UnitResource()
units.register(bp)


@bp.route("/units/tree", methods=["GET"])
@requires(lambda: units.required("view"))
@bp.response(200, UnitTreeSchema(many=True))
def unit_tree() -> Any:
    """The units the caller may see, as a tree.

    A unit head gets their own subtrees as the roots.
    """
    paths = g.api_scope
    query = select(Unit).order_by(Unit.sort_order, Unit.name)
    if paths is not None:
        query = query.where(in_units(Unit.id, paths))
    rows = db.session.scalars(query).all()
    seen = {u.id for u in rows}
    nodes: dict[int, dict[str, Any]] = {
        u.id: {**UnitSchema().dump(u), "children": []} for u in rows
    }
    roots = []
    for unit in rows:
        if unit.parent_id in seen:
            nodes[unit.parent_id]["children"].append(nodes[unit.id])
        else:
            roots.append(nodes[unit.id])
    return roots


class PositionResource(Resource):
    name = "positions"
    model = Position
    schema = PositionSchema
    create_schema = PositionInputSchema
    update_schema = PositionUpdateSchema
    permission = "core.position"
    filters = {"is_leader": equals(Position.is_leader)}
    sorts = {"rank": Position.rank, "code": Position.code, "name": Position.name}
    default_sort = "rank"
    searchable = (Position.code, Position.name)
    can_delete = True

    def create(self, data: dict[str, Any]) -> Position:
        position = Position(**{k: v.strip() if isinstance(v, str) else v for k, v in data.items()})
        db.session.add(position)
        db.session.flush()
        return position

    def update(self, obj: Position, data: dict[str, Any]) -> None:
        for name, value in data.items():
            setattr(obj, name, value.strip() if isinstance(value, str) else value)
        db.session.flush()


PositionResource().register(bp)
