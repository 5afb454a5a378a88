"""How document types, registers and issued documents are read and written through the API."""

from __future__ import annotations

from marshmallow import fields, validate

from core.api import ApiSchema, Choice, Day, Id, Text
from core.registry.models import DocumentStatus, RegisterKind

KINDS = [k.value for k in RegisterKind]
STATUSES = [s.value for s in DocumentStatus]
VERSION_HELP = {"description": "The version you edit, unless sent as If-Match."}


class DocumentTypeSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    code = fields.String(
        dump_only=True,
        metadata={"description": "The Decree 30 abbreviation (QĐ); empty for the công văn."},
    )
    name = fields.String(dump_only=True)
    sort_order = fields.Integer(dump_only=True)
    active = fields.Boolean(dump_only=True)
    version = fields.Integer(dump_only=True)


class DocumentTypeInputSchema(ApiSchema):
    code = Text(10, required=True, metadata={"description": "Letters only; empty: công văn."})
    name = Text(100, min_length=1, required=True)
    sort_order = fields.Integer(strict=True, validate=validate.Range(0, 100_000), load_default=0)
    active = fields.Boolean(load_default=True)


class DocumentTypeUpdateSchema(ApiSchema):
    code = Text(10)
    name = Text(100, min_length=1)
    sort_order = fields.Integer(strict=True, validate=validate.Range(0, 100_000))
    active = fields.Boolean()
    version = Id(metadata=VERSION_HELP)


class RegisterSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    name = fields.String(dump_only=True)
    issuer_name = fields.String(dump_only=True)
    issuer_abbreviation = fields.String(dump_only=True)
    kind = fields.String(dump_only=True, metadata={"enum": KINDS})
    unit_id = fields.Integer(dump_only=True, allow_none=True)
    type_ids = fields.List(
        fields.Integer(),
        dump_only=True,
        metadata={"description": "The document types the register numbers."},
    )
    active = fields.Boolean(dump_only=True)
    note = fields.String(dump_only=True)
    version = fields.Integer(dump_only=True)


class RegisterInputSchema(ApiSchema):
    name = Text(150, min_length=1, required=True)
    issuer_name = Text(255, load_default="", metadata={"description": "Default: the unit's name."})
    issuer_abbreviation = Text(
        30, load_default="", metadata={"description": "As in symbols (SNV); default: the unit's."}
    )
    kind = Choice(KINDS, load_default=RegisterKind.ORDINARY.value)
    unit_id = Id(allow_none=True, load_default=None)
    type_ids = fields.List(Id(), validate=validate.Length(max=200), load_default=list)
    active = fields.Boolean(load_default=True)
    note = Text(500, load_default="")


class RegisterUpdateSchema(ApiSchema):
    name = Text(150, min_length=1)
    issuer_name = Text(255)
    issuer_abbreviation = Text(30)
    kind = Choice(KINDS)
    unit_id = Id(allow_none=True)
    type_ids = fields.List(Id(), validate=validate.Length(max=200))
    active = fields.Boolean()
    note = Text(500)
    version = Id(metadata=VERSION_HELP)


class DocumentSchema(ApiSchema):
    id = fields.Integer(dump_only=True)
    register_id = fields.Integer(dump_only=True)
    type_id = fields.Integer(dump_only=True)
    year = fields.Integer(dump_only=True)
    number = fields.Integer(dump_only=True)
    symbol = fields.String(dump_only=True, metadata={"description": "05/QĐ-SNV, 15/SNV-VP."})
    signed_on = fields.Date(dump_only=True)
    summary = fields.String(dump_only=True)
    signer = fields.String(dump_only=True)
    unit_id = fields.Integer(dump_only=True, allow_none=True)
    drafting_unit = fields.String(dump_only=True)
    recipients = fields.String(dump_only=True)
    copies = fields.Integer(dump_only=True, allow_none=True)
    archive_holder = fields.String(dump_only=True)
    note = fields.String(dump_only=True)
    source = fields.String(dump_only=True)
    source_ref = fields.String(dump_only=True)
    status = fields.String(dump_only=True, metadata={"enum": STATUSES})
    withdrawn_reason = fields.String(dump_only=True)
    withdrawn_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    withdrawn_by_id = fields.Integer(dump_only=True, allow_none=True)
    issued_at = fields.AwareDateTime(dump_only=True)
    issued_by_id = fields.Integer(dump_only=True, allow_none=True)
    version = fields.Integer(dump_only=True)


class IssueSchema(ApiSchema):
    """Issue the next number of a register for a signed document."""

    register_id = Id(required=True)
    type_id = Id(required=True)
    signed_on = Day(required=True, metadata={"description": "Not in the future."})
    summary = Text(1000, min_length=1, required=True, metadata={"description": "Trích yếu."})
    signer = Text(150, load_default="")
    unit_id = Id(allow_none=True, load_default=None, metadata={"description": "The drafting unit."})
    drafting_unit = Text(
        30,
        allow_none=True,
        load_default=None,
        metadata={"description": "Its abbreviation in a công văn's symbol; default: the unit's."},
    )
    recipients = Text(2000, load_default="", metadata={"description": "Nơi nhận."})
    copies = fields.Integer(
        strict=True, validate=validate.Range(1, 100_000), allow_none=True, load_default=None
    )
    archive_holder = Text(255, load_default="")
    note = Text(500, load_default="")
    source = Text(50, load_default="", metadata={"description": "The owning plugin."})
    source_ref = Text(100, load_default="", metadata={"description": "Its record there."})


class WithdrawSchema(ApiSchema):
    reason = Text(500, min_length=1, required=True)


class CheckFormatSchema(ApiSchema):
    """A document's metadata; only the parts sent are checked (an empty text is missing)."""

    type_id = Id(required=True)
    symbol = Text(100, metadata={"description": "05/QĐ-SNV, with or without 'Số:'."})
    date_line = Text(200, metadata={"description": "Hà Nội, ngày 05 tháng 02 năm 2026."})
    recipients = Text(2000, metadata={"description": "The Nơi nhận list."})
    issuer = Text(30, metadata={"description": "The issuing body's abbreviation, if known."})
    signed_on = Day(metadata={"description": "The written date must be this day."})


class ProblemSchema(ApiSchema):
    field = fields.String(dump_only=True)
    code = fields.String(dump_only=True, metadata={"description": "Stable, e.g. leading_zero."})
    message = fields.String(dump_only=True, metadata={"description": "In the request's language."})


class FormatReportSchema(ApiSchema):
    valid = fields.Boolean(dump_only=True)
    problems = fields.List(fields.Nested(ProblemSchema), dump_only=True)
