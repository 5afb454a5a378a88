"""The back-office home page: widgets from every enabled plugin's ``dashboard_widgets``."""

from __future__ import annotations

from typing import Any

import flask_admin
from flask import current_app, redirect, request, url_for
from flask_admin import expose
from flask_login import current_user

from core.hooktypes import Widget


class DashboardView(flask_admin.AdminIndexView):
    """Any signed-in user may open the home page; widgets decide what they show."""

    def is_accessible(self) -> bool:
        return current_user.is_authenticated

    def _handle_view(self, name: str, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return redirect(url_for("core_auth.login", next=request.full_path.rstrip("?")))
        return None

    @expose("/")
    def index(self) -> Any:
        plugins = current_app.extensions["vanphong"].plugins
        widgets: list[Widget] = []
        for _name, result in plugins.call_safely(
            "dashboard_widgets", app=current_app, user=current_user
        ):
            widgets.extend(w for w in result or [] if isinstance(w, Widget))
        widgets.sort(key=lambda w: w.order)
        return self.render("core/dashboard.html", widgets=widgets)
