"""The register book page (sổ đăng ký văn bản đi): filters, issuing and withdrawing numbers, the
Excel export; and the format checker's page. Every write goes through the services."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import abort, flash, redirect, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload
from werkzeug.datastructures import MultiDict

from core.admin import BaseView, expose
from core.api.schemas import MAX_ID
from core.db import db, word_filters
from core.errors import VanPhongError
from core.identity.access import in_units, scope_paths
from core.org.models import Unit
from core.registry import services
from core.registry.access import may_use_register, visible_documents
from core.registry.admin import CATEGORY
from core.registry.forms import CheckForm, IssueForm, WithdrawForm
from core.registry.models import Document, DocumentStatus, DocumentType, Register

PAGE_SIZE = 50
MAX_PAGE = 100_000
MANAGE = "core.document.manage"
SEARCHED = (Document.symbol, Document.summary, Document.signer)


def _positive(args: MultiDict[str, str], name: str) -> int | None:
    value = args.get(name, type=int)
    return value if value is not None and 0 < value <= MAX_ID else None


def _day(args: MultiDict[str, str], name: str) -> date | None:
    try:
        return date.fromisoformat(args.get(name, ""))
    except ValueError:
        return None


@dataclass(frozen=True)
class BookFilters:
    """The book's filters, read leniently from the query string (a wrong value is ignored)."""

    register_id: int | None = None
    year: int | None = None
    type_id: int | None = None
    start: date | None = None
    end: date | None = None
    status: str | None = None
    q: str = ""

    @classmethod
    def parse(cls, args: MultiDict[str, str], this_year: int) -> BookFilters:
        year = args.get("year", type=int) if "year" in args else this_year
        status = args.get("status")
        return cls(
            register_id=_positive(args, "register"),
            year=year if year is not None and 1900 <= year <= 2200 else None,
            type_id=_positive(args, "type"),
            start=_day(args, "start"),
            end=_day(args, "end"),
            status=status if status in {s.value for s in DocumentStatus} else None,
            q=args.get("q", "").strip()[:100],
        )

    def where(self) -> list[Any]:
        clauses: list[Any] = []
        if self.register_id is not None:
            clauses.append(Document.register_id == self.register_id)
        if self.year is not None:
            clauses.append(Document.year == self.year)
        if self.type_id is not None:
            clauses.append(Document.type_id == self.type_id)
        if self.start is not None:
            clauses.append(Document.signed_on >= self.start)
        if self.end is not None:
            clauses.append(Document.signed_on <= self.end)
        if self.status is not None:
            clauses.append(Document.status == self.status)
        clauses += word_filters(SEARCHED, self.q)
        return clauses

    def args(self) -> dict[str, Any]:
        """The filters as query parameters (for pages and the export)."""
        values = {
            "register": self.register_id,
            "year": "" if self.year is None else self.year,
            "type": self.type_id,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "status": self.status,
            "q": self.q or None,
        }
        return {k: v for k, v in values.items() if v is not None}


class RegisterBookView(BaseView):
    """The register book: the documents the user may see (their units' for a unit head;
    confidential registers only with that permission), newest first; issuing and withdrawing
    need ``core.document.manage``."""

    permission = "core.document"

    def __init__(self) -> None:
        super().__init__(name=_l("Register book"), endpoint="core_register_book", category=CATEGORY)

    def has_record_rule(self) -> bool:
        return True  # every query below keeps to the documents the user may see

    def required_permission(self, name: str | None = None) -> str:
        if name in ("issue", "withdraw"):
            return MANAGE
        return super().required_permission(name)

    def _filters(self) -> tuple[BookFilters, list[Any]]:
        filters = BookFilters.parse(request.args, services.agency_today().year)
        return filters, [*visible_documents(current_user), *filters.where()]

    @expose("/")
    def index(self) -> Any:
        filters, where = self._filters()
        page = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
        total = db.session.scalar(select(func.count()).select_from(Document).where(*where))
        documents = db.session.scalars(
            select(Document)
            .options(joinedload(Document.type), joinedload(Document.register))
            .where(*where)
            .order_by(Document.issued_at.desc(), Document.id.desc())
            .limit(PAGE_SIZE)
            .offset((page - 1) * PAGE_SIZE)
        ).all()
        registers = [
            r
            for r in db.session.scalars(select(Register).order_by(Register.name))
            if may_use_register(current_user, r)
        ]
        return self.render(
            "core/registry_book.html",
            filters=filters,
            documents=documents,
            total=total,
            page=page,
            pages=max(1, -(-(total or 0) // PAGE_SIZE)),
            registers=registers,
            types=db.session.scalars(select(DocumentType).order_by(DocumentType.sort_order)).all(),
            statuses=STATUS_LABELS,
            may_manage=bool(current_user.can(MANAGE)),
        )

    @expose("/export")
    def export(self) -> Any:
        """The filtered book as an Excel workbook, in the book's order (register, number)."""
        from core.registry.export import XLSX, book_workbook  # openpyxl: 200 ms to import

        filters, where = self._filters()
        documents = db.session.scalars(
            select(Document)
            .options(joinedload(Document.type))
            .where(*where)
            .order_by(Document.register_id, Document.year, Document.number)
        ).all()
        register = db.session.get(Register, filters.register_id) if filters.register_id else None
        year = filters.year or ""
        title = f"{register.name} {year}" if register else _("Register book %(year)s", year=year)
        return send_file(
            io.BytesIO(book_workbook(documents, title.strip())),
            mimetype=XLSX,
            as_attachment=True,
            download_name=f"so-van-ban-di-{year or 'tat-ca'}.xlsx",
        )

    @expose("/issue", methods=["GET", "POST"])
    def issue(self) -> Any:
        form = IssueForm()
        self._fill_issue_choices(form)
        if form.validate_on_submit():
            try:
                document = self._issue(form)
            except VanPhongError as exc:
                db.session.rollback()
                _show_error(form, exc)
            else:
                db.session.commit()
                flash(_("Number %(symbol)s issued.", symbol=document.symbol), "success")
                return redirect(
                    url_for(".index", register=document.register_id, year=document.year), code=303
                )
        elif request.method == "GET":
            form.signed_on.data = services.agency_today()
            form.register_id.data = _positive(request.args, "register") or 0
        return self.render("core/registry_issue.html", form=form)

    def _fill_issue_choices(self, form: IssueForm) -> None:
        registers = db.session.scalars(
            select(Register).where(Register.active).order_by(Register.name)
        ).all()
        form.register_id.choices = [
            (r.id, r.name) for r in registers if may_use_register(current_user, r)
        ]
        form.type_id.choices = [
            (t.id, str(t))
            for t in db.session.scalars(
                select(DocumentType).where(DocumentType.active).order_by(DocumentType.sort_order)
            )
        ]
        paths = scope_paths(current_user, MANAGE)
        units = select(Unit).where(Unit.active).order_by(Unit.path)
        if paths is not None:  # a scoped issuer numbers their own units' documents only
            units = units.where(in_units(Unit.id, paths))
        form.unit_id.choices = [(0, "—")] if paths is None else []
        form.unit_id.choices += [
            (u.id, f"{u.name} ({u.abbreviation})") for u in db.session.scalars(units)
        ]

    def _issue(self, form: IssueForm) -> Document:
        register = db.session.get(Register, form.register_id.data)
        doc_type = db.session.get(DocumentType, form.type_id.data)
        assert register is not None and doc_type is not None  # the choices hold only these
        unit = db.session.get(Unit, form.unit_id.data) if form.unit_id.data else None
        return services.issue_number(
            db.session,
            register,
            doc_type,
            form.signed_on.data,
            summary=form.summary.data or "",
            signer=form.signer.data or "",
            unit=unit,
            drafting_unit=(form.drafting_unit.data or "").strip() or None,
            recipients=form.recipients.data or "",
            copies=form.copies.data,
            archive_holder=form.archive_holder.data or "",
            note=form.note.data or "",
            issued_by=current_user,
        )

    @expose("/<id>/withdraw", methods=["GET", "POST"])
    def withdraw(self, id: str) -> Any:
        document = self._document(id, MANAGE)
        form = WithdrawForm()
        if form.validate_on_submit():
            try:
                services.withdraw(db.session, document, form.reason.data or "", current_user)
            except VanPhongError as exc:
                db.session.rollback()
                _show_error(form, exc)
            else:
                db.session.commit()
                flash(_("%(symbol)s withdrawn.", symbol=document.symbol), "success")
                return redirect(
                    url_for(".index", register=document.register_id, year=document.year), code=303
                )
        return self.render("core/registry_withdraw.html", form=form, document=document)

    def _document(self, id: str, permission: str) -> Document:
        """The document ``id`` if the user reaches it with ``permission``; else 404."""
        if not id.isdigit() or int(id) > MAX_ID:
            abort(404)
        document = db.session.scalar(
            select(Document)
            .options(joinedload(Document.type), joinedload(Document.register))
            .where(Document.id == int(id), *visible_documents(current_user, permission))
        )
        if document is None:
            abort(404)
        return document


STATUS_LABELS = {
    DocumentStatus.ISSUED.value: _l("Issued"),
    DocumentStatus.WITHDRAWN.value: _l("Withdrawn"),
}


def _show_error(form: Any, exc: VanPhongError) -> None:
    """A service's refusal beside the field it names, or as a message when there is none."""
    field = getattr(form, exc.field, None) if exc.field else None
    if field is None:
        flash(str(exc), "error")
    else:
        field.errors = [*field.errors, str(exc)]


class FormatCheckView(BaseView):
    """Check a draft's number and symbol, place and date, and recipients against Decree 30."""

    permission = "core.document"

    def __init__(self) -> None:
        super().__init__(name=_l("Format check"), endpoint="core_document_check", category=CATEGORY)

    def required_permission(self, name: str | None = None) -> str:
        return "core.document.check"

    def is_visible(self) -> bool:
        return bool(current_user.is_authenticated) and self.permits("core.document.check")

    @expose("/", methods=["GET", "POST"])
    def index(self) -> Any:
        form = CheckForm()
        form.type_id.choices = [
            (t.id, str(t))
            for t in db.session.scalars(select(DocumentType).order_by(DocumentType.sort_order))
        ]
        problems = None
        if form.validate_on_submit():
            doc_type = db.session.get(DocumentType, form.type_id.data)
            assert doc_type is not None  # the choices hold only these
            parts = {
                name: value
                for name in ("symbol", "date_line", "recipients", "issuer")
                if (value := getattr(form, name).data or "").strip()
            }
            problems = services.check_format(
                db.session, doc_type, signed_on=form.signed_on.data, **parts
            )
        return self.render("core/registry_check.html", form=form, problems=problems)
