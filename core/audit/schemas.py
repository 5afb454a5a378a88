"""How audit entries are read through the REST API."""

from __future__ import annotations

from marshmallow import fields

from core.api import ApiSchema


class AuditEntrySchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    at = fields.AwareDateTime(dump_only=True)
    actor_id = fields.Integer(dump_only=True, allow_none=True)
    actor = fields.String(dump_only=True)
    ip = fields.String(dump_only=True)
    action = fields.String(dump_only=True)
    object_type = fields.String(dump_only=True)
    object_id = fields.String(dump_only=True)
    changes = fields.Dict(dump_only=True, allow_none=True)
    note = fields.String(dump_only=True)
