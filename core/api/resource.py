"""A base for the usual endpoints over one model: list, detail, create, update, delete.

A plugin describes the resource (model, schemas, permission, declared filters and sort keys,
its record rule) and writes ``create``/``update``/``delete`` by calling its services; the base
does paging, filtering, sorting, permission checks, record rules, versions and the errors::

    class RoomResource(Resource):
        name = "rooms"
        model = Room
        schema = RoomSchema
        create_schema = RoomInputSchema
        update_schema = RoomUpdateSchema
        permission = "meetings.room"
        filters = {"active": equals(Room.active)}
        sorts = {"name": Room.name, "capacity": Room.capacity}
        default_sort = "name"
        searchable = (Room.name,)

        def create(self, data):
            return services.add_room(db.session, **data)

    RoomResource().register(bp)

Lists cost three statements whatever the page size: the caller, the count and the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flask import g, jsonify, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import Schema, fields, validate
from sqlalchemy import Boolean, Date, DateTime, Integer, String, func, select
from sqlalchemy.sql import ColumnElement, Select

from core.api.auth import require, requires
from core.api.errors import api_abort, stale_message
from core.api.messages import SORT_MESSAGE
from core.api.schemas import MAX_ID, Day, ListArgsSchema, PageSchema, Text, When
from core.db import db, word_filters
from core.identity.access import in_units


@dataclass(frozen=True)
class Filter:
    """A declared filter: the query parameter's field, and the condition for a value."""

    field: fields.Field
    where: Callable[[Any], ColumnElement[bool]]


def equals(column: Any, field: fields.Field | None = None) -> Filter:
    """Filter on equality with ``column``; the parameter's type follows the column's."""
    return Filter(field or _field_for(column), lambda value: column == value)


def _field_for(column: Any) -> fields.Field:
    kind = column.type
    if isinstance(kind, Boolean):
        return fields.Boolean()
    if isinstance(kind, Integer):
        return fields.Integer(validate=validate.Range(-MAX_ID, MAX_ID))
    if isinstance(kind, DateTime):
        return When()
    if isinstance(kind, Date):
        return Day()
    if isinstance(kind, String) and kind.length:
        return Text(kind.length)
    return fields.String(validate=validate.Length(max=500))


def version_of(obj: Any) -> int | None:
    return getattr(obj, "version", None)


def with_etag(response: Any, obj: Any) -> Any:
    version = version_of(obj)
    if version is not None:
        response.set_etag(str(version))
    return response


class Resource:
    """Endpoints over one model; subclasses set the attributes and the write methods."""

    #: URL segment under the blueprint's prefix, and the endpoints' prefix.
    name: str
    model: type
    #: How a record is shown; with a ``version`` field when the model is versioned.
    schema: type[Schema]
    create_schema: type[Schema] | None = None
    update_schema: type[Schema] | None = None
    #: ``<object>``: reading needs ``<object>.view``, changing ``<object>.manage``.
    permission: str
    filters: Mapping[str, Filter] = {}
    sorts: Mapping[str, Any] = {}
    default_sort: str = "id"
    #: Columns the ``q`` parameter searches, ignoring case and Vietnamese diacritics.
    searchable: tuple[Any, ...] = ()
    can_delete: bool = False
    #: Actions (view, manage) that need the permission across the agency when the resource
    #: has no record rule: without one it cannot tell one unit's records from another's.
    agency_wide: frozenset[str] = frozenset({"manage"})
    #: Record rule: the column holding the unit a record belongs to (as the admin's views),
    #: and the input field blamed when a write would place a record outside the caller's units.
    scope_column: str | None = None
    scope_input: str | None = None

    # -- what subclasses write ---------------------------------------------------------

    def select(self) -> Select[Any]:
        """The records, with what the schema shows loaded in the same statement."""
        return select(self.model)

    def scope(self, paths: set[str]) -> ColumnElement[bool]:
        """Rows of the units under ``paths`` (override for records owned another way)."""
        assert self.scope_column is not None
        return in_units(getattr(self.model, self.scope_column), paths)

    def has_record_rule(self) -> bool:
        return self.scope_column is not None or type(self).scope is not Resource.scope

    def create(self, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def update(self, obj: Any, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def delete(self, obj: Any) -> None:
        db.session.delete(obj)

    # -- the endpoints -------------------------------------------------------------------

    def register(self, blp: Any) -> None:
        """Add the endpoints to ``blp`` (an :class:`core.api.ApiBlueprint`)."""
        title = self.model.__name__
        page_schema = type(
            f"{self.schema.__name__.removesuffix('Schema')}PageSchema",
            (PageSchema,),
            {
                "items": fields.List(fields.Nested(self.schema), required=True),
                "__module__": self.schema.__module__,
            },
        )
        collection, item = f"/{self.name}", f"/{self.name}/<id:id>"
        read, manage = (
            requires(lambda: self.required("view")),
            requires(lambda: self.required("manage")),
        )

        @_route(
            blp,
            collection,
            f"{self.name}_list",
            "GET",
            f"List {title} records.",
            read,
            blp.arguments(self.list_args_schema(), location="query", unknown="raise"),
            blp.response(200, page_schema),
            description=self.list_description(),
        )
        def list_(args: dict[str, Any]) -> Any:
            return self.list(args)

        @_route(
            blp,
            item,
            f"{self.name}_get",
            "GET",
            f"One {title} record.",
            read,
            blp.response(200, self.schema),
            description="The ETag header carries its version.",
        )
        def get(id: int) -> Any:
            obj = self.get(id, g.api_scope)
            return with_etag(self.dump(obj), obj)

        if self.create_schema is not None:

            @_route(
                blp,
                collection,
                f"{self.name}_create",
                "POST",
                f"Create a {title} record.",
                manage,
                blp.arguments(self.create_schema),
                blp.response(201, self.schema),
            )
            def create(data: dict[str, Any]) -> Any:
                return self.create_view(data)

        if self.update_schema is not None:

            @_route(
                blp,
                item,
                f"{self.name}_update",
                "PATCH",
                f"Change a {title} record.",
                manage,
                blp.arguments(self.update_schema),
                blp.response(200, self.schema),
                description="Send the version you edit as If-Match (the ETag) or as "
                "`version`; a stale version gets 409 and changes nothing.",
            )
            def update(data: dict[str, Any], id: int) -> Any:
                return self.update_view(id, data)

        if self.can_delete:

            @_route(
                blp,
                item,
                f"{self.name}_delete",
                "DELETE",
                f"Delete a {title} record.",
                manage,
                blp.response(204),
            )
            def delete(id: int) -> Any:
                return self.delete_view(id)

    def list_args_schema(self) -> type[Schema]:
        sort_keys = sorted(self.sorts)
        names = "|".join(re.escape(k) for k in sort_keys)
        attrs: dict[str, Any] = {name: f.field for name, f in self.filters.items()}
        if sort_keys:
            attrs["sort"] = fields.String(
                load_default=self.default_sort,
                validate=[
                    validate.Length(max=200),
                    validate.Regexp(
                        rf"^-?({names})(,-?({names})){{0,4}}$",  # at most five keys
                        error=SORT_MESSAGE.format(keys=", ".join(sort_keys)),
                    ),
                ],
                metadata={
                    "description": "Comma-separated; '-' sorts descending. "
                    f"Keys: {', '.join(sort_keys)}."
                },
            )
        if self.searchable:
            attrs["q"] = Text(
                100, metadata={"description": "Words to find, ignoring case and diacritics."}
            )
        attrs["__module__"] = self.schema.__module__
        return type(f"{self.model.__name__}ListArgsSchema", (ListArgsSchema,), attrs)

    def list_description(self) -> str:
        parts = [f"Filters: {', '.join(sorted(self.filters))}." if self.filters else ""]
        if self.searchable:
            parts.append("`q` searches ignoring case and Vietnamese diacritics.")
        return " ".join(p for p in parts if p)

    def criteria(self, args: dict[str, Any], paths: set[str] | None) -> list[Any]:
        where: list[Any] = []
        if paths is not None:
            where.append(self.scope(paths))
        for name, declared in self.filters.items():
            if name in args:
                where.append(declared.where(args[name]))
        where.extend(word_filters(self.searchable, args.get("q") or ""))
        return where

    def order_by(self, sort: str | None) -> list[Any]:
        keys = (sort or self.default_sort).split(",")
        order = []
        for key in keys:
            column = self.sorts[key.lstrip("-")]
            order.append(column.desc() if key.startswith("-") else column.asc())
        pk = self.model.__mapper__.primary_key[0]  # type: ignore[attr-defined]
        order.append(pk.asc())  # a stable order across pages
        return order

    def list(self, args: dict[str, Any]) -> dict[str, Any]:
        paths = g.api_scope
        where = self.criteria(args, paths)
        total = db.session.scalar(select(func.count()).select_from(self.model).where(*where))
        page, size = args["page"], args["page_size"]
        query = (
            self.select()
            .where(*where)
            .order_by(*self.order_by(args.get("sort")))
            .limit(size)
            .offset((page - 1) * size)
        )
        items = db.session.scalars(query).unique().all()
        return {"items": items, "page": page, "page_size": size, "total": total}

    def get(self, id: int, paths: set[str] | None) -> Any:
        """The record ``id``, or 404 when it does not exist or lies outside ``paths``."""
        pk = self.model.__mapper__.primary_key[0]  # type: ignore[attr-defined]
        query = self.select().where(pk == id)
        if paths is not None:
            query = query.where(self.scope(paths))
        obj = db.session.scalars(query).unique().first()
        if obj is None:
            api_abort(404)
        return obj

    def dump(self, obj: Any) -> Any:
        return jsonify(self.schema().dump(obj))

    def required(self, action: str) -> set[str] | None:
        """Check the caller holds ``<permission>.<action>``; the unit paths the records in reach
        lie under (None: all of them)."""
        ruled = self.has_record_rule()
        paths = require(
            f"{self.permission}.{action}", agency_wide=action in self.agency_wide and not ruled
        )
        return paths if ruled else None  # without a record rule, every record is in reach

    def _check_placed(self, obj: Any, paths: set[str] | None) -> None:
        """Refuse a write that leaves the record outside the caller's units."""
        if paths is None or self.scope_column is None:
            return
        db.session.flush()
        unit_id = getattr(obj, self.scope_column)
        if unit_id is None or not current_user.can(f"{self.permission}.manage", unit_id):
            field = self.scope_input or self.scope_column
            api_abort(
                422,
                code="outside_your_units",
                fields={field: [_("Not a unit you manage.")]},
            )

    def create_view(self, data: dict[str, Any]) -> Any:
        paths = g.api_scope
        obj = self.create(data)
        self._check_placed(obj, paths)
        db.session.commit()
        response = with_etag(self.dump(obj), obj)
        response.status_code = 201
        pk = self.model.__mapper__.primary_key[0].name  # type: ignore[attr-defined]
        response.headers["Location"] = url_for(
            f"{request.blueprint}.{self.name}_get", id=getattr(obj, pk)
        )
        return response

    def update_view(self, id: int, data: dict[str, Any]) -> Any:
        paths = g.api_scope
        obj = self.get(id, paths)
        self.check_version(obj, data.pop("version", None))
        self.update(obj, data)
        self._check_placed(obj, paths)
        db.session.commit()
        return with_etag(self.dump(obj), obj)

    def delete_view(self, id: int) -> Any:
        paths = g.api_scope
        obj = self.get(id, paths)
        self.delete(obj)
        db.session.commit()
        return "", 204

    def check_version(self, obj: Any, sent: int | None) -> None:
        """The update must name the version it edits (If-Match or ``version``); 409 if stale."""
        current = version_of(obj)
        if current is None:
            return
        if request.if_match and not request.if_match.star_tag:
            if not request.if_match.contains_weak(str(current)):
                _stale()
            return
        if sent is None:
            api_abort(
                422,
                fields={"version": [_("Send the version you edit: as If-Match, or as 'version'.")]},
            )
        if sent != current:
            _stale()


def _stale() -> None:
    message = stale_message()
    api_abort(409, message, code="stale", fields={"version": [message]})


def _route(
    blp: Any,
    rule: str,
    endpoint: str,
    method: str,
    summary: str,
    *decorators: Any,
    description: str = "",
) -> Any:
    """Register a view under ``decorators`` (outermost first) with its OpenAPI summary."""

    def register(view: Any) -> Any:
        view.__doc__ = f"{summary}\n\n{description}" if description else summary
        for decorator in reversed(decorators):
            view = decorator(view)
        return blp.route(rule, endpoint=endpoint, methods=[method])(view)

    return register
