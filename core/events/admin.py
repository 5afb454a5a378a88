"""Events between modules, read-only: what was emitted, delivered, retrying or failed."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from core.admin import ModelView
from core.events.models import EventRecord


class EventView(ModelView):
    """The event outbox for administrators: a failed event names the plugin and the error."""

    permission = "core.event"
    agency_wide = frozenset({"view"})
    can_create_default = False
    can_edit_default = False
    can_delete_default = False
    can_view_details = True
    column_list = ("id", "created_at", "kind", "status", "attempts", "delivered_at", "last_error")
    column_details_list = (*column_list, "payload", "next_attempt_at")
    column_filters = ("kind", "status")
    column_default_sort = ("id", True)
    column_labels = {
        "created_at": _l("Created"),
        "kind": _l("Kind"),
        "status": _l("State"),
        "attempts": _l("Attempts"),
        "delivered_at": _l("Delivered"),
        "last_error": _l("Last error"),
        "payload": _l("Content"),
        "next_attempt_at": _l("Next attempt"),
    }

    def __init__(self) -> None:
        super().__init__(
            EventRecord, name=_l("Module events"), endpoint="core_event", category=_l("System")
        )
