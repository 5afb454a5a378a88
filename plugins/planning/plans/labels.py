"""How plans' codes read in the user's language: kinds, levels, statuses, source kinds."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

KIND_LABELS = {"programme": _l("Work programme"), "plan": _l("Plan")}
LEVEL_LABELS = {
    "year": _l("Year"),
    "half_year": _l("Half year"),
    "quarter": _l("Quarter"),
    "month": _l("Month"),
    "week": _l("Week"),
}
STATUS_LABELS = {"draft": _l("Draft"), "approved": _l("Approved"), "published": _l("Published")}
SOURCE_LABELS = {
    "directive": _l("Directive"),
    "conclusion": _l("Conclusion notice"),
    "other": _l("Other document"),
}


def source_label(kind: str, number: str, text: str) -> str:
    """An item's citation as one line: "Conclusion notice 12/TB-SNV: …"; empty without one."""
    if not (kind or number or text):
        return ""
    head = str(SOURCE_LABELS.get(kind, "")) if kind else ""
    if number:
        head = _("%(kind)s %(number)s", kind=head, number=number).strip()
    return f"{head}: {text}" if head and text else head or text
