"""The room calendar's week view: 50 catalogue rooms over one week with 100,000 bookings in
the table, through ``plugins.meetings.rooms.grid`` (the rooms, then their open bookings of
the window with bookers and attendees, put in room × day cells), against hand-written raw SQL
(the same two statements) and the same cells built from the rows, in the same run. Prints
median time, statements and the ratio; never pass/fail.

    .venv/bin/python -m bench.room_week [--rooms 50] [--bookings 100000] [--runs 30]
        [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

With ``--database-url`` the run uses a new database on that PostgreSQL server (dropped
afterwards); by default a SQLite file in a temporary folder.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, insert, text

from bench.common import timed
from bench.free_slots import FIRST_DAY, bookings_of
from core.testing import fresh_database

ROOMS_SQL = text(
    "SELECT m.id, m.resource_id, r.name, r.capacity, m.building, m.floor"
    " FROM meetings_room m JOIN core_resource r ON r.id = m.resource_id"
    " WHERE r.active ORDER BY m.building, m.floor, r.name"
)
BOOKINGS_SQL = text(
    "SELECT b.id, b.resource_id, b.starts_at, b.ends_at, b.status, b.purpose, u.full_name,"
    " a.attendees FROM core_booking b"
    " LEFT JOIN meetings_room_booking a ON a.booking_id = b.id"
    " LEFT JOIN core_user u ON u.id = b.booked_by_id"
    " WHERE b.resource_id IN :ids AND b.status IN ('requested', 'confirmed')"
    " AND b.starts_at < :end AND b.starts_at > :lookback AND b.ends_at > :start"
    " ORDER BY b.starts_at, b.id"
).bindparams(bindparam("ids", expanding=True))


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rooms", type=int, default=50)
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", default="", help="a PostgreSQL server (optional)")
    return parser.parse_args()


def build(url: str, folder: Path, rooms: int, bookings: int) -> tuple[Any, list[Any]]:
    """An app with the meetings plugin, ``rooms`` catalogue rooms and ``bookings`` bookings
    spread over them (two a day each, from FIRST_DAY; every other one with attendees)."""
    from core import migrations
    from core.app import create_app
    from core.booking.models import Booking
    from core.db import db
    from core.identity.roles import sync_permissions
    from core.testing import enabled_branches
    from plugins.meetings.rooms import services

    app = create_app(
        {
            "database_url": url,
            "instance_path": folder,
            "secret_key": "bench",
            "plugins": ("meetings",),
        }
    )
    with app.app_context():
        migrations.upgrade(db.engine, enabled_branches(app))
        sync_permissions(app)
        made = [
            services.create_room(
                db.session,
                code=f"P{i:03d}",
                name=f"Phòng họp {i}",
                capacity=20,
                building=f"Nhà {'ABC'[i % 3]}",
                floor=f"Tầng {i % 5 + 1}",
                equipment=["projector"],
            )
            for i in range(rooms)
        ]
        rng = random.Random(30)
        per_room = bookings // rooms
        batch: list[dict] = []
        for room in made:
            batch.extend(bookings_of(room.resource_id, per_room, rng))
            if len(batch) >= 10_000:
                db.session.execute(insert(Booking), batch)
                batch.clear()
        if batch:
            db.session.execute(insert(Booking), batch)
        db.session.execute(
            text(
                "INSERT INTO meetings_room_booking (booking_id, attendees)"
                " SELECT id, 12 FROM core_booking WHERE id % 2 = 0"
            )
        )
        db.session.commit()
        with db.engine.connect() as conn:  # statistics, as a database in use has them
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    return app, made


def main() -> None:
    args = options()
    from core.booking.rules import LOOKBACK
    from core.db import db
    from core.i18n import agency_zone
    from core.testing import count_queries
    from plugins.meetings.rooms import grid
    from plugins.meetings.rooms.door import day_bounds

    with (
        tempfile.TemporaryDirectory() as tmp,
        fresh_database(args.database_url, Path(tmp), "vp_bench") as url,
    ):
        started = time.perf_counter()
        app, made = build(url, Path(tmp), args.rooms, args.bookings)
        built = time.perf_counter() - started
        with app.app_context():
            per_room = args.bookings // args.rooms
            # A week halfway through the bookings, Monday to Sunday in Hà Nội.
            monday = (FIRST_DAY + timedelta(days=per_room // 4)).astimezone(agency_zone()).date()
            monday -= timedelta(days=monday.weekday())
            days = [monday + timedelta(days=i) for i in range(7)]
            bounds = [day_bounds(day) for day in days]
            engine = db.engine
            backend = engine.dialect.name
            parse = backend == "sqlite"  # SQLite hands back text; PostgreSQL aware datetimes

            def by_hand() -> dict[tuple[int, date], list[int]]:
                cells: dict[tuple[int, date], list[int]] = {}
                with engine.connect() as conn:
                    rooms = conn.execute(ROOMS_SQL).all()
                    by_resource = {row.resource_id: row.id for row in rooms}
                    rows = conn.execute(
                        BOOKINGS_SQL,
                        {
                            "ids": list(by_resource),
                            "start": bounds[0][0],
                            "end": bounds[-1][1],
                            "lookback": bounds[0][0] - LOOKBACK,
                        },
                    )
                    for row in rows:
                        starts_at, ends_at = row.starts_at, row.ends_at
                        if parse:
                            starts_at = datetime.fromisoformat(starts_at).replace(tzinfo=UTC)
                            ends_at = datetime.fromisoformat(ends_at).replace(tzinfo=UTC)
                        for day, (day_start, day_end) in zip(days, bounds, strict=True):
                            if starts_at < day_end and ends_at > day_start:
                                key = (by_resource[row.resource_id], day)
                                cells.setdefault(key, []).append(row.id)
                return cells

            def service() -> dict[tuple[int, date], list[int]]:
                rooms = grid.calendar_rooms(db.session)
                calendar = grid.room_calendar(db.session, monday, 7, rooms)
                found = {
                    key: [slot.booking.id for slot in slots]
                    for key, slots in calendar.cells.items()
                }
                db.session.rollback()  # a new transaction each time, as each request has
                db.session.expunge_all()  # and a new session
                return found

            assert service() == by_hand(), "the two computations disagree"
            shown = sum(len(ids) for ids in service().values())

            def measured_service() -> int:
                with count_queries(engine) as queries:
                    service()
                return queries.count

            def measured_raw() -> int:
                by_hand()
                return 2

            service_statements, service_ms = timed(measured_service, args.runs)
            raw_statements, raw_ms = timed(measured_raw, args.runs)

    print(
        f"room calendar, week of {monday:%d/%m/%Y}: {len(made)} rooms, "
        f"{args.bookings:,} bookings in the table"
    )
    print(f"on {backend} (built in {built:.1f} s); {shown:,} bookings shown; median of {args.runs}")
    print(
        f"  grid.room_calendar()             {service_ms:7.2f} ms  {service_statements} statements"
    )
    print(f"  raw SQL + the same cells         {raw_ms:7.2f} ms  {raw_statements} statements")
    print(f"  ratio                            {service_ms / raw_ms:7.2f}x  (target <= 3x)")


if __name__ == "__main__":
    main()
