"""Back-office views of document types and registers; saves go through the services."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from core.admin import ModelView
from core.db import db
from core.registry import catalog
from core.registry.models import DocumentType, Register, RegisterKind

CATEGORY = _l("Documents")
REGISTER_KINDS = [
    (RegisterKind.ORDINARY.value, _l("Ordinary")),
    (RegisterKind.CONFIDENTIAL.value, _l("Confidential")),
    (RegisterKind.ADVISORY.value, _l("Advisory body")),
]


class DocumentTypeView(ModelView):
    """Document types and their Decree 30 abbreviations (the công văn has none). A type that
    numbered documents is deactivated, not deleted."""

    permission = "core.document_type"
    column_list = ("code", "name", "sort_order", "active")
    column_labels = {
        "code": _l("Abbreviation"),
        "name": _l("Name"),
        "sort_order": _l("Order"),
        "active": _l("Active"),
    }
    column_searchable_list = ("code", "name")
    column_filters = ("active",)
    column_default_sort = "sort_order"
    form_columns = ("code", "name", "sort_order", "active")
    column_descriptions = {"code": _l("Empty for the công văn: its symbol is issuing body + unit.")}

    def __init__(self) -> None:
        super().__init__(
            DocumentType,
            name=_l("Document types"),
            endpoint="core_document_type",
            category=CATEGORY,
        )

    def on_model_change(self, form: Any, model: DocumentType, is_created: bool) -> None:
        catalog.save_type(db.session, model)

    def on_model_delete(self, model: DocumentType) -> None:
        catalog.check_type_deletable(db.session, model)


class RegisterView(ModelView):
    """Registers (sổ đăng ký văn bản đi) of the agency: one issuing body and kind each, with
    the types they number. A register that numbered documents is closed, not deleted."""

    permission = "core.register"
    column_list = ("name", "issuer_abbreviation", "kind", "unit", "active")
    column_details_list = (
        "name",
        "issuer_name",
        "issuer_abbreviation",
        "kind",
        "unit",
        "types",
        "active",
        "note",
    )
    column_labels = {
        "name": _l("Name"),
        "issuer_name": _l("Issuing body"),
        "issuer_abbreviation": _l("Issuing body's abbreviation"),
        "kind": _l("Kind"),
        "unit": _l("Unit"),
        "types": _l("Document types"),
        "active": _l("Active"),
        "note": _l("Note"),
    }
    column_descriptions = {
        "issuer_name": _l("Empty: the unit's name."),
        "issuer_abbreviation": _l("As in symbols, e.g. SNV; empty: the unit's abbreviation."),
        "types": _l("The types this register numbers."),
    }
    column_choices = {"kind": REGISTER_KINDS}
    form_choices = {"kind": REGISTER_KINDS}
    column_searchable_list = ("name", "issuer_name", "issuer_abbreviation")
    column_filters = ("kind", "active")
    column_default_sort = "name"
    form_columns = (
        "name",
        "issuer_name",
        "issuer_abbreviation",
        "kind",
        "unit",
        "types",
        "active",
        "note",
    )
    can_view_details = True

    def __init__(self) -> None:
        super().__init__(
            Register, name=_l("Registers"), endpoint="core_register", category=CATEGORY
        )

    def on_model_change(self, form: Any, model: Register, is_created: bool) -> None:
        catalog.save_register(db.session, model)

    def on_model_delete(self, model: Register) -> None:
        catalog.check_register_deletable(db.session, model)
