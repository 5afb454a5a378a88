"""Booking a room every week for a year (52 dates, confirmed at once, with attendees) through
``plugins.meetings.rooms.services.book_room_series`` — the core's recurring booking: the
rule expanded, the write lock, one query for clashes, the inserts under the database's
overlap guard in a savepoint, the displaced requests looked up, then the attendees — against
hand-written raw SQL in the same run (the lock, one clash query, the inserts, the attendees,
the displaced requests looked up), each in a transaction rolled back, with 100,000 bookings in
the table. Prints median time, statements and the ratio; never pass/fail.

    .venv/bin/python -m bench.room_series [--rooms 50] [--bookings 100000] [--runs 30]
        [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import bindparam, select, text

from bench.common import timed
from bench.free_slots import FIRST_DAY
from bench.room_week import build
from core.testing import fresh_database

WEEKS = 52


class Held(NamedTuple):
    """A confirmed booking as the raw clash query returns it."""

    starts_at: datetime
    ends_at: datetime


CLASH_SQL = text(
    "SELECT id, starts_at, ends_at FROM core_booking WHERE resource_id = :room"
    " AND status = 'confirmed' AND starts_at < :last_end AND starts_at > :lookback"
    " AND ends_at > :first_start ORDER BY starts_at"
)
INSERT_SQL = text(
    "INSERT INTO core_booking (resource_id, starts_at, ends_at, status, purpose, booked_by_id,"
    " owner_type, owner_ref, series_id, decided_by_id, decided_at, reason, created_at, version)"
    " VALUES (:room, :starts_at, :ends_at, 'confirmed', 'Giao ban tuần', NULL, '', '', :series,"
    " NULL, :now, '', :now, 1)"
)
ATTENDEES_SQL = text(
    "INSERT INTO meetings_room_booking (booking_id, attendees)"
    " SELECT id, 12 FROM core_booking WHERE series_id = :series"
)
REQUESTS_SQL = text(
    "SELECT id, starts_at, ends_at FROM core_booking WHERE resource_id = :room"
    " AND status = 'requested' AND starts_at < :last_end AND starts_at > :lookback"
    " AND ends_at > :first_start ORDER BY starts_at"
)
REJECT_SQL = text(
    "UPDATE core_booking SET status = 'rejected', version = version + 1 WHERE id IN :ids"
).bindparams(bindparam("ids", expanding=True))


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rooms", type=int, default=50)
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", default="", help="a PostgreSQL server (optional)")
    return parser.parse_args()


def main() -> None:
    args = options()
    from core.booking.guard import clashes_by_slot
    from core.booking.rules import LOOKBACK
    from core.db import db
    from core.i18n import agency_zone
    from core.testing import count_queries
    from plugins.meetings.rooms import services
    from plugins.meetings.rooms.models import Room

    with (
        tempfile.TemporaryDirectory() as tmp,
        fresh_database(args.database_url, Path(tmp), "vp_bench") as url,
    ):
        started = time.perf_counter()
        app, made = build(url, Path(tmp), args.rooms, args.bookings)
        built = time.perf_counter() - started
        with app.app_context():
            engine = db.engine
            backend = engine.dialect.name
            room_id, resource_id = db.session.execute(
                select(Room.id, Room.resource_id).order_by(Room.id).limit(1)
            ).one()
            db.session.rollback()
            # Evenings (18:00–19:30 in Hà Nội) from the first booking day: free of the
            # day's bookings, so the year of dates is accepted.
            first_day = FIRST_DAY.astimezone(agency_zone()).date()
            first = datetime.combine(first_day, clock(18), agency_zone())
            slots = [
                (first + timedelta(weeks=i), first + timedelta(weeks=i, minutes=90))
                for i in range(WEEKS)
            ]

            def stamp(value: datetime) -> object:
                """How the raw statements bind a time (SQLite: the fixed-width UTC text)."""
                if backend == "sqlite":
                    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
                return value

            def service() -> int:
                room = db.session.get(Room, room_id)
                made_series = services.book_room_series(
                    db.session,
                    room,
                    slots[0][0],
                    slots[0][1],
                    f"FREQ=WEEKLY;COUNT={WEEKS}",
                    "Giao ban tuần",
                    None,
                    attendees=12,
                )
                assert len(made_series) == WEEKS
                assert {b.status for b in made_series} == {"confirmed"}
                db.session.rollback()
                db.session.expunge_all()  # a new session each time, as each request has
                return WEEKS

            def parse(value: object) -> datetime:
                if isinstance(value, str):  # SQLite hands back text
                    return datetime.fromisoformat(value).replace(tzinfo=UTC)
                return value  # type: ignore[return-value]

            def by_hand() -> int:
                series_id = uuid.uuid4().hex
                now = stamp(datetime.now(UTC))
                with engine.connect() as conn:
                    if backend == "sqlite":
                        conn.exec_driver_sql("BEGIN IMMEDIATE")
                    else:
                        conn.execute(
                            text("SELECT id FROM core_resource WHERE id = :id FOR NO KEY UPDATE"),
                            {"id": resource_id},
                        )
                    window = {
                        "room": resource_id,
                        "first_start": stamp(slots[0][0]),
                        "last_end": stamp(slots[-1][1]),
                        "lookback": stamp(slots[0][0] - LOOKBACK),
                    }
                    confirmed = [
                        Held(parse(row.starts_at), parse(row.ends_at))
                        for row in conn.execute(CLASH_SQL, window)
                    ]
                    assert not clashes_by_slot(slots, confirmed)  # type: ignore[arg-type]
                    conn.execute(
                        INSERT_SQL,
                        [
                            {
                                "room": resource_id,
                                "starts_at": stamp(start),
                                "ends_at": stamp(end),
                                "series": series_id,
                                "now": now,
                            }
                            for start, end in slots
                        ],
                    )
                    conn.execute(ATTENDEES_SQL, {"series": series_id})
                    requests = [
                        (row.id, Held(parse(row.starts_at), parse(row.ends_at)))
                        for row in conn.execute(REQUESTS_SQL, window)
                    ]
                    held = [Held(start, end) for start, end in slots]
                    displaced = clashes_by_slot(
                        [(r.starts_at, r.ends_at) for _id, r in requests],
                        held,  # type: ignore[arg-type]
                    )
                    if displaced:
                        conn.execute(REJECT_SQL, {"ids": [requests[i][0] for i in displaced]})
                    conn.rollback()
                return WEEKS

            service()
            by_hand()

            def measured_service() -> int:
                with count_queries(engine) as queries:
                    service()
                return queries.count

            def measured_raw() -> int:
                with count_queries(engine) as queries:
                    by_hand()
                return queries.count

            service_statements, service_ms = timed(measured_service, args.runs)
            raw_statements, raw_ms = timed(measured_raw, args.runs)

    print(
        f"a weekly series of {WEEKS} dates for one of {len(made)} rooms, "
        f"{args.bookings:,} bookings in the table"
    )
    print(f"on {backend} (built in {built:.1f} s); median of {args.runs} runs, rolled back")
    print(
        f"  book_room_series()               {service_ms:7.2f} ms  {service_statements} statements"
    )
    print(f"  raw SQL, same checks and writes  {raw_ms:7.2f} ms  {raw_statements} statements")
    print(f"  ratio                            {service_ms / raw_ms:7.2f}x  (target <= 3x)")


if __name__ == "__main__":
    main()
