"""Plan operations, the only way plans are written: create, edit, delete a draft; approve, send
back to draft, publish; issue a published plan as a numbered CTr/KH document.

Who may: the office (``planning.plan.manage`` across the agency) or a unit head for their
units' plans creates, edits and publishes; approval needs ``planning.plan.approve`` over the
plan's unit (the agency's leaders hold it over the root unit); numbering also needs the
register's ``core.document.manage``. ``by`` is the user acting; None means the system (demo
data, jobs).

Every function checks everything before it writes, works in the caller's transaction and never
commits: a refused change leaves nothing half-saved. Items live in
:mod:`plugins.planning.plans.items`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from core.db import utcnow
from core.org.models import Unit
from core.registry import services as registry
from core.registry.models import Document, Register
from plugins.planning.plans import notices
from plugins.planning.plans.access import APPROVE, MANAGE, NUMBER, may
from plugins.planning.plans.models import KINDS, LEVELS, Plan, PlanItem, PlanKind, PlanStatus
from plugins.planning.plans.rules import (
    NotAllowed,
    PlanError,
    check_parent,
    check_period,
    require,
    require_draft,
    require_status,
    status_label,
)

#: The Decree 30 type a plan is issued as: a programme is a CTr, a plan a KH.
DOCUMENT_TYPES = {PlanKind.PROGRAMME.value: "CTr", PlanKind.PLAN.value: "KH"}
#: Plan fields a draft may change.
EDITABLE = ("kind", "level", "year", "number", "unit_id", "parent_id", "title", "description")


def create_plan(
    session: Session,
    *,
    title: str,
    level: str,
    year: int,
    number: int = 1,
    kind: str = PlanKind.PLAN.value,
    unit_id: int | None = None,
    parent_id: int | None = None,
    description: str = "",
    by: Any = None,
) -> Plan:
    """A new draft plan of the agency (``unit_id`` None) or of a unit, possibly cascading from
    the higher plan ``parent_id``."""
    plan = Plan(
        title=title,
        kind=kind,
        level=level,
        year=year,
        number=number,
        unit_id=unit_id,
        parent_id=parent_id,
        description=description,
        status=PlanStatus.DRAFT.value,
        created_by_id=getattr(by, "id", None),
    )
    _check_plan(session, plan, by)
    session.add(plan)
    session.flush()
    return plan


def edit_plan(session: Session, plan: Plan, changes: dict[str, Any], *, by: Any = None) -> None:
    """Change a draft's fields (those of :data:`EDITABLE`); the plan must still fit its parent
    and its own lower plans."""
    require(by, MANAGE, plan, _("You may not change this unit's plans."))
    require_draft(plan)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise PlanError(_("Field: %(names)s cannot be changed.", names=", ".join(sorted(unknown))))
    if (
        "parent_id" in changes
        and changes["parent_id"] != plan.parent_id
        and _has_cascaded(session, plan)
    ):
        raise PlanError(
            _("Parent plan: items of this plan cascade from the current one; remove them first."),
            field="parent_id",
        )
    for name, value in changes.items():
        setattr(plan, name, value)
    _check_plan(session, plan, by)
    for lower in session.scalars(select(Plan).where(Plan.parent_id == plan.id)):
        check_parent(lower, plan, _unit(session, plan.unit_id), _unit(session, lower.unit_id))
    session.flush()


def delete_plan(session: Session, plan: Plan, *, by: Any = None) -> None:
    """Delete a draft no plan cascades from (its items go with it)."""
    require(by, MANAGE, plan, _("You may not change this unit's plans."))
    require_draft(plan)
    if session.scalar(select(exists().where(Plan.parent_id == plan.id))):
        raise PlanError(
            _("Plan: lower plans cascade from it; delete or move them first."), field="id"
        )
    lower_items = select(PlanItem.id).where(
        PlanItem.parent_id.in_(select(PlanItem.id).where(PlanItem.plan_id == plan.id))
    )
    if session.scalar(select(exists(lower_items))):
        raise PlanError(_("Plan: items of other plans cascade from its items."), field="id")
    session.delete(plan)
    session.flush()


# -- status ---------------------------------------------------------------------------------


def approve(session: Session, plan: Plan, *, by: Any = None) -> None:
    """Draft → approved, by someone holding ``planning.plan.approve`` for the plan's unit."""
    require(by, APPROVE, plan, _("You may not approve this unit's plans."))
    require_status(
        plan,
        PlanStatus.DRAFT,
        _(
            "Status: the plan is %(status)s; only a draft is approved.",
            status=status_label(plan.status),
        ),
    )
    if not session.scalar(select(exists().where(PlanItem.plan_id == plan.id))):
        raise PlanError(_("Items: a plan without items cannot be approved."), field="items")
    plan.status = PlanStatus.APPROVED.value
    plan.approved_by_id = getattr(by, "id", None)
    plan.approved_at = utcnow()
    session.flush()
    notices.approved(plan, by)


def return_to_draft(session: Session, plan: Plan, *, reason: str, by: Any = None) -> None:
    """Approved → draft again, with a reason, by an approver: a published plan never goes back
    (it is replaced by a new one)."""
    require(by, APPROVE, plan, _("You may not approve this unit's plans."))
    require_status(
        plan,
        PlanStatus.APPROVED,
        _(
            "Status: the plan is %(status)s; only an approved plan goes back to draft.",
            status=status_label(plan.status),
        ),
    )
    reason = (reason or "").strip()
    if not reason:
        raise PlanError(_("Reason: required to send a plan back to draft."), field="reason")
    plan.status = PlanStatus.DRAFT.value
    plan.approved_by_id = None
    plan.approved_at = None
    session.flush()
    notices.returned(plan, reason, by)


def publish(session: Session, plan: Plan, *, by: Any = None) -> None:
    """Approved → published: the plan's unit and the units leading its items are told."""
    require(by, MANAGE, plan, _("You may not publish this unit's plans."))
    require_status(
        plan,
        PlanStatus.APPROVED,
        _(
            "Status: the plan is %(status)s; only an approved plan is published.",
            status=status_label(plan.status),
        ),
    )
    plan.status = PlanStatus.PUBLISHED.value
    plan.published_by_id = getattr(by, "id", None)
    plan.published_at = utcnow()
    session.flush()
    notices.published(session, plan, by)


def issue(
    session: Session,
    plan: Plan,
    *,
    signed_on: date,
    signer: str,
    recipients: str = "",
    register_id: int | None = None,
    by: Any = None,
) -> Document:
    """Number a published plan in the core register as a CTr (programme) or KH (plan), signed
    on ``signed_on``; the register is ``register_id`` or the one register numbering that type.
    The number is the plan's once the caller's transaction commits."""
    require(by, MANAGE, plan, _("You may not issue this unit's plans."))
    if not may(by, NUMBER, plan.unit_id):
        raise NotAllowed(_("You may not number this unit's documents."))
    require_status(
        plan,
        PlanStatus.PUBLISHED,
        _(
            "Status: the plan is %(status)s; only a published plan is issued.",
            status=status_label(plan.status),
        ),
    )
    if plan.document_id is not None:
        raise PlanError(
            _("Document: the plan was already issued as %(symbol)s.", symbol=plan.document_symbol),
            field="document_id",
        )
    signer = (signer or "").strip()
    if not signer:
        raise PlanError(
            _("Signer: required; the register book records who signed."), field="signer"
        )
    doc_type = registry.type_by_code(session, DOCUMENT_TYPES[plan.kind])
    if register_id is not None:
        register = session.get(Register, register_id)
        if register is None:
            raise PlanError(_("Register: no such register."), field="register_id")
    else:
        register = registry.register_for(session, doc_type)
    document = registry.issue_number(
        session,
        register,
        doc_type,
        signed_on,
        summary=plan.title,
        signer=signer,
        unit=_unit(session, plan.unit_id),
        recipients=recipients,
        source="planning.plan",
        source_ref=str(plan.id),
        issued_by=by,
    )
    plan.document_id = document.id
    plan.document_symbol = document.symbol
    plan.signed_on = signed_on
    plan.signer = signer
    session.flush()
    return document


# -- checks ---------------------------------------------------------------------------------


def _unit(session: Session, unit_id: int | None) -> Unit | None:
    return session.get(Unit, unit_id) if unit_id is not None else None


def _has_cascaded(session: Session, plan: Plan) -> bool:
    """Whether any of the plan's items cascades from an item of another plan."""
    return bool(
        session.scalar(
            select(exists().where(PlanItem.plan_id == plan.id, PlanItem.parent_id.is_not(None)))
        )
    )


def _check_plan(session: Session, plan: Plan, by: Any) -> None:
    with session.no_autoflush:  # the plan is checked before it is written
        _check_fields(session, plan, by)


def _check_fields(session: Session, plan: Plan, by: Any) -> None:
    plan.title = (plan.title or "").strip()
    plan.description = (plan.description or "").strip()
    if not plan.title:
        raise PlanError(_("Title: required."), field="title")
    if plan.kind not in KINDS:
        raise PlanError(_("Kind: one of %(kinds)s.", kinds=", ".join(KINDS)), field="kind")
    if plan.level not in LEVELS:
        raise PlanError(_("Level: one of %(levels)s.", levels=", ".join(LEVELS)), field="level")
    check_period(plan.level, plan.year, plan.number)
    unit = _unit(session, plan.unit_id)
    if plan.unit_id is not None and (unit is None or not unit.active):
        raise PlanError(_("Unit: no such active unit."), field="unit_id")
    if not may(by, MANAGE, plan.unit_id):
        raise NotAllowed(
            _("You may not change this unit's plans.")
            if plan.unit_id is not None
            else _("Only the office changes the agency's plans.")
        )
    if plan.parent_id is None:
        return
    parent = session.get(Plan, plan.parent_id)
    if parent is None or parent.id == plan.id:
        raise PlanError(_("Parent plan: no such plan."), field="parent_id")
    check_parent(plan, parent, _unit(session, parent.unit_id), unit)
