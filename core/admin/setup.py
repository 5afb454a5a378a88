"""Mount Flask-Admin at ``/admin`` and file every view under its plugin's menu."""

from __future__ import annotations

from flask import Flask
from flask_admin import Admin
from flask_admin.theme import Bootstrap4Theme
from flask_babel import lazy_gettext as _l

from core.admin.dashboard import DashboardView


def init_admin(app: Flask) -> Admin:
    return Admin(
        app,
        name="VanPhong",
        url="/admin",
        theme=Bootstrap4Theme(base_template="core/admin_base.html", fluid=True),
        index_view=DashboardView(name=_l("Home"), url="/admin"),
    )
