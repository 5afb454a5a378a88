"""The authorization matrix of the REST API: every API route and method × the built-in roles,
anonymous, and a unit head of another unit, each calling with their own bearer token.

Columns as in ``test_authorization_matrix``: anonymous, administrator, office, head_a, head_b,
staff_a1. Record ids name records of unit A's subtree; writes send an empty JSON object and
deletes a missing id, so an allowed write answers 422 (the body is incomplete) or 404 and a
refused one 403 — the permission is checked before the body is read.
"""

import pytest

from tests.core.authz import BUILT_IN, ROLES, routes, targets
from tests.core.authz_rows import merged

pytestmark = pytest.mark.plugins(*BUILT_IN)

# fmt: off
API_EXPECTED = {
    ("GET", "/api/v1/openapi.json"): (401, 200, 200, 200, 200, 200),
    ("GET", "/api/v1/me"): (401, 200, 200, 200, 200, 200),
    ("GET", "/api/v1/me/notifications"): (401, 200, 200, 200, 200, 200),
    ("GET", "/api/v1/me/notifications/<id:id>"): (401, 404, 404, 404, 404, 404),
    ("POST", "/api/v1/me/notifications/read"): (401, 200, 200, 200, 200, 200),
    ("GET", "/api/v1/users"): (401, 200, 200, 200, 200, 403),
    ("POST", "/api/v1/users"): (401, 422, 403, 403, 403, 403),
    ("GET", "/api/v1/users/<id:id>"): (401, 200, 200, 200, 404, 403),
    ("PATCH", "/api/v1/users/<id:id>"): (401, 422, 403, 403, 403, 403),
    ("GET", "/api/v1/roles"): (401, 200, 403, 403, 403, 403),
    ("GET", "/api/v1/roles/<id:id>"): (401, 200, 403, 403, 403, 403),
    ("GET", "/api/v1/units"): (401, 200, 200, 200, 200, 200),
    ("POST", "/api/v1/units"): (401, 422, 422, 422, 422, 403),
    ("GET", "/api/v1/units/tree"): (401, 200, 200, 200, 200, 200),
    ("GET", "/api/v1/units/<id:id>"): (401, 200, 200, 200, 404, 200),
    ("PATCH", "/api/v1/units/<id:id>"): (401, 422, 422, 422, 404, 403),
    ("DELETE", "/api/v1/units/<id:id>"): (401, 404, 404, 404, 404, 403),
    ("GET", "/api/v1/positions"): (401, 200, 200, 200, 200, 200),
    ("POST", "/api/v1/positions"): (401, 422, 422, 403, 403, 403),
    ("GET", "/api/v1/positions/<id:id>"): (401, 200, 200, 200, 200, 200),
    ("PATCH", "/api/v1/positions/<id:id>"): (401, 422, 422, 403, 403, 403),
    ("DELETE", "/api/v1/positions/<id:id>"): (401, 404, 404, 403, 403, 403),
    ("GET", "/api/v1/audit"): (401, 200, 403, 403, 403, 403),
    ("GET", "/api/v1/audit/<id:id>"): (401, 200, 403, 403, 403, 403),
    ("GET", "/api/v1/plugins"): (401, 200, 403, 403, 403, 403),
    ("GET", "/api/v1/plugins/<string(maxlength=100):name>"): (401, 200, 403, 403, 403, 403),
}
# fmt: on
API_EXPECTED.update(merged("API_EXPECTED"))

MISSING = "999999"


def api_routes(app) -> set[tuple[str, str]]:
    return {(m, r) for m, r in routes(app) if r.startswith("/api/")}


def test_every_api_route_is_declared(app):
    served = api_routes(app)
    assert not sorted(served - set(API_EXPECTED)), "declare these API routes in API_EXPECTED"
    assert not sorted(set(API_EXPECTED) - served), "API_EXPECTED names routes no longer served"


def api_url(method: str, rule: str, ids: dict[str, str]) -> str:
    """A concrete URL for ``rule``: the id of unit A's record of the resource, keyed by its
    first path segment after ``/api/v1/`` (``users``) or, for a plugin, its first two
    (``planning/tasks``)."""
    parts = rule.split("/")
    resource = "/".join(parts[3:5]) if parts[3] in BUILT_IN else parts[3]
    record = {
        "users": ids["core_user"],
        "units": ids["core_unit"],
        "positions": ids["core_position"],
        "roles": ids["core_role"],
        "audit": ids["core_audit"],
        "me": MISSING,  # someone's notification: never another's
        **{k: v for k, v in ids.items() if not k.startswith("core_")},
    }.get(resource, MISSING)
    if method == "DELETE":
        record = MISSING
    return rule.replace("<id:id>", record).replace("<string(maxlength=100):name>", "planning")


@pytest.fixture
def tokens(agency, api_token):
    return {role: api_token(agency[role]) for role in ROLES if role != "anonymous"}


def test_the_api_matrix(app, agency, client, tokens):
    ids = targets(app, agency)
    wrong = []
    for (method, rule), expected in sorted(API_EXPECTED.items()):
        url = api_url(method, rule, ids)
        for role, code in zip(ROLES, expected, strict=True):
            headers = {"Authorization": f"Bearer {tokens[role]}"} if role in tokens else {}
            body = {} if method in ("POST", "PATCH") else None
            response = client.open(url, method=method, headers=headers, json=body)
            if response.status_code != code:
                wrong.append(f"{method} {url} as {role}: {response.status_code}, expected {code}")
            elif code >= 400:
                assert set(response.json["error"]) == {"code", "message", "fields"}
    assert not wrong, "\n".join(wrong)


def test_a_refused_write_is_audited(app, agency, client, tokens):
    from sqlalchemy import select

    from core.audit.models import AuditEntry
    from core.db import db

    headers = {"Authorization": f"Bearer {tokens['staff_a1']}"}
    assert client.post("/api/v1/units", headers=headers, json={}).status_code == 403
    with app.app_context():
        notes = db.session.scalars(
            select(AuditEntry.note).where(AuditEntry.action == "permission_denied")
        ).all()
    assert "POST /api/v1/units needs core.unit.manage" in notes
