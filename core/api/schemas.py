"""The base schema and fields every API schema is built from.

Input is checked before any service sees it: unknown fields are refused, strings have a
maximum length and may not carry NUL bytes or unpaired surrogates (no database stores them),
ids are positive 32-bit integers, JSON numbers are not taken from strings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from core.db import EARLIEST, LATEST

MAX_ID = 2**31 - 1
MAX_PAGE = 100_000
MAX_PAGE_SIZE = 100


#: C0 control characters but tab, line feed and carriage return, and DEL: no field means them,
#: PostgreSQL refuses NUL, and spreadsheets refuse the rest.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _bad_text(value: Any) -> bool:
    if isinstance(value, str):
        if CONTROL.search(value):
            return True
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_bad_text(k) or _bad_text(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_bad_text(v) for v in value)
    return False


class ApiSchema(Schema):
    """Base of every API schema: unknown fields refused, text free of NUL bytes."""

    class Meta:
        unknown = RAISE

    @validates_schema(pass_original=True, skip_on_field_errors=False)
    def refuse_unstorable_text(self, data: Any, original: Any, **kwargs: Any) -> None:
        if isinstance(original, Mapping):  # a JSON object, or the query string
            bad = {
                str(k): [_("Contains a control character or an invalid character.")]
                for k, v in original.items()
                if _bad_text(k) or _bad_text(v)
            }
            if bad:
                raise ValidationError(bad)


def Text(max_length: int, *, min_length: int = 0, **kwargs: Any) -> fields.String:
    """A string of at most ``max_length`` characters (the column's length)."""
    return fields.String(validate=validate.Length(min=min_length, max=max_length), **kwargs)


def Id(**kwargs: Any) -> fields.Integer:
    """A record id: a JSON integer from 1 to 2³¹−1."""
    return fields.Integer(strict=True, validate=validate.Range(1, MAX_ID), **kwargs)


def When(**kwargs: Any) -> fields.AwareDateTime:
    """A time with its UTC offset, between 1900 and 2200 (stored in UTC)."""
    return fields.AwareDateTime(validate=validate.Range(EARLIEST, LATEST), **kwargs)


def Day(**kwargs: Any) -> fields.Date:
    """A calendar day between 1900 and 2200."""
    return fields.Date(validate=validate.Range(EARLIEST.date(), LATEST.date()), **kwargs)


def Choice(choices: list[str] | tuple[str, ...], **kwargs: Any) -> fields.String:
    return fields.String(validate=validate.OneOf(list(choices)), **kwargs)


class ErrorBodySchema(Schema):
    code = fields.String(required=True, metadata={"description": "A stable error code."})
    message = fields.String(required=True, metadata={"description": "In the request's language."})
    fields_ = fields.Dict(
        data_key="fields",
        keys=fields.String(),
        values=fields.List(fields.String()),
        required=True,
        metadata={"description": "Each offending input and its messages."},
    )


class ErrorSchema(Schema):
    """The body of every error response."""

    error = fields.Nested(ErrorBodySchema, required=True)


class ListArgsSchema(ApiSchema):
    """Paging and sorting, shared by every list endpoint."""

    page = fields.Integer(
        load_default=1,
        validate=validate.Range(1, MAX_PAGE),
        metadata={"description": "From 1."},
    )
    page_size = fields.Integer(
        load_default=20,
        validate=validate.Range(1, MAX_PAGE_SIZE),
        metadata={"description": f"From 1 to {MAX_PAGE_SIZE}."},
    )


class PageSchema(Schema):
    page = fields.Integer(required=True)
    page_size = fields.Integer(required=True)
    total = fields.Integer(required=True, metadata={"description": "Matching records."})
