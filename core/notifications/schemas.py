"""How one's notifications are read and marked through the REST API."""

from __future__ import annotations

from marshmallow import fields, validate

from core.api import ApiSchema, Id


class NotificationSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    type = fields.String(dump_only=True)
    subject = fields.String(dump_only=True)
    body = fields.String(dump_only=True)
    link = fields.String(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)
    read_at = fields.AwareDateTime(dump_only=True, allow_none=True)


class MarkReadSchema(ApiSchema):
    ids = fields.List(
        Id(),
        validate=validate.Length(min=1, max=1000),
        metadata={"description": "Notifications to mark read; leave out to mark them all."},
    )


class MarkedSchema(ApiSchema):
    marked = fields.Integer(required=True, metadata={"description": "How many were unread."})
