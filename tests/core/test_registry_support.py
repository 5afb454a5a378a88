"""Shared by the register's tests (no tests here): registers of the test agency's root unit
(Sở Nội vụ, SNV) and a shortcut to issue numbers."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from core.db import db
from core.org.models import Unit
from core.registry import catalog, services
from core.registry.models import DocumentType, Register

#: name → (kind, type abbreviations, active)
REGISTERS = {
    "ordinary": ("ordinary", ("QĐ", "", "GM", "TB", "KH"), True),
    "confidential": ("confidential", ("QĐ", ""), True),
    "closed": ("ordinary", ("BC",), False),
}


def types() -> dict[str, DocumentType]:
    """The seeded types by abbreviation ("" is the công văn)."""
    return {t.code: t for t in db.session.scalars(select(DocumentType))}


def add_registers(app, agency) -> dict[str, int]:
    """Three registers of the agency (SNV): ordinary, confidential, and a closed one."""
    with app.app_context():
        by_code = types()
        root = db.session.get(Unit, agency["root"])
        ids = {}
        for name, (kind, codes, active) in REGISTERS.items():
            register = catalog.save_register(
                db.session,
                Register(name=f"Sổ {name}", kind=kind, unit=root, active=active),
                [by_code[c] for c in codes],
            )
            ids[name] = register.id
        db.session.commit()
        return ids


def issue(register_id: int, code: str, signed_on: date, **fields):
    """Issue a number in the current app context (not committed)."""
    register = db.session.get(Register, register_id)
    fields.setdefault("summary", "về việc thử nghiệm")
    if code == "":
        fields.setdefault("drafting_unit", "VP")
    return services.issue_number(db.session, register, types()[code], signed_on, **fields)
