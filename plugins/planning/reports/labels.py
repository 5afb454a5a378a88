"""How the reporting regime's values are named on pages, in messages and in workbooks."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l

from plugins.planning.reports.models import FieldKind, PeriodStatus, SubmissionStatus
from plugins.planning.reports.periods import PeriodKind

PERIOD_KINDS = {
    PeriodKind.WEEK.value: _l("Weekly"),
    PeriodKind.MONTH.value: _l("Monthly"),
    PeriodKind.QUARTER.value: _l("Quarterly"),
    PeriodKind.HALF_YEAR.value: _l("Six-monthly"),
    PeriodKind.YEAR.value: _l("Yearly"),
}
PERIOD_STATUSES = {
    PeriodStatus.OPEN.value: _l("Open"),
    PeriodStatus.CONSOLIDATED.value: _l("Consolidated"),
}
SUBMISSION_STATUSES = {
    SubmissionStatus.PENDING.value: _l("Not submitted"),
    SubmissionStatus.SUBMITTED.value: _l("Submitted on time"),
    SubmissionStatus.SUBMITTED_LATE.value: _l("Submitted late"),
}
FIELD_KINDS = {FieldKind.NUMBER.value: _l("number"), FieldKind.TEXT.value: _l("text")}


def choices(labels: dict) -> list[tuple[str, object]]:
    """Labels as (value, label) pairs for forms and list filters."""
    return list(labels.items())


def day_column(view: Any, context: Any, model: Any, name: str) -> str:
    """A list column showing a day as 27/11/2026."""
    value = getattr(model, name)
    return value.strftime("%d/%m/%Y") if isinstance(value, date) else ""


def time_column(view: Any, context: Any, model: Any, name: str) -> str:
    """A list column showing a time as 27/11/2026 09:30, in the agency's time zone."""
    value = getattr(model, name)
    return format_datetime(value, "dd/MM/yyyy HH:mm") if isinstance(value, datetime) else ""


def label_column(labels: dict[str, Any]) -> Any:
    """A list column showing a stored value by its label."""

    def format(view: Any, context: Any, model: Any, name: str) -> str:
        value = getattr(model, name)
        return str(labels.get(value, value))

    return format
