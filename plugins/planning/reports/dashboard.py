"""The home page's "reports awaiting submission" widget and the unified search's hits."""

from __future__ import annotations

from typing import Any

from flask import render_template, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from core import SearchHit, Widget
from core.db import db, word_filters
from core.i18n import agency_today
from plugins.planning.reports import services
from plugins.planning.reports.models import ReportType

WIDGET_SIZE = 8


def awaiting_widget(user: Any) -> list[Widget]:
    """The pending reports of the units ``user`` reports for, soonest due first; nothing for
    someone who reports for no unit."""
    if not user.is_authenticated or not user.can(services.SUBMIT):
        return []
    awaiting = services.awaiting_for(db.session, user, limit=WIDGET_SIZE)
    html = render_template("planning/reports/widget.html", awaiting=awaiting, today=agency_today())
    return [Widget(_l("Reports awaiting submission"), html, order=30)]


def search_types(query: str, user: Any, limit: int = 20) -> list[SearchHit]:
    """Report types whose code or name holds every word of ``query``."""
    if not user.can("planning.report_type.view"):
        return []
    found = db.session.scalars(
        select(ReportType)
        .where(*word_filters((ReportType.code, ReportType.name), query))
        .order_by(ReportType.name)
        .limit(limit)
    )
    return [
        SearchHit(
            "planning",
            t.name,
            url_for("planning_report_type.details_view", id=t.id),
            summary=t.code,
            permission="planning.report_type.view",
            group=_l("Report types"),
        )
        for t in found
    ]
