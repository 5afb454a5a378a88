"""Fifty callers confirm the same slot at the same moment, over HTTP against a live server
(waitress, threaded): exactly one gets 201, the other 49 get 409 naming the winner, and one
row is stored. Once with 50 threads, once with 50 separate processes; and once more without
the services at all, to show that the database alone refuses the overlap."""

from __future__ import annotations

import json
import multiprocessing
import threading
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

RACERS = 50
START = datetime(2031, 3, 4, 2, 0, tzinfo=UTC)


def post(url: str, token: str, body: dict) -> tuple[int, dict]:
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


def post_from_a_process(url: str, token: str, body: dict, barrier, results) -> None:
    """A child process's whole life: wait for the others, then one request (stdlib only)."""
    barrier.wait(timeout=60)
    results.put(post(url, token, body))


@pytest.fixture
def racers(app, agency):
    """Bearer tokens of 50 users of the office (each may confirm), and the room they race for
    (approved by the office)."""
    from core.api.tokens import create_token
    from core.booking import services
    from core.booking.models import Resource
    from core.db import db
    from core.identity.roles import ensure_builtin_roles
    from core.identity.services import assign_role, create_user
    from core.testing import AGENCY_PASSWORD, agency_password_hash

    with app.app_context():
        office = ensure_builtin_roles(db.session)["office"]
        tokens = []
        for i in range(RACERS):
            user = create_user(
                db.session,
                f"dua{i:02d}",
                AGENCY_PASSWORD,
                password_hash=agency_password_hash(),
            )
            assign_role(db.session, user, office, None)
            tokens.append(create_token(db.session, user, "race", 1, False)[1])
        room = services.save_resource(
            db.session, Resource(code="PH1", name="Phòng họp 1", approver_id=agency["office"])
        )
        db.session.commit()
        return tokens, room.id


def body_for(room_id: int, i: int) -> dict:
    return {
        "resource_id": room_id,
        "starts_at": START.isoformat(),
        "ends_at": (START + timedelta(hours=1)).isoformat(),
        "purpose": f"Cuộc họp {i}",
        "confirm": True,
    }


def check_outcome(app, room_id: int, results: list[tuple[int, dict]]) -> None:
    from sqlalchemy import func, select

    from core.booking.models import Booking
    from core.db import db

    assert Counter(status for status, _ in results) == {201: 1, 409: RACERS - 1}, [
        body for status, body in results if status not in (201, 409)
    ]
    winner = next(body for status, body in results if status == 201)
    assert winner["status"] == "confirmed"
    for status, body in results:
        if status == 409:
            error = body["error"]
            assert error["code"] == "conflict"
            assert f"#{winner['id']}" in error["message"]
            assert winner["purpose"] in error["message"]
            assert any(f"#{winner['id']}" in line for line in error["fields"]["starts_at"])
    with app.app_context():
        stored = db.session.scalar(
            select(func.count()).select_from(Booking).where(Booking.resource_id == room_id)
        )
    assert stored == 1


def test_fifty_threads_confirm_the_same_slot(app, live_server, racers):
    tokens, room_id = racers
    url = f"{live_server}/api/v1/bookings"
    barrier = threading.Barrier(RACERS)

    def attempt(i: int) -> tuple[int, dict]:
        barrier.wait(timeout=60)
        return post(url, tokens[i], body_for(room_id, i))

    with ThreadPoolExecutor(RACERS) as pool:
        results = list(pool.map(attempt, range(RACERS)))
    check_outcome(app, room_id, results)


def test_fifty_processes_confirm_the_same_slot(app, live_server, racers):
    tokens, room_id = racers
    url = f"{live_server}/api/v1/bookings"
    # fork: the children run only post_from_a_process (standard library), starting at once.
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    )
    barrier, queue = context.Barrier(RACERS), context.Queue()
    children = [
        context.Process(
            target=post_from_a_process, args=(url, tokens[i], body_for(room_id, i), barrier, queue)
        )
        for i in range(RACERS)
    ]
    for child in children:
        child.start()
    results = [queue.get(timeout=90) for _ in children]
    for child in children:
        child.join(timeout=30)
        assert child.exitcode == 0
    check_outcome(app, room_id, results)


def test_the_database_alone_refuses_concurrent_overlaps(app, agency):
    """Fifty threads insert overlapping confirmed rows by hand, without the services' lock:
    the exclusion constraint (PostgreSQL) or the triggers (SQLite) let exactly one through."""
    from sqlalchemy import func, insert, select
    from sqlalchemy.exc import DBAPIError

    from core.booking import services
    from core.booking.models import Booking, Resource
    from core.db import db

    with app.app_context():
        room = services.save_resource(db.session, Resource(code="PH9", name="Phòng 9"))
        db.session.commit()
        room_id, engine = room.id, db.engine
    barrier = threading.Barrier(RACERS)

    def insert_one(i: int) -> bool:
        row = {
            "resource_id": room_id,
            "starts_at": START + timedelta(minutes=i),  # all overlap one another
            "ends_at": START + timedelta(hours=2),
            "status": "confirmed",
            "purpose": f"Tay {i}",
            "owner_type": "",
            "owner_ref": "",
            "reason": "",
            "created_at": START,
        }
        barrier.wait(timeout=60)
        try:
            with engine.begin() as connection:
                connection.execute(insert(Booking), row)
        except DBAPIError:  # the overlap refused (or, on PostgreSQL, a deadlock victim)
            return False
        return True

    with ThreadPoolExecutor(RACERS) as pool:
        outcomes = list(pool.map(insert_one, range(RACERS)))
    assert outcomes.count(True) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Booking)) == 1
