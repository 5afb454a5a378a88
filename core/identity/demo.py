"""Demo records of the core: the administrator of the demo agency."""

from sqlalchemy.orm import Session

from core.identity.roles import ensure_builtin_roles
from core.identity.services import assign_role, create_user, find_user

DEMO_PASSWORD = "vanphong-demo-2026"  # noqa: S105 - documented demo login, README
DEMO_ADMIN = "admin"


def add_demo_users(session: Session) -> None:
    if find_user(session, DEMO_ADMIN) is not None:
        return
    admin = create_user(
        session,
        DEMO_ADMIN,
        DEMO_PASSWORD,
        full_name="Quản trị hệ thống",
        email="admin@sonoivu.example.vn",
    )
    assign_role(session, admin, ensure_builtin_roles(session)["administrator"])
