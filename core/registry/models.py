"""The document register (Decree 30/2020/NĐ-CP): document types, registers, the per-year
counters that number them, and the issued documents themselves."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Model, Versioned, utcnow
from core.identity.models import User
from core.org.models import Unit


class RegisterKind(enum.StrEnum):
    """Ordinary documents, confidential ones (numbered apart) and an advisory body's (a council
    or board issuing under its own name, with its own numbers)."""

    ORDINARY = "ordinary"
    CONFIDENTIAL = "confidential"
    ADVISORY = "advisory"


class DocumentStatus(enum.StrEnum):
    ISSUED = "issued"
    WITHDRAWN = "withdrawn"


class DocumentType(Versioned, Model):
    """A type of document and its abbreviation (Appendix III): ``QĐ`` Quyết định. The công văn
    has no abbreviation (``code`` is empty): its symbol is issuing body + drafting unit."""

    __tablename__ = "core_document_type"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True, default="")
    name: Mapped[str] = mapped_column(String(100), unique=True)
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    @property
    def is_letter(self) -> bool:
        """A công văn: no type abbreviation in its symbol."""
        return not self.code

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name


register_type = Table(
    "core_register_type",
    Model.metadata,
    Column(
        "register_id",
        ForeignKey("core_register.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "type_id",
        ForeignKey("core_document_type.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


class Register(Versioned, Model):
    """A register (sổ đăng ký văn bản đi) of one issuing body and kind; its numbers start
    from 01 each year. It allows the document types listed in ``types``."""

    __tablename__ = "core_register"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(150), unique=True)
    # Both default to the unit's name and abbreviation.
    issuer_name: Mapped[str] = mapped_column(String(255), default="")
    issuer_abbreviation: Mapped[str] = mapped_column(String(30), default="")
    kind: Mapped[str] = mapped_column(String(20), default=RegisterKind.ORDINARY.value)
    unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_unit.id", ondelete="SET NULL"), index=True
    )
    active: Mapped[bool] = mapped_column(default=True)
    note: Mapped[str] = mapped_column(String(500), default="")

    unit: Mapped[Unit | None] = relationship()
    types: Mapped[list[DocumentType]] = relationship(
        secondary=register_type, order_by=DocumentType.sort_order
    )

    @property
    def type_ids(self) -> list[int]:
        return [t.id for t in self.types]

    @property
    def confidential(self) -> bool:
        return self.kind == RegisterKind.CONFIDENTIAL.value

    def __str__(self) -> str:
        return self.name


class RegisterCounter(Model):
    """The last number issued in a register for one year. Its row is what serialises numbering:
    each issue raises it in the issuing transaction, so a rollback gives the number back."""

    __tablename__ = "core_register_counter"
    __audit__ = False  # every change is an issued document, which is audited

    register_id: Mapped[int] = mapped_column(
        ForeignKey("core_register.id", ondelete="CASCADE"), primary_key=True
    )
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(default=0)


class Document(Versioned, Model):
    """An issued document: its number in the register for its signing year, and what the
    register book records about it. Never edited but to withdraw it, which keeps its number."""

    __tablename__ = "core_document"
    __table_args__ = (
        UniqueConstraint("register_id", "year", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
        Index("ix_core_document_source", "source", "source_ref"),
        Index("ix_core_document_signed_on", "signed_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    register_id: Mapped[int] = mapped_column(ForeignKey("core_register.id", ondelete="RESTRICT"))
    type_id: Mapped[int] = mapped_column(
        ForeignKey("core_document_type.id", ondelete="RESTRICT"), index=True
    )
    year: Mapped[int]
    number: Mapped[int]
    symbol: Mapped[str] = mapped_column(String(80))
    signed_on: Mapped[date]
    summary: Mapped[str] = mapped_column(String(1000))
    signer: Mapped[str] = mapped_column(String(150), default="")
    # The drafting unit: its abbreviation goes into a công văn's symbol; the unit decides who
    # may see the document (a unit head sees their units' documents).
    unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_unit.id", ondelete="SET NULL"), index=True
    )
    drafting_unit: Mapped[str] = mapped_column(String(30), default="")
    recipients: Mapped[str] = mapped_column(String(2000), default="")
    copies: Mapped[int | None]
    archive_holder: Mapped[str] = mapped_column(String(255), default="")
    note: Mapped[str] = mapped_column(String(500), default="")
    # The record the document belongs to, as a plugin names it (e.g. "meetings", "42").
    source: Mapped[str] = mapped_column(String(50), default="")
    source_ref: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(20), default=DocumentStatus.ISSUED.value)
    withdrawn_reason: Mapped[str] = mapped_column(String(500), default="")
    withdrawn_at: Mapped[datetime | None]
    withdrawn_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL")
    )
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL")
    )

    register: Mapped[Register] = relationship()
    type: Mapped[DocumentType] = relationship()
    unit: Mapped[Unit | None] = relationship()
    issued_by: Mapped[User | None] = relationship(foreign_keys=[issued_by_id])
    withdrawn_by: Mapped[User | None] = relationship(foreign_keys=[withdrawn_by_id])

    @property
    def withdrawn(self) -> bool:
        return self.status == DocumentStatus.WITHDRAWN.value

    def __str__(self) -> str:
        return self.symbol
