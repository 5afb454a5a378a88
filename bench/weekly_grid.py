"""The leaders' weekly grid — 20 leaders, 300 published entries with their participants, rooms
and vehicles — as ONE back-office page request (the HTML print view, and the PDF), against a
hand-written raw-SQL read of the same entries grouped into the same cells, in the same run.
Prints median time, statements and the ratios; never pass/fail.

    .venv/bin/python -m bench.weekly_grid [--leaders 20] [--entries 300] [--runs 30]
        [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

With ``--database-url`` the run uses a new database on that PostgreSQL server (dropped
afterwards); by default a SQLite file in a temporary folder.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select, text

from bench.common import timed
from core.testing import fresh_database

MONDAY = date(2030, 1, 7)
WEEK = "2030-W02"
HALF_DAYS = {"morning": (0, 30, 4, 30), "afternoon": (6, 30, 10, 0)}  # UTC hours of 07:30…

RAW_ENTRIES = text(
    "SELECT e.id, e.day, e.session, e.starts_at, e.ends_at, e.timed, e.content, e.leader_id,"
    " e.participants, e.location, r.name, v.name, u.name"
    " FROM planning_schedule_entry e JOIN planning_week w ON w.id = e.week_id"
    " JOIN core_unit u ON u.id = e.unit_id"
    " LEFT JOIN core_resource r ON r.id = e.room_id"
    " LEFT JOIN core_resource v ON v.id = e.vehicle_id"
    " WHERE w.year = :year AND w.number = :number AND e.status <> 'withdrawn'"
    " ORDER BY e.starts_at, e.id"
)
RAW_PEOPLE = text(
    "SELECT p.entry_id, u.full_name FROM planning_schedule_participant p"
    " JOIN core_user u ON u.id = p.user_id JOIN planning_schedule_entry e ON e.id = p.entry_id"
    " JOIN planning_week w ON w.id = e.week_id WHERE w.year = :year AND w.number = :number"
)
RAW_LEADERS = text(
    "SELECT u.id, u.full_name FROM core_user u JOIN core_membership m ON m.user_id = u.id"
    " JOIN core_position p ON p.id = m.position_id JOIN core_unit t ON t.id = m.unit_id"
    " WHERE p.is_leader AND t.parent_id IS NULL AND u.active ORDER BY p.rank, u.full_name"
)


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaders", type=int, default=20)
    parser.add_argument("--entries", type=int, default=300)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", default="", help="a PostgreSQL server (optional)")
    return parser.parse_args()


def build(url: str, folder: Path, leaders: int, entries: int):
    """An agency with ``leaders`` leaders and a published week of ``entries`` entries."""
    from core import migrations
    from core.app import create_app
    from core.booking.models import Resource
    from core.db import db
    from core.identity.models import User
    from core.identity.passwords import hash_password
    from core.identity.roles import sync_permissions
    from core.identity.services import create_user
    from core.org.models import Membership, Position
    from core.org.services import create_unit
    from core.testing import enabled_branches
    from plugins.planning.schedule.models import ScheduleEntry, Week, schedule_participant

    app = create_app(
        {
            "database_url": url,
            "instance_path": folder,
            "secret_key": "bench",
            "plugins": ("planning",),
            "locale": "vi",
        }
    )
    rng = random.Random(48)
    with app.app_context():
        migrations.upgrade(db.engine, enabled_branches(app))
        sync_permissions(app)
        admin = create_user(db.session, "quantri", "benchmark-password", superuser=True)
        root = create_unit(db.session, "SNV", "Sở Nội vụ", "SNV", "agency")
        units = [
            create_unit(db.session, f"P{i}", f"Phòng chuyên môn {i}", f"P{i}", parent=root).id
            for i in range(10)
        ]
        position = Position(code="LD", name="Lãnh đạo", rank=10, is_leader=True)
        db.session.add(position)
        db.session.flush()
        hashed = hash_password("benchmark-password")
        db.session.execute(
            insert(User),
            [
                {"username": f"ld{i:02d}", "full_name": f"Lãnh đạo số {i}", "password_hash": hashed}
                | {"email": "", "phone": ""}
                for i in range(leaders)
            ]
            + [
                {"username": f"cv{i:03d}", "full_name": f"Chuyên viên {i}", "password_hash": hashed}
                | {"email": "", "phone": ""}
                for i in range(100)
            ],
        )
        leader_ids = list(
            db.session.scalars(select(User.id).where(User.username.like("ld%")).order_by(User.id))
        )
        staff_ids = list(db.session.scalars(select(User.id).where(User.username.like("cv%"))))
        db.session.execute(
            insert(Membership),
            [
                {"user_id": u, "unit_id": root.id, "position_id": position.id, "is_primary": True}
                | {"is_head": False, "can_sign": True}
                for u in leader_ids
            ],
        )
        db.session.execute(
            insert(Resource),
            [
                {"code": f"R{i}", "name": f"Phòng họp {i}", "kind": "room", "location": ""}
                | {"description": "", "active": True}
                for i in range(10)
            ]
            + [
                {"code": f"X{i}", "name": f"Xe 29A-{i:03d}", "kind": "vehicle", "location": ""}
                | {"description": "", "active": True}
                for i in range(3)
            ],
        )
        rooms = list(db.session.scalars(select(Resource.id).where(Resource.kind == "room")))
        cars = list(db.session.scalars(select(Resource.id).where(Resource.kind == "vehicle")))
        cutoff = datetime.combine(MONDAY - timedelta(days=4), datetime.min.time(), UTC)
        week = Week(year=2030, number=2, cutoff_at=cutoff, status="published")
        week.published_version = 1
        week.note = "Lịch này thay giấy mời"
        db.session.add(week)
        db.session.flush()
        rows = []
        for i in range(entries):
            day = MONDAY + timedelta(days=i % 5)
            half = rng.choice(("morning", "afternoon"))
            sh, sm, eh, em = HALF_DAYS[half]
            start = datetime(day.year, day.month, day.day, sh, sm, tzinfo=UTC)
            end = datetime(day.year, day.month, day.day, eh, em, tzinfo=UTC)
            rows.append(
                {
                    "week_id": week.id,
                    "day": day,
                    "session": half,
                    "starts_at": start,
                    "ends_at": end,
                    "timed": bool(i % 2),
                    "content": f"Nội dung công tác số {i}: làm việc với các phòng chuyên môn",
                    "leader_id": leader_ids[i % leaders],
                    "participants": "Các phòng chuyên môn" if i % 3 else "",
                    "location": "UBND tỉnh" if i % 4 == 0 else "",
                    "room_id": rng.choice(rooms) if i % 3 == 0 else None,
                    "vehicle_id": rng.choice(cars) if i % 10 == 0 else None,
                    "unit_id": rng.choice(units),
                    "submitted_at": cutoff,
                    "status": "accepted",
                    "note": "",
                }
            )
        db.session.execute(insert(ScheduleEntry), rows)
        entry_ids = list(db.session.scalars(select(ScheduleEntry.id)))
        db.session.execute(
            insert(schedule_participant),
            [{"entry_id": e, "user_id": u} for e in entry_ids for u in rng.sample(staff_ids, 2)],
        )
        db.session.commit()
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        return app, admin.id


def raw_grid(engine) -> dict:
    """The same cells by hand: leaders, entries with their names, participants (3 statements)."""
    cells: dict[tuple, list] = defaultdict(list)
    with engine.connect() as conn:
        leaders = conn.execute(RAW_LEADERS).all()
        people: dict[int, list[str]] = defaultdict(list)
        for entry_id, name in conn.execute(RAW_PEOPLE, {"year": 2030, "number": 2}):
            people[entry_id].append(name)
        for row in conn.execute(RAW_ENTRIES, {"year": 2030, "number": 2}):
            entry_id, day, session, *_times, content, leader_id = row[:8]
            place = ", ".join(p for p in (row[10], row[9]) if p)
            cells[(day, session, leader_id)].append(
                (content, place, ", ".join([row[8], *people[entry_id]]), row[12])
            )
    return {"leaders": leaders, "cells": cells}


def main() -> None:
    args = options()
    from core.db import db
    from core.identity import sessions
    from core.testing import count_queries

    with (
        tempfile.TemporaryDirectory() as tmp,
        fresh_database(args.database_url, Path(tmp), "vp_bench") as url,
    ):
        started = time.perf_counter()
        app, admin_id = build(url, Path(tmp), args.leaders, args.entries)
        built = time.perf_counter() - started
        client = app.test_client()
        with app.app_context():
            sid = sessions.create(admin_id)
            db.session.commit()
            engine = db.engine
            backend = engine.dialect.name
        with client.session_transaction() as s:
            s[sessions.SESSION_KEY], s["_user_id"], s["_fresh"] = sid, str(admin_id), True

        def page(path: str):
            def request() -> int:
                with count_queries(engine) as queries:
                    response = client.get(f"/admin/planning_schedule/{path}?week={WEEK}")
                assert response.status_code == 200, response.status_code
                return queries.count

            return request

        def service() -> int:
            from core.calendar.weeks import parse_week
            from core.identity.models import User
            from plugins.planning.schedule import grid

            with app.test_request_context(), count_queries(engine) as queries:
                viewer = db.session.get(User, admin_id)
                built_grid = grid.build(db.session, parse_week(WEEK), viewer)
                assert sum(len(c) for r in built_grid.rows for c in r.cells) == args.entries
            return queries.count

        def raw() -> int:
            found = raw_grid(engine)
            assert len(found["leaders"]) == args.leaders
            return 3

        html_page, pdf_page = page("print"), page("pdf")
        body = client.get(f"/admin/planning_schedule/print?week={WEEK}").get_data(as_text=True)
        shown = body.count('class="item')
        assert shown == args.entries, (shown, args.entries)
        html_page(), pdf_page(), service(), raw()  # warm up
        html_statements, html_ms = timed(html_page, args.runs)
        pdf_statements, pdf_ms = timed(pdf_page, max(3, args.runs // 6))
        service_statements, service_ms = timed(service, args.runs)
        raw_statements, raw_ms = timed(raw, args.runs)

    print(
        f"weekly grid of {args.leaders} leaders and {args.entries} entries on {backend} "
        f"(built in {built:.1f} s); median of {args.runs} runs"
    )
    print(f"  HTML print view, one request     {html_ms:7.2f} ms  {html_statements} statements")
    print(f"  PDF, one request                 {pdf_ms:7.2f} ms  {pdf_statements} statements")
    print(
        f"  grid.build() (the page's data)   {service_ms:7.2f} ms  {service_statements} statements"
    )
    print(f"  raw SQL, same cells              {raw_ms:7.2f} ms  {raw_statements} statements")
    print(f"  ratio grid.build() / raw SQL     {service_ms / raw_ms:7.2f}x")
    print(f"  ratio HTML page / raw SQL        {html_ms / raw_ms:7.2f}x")


if __name__ == "__main__":
    main()
