"""Built-in roles and the permission catalog.

Permissions are declared in code (``register_permissions``); the catalog table records every
code ever seen. A code seen for the first time is granted to the built-in roles its
``default_roles`` name; after that, role contents belong to the administrators.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError

from core.db import db
from core.identity.models import PermissionRecord, Role, RolePermission

#: code → (name, description, grants every permission)
BUILTIN_ROLES: dict[str, tuple[str, str, bool]] = {
    "administrator": ("Quản trị hệ thống", "Mọi quyền, kể cả của các phân hệ bật sau này.", True),
    "office": ("Văn phòng", "Cán bộ văn phòng: tham mưu, tổng hợp, phục vụ toàn cơ quan.", False),
    "unit_head": ("Trưởng đơn vị", "Lãnh đạo một đơn vị: quản lý đơn vị mình và cấp dưới.", False),
    "staff": ("Chuyên viên", "Cán bộ, chuyên viên các đơn vị.", False),
}


def ensure_builtin_roles(session: Any) -> dict[str, Role]:
    roles = {r.code: r for r in session.scalars(select(Role).where(Role.builtin))}
    for code, (name, description, grants_all) in BUILTIN_ROLES.items():
        if code not in roles:
            roles[code] = Role(
                code=code, name=name, description=description, builtin=True, grants_all=grants_all
            )
            session.add(roles[code])
    session.flush()
    return roles


def sync_permissions(app: Flask) -> list[str]:
    """Record permissions new to this database and grant them to their default roles.

    Idempotent and safe to run from several processes at once; returns the new codes.
    """
    session = db.session
    if not inspect(session.connection()).has_table(PermissionRecord.__tablename__):
        return []  # not migrated yet: `vanphong db upgrade` runs this again
    registry = app.extensions["vanphong"].registry
    known = set(session.scalars(select(PermissionRecord.code)))
    new = [p for code, p in sorted(registry.permissions.items()) if code not in known]
    if not new:
        return []
    try:
        roles = ensure_builtin_roles(session)
        for permission in new:
            session.add(PermissionRecord(code=permission.code))
            session.flush()
            for role in permission.default_roles:
                session.add(RolePermission(role_id=roles[role].id, permission=permission.code))
        session.commit()
    except IntegrityError:  # another process recorded them first
        session.rollback()
        return []
    return [p.code for p in new]
