"""Free slots of 100 rooms over one week with 100,000 bookings in the table, through
``core.booking.availability.free_slots``, against a hand-written raw-SQL query (one statement,
the rooms left-joined to their confirmed bookings) plus the same gap computation in Python, in
the same run. Prints median time, statements and the ratio; never pass/fail.

    .venv/bin/python -m bench.free_slots [--rooms 100] [--bookings 100000] [--runs 30]
        [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

With ``--database-url`` the run uses a new database on that PostgreSQL server (dropped
afterwards); by default a SQLite file in a temporary folder.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import bindparam, insert, select, text

from bench.common import timed
from core.testing import fresh_database

DAY = timedelta(days=1)
FIRST_DAY = datetime(2030, 1, 7, 1, 0, tzinfo=UTC)  # a Monday, 08:00 in Hà Nội

RAW_SQL = text(
    "SELECT r.id, b.starts_at, b.ends_at FROM core_resource r"
    " LEFT JOIN core_booking b ON b.resource_id = r.id AND b.status = 'confirmed'"
    " AND b.starts_at < :end AND b.starts_at > :lookback AND b.ends_at > :start"
    " WHERE r.id IN :ids AND r.active ORDER BY r.id, b.starts_at"
).bindparams(bindparam("ids", expanding=True))


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rooms", type=int, default=100)
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", default="", help="a PostgreSQL server (optional)")
    return parser.parse_args()


def bookings_of(room_id: int, count: int, rng: random.Random) -> Iterator[dict]:
    """``count`` bookings of one room, two a day (morning, afternoon) from FIRST_DAY: 80 %
    confirmed, 10 % waiting, 10 % cancelled; confirmed ones never overlap."""
    for i in range(count):
        day = FIRST_DAY + (i // 2) * DAY
        start = day + (timedelta(hours=5, minutes=30) if i % 2 else timedelta())
        length = timedelta(minutes=30 * rng.randint(1, 8))
        roll = rng.random()
        status = "confirmed" if roll < 0.8 else "requested" if roll < 0.9 else "cancelled"
        yield {
            "resource_id": room_id,
            "starts_at": start,
            "ends_at": start + length,
            "status": status,
            "purpose": f"Cuộc họp {i}",
            "owner_type": "",
            "owner_ref": "",
            "reason": "",
            "created_at": FIRST_DAY,
        }


def build(url: str, folder: Path, rooms: int, bookings: int):
    from core import migrations
    from core.app import create_app
    from core.booking.models import Booking, Resource
    from core.db import db
    from core.identity.roles import sync_permissions
    from core.testing import enabled_branches

    app = create_app(
        {"database_url": url, "instance_path": folder, "secret_key": "bench", "plugins": ()}
    )
    with app.app_context():
        migrations.upgrade(db.engine, enabled_branches(app))
        sync_permissions(app)
        db.session.execute(
            insert(Resource),
            [
                {"code": f"P{i:03d}", "name": f"Phòng họp {i}", "kind": "room", "location": ""}
                | {"description": "", "active": True, "capacity": 20}
                for i in range(rooms)
            ],
        )
        room_ids = list(db.session.scalars(select(Resource.id).order_by(Resource.id)))
        rng = random.Random(30)
        per_room = bookings // rooms
        batch: list[dict] = []
        for room_id in room_ids:
            batch.extend(bookings_of(room_id, per_room, rng))
            if len(batch) >= 10_000:
                db.session.execute(insert(Booking), batch)
                batch.clear()
        if batch:
            db.session.execute(insert(Booking), batch)
        db.session.commit()
        with db.engine.connect() as conn:  # statistics, as a database in use has them
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        # A week halfway through the bookings, from Monday 00:00 in Hà Nội (UTC+7).
        week_start = FIRST_DAY - timedelta(hours=8) + timedelta(weeks=per_room // 28)
    return app, room_ids, week_start


def main() -> None:
    args = options()
    from core.booking.availability import free_slots, gaps
    from core.booking.rules import LOOKBACK
    from core.db import db
    from core.testing import count_queries

    with (
        tempfile.TemporaryDirectory() as tmp,
        fresh_database(args.database_url, Path(tmp), "vp_bench") as url,
    ):
        started = time.perf_counter()
        app, room_ids, week_start = build(url, Path(tmp), args.rooms, args.bookings)
        built = time.perf_counter() - started
        week_end = week_start + 7 * DAY
        minimum = timedelta(minutes=30)
        with app.app_context():
            engine = db.engine
            backend = engine.dialect.name
            parse = backend == "sqlite"  # SQLite hands back text; PostgreSQL aware datetimes

            def by_hand() -> dict:
                busy: dict[int, list] = {}
                with engine.connect() as conn:
                    rows = conn.execute(
                        RAW_SQL,
                        {
                            "ids": room_ids,
                            "start": week_start,
                            "end": week_end,
                            "lookback": week_start - LOOKBACK,
                        },
                    )
                    for room_id, starts_at, ends_at in rows:
                        times = busy.setdefault(room_id, [])
                        if starts_at is None:
                            continue
                        if parse:
                            starts_at = datetime.fromisoformat(starts_at).replace(tzinfo=UTC)
                            ends_at = datetime.fromisoformat(ends_at).replace(tzinfo=UTC)
                        times.append((starts_at, ends_at))
                return {rid: gaps(t, week_start, week_end, minimum) for rid, t in busy.items()}

            def service() -> dict:
                found = free_slots(db.session, room_ids, week_start, week_end, min_minutes=30)
                db.session.rollback()  # a new transaction each time, as each request has
                return found

            assert service() == by_hand(), "the two computations disagree"
            slots = sum(len(s) for s in service().values())

            def measured_service() -> int:
                with count_queries(engine) as queries:
                    service()
                return queries.count

            def measured_raw() -> int:
                by_hand()
                return 1

            service_statements, service_ms = timed(measured_service, args.runs)
            raw_statements, raw_ms = timed(measured_raw, args.runs)

    print(f"free slots of {len(room_ids)} rooms over one week, {args.bookings:,} bookings")
    print(f"in the table on {backend} (built in {built:.1f} s); {slots:,} free slots found;")
    print(f"median of {args.runs} runs")
    print(
        f"  free_slots()                     {service_ms:7.2f} ms  {service_statements} statements"
    )
    print(f"  raw SQL + the same gaps()        {raw_ms:7.2f} ms  {raw_statements} statement")
    print(f"  ratio                            {service_ms / raw_ms:7.2f}x  (target <= 3x)")


if __name__ == "__main__":
    main()
