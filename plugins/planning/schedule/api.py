"""REST endpoints of the weekly schedule, under ``/api/v1/planning``:

- ``/weeks`` (list), ``/weeks/<2026-W48>`` (GET with entries and conflicts, PATCH the note and
  cut-off), ``/weeks/<week>/publish``, ``/weeks/<week>/changes`` (the versions' change log);
- ``/entries`` and ``/entries/<id>`` (list, read, submit, change with the version), and
  ``/entries/<id>/withdraw``.

Every write goes through :mod:`plugins.planning.schedule.services`. A clash answers 409 with one
line per clash; a change the caller may not make answers 403; a broken rule 422 naming the field.
"""

from __future__ import annotations

from typing import Any

from flask import g, jsonify
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import fields, validate
from sqlalchemy import func, select

from core.api import (
    ApiBlueprint,
    Choice,
    Filter,
    Resource,
    api_abort,
    equals,
    require,
    requires,
)
from core.calendar.weeks import Week as IsoWeek
from core.db import db
from plugins.planning.schedule import services
from plugins.planning.schedule.clashes import Clash
from plugins.planning.schedule.models import ENTRY_STATUSES, ScheduleEntry, Week, WeekVersion
from plugins.planning.schedule.rules import (
    MANAGE,
    SUBMIT,
    VIEW,
    is_manager,
    iso_week,
)
from plugins.planning.schedule.schemas import (
    WEEK_PATTERN,
    EntryInputSchema,
    EntrySchema,
    EntryUpdateSchema,
    PublishSchema,
    VersionListSchema,
    WeekDetailSchema,
    WeekListArgsSchema,
    WeekPageSchema,
    WeekUpdateSchema,
    WithdrawSchema,
)

bp = ApiBlueprint(
    "planning_weeks",  # "planning_schedule" is the week page's admin endpoint
    __name__,
    url_prefix="/api/v1/planning",
    description="The leaders' weekly schedule: weeks, entries, conflicts, publication and "
    "versions.",
)


def _user() -> Any:
    return current_user._get_current_object()


# -- entries --------------------------------------------------------------------------------


def _in_week(value: str) -> Any:
    iso = iso_week(value)
    if iso is None:
        return ScheduleEntry.id.is_(None)  # no such week: nothing
    year, number, _day = iso.monday.isocalendar()
    return ScheduleEntry.week_id.in_(
        select(Week.id).where(Week.year == year, Week.number == number)
    )


class EntryResource(Resource):
    """Entries: a published week's are everyone's; before publication an entry is seen in its
    preparing unit's subtree and by the office. Units submit for their units."""

    name = "entries"
    model = ScheduleEntry
    schema = EntrySchema
    create_schema = EntryInputSchema
    update_schema = EntryUpdateSchema
    permission = "planning.schedule"
    filters = {
        "week": Filter(
            fields.String(
                validate=validate.Regexp(WEEK_PATTERN, error="An ISO week, e.g. 2026-W48."),
                metadata={"description": "An ISO week, e.g. 2026-W48."},
            ),
            _in_week,
        ),
        "leader_id": equals(ScheduleEntry.leader_id),
        "unit_id": equals(ScheduleEntry.unit_id),
        "status": equals(ScheduleEntry.status, Choice(ENTRY_STATUSES)),
        "day": equals(ScheduleEntry.day),
    }
    sorts = {"starts_at": ScheduleEntry.starts_at, "submitted_at": ScheduleEntry.submitted_at}
    default_sort = "starts_at"
    searchable = (ScheduleEntry.content, ScheduleEntry.location, ScheduleEntry.participants)

    def select(self) -> Any:
        return services.entry_query(paged=True)

    def scope(self, paths: set[str]) -> Any:
        return services.visible_to(paths)

    def required(self, action: str) -> set[str] | None:
        return require(VIEW if action == "view" else SUBMIT)

    def create(self, data: dict[str, Any]) -> ScheduleEntry:
        note = data.pop("note", "")
        return services.submit_entry(db.session, data, _user(), note)

    def update(self, obj: ScheduleEntry, data: dict[str, Any]) -> None:
        note = data.pop("note", "")
        services.change_entry(db.session, obj, data, _user(), note)


entries = EntryResource()
entries.register(bp)


@bp.route("/entries/<id:id>/withdraw", methods=["POST"], endpoint="entries_withdraw")
@requires(SUBMIT)
@bp.arguments(WithdrawSchema)
@bp.response(200, EntrySchema)
def withdraw_entry(data: dict[str, Any], id: int) -> Any:
    """Withdraw an entry (its unit before the cut-off, the office always); its bookings are
    cancelled. In a published week give the `reason`: it makes a new version."""
    entry = entries.get(id, g.api_scope)
    entries.check_version(entry, data.pop("version", None))
    services.withdraw_entry(db.session, entry, _user(), data["reason"])
    db.session.commit()
    return entries.dump(entry)


# -- weeks ----------------------------------------------------------------------------------


def _week(value: str) -> tuple[IsoWeek, Week | None]:
    iso = iso_week(value)
    if iso is None:
        api_abort(404, _("No such week: give an ISO week such as 2026-W48."))
    return iso, services.find_week(db.session, iso)


def _conflict_item(clash: Clash) -> dict[str, Any]:
    return {
        "kind": clash.slot,
        "name": clash.name,
        "entry_id": clash.entry_id,
        "other_entry_id": clash.other_entry_id,
        "other_booking_id": clash.other_booking.id if clash.other_booking else None,
        "blocking": clash.blocking,
        "message": clash.message,
    }


def week_payload(iso: IsoWeek, week: Week | None) -> dict[str, Any]:
    """A week as the API shows it, stored or not yet."""
    return {
        "week": iso.iso,
        "year": iso.monday.isocalendar().year,
        "number": iso.number,
        "title": _("Week %(label)s", label=iso.label),
        "status": week.status if week else "draft",
        "published_version": week.published_version if week else 0,
        "cutoff_at": services.cutoff_of(week, iso),
        "open_for_units": services.is_open_for_units(week, iso),
        "note": week.note if week else "",
        "published_at": week.published_at if week else None,
        "published_by_id": week.published_by_id if week else None,
        "version": week.version if week else None,
    }


def _detail(iso: IsoWeek, week: Week | None) -> Any:
    payload = week_payload(iso, week)
    payload["entries"] = services.entries_of(db.session, week, current_user)
    clashes = services.conflicts(db.session, week) if is_manager(current_user) else []
    payload["conflicts"] = [_conflict_item(c) for c in clashes]
    response = jsonify(WeekDetailSchema().dump(payload))
    if week is not None:
        response.set_etag(str(week.version))
    return response


@bp.route("/weeks", methods=["GET"], endpoint="weeks_list")
@requires(VIEW)
@bp.arguments(WeekListArgsSchema, location="query", unknown="raise")
@bp.response(200, WeekPageSchema)
def list_weeks(args: dict[str, Any]) -> Any:
    """Weeks with a schedule, newest first. Filters: status, year."""
    where = []
    if "status" in args:
        where.append(Week.status == args["status"])
    if "year" in args:
        where.append(Week.year == args["year"])
    total = db.session.scalar(select(func.count()).select_from(Week).where(*where))
    page, size = args["page"], args["page_size"]
    found = db.session.scalars(
        select(Week)
        .where(*where)
        .order_by(Week.year.desc(), Week.number.desc())
        .limit(size)
        .offset((page - 1) * size)
    )
    items = [week_payload(w.iso, w) for w in found]
    return {"items": items, "page": page, "page_size": size, "total": total}


@bp.route("/weeks/<week>", methods=["GET"], endpoint="weeks_get")
@requires(VIEW)
@bp.response(200, WeekDetailSchema)
def get_week(week: str) -> Any:
    """A week (`2026-W48`) with the entries the caller may see and, for the office, the
    conflicts: a leader, a room or a vehicle held twice at once. The ETag is its version."""
    iso, found = _week(week)
    return _detail(iso, found)


@bp.route("/weeks/<week>", methods=["PATCH"], endpoint="weeks_update")
@requires(MANAGE, agency_wide=True)
@bp.arguments(WeekUpdateSchema)
@bp.response(200, WeekDetailSchema)
def update_week(data: dict[str, Any], week: str) -> Any:
    """Change the week's note or submission cut-off (the office). On a published week the note
    makes a new version: give the `reason`. Send the week's version (its ETag) as If-Match or
    `version`; every published version changes it."""
    iso, found = _week(week)
    sent = data.pop("version", None)
    if found is not None:
        entries.check_version(found, sent)
    found = found or services.open_week(db.session, iso)
    services.set_details(db.session, found, _user(), **data)
    db.session.commit()
    return _detail(iso, found)


@bp.route("/weeks/<week>/publish", methods=["POST"], endpoint="weeks_publish")
@requires(MANAGE, agency_wide=True)
@bp.arguments(PublishSchema)
@bp.response(200, WeekDetailSchema)
def publish_week(data: dict[str, Any], week: str) -> Any:
    """Publish the week as version 1: its entries accepted, their bookings confirmed. Refused
    with 409, nothing changed, while a leader, room or vehicle would be held twice at once."""
    iso, found = _week(week)
    if found is None:
        api_abort(404)
    entries.check_version(found, data.pop("version", None))
    services.publish(db.session, found, _user())
    db.session.commit()
    return _detail(iso, found)


@bp.route("/weeks/<week>/changes", methods=["GET"], endpoint="weeks_changes")
@requires(VIEW)
@bp.response(200, VersionListSchema)
def week_changes(week: str) -> Any:
    """The week's published versions, newest first: what changed, who changed it, when, why."""
    iso, found = _week(week)
    versions = []
    if found is not None:
        versions = list(
            db.session.scalars(
                select(WeekVersion)
                .where(WeekVersion.week_id == found.id)
                .order_by(WeekVersion.number.desc())
            )
        )
    return {"week": iso.iso, "items": versions}
