"""REST endpoints of users and roles: ``/api/v1/users``, ``/api/v1/me``, ``/api/v1/roles``."""

from __future__ import annotations

from typing import Any

from flask_login import current_user
from marshmallow import fields, validate
from sqlalchemy import exists, select
from sqlalchemy.orm import joinedload

from core.api import ApiBlueprint, Filter, Resource, equals, require
from core.api.schemas import MAX_ID
from core.db import db
from core.identity import services
from core.identity.access import users_in_units
from core.identity.models import Role, User
from core.identity.schemas import (
    MeSchema,
    RoleSchema,
    UserCreateSchema,
    UserSchema,
    UserUpdateSchema,
)
from core.notifications.services import unread_count
from core.org.models import Membership

bp = ApiBlueprint(
    "core_api_identity",
    __name__,
    url_prefix="/api/v1",
    description="Users and roles. A unit head sees the people of their units.",
)


def _member_of(unit_id: int) -> Any:
    return exists().where(Membership.user_id == User.id, Membership.unit_id == unit_id)


class UserResource(Resource):
    name = "users"
    model = User
    schema = UserSchema
    create_schema = UserCreateSchema
    update_schema = UserUpdateSchema
    permission = "core.user"
    filters = {
        "active": equals(User.active),
        "unit": Filter(
            fields.Integer(
                validate=validate.Range(1, MAX_ID),
                metadata={"description": "Members of this unit."},
            ),
            _member_of,
        ),
    }
    sorts = {
        "username": User.username,
        "full_name": User.full_name,
        "created_at": User.created_at,
        "last_login_at": User.last_login_at,
    }
    default_sort = "username"
    searchable = (User.username, User.full_name, User.email)

    def scope(self, paths: set[str]) -> Any:
        return users_in_units(paths)

    def create(self, data: dict[str, Any]) -> User:
        require("core.user.manage", agency_wide=True)  # a new user belongs to no unit yet
        user = services.create_user(
            db.session,
            data["username"],
            data["password"],
            full_name=data["full_name"],
            email=data["email"],
            phone=data["phone"],
        )
        user.active, user.locale = data["active"], data["locale"]
        services.update_user(db.session, user)
        return user

    def update(self, obj: User, data: dict[str, Any]) -> None:
        services.check_reach(obj, require("core.user.manage"))
        for name, value in data.items():
            setattr(obj, name, value.strip() if isinstance(value, str) else value)
        services.update_user(db.session, obj)


UserResource().register(bp)


@bp.route("/me", methods=["GET"])
@bp.response(200, MeSchema)
def me() -> Any:
    """The caller: their account, role assignments and unread notifications."""
    current_user.unread_count = unread_count(current_user.id)
    return current_user


class RoleResource(Resource):
    name = "roles"
    model = Role
    schema = RoleSchema
    permission = "core.role"
    filters = {"builtin": equals(Role.builtin)}
    sorts = {"code": Role.code, "name": Role.name}
    default_sort = "code"
    searchable = (Role.code, Role.name)

    agency_wide = frozenset({"view", "manage"})  # roles hold permissions across every unit

    def select(self) -> Any:
        return select(Role).options(joinedload(Role.permissions))


RoleResource().register(bp)
