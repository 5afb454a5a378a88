"""Shared by the authorization matrix test: who signs in, and how each route is called."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from core.calendar.models import CalendarDay
from core.db import db
from core.identity.models import RoleAssignment
from core.identity.roles import ensure_builtin_roles
from core.identity.services import assign_role, create_user
from core.org.models import Membership, Position, Unit
from core.org.services import add_member
from tests.core.authz_rows import extra_targets

ROLES = ("anonymous", "administrator", "office", "head_a", "head_b", "staff_a1")
#: The matrices cover the core and every built-in plugin (third-party fixtures test their own).
BUILT_IN = ("planning", "meetings", "assets", "regulations", "reception")
SKIPPED_ENDPOINTS = ("static", "admin.static")


def routes(app) -> list[tuple[str, str]]:
    """Every (method, rule) the app serves, but static files."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIPPED_ENDPOINTS or rule.endpoint.endswith(".static"):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((method, rule.rule))
    return sorted(found)


def targets(app, agency) -> dict[str, str]:
    """For each view endpoint, the id of a record that belongs to unit A's subtree."""
    with app.app_context():
        position = Position(code="CV", name="Chuyên viên", rank=60)
        db.session.add(position)
        db.session.add(CalendarDay(day=date(2027, 5, 8), working=True, note="Làm bù"))
        # A user in team A1 that requests may change freely (the signed-in users stay intact).
        target = create_user(
            db.session, "muctieu", "correct-horse-battery", full_name="Người Mục Tiêu"
        )
        add_member(db.session, target.id, db.session.get(Unit, agency["a1"]))
        assign_role(db.session, target, ensure_builtin_roles(db.session)["staff"], agency["a1"])
        db.session.commit()
        membership = db.session.scalar(select(Membership.id).where(Membership.user_id == target.id))
        assignment = db.session.scalar(
            select(RoleAssignment.id).where(RoleAssignment.user_id == target.id)
        )
        return {
            **extra_targets(app, agency),
            "core_unit": str(agency["a1"]),
            "core_user": str(target.id),
            "core_membership": str(membership),
            "core_position": str(position.id),
            "core_role": "1",
            "core_role_assignment": str(assignment),
            "core_audit": "1",
            "core_calendar_day": "2027-05-08",
            "core_outbox": "1",
        }


def url_for_rule(rule: str, ids: dict[str, str]) -> str:
    """A concrete URL for ``rule``: ids of records in unit A, CSV exports, a made-up plugin."""
    view = rule.split("/")[2] if rule.startswith("/admin/") else ""
    url = rule.replace("<export_type>", "csv").replace("<plugin>/<action>", "nosuchplugin/enable")
    url = url.replace("<id>", ids.get(view, "0"))
    url = url.replace("<int:token_id>", "999999")
    if re.search(r"/(details|edit)/$", url):
        url += f"?id={ids[view]}"
    if url.endswith("/ajax/lookup/"):
        url += "?name=unknown&query=a"
    return url
