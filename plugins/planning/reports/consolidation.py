"""Consolidating a period into one report: the sum of each numeric figure, the text of every
unit, the units that did not report; closing the period; issuing the report as a numbered BC
document through the core register.

:func:`summarize` is the same before consolidation (a preview) and after (the report): once a
period is consolidated its submissions can no longer change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from core.db import utcnow
from core.org.models import Unit
from core.registry import services as registry
from core.registry.models import Document
from plugins.planning.reports.models import (
    FieldKind,
    PeriodStatus,
    ReportPeriod,
    ReportSubmission,
)
from plugins.planning.reports.periods import vietnamese_label
from plugins.planning.reports.rules import ReportConflict, ReportError, lock_period

#: The register source of an issued report, for links from the register book.
SOURCE = "planning.report_period"
RECIPIENTS = "Nơi nhận:\n- Lãnh đạo cơ quan;\n- Các đơn vị báo cáo;\n- Lưu: VT, VP."


@dataclass(frozen=True)
class Total:
    """A numeric figure summed over the units that gave it."""

    name: str
    label: str
    total: int | float
    units: int  # how many units gave a value


@dataclass(frozen=True)
class Section:
    """A piece of a unit's text: a text field of the template, or the free text."""

    label: str
    text: str


@dataclass(frozen=True)
class UnitReport:
    """One unit's line: its status, figures and text."""

    unit_id: int
    unit: str
    status: str
    submitted_at: datetime | None
    figures: dict[str, Any]
    texts: list[Section]

    @property
    def done(self) -> bool:
        return self.status != "pending"


@dataclass(frozen=True)
class Consolidation:
    """The consolidated report of a period."""

    period: ReportPeriod
    fields: list[dict[str, Any]]
    totals: list[Total]
    units: list[UnitReport]

    @property
    def reported(self) -> list[UnitReport]:
        return [u for u in self.units if u.done]

    @property
    def missing(self) -> list[UnitReport]:
        """The units that did not report."""
        return [u for u in self.units if not u.done]

    @property
    def number_fields(self) -> list[dict[str, Any]]:
        return [f for f in self.fields if f["kind"] == FieldKind.NUMBER.value]


def summarize(session: Session, period: ReportPeriod) -> Consolidation:
    """The period's report from its submissions, units in the org chart's order."""
    submissions = session.scalars(
        select(ReportSubmission)
        .join(ReportSubmission.unit)
        .options(joinedload(ReportSubmission.unit))
        .where(ReportSubmission.period_id == period.id)
        .order_by(Unit.path)
    ).all()
    fields = list(period.fields or [])
    text_fields = [f for f in fields if f["kind"] == FieldKind.TEXT.value]
    units = []
    for s in submissions:
        texts = [
            Section(f["label"], s.figures[f["name"]])
            for f in text_fields
            if s.figures.get(f["name"])
        ]
        if s.text:
            texts.append(Section(_("Other remarks"), s.text))
        units.append(
            UnitReport(s.unit_id, s.unit.name, s.status, s.submitted_at, dict(s.figures), texts)
        )
    totals = []
    for f in fields:
        if f["kind"] != FieldKind.NUMBER.value:
            continue
        values = [u.figures[f["name"]] for u in units if u.done and f["name"] in u.figures]
        totals.append(Total(f["name"], f["label"], sum(values), len(values)))
    return Consolidation(period, fields, totals, units)


def consolidate(session: Session, period: ReportPeriod, *, by: Any = None) -> Consolidation:
    """Close ``period``: no submission is taken afterwards; returns its report. Refused when
    it is consolidated already."""
    period = lock_period(session, period, exclusive=True)
    if period.consolidated:
        raise ReportConflict(
            _("Status: %(period)s is already consolidated.", period=str(period)),
            field="status",
        )
    period.status = PeriodStatus.CONSOLIDATED.value
    period.consolidated_at = utcnow()
    period.consolidated_by_id = getattr(by, "id", None)
    session.flush()
    return summarize(session, period)


def issue_report(
    session: Session,
    period: ReportPeriod,
    signed_on: date,
    *,
    signer: str = "",
    summary: str | None = None,
    recipients: str = RECIPIENTS,
    by: Any = None,
) -> Document:
    """Give the consolidated report of ``period`` a number in the register that numbers BC
    documents (``05/BC-SNV``), once. Call it in the transaction that commits the period."""
    period = lock_period(session, period, exclusive=True)
    if not period.consolidated:
        raise ReportError(
            _("Status: consolidate %(period)s before issuing its report.", period=str(period)),
            field="status",
        )
    if period.document_id is not None:
        raise ReportConflict(
            _(
                "Document: the report of %(period)s was issued already as %(symbol)s.",
                period=str(period),
                symbol=period.document_symbol,
            ),
            field="document_id",
        )
    report = registry.type_by_code(session, "BC")
    register = registry.register_for(session, report)
    document = registry.issue_number(
        session,
        register,
        report,
        signed_on,
        summary=summary or default_summary(period),
        signer=signer,
        recipients=recipients,
        source=SOURCE,
        source_ref=str(period.id),
        issued_by=by,
    )
    period.document_id = document.id
    period.document_symbol = document.symbol
    session.flush()
    return document


def default_summary(period: ReportPeriod) -> str:
    """``kết quả công tác tháng 11/2026``: the type's name without the leading "Báo cáo" (the
    register book writes the type's name before the summary), then the period."""
    name = re.sub(r"^\s*báo cáo\s*", "", period.type.name, flags=re.IGNORECASE)
    label = vietnamese_label(period.type.period, period.key)
    return f"{name} {label}".strip()
