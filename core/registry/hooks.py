"""The registry feature, registered on the public hooks like any plugin."""

from flask_babel import lazy_gettext as _l

from core import EVERYONE, NotificationType, Permission, hookimpl


@hookimpl
def register_models(app):
    from core.registry.models import Document, DocumentType, Register, RegisterCounter

    return [DocumentType, Register, RegisterCounter, Document]


@hookimpl
def register_permissions(app):
    return [
        Permission("core.document_type.view", _l("View document types"), default_roles=EVERYONE),
        Permission(
            "core.document_type.manage",
            _l("Edit document types and their abbreviations"),
            default_roles=("office",),
        ),
        Permission(
            "core.register.view",
            _l("View document registers"),
            default_roles=("office", "unit_head"),
        ),
        Permission(
            "core.register.manage",
            _l("Open, edit and close document registers"),
            default_roles=("office",),
        ),
        Permission(
            "core.document.view",
            _l("View the register book (a unit head: their units' documents)"),
            default_roles=("office", "unit_head"),
        ),
        Permission(
            "core.document.manage",
            _l("Issue document numbers and withdraw them"),
            default_roles=("office",),
        ),
        Permission(
            "core.document.confidential",
            _l("See and number documents of confidential registers"),
            _l(
                "Granted to no role by default: give it to those who handle confidential documents."
            ),
        ),
        Permission(
            "core.document.check",
            _l("Check a document's format against Decree 30"),
            default_roles=EVERYONE,
        ),
    ]


@hookimpl
def register_notification_types(app):
    return [NotificationType("core.document_withdrawn", _l("A number you issued was withdrawn"))]


@hookimpl
def register_admin_views(app):
    from core.registry.admin import DocumentTypeView, RegisterView
    from core.registry.book import FormatCheckView, RegisterBookView

    return [RegisterBookView(), FormatCheckView(), RegisterView(), DocumentTypeView()]


@hookimpl
def register_blueprints(app):
    from core.registry.api import bp

    return [bp]


@hookimpl
def search(app, query, user):
    from flask import url_for

    from core import SearchHit
    from core.db import db
    from core.registry.services import find_documents

    if not user.can("core.document.view"):
        return []
    return [
        SearchHit(
            "core.documents",
            f"{document.symbol} · {document.type.name}",
            url_for(
                "core_register_book.index",
                register=document.register_id,
                year=document.year,
                q=document.symbol,
            ),
            summary=document.summary,
            group=_l("Documents"),
        )
        for document in find_documents(db.session, query, user)
    ]


@hookimpl
def demo_data(app, session):
    from core.registry.demo import add_demo_registers

    add_demo_registers(session)
