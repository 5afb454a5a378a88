"""The register's rules, written once: gap-free numbers per register and signing year, the
symbol's format, withdrawals that keep their number, and registers that cannot clash.

Plugins issue a number by calling :func:`issue_number` inside their own transaction: the
number is theirs when that transaction commits, and given back if it rolls back.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, cast

from flask import has_request_context, url_for
from flask_babel import gettext as _
from sqlalchemy import Table, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, joinedload

from core.db import utcnow, word_filters
from core.errors import ConflictError, VanPhongError
from core.i18n import agency_today
from core.identity.models import User
from core.org.models import Unit
from core.registry import format as fmt
from core.registry.models import (
    Document,
    DocumentStatus,
    DocumentType,
    Register,
    RegisterCounter,
    RegisterKind,
    register_type,
)

#: An abbreviation in a symbol: letters and digits, no spaces, no '-' or '/'.
ABBREVIATION = re.compile(r"^[^\W_]+$")


class RegistryError(VanPhongError):
    """A register rule is broken; the message names the field and the rule."""


class RegistryConflict(ConflictError):
    """The change clashes with the register as it stands (e.g. a number already withdrawn)."""


# -- numbering --------------------------------------------------------------------------------


def issue_number(
    session: Session,
    register: Register,
    type: DocumentType,
    signed_on: date,
    *,
    summary: str,
    signer: str = "",
    unit: Unit | None = None,
    drafting_unit: str | None = None,
    recipients: str = "",
    copies: int | None = None,
    archive_holder: str = "",
    note: str = "",
    source: str = "",
    source_ref: str = "",
    issued_by: User | None = None,
) -> Document:
    """Give a signed document the next number of ``register`` in its signing year, and record
    it in the register book. Returns the flushed :class:`Document` (``number``, ``symbol``).

    Numbers run from 01 each 1 January, with no gaps and never reused: the (register, year)
    counter is raised in the caller's transaction, which holds it until it ends (a row lock on
    PostgreSQL, the write lock on SQLite), so concurrent issuers wait in turn and a rollback
    gives the number back. Refused, with nothing written: an inactive register or type, a type
    the register does not allow, a signing date in the future, a missing summary, a công văn
    without its drafting unit.
    """
    summary = (summary or "").strip()
    drafting = drafting_unit if drafting_unit is not None else unit.abbreviation if unit else ""
    drafting = drafting.strip()
    _check_issuable(session, register, type, signed_on, summary, drafting)
    number = next_number(session, register.id, signed_on.year)
    document = Document(
        register_id=register.id,
        type_id=type.id,
        year=signed_on.year,
        number=number,
        symbol=format_symbol(number, type, register, drafting),
        signed_on=signed_on,
        summary=summary,
        signer=signer.strip(),
        unit_id=unit.id if unit is not None else None,
        drafting_unit=drafting,
        recipients=recipients.strip(),
        copies=copies,
        archive_holder=archive_holder.strip(),
        note=note.strip(),
        source=source,
        source_ref=source_ref,
        issued_by_id=issued_by.id if issued_by is not None else None,
    )
    session.add(document)
    session.flush()
    return document


def _check_issuable(
    session: Session,
    register: Register,
    type: DocumentType,
    signed_on: date,
    summary: str,
    drafting: str,
) -> None:
    if not register.active:
        raise RegistryError(
            _(
                "Register: %(register)s is closed; numbers are issued in active registers only.",
                register=register.name,
            ),
            field="register_id",
        )
    if not type.active:
        raise RegistryError(
            _("Type: %(type)s is no longer in use.", type=type.name), field="type_id"
        )
    if not allows(session, register, type):
        raise RegistryError(
            _(
                "Type: the register %(register)s does not number %(type)s documents.",
                register=register.name,
                type=type.name,
            ),
            field="type_id",
        )
    today = agency_today()
    if signed_on > today:
        raise RegistryError(
            _(
                "Signing date: %(day)s is in the future; a document is numbered once signed.",
                day=signed_on.strftime("%d/%m/%Y"),
            ),
            field="signed_on",
        )
    if not summary:
        raise RegistryError(
            _("Summary: required; the register book records every document's summary."),
            field="summary",
        )
    if type.is_letter and not drafting:
        raise RegistryError(
            _(
                "Drafting unit: a công văn's symbol names the drafting unit after the issuing "
                "body (15/SNV-VP); give its abbreviation."
            ),
            field="drafting_unit",
        )
    if drafting and not ABBREVIATION.match(drafting):
        raise RegistryError(
            _(
                "Drafting unit: %(value)s is not an abbreviation (letters and digits only).",
                value=drafting,
            ),
            field="drafting_unit",
        )


def allows(session: Session, register: Register, type: DocumentType) -> bool:
    """Whether ``register`` numbers ``type`` (one indexed lookup unless its types are loaded)."""
    if "types" not in inspect(register).unloaded:
        return type.id in register.type_ids
    found = session.connection().execute(
        select(register_type.c.type_id).where(
            register_type.c.register_id == register.id, register_type.c.type_id == type.id
        )
    )
    return found.first() is not None


def next_number(session: Session, register_id: int, year: int) -> int:
    """Raise the (register, year) counter in the current transaction; the new number.

    One statement: ``INSERT … ON CONFLICT DO UPDATE SET last_number = last_number + 1
    RETURNING last_number`` creates the year's counter at 1 or raises it, atomically on both
    databases; the row stays locked (PostgreSQL) or the database write-locked (SQLite) until
    the transaction ends, so the next issuer waits and reads the committed number.
    """
    connection = session.connection()  # the session's transaction, without the ORM's overhead
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    counter = cast(Table, RegisterCounter.__table__)
    upsert = insert(counter).values(register_id=register_id, year=year, last_number=1)
    raised = connection.execute(
        upsert.on_conflict_do_update(
            index_elements=[counter.c.register_id, counter.c.year],
            set_={"last_number": counter.c.last_number + 1},
        ).returning(counter.c.last_number)
    )
    return int(raised.scalar_one())


def format_symbol(number: int, type: DocumentType, register: Register, drafting: str = "") -> str:
    """``05/QĐ-SNV`` for a typed document, ``15/SNV-VP`` for a công văn (issuing body, then
    drafting unit); a leading zero below 10."""
    if type.is_letter:
        return f"{number:02d}/{register.issuer_abbreviation}-{drafting}"
    return f"{number:02d}/{type.code}-{register.issuer_abbreviation}"


def withdraw(session: Session, document: Document, reason: str, by: User | None = None) -> Document:
    """Withdraw an issued document: its number stays recorded, with the reason, and is never
    given again. The person who issued it is notified."""
    reason = (reason or "").strip()
    if not reason:
        raise RegistryError(
            _("Reason: required; the register book records why a number was withdrawn."),
            field="reason",
        )
    if document.withdrawn:
        raise RegistryConflict(
            _("Status: %(symbol)s is already withdrawn.", symbol=document.symbol),
            field="status",
        )
    document.status = DocumentStatus.WITHDRAWN.value
    document.withdrawn_reason = reason
    document.withdrawn_at = utcnow()
    document.withdrawn_by_id = by.id if by is not None else None
    session.flush()
    if document.issued_by_id is not None and (by is None or by.id != document.issued_by_id):
        from core.notifications.services import notify

        notify(
            [document.issued_by_id],
            "core.document_withdrawn",
            _("%(symbol)s was withdrawn", symbol=document.symbol),
            _(
                "%(who)s withdrew %(symbol)s: %(reason)s",
                who=by or "—",
                symbol=document.symbol,
                reason=reason,
            ),
            _book_link(document),
        )
    return document


def _book_link(document: Document) -> str:
    if not has_request_context():
        return ""
    return url_for(
        "core_register_book.index",
        register=document.register_id,
        year=document.year,
        q=document.symbol,
    )


# -- finding registers and types (for plugins) ------------------------------------------------


def type_by_code(session: Session, code: str) -> DocumentType:
    """The document type with abbreviation ``code`` (``""``: công văn)."""
    found = session.scalar(select(DocumentType).where(DocumentType.code == code))
    if found is None:
        raise RegistryError(_("Type: no type is abbreviated %(code)s.", code=code), field="type_id")
    return found


def register_for(
    session: Session,
    type: DocumentType,
    kind: str = RegisterKind.ORDINARY.value,
    issuer: str | None = None,
) -> Register:
    """The one active register of ``kind`` (of the issuing body ``issuer``, when given) that
    numbers ``type``; refused when there is none, or several to choose from."""
    query = (
        select(Register)
        .where(
            Register.active, Register.kind == kind, Register.types.any(DocumentType.id == type.id)
        )
        .order_by(Register.id)
    )
    if issuer is not None:
        query = query.where(Register.issuer_abbreviation == issuer)
    found = session.scalars(query).all()
    if len(found) != 1:
        raise RegistryError(
            _(
                "Register: %(count)d active registers number %(type)s documents; "
                "choose one in the back office.",
                count=len(found),
                type=type.name,
            ),
            field="register_id",
        )
    return found[0]


def find_documents(session: Session, query: str, user: Any, limit: int = 20) -> list[Document]:
    """The documents ``user`` may see whose symbol or summary holds every word of ``query``
    (ignoring diacritics), newest first."""
    from core.registry.access import visible_documents

    statement = (
        select(Document)
        .options(joinedload(Document.type))
        .where(
            *visible_documents(user),
            *word_filters((Document.symbol, Document.summary, Document.signer), query),
        )
        .order_by(Document.issued_at.desc(), Document.id.desc())
    )
    return list(session.scalars(statement.limit(limit)))


# -- the format checker -----------------------------------------------------------------------


def check_format(session: Session, doc_type: DocumentType, **parts: Any) -> list[fmt.Problem]:
    """Every format problem of a document of ``doc_type`` (see :func:`format.check_format`)."""
    codes = frozenset(c for c in session.scalars(select(DocumentType.code)) if c)
    return fmt.check_format(fmt.TypeInfo(doc_type.code, doc_type.name), codes, **parts)
