"""Twenty people ask for the same room and slot at the same moment, and the office approves
each request as it arrives, over HTTP against a live server (waitress, threaded): exactly one
booking ends confirmed, every other request ends rejected (displaced by the winner, whose
confirmation came first) or refused with a 409 naming the winner, and no two confirmed
bookings overlap. On SQLite by default; on PostgreSQL when the suite points at one
(``VANPHONG_TEST_DATABASE_URL``)."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text

pytestmark = pytest.mark.plugins("meetings")

RACERS = 20
START = datetime(2031, 3, 4, 2, 0, tzinfo=UTC)


def send(url: str, token: str, body: dict) -> tuple[int, dict]:
    """One POST with a bearer token; (status, JSON body), errors included."""
    request = urllib.request.Request(  # noqa: S310 (the test's own http:// server)
        url,
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def racers(app, agency, api_token):
    """Tokens of 20 members of staff, the office's token, and the room (the office approves)."""
    from core.db import db
    from core.identity.roles import ensure_builtin_roles
    from core.identity.services import assign_role, create_user
    from core.testing import AGENCY_PASSWORD, agency_password_hash
    from plugins.meetings.rooms import services

    with app.test_request_context():
        staff = ensure_builtin_roles(db.session)["staff"]
        ids = []
        for i in range(RACERS):
            user = create_user(
                db.session,
                f"nguoi{i:02d}",
                AGENCY_PASSWORD,
                password_hash=agency_password_hash(),
            )
            assign_role(db.session, user, staff, agency["a"])
            ids.append(user.id)
        room = services.create_room(
            db.session,
            code="PH1",
            name="Phòng họp tầng 2",
            capacity=30,
            approver_id=agency["office"],
        )
        db.session.commit()
        room_id = room.id
    return [api_token(i) for i in ids], api_token(agency["office"]), room_id


def test_twenty_requests_and_approvals_for_one_slot_confirm_exactly_one(app, live_server, racers):
    from core.booking.models import Booking
    from core.db import db

    tokens, office, room_id = racers
    barrier = threading.Barrier(RACERS)

    def attempt(i: int) -> tuple[int, dict, int]:
        barrier.wait(timeout=60)
        status, body = send(
            f"{live_server}/api/v1/meetings/rooms/{room_id}/bookings",
            tokens[i],
            {
                "starts_at": (START + timedelta(minutes=5 * (i % 3))).isoformat(),
                "ends_at": (START + timedelta(hours=1)).isoformat(),
                "purpose": f"Cuộc họp {i}",
                "attendees": 10 + i,
            },
        )
        assert status == 201, body
        booking = body["items"][0]
        assert booking["status"] == "requested"
        decided, answer = send(
            f"{live_server}/api/v1/bookings/{booking['id']}/confirm", office, {"version": 1}
        )
        return decided, answer, booking["id"]

    with ThreadPoolExecutor(RACERS) as pool:
        results = list(pool.map(attempt, range(RACERS)))

    outcomes = Counter(status for status, _answer, _id in results)
    assert outcomes[200] == 1, results
    assert set(outcomes) <= {200, 409, 422}, results  # 422: already rejected; 409: clash
    winner = next(answer for status, answer, _id in results if status == 200)
    for status, answer, _id in results:
        if status == 409:
            assert answer["error"]["code"] in ("conflict", "stale")
            if answer["error"]["code"] == "conflict":
                assert f"#{winner['id']}" in answer["error"]["message"]
    with app.app_context():
        statuses = Counter(db.session.scalars(select(Booking.status)))
        overlapping = db.session.execute(
            text(
                "SELECT a.id FROM core_booking a JOIN core_booking b"
                " ON a.resource_id = b.resource_id AND a.id < b.id"
                " WHERE a.status = 'confirmed' AND b.status = 'confirmed'"
                " AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at"
            )
        ).all()
    assert statuses["confirmed"] == 1
    assert statuses["confirmed"] + statuses["rejected"] + statuses["requested"] == RACERS
    assert overlapping == []
