"""The home page's "room requests awaiting you" widget, for the rooms' approvers."""

from __future__ import annotations

from typing import Any

from flask import render_template
from flask_babel import lazy_gettext as _l

from core import Widget
from core.db import db
from plugins.meetings.rooms.access import VIEW
from plugins.meetings.rooms.admin_booking import local
from plugins.meetings.rooms.grid import pending_room_requests

WIDGET_SIZE = 8


def awaiting_widget(user: Any) -> list[Widget]:
    """The room requests awaiting ``user``, soonest first; nothing when none awaits."""
    if not user.is_authenticated or not user.can(VIEW):
        return []
    pending = pending_room_requests(db.session, user)
    if not pending:
        return []
    html = render_template(
        "meetings/rooms/widget.html", pending=pending[:WIDGET_SIZE], total=len(pending), local=local
    )
    return [Widget(_l("Room requests awaiting you"), html, order=25)]
