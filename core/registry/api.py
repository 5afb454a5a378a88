"""REST endpoints of the document register: ``/api/v1/document-types``, ``/api/v1/registers``,
``/api/v1/documents`` (issuing a number is a POST; withdrawing one, ``…/{id}/withdraw``) and
``/api/v1/documents/check-format``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import g
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from core.api import (
    ApiBlueprint,
    Choice,
    Day,
    Filter,
    Resource,
    api_abort,
    equals,
    require,
    requires,
    with_etag,
)
from core.db import db
from core.org.models import Unit
from core.registry import catalog, services
from core.registry.access import CONFIDENTIAL, confidential_rule, may_use_register
from core.registry.models import Document, DocumentType, Register
from core.registry.schemas import (
    STATUSES,
    CheckFormatSchema,
    DocumentSchema,
    DocumentTypeInputSchema,
    DocumentTypeSchema,
    DocumentTypeUpdateSchema,
    FormatReportSchema,
    IssueSchema,
    RegisterInputSchema,
    RegisterSchema,
    RegisterUpdateSchema,
    WithdrawSchema,
)

bp = ApiBlueprint(
    "core_api_registry",
    __name__,
    url_prefix="/api/v1",
    description="The document register (Decree 30): types, registers, issued numbers, and the "
    "format checker. A unit head sees the documents their units drafted.",
)


def _record(model: type, record_id: int | None, field: str) -> Any:
    """The record ``record_id`` of ``model`` (None stays None), or a 422 naming ``field``."""
    if record_id is None:
        return None
    found = db.session.get(model, record_id)
    if found is None:
        raise services.RegistryError(_("No such record."), field=field)
    return found


class DocumentTypeResource(Resource):
    name = "document-types"
    model = DocumentType
    schema = DocumentTypeSchema
    create_schema = DocumentTypeInputSchema
    update_schema = DocumentTypeUpdateSchema
    permission = "core.document_type"
    filters = {"active": equals(DocumentType.active), "code": equals(DocumentType.code)}
    sorts = {
        "sort_order": DocumentType.sort_order,
        "code": DocumentType.code,
        "name": DocumentType.name,
    }
    default_sort = "sort_order"
    searchable = (DocumentType.code, DocumentType.name)
    can_delete = True

    def create(self, data: dict[str, Any]) -> DocumentType:
        return catalog.save_type(db.session, DocumentType(**data))

    def update(self, obj: DocumentType, data: dict[str, Any]) -> None:
        for name, value in data.items():
            setattr(obj, name, value)
        catalog.save_type(db.session, obj)

    def delete(self, obj: DocumentType) -> None:
        catalog.check_type_deletable(db.session, obj)
        db.session.delete(obj)


DocumentTypeResource().register(bp)


class RegisterResource(Resource):
    name = "registers"
    model = Register
    schema = RegisterSchema
    create_schema = RegisterInputSchema
    update_schema = RegisterUpdateSchema
    permission = "core.register"
    filters = {
        "kind": equals(Register.kind),
        "active": equals(Register.active),
        "unit_id": equals(Register.unit_id),
    }
    sorts = {"name": Register.name, "issuer_abbreviation": Register.issuer_abbreviation}
    default_sort = "name"
    searchable = (Register.name, Register.issuer_name, Register.issuer_abbreviation)
    can_delete = True

    def select(self) -> Any:
        return select(Register).options(joinedload(Register.types))

    def create(self, data: dict[str, Any]) -> Register:
        register = Register()
        self.update(register, data)
        return register

    def update(self, obj: Register, data: dict[str, Any]) -> None:
        types = None
        if "type_ids" in data:
            types = [_record(DocumentType, i, "type_ids") for i in dict.fromkeys(data["type_ids"])]
        if "unit_id" in data:
            obj.unit = _record(Unit, data["unit_id"], "unit_id")
        for name in ("name", "issuer_name", "issuer_abbreviation", "kind", "active", "note"):
            if name in data:
                setattr(obj, name, data[name])
        catalog.save_register(db.session, obj, types)

    def delete(self, obj: Register) -> None:
        catalog.check_register_deletable(db.session, obj)
        db.session.delete(obj)


RegisterResource().register(bp)


class DocumentResource(Resource):
    name = "documents"
    model = Document
    schema = DocumentSchema
    create_schema = IssueSchema
    permission = "core.document"
    scope_column = "unit_id"  # the drafting unit: a unit head sees their units' documents
    scope_input = "unit_id"
    filters = {
        "register_id": equals(Document.register_id),
        "type_id": equals(Document.type_id),
        "year": equals(Document.year),
        "status": Filter(Choice(STATUSES), lambda status: Document.status == status),
        "unit_id": equals(Document.unit_id),
        "source": equals(Document.source),
        "source_ref": equals(Document.source_ref),
        "signed_from": Filter(
            Day(metadata={"description": "Signed on or after this day."}),
            lambda day: Document.signed_on >= day,
        ),
        "signed_until": Filter(
            Day(metadata={"description": "Signed on or before this day."}),
            lambda day: Document.signed_on <= day,
        ),
    }
    sorts = {
        "signed_on": Document.signed_on,
        "year": Document.year,
        "number": Document.number,
        "symbol": Document.symbol,
        "issued_at": Document.issued_at,
    }
    default_sort = "-issued_at"
    searchable = (Document.symbol, Document.summary, Document.signer, Document.recipients)

    def criteria(self, args: dict[str, Any], paths: set[str] | None) -> list[Any]:
        return [*super().criteria(args, paths), *confidential_rule(current_user)]

    def get(self, id: int, paths: set[str] | None) -> Any:
        document = super().get(id, paths)
        hidden = confidential_rule(current_user)
        if (
            hidden
            and db.session.scalar(select(Document.id).where(Document.id == id, *hidden)) is None
        ):
            api_abort(404)
        return document

    def create(self, data: dict[str, Any]) -> Document:
        register = _record(Register, data.pop("register_id"), "register_id")
        if not may_use_register(current_user, register):
            require(CONFIDENTIAL, agency_wide=True)
        doc_type = _record(DocumentType, data.pop("type_id"), "type_id")
        unit = _record(Unit, data.pop("unit_id"), "unit_id")
        return services.issue_number(
            db.session,
            register,
            doc_type,
            data.pop("signed_on"),
            unit=unit,
            issued_by=current_user,
            **data,
        )


documents = DocumentResource()
documents.register(bp)


@bp.route("/documents/<id:id>/withdraw", methods=["POST"])
@requires(lambda: documents.required("manage"))
@bp.arguments(WithdrawSchema)
@bp.response(200, DocumentSchema)
def withdraw(data: dict[str, Any], id: int) -> Any:
    """Withdraw an issued document.

    Its number stays recorded, with the reason, and is never given again.
    """
    document = documents.get(id, g.api_scope)
    services.withdraw(db.session, document, data["reason"], current_user)
    db.session.commit()
    return with_etag(documents.dump(document), document)


@bp.route("/documents/check-format", methods=["POST"])
@requires("core.document.check")
@bp.arguments(CheckFormatSchema)
@bp.response(200, FormatReportSchema)
def check_format(data: dict[str, Any]) -> Any:
    """Check a document's format against Decree 30.

    Returns every problem of the parts sent: a symbol that does not match the type, a missing
    leading zero, a date not written in full, recipients without "Lưu: VT".
    """
    doc_type = _record(DocumentType, data.pop("type_id"), "type_id")
    problems = services.check_format(db.session, doc_type, **data)
    return {"valid": not problems, "problems": [asdict(p) for p in problems]}
