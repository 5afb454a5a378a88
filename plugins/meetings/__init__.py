"""Meetings: rooms, meetings, briefings, invitations, minutes, conclusions."""

from core import N_
from core.plugins import Manifest

MANIFEST = Manifest(
    name="meetings",
    title=N_("Meetings"),
    summary=N_("Rooms, meetings and briefings, invitations, minutes and conclusion notices."),
    version="1.0.0",
    requires_core=">=1.0,<2",
)
