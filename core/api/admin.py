"""Back-office pages: one's own API tokens, and the interactive API reference."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from core.admin import BaseView, expose
from core.api import tokens
from core.api.models import ApiToken
from core.db import db, utcnow
from core.identity.access import scope_paths


class TokenForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=100)])
    days = SelectField(
        _l("Valid for"),
        coerce=int,
        default=90,
        choices=[
            (30, _l("30 days")),
            (90, _l("90 days")),
            (180, _l("180 days")),
            (366, _l("One year")),
        ],
    )
    read_only = BooleanField(_l("Read only"))


class ApiTokenView(BaseView):
    """Everyone's own tokens; user managers across the agency see and revoke all of them. A
    new token is shown once, in the answer to the form that made it."""

    permission = "core.api_token"

    def __init__(self) -> None:
        super().__init__(name=_l("API tokens"), endpoint="core_api_token", category=_l("API"))

    def has_record_rule(self) -> bool:
        return True  # the queries below keep to the user's own tokens

    def _sees_all(self) -> bool:
        return scope_paths(current_user, "core.user.manage") is None

    @expose("/", methods=["GET", "POST"])
    def index(self) -> Any:
        form = TokenForm()
        new_token = None
        if form.validate_on_submit():
            _token, new_token = tokens.create_token(
                db.session, current_user, form.name.data, form.days.data, form.read_only.data
            )
            db.session.commit()
            form = TokenForm(formdata=None)
        query = select(ApiToken).options(joinedload(ApiToken.user)).order_by(ApiToken.id.desc())
        if not self._sees_all():
            query = query.where(ApiToken.user_id == current_user.id)
        return self.render(
            "core/api_tokens.html",
            form=form,
            tokens=db.session.scalars(query.limit(200)).all(),
            new_token=new_token,
            now=utcnow(),
            sees_all=self._sees_all(),
        )

    @expose("/<int:token_id>/revoke", methods=["POST"])
    def revoke(self, token_id: int) -> Any:
        token = db.session.get(ApiToken, token_id)
        if token is None or (token.user_id != current_user.id and not self._sees_all()):
            abort(404)
        tokens.revoke_token(db.session, token)
        db.session.commit()
        flash(_("Token %(name)s revoked.", name=token.name), "success")
        return redirect(url_for(".index"), code=303)


class ApiReferenceView(BaseView):
    """The OpenAPI document in Swagger UI, served from packaged files (no CDN)."""

    permission = "core.api_token"

    def __init__(self) -> None:
        super().__init__(name=_l("API reference"), endpoint="core_api", category=_l("API"))

    def has_record_rule(self) -> bool:
        return True  # shows only what the API serves; calls run with the reader's rights

    @expose("/")
    def index(self) -> Any:
        return self.render("core/api_reference.html")
