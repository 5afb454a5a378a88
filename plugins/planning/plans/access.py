"""Who may see, change and approve which plans: the record rules of plans, written once.

A plan belongs to its unit, or to the whole agency (no unit). A permission held over a unit
reaches that unit's plans and those of the units below it; an agency plan needs the permission
across the agency or over the agency's root unit (the leaders hold theirs there). Everyone who
may view plans sees the agency's plans and those of their units once published; drafts and
approved plans are seen by those who may change or approve them.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import false, or_, true
from sqlalchemy.sql import ColumnElement

from core import EVERYONE, Permission
from core.identity.access import in_units, scope_paths
from plugins.planning.plans.models import Plan, PlanStatus

VIEW = "planning.plan.view"
MANAGE = "planning.plan.manage"
APPROVE = "planning.plan.approve"
#: Numbering a plan in the core register needs the register's own permission too.
NUMBER = "core.document.manage"


def is_root_path(path: str) -> bool:
    """A unit path of the agency itself (``/1/``): the tree has nothing above it."""
    return path.count("/") == 2


def holds_over_agency(user: Any, permission: str) -> bool:
    """Whether ``user`` holds ``permission`` across the agency or over its root unit."""
    paths = scope_paths(user, permission)
    return paths is None or any(is_root_path(p) for p in paths)


def may(user: Any, permission: str, unit_id: int | None) -> bool:
    """Whether ``user`` holds ``permission`` for a plan of ``unit_id`` (None: the agency)."""
    if user is None:
        return True  # the system itself (jobs, demo data)
    if unit_id is None:
        return holds_over_agency(user, permission)
    return bool(user.can(permission, unit_id))


def reach(user: Any, permission: str) -> ColumnElement[bool]:
    """Plans ``user`` holds ``permission`` for, as a WHERE clause."""
    paths = scope_paths(user, permission)
    if paths is None:
        return true()
    agency = [Plan.unit_id.is_(None)] if any(is_root_path(p) for p in paths) else []
    return or_(*agency, in_units(Plan.unit_id, paths))


def visible_plans(user: Any) -> list[ColumnElement[bool]]:
    """WHERE clauses: the plans ``user`` may see (see the module's rules)."""
    paths = scope_paths(user, VIEW)
    if paths is None:
        return []
    if not paths:
        return [false()]
    in_scope = or_(Plan.unit_id.is_(None), in_units(Plan.unit_id, paths))
    settled = or_(
        Plan.status == PlanStatus.PUBLISHED.value, reach(user, MANAGE), reach(user, APPROVE)
    )
    return [in_scope, settled]


PERMISSIONS = [
    Permission("planning.plan.view", _l("See work programmes and plans"), default_roles=EVERYONE),
    Permission(
        "planning.plan.manage",
        _l("Draft, edit and publish plans (a unit head: their units' plans)"),
        default_roles=("office", "unit_head"),
    ),
    Permission(
        "planning.plan.approve",
        _l("Approve plans (the agency's leaders: over the whole agency)"),
        default_roles=("unit_head",),
    ),
]
