"""The permissions of briefings: the series and sessions (``meetings.briefing``), and the
units' reports (``meetings.briefing_report``, with a record rule by unit)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from core import EVERYONE, Permission

VIEW, MANAGE = "meetings.briefing.view", "meetings.briefing.manage"
REPORT_VIEW, REPORT_MANAGE = "meetings.briefing_report.view", "meetings.briefing_report.manage"

PERMISSIONS = [
    Permission(
        VIEW,
        _l("See briefing series, their sessions and the previous conclusions"),
        default_roles=EVERYONE,
    ),
    Permission(
        MANAGE,
        _l("Set up briefing series and make their sessions"),
        default_roles=("office",),
    ),
    Permission(
        REPORT_VIEW,
        _l("See the units' briefing reports (of one's units)"),
        default_roles=EVERYONE,
    ),
    Permission(
        REPORT_MANAGE,
        _l("Send the briefing report of one's units"),
        default_roles=("office", "unit_head"),
    ),
]
