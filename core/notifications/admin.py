"""The inbox (every signed-in user's own notifications and e-mail choices) and the outbox
(delivery state, failures included, for administrators)."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from core.admin import BaseView, ModelView, expose
from core.db import db
from core.notifications import services
from core.notifications.models import Notification, NotificationPreference, OutboxMessage


class InboxView(BaseView):
    permission = "core.notification"

    def __init__(self) -> None:
        super().__init__(name=_l("Notifications"), endpoint="core_inbox", category=None)

    def has_record_rule(self) -> bool:
        return True  # every query below is limited to the signed-in user's own rows

    @expose("/")
    def index(self) -> Any:
        page = max(request.args.get("page", 1, type=int), 1)
        rows = db.session.scalars(
            select(Notification)
            .where(Notification.user_id == current_user.id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(50)
            .offset((page - 1) * 50)
        ).all()
        return self.render("core/inbox.html", notifications=rows, page=page, form=FlaskForm())

    @expose("/read", methods=["POST"])
    def read(self) -> Any:
        sent = request.form.getlist("id")
        ids = [int(i) for i in sent if i.isdigit()] if sent else None  # no id: all of them
        count = services.mark_read(db.session, current_user, ids)
        db.session.commit()
        flash(_("%(n)d notifications marked read.", n=count), "success")
        return redirect(url_for(".index"), code=303)

    @expose("/preferences", methods=["GET", "POST"])
    def preferences(self) -> Any:
        types = current_app.extensions["vanphong"].registry.notification_types
        chosen = dict(
            db.session.execute(
                select(NotificationPreference.type, NotificationPreference.email).where(
                    NotificationPreference.user_id == current_user.id
                )
            ).all()
        )
        form = FlaskForm()
        if request.method == "POST" and form.validate_on_submit():
            for code in types:
                mode = request.form.get(f"email-{code}")
                if mode:
                    services.set_email_mode(db.session, current_user, code, mode)
            db.session.commit()
            flash(_("Your choices were saved."), "success")
            return redirect(url_for(".preferences"), code=303)
        defaults = {
            c: ("instant" if "email" in t.default_channels else "off") for c, t in types.items()
        }
        return self.render(
            "core/notification_preferences.html",
            types=sorted(types.values(), key=lambda t: t.code),
            chosen={c: chosen.get(c, defaults[c]) for c in types},
            form=form,
        )

    def required_permission(self, name: str | None = None) -> str:
        return "core.notification.view"  # reading and marking one's own inbox


class OutboxView(ModelView):
    """E-mail delivery: what is waiting, sent, retrying or failed after the last attempt."""

    permission = "core.outbox"
    agency_wide = frozenset({"view", "manage"})
    can_create_default = False
    can_edit_default = False
    can_delete_default = False
    can_view_details = True
    column_list = (
        "created_at",
        "address",
        "subject",
        "status",
        "attempts",
        "sent_at",
        "last_error",
    )
    column_filters = ("status", "address")
    column_searchable_list = ("address", "subject")
    column_default_sort = ("id", True)
    column_labels = {
        "created_at": _l("Created"),
        "address": _l("To"),
        "subject": _l("Subject"),
        "status": _l("State"),
        "attempts": _l("Attempts"),
        "sent_at": _l("Sent"),
        "last_error": _l("Last error"),
    }

    def __init__(self) -> None:
        super().__init__(
            OutboxMessage, name=_l("E-mail outbox"), endpoint="core_outbox", category=_l("System")
        )
