"""The statistics page: on-time rates per unit and per period (month, quarter or year) with
bar charts and an Excel export. A unit head sees their units; the office, every unit."""

from __future__ import annotations

import io
from typing import Any

from flask import request, send_file
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from core import Permission
from core.admin import BaseView, expose
from core.db import db
from core.i18n import agency_today
from core.identity.access import scope_paths
from plugins.planning.stats import charts
from plugins.planning.stats.figures import (
    PERIOD_KINDS,
    YEARS_SHOWN,
    Figures,
    Report,
    on_time_report,
)

VIEW = "planning.stats.view"
PERMISSIONS = [
    Permission(
        VIEW,
        _l("See on-time statistics and overdue tasks by unit (a unit head: their units)"),
        default_roles=("office", "unit_head"),
    )
]
#: The years the page may show (a yearly view reaches back YEARS_SHOWN years).
FIRST_YEAR, LAST_YEAR = 1900 + YEARS_SHOWN, 2199
KIND_LABELS = {"month": _l("By month"), "quarter": _l("By quarter"), "year": _l("By year")}


class StatsView(BaseView):
    """On-time rates against the original deadlines, per unit and period."""

    permission = "planning.stats"

    def __init__(self) -> None:
        super().__init__(name=_l("Statistics"), endpoint="planning_stats")

    def has_record_rule(self) -> bool:
        return True  # the figures keep to the units the permission is held over

    def _report(self) -> Report:
        """The figures the query string asks for (a wrong value falls back to the default:
        this year, by month)."""
        today = agency_today()
        kind = request.args.get("period", "month")
        year = request.args.get("year", type=int) or today.year
        return on_time_report(
            db.session,
            kind if kind in PERIOD_KINDS else "month",
            year if FIRST_YEAR <= year <= LAST_YEAR else today.year,
            today,
            scope_paths(current_user, VIEW),
        )

    @expose("/")
    def index(self) -> Any:
        report = self._report()
        unnamed = _("No unit")
        return self.render(
            "planning/stats/index.html",
            report=report,
            year=report.periods[-1].year,
            kinds=KIND_LABELS,
            unit_chart=charts.horizontal(
                (name or unnamed, report.by_unit[u]) for u, name in report.units
            ),
            period_chart=charts.vertical(
                (p.label, report.by_period.get(p, Figures())) for p in report.periods
            ),
            unnamed=unnamed,
        )

    @expose("/export")
    def export(self) -> Any:
        """The page's figures as an Excel workbook."""
        from plugins.planning.stats.export import XLSX, stats_workbook  # openpyxl: 200 ms

        report = self._report()
        first, last = report.periods[0], report.periods[-1]
        years = f"{first.year}" if first.year == last.year else f"{first.year}-{last.year}"
        return send_file(
            io.BytesIO(stats_workbook(report, _("No unit"))),
            mimetype=XLSX,
            as_attachment=True,
            download_name=f"thong-ke-dung-han-{report.kind}-{years}.xlsx",
        )
