"""How users and roles are read and written through the REST API."""

from __future__ import annotations

from marshmallow import fields, validate

from core.api import ApiSchema, Choice, Id, Text
from core.identity.services import LOCALES


class UserSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    username = fields.String(dump_only=True)
    full_name = fields.String(dump_only=True)
    email = fields.String(dump_only=True)
    phone = fields.String(dump_only=True)
    active = fields.Boolean(dump_only=True)
    is_superuser = fields.Boolean(dump_only=True)
    locale = fields.String(dump_only=True, allow_none=True)
    created_at = fields.AwareDateTime(dump_only=True)
    last_login_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    version = fields.Integer(dump_only=True)


class UserCreateSchema(ApiSchema):
    username = Text(150, min_length=2, required=True)
    password = fields.String(required=True, load_only=True, validate=validate.Length(max=1000))
    full_name = Text(200, load_default="")
    email = Text(254, load_default="")
    phone = Text(30, load_default="")
    locale = Choice(LOCALES, allow_none=True, load_default=None)
    active = fields.Boolean(load_default=True)


class UserUpdateSchema(ApiSchema):
    full_name = Text(200)
    email = Text(254)
    phone = Text(30)
    locale = Choice(LOCALES, allow_none=True)
    active = fields.Boolean()
    version = Id(metadata={"description": "The version you edit, unless sent as If-Match."})


class AssignmentSchema(ApiSchema):
    role = fields.String(attribute="role.code", dump_only=True)
    unit_id = fields.Integer(dump_only=True, allow_none=True)


class MeSchema(UserSchema):
    assignments = fields.List(fields.Nested(AssignmentSchema), dump_only=True)
    unread_notifications = fields.Integer(dump_only=True, attribute="unread_count")


class RoleSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    code = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    description = fields.String(dump_only=True)
    builtin = fields.Boolean(dump_only=True)
    grants_all = fields.Boolean(
        dump_only=True, metadata={"description": "Holds every permission, present and future."}
    )
    permissions = fields.List(fields.String(), attribute="permission_codes", dump_only=True)
