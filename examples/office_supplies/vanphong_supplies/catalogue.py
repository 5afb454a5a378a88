"""The catalogue of supplies and its stock, written once: the back office, the API, the job and
the demo data call these functions (requests are in :mod:`vanphong_supplies.services`).

Stock changes only by a delivery (:func:`receive`) or by issuing a request, each a single
UPDATE in the database, so concurrent changes all count and stock never goes below zero.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.errors import VanPhongError
from core.identity.models import Role
from core.notifications.services import notify

from vanphong_supplies.models import Item, LowStockNotice

MAX_QUANTITY = 10_000


class SuppliesError(VanPhongError):
    """A step the rules refuse; ``field`` names the input at fault."""


def check_quantity(quantity: Any, field: str) -> None:
    """A quantity is a whole number from 1 to :data:`MAX_QUANTITY`."""
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise SuppliesError(_("Quantity: a whole number."), field=field)
    if not 0 < quantity <= MAX_QUANTITY:
        raise SuppliesError(_("Quantity: from 1 to %(most)d.", most=MAX_QUANTITY), field=field)


def office(session: Session) -> list[Role]:
    """The office, as notifications address it: whoever holds the built-in ``office`` role."""
    return list(session.scalars(select(Role).where(Role.code == "office")))


def save_item(session: Session, item: Item) -> Item:
    """Check an item added or changed (by the back office or the API) before it is saved."""
    for field, label in (("code", _("Code")), ("name", _("Name")), ("measure", _("Measure"))):
        value = (getattr(item, field) or "").strip()
        if not value:
            raise SuppliesError(_("%(field)s: must not be empty.", field=label), field=field)
        setattr(item, field, value)
    if (item.stock or 0) < 0:
        raise SuppliesError(_("Stock: cannot be negative."), field="stock")
    if (item.low_stock_at or 0) < 0:
        raise SuppliesError(_("Low-stock level: cannot be negative."), field="low_stock_at")
    session.add(item)
    session.flush()
    return item


def add_item(
    session: Session,
    code: str,
    name: str,
    measure: str,
    stock: int = 0,
    low_stock_at: int = 0,
    active: bool = True,
) -> Item:
    item = Item(
        code=code, name=name, measure=measure, stock=stock, low_stock_at=low_stock_at, active=active
    )
    return save_item(session, item)


def receive(session: Session, item: Item, quantity: int) -> Item:
    """Add a delivery to the stock."""
    check_quantity(quantity, "quantity")
    session.execute(
        update(Item)
        .where(Item.id == item.id)
        .values(stock=Item.stock + quantity, version=Item.version + 1)
        .execution_options(synchronize_session=False)
    )
    session.refresh(item)
    return item


def low_items(session: Session) -> list[Item]:
    """Active items at or below their low-stock level, by code."""
    return list(
        session.scalars(
            select(Item)
            .where(Item.active, Item.low_stock_at > 0, Item.stock <= Item.low_stock_at)
            .order_by(Item.code)
        )
    )


def remind_low_stock(session: Session, day: date) -> LowStockNotice | None:
    """Tell the office which items run low, at most once on ``day``; commits.

    The day's notice row and the notifications are written in one transaction, and the row is
    unique per day: a second run, or two at once, sends nothing more. Returns the notice, or
    None when nothing runs low or the day's reminder was already sent."""
    low = low_items(session)
    if not low or session.scalar(select(LowStockNotice.id).where(LowStockNotice.day == day)):
        return None
    listing = "; ".join(f"{i.name}: {i.stock}/{i.low_stock_at} {i.measure}" for i in low)
    notice = LowStockNotice(day=day, items=listing[:2000])
    try:
        session.add(notice)
        session.flush()
    except IntegrityError:  # another run recorded the day first
        session.rollback()
        return None
    notify(
        office(session),
        "supplies.low_stock",
        _("Office supplies running low: %(count)d items", count=len(low)),
        listing,
        "/admin/supplies_item/",
    )
    session.commit()
    return notice
