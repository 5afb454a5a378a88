"""REST endpoint of the unified calendar: ``/api/v1/calendar``."""

from __future__ import annotations

from typing import Any

from flask_login import current_user

from core.agenda.schemas import CalendarArgsSchema, CalendarEntrySchema
from core.agenda.services import entries_for
from core.api import ApiBlueprint, requires

bp = ApiBlueprint(
    "core_api_agenda",
    __name__,
    url_prefix="/api/v1",
    description="The unified calendar: every enabled plugin's events the caller may see.",
)


@bp.route("/calendar", methods=["GET"])
@requires("core.agenda.view")
@bp.arguments(CalendarArgsSchema, location="query", unknown="raise")
@bp.response(200, CalendarEntrySchema(many=True))
def calendar(args: dict[str, Any]) -> Any:
    """Events between `from` and `to`, by start time."""
    return entries_for(current_user, args["start"], args["end"])
