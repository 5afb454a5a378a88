"""The requests desk in the back office: a unit's people file requests and follow them; the
office approves (all or part), rejects and issues. Every step calls the services; a refused
step is shown as a message and changes nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select, true
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.exc import StaleDataError

from core.admin import BaseView, expose
from core.db import db
from core.errors import VanPhongError
from core.identity.access import in_units, scope_paths
from core.org.models import Unit

from vanphong_supplies import services
from vanphong_supplies.inputs import record_id, whole
from vanphong_supplies.models import OPEN, STATUSES, Item, Request, RequestLine

PAGE_SIZE = 50
VIEW, CREATE, MANAGE = "supplies.request.view", services.CREATE, services.MANAGE
#: Page → the permission it needs (the services then check the unit).
NEEDS = {
    "new": CREATE,
    "approve": MANAGE,
    "reject": MANAGE,
    "issue": MANAGE,
}


def local(value: Any) -> str:
    return format_datetime(value, "dd/MM/yyyy HH:mm") if value else ""


class RequestsView(BaseView):
    """Requests the user may see (their units', or every unit's for the office), newest first."""

    permission = "supplies.request"

    def __init__(self) -> None:
        super().__init__(name=_l("Requests"), endpoint="supplies_requests")

    def has_record_rule(self) -> bool:
        return True  # every query keeps to the units the user's permission covers

    def required_permission(self, name: str | None = None) -> str:
        return NEEDS.get(name or "", VIEW)

    def _visible(self) -> Any:
        paths = scope_paths(current_user, VIEW)
        return true() if paths is None else in_units(Request.unit_id, paths)

    def _get(self, id: int) -> Request:
        found = db.session.scalar(
            select(Request)
            .options(joinedload(Request.lines).joinedload(RequestLine.item))
            .where(Request.id == id, self._visible())
        )
        if found is None:
            abort(404)
        return found

    @expose("/")
    def index(self) -> Any:
        status = request.args.get("status")
        page = max(1, min(request.args.get("page", 1, type=int), 100_000))
        where = [self._visible()]
        if status in STATUSES:
            where.append(Request.status == status)
        lines = (
            select(func.count(RequestLine.id))
            .where(RequestLine.request_id == Request.id)
            .scalar_subquery()
        )
        rows = db.session.execute(
            select(Request, lines)
            .options(joinedload(Request.unit), joinedload(Request.requested_by))
            .where(*where)
            .order_by(Request.created_at.desc(), Request.id.desc())
            .limit(PAGE_SIZE + 1)
            .offset((page - 1) * PAGE_SIZE)
        ).all()
        return self.render(
            "supplies/requests.html",
            rows=rows[:PAGE_SIZE],
            more=len(rows) > PAGE_SIZE,
            page=page,
            status=status if status in STATUSES else None,
            statuses=STATUSES,
            label=services.status_label,
            local=local,
            can_create=current_user.can(CREATE),
        )

    @expose("/new", methods=("GET", "POST"))
    def new(self) -> Any:
        form = FlaskForm()
        items = list(db.session.scalars(select(Item).where(Item.active).order_by(Item.code)))
        units = self._units_for_requests()
        if form.validate_on_submit():
            wanted = [(i.id, whole(request.form.get(f"qty-{i.id}"))) for i in items]
            lines = [(item_id, quantity) for item_id, quantity in wanted if quantity]
            needed_on = request.form.get("needed_on") or None
            try:
                created = services.submit(
                    db.session,
                    current_user,
                    record_id(request.form.get("unit_id")) or 0,
                    lines,
                    request.form.get("purpose", "")[:500],
                    date.fromisoformat(needed_on) if needed_on else None,
                )
                db.session.commit()
            except ValueError:
                flash(_("Needed on: a date such as 2026-12-01."), "error")
            except VanPhongError as exc:
                db.session.rollback()
                flash(str(exc), "error")
            else:
                flash(_("Request #%(id)s was sent to the office.", id=created.id), "success")
                return redirect(url_for(".detail", id=created.id), code=303)
        return self.render(
            "supplies/new_request.html", form=form, items=items, units=units, values=request.form
        )

    def _units_for_requests(self) -> list[Unit]:
        paths = scope_paths(current_user, CREATE)
        query = select(Unit).order_by(Unit.path)
        if paths is not None:
            query = query.where(in_units(Unit.id, paths))
        return list(db.session.scalars(query))

    @expose("/<id:id>")
    def detail(self, id: int) -> Any:
        found = self._get(id)
        return self.render(
            "supplies/request.html",
            request_=found,
            form=FlaskForm(),
            label=services.status_label,
            local=local,
            can_manage=current_user.can(MANAGE),
            can_cancel=found.status in OPEN,
        )

    @expose("/<id:id>/approve", methods=("POST",))
    def approve(self, id: int) -> Any:
        found = self._get(id)
        approved = {
            line.item_id: quantity
            for line in found.lines
            if (quantity := whole(request.form.get(f"approved-{line.item_id}"))) is not None
        }
        return self._act(
            found,
            lambda: services.approve(
                db.session, found, current_user, approved, request.form.get("note", "")[:500]
            ),
            _("Request #%(id)s was approved.", id=id),
        )

    @expose("/<id:id>/reject", methods=("POST",))
    def reject(self, id: int) -> Any:
        found = self._get(id)
        note = request.form.get("note", "")[:500]
        return self._act(
            found,
            lambda: services.reject(db.session, found, current_user, note),
            _("Request #%(id)s was rejected.", id=id),
        )

    @expose("/<id:id>/issue", methods=("POST",))
    def issue(self, id: int) -> Any:
        found = self._get(id)
        return self._act(
            found,
            lambda: services.issue(db.session, found, current_user),
            _("Request #%(id)s was issued; the stock went down.", id=id),
        )

    @expose("/<id:id>/cancel", methods=("POST",))
    def cancel(self, id: int) -> Any:
        found = self._get(id)
        return self._act(
            found,
            lambda: services.cancel(db.session, found, current_user),
            _("Request #%(id)s was cancelled.", id=id),
        )

    def _act(self, found: Request, step: Any, done: str) -> Any:
        """Run one step of ``found``'s life in its own transaction; show the outcome."""
        if not FlaskForm().validate_on_submit():
            abort(400)
        try:
            step()
            db.session.commit()
        except (VanPhongError, StaleDataError) as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            flash(done, "success")
        return redirect(url_for(".detail", id=found.id), code=303)
