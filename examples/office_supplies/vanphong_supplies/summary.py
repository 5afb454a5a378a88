"""The monthly summary (tổng hợp cấp phát văn phòng phẩm): what each unit received in a month,
item by item, on the back-office page and as a CSV file a spreadsheet opens."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time

from flask_babel import gettext as _
from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from core.i18n import agency_zone
from core.identity.access import in_units
from core.org.models import Unit

from vanphong_supplies.models import Item, Request, RequestLine, RequestStatus


@dataclass(frozen=True)
class SummaryRow:
    unit: str
    code: str
    item: str
    measure: str
    quantity: int
    requests: int


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """The month of ``month`` as aware datetimes, from its first midnight in the agency's zone
    to the next month's."""
    zone = agency_zone()
    first = month.replace(day=1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return datetime.combine(first, time(), zone), datetime.combine(following, time(), zone)


def monthly_summary(session: Session, month: date, paths: set[str] | None) -> list[SummaryRow]:
    """What was issued in ``month``, per unit and item; ``paths`` limits it to those units'
    subtrees (None: every unit). One statement, whatever the number of rows."""
    start, end = month_bounds(month)
    query = (
        select(
            Unit.name,
            Item.code,
            Item.name,
            Item.measure,
            func.sum(RequestLine.approved),
            func.count(distinct(Request.id)),
        )
        .select_from(RequestLine)
        .join(Request, RequestLine.request_id == Request.id)
        .join(Item, RequestLine.item_id == Item.id)
        .join(Unit, Request.unit_id == Unit.id)
        .where(
            Request.status == RequestStatus.ISSUED.value,
            Request.issued_at >= start,
            Request.issued_at < end,
            RequestLine.approved > 0,
        )
        .group_by(Unit.id, Unit.path, Unit.name, Item.id, Item.code, Item.name, Item.measure)
        .order_by(Unit.path, Item.code)
    )
    if paths is not None:
        query = query.where(in_units(Request.unit_id, paths))
    return [SummaryRow(*row) for row in session.execute(query)]


def summary_csv(rows: list[SummaryRow]) -> bytes:
    """The summary as UTF-8 CSV with a byte-order mark, so spreadsheets read Vietnamese right.

    A cell that a spreadsheet would take for a formula (``=``, ``+``, ``-``, ``@``) is written
    as text."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [_("Unit"), _("Code"), _("Item"), _("Measure"), _("Quantity issued"), _("Requests")]
    )
    for row in rows:
        texts = [_as_text(t) for t in (row.unit, row.code, row.item, row.measure)]
        writer.writerow([*texts, row.quantity, row.requests])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _as_text(value: str) -> str:
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value
