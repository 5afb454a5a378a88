"""How installed plugins are read through the REST API."""

from __future__ import annotations

from marshmallow import fields

from core.api import ApiSchema
from core.plugins.manifest import PluginState


class PluginSchema(ApiSchema):
    name = fields.String(dump_only=True)
    title = fields.String(dump_only=True)
    version = fields.String(dump_only=True)
    state = fields.String(dump_only=True, metadata={"enum": [s.value for s in PluginState]})
    reason = fields.Function(lambda p: str(p.reason), dump_only=True)
    depends = fields.List(fields.String(), dump_only=True)
    optional_depends = fields.List(fields.String(), dump_only=True)
    distribution = fields.String(dump_only=True, allow_none=True)
    hooks = fields.List(fields.String(), dump_only=True)
