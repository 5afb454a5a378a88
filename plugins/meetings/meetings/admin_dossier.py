"""The actions of the dossier page, as a mixin of the meetings' back-office view: lifecycle
steps, invitees, agenda, answers, attendance, materials, minutes (and their print view),
conclusion notices, and the meeting as an iCalendar file. Each posts a form with its CSRF
token, calls one service, commits, and returns to the dossier with a message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import quote

from flask import Response, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from core.admin import expose
from core.audit.services import record
from core.db import db
from core.errors import VanPhongError
from plugins.meetings.meetings import attendance, conclusions, materials, minutes, services
from plugins.meetings.meetings import rules as r
from plugins.meetings.meetings.invitations import render_ics
from plugins.meetings.meetings.models import ConclusionNotice, Material, Meeting

STEPS: dict[str, Callable[..., Any]] = {
    "approve": services.approve,
    "invite": services.invite,
    "hold": services.mark_held,
    "close": services.close,
}
#: Points offered by the notice form.
POINT_ROWS = 5


def _int(name: str) -> int | None:
    value = request.form.get(name, "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else None


class DossierActions:
    """Mixed into :class:`~plugins.meetings.meetings.admin.MeetingView`."""

    DOSSIER_PAGES = frozenset(
        {
            "details_view",
            "step_view",
            "invitees_view",
            "agenda_view",
            "answer_view",
            "attendance_view",
            "materials_view",
            "material_view",
            "material_remove_view",
            "minutes_view",
            "minutes_print_view",
            "notices_view",
            "notice_step_view",
            "notice_print_view",
            "ics_view",
        }
    )

    # provided by the view
    dossier: Callable[[Any], Meeting]
    user: Callable[[], Any]
    refusal: Callable[[Exception], str]
    render: Callable[..., Any]
    choices: Callable[[], dict[str, Any]]

    def _act(self, meeting: Meeting, change: Callable[[], Any], done: str) -> Any:
        """Check the form's CSRF token, run ``change``, commit, return to the dossier."""
        if not FlaskForm().validate_on_submit():
            abort(400)
        try:
            change()
            db.session.commit()
        except r.NotAllowed as exc:
            db.session.rollback()
            record("permission_denied", note=f"{request.method} {request.path}: {exc}")
            abort(403)
        except (VanPhongError, StaleDataError) as exc:
            db.session.rollback()
            flash(self.refusal(exc), "error")
        else:
            flash(done, "success")
        return redirect(url_for(".details_view", id=meeting.id), code=303)

    @expose("/<id>/step", methods=["POST"])
    def step_view(self, id: str) -> Any:
        meeting = self.dossier(id)
        step = request.form.get("step", "")
        if step == "cancel":
            reason = request.form.get("reason", "")
            return self._act(
                meeting,
                lambda: services.cancel(db.session, meeting, by=self.user(), reason=reason),
                _("Meeting cancelled."),
            )
        if step not in STEPS:
            flash(_("Choose a step."), "error")
            return redirect(url_for(".details_view", id=meeting.id), code=303)
        return self._act(
            meeting,
            lambda: STEPS[step](db.session, meeting, by=self.user()),
            _("Step recorded."),
        )

    @expose("/<id>/invitees", methods=["POST"])
    def invitees_view(self, id: str) -> Any:
        meeting = self.dossier(id)
        remove = _int("remove")
        if remove is not None:
            invitee = next((i for i in meeting.invitees if i.id == remove), None)
            if invitee is None:
                abort(404)
            return self._act(
                meeting,
                lambda: services.remove_invitee(db.session, meeting, invitee, by=self.user()),
                _("Invitee removed."),
            )
        return self._act(
            meeting,
            lambda: services.add_invitee(
                db.session,
                meeting,
                by=self.user(),
                user_id=_int("user_id"),
                unit_id=_int("unit_id"),
                guest_name=request.form.get("guest_name", "")[:200],
                guest_email=request.form.get("guest_email", "")[:254],
                guest_organisation=request.form.get("guest_organisation", "")[:255],
            ),
            _("Invitee added."),
        )

    @expose("/<id>/agenda", methods=["POST"])
    def agenda_view(self, id: str) -> Any:
        meeting = self.dossier(id)
        return self._act(
            meeting,
            lambda: services.add_agenda_item(
                db.session,
                meeting,
                by=self.user(),
                title=request.form.get("title", "")[:500],
                presenter_id=_int("presenter_id"),
                duration_minutes=_int("duration_minutes"),
            ),
            _("Agenda item added."),
        )

    @expose("/<id>/answer", methods=["POST"])
    def answer_view(self, id: str) -> Any:
        meeting = self.dossier(id)
        invitee_id = _int("invitee_id")
        invitee = next((i for i in meeting.invitees if i.id == invitee_id), None)
        reason = request.form.get("reason", "")[:500]
        delegate_id = _int("delegate_id")
        if request.form.get("answer") == "delegated":
            if delegate_id is None:
                flash(_("Delegate: choose who attends in your place."), "error")
                return redirect(url_for(".details_view", id=meeting.id), code=303)
            return self._act(
                meeting,
                lambda: attendance.delegate(
                    db.session, meeting, delegate_id, by=self.user(), reason=reason, invitee=invitee
                ),
                _("Your delegate is told."),
            )
        answer = request.form.get("answer", "")
        return self._act(
            meeting,
            lambda: attendance.respond(
                db.session, meeting, answer, by=self.user(), reason=reason, invitee=invitee
            ),
            _("Answer recorded."),
        )

    @expose("/<id>/attendance", methods=["POST"])
    def attendance_view(self, id: str) -> Any:
        meeting = self.dossier(id)
        marks = [
            attendance.Mark(
                i.id,
                request.form.get(f"presence_{i.id}", ""),
                request.form.get(f"reason_{i.id}", "")[:500],
            )
            for i in meeting.invitees
            if request.form.get(f"presence_{i.id}")
        ]
        return self._act(
            meeting,
            lambda: attendance.take_attendance(db.session, meeting, marks, by=self.user()),
            _("Attendance recorded."),
        )

    # -- materials ------------------------------------------------------------------------

    @expose("/<id>/materials", methods=["POST"])
    def materials_view(self, id: str) -> Any:
        meeting = self.dossier(id)
        upload = request.files.get("file")
        name, content = (upload.filename or "", upload.read()) if upload else ("", b"")
        return self._act(
            meeting,
            lambda: materials.add_material(
                db.session,
                meeting,
                name,
                content,
                by=self.user(),
                agenda_item_id=_int("agenda_item_id"),
            ),
            _("File uploaded."),
        )

    def _material(self, id: str) -> tuple[Material, Meeting]:
        material_id = int(id) if id.isdigit() and len(id) < 10 else 0
        meeting_id = db.session.scalar(
            select(Material.meeting_id).where(Material.id == material_id)
        )
        if meeting_id is None:
            abort(404)
        meeting = self.dossier(meeting_id)
        return next(m for m in meeting.materials if m.id == material_id), meeting

    @expose("/material/<id>")
    def material_view(self, id: str) -> Any:
        material, _meeting = self._material(id)
        return Response(
            material.content,
            mimetype=material.content_type,
            headers={
                "Content-Disposition": f"attachment; filename*=UTF-8''{quote(material.filename)}"
            },
        )

    @expose("/material/<id>/remove", methods=["POST"])
    def material_remove_view(self, id: str) -> Any:
        material, meeting = self._material(id)
        return self._act(
            meeting,
            lambda: materials.remove_material(db.session, meeting, material, by=self.user()),
            _("File removed."),
        )

    # -- minutes --------------------------------------------------------------------------

    @expose("/<id>/minutes", methods=["GET", "POST"])
    def minutes_view(self, id: str) -> Any:
        """The secretary's form: GET shows it (starting the draft), POST saves or files."""
        meeting = self.dossier(id)
        if request.method == "GET":
            try:
                minutes.start_minutes(db.session, meeting, by=self.user())
                db.session.commit()
            except r.NotAllowed:
                db.session.rollback()
                abort(403)
            except VanPhongError as exc:
                db.session.rollback()
                flash(self.refusal(exc), "error")
                return redirect(url_for(".details_view", id=meeting.id), code=303)
            return self.render("meetings/meetings/minutes_form.html", meeting=meeting)
        if request.form.get("file"):
            return self._act(
                meeting,
                lambda: minutes.file_minutes(db.session, meeting, by=self.user()),
                _("Minutes filed."),
            )
        count = _int("sections") or 0
        items = [
            {
                "heading": request.form.get(f"heading_{n}", "")[:500],
                "content": request.form.get(f"content_{n}", ""),
                "agenda_item_id": _int(f"agenda_{n}"),
                "votes_for": _int(f"for_{n}"),
                "votes_against": _int(f"against_{n}"),
                "votes_abstain": _int(f"abstain_{n}"),
            }
            for n in range(1, min(count, 200) + 1)
            if request.form.get(f"heading_{n}", "").strip()
        ]
        return self._act(
            meeting,
            lambda: minutes.write_minutes(
                db.session,
                meeting,
                by=self.user(),
                items=items,
                participants=request.form.get("participants", ""),
                absentees=request.form.get("absentees", ""),
                conclusions=request.form.get("conclusions", ""),
            ),
            _("Minutes saved."),
        )

    @expose("/<id>/minutes/print")
    def minutes_print_view(self, id: str) -> Any:
        """The minutes as a printable BB document."""
        meeting = self.dossier(id)
        if meeting.minutes is None:
            abort(404)
        return self.render("meetings/meetings/minutes_print.html", meeting=meeting)

    # -- conclusion notices ---------------------------------------------------------------

    @expose("/<id>/notices", methods=["POST"])
    def notices_view(self, id: str) -> Any:
        meeting = self.dossier(id)
        points = [
            {
                "content": request.form.get(f"content_{n}", ""),
                "lead_unit_id": _int(f"lead_{n}"),
                "supporter_unit_ids": [
                    int(v) for v in request.form.getlist(f"support_{n}") if v.isdigit()
                ][:100],
                "deadline": _date(request.form.get(f"deadline_{n}", "")),
            }
            for n in range(1, POINT_ROWS + 1)
            if request.form.get(f"content_{n}", "").strip()
        ]
        corrects_id = _int("corrects_id")
        corrects = next((n for n in meeting.notices if n.id == corrects_id), None)
        return self._act(
            meeting,
            lambda: conclusions.draft_notice(
                db.session,
                meeting,
                summary=request.form.get("summary", "")[:1000],
                preamble=request.form.get("preamble", ""),
                points=points,
                corrects=corrects,
                by=self.user(),
            ),
            _("Conclusion notice drafted; the chair is asked to approve it."),
        )

    def _notice(self, id: str) -> tuple[ConclusionNotice, Meeting]:
        notice_id = int(id) if id.isdigit() and len(id) < 10 else 0
        meeting_id = db.session.scalar(
            select(ConclusionNotice.meeting_id).where(ConclusionNotice.id == notice_id)
        )
        if meeting_id is None:
            abort(404)
        meeting = self.dossier(meeting_id)
        return next(n for n in meeting.notices if n.id == notice_id), meeting

    @expose("/notice/<id>/step", methods=["POST"])
    def notice_step_view(self, id: str) -> Any:
        notice, meeting = self._notice(id)
        step = {"approve": conclusions.approve_notice, "issue": conclusions.issue_notice}.get(
            request.form.get("step", "")
        )
        if step is None:
            flash(_("Choose a step."), "error")
            return redirect(url_for(".details_view", id=meeting.id), code=303)
        return self._act(
            meeting, lambda: step(db.session, notice, by=self.user()), _("Step recorded.")
        )

    @expose("/notice/<id>/print")
    def notice_print_view(self, id: str) -> Any:
        """The notice as a printable TB document."""
        notice, meeting = self._notice(id)
        return self.render("meetings/meetings/notice_print.html", meeting=meeting, notice=notice)

    @expose("/<id>/invitation.ics")
    def ics_view(self, id: str) -> Any:
        """The meeting as an iCalendar file (the invitation's attachment)."""
        meeting = self.dossier(id)
        return Response(
            render_ics(meeting),
            mimetype="text/calendar",
            headers={"Content-Disposition": f'attachment; filename="meeting-{meeting.id}.ics"'},
        )


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()) if value.strip() else None
    except ValueError:
        return None
