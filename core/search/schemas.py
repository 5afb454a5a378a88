"""How the unified search is asked and answered through the REST API."""

from __future__ import annotations

from marshmallow import fields

from core.api import ApiSchema, Text


class SearchArgsSchema(ApiSchema):
    q = Text(100, required=True, metadata={"description": "Ignores case and diacritics."})


class SearchHitSchema(ApiSchema):
    title = fields.String(dump_only=True)
    url = fields.String(dump_only=True)
    summary = fields.String(dump_only=True)
    score = fields.Float(dump_only=True)


class SearchGroupSchema(ApiSchema):
    source = fields.String(dump_only=True)
    title = fields.String(dump_only=True)
    hits = fields.List(fields.Nested(SearchHitSchema), dump_only=True)
