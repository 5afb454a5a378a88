"""Permission-aware base views.

A view names the object it manages (``permission = "meetings.room"``); reading needs
``<object>.view`` and every change ``<object>.manage``. Anonymous users are sent to the login
page; signed-in users without the permission get 403, and the denial is audited.

Record rules: a role assigned over a unit grants its permissions over that unit's subtree only.
A model owned by a unit names the column (``scope_column = "unit_id"``); lists, counts, detail
and edit pages, exports and bulk actions then see only rows in the user's units, and a row
outside them is a 404. Views of models owned otherwise override :meth:`ModelView.scope`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import flask_admin
from flask import abort, flash, g, redirect, request, url_for
from flask_admin import expose
from flask_admin.actions import action
from flask_admin.babel import lazy_gettext as admin_lazy_gettext
from flask_admin.contrib import sqla
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy import func, literal_column, select
from sqlalchemy.orm import Query
from wtforms.validators import ValidationError

from core.audit.services import record
from core.db import db, word_filters
from core.errors import VanPhongError
from core.identity.access import in_units, scope_paths

#: Flask-Admin model-view methods that only read, and those that change data.
READ_METHODS = frozenset({"index_view", "details_view", "ajax_lookup", "export"})
WRITE_METHODS = frozenset({"create_view", "edit_view", "delete_view", "action_view", "ajax_update"})


class SecureView:
    """Mixin: the permission check every back-office view goes through.

    A view without a record rule cannot tell one unit's rows from another's, so a permission
    held only over some units does not open the actions listed in ``agency_wide`` (by
    default: every change); such views serve agency-wide holders only for those actions.
    """

    permission: str = ""
    endpoint: str  # set by Flask-Admin's view constructor
    agency_wide: frozenset[str] = frozenset({"manage"})

    def has_record_rule(self) -> bool:
        return False

    def permits(self, permission: str) -> bool:
        """Whether the signed-in user may use ``permission`` on this view."""
        action = permission.rsplit(".", 1)[-1]
        if not self.has_record_rule() and action in self.agency_wide:
            return scope_paths(current_user, permission) is None
        return bool(current_user.can(permission))

    def required_permission(self, name: str | None = None) -> str:
        """``<object>.view`` to read, ``<object>.manage`` to change; custom pages go by method."""
        if name in READ_METHODS:
            action = "view"
        elif name in WRITE_METHODS:
            action = "manage"
        else:
            action = "view" if request.method in ("GET", "HEAD") else "manage"
        return f"{self.permission}.{action}"

    def is_accessible(self) -> bool:
        return bool(current_user.is_authenticated) and self.permits(self.required_permission())

    def is_visible(self) -> bool:
        return bool(current_user.is_authenticated) and self.permits(f"{self.permission}.view")

    def _handle_view(self, name: str, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return redirect(url_for("core_auth.login", next=request.full_path.rstrip("?")))
        needed = self.required_permission(name)
        g.vanphong_permission = needed
        if not self.permits(needed):
            record("permission_denied", note=f"{request.method} {request.path} needs {needed}")
            abort(403)
        return None


class CappedCount(Query):
    """A count query that stops counting at ``cap`` rows (lists of huge tables stay fast)."""

    cap = 100_000

    def scalar(self) -> int:
        limited = self.limit(self.cap + 1).subquery()
        return int(self.session.execute(select(func.count()).select_from(limited)).scalar_one())


class ModelView(SecureView, sqla.ModelView):
    """A model list/detail/form view bound to the core session, with record rules, a capped
    ``count(*)`` and search that ignores case and Vietnamese diacritics."""

    page_size = 20
    can_set_page_size = True
    page_size_options = (20, 50, 100)
    scope_column: str | None = None

    def __init__(self, model: type, **kwargs: Any) -> None:
        super().__init__(model, db, **kwargs)

    # -- record rules --------------------------------------------------------------------

    #: Form fields choosing a unit or a user, limited to the units the user manages.
    scoped_choices: dict[str, str] = {}

    def has_record_rule(self) -> bool:
        return self.scope_column is not None or type(self).scope is not ModelView.scope

    def create_form(self, obj: Any = None) -> Any:
        return self._limit_choices(super().create_form(obj))

    def edit_form(self, obj: Any = None) -> Any:
        return self._limit_choices(super().edit_form(obj))

    def _limit_choices(self, form: Any) -> Any:
        """Dropdowns offer only units (and people of units) the user manages."""
        from core.identity.models import User
        from core.org.models import Membership, Unit

        paths = scope_paths(current_user, f"{self.permission}.manage")
        if paths is None:
            return form
        for name, kind in self.scoped_choices.items():
            field = getattr(form, name, None)
            if field is None:
                continue
            query: Any
            if kind == "unit":
                query = db.session.query(Unit).filter(in_units(Unit.id, paths)).order_by(Unit.path)
            else:
                member = select(Membership.user_id).where(in_units(Membership.unit_id, paths))
                query = db.session.query(User).filter(User.id.in_(member)).order_by(User.username)
            field.query_factory = lambda query=query: query.all()
        return form

    def _scope_paths(self) -> set[str] | None:
        permission = g.get("vanphong_permission") or f"{self.permission}.view"
        return scope_paths(current_user, permission)

    def scope(self, query: Any, paths: set[str]) -> Any:
        """Limit ``query`` to rows in the units under ``paths``; unscoped models see all."""
        if self.scope_column is None:
            return query
        return query.filter(in_units(getattr(self.model, self.scope_column), paths))

    def _scoped(self, query: Any) -> Any:
        paths = self._scope_paths()
        return query if paths is None else self.scope(query, paths)

    def get_query(self) -> Any:
        return self._scoped(super().get_query())

    def get_count_query(self) -> Any:
        """``count(*)`` over at most :attr:`CappedCount.cap` rows, not ``count('*')``."""
        return self._scoped(
            CappedCount([literal_column("1")], session=db.session).select_from(self.model)
        )

    def require_manage(self, unit_id: int | None) -> None:
        """Refuse to save a record that would belong to a unit the user does not manage
        (``None``: the record belongs to the whole agency)."""
        permission = f"{self.permission}.manage"
        paths = scope_paths(current_user, permission)
        if paths is None:
            return
        if unit_id is None or not current_user.can(permission, unit_id):
            raise ValidationError(gettext("This record belongs to a unit you do not manage."))

    def on_model_change(self, form: Any, model: Any, is_created: bool) -> None:
        """Scoped models may only be saved inside the user's units."""
        if self.scope_column is not None:
            db.session.flush()  # foreign keys set through relationships
            self.require_manage(getattr(model, self.scope_column))

    @action(
        "delete",
        admin_lazy_gettext("Delete"),
        admin_lazy_gettext("Are you sure you want to delete selected records?"),
    )
    def action_delete(self, ids: Any) -> None:
        """Flask-Admin's bulk delete, with ids converted to the key's type: PostgreSQL refuses
        to compare an integer key with the strings a form posts."""
        return super().action_delete(self._typed_ids(ids))

    def _typed_ids(self, ids: Any) -> list[Any]:
        python_type = self.model.__mapper__.primary_key[0].type.python_type
        convert = python_type.fromisoformat if python_type in (date, datetime) else python_type
        typed = []
        for value in ids:
            try:
                typed.append(convert(value))
            except (TypeError, ValueError):
                continue  # not an id of this model: nothing to find
        return typed

    def handle_view_exception(self, exc: Exception) -> bool:
        """A broken business rule is a message for the user, not a server error."""
        if isinstance(exc, VanPhongError):
            flash(str(exc), "error")
            return True
        return bool(super().handle_view_exception(exc))

    def get_one(self, id: Any) -> Any:
        if len(self.model.__mapper__.primary_key) == 1:
            typed = self._typed_ids([id])
            found = db.session.get(self.model, typed[0]) if typed else None
        else:
            found = super().get_one(id)
        if found is None:
            return None
        paths = self._scope_paths()
        if paths is not None:
            key = self.model.__mapper__.primary_key[0]
            visible = self.scope(
                db.session.query(key).filter(key == getattr(found, key.key)), paths
            )
            if visible.first() is None:
                abort(404)
        return found

    # -- search --------------------------------------------------------------------------

    def _apply_search(
        self, query: Any, count_query: Any, joins: Any, count_joins: Any, search: str
    ) -> Any:
        """Every word must match one searchable column, ignoring case and diacritics."""
        columns = [getattr(self.model, name) for name in self.column_searchable_list or ()]
        for clause in word_filters(columns, search):
            query = query.filter(clause)
            if count_query is not None:
                count_query = count_query.filter(clause)
        return query, count_query, joins, count_joins

    # -- permissions on buttons ----------------------------------------------------------

    @property
    def can_create(self) -> bool:
        return self._may_change("can_create_default")

    @property
    def can_edit(self) -> bool:
        return self._may_change("can_edit_default")

    @property
    def can_delete(self) -> bool:
        return self._may_change("can_delete_default")

    can_create_default = True
    can_edit_default = True
    can_delete_default = True

    def _may_change(self, flag: str) -> bool:
        allowed = getattr(self, flag)
        return (
            bool(allowed)
            and current_user.is_authenticated
            and current_user.can(f"{self.permission}.manage")
        )


class BaseView(SecureView, flask_admin.BaseView):
    """A custom back-office page; GET needs ``<object>.view``, other methods ``.manage``."""


__all__ = ["BaseView", "ModelView", "SecureView", "expose"]
