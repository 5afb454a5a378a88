"""Who may do what, where: grants from role assignments, scoped to units and their subtrees.

A user's grants are loaded once per request (one query) and cached on ``g``. An assignment
without a unit grants its role's permissions across the agency; one with a unit grants them
over that unit and every unit below it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import g, has_app_context
from sqlalchemy import exists, false, or_, select

from core.db import db


@dataclass
class Grants:
    """What a user holds. Unit scopes are kept as unit paths (``/1/4/``): a unit is covered
    when its own path starts with one of them."""

    everything: bool = False  # superuser, or an agency-wide administrator role
    agency: set[str] = field(default_factory=set)  # permissions held everywhere
    units: dict[str, set[str]] = field(default_factory=dict)  # permission → unit paths
    all_under: set[str] = field(default_factory=set)  # every permission, under these paths

    def scope(self, permission: str) -> set[str] | None:
        """None when held across the agency, else the unit paths it is held under."""
        if self.everything or permission in self.agency:
            return None
        return self.units.get(permission, set()) | self.all_under


def load_grants(user: Any) -> Grants:
    """Grants from the user's assignments (loaded with the user by the session loader)."""
    if not getattr(user, "is_authenticated", False) or not user.active:
        return Grants()
    if user.is_superuser:
        return Grants(everything=True)
    grants = Grants()
    for assignment in user.assignments:
        path = assignment.unit.path if assignment.unit is not None else None
        if assignment.role.grants_all:
            if path is None:
                grants.everything = True
            else:
                grants.all_under.add(path)
            continue
        for granted in assignment.role.permissions:
            if path is None:
                grants.agency.add(granted.permission)
            else:
                grants.units.setdefault(granted.permission, set()).add(path)
    return grants


def grants_of(user: Any) -> Grants:
    """The user's grants, cached for the current request (or app context)."""
    if not has_app_context():
        return load_grants(user)
    cache = g.setdefault("vanphong_grants", {})
    key = getattr(user, "id", None)
    if key not in cache:
        cache[key] = load_grants(user)
    return cache[key]


def forget_grants() -> None:
    """Drop cached grants (after roles or assignments change in this request)."""
    if has_app_context():
        g.pop("vanphong_grants", None)


def scope_paths(user: Any, permission: str) -> set[str] | None:
    """None when ``user`` holds ``permission`` across the agency; otherwise the paths of the
    units whose subtrees it covers (an empty set: nowhere)."""
    return grants_of(user).scope(permission)


def can(user: Any, permission: str, unit_id: int | None = None) -> bool:
    """Whether ``user`` holds ``permission`` anywhere, or over ``unit_id`` when given."""
    paths = scope_paths(user, permission)
    if paths is None:
        return True
    if unit_id is None:
        return bool(paths)
    unit_path = unit_path_of(unit_id)
    return unit_path is not None and any(unit_path.startswith(p) for p in paths)


def unit_path_of(unit_id: int) -> str | None:
    from core.org.models import Unit

    return db.session.scalar(select(Unit.path).where(Unit.id == unit_id))


def in_units(column: Any, paths: set[str]) -> Any:
    """A WHERE clause: ``column`` (a unit id) lies in one of the subtrees under ``paths``."""
    from core.org.models import Unit

    if not paths:
        return false()
    subtree = select(Unit.id).where(or_(*(Unit.path.startswith(p) for p in sorted(paths))))
    return column.in_(subtree)


def users_in_units(paths: set[str]) -> Any:
    """A WHERE clause on users: members of a unit in one of the subtrees under ``paths`` (the
    people a unit head sees)."""
    from core.identity.models import User
    from core.org.models import Membership

    return exists().where(Membership.user_id == User.id, in_units(Membership.unit_id, paths))
