"""The back office's Plugins page: every installed plugin, its state and why; enable/disable."""

from __future__ import annotations

from flask import current_app, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm

from core.admin import BaseView, expose
from core.errors import PluginError
from core.plugins import services


class PluginsView(BaseView):
    permission = "core.plugin"
    agency_wide = frozenset({"view", "manage"})

    def __init__(self) -> None:
        super().__init__(name=_l("Plugins"), endpoint="core_plugins", category=_l("System"))

    @expose("/")
    def index(self):
        manager = current_app.extensions["vanphong"].plugins
        plugins = sorted(manager.plugins.values(), key=lambda p: p.name)
        return self.render(
            "core/plugins.html",
            plugins=plugins,
            form=FlaskForm(),
            can_manage=current_user.can("core.plugin.manage"),
        )

    @expose("/<plugin>/<action>", methods=["POST"])
    def change(self, plugin: str, action: str):
        form = FlaskForm()
        if not form.validate_on_submit():
            flash(_("The form expired; please try again."), "error")
        elif action not in ("enable", "disable"):
            flash(_("Unknown action."), "error")
        else:
            try:
                if action == "enable":
                    done = services.enable(current_app, [plugin], actor=current_user.username)
                    flash(_("Enabled: %(names)s.", names=", ".join(done) or plugin), "success")
                else:
                    services.disable(current_app, [plugin], actor=current_user.username)
                    flash(_("Disabled: %(name)s. Its data is kept.", name=plugin), "success")
                flash(_("Restart VanPhong's processes for the change to take effect."), "info")
            except PluginError as exc:
                flash(str(exc), "error")
        return redirect(url_for(".index"), code=303)
