"""Back-office pages of the room catalogue: the list (with capacity, equipment and building
filters, and search ignoring diacritics), the form saving a room and its booking resource
together, and the door page's secret address. Every change goes through the services."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, g, redirect, request, url_for
from flask_admin.contrib.sqla.filters import BaseSQLAFilter
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup
from sqlalchemy.orm import joinedload
from wtforms.validators import ValidationError

from core.admin import ModelView, expose
from core.booking.models import Resource
from core.db import db
from core.errors import VanPhongError
from plugins.meetings.rooms import door, services
from plugins.meetings.rooms.forms import EQUIPMENT_LABELS, LAYOUT_LABELS, RoomForm
from plugins.meetings.rooms.models import Room

CATEGORY = _l("Meetings")


class RoomFilter(BaseSQLAFilter):
    """A list filter made of :func:`services.room_filters` conditions."""

    def __init__(self, name: Any, condition: Any, options: Any = None, number: bool = False):
        super().__init__(Room.id, name, options)
        self.condition = condition
        self.number = number

    def validate(self, value: str) -> bool:
        return not self.number or value.isdigit()

    def clean(self, value: str) -> Any:
        return int(value) if self.number else value

    def apply(self, query: Any, value: Any, alias: Any = None) -> Any:
        return query.filter(*self.condition(value))

    def operation(self) -> Any:
        return _l("at least") if self.number else _l("is")


def _equipment_column(view: Any, context: Any, room: Room, name: str) -> str:
    return ", ".join(str(EQUIPMENT_LABELS.get(item, item)) for item in room.equipment)


def _layout_column(view: Any, context: Any, room: Room, name: str) -> str:
    return str(LAYOUT_LABELS.get(room.layout, room.layout))


def _door_column(view: Any, context: Any, room: Room, name: str) -> Any:
    return Markup("&#10003;") if room.door_token_hash else ""


class RoomView(ModelView):
    """The room catalogue. Everyone who may book sees every room; the office (or a unit's
    manager, for the rooms of their units) changes them. A room never booked may be deleted;
    one with bookings is made inactive."""

    permission = "meetings.room"
    form = RoomForm
    column_list = (
        "name",
        "building",
        "floor",
        "capacity",
        "layout",
        "equipment",
        "approver",
        "active",
        "door",
    )
    column_details_list = (
        "code",
        "name",
        "building",
        "floor",
        "location",
        "capacity",
        "layout",
        "equipment",
        "approver",
        "unit",
        "active",
        "description",
        "notes",
        "photo_url",
        "door_shows_purpose",
        "door",
    )
    column_labels = {
        "code": _l("Code"),
        "name": _l("Name"),
        "building": _l("Building"),
        "floor": _l("Floor"),
        "location": _l("Location"),
        "capacity": _l("Seats"),
        "layout": _l("Layout"),
        "equipment": _l("Equipment"),
        "approver": _l("Approver"),
        "unit": _l("Owning unit"),
        "active": _l("Active"),
        "description": _l("Description"),
        "notes": _l("Notes"),
        "photo_url": _l("Photo address"),
        "door_shows_purpose": _l("Door page shows purposes"),
        "door": _l("Door page"),
    }
    column_formatters = {
        "code": lambda v, c, room, n: room.resource.code,
        "name": lambda v, c, room, n: room.resource.name,
        "location": lambda v, c, room, n: room.resource.location,
        "capacity": lambda v, c, room, n: room.resource.capacity,
        "approver": lambda v, c, room, n: room.resource.approver or "",
        "unit": lambda v, c, room, n: room.resource.unit or "",
        "active": lambda v, c, room, n: _("yes") if room.resource.active else _("no"),
        "description": lambda v, c, room, n: room.resource.description,
        "equipment": _equipment_column,
        "layout": _layout_column,
        "door": _door_column,
    }
    column_formatters_detail = column_formatters
    column_sortable_list = (
        ("name", "resource.name"),
        ("capacity", "resource.capacity"),
        "building",
        "floor",
    )
    column_default_sort = "building"
    column_searchable_list = ("building",)  # searched through services.room_filters
    column_filters = (
        RoomFilter(
            _l("Seats"), lambda seats: services.room_filters(min_capacity=seats), number=True
        ),
        RoomFilter(
            _l("Equipment"),
            lambda item: services.room_filters(equipment=[item]),
            options=list(EQUIPMENT_LABELS.items()),
        ),
        RoomFilter(_l("Building"), lambda building: services.room_filters(building=building)),
        RoomFilter(
            _l("Active"),
            lambda value: services.room_filters(active=value == "1"),
            options=[("1", _l("yes")), ("0", _l("no"))],
        ),
    )
    scoped_choices = {"unit": "unit"}
    details_template = "meetings/rooms/room_details.html"
    can_view_details = True

    def __init__(self) -> None:
        super().__init__(Room, name=_l("Rooms"), endpoint="meetings_room", category=CATEGORY)

    # -- reading ---------------------------------------------------------------------------

    def get_query(self) -> Any:
        return (
            super()
            .get_query()
            .options(
                joinedload(Room.resource).joinedload(Resource.approver),
                joinedload(Room.equipment_rows),
            )
        )

    def scope(self, query: Any, paths: set[str]) -> Any:
        """Every room is seen (a room of another unit is still a room one may book); only
        changes are limited to the rooms of the user's units."""
        if str(g.get("vanphong_permission", "")).endswith(".view"):
            return query
        return query.filter(services.owned_by_units(paths))

    def _apply_search(
        self, query: Any, count_query: Any, joins: Any, count_joins: Any, search: str
    ) -> Any:
        for clause in services.room_filters(q=search):
            query = query.filter(clause)
            if count_query is not None:
                count_query = count_query.filter(clause)
        return query, count_query, joins, count_joins

    # -- writing ---------------------------------------------------------------------------

    def on_form_prefill(self, form: Any, id: Any) -> None:
        room = self.get_one(id)
        resource = room.resource
        for name in ("code", "name", "capacity", "location", "active", "description"):
            getattr(form, name).data = getattr(resource, name)
        for name in services.ROOM_FIELDS:
            getattr(form, name).data = getattr(room, name)
        form.approver.data = resource.approver
        form.unit.data = resource.unit
        form.equipment.data = room.equipment

    def _fields(self, form: Any) -> dict[str, Any]:
        fields = {
            name: getattr(form, name).data or ""
            for name in ("code", "name", "location", "description", *services.ROOM_FIELDS)
        }
        fields.update(
            capacity=form.capacity.data,
            active=bool(form.active.data),
            door_shows_purpose=bool(form.door_shows_purpose.data),
            approver_id=form.approver.data.id if form.approver.data else None,
            unit_id=form.unit.data.id if form.unit.data else None,
            equipment=form.equipment.data or [],
        )
        return fields

    def _saved(self, save: Any) -> Any:
        """Run ``save()`` and commit, or report the refusal and keep nothing."""
        try:
            room = save()
            self.require_manage(room.unit_id)
            db.session.commit()
        except (VanPhongError, ValidationError) as exc:
            db.session.rollback()
            flash(str(exc), "error")
            return None
        return room

    def create_model(self, form: Any) -> Any:
        return self._saved(lambda: services.create_room(db.session, **self._fields(form))) or False

    def update_model(self, form: Any, model: Room) -> bool:
        fields = self._fields(form)
        return self._saved(lambda: services.update_room(db.session, model, **fields)) is not None

    def delete_model(self, model: Room) -> bool:
        try:
            services.delete_room(db.session, model)
            db.session.commit()
        except VanPhongError as exc:
            db.session.rollback()
            flash(str(exc), "error")
            return False
        return True

    # -- the door page -----------------------------------------------------------------------

    @expose("/door/", methods=["POST"])
    def door_view(self) -> Any:
        """Give the room's door page a new secret address (shown once), or revoke it."""
        form = FlaskForm()
        if not form.validate_on_submit():
            abort(400)
        room = self.get_one(request.form.get("id", ""))
        if room is None:
            abort(404)
        if request.form.get("door") == "revoke":
            door.revoke_door_token(db.session, room)
            db.session.commit()
            flash(_("The door page of %(room)s no longer opens.", room=room.name), "success")
        else:
            token = door.issue_door_token(db.session, room)
            db.session.commit()
            address = url_for("meetings_rooms_door.door_page", token=token, _external=True)
            flash(
                _(
                    "Door page of %(room)s: %(address)s — copy it now, it is shown only once; "
                    "the previous address no longer opens.",
                    room=room.name,
                    address=address,
                ),
                "success",
            )
        return redirect(url_for(".details_view", id=room.id), code=303)

    def render(self, template: str, **kwargs: Any) -> Any:
        if template == self.details_template:
            kwargs["door_form"] = FlaskForm()
            kwargs["may_manage"] = current_user.can("meetings.room.manage")
        return super().render(template, **kwargs)
