"""The feed address calendar applications fetch, without a session: the secret is the key."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, request

from core.agenda import feeds
from core.agenda.services import entries_for
from core.db import utcnow
from core.identity.access import can

bp = Blueprint("core_agenda_feed", __name__)


@bp.route("/calendar/<string(length=43):token>.ics")
def feed(token: str) -> Any:
    user = feeds.user_for_feed(token)
    if user is None or not can(user, "core.agenda.view"):
        abort(404)  # unknown, replaced or revoked address; or a user who lost the calendar
    now = utcnow()
    entries = entries_for(user, now - feeds.PAST, now + feeds.FUTURE)
    body = feeds.render_ics(entries, f"VanPhong — {user}", request.host_url)
    return (
        body,
        200,
        {
            "Content-Type": "text/calendar; charset=utf-8",
            "Cache-Control": "private, max-age=300",
            "X-Robots-Tag": "noindex",
        },
    )
