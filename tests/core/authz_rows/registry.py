"""Authorization-matrix rows of the registry area (columns: anonymous, administrator, office,
head_a, head_b, staff_a1).

Default roles: everyone views document types and checks formats; the office manages types,
registers and numbers; unit heads view registers and their units' documents (the target
document was drafted by unit A). Views of types and registers have no record rule, so their
changes need the permission across the agency.
"""

from datetime import date

# fmt: off
EXPECTED: dict = {
    ("GET", "/admin/core_document_type/"): (302, 200, 200, 200, 200, 200),
    ("GET", "/admin/core_document_type/ajax/lookup/"): (302, 404, 404, 404, 404, 404),
    ("GET", "/admin/core_document_type/details/"): (302, 302, 302, 302, 302, 302),
    ("GET", "/admin/core_document_type/edit/"): (302, 200, 200, 403, 403, 403),
    ("GET", "/admin/core_document_type/export/<export_type>/"): (302, 302, 302, 302, 302, 302),
    ("GET", "/admin/core_document_type/new/"): (302, 200, 200, 403, 403, 403),
    ("POST", "/admin/core_document_type/action/"): (302, 302, 302, 403, 403, 403),
    ("POST", "/admin/core_document_type/ajax/update/"): (302, 404, 404, 403, 403, 403),
    ("POST", "/admin/core_document_type/delete/"): (302, 302, 302, 403, 403, 403),
    ("POST", "/admin/core_document_type/edit/"): (302, 200, 200, 403, 403, 403),
    ("POST", "/admin/core_document_type/new/"): (302, 200, 200, 403, 403, 403),
    ("GET", "/admin/core_register/"): (302, 200, 200, 200, 200, 403),
    ("GET", "/admin/core_register/ajax/lookup/"): (302, 404, 404, 404, 404, 403),
    ("GET", "/admin/core_register/details/"): (302, 200, 200, 200, 200, 403),
    ("GET", "/admin/core_register/edit/"): (302, 200, 200, 403, 403, 403),
    ("GET", "/admin/core_register/export/<export_type>/"): (302, 302, 302, 302, 302, 403),
    ("GET", "/admin/core_register/new/"): (302, 200, 200, 403, 403, 403),
    ("POST", "/admin/core_register/action/"): (302, 302, 302, 403, 403, 403),
    ("POST", "/admin/core_register/ajax/update/"): (302, 404, 404, 403, 403, 403),
    ("POST", "/admin/core_register/delete/"): (302, 302, 302, 403, 403, 403),
    ("POST", "/admin/core_register/edit/"): (302, 200, 200, 403, 403, 403),
    ("POST", "/admin/core_register/new/"): (302, 200, 200, 403, 403, 403),
    ("GET", "/admin/core_register_book/"): (302, 200, 200, 200, 200, 403),
    ("GET", "/admin/core_register_book/export"): (302, 200, 200, 200, 200, 403),
    ("GET", "/admin/core_register_book/issue"): (302, 200, 200, 403, 403, 403),
    ("POST", "/admin/core_register_book/issue"): (302, 200, 200, 403, 403, 403),
    ("GET", "/admin/core_register_book/<id>/withdraw"): (302, 200, 200, 403, 403, 403),
    ("POST", "/admin/core_register_book/<id>/withdraw"): (302, 200, 200, 403, 403, 403),
    ("GET", "/admin/core_document_check/"): (302, 200, 200, 200, 200, 200),
    ("POST", "/admin/core_document_check/"): (302, 200, 200, 200, 200, 200),
}

API_EXPECTED: dict = {
    ("GET", "/api/v1/document-types"): (401, 200, 200, 200, 200, 200),
    ("POST", "/api/v1/document-types"): (401, 422, 422, 403, 403, 403),
    ("GET", "/api/v1/document-types/<id:id>"): (401, 200, 200, 200, 200, 200),
    ("PATCH", "/api/v1/document-types/<id:id>"): (401, 422, 422, 403, 403, 403),
    ("DELETE", "/api/v1/document-types/<id:id>"): (401, 404, 404, 403, 403, 403),
    ("GET", "/api/v1/registers"): (401, 200, 200, 200, 200, 403),
    ("POST", "/api/v1/registers"): (401, 422, 422, 403, 403, 403),
    ("GET", "/api/v1/registers/<id:id>"): (401, 200, 200, 200, 200, 403),
    ("PATCH", "/api/v1/registers/<id:id>"): (401, 422, 422, 403, 403, 403),
    ("DELETE", "/api/v1/registers/<id:id>"): (401, 404, 404, 403, 403, 403),
    ("GET", "/api/v1/documents"): (401, 200, 200, 200, 200, 403),
    ("POST", "/api/v1/documents"): (401, 422, 422, 403, 403, 403),
    ("GET", "/api/v1/documents/<id:id>"): (401, 200, 200, 200, 404, 403),
    ("POST", "/api/v1/documents/<id:id>/withdraw"): (401, 422, 422, 403, 403, 403),
    ("POST", "/api/v1/documents/check-format"): (401, 422, 422, 422, 422, 422),
}
# fmt: on


def targets(app, agency) -> dict[str, str]:
    """A register of the agency and a document drafted by unit A, by admin endpoint and by
    API path segment."""
    from core.db import db
    from core.org.models import Unit
    from tests.core.test_registry_support import add_registers, issue, types

    registers = add_registers(app, agency)
    with app.app_context():
        document = issue(
            registers["ordinary"], "KH", date(2025, 1, 6), unit=db.session.get(Unit, agency["a"])
        )
        db.session.commit()
        type_id = types()["KH"].id
        return {
            "core_document_type": str(type_id),
            "core_register": str(registers["ordinary"]),
            "core_register_book": str(document.id),
            "document-types": str(type_id),
            "registers": str(registers["ordinary"]),
            "documents": str(document.id),
        }
