"""Back-office pages of the meeting dossier: the list of meetings, the form proposing or
changing one, and the dossier page (sections: invitees, agenda, materials, attendance, minutes,
conclusions) whose actions are in :mod:`plugins.meetings.meetings.admin_dossier`. Every change
goes through the services."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, request
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, lazyload, selectinload
from sqlalchemy.orm.exc import StaleDataError
from wtforms.validators import ValidationError

from core.admin import ModelView, expose
from core.db import db
from core.errors import VanPhongError
from plugins.meetings.meetings import attendance, services
from plugins.meetings.meetings import rules as r
from plugins.meetings.meetings.admin_dossier import POINT_ROWS, DossierActions
from plugins.meetings.meetings.forms import (
    KIND_LABELS,
    NOTICE_LABELS,
    PRESENCE_LABELS,
    RSVP_LABELS,
    MeetingForm,
    active_users,
    local,
    units,
)
from plugins.meetings.meetings.materials import missing_materials
from plugins.meetings.meetings.models import (
    AgendaItem,
    ConclusionNotice,
    ConclusionPoint,
    Invitee,
    Meeting,
    Minutes,
)
from plugins.meetings.rooms.models import Room

CATEGORY = _l("Meetings")
STATUS_CHOICES = [(s.value, label) for s, label in r.STATUS_LABELS.items()]


def _time(view: Any, context: Any, meeting: Meeting, name: str) -> str:
    value = getattr(meeting, name)
    return format_datetime(value, "dd/MM/yyyy HH:mm") if value else ""


def _place(view: Any, context: Any, meeting: Meeting, name: str) -> str:
    return meeting.room.name if meeting.room is not None else meeting.location


class MeetingView(DossierActions, ModelView):
    """Meetings a user sees: their units' (by the preparing unit), and those they chair,
    record, attend or present at. Proposing and changing need meetings.meeting.manage; each
    step of the dossier is checked by the services."""

    permission = "meetings.meeting"
    form = MeetingForm
    column_list = ("starts_at", "title", "kind", "status", "place", "chair", "unit")
    column_labels = {
        "starts_at": _l("Start"),
        "title": _l("Title"),
        "kind": _l("Kind"),
        "status": _l("Status"),
        "place": _l("Place"),
        "chair": _l("Chair"),
        "unit": _l("Preparing unit"),
    }
    column_formatters = {"starts_at": _time, "place": _place}
    column_choices = {"kind": list(KIND_LABELS.items()), "status": STATUS_CHOICES}
    column_sortable_list = ("starts_at", "title", "status")
    column_default_sort = ("starts_at", True)
    column_searchable_list = ("title", "description", "location")
    column_filters = ("status", "kind")
    can_delete_default = False
    can_view_details = True
    scoped_choices = {"unit": "unit"}

    def __init__(self) -> None:
        super().__init__(
            Meeting, name=_l("Meetings"), endpoint="meetings_meeting", category=CATEGORY
        )

    # -- reading -------------------------------------------------------------------------

    def get_query(self) -> Any:
        return (
            super()
            .get_query()
            .options(
                joinedload(Meeting.room).options(
                    joinedload(Room.resource), lazyload(Room.equipment_rows)
                ),
                joinedload(Meeting.chair),
                joinedload(Meeting.unit),
            )
        )

    def scope(self, query: Any, paths: set[str]) -> Any:
        return query.filter(r.visible_to(current_user, paths))

    def required_permission(self, name: str | None = None) -> str:
        """Pages of the dossier need meetings.meeting.view; each step's rule (the chair, the
        secretary, a presenter, an invitee) is the services'."""
        if name in self.DOSSIER_PAGES:
            return r.VIEW
        return super().required_permission(name)

    @expose("/details/")
    def details_view(self) -> Any:
        """The dossier: the meeting and every section, with the steps the user may take."""
        meeting = self.dossier(request.args.get("id", ""))
        return self.render(
            "meetings/meetings/dossier.html",
            meeting=meeting,
            rules=r,
            me=current_user,
            mine=attendance.invitation_of(db.session, meeting, current_user),
            missing=missing_materials(meeting),
            kinds=KIND_LABELS,
            rsvp_labels=RSVP_LABELS,
            presence_labels=PRESENCE_LABELS,
            notice_labels=NOTICE_LABELS,
            point_rows=POINT_ROWS,
            **self.choices(),
        )

    def dossier(self, id: Any) -> Meeting:
        """The meeting ``id`` the user sees, with its dossier loaded (404 otherwise)."""
        found = self.get_one(id)
        if found is None:
            abort(404)
        meeting: Meeting = db.session.scalars(
            select(Meeting)
            .options(
                joinedload(Meeting.room).joinedload(Room.resource),
                joinedload(Meeting.invitation),
                selectinload(Meeting.invitees).joinedload(Invitee.user),
                selectinload(Meeting.invitees).joinedload(Invitee.unit),
                selectinload(Meeting.invitees).joinedload(Invitee.delegate),
                selectinload(Meeting.agenda).joinedload(AgendaItem.presenter),
                selectinload(Meeting.materials),
                joinedload(Meeting.minutes).selectinload(Minutes.items),
                selectinload(Meeting.notices)
                .selectinload(ConclusionNotice.points)
                .options(
                    joinedload(ConclusionPoint.lead_unit), selectinload(ConclusionPoint.supporters)
                ),
            )
            .where(Meeting.id == found.id)
        ).one()
        return meeting

    def choices(self) -> dict[str, Any]:
        """The people and units the dossier's forms offer."""
        return {"people": active_users(), "units": units()}

    # -- writing -------------------------------------------------------------------------

    def on_form_prefill(self, form: Any, id: Any) -> None:
        for name in ("starts_at", "ends_at", "materials_due_at"):
            getattr(form, name).data = local(getattr(form, name).data)

    def create_model(self, form: Any) -> Any:
        """Propose the meeting through the services."""
        return self._save(
            lambda: services.propose(db.session, by=self.user(), **form.values()),
            _("Meeting proposed; its chair is asked to approve it."),
        )

    def update_model(self, form: Any, model: Meeting) -> bool:
        return bool(
            self._save(
                lambda: services.update(db.session, model, by=self.user(), **form.values()),
                _("Meeting saved."),
            )
        )

    def _save(self, write: Any, done: str) -> Any:
        """Run ``write()``, refuse a meeting left outside the units the user manages (as the
        API does), commit; or report the refusal and keep nothing."""
        try:
            saved = write()
            self.require_manage(saved.unit_id)
            db.session.commit()
        except (VanPhongError, StaleDataError, ValidationError) as exc:
            db.session.rollback()
            flash(self.refusal(exc), "error")
            return False
        flash(done, "success")
        return saved

    @staticmethod
    def user() -> Any:
        return current_user._get_current_object()

    @staticmethod
    def refusal(exc: Exception) -> str:
        if isinstance(exc, StaleDataError):
            return _("Someone else changed this meeting meanwhile; look at it again.")
        return str(exc)
