"""Scheduled jobs. Each runs inside an app context, in its own transaction, and is idempotent."""

from __future__ import annotations

from core.db import db
from core.i18n import agency_today

from vanphong_supplies import catalogue


def low_stock() -> bool:
    """``supplies.low_stock``: remind the office of items running low, once a day at most;
    whether a reminder was sent."""
    return catalogue.remind_low_stock(db.session, agency_today()) is not None
