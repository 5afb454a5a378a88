"""Setting up the register: document types and their abbreviations, registers and the types
each numbers. Admin views and the API save through these; numbering is in
:mod:`core.registry.services`."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from core.registry.models import Document, DocumentType, Register, RegisterKind
from core.registry.services import ABBREVIATION, RegistryError


def save_type(session: Session, doc_type: DocumentType) -> DocumentType:
    """Check and store a document type. Its abbreviation is letters only (empty for the công
    văn); a change applies to numbers issued afterwards, never to issued symbols."""
    doc_type.code = (doc_type.code or "").strip()
    doc_type.name = (doc_type.name or "").strip()
    if not doc_type.name:
        raise RegistryError(_("Name: required."), field="name")
    if doc_type.code and not ABBREVIATION.match(doc_type.code):
        raise RegistryError(
            _(
                "Abbreviation: %(code)s may hold letters and digits only (no spaces, '-' or '/').",
                code=doc_type.code,
            ),
            field="code",
        )
    session.add(doc_type)
    session.flush()
    return doc_type


def save_register(
    session: Session, register: Register, types: Iterable[DocumentType] | None = None
) -> Register:
    """Check and store a register (and the types it numbers, when given).

    The issuing body's abbreviation defaults to its unit's. Two active registers of one issuing
    body and kind may not number the same type: they would give the same symbol twice.
    """
    chosen = None if types is None else list(types)
    if chosen is not None and {t.id for t in chosen} != {t.id for t in register.types}:
        register.types = chosen
        if register.id is not None:
            flag_modified(register, "name")  # a new version: the types are part of the register
    register.kind = register.kind or RegisterKind.ORDINARY.value
    register.active = register.active is not False
    register.name = (register.name or "").strip()
    register.issuer_name = (register.issuer_name or "").strip()
    register.issuer_abbreviation = (register.issuer_abbreviation or "").strip()
    if not register.issuer_abbreviation and register.unit is not None:
        register.issuer_abbreviation = register.unit.abbreviation
    if not register.issuer_name and register.unit is not None:
        register.issuer_name = register.unit.name
    if not register.name:
        raise RegistryError(_("Name: required."), field="name")
    if not register.issuer_name:
        raise RegistryError(_("Issuing body: required."), field="issuer_name")
    if not ABBREVIATION.match(register.issuer_abbreviation):
        raise RegistryError(
            _(
                "Issuing body's abbreviation: %(value)s may hold letters and digits only "
                "(e.g. SNV).",
                value=register.issuer_abbreviation or "—",
            ),
            field="issuer_abbreviation",
        )
    if register.kind not in {k.value for k in RegisterKind}:
        raise RegistryError(_("Kind: not a kind of register."), field="kind")
    session.add(register)
    session.flush()
    if register.active:
        _check_no_clash(session, register)
    return register


def _check_no_clash(session: Session, register: Register) -> None:
    others = session.scalars(
        select(Register).where(
            Register.id != register.id,
            Register.active,
            Register.kind == register.kind,
            Register.issuer_abbreviation == register.issuer_abbreviation,
        )
    ).all()
    mine = {t.id for t in register.types}
    for other in others:
        shared = [t.name for t in other.types if t.id in mine]
        if shared:
            raise RegistryError(
                _(
                    "Types: %(register)s already numbers %(types)s for %(issuer)s; two "
                    "registers would give the same symbols.",
                    register=other.name,
                    types=", ".join(shared),
                    issuer=register.issuer_abbreviation,
                ),
                field="type_ids",
            )


def check_type_deletable(session: Session, doc_type: DocumentType) -> None:
    """A type that numbered a document stays: deactivate it instead."""
    if session.scalar(select(Document.id).where(Document.type_id == doc_type.id).limit(1)):
        raise RegistryError(
            _("%(type)s numbered documents; deactivate it instead.", type=doc_type.name)
        )


def check_register_deletable(session: Session, register: Register) -> None:
    """A register that numbered a document stays: close it (inactive) instead."""
    if session.scalar(select(Document.id).where(Document.register_id == register.id).limit(1)):
        raise RegistryError(
            _("%(register)s numbered documents; close it instead.", register=register.name)
        )
