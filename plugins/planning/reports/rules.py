"""The reporting rules written once: a type's template, a submission's figures, and the lock
that keeps a submission and a consolidation of the same period from crossing.

Errors name the field at fault (``fields.2.kind``, ``figures.so_van_ban``), so the API reports
them under ``error.fields`` and the back office beside the input.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from core import EVERYONE, Permission
from core.errors import ConflictError, VanPhongError
from plugins.planning.reports.models import FIELD_KINDS, FieldKind, ReportPeriod

#: A field's name: what its figure is stored under.
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_FIELDS = 60
MAX_LABEL = 200
MAX_TEXT = 20_000
#: Numbers beyond this are typing mistakes, and beyond what a float keeps exactly.
MAX_NUMBER = 10**15


PERMISSIONS = [
    Permission("planning.report_type.view", _l("See report types"), default_roles=EVERYONE),
    Permission("planning.report_type.manage", _l("Define report types"), default_roles=("office",)),
    Permission(
        "planning.report_period.view",
        _l("See report periods, every unit's status and the consolidated reports"),
        default_roles=("office",),
    ),
    Permission(
        "planning.report_period.manage",
        _l("Open periods, consolidate them and issue the reports"),
        default_roles=("office",),
    ),
    Permission(
        "planning.report_submission.view",
        _l("See the reports of one's units"),
        default_roles=EVERYONE,
    ),
    Permission(
        "planning.report_submission.manage",
        _l("Submit and correct the reports of one's units"),
        default_roles=EVERYONE,
    ),
]


class ReportError(VanPhongError):
    """A report type, period or submission breaks a rule; the message names the field."""


class ReportConflict(ConflictError):
    """The change clashes with the stored state (a period already open, already issued)."""


def check_template(fields: Any) -> list[dict[str, Any]]:
    """A type's template, checked and normalised: a list of ``{"name", "label", "kind",
    "required"}`` with distinct names."""
    if not isinstance(fields, list):
        raise ReportError(_("Fields: a list of figures."), field="fields")
    if len(fields) > MAX_FIELDS:
        raise ReportError(
            _("Fields: at most %(n)d figures per report.", n=MAX_FIELDS), field="fields"
        )
    checked: list[dict[str, Any]] = []
    seen: set[str] = set()
    for index, item in enumerate(fields):
        where = f"fields.{index}"
        if not isinstance(item, dict) or set(item) - {"name", "label", "kind", "required"}:
            raise ReportError(
                _("Field %(n)d: give name, label, kind and required only.", n=index + 1),
                field=where,
            )
        name = str(item.get("name") or "").strip()
        label = str(item.get("label") or "").strip()
        kind = item.get("kind") or FieldKind.NUMBER.value
        if not FIELD_NAME.match(name):
            raise ReportError(
                _(
                    "Field %(n)d: the name %(name)s must be lower-case letters, digits and _ "
                    "(at most 40), starting with a letter.",
                    n=index + 1,
                    name=repr(name),
                ),
                field=f"{where}.name",
            )
        if name in seen:
            raise ReportError(
                _("Field %(n)d: the name %(name)s is used twice.", n=index + 1, name=name),
                field=f"{where}.name",
            )
        if not label or len(label) > MAX_LABEL:
            raise ReportError(
                _("Field %(name)s: a label of 1 to %(max)d characters.", name=name, max=MAX_LABEL),
                field=f"{where}.label",
            )
        if kind not in FIELD_KINDS:
            raise ReportError(
                _("Field %(name)s: the kind is number or text.", name=name),
                field=f"{where}.kind",
            )
        seen.add(name)
        required = item.get("required", False)
        checked.append({"name": name, "label": label, "kind": kind, "required": required is True})
    return checked


def check_figures(template: Iterable[dict[str, Any]], figures: Any) -> dict[str, Any]:
    """A submission's figures checked against the period's template: known names only, a
    number for a number field, text for a text field, the required ones given. Returns the
    figures with empty values left out."""
    fields = {f["name"]: f for f in template}
    if not isinstance(figures, dict):
        raise ReportError(_("Figures: an object of values by field name."), field="figures")
    unknown = sorted(set(figures) - set(fields))
    if unknown:
        raise ReportError(
            _(
                "Figures: %(names)s is not a field of this report.",
                names=", ".join(str(n) for n in unknown),
            ),
            field=f"figures.{unknown[0]}",
        )
    checked: dict[str, Any] = {}
    for name, field in fields.items():
        value = figures.get(name)
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            if field.get("required"):
                raise ReportError(
                    _("%(label)s: required.", label=field["label"]), field=f"figures.{name}"
                )
            continue
        checked[name] = _checked_value(field, value)
    return checked


def _checked_value(field: dict[str, Any], value: Any) -> Any:
    name, label = field["name"], field["label"]
    if field["kind"] == FieldKind.NUMBER.value:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ReportError(
                _("%(label)s: a number, not %(value)s.", label=label, value=repr(value)[:40]),
                field=f"figures.{name}",
            )
        if not math.isfinite(value) or abs(value) > MAX_NUMBER:
            limit = f"{MAX_NUMBER:,}"
            raise ReportError(
                _("%(label)s: a number below %(max)s.", label=label, max=limit),
                field=f"figures.{name}",
            )
        return int(value) if float(value).is_integer() else value
    if not isinstance(value, str):
        raise ReportError(_("%(label)s: text.", label=label), field=f"figures.{name}")
    if len(value) > MAX_TEXT:
        raise ReportError(
            _("%(label)s: at most %(max)d characters.", label=label, max=MAX_TEXT),
            field=f"figures.{name}",
        )
    return value


def lock_period(session: Session, period: ReportPeriod, *, exclusive: bool) -> ReportPeriod:
    """Hold ``period`` for the rest of the transaction, and read it again: submissions share
    it (PostgreSQL ``FOR SHARE``), a consolidation takes it alone (``FOR UPDATE``), so a
    submission never lands in a period consolidated meanwhile. SQLite has one writer at a
    time: ``BEGIN IMMEDIATE`` takes its write lock before anything is read."""
    write_lock(session)
    if session.connection().dialect.name != "sqlite":
        session.execute(
            select(ReportPeriod.id)
            .where(ReportPeriod.id == period.id)
            .with_for_update(read=not exclusive)
        )
    session.refresh(period)
    return period


def write_lock(session: Session) -> None:
    """On SQLite, the database's write lock for the rest of the transaction (a no-op where
    rows are locked one by one, on PostgreSQL)."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        raw = connection.connection.dbapi_connection
        if raw is not None and not raw.in_transaction:
            connection.execute(text("BEGIN IMMEDIATE"))
