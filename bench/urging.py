"""The daily urging selection over a large task table: ``plugins.planning.tasks.urging``'s
digests (every person's sections due soon, due today, overdue and escalated, first tasks and
totals) against a hand-written raw-SQL selection of the same rows with the same grouping in
Python, in the same run. Prints median time, statements, peak memory (tracemalloc) and the
ratio; then one full run of the job (tasks turned overdue, digests sent and logged). Never
pass/fail.

    .venv/bin/python -m bench.urging [--tasks 200000] [--due 10000] [--people 2000]
        [--runs 5] [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

Of ``--tasks`` tasks, ``--due`` are open with a deadline near or past (a third overdue, some
long enough to escalate, the rest due today or within three working days); the others are
finished or due months ahead. Statements depend on the number of people, not of tasks; memory
on the batch of people, not on the table.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import groupby
from pathlib import Path

from sqlalchemy import func, insert, select, text

from bench.common import timed
from core.testing import fresh_database

TODAY = date(2030, 3, 6)  # a Wednesday
UNITS = 50
LEADERS = 20
BATCH = 10_000

RAW_SQL = text(
    """
    WITH pairs AS (
        SELECT t.lead_user_id AS user_id, t.id AS task_id,
               CASE WHEN t.deadline < :today THEN 'overdue'
                    WHEN t.deadline = :today THEN 'today' ELSE 'soon' END AS stage
        FROM planning_task t
        WHERE t.status IN ('not_started', 'in_progress', 'overdue') AND t.returned_at IS NULL
          AND t.deadline <= :soon AND t.lead_user_id IS NOT NULL
        UNION ALL
        SELECT m.user_id, t.id,
               CASE WHEN t.deadline < :today THEN 'overdue'
                    WHEN t.deadline = :today THEN 'today' ELSE 'soon' END
        FROM planning_task t JOIN core_membership m ON m.unit_id = t.lead_unit_id AND m.is_head
        WHERE t.status IN ('not_started', 'in_progress', 'overdue') AND t.returned_at IS NULL
          AND t.deadline <= :soon
        UNION ALL
        SELECT h.user_id, t.id, 'head'
        FROM planning_task t
        JOIN core_membership o ON o.user_id = t.lead_user_id AND o.is_primary
        JOIN core_membership h ON h.unit_id = o.unit_id AND h.is_head
             AND h.user_id <> t.lead_user_id
        WHERE t.status IN ('not_started', 'in_progress', 'overdue') AND t.returned_at IS NULL
          AND t.deadline <= :head_cutoff
        UNION ALL
        SELECT t.assigner_id, t.id, 'assigner'
        FROM planning_task t
        WHERE t.status IN ('not_started', 'in_progress', 'overdue') AND t.returned_at IS NULL
          AND t.deadline <= :assigner_cutoff AND t.assigner_id IS NOT NULL
    ),
    ranked AS (
        SELECT p.user_id, p.stage, t.id, t.title, t.deadline,
               ROW_NUMBER() OVER (PARTITION BY p.user_id, p.stage ORDER BY t.deadline, t.id) AS r,
               COUNT(*) OVER (PARTITION BY p.user_id, p.stage) AS total
        FROM pairs p JOIN planning_task t ON t.id = p.task_id
        WHERE NOT EXISTS (SELECT 1 FROM planning_urging_log l
                          WHERE l.user_id = p.user_id AND l.day = :today)
          AND EXISTS (SELECT 1 FROM core_user u WHERE u.id = p.user_id AND u.active)
    )
    SELECT user_id, stage, id, title, deadline, total FROM ranked WHERE r <= :per_section
    ORDER BY user_id, CASE stage WHEN 'assigner' THEN 0 WHEN 'head' THEN 1
             WHEN 'overdue' THEN 2 WHEN 'today' THEN 3 ELSE 4 END, r
    """
)


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=200_000)
    parser.add_argument("--due", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", default="", help="a PostgreSQL server (optional)")
    return parser.parse_args()


def task_rows(
    count: int, due: int, people: list[int], units: list[int], leaders: list[int], window: object
) -> Iterator[dict]:
    """``count`` tasks; every ``count // due``-th is open and near or past its deadline."""
    rng = random.Random(7)
    step = max(1, count // due)
    for i in range(count):
        near = i % step == 0 and i // step < due
        spread = i // step if near else i  # the due tasks, too, spread over people and units
        by_person = spread % 2 == 0
        if near:
            deadline = TODAY + timedelta(days=rng.randint(-30, 4))
            status = rng.choice(["not_started", "in_progress"])  # the job turns late ones overdue
        else:
            deadline = TODAY + timedelta(days=rng.randint(-400, 400))
            if deadline <= TODAY + timedelta(days=10):
                status = rng.choice(["done_on_time", "done_late", "cancelled"])
            else:
                status = "not_started"
        assigned = min(deadline, TODAY) - timedelta(days=rng.randint(5, 60))
        yield {
            "title": f"Nhiệm vụ số {i}: rà soát, tổng hợp báo cáo",
            "description": "",
            "expected_result": "",
            "priority": "normal",
            "lead_user_id": people[spread // 2 % len(people)] if by_person else None,
            "lead_unit_id": None if by_person else units[spread // 2 % len(units)],
            "assigner_id": leaders[spread % len(leaders)],
            "assigned_on": assigned,
            "due_on": deadline,
            "deadline": deadline,
            "status": status,
            "progress": 100 if status.startswith("done") else 0,
            "completed_on": deadline if status.startswith("done") else None,
            "return_reason": "",
            "cites": "",
            "created_at": window,
            "updated_at": window,
        }


def build(url: str, folder: Path, tasks: int, due: int, people_count: int):
    from core import migrations
    from core.app import create_app
    from core.db import db, utcnow
    from core.identity.models import User
    from core.org.models import Membership, Unit
    from core.testing import enabled_branches
    from plugins.planning.tasks.models import Task

    app = create_app(
        {
            "database_url": url,
            "instance_path": folder,
            "secret_key": "bench",
            "plugins": ("planning",),
        }
    )
    with app.app_context():
        migrations.upgrade(db.engine, enabled_branches(app))
        root = Unit(code="ROOT", name="Sở Nội vụ", abbreviation="SNV", kind="agency", path="/1/")
        db.session.add(root)
        db.session.flush()
        db.session.execute(
            insert(Unit),
            [
                {
                    "id": 2 + i,
                    "code": f"P{i:02d}",
                    "name": f"Phòng {i}",
                    "abbreviation": f"P{i}",
                    "kind": "department",
                    "parent_id": root.id,
                    "path": f"/1/{2 + i}/",
                    "sort_order": i,
                    "active": True,
                }
                for i in range(UNITS)
            ],
        )
        total_people = people_count + UNITS + LEADERS
        db.session.execute(
            insert(User),
            [
                {
                    "username": f"u{i:06d}",
                    "full_name": f"Người {i}",
                    "email": "",
                    "phone": "",
                    "password_hash": "x",
                    "active": True,
                    "is_superuser": False,
                }
                for i in range(total_people)
            ],
        )
        user_ids = list(db.session.scalars(select(User.id).order_by(User.id)))
        people, heads = user_ids[:people_count], user_ids[people_count : people_count + UNITS]
        leaders = user_ids[people_count + UNITS :]
        units = [2 + i for i in range(UNITS)]
        db.session.execute(
            insert(Membership),
            [
                {
                    "user_id": p,
                    "unit_id": units[n % UNITS],
                    "is_primary": True,
                    "is_head": False,
                    "can_sign": False,
                }
                for n, p in enumerate(people)
            ]
            + [
                {
                    "user_id": h,
                    "unit_id": units[n],
                    "is_primary": True,
                    "is_head": True,
                    "can_sign": False,
                }
                for n, h in enumerate(heads)
            ],
        )
        now = utcnow()
        batch: list[dict] = []
        for row in task_rows(tasks, due, people, units, leaders, now):
            batch.append(row)
            if len(batch) == BATCH:
                db.session.execute(insert(Task.__table__), batch)
                batch.clear()
        if batch:
            db.session.execute(insert(Task.__table__), batch)
        db.session.commit()
        with db.engine.connect() as conn:  # statistics, as a database in use has them
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    return app


def digest_summary(digests: Iterator) -> list[tuple]:
    """(user, stage, total, first task ids) of every digest: what both selections must agree on."""
    return [
        (d.user_id, stage, total, [line.task_id for line in lines])
        for d in digests
        for stage, (total, lines) in d.sections.items()
    ]


def main() -> None:
    args = options()
    from core.db import db
    from core.testing import count_queries
    from plugins.planning.tasks import jobs, urging
    from plugins.planning.tasks.models import Task

    with (
        tempfile.TemporaryDirectory() as tmp,
        fresh_database(args.database_url, Path(tmp), "vp_bench") as url,
    ):
        started = time.perf_counter()
        app = build(url, Path(tmp), args.tasks, args.due, args.people)
        built = time.perf_counter() - started
        with app.app_context():
            engine = db.engine
            backend = engine.dialect.name
            settings = urging.UrgingSettings()
            window = urging.Window.of(db.session, TODAY, settings)
            params = {
                "today": TODAY,
                "soon": window.soon_until,
                "head_cutoff": window.head_cutoff,
                "assigner_cutoff": window.assigner_cutoff,
                "per_section": settings.per_section,
            }

            def service() -> list:
                found = [
                    d
                    for batch in urging.select_digests(db.session, window, settings)
                    for d in batch
                ]
                db.session.rollback()
                return found

            def by_hand() -> list:
                digests: list = []
                with engine.connect() as conn:
                    rows = conn.execute(RAW_SQL, params)
                    for user_id, group in groupby(rows, key=lambda r: r.user_id):
                        digest = urging.Digest(user_id, None)
                        for stage, lines in groupby(group, key=lambda r: r.stage):
                            listed = list(lines)
                            digest.sections[stage] = (
                                listed[0].total,
                                [urging.Line(r.id, r.title, r.deadline) for r in listed],
                            )
                        digests.append(digest)
                return digests

            assert digest_summary(service()) == digest_summary(by_hand()), "they disagree"
            selected = service()
            people = len(selected)
            lines = sum(d.task_count for d in selected)

            def measured_service() -> int:
                with count_queries(engine) as queries:
                    service()
                return queries.count

            def measured_raw() -> int:
                by_hand()
                return 1

            service_statements, service_ms = timed(measured_service, args.runs)
            raw_statements, raw_ms = timed(measured_raw, args.runs)
            service_peak, raw_peak = peak(service), peak(by_hand)

            with count_queries(engine) as queries:
                job_started = time.perf_counter()
                run = jobs.urge(TODAY)
                job_ms = (time.perf_counter() - job_started) * 1000
            job_statements = queries.count
            tasks_total = db.session.scalar(select(func.count()).select_from(Task))

    print(f"urging selection over {tasks_total:,} tasks ({args.due:,} due or overdue) on")
    print(f"{backend} (built in {built:.1f} s): {people:,} people to urge, {lines:,} task lines;")
    print(f"median of {args.runs} runs")
    print(
        f"  urging.select_digests()   {service_ms:8.1f} ms  {service_statements:3d} statements"
        f"  peak {service_peak / 1e6:6.1f} MB"
    )
    print(
        f"  raw SQL + same grouping   {raw_ms:8.1f} ms  {raw_statements:3d} statement "
        f"  peak {raw_peak / 1e6:6.1f} MB"
    )
    print(f"  ratio                     {service_ms / raw_ms:8.2f}x  (target <= 3x)")
    print(
        f"  whole job once: {run.overdue:,} tasks turned overdue, {run.digests:,} digests sent "
        f"in {job_ms / 1000:.1f} s, {job_statements:,} statements"
    )


def peak(fn) -> int:
    """Peak memory allocated while ``fn`` runs (tracemalloc), in bytes."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


if __name__ == "__main__":
    main()
