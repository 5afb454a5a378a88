"""The catalogue of supplies with their stock, units' requests and their lines, and the record
that makes the low-stock reminder idempotent per day.

The database keeps the rules that matter: stock never below zero, a positive quantity per line,
an approved quantity between zero and the requested one, one line per item in a request, one
reminder per day, and only known statuses.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Model, Versioned, utcnow
from core.identity.models import User
from core.org.models import Unit


class RequestStatus(enum.StrEnum):
    SUBMITTED = "submitted"  # waiting for the office
    APPROVED = "approved"  # the office agreed, possibly to less; waiting to be handed over
    REJECTED = "rejected"
    ISSUED = "issued"  # handed over: the stock went down
    CANCELLED = "cancelled"  # withdrawn by the unit before it was issued


STATUSES = tuple(s.value for s in RequestStatus)
OPEN = (RequestStatus.SUBMITTED.value, RequestStatus.APPROVED.value)


class Item(Versioned, Model):
    """One kind of supply in the catalogue, counted in its unit of measure (ram, hộp, cái)."""

    __tablename__ = "supplies_item"
    __table_args__ = (
        CheckConstraint("stock >= 0", name="stock_not_negative"),
        CheckConstraint("low_stock_at >= 0", name="low_stock_at_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    measure: Mapped[str] = mapped_column(String(30))
    stock: Mapped[int] = mapped_column(default=0)
    #: The office is reminded once stock is at or below this (0: never).
    low_stock_at: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    @property
    def low(self) -> bool:
        return self.active and self.low_stock_at > 0 and self.stock <= self.low_stock_at

    def __str__(self) -> str:
        return f"{self.name} ({self.measure})"


class Request(Versioned, Model):
    """A unit's request for supplies (phiếu đề nghị cấp văn phòng phẩm)."""

    __tablename__ = "supplies_request"
    __table_args__ = (
        CheckConstraint(f"status IN ({', '.join(repr(s) for s in STATUSES)})", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(
        ForeignKey("core_unit.id", ondelete="RESTRICT"), index=True
    )
    requested_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL")
    )
    status: Mapped[str] = mapped_column(
        String(20), default=RequestStatus.SUBMITTED.value, index=True
    )
    purpose: Mapped[str] = mapped_column(String(500), default="")
    needed_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str] = mapped_column(String(500), default="")
    issued_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL")
    )
    issued_at: Mapped[datetime | None] = mapped_column(index=True)

    unit: Mapped[Unit] = relationship()
    requested_by: Mapped[User | None] = relationship(foreign_keys=[requested_by_id])
    lines: Mapped[list[RequestLine]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="RequestLine.id"
    )

    def __str__(self) -> str:
        return f"#{self.id}"


class RequestLine(Model):
    """How much of one item a request asks for, and how much the office approved."""

    __tablename__ = "supplies_request_line"
    __table_args__ = (
        UniqueConstraint("request_id", "item_id"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint(
            "approved IS NULL OR (approved >= 0 AND approved <= quantity)", name="approved_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("supplies_request.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(
        ForeignKey("supplies_item.id", ondelete="RESTRICT"), index=True
    )
    quantity: Mapped[int]
    approved: Mapped[int | None]

    request: Mapped[Request] = relationship(back_populates="lines")
    item: Mapped[Item] = relationship()


class LowStockNotice(Model):
    """The low-stock reminder sent on a day (at most one per day, whatever runs the job)."""

    __tablename__ = "supplies_low_stock_notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(unique=True)
    items: Mapped[str] = mapped_column(String(2000))
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
