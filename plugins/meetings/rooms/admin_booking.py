"""Back-office pages of room bookings: booking a room (once or repeated), the approvers'
queue of room requests (with the over-capacity warning) and the room calendar, all rooms
over a day or a week. Every change goes through the services."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.orm.exc import StaleDataError

from core.admin import BaseView, expose
from core.booking import series
from core.booking import services as bookings
from core.booking.models import Booking, BookingStatus
from core.calendar.weeks import Week, parse_week
from core.db import db
from core.errors import VanPhongError
from core.i18n import agency_today, agency_zone
from plugins.meetings.rooms import grid, services
from plugins.meetings.rooms.access import BOOK
from plugins.meetings.rooms.admin import CATEGORY
from plugins.meetings.rooms.forms import BookRoomForm, repeat_rule
from plugins.meetings.rooms.models import Room

#: What a booking or decision taken from a page may run into: a rule, or someone else
#: deciding at the same time.
REFUSED = (VanPhongError, StaleDataError)
#: The hours the day view draws (agency time); bookings outside are clipped to them.
DAY_FIRST_HOUR, DAY_LAST_HOUR = 7, 19


def refusal(exc: Exception) -> str:
    if isinstance(exc, StaleDataError):
        return _("Someone else changed this booking meanwhile; look at it again.")
    return str(exc)


def local(value: datetime | None, pattern: str = "dd/MM/yyyy HH:mm") -> str:
    return format_datetime(value, pattern) if value else ""


def _aware(value: datetime | None) -> Any:
    """A time typed in a form is the agency's local time."""
    return value.replace(tzinfo=agency_zone()) if value is not None else None


def outcome(bookings_made: list[Booking]) -> str:
    first = bookings_made[0]
    if first.status == BookingStatus.CONFIRMED.value:
        return _("Booking confirmed: %(n)d date(s).", n=len(bookings_made))
    return _("Booking requested: %(n)d date(s); it awaits the approver.", n=len(bookings_made))


class RoomBookView(BaseView):
    """Booking a room: times, purpose, expected attendees, an optional repeat. A clash with a
    confirmed booking is refused, naming it; more attendees than seats is a warning."""

    permission = "meetings.room"

    def __init__(self) -> None:
        super().__init__(name=_l("Book a room"), endpoint="meetings_room_book", category=CATEGORY)

    def required_permission(self, name: str | None = None) -> str:
        return BOOK

    @expose("/", methods=["GET", "POST"])
    def index(self) -> Any:
        rooms = grid.calendar_rooms(db.session)
        form = BookRoomForm()
        form.room.choices = [(r.id, _room_label(r)) for r in rooms]
        chosen = request.args.get("room", "")
        if request.method == "GET" and chosen.isdigit():
            form.room.data = int(chosen)
        if form.validate_on_submit():
            room = next(r for r in rooms if r.id == form.room.data)
            try:
                made = self._book(room, form)
                db.session.commit()
            except REFUSED as exc:
                db.session.rollback()
                flash(refusal(exc), "error")
            else:
                flash(outcome(made), "success")
                warning = services.capacity_warning(room.capacity, form.attendees.data)
                if warning:
                    flash(warning, "warning")
                day = made[0].starts_at.astimezone(agency_zone()).date()
                return redirect(
                    url_for("meetings_room_calendar.index", day=day.isoformat()), code=303
                )
        return self.render("meetings/rooms/book.html", form=form)

    def _book(self, room: Room, form: BookRoomForm) -> list[Booking]:
        by = current_user._get_current_object()
        starts, ends = _aware(form.starts_at.data), _aware(form.ends_at.data)
        purpose = form.purpose.data or ""
        common = {"by": by, "attendees": form.attendees.data, "confirm": form.confirm.data}
        if form.repeat.data:
            if form.until.data is None:
                raise VanPhongError(_("Repeat until: say on which day the repeat ends."))
            rule = repeat_rule(form.repeat.data, form.until.data)
            return services.book_room_series(
                db.session, room, starts, ends, rule, purpose, **common
            )
        return [services.book_room(db.session, room, starts, ends, purpose, **common)]


def _room_label(room: Room) -> str:
    seats = _("%(n)s seats", n=room.capacity) if room.capacity is not None else ""
    return " · ".join(part for part in (room.name, room.building, seats) if part)


class RoomQueueView(BaseView):
    """The room requests awaiting the signed-in user (the rooms they approve; the office:
    every room), with expected attendees against seats; confirm (once or the whole series)
    or reject. Confirming rejects the clashing requests, whose bookers are told."""

    permission = "meetings.room"

    def __init__(self) -> None:
        super().__init__(
            name=_l("Room requests"), endpoint="meetings_room_queue", category=CATEGORY
        )

    def required_permission(self, name: str | None = None) -> str:
        if request.method in ("GET", "HEAD"):
            return "meetings.room.view"
        return BOOK  # whether this user decides is the core's rule

    @expose("/")
    def index(self) -> Any:
        pending = grid.pending_room_requests(db.session, current_user)
        return self.render(
            "meetings/rooms/queue.html", pending=pending, form=FlaskForm(), local=local
        )

    @expose("/decide", methods=["POST"])
    def decide(self) -> Any:
        form = FlaskForm()
        if not form.validate_on_submit():
            abort(400)
        booking = db.session.get(Booking, request.form.get("id", type=int) or 0)
        if booking is None or services.room_of_resource(db.session, booking.resource_id) is None:
            abort(404)
        by = current_user._get_current_object()
        decision = request.form.get("decision")
        try:
            if decision == "confirm_series":
                done = series.confirm_series(db.session, booking, by=by)
                message = _("Confirmed: %(n)d date(s).", n=len(done))
            elif decision == "confirm":
                bookings.confirm(db.session, booking, by=by)
                message = _("Booking confirmed.")
            else:
                bookings.reject(db.session, booking, by=by, reason=request.form.get("reason", ""))
                message = _("Request rejected; its booker is told.")
            db.session.commit()
        except REFUSED as exc:
            db.session.rollback()
            flash(refusal(exc), "error")
        else:
            flash(message, "success")
        return redirect(url_for(".index"), code=303)


class RoomCalendarView(BaseView):
    """Every room over a day (a timeline per room) or a week (a cell per room and day):
    confirmed bookings and waiting requests. Two statements: the rooms, the bookings."""

    permission = "meetings.room"

    def __init__(self) -> None:
        super().__init__(
            name=_l("Room calendar"), endpoint="meetings_room_calendar", category=CATEGORY
        )

    @expose("/")
    def index(self) -> Any:
        building = (request.args.get("building") or "").strip()[:100]
        rooms = grid.calendar_rooms(db.session, building=building)
        if request.args.get("view") == "week":
            week = parse_week(request.args.get("week") or request.args.get("day"))
            calendar = grid.room_calendar(db.session, week.monday, 7, rooms)
            return self.render(
                "meetings/rooms/calendar_week.html",
                calendar=calendar,
                week=week,
                building=building,
                zone=agency_zone(),
            )
        day = _day(request.args.get("day"))
        calendar = grid.room_calendar(db.session, day, 1, rooms)
        return self.render(
            "meetings/rooms/calendar_day.html",
            calendar=calendar,
            day=day,
            week=Week.of(day),
            previous=(day - timedelta(days=1)).isoformat(),
            following=(day + timedelta(days=1)).isoformat(),
            building=building,
            hours=list(range(DAY_FIRST_HOUR, DAY_LAST_HOUR)),
            place=lambda slot: _place(slot.booking, day),
            zone=agency_zone(),
        )


def _day(value: str | None) -> date:
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        return agency_today()
    return day if 1900 < day.year < 2199 else agency_today()


def _place(booking: Booking, day: date) -> tuple[float, float]:
    """Where a booking sits on the day's timeline: left and width, in percent."""
    zone = agency_zone()
    first = datetime.combine(day, datetime.min.time(), zone) + timedelta(hours=DAY_FIRST_HOUR)
    span = (DAY_LAST_HOUR - DAY_FIRST_HOUR) * 3600
    start = max((booking.starts_at - first).total_seconds(), 0)
    end = min((booking.ends_at - first).total_seconds(), span)
    if end <= start:  # wholly outside the drawn hours: a sliver at the nearest edge
        return (0.0 if end <= 0 else 99.0), 1.0
    return round(start * 100 / span, 2), round(max((end - start) * 100 / span, 1), 2)


def room_views() -> list[BaseView]:
    """The rooms' back-office pages, in menu order."""
    from plugins.meetings.rooms.admin import RoomView

    return [RoomCalendarView(), RoomBookView(), RoomQueueView(), RoomView()]
