"""Back-office views of users, roles and role assignments; changes go through the services."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, url_for
from flask_admin.model.template import EndpointLinkRowAction
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectMultipleField

from core.admin import ModelView, expose
from core.db import db
from core.identity import services
from core.identity.access import scope_paths, users_in_units
from core.identity.forms import ResetPasswordForm
from core.identity.models import PermissionRecord, Role, RoleAssignment, User
from core.notifications.services import notify

USER_LABELS = {
    "username": _l("Username"),
    "full_name": _l("Full name"),
    "email": _l("E-mail"),
    "phone": _l("Phone"),
    "active": _l("Active"),
    "is_superuser": _l("Superuser"),
    "locale": _l("Language"),
    "last_login_at": _l("Last login"),
    "created_at": _l("Created"),
}


class UserView(ModelView):
    """Users; a unit head sees the people of their units. Passwords are never shown; an
    administrator resets one from the row's key icon."""

    permission = "core.user"
    column_list = ("username", "full_name", "email", "phone", "active", "last_login_at")
    column_details_list = (
        "username",
        "full_name",
        "email",
        "phone",
        "active",
        "is_superuser",
        "locale",
        "created_at",
        "last_login_at",
    )
    column_searchable_list = ("username", "full_name", "email")
    column_filters = ("active", "is_superuser")
    column_labels = USER_LABELS
    column_default_sort = "username"
    form_columns = ("full_name", "email", "phone", "active", "locale")
    form_choices = {"locale": [("vi", "Tiếng Việt"), ("en", "English")]}
    can_view_details = True
    can_export = True
    can_create_default = False  # `vanphong create-admin`, the API, or the demo create users
    can_delete_default = False  # disable instead: a user's history stays attributable
    column_extra_row_actions = [
        EndpointLinkRowAction("fa fa-key", ".reset_password", title=_l("Reset the password"))
    ]

    def __init__(self) -> None:
        super().__init__(User, name=_l("Users"), endpoint="core_user", category=_l("System"))

    def scope(self, query: Any, paths: set[str]) -> Any:
        return query.filter(users_in_units(paths))

    def on_model_change(self, form: Any, model: User, is_created: bool) -> None:
        self._check_reach(model)
        services.update_user(db.session, model)

    def _check_reach(self, user: User) -> None:
        services.check_reach(user, scope_paths(current_user, "core.user.manage"))

    @expose("/<id>/password", methods=["GET", "POST"])
    def reset_password(self, id: str) -> Any:
        user = self.get_one(id)
        if user is None:
            abort(404)
        form = ResetPasswordForm()
        if form.validate_on_submit():
            try:
                self._check_reach(user)
                services.set_password(db.session, user, form.new.data, keep_current_session=False)
                notify(
                    [user],
                    "core.password_reset",
                    _("Your password was reset"),
                    _(
                        "%(admin)s set a new password for your account; ask them for it.",
                        admin=current_user,
                    ),
                    url_for("core_auth.change_password"),
                )
            except services.IdentityError as exc:
                db.session.rollback()
                flash(str(exc), "error")
            else:
                db.session.commit()
                flash(
                    _(
                        "The password of %(name)s was reset; their sessions were signed out.",
                        name=user,
                    ),
                    "success",
                )
                return redirect(url_for(".index_view"))
        return self.render("core/reset_password.html", form=form, user=user)

    def required_permission(self, name: str | None = None) -> str:
        if name == "reset_password":
            return "core.user.manage"
        return super().required_permission(name)


class RoleView(ModelView):
    """Roles as named sets of permissions; the built-in ones cannot be deleted."""

    permission = "core.role"
    agency_wide = frozenset({"view", "manage"})  # roles hold permissions across every unit
    column_list = ("code", "name", "builtin", "grants_all")
    column_labels = {
        "code": _l("Code"),
        "name": _l("Name"),
        "builtin": _l("Built-in"),
        "grants_all": _l("Every permission"),
        "description": _l("Description"),
        "permission_codes": _l("Permissions"),
    }
    column_details_list = (
        "code",
        "name",
        "description",
        "builtin",
        "grants_all",
        "permission_codes",
    )
    column_searchable_list = ("code", "name")
    form_excluded_columns = ("permissions", "builtin", "grants_all")
    # Not named after the model's read-only ``permission_codes``: the form sets its fields on
    # the model, and the service applies the choice.
    form_extra_fields = {"granted": SelectMultipleField(_l("Permissions"), choices=[])}
    can_view_details = True

    def __init__(self) -> None:
        super().__init__(Role, name=_l("Roles"), endpoint="core_role", category=_l("System"))

    def _fill(self, form: Any) -> None:
        form.granted.choices = [
            (code, code)
            for code in db.session.scalars(
                select(PermissionRecord.code).order_by(PermissionRecord.code)
            )
        ]

    def create_form(self, obj: Any = None) -> Any:
        form = super().create_form(obj)
        self._fill(form)
        return form

    def edit_form(self, obj: Any = None) -> Any:
        form = super().edit_form(obj)
        self._fill(form)
        return form

    def on_form_prefill(self, form: Any, id: Any) -> None:
        form.granted.data = self.get_one(id).permission_codes

    def on_model_change(self, form: Any, model: Role, is_created: bool) -> None:
        services.set_role_permissions(db.session, model, form.granted.data or [])

    def on_model_delete(self, model: Role) -> None:
        if model.builtin:
            raise services.IdentityError(_("Role: a built-in role cannot be deleted."))


class AssignmentView(ModelView):
    """Who holds which role, across the agency or over a unit and the units below it."""

    permission = "core.role"
    agency_wide = frozenset({"view", "manage"})  # assigning roles is an agency-wide power
    column_list = ("user", "role", "unit")
    column_labels = {
        "user": _l("User"),
        "role": _l("Role"),
        "unit": _l("Unit (empty: the whole agency)"),
    }
    column_searchable_list = ()
    form_columns = ("user", "role", "unit")
    column_auto_select_related = True

    def __init__(self) -> None:
        super().__init__(
            RoleAssignment,
            name=_l("Role assignments"),
            endpoint="core_role_assignment",
            category=_l("System"),
        )

    def on_model_change(self, form: Any, model: RoleAssignment, is_created: bool) -> None:
        if model.user is None or model.role is None:
            raise services.IdentityError(_("User and role: required."))
