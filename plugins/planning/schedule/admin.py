"""The back-office week page of the leaders' schedule (``planning_schedule``): the week's entries
with their conflicts, the units' submission form, the office's publish and amend actions, the
change log, and the printable grid as HTML, PDF and iCalendar. Every change goes through the
services."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from flask import abort, flash, redirect, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm.exc import StaleDataError

from core.admin import BaseView, expose
from core.api.schemas import MAX_ID
from core.booking.models import Resource, ResourceKind
from core.calendar.weeks import Week as IsoWeek
from core.calendar.weeks import parse_week
from core.db import db
from core.errors import VanPhongError
from core.i18n import agency_zone
from core.identity.access import in_units, scope_paths
from core.identity.models import User
from core.org.models import Membership, Position, Unit
from plugins.planning.schedule import calendar, grid, pdf, services
from plugins.planning.schedule.forms import EntryForm, WeekForm, WithdrawForm
from plugins.planning.schedule.models import ScheduleEntry, Week, WeekVersion
from plugins.planning.schedule.rules import (
    MANAGE,
    SESSION_LABELS,
    SUBMIT,
    VIEW,
    ScheduleError,
    is_manager,
    local_text,
)
from plugins.planning.schedule.versions import describe

#: Views that change entries (a unit's staff may), and those only the office may use.
SUBMIT_VIEWS = frozenset({"submit", "edit_entry", "withdraw"})
MANAGE_VIEWS = frozenset({"publish", "settings"})
#: People offered in the form's list of participants to notify (the API takes anyone).
MAX_PEOPLE_CHOICES = 1000
#: Refusals shown to the user as a message.
REFUSED = (VanPhongError, StaleDataError)


def refusal(exc: Exception) -> str:
    if isinstance(exc, StaleDataError):
        return _("Someone else changed this meanwhile; look at it again.")
    message = str(exc)
    details = getattr(exc, "details", None) or []
    return " ".join([message, *(d for d in details if d not in message)])


class WeekScheduleView(BaseView):
    """One week of the leaders' schedule, Monday to Sunday (``?week=2026-W48``)."""

    permission = "planning.schedule"

    def __init__(self) -> None:
        super().__init__(name=_l("Weekly schedule"), endpoint="planning_schedule", category=None)

    def has_record_rule(self) -> bool:
        return True  # every query keeps to the entries the user may see; services check writes

    def required_permission(self, name: str | None = None) -> str:
        if name in SUBMIT_VIEWS:
            return SUBMIT
        if name in MANAGE_VIEWS:
            return MANAGE
        return VIEW

    # -- the week page ------------------------------------------------------------------

    @expose("/")
    def index(self) -> Any:
        iso = parse_week(request.args.get("week"))
        form = EntryForm()
        self._fill_choices(form, iso)
        return self._page(iso, form)

    def _page(self, iso: IsoWeek, form: EntryForm) -> Any:
        record = services.find_week(db.session, iso)
        entries = services.entries_of(db.session, record, current_user)
        manager = is_manager(current_user)
        clashes = services.conflicts(db.session, record) if manager else []
        flagged: dict[int, list[str]] = {}
        for clash in clashes:
            for entry_id in (clash.entry_id, clash.other_entry_id):
                if entry_id is not None:
                    flagged.setdefault(entry_id, []).append(clash.message)
        by_day: dict[date, list[ScheduleEntry]] = {day: [] for day in iso.days}
        for entry in entries:
            by_day[entry.day].append(entry)
        cutoff = services.cutoff_of(record, iso)
        week_form = WeekForm(obj=record) if manager else None
        if week_form is not None:
            week_form.cutoff_at.data = cutoff.astimezone(agency_zone()).replace(tzinfo=None)
        return self.render(
            "planning/schedule/week.html",
            iso=iso,
            record=record,
            title=_("Week %(label)s", label=iso.label),
            by_day=by_day,
            clashes=clashes,
            flagged=flagged,
            manager=manager,
            may_submit=bool(form.unit_id.choices)
            and (manager or services.is_open_for_units(record, iso)),
            cutoff=local_text(cutoff),
            form=form,
            week_form=week_form,
            versions=_versions(record),
            describe=describe,
            sessions=SESSION_LABELS,
            local_text=local_text,
        )

    # -- entries --------------------------------------------------------------------------

    @expose("/entries", methods=["POST"])
    def submit(self) -> Any:
        iso = parse_week(request.args.get("week"))
        form = EntryForm()
        self._fill_choices(form, iso)
        if form.validate_on_submit():
            try:
                entry = services.submit_entry(
                    db.session, _entry_data(form), _me(), form.note.data or ""
                )
                db.session.commit()
            except REFUSED as exc:
                db.session.rollback()
                _show_error(form, exc)
            else:
                flash(_("Entry “%(title)s” added.", title=entry.content), "success")
                return redirect(url_for(".index", week=entry.week.iso.iso), code=303)
        return self._page(iso, form)

    @expose("/entries/<id>/edit", methods=["GET", "POST"])
    def edit_entry(self, id: str) -> Any:
        entry = self._entry(id)
        form = EntryForm(obj=entry) if request.method == "GET" else EntryForm()
        self._fill_choices(form, entry.week.iso)
        if request.method == "GET":
            _fill_entry(form, entry)
        elif form.validate_on_submit():
            try:
                services.change_entry(
                    db.session, entry, _entry_data(form), _me(), form.note.data or ""
                )
                db.session.commit()
            except REFUSED as exc:
                db.session.rollback()
                _show_error(form, exc)
            else:
                flash(_("Entry “%(title)s” saved.", title=entry.content), "success")
                return redirect(url_for(".index", week=entry.week.iso.iso), code=303)
        return self.render(
            "planning/schedule/entry.html",
            entry=entry,
            form=form,
            withdraw_form=WithdrawForm(),
            published=entry.week.published,
        )

    @expose("/entries/<id>/withdraw", methods=["POST"])
    def withdraw(self, id: str) -> Any:
        entry = self._entry(id)
        form = WithdrawForm()
        if not form.validate_on_submit():
            abort(400)
        try:
            services.withdraw_entry(db.session, entry, _me(), form.reason.data or "")
            db.session.commit()
        except REFUSED as exc:
            db.session.rollback()
            flash(refusal(exc), "error")
        else:
            flash(_("Entry “%(title)s” withdrawn.", title=entry.content), "success")
        return redirect(url_for(".index", week=entry.week.iso.iso), code=303)

    def _entry(self, id: str) -> ScheduleEntry:
        """The entry ``id`` if the user sees it; else 404."""
        if not id.isdigit() or int(id) > MAX_ID:
            abort(404)
        found = db.session.scalars(
            services.entry_query().where(
                ScheduleEntry.id == int(id), *services.visible(current_user)
            )
        ).first()
        if found is None:
            abort(404)
        return found

    # -- the office's actions -------------------------------------------------------------

    @expose("/publish", methods=["POST"])
    def publish(self) -> Any:
        iso = parse_week(request.form.get("week"))
        record = services.find_week(db.session, iso)
        try:
            if record is None:
                raise ScheduleError(_("Week: there is no entry to publish."), field="week")
            version = services.publish(db.session, record, _me())
            db.session.commit()
        except REFUSED as exc:
            db.session.rollback()
            flash(refusal(exc), "error")
        else:
            flash(
                _("Week %(week)s published (version %(n)d).", week=iso.label, n=version.number),
                "success",
            )
        return redirect(url_for(".index", week=iso.iso), code=303)

    @expose("/settings", methods=["POST"])
    def settings(self) -> Any:
        iso = parse_week(request.form.get("week"))
        form = WeekForm()
        if form.validate_on_submit():
            cutoff = form.cutoff_at.data
            try:
                record = services.open_week(db.session, iso)
                services.set_details(
                    db.session,
                    record,
                    _me(),
                    note=form.note.data,
                    cutoff_at=cutoff.replace(tzinfo=agency_zone()) if cutoff else None,
                    reason=form.reason.data or "",
                )
                db.session.commit()
            except REFUSED as exc:
                db.session.rollback()
                flash(refusal(exc), "error")
            else:
                flash(_("Week %(week)s saved.", week=iso.label), "success")
        else:
            flash(" ".join(e for errors in form.errors.values() for e in errors), "error")
        return redirect(url_for(".index", week=iso.iso), code=303)

    # -- printing and the calendar file -----------------------------------------------------

    @expose("/print")
    def print_view(self) -> Any:
        iso = parse_week(request.args.get("week"))
        built = grid.build(db.session, iso, current_user)
        return self.render("planning/schedule/print.html", grid=built, agency=_agency_name())

    @expose("/pdf")
    def pdf(self) -> Any:
        iso = parse_week(request.args.get("week"))
        built = grid.build(db.session, iso, current_user)
        return send_file(
            io.BytesIO(pdf.grid_pdf(built, _agency_name())),
            mimetype="application/pdf",
            download_name=f"lich-cong-tac-tuan-{iso.iso}.pdf",
        )

    @expose("/ical")
    def ical(self) -> Any:
        iso = parse_week(request.args.get("week"))
        record = services.find_week(db.session, iso)
        entries = services.entries_of(db.session, record, current_user)
        name = _("Leaders' schedule, week %(label)s", label=iso.label)
        body = calendar.week_ics(entries, name, request.host_url)
        return send_file(
            io.BytesIO(body),
            mimetype="text/calendar",
            as_attachment=True,
            download_name=f"lich-cong-tac-tuan-{iso.iso}.ics",
        )

    # -- the form's choices ---------------------------------------------------------------

    def _fill_choices(self, form: EntryForm, iso: IsoWeek) -> None:
        form.day.choices = [(d.isoformat(), d.strftime("%d/%m/%Y")) for d in iso.days]
        form.leader_id.choices = [(u.id, str(u)) for u in _presiding()]
        people = select(User).where(User.active).order_by(User.full_name, User.id)
        form.participant_ids.choices = [
            (u.id, str(u)) for u in db.session.scalars(people.limit(MAX_PEOPLE_CHOICES))
        ]
        resources = db.session.scalars(
            select(Resource)
            .where(
                Resource.active,
                Resource.kind.in_((ResourceKind.ROOM.value, ResourceKind.VEHICLE.value)),
            )
            .order_by(Resource.name)
        ).all()
        none = [(0, "—")]
        form.room_id.choices = none + [
            (r.id, r.name) for r in resources if r.kind == ResourceKind.ROOM.value
        ]
        form.vehicle_id.choices = none + [
            (r.id, r.name) for r in resources if r.kind == ResourceKind.VEHICLE.value
        ]
        units = select(Unit).where(Unit.active).order_by(Unit.path)
        paths = None if is_manager(current_user) else scope_paths(current_user, SUBMIT)
        if paths is not None:
            units = units.where(in_units(Unit.id, paths))
        form.unit_id.choices = [(u.id, u.name) for u in db.session.scalars(units)]


def _presiding() -> list[User]:
    """Who may preside: the leaders (leader positions), then the heads of units."""
    rows = db.session.execute(
        select(User, Position.rank)
        .join(Membership, Membership.user_id == User.id)
        .outerjoin(Position, Position.id == Membership.position_id)
        .where(User.active, or_(Position.is_leader, Membership.is_head))
        .order_by(Position.rank.is_(None), Position.rank, User.full_name)
    ).all()
    return list({user.id: user for user, _rank in rows}.values())


def _versions(record: Week | None) -> list[WeekVersion]:
    if record is None:
        return []
    return list(
        db.session.scalars(
            select(WeekVersion)
            .where(WeekVersion.week_id == record.id)
            .order_by(WeekVersion.number.desc())
        )
    )


def _agency_name() -> str:
    return db.session.scalar(select(Unit.name).where(Unit.parent_id.is_(None)).limit(1)) or ""


def _me() -> Any:
    return current_user._get_current_object()


def _entry_data(form: EntryForm) -> dict[str, Any]:
    """The form as the services take it: exact times when both are given, else the half-day."""
    try:
        day = date.fromisoformat(form.day.data or "")
    except ValueError:
        raise ScheduleError(_("day: required."), field="day") from None
    data: dict[str, Any] = {
        "content": form.content.data or "",
        "leader_id": form.leader_id.data,
        "participants": form.participants.data or "",
        "participant_ids": list(form.participant_ids.data or []),
        "location": form.location.data or "",
        "room_id": form.room_id.data or None,
        "vehicle_id": form.vehicle_id.data or None,
        "unit_id": form.unit_id.data,
    }
    start, end = form.start_time.data, form.end_time.data
    if start and end:
        zone = agency_zone()
        data["starts_at"] = datetime.combine(day, start, zone)
        data["ends_at"] = datetime.combine(day, end, zone)
    elif start or end:
        raise ScheduleError(_("End time: give both times, or neither."), field="end_time")
    else:
        data["day"], data["session"] = day, form.session.data
    return data


def _fill_entry(form: EntryForm, entry: ScheduleEntry) -> None:
    zone = agency_zone()
    form.day.data = entry.day.isoformat()
    form.room_id.data = entry.room_id or 0
    form.vehicle_id.data = entry.vehicle_id or 0
    form.participant_ids.data = [p.id for p in entry.participant_users]
    form.note.data = ""
    if entry.timed:
        form.start_time.data = entry.starts_at.astimezone(zone).time()
        form.end_time.data = entry.ends_at.astimezone(zone).time()


FORM_FIELDS = {"starts_at": "start_time", "ends_at": "end_time", "week": None}


def _show_error(form: EntryForm, exc: Exception) -> None:
    """A service's refusal beside the field it names, or as a message when there is none."""
    name = getattr(exc, "field", None)
    name = FORM_FIELDS.get(name, name) if name else None
    field = getattr(form, name, None) if name else None
    if field is None:
        flash(refusal(exc), "error")
    else:
        field.errors = [*field.errors, refusal(exc)]
