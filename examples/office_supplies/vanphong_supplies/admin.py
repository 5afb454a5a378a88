"""Back-office views of the catalogue (with deliveries) and of the monthly summary; requests
have their own pages in :mod:`vanphong_supplies.desk`. Every save goes through the services."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_admin.model.template import EndpointLinkRowAction
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange

from core.admin import BaseView, ModelView, expose
from core.db import db
from core.errors import VanPhongError
from core.i18n import agency_today
from core.identity.access import scope_paths

from vanphong_supplies import catalogue
from vanphong_supplies.catalogue import MAX_QUANTITY
from vanphong_supplies.inputs import record_id
from vanphong_supplies.models import Item
from vanphong_supplies.summary import monthly_summary, summary_csv

ITEM_LABELS = {
    "code": _l("Code"),
    "name": _l("Name"),
    "measure": _l("Measure"),
    "stock": _l("In stock"),
    "low_stock_at": _l("Low-stock level"),
    "active": _l("Active"),
}


class ReceiveForm(FlaskForm):
    quantity = IntegerField(
        _l("Quantity received"), validators=[InputRequired(), NumberRange(1, MAX_QUANTITY)]
    )


class ItemView(ModelView):
    """The catalogue. Stock is set when an item is added; afterwards it changes only by
    deliveries (the Receive page) and issues."""

    permission = "supplies.item"
    column_list = ("code", "name", "measure", "stock", "low_stock_at", "active")
    column_labels = ITEM_LABELS
    column_searchable_list = ("code", "name")
    column_filters = ("active",)
    column_default_sort = "code"
    column_formatters = {
        "stock": lambda view, context, item, name: (
            f"{item.stock} ⚠" if item.low else str(item.stock)
        )
    }
    form_columns = ("code", "name", "measure", "stock", "low_stock_at", "active")
    column_descriptions = {"low_stock_at": _l("The office is reminded at or below it; 0: never.")}
    can_delete_default = False  # requests keep referring to items: deactivate them instead

    def __init__(self) -> None:
        super().__init__(Item, name=_l("Catalogue"), endpoint="supplies_item")

    def required_permission(self, name: str | None = None) -> str:
        return "supplies.item.manage" if name == "receive" else super().required_permission(name)

    def get_list_row_actions(self) -> list[Any]:
        """A "receive a delivery" link on each row, for those who keep the catalogue."""
        actions = list(super().get_list_row_actions())
        if current_user.can("supplies.item.manage"):
            actions.append(EndpointLinkRowAction("fa fa-truck", ".receive", _l("Receive")))
        return actions

    def edit_form(self, obj: Any = None) -> Any:
        form = super().edit_form(obj)
        del form.stock
        return form

    def on_model_change(self, form: Any, model: Item, is_created: bool) -> None:
        catalogue.save_item(db.session, model)

    @expose("/receive/", methods=("GET", "POST"))
    def receive(self) -> Any:
        item = db.session.get(Item, record_id(request.args.get("id")) or 0)
        if item is None:
            abort(404)
        form = ReceiveForm()
        if form.validate_on_submit():
            try:
                catalogue.receive(db.session, item, form.quantity.data)
                db.session.commit()
            except VanPhongError as exc:
                db.session.rollback()
                flash(str(exc), "error")
            else:
                flash(_("%(item)s: %(stock)d in stock.", item=item, stock=item.stock), "success")
                return redirect(url_for(".index_view"), code=303)
        return self.render("supplies/receive.html", item=item, form=form)


def parse_month(value: str | None, today: date) -> date:
    """``YYYY-MM`` from the query string; this month when missing or wrong."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1) if 1900 <= year <= 2200 else today.replace(day=1)
    except ValueError:
        return today.replace(day=1)


class SummaryView(BaseView):
    """What each unit received in a month; a unit head sees their units', the office all."""

    permission = "supplies.summary"

    def __init__(self) -> None:
        super().__init__(name=_l("Monthly summary"), endpoint="supplies_summary")

    def has_record_rule(self) -> bool:
        return True  # the summary keeps to the units the user's permission covers

    def _rows(self) -> tuple[date, list[Any]]:
        month = parse_month(request.args.get("month"), agency_today())
        paths = scope_paths(current_user, "supplies.summary.view")
        return month, monthly_summary(db.session, month, paths)

    @expose("/")
    def index(self) -> Any:
        month, rows = self._rows()
        return self.render(
            "supplies/summary.html",
            month=month,
            title=format_date(month, "MM/yyyy"),
            rows=rows,
        )

    @expose("/export.csv")
    def export(self) -> Response:
        month, rows = self._rows()
        return Response(
            summary_csv(rows),
            mimetype="text/csv",
            headers={
                "Content-Disposition": f"attachment; filename=supplies-{month:%Y-%m}.csv",
            },
        )
