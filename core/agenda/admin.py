"""The unified calendar's week view, and one's own calendar feed address."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm

from core.admin import BaseView, expose
from core.agenda import feeds
from core.agenda.services import entries_for
from core.calendar.weeks import parse_week
from core.db import db
from core.i18n import agency_zone


class AgendaView(BaseView):
    """Every enabled plugin's events of one week, day by day, as the reader may see them."""

    permission = "core.agenda"

    def __init__(self) -> None:
        super().__init__(name=_l("Calendar"), endpoint="core_agenda", category=None)

    def has_record_rule(self) -> bool:
        return True  # each plugin returns only what the reader may see; the core checks again

    @expose("/")
    def index(self) -> Any:
        week = parse_week(request.args.get("week"))
        zone = agency_zone()
        start, end = week.bounds(zone)
        entries = entries_for(current_user, start, end)
        by_day: dict[date, list[Any]] = {day: [] for day in week.days}
        for entry in entries:
            day = max(entry.starts.astimezone(zone).date(), week.monday)
            by_day.setdefault(day, []).append(entry)
        return self.render(
            "core/agenda.html",
            week=week,
            by_day=by_day,
            zone=zone,
            previous=week.previous.iso,
            following=week.following.iso,
            feed=feeds.feed_of(db.session, current_user),
            form=FlaskForm(),
        )

    @expose("/feed", methods=["POST"])
    def feed(self) -> Any:
        """Make (or replace) the reader's feed address, shown once; or revoke it."""
        if request.form.get("action") == "revoke":
            if feeds.revoke_feed(db.session, current_user):
                flash(_("Your calendar feed was revoked."), "success")
            db.session.commit()
            return redirect(url_for(".index"), code=303)
        token = feeds.create_feed(db.session, current_user)
        db.session.commit()
        address = url_for("core_agenda_feed.feed", token=token, _external=True)
        return self.render("core/agenda_feed.html", address=address)

    def required_permission(self, name: str | None = None) -> str:
        return "core.agenda.view"  # one's own feed is part of reading one's calendar
