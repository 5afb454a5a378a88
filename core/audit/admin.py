"""The audit log in the back office: read-only, filterable, exportable."""

from __future__ import annotations

from flask_admin.contrib.sqla import filters
from flask_babel import lazy_gettext as _l

from core.admin import ModelView
from core.audit.models import AuditEntry


class AuditView(ModelView):
    permission = "core.audit"
    agency_wide = frozenset({"view", "manage"})  # the log spans every unit
    can_create_default = False
    can_edit_default = False
    can_delete_default = False
    can_view_details = True
    can_export = True
    column_list = ("at", "actor", "ip", "action", "object_type", "object_id", "note")
    column_details_list = (
        "at",
        "actor",
        "ip",
        "action",
        "object_type",
        "object_id",
        "note",
        "changes",
    )
    column_labels = {
        "at": _l("When"),
        "actor": _l("Who"),
        "ip": _l("From"),
        "action": _l("Action"),
        "object_type": _l("Object"),
        "object_id": _l("Id"),
        "note": _l("Note"),
        "changes": _l("Changes"),
    }
    column_filters = (
        "action",
        "object_type",
        "actor",
        filters.DateTimeBetweenFilter(AuditEntry.at, _l("When")),
    )
    column_searchable_list = ("actor", "object_type", "note")
    column_default_sort = ("at", True)

    def __init__(self) -> None:
        super().__init__(
            AuditEntry, name=_l("Audit log"), endpoint="core_audit", category=_l("System")
        )
