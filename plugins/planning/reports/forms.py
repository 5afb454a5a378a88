"""Back-office forms of the reporting regime: a type's template as lines of text, the
submission form built from a period's template, and the form issuing a report's number."""

from __future__ import annotations

from typing import Any

from flask import flash
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy.orm.exc import StaleDataError
from wtforms import DateField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from core.errors import VanPhongError
from plugins.planning.reports.models import FieldKind
from plugins.planning.reports.rules import MAX_TEXT

#: How the back office writes a template: one figure a line.
TEMPLATE_HELP = _l(
    "One figure a line: name | label | number or text | required. "
    "E.g. so_van_ban_den | Số văn bản đến | number | required"
)
REQUIRED_WORDS = frozenset({"required", "bắt buộc", "*"})
FIELD_PREFIX = "figure_"


def template_lines(fields: list[dict[str, Any]] | None) -> str:
    """A template as the text the back office edits."""
    lines = []
    for f in fields or []:
        parts = [f["name"], f["label"], f["kind"]]
        if f.get("required"):
            parts.append("required")
        lines.append(" | ".join(parts))
    return "\n".join(lines)


def parse_template_lines(text: str | None) -> list[dict[str, Any]]:
    """The template a text holds; the services check it (and name the line at fault)."""
    fields = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        name, label = parts[0], parts[1] if len(parts) > 1 else ""
        kind = parts[2].lower() if len(parts) > 2 and parts[2] else FieldKind.NUMBER.value
        required = any(p.lower() in REQUIRED_WORDS for p in parts[3:])
        fields.append({"name": name, "label": label, "kind": kind, "required": required})
    return fields


def submission_form(template: list[dict[str, Any]], data: dict[str, Any] | None = None) -> Any:
    """A form with one input per figure of ``template``, the free text and the version read."""

    class SubmissionForm(FlaskForm):
        text = TextAreaField(_l("Other remarks"), validators=[Optional(), Length(max=MAX_TEXT)])
        version = HiddenField()

    for f in template:
        input_class = TextAreaField if f["kind"] == FieldKind.TEXT.value else StringField
        label = f["label"] + (" *" if f.get("required") else "")
        setattr(SubmissionForm, FIELD_PREFIX + f["name"], input_class(label))
    return SubmissionForm(data=data)


def figure_inputs(form: Any) -> list[Any]:
    """The form's figure inputs, in the template's order."""
    return [field for field in form if field.name.startswith(FIELD_PREFIX)]


def figures_from(form: Any, template: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures typed in ``form``: numbers where a number field holds one (``1234``,
    ``12.5``, ``12,5``); anything else as typed, for the services to refuse by name."""
    figures: dict[str, Any] = {}
    for f in template:
        value = (getattr(form, FIELD_PREFIX + f["name"]).data or "").strip()
        if f["kind"] == FieldKind.NUMBER.value and value:
            figures[f["name"]] = _number(value)
        else:
            figures[f["name"]] = value
    return figures


def _number(value: str) -> Any:
    plain = value.replace(" ", "").replace(",", ".")
    try:
        return int(plain)
    except ValueError:
        pass
    try:
        return float(plain)
    except ValueError:
        return value


def form_data(submission: Any) -> dict[str, Any]:
    """What the submission form shows first: the stored figures and text."""
    data = {FIELD_PREFIX + name: value for name, value in (submission.figures or {}).items()}
    return {**data, "text": submission.text, "version": submission.version}


class IssueForm(FlaskForm):
    signed_on = DateField(_l("Signing date"), validators=[DataRequired()])
    signer = StringField(_l("Signer"), validators=[Optional(), Length(max=150)])
    summary = StringField(
        _l("Summary"),
        validators=[Optional(), Length(max=1000)],
        description=_l("Leave empty for the type's name and the period."),
    )


#: What a page's change may run into: a rule, or someone changing the record meanwhile.
REFUSED = (VanPhongError, StaleDataError)


def refusal(exc: Exception) -> str:
    if isinstance(exc, StaleDataError):
        return _("Someone else changed this record meanwhile; look at it again.")
    return str(exc)


def show_error(form: Any, exc: Exception) -> None:
    """A refusal beside the input it names (``figures.x`` is the input of figure x), else as
    a message."""
    name = getattr(exc, "field", None) or ""
    if name.startswith("figures."):
        name = FIELD_PREFIX + name.removeprefix("figures.")
    field = getattr(form, name, None) if name else None
    if field is None:
        flash(refusal(exc), "error")
    else:
        field.errors = [*field.errors, str(exc)]
