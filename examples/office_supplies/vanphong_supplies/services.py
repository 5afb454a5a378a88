"""Requests for office supplies, written once: the back office, the API and the demo data all
call these functions (the catalogue and its stock are in :mod:`vanphong_supplies.catalogue`).

A request moves ``submitted → approved → issued`` (or ``rejected``, or ``cancelled`` by its unit
before it is issued). Every move is a conditional UPDATE on the status, so of two clerks acting
on one request at once the second is refused; issuing lowers each item's stock with a
conditional UPDATE too (``stock >= quantity``), and the database's CHECK keeps stock from ever
going below zero. A refused step raises :class:`SuppliesError` naming the field; the caller
rolls back, so nothing of it is kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.db import utcnow
from core.errors import ConflictError
from core.i18n import agency_today
from core.notifications.services import notify
from core.org.models import Unit

from vanphong_supplies.catalogue import SuppliesError, check_quantity, office
from vanphong_supplies.models import OPEN, Item, Request, RequestLine, RequestStatus

CREATE = "supplies.request.create"
MANAGE = "supplies.request.manage"


def request_link(request_id: int) -> str:
    return f"/admin/supplies_requests/{request_id}"


def submit(
    session: Session,
    user: Any,
    unit_id: int,
    lines: Iterable[tuple[int, int]],
    purpose: str = "",
    needed_on: date | None = None,
) -> Request:
    """A unit asks for ``(item id, quantity)`` lines; the office is told."""
    if session.get(Unit, unit_id) is None:
        raise SuppliesError(_("Unit: does not exist."), field="unit_id")
    if not user.can(CREATE, unit_id):
        raise SuppliesError(_("Unit: you may not request supplies for it."), field="unit_id")
    wanted = list(lines)
    if not wanted:
        raise SuppliesError(_("Lines: ask for at least one item."), field="lines")
    ids = [item_id for item_id, _quantity in wanted]
    if len(set(ids)) != len(ids):
        raise SuppliesError(_("Lines: name each item once."), field="lines")
    for _item_id, quantity in wanted:
        check_quantity(quantity, "lines")
    known = set(session.scalars(select(Item.id).where(Item.id.in_(ids), Item.active)))
    unknown = [str(i) for i in ids if i not in known]
    if unknown:
        raise SuppliesError(
            _("Lines: not in the catalogue: %(ids)s.", ids=", ".join(unknown)), field="lines"
        )
    if needed_on is not None and needed_on < agency_today():
        raise SuppliesError(_("Needed on: a day from today on."), field="needed_on")
    request = Request(
        unit_id=unit_id,
        requested_by_id=user.id,
        purpose=(purpose or "").strip(),
        needed_on=needed_on,
        lines=[RequestLine(item_id=i, quantity=q) for i, q in wanted],
    )
    session.add(request)
    session.flush()
    notify(
        office(session),
        "supplies.request_submitted",
        _("Office supplies requested: #%(id)s", id=request.id),
        request.purpose,
        request_link(request.id),
    )
    return request


def approve(
    session: Session,
    request: Request,
    user: Any,
    approved: Mapping[int, int] | None = None,
    note: str = "",
) -> Request:
    """The office agrees: ``approved`` maps item ids to quantities (default: as requested;
    less approves part of a line, 0 none of it). The requester is told."""
    approved = dict(approved or {})
    lines = {line.item_id: line for line in request.lines}
    stray = sorted(set(approved) - set(lines))
    if stray:
        raise SuppliesError(
            _("Lines: not in this request: %(ids)s.", ids=", ".join(map(str, stray))),
            field="lines",
        )
    for item_id, quantity in approved.items():
        if not 0 <= quantity <= lines[item_id].quantity:
            raise SuppliesError(
                _(
                    "Lines: approve between 0 and %(most)d of %(item)s.",
                    most=lines[item_id].quantity,
                    item=lines[item_id].item.name,
                ),
                field="lines",
            )
    granted = {i: approved.get(i, line.quantity) for i, line in lines.items()}
    if not any(granted.values()):
        raise SuppliesError(
            _("Lines: approve at least one item, or reject the request."), field="lines"
        )
    _move(
        session,
        request,
        (RequestStatus.SUBMITTED.value,),
        RequestStatus.APPROVED,
        decided_by_id=user.id,
        decided_at=utcnow(),
        decision_note=(note or "").strip(),
    )
    for item_id, line in lines.items():
        line.approved = granted[item_id]
    session.flush()
    partly = any(line.approved < line.quantity for line in request.lines)
    subject = (
        _("Your office supplies request #%(id)s was approved in part", id=request.id)
        if partly
        else _("Your office supplies request #%(id)s was approved", id=request.id)
    )
    _tell_requester(request, "supplies.request_decided", subject)
    return request


def reject(session: Session, request: Request, user: Any, note: str) -> Request:
    """The office refuses, saying why; the requester is told."""
    note = (note or "").strip()
    if not note:
        raise SuppliesError(_("Note: say why the request is rejected."), field="note")
    _move(
        session,
        request,
        (RequestStatus.SUBMITTED.value,),
        RequestStatus.REJECTED,
        decided_by_id=user.id,
        decided_at=utcnow(),
        decision_note=note,
    )
    _tell_requester(
        request,
        "supplies.request_decided",
        _("Your office supplies request #%(id)s was rejected: %(note)s", id=request.id, note=note),
    )
    return request


def issue(session: Session, request: Request, user: Any) -> Request:
    """Hand over what was approved: each item's stock goes down, never below zero."""
    _move(
        session,
        request,
        (RequestStatus.APPROVED.value,),
        RequestStatus.ISSUED,
        issued_by_id=user.id,
        issued_at=utcnow(),
    )
    for line in request.lines:
        if not line.approved:
            continue
        taken = session.execute(
            update(Item)
            .where(Item.id == line.item_id, Item.stock >= line.approved)
            .values(stock=Item.stock - line.approved, version=Item.version + 1)
        )
        if taken.rowcount != 1:
            item = line.item
            session.refresh(item)
            raise SuppliesError(
                _(
                    "Not enough %(item)s in stock: %(stock)d %(measure)s left, %(wanted)d to "
                    "issue.",
                    item=item.name,
                    stock=item.stock,
                    measure=item.measure,
                    wanted=line.approved,
                ),
                field="lines",
            )
    _tell_requester(
        request,
        "supplies.request_issued",
        _("Your office supplies #%(id)s are ready: collect them at the office", id=request.id),
    )
    return request


def cancel(session: Session, request: Request, user: Any) -> Request:
    """The unit withdraws its request before it is issued."""
    if not (
        user.id == request.requested_by_id
        or user.can(CREATE, request.unit_id)
        or user.can(MANAGE, request.unit_id)
    ):
        raise SuppliesError(_("Only the requesting unit may cancel its request."))
    _move(session, request, OPEN, RequestStatus.CANCELLED)
    return request


# -- helpers ---------------------------------------------------------------------------------


def _move(
    session: Session,
    request: Request,
    allowed: tuple[str, ...],
    to: RequestStatus,
    **values: Any,
) -> None:
    """Move ``request`` to status ``to`` if it is still in one of ``allowed``."""
    moved = session.execute(
        update(Request)
        .where(Request.id == request.id, Request.status.in_(allowed))
        .values(status=to.value, version=Request.version + 1, **values)
        .execution_options(synchronize_session=False)
    )
    session.refresh(request)
    if moved.rowcount != 1:
        raise ConflictError(
            _(
                "Request #%(id)s is %(status)s: nothing was changed.",
                id=request.id,
                status=status_label(request.status),
            ),
            field="status",
        )


def status_label(status: str) -> str:
    """The status as people read it, in their language."""
    labels = {
        RequestStatus.SUBMITTED.value: _("submitted"),
        RequestStatus.APPROVED.value: _("approved"),
        RequestStatus.REJECTED.value: _("rejected"),
        RequestStatus.ISSUED.value: _("issued"),
        RequestStatus.CANCELLED.value: _("cancelled"),
    }
    return labels.get(status, status)


def _tell_requester(request: Request, type: str, subject: str) -> None:
    if request.requested_by_id is not None:
        notify([request.requested_by_id], type, subject, link=request_link(request.id))
