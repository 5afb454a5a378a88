"""Meeting lists cost a constant number of statements whatever the page size, with meetings in
rooms, invitations numbered, and a unit-scoped reader (the record rule is in the same query)."""

from __future__ import annotations

import pytest
import time_machine

from core.db import db
from plugins.meetings.meetings import services
from tests.plugins.meetings.meetings_support import at, propose, setup_dossier, user

pytestmark = pytest.mark.plugins("meetings")
BUDGET = 3  # the signed-in user, the count, the page


@pytest.fixture
def ids(app, agency):
    ids = setup_dossier(app, agency)
    with app.test_request_context(), time_machine.travel(at(-72), tick=False):
        for n in range(30):
            meeting = propose(
                ids,
                title=f"Cuộc họp số {n}",
                starts_at=at(n * 3),
                ends_at=at(n * 3 + 2),
                room_id=ids["room"] if n % 2 else None,
                location="" if n % 2 else "UBND tỉnh",
            )
            services.add_invitee(
                db.session, meeting, by=user(ids, "office"), user_id=ids["staff_a1"]
            )
            services.approve(db.session, meeting, by=user(ids, "leader"))
            services.invite(db.session, meeting, by=user(ids, "office"))
        db.session.commit()
    return ids


@pytest.mark.parametrize("who", ["office", "staff_a1"])
def test_the_api_list(app, ids, api_token, query_counter, who):
    client = app.test_client()
    headers = {"Authorization": f"Bearer {api_token(ids[who])}"}
    client.get("/api/v1/me", headers=headers)
    counts = []
    for size in (10, 30):
        with query_counter() as queries:
            response = client.get(f"/api/v1/meetings/meetings?page_size={size}", headers=headers)
        assert response.status_code == 200
        assert len(response.json["items"]) == size
        assert response.json["items"][0]["invitation_symbol"]
        counts.append(queries.count)
    assert counts[0] == counts[1] <= BUDGET, queries.statements


@pytest.mark.parametrize("who", ["office", "staff_a1"])
def test_the_admin_list(app, ids, login_as, query_counter, who):
    client = login_as(ids[who], app.test_client())
    client.get("/admin/meetings_meeting/")
    counts = []
    for size in (20, 100):
        with query_counter() as queries:
            response = client.get(f"/admin/meetings_meeting/?page_size={size}")
        assert response.status_code == 200
        assert "Cuộc họp số 29" in response.get_data(as_text=True)
        counts.append(queries.count)
    assert counts[0] == counts[1] <= BUDGET, queries.statements
