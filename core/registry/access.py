"""Who sees which issued documents: the drafting unit's record rule (a unit head sees their
units' documents; the office, holding the permission across the agency, sees all), and
confidential registers, whose documents only holders of ``core.document.confidential`` see."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select

from core.identity.access import in_units, scope_paths
from core.registry.models import Document, Register, RegisterKind

CONFIDENTIAL = "core.document.confidential"


def confidential_registers() -> Any:
    return select(Register.id).where(Register.kind == RegisterKind.CONFIDENTIAL.value)


def confidential_rule(user: Any) -> list[Any]:
    """A WHERE clause (as a list, empty when nothing is hidden) hiding the documents of
    confidential registers the user may not see."""
    paths = scope_paths(user, CONFIDENTIAL)
    if paths is None:
        return []
    return [
        or_(
            Document.register_id.not_in(confidential_registers()), in_units(Document.unit_id, paths)
        )
    ]


def visible_documents(user: Any, permission: str = "core.document.view") -> list[Any]:
    """WHERE clauses: the documents ``user`` may reach with ``permission``."""
    paths = scope_paths(user, permission)
    unit_rule = [] if paths is None else [in_units(Document.unit_id, paths)]
    return unit_rule + confidential_rule(user)


def may_use_register(user: Any, register: Register) -> bool:
    """Whether ``user`` may number documents in ``register`` (a confidential one needs the
    confidential permission)."""
    return not register.confidential or bool(user.can(CONFIDENTIAL))
