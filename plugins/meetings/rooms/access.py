"""Who may do what with rooms. Deciding on a room's bookings is the core's rule: the room's
approver, or a holder of ``core.booking.manage``."""

from flask_babel import lazy_gettext as _l

from core import EVERYONE, Permission

VIEW = "meetings.room.view"
MANAGE = "meetings.room.manage"
BOOK = "meetings.room.book"

PERMISSIONS = [
    Permission(VIEW, _l("See meeting rooms and the room calendar"), default_roles=EVERYONE),
    Permission(
        MANAGE,
        _l("Edit the meeting-room catalogue and the rooms' door pages"),
        default_roles=("office",),
    ),
    Permission(BOOK, _l("Book meeting rooms"), default_roles=EVERYONE),
]
