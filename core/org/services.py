"""The org chart's rules, written once: a tree without cycles, one head per unit, one primary
unit per person. Admin views, the API and the demo all call these."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from core.errors import VanPhongError
from core.org.models import Membership, Unit


class OrgError(VanPhongError):
    """An org-chart change breaks a rule; the message names the field and the rule."""


def create_unit(
    session: Session,
    code: str,
    name: str,
    abbreviation: str,
    kind: str = "department",
    parent: Unit | None = None,
    sort_order: int = 0,
) -> Unit:
    unit = Unit(
        code=code.strip(),
        name=name.strip(),
        abbreviation=abbreviation.strip(),
        kind=kind,
        parent=parent,
        sort_order=sort_order,
    )
    session.add(unit)
    place_unit(session, unit)
    return unit


def place_unit(session: Session, unit: Unit) -> None:
    """Set ``unit.path`` from its (new) parent and carry its subtree along.

    Refuses to put a unit under itself or one of its descendants. Call it after changing
    ``parent`` (the admin form does), in the same transaction.
    """
    if not unit.code or not unit.name or not unit.abbreviation:
        raise OrgError(_("Code, name and abbreviation: required."), field="code")
    session.flush()  # an id for a new unit
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        # Two concurrent moves could each pass the check below and close a loop together.
        session.execute(select(Unit.id).where(Unit.id == unit.id).with_for_update())
    old_path = session.scalar(select(Unit.path).where(Unit.id == unit.id)) or ""
    parent_path = "/"
    if unit.parent_id is not None or unit.parent is not None:
        parent = unit.parent or session.get(Unit, unit.parent_id)
        if parent is None:
            raise OrgError(no_such_parent(), field="parent_id")
        if parent.id == unit.id or (old_path and parent.path.startswith(old_path)):
            raise OrgError(
                _(
                    "Parent unit: %(unit)s cannot be placed under itself or a unit below it.",
                    unit=unit.name,
                ),
                field="parent_id",
            )
        parent_path = parent.path
    new_path = f"{parent_path}{unit.id}/"
    if new_path == old_path:
        return
    unit.path = new_path
    if old_path:
        session.execute(
            update(Unit)
            .where(Unit.path.startswith(old_path), Unit.id != unit.id)
            .values(path=new_path + func.substr(Unit.path, len(old_path) + 1))
            .execution_options(synchronize_session="fetch")
        )
    session.flush()


def no_such_parent() -> str:
    return _("Parent unit: does not exist.")


def check_deletable(session: Session, unit: Unit) -> None:
    """A unit with units or people under it is not deleted: move or end them first."""
    if session.scalar(select(Unit.id).where(Unit.parent_id == unit.id).limit(1)) is not None:
        raise OrgError(_("%(unit)s has units below it; move or delete them first.", unit=unit.name))
    if (
        session.scalar(select(Membership.id).where(Membership.unit_id == unit.id).limit(1))
        is not None
    ):
        raise OrgError(_("%(unit)s has members; move them to another unit first.", unit=unit.name))


def add_member(
    session: Session,
    user_id: int,
    unit: Unit,
    position_id: int | None = None,
    primary: bool = True,
    head: bool = False,
    can_sign: bool = False,
) -> Membership:
    """Put a user in a unit. The database refuses a second primary unit or a second head."""
    membership = Membership(
        user_id=user_id,
        unit=unit,
        position_id=position_id,
        is_primary=primary,
        is_head=head,
        can_sign=can_sign,
    )
    session.add(membership)
    session.flush()
    return membership


def tree(session: Session) -> list[Unit]:
    """Every unit, parents before children, siblings by sort order then name."""
    units = list(session.scalars(select(Unit).order_by(Unit.sort_order, Unit.name)))
    by_parent: dict[int | None, list[Unit]] = {}
    for unit in units:
        by_parent.setdefault(unit.parent_id, []).append(unit)
    ordered: list[Unit] = []

    def walk(parent_id: int | None) -> None:
        for child in by_parent.get(parent_id, []):
            ordered.append(child)
            walk(child.id)

    walk(None)
    return ordered


def find_units(session: Session, query: str, paths: set[str] | None, limit: int = 20) -> list[Unit]:
    """Units matching every word of ``query`` in code, name or abbreviation (ignoring
    diacritics), within the subtrees under ``paths`` (None: all)."""
    from core.db import word_filters
    from core.identity.access import in_units

    conditions = word_filters((Unit.code, Unit.name, Unit.abbreviation), query)
    if paths is not None:
        conditions.append(in_units(Unit.id, paths))
    statement = select(Unit).where(*conditions).order_by(Unit.path)
    return list(session.scalars(statement.limit(limit)))
