"""The door (lobby) page of a room, served without a session: the secret address is the key.
An unknown, replaced or revoked address — or an inactive room — is a 404."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, render_template

from core.db import db, utcnow
from core.i18n import agency_today, agency_zone
from plugins.meetings.rooms import door

bp = Blueprint("meetings_rooms_door", __name__)

#: How often the page reloads itself, in seconds.
REFRESH_SECONDS = 60


@bp.route(f"/meetings/rooms/door/<string(length={door.TOKEN_LENGTH}):token>")
def door_page(token: str) -> Any:
    room = door.room_for_door(db.session, token)
    if room is None:
        abort(404)
    today = agency_today()
    body = render_template(
        "meetings/rooms/door.html",
        room=room,
        entries=door.door_entries(db.session, room, today),
        today=today,
        now=utcnow(),
        zone=agency_zone(),
        refresh_seconds=REFRESH_SECONDS,
    )
    return body, 200, {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
