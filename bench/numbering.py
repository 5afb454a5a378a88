"""1,000 document numbers issued one after another, each in its own transaction, through
``core.registry.services.issue_number`` (checks, counter, document row, audit), against a
hand-written loop in the same run doing the same counter upsert (``INSERT … ON CONFLICT DO
UPDATE … RETURNING``) and document insert in raw SQL. Prints the time per number, statements
and the ratio, on SQLite and, when ``VANPHONG_BENCH_DATABASE_URL`` or ``--database`` names a
PostgreSQL server, there too (in a temporary database); never pass/fail.

    .venv/bin/python -m bench.numbering [--numbers 1000] [--database postgresql+psycopg://…]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import text

from core.testing import fresh_database

SIGNED_ON = date(2025, 6, 2)
COUNTER_SQL = (
    "INSERT INTO core_register_counter (register_id, year, last_number) "
    "VALUES (:register, :year, 1) ON CONFLICT (register_id, year) "
    "DO UPDATE SET last_number = core_register_counter.last_number + 1 RETURNING last_number"
)
DOCUMENT_SQL = (
    "INSERT INTO core_document (register_id, type_id, year, number, symbol, signed_on, summary,"
    " signer, drafting_unit, recipients, archive_holder, note, source, source_ref, status,"
    " withdrawn_reason, issued_at, version) VALUES (:register, :type, :year, :number, :symbol,"
    " :signed_on, :summary, '', '', '', '', '', '', '', 'issued', '', :now, 1)"
)


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--numbers", type=int, default=1000)
    parser.add_argument(
        "--database",
        default=os.environ.get("VANPHONG_BENCH_DATABASE_URL", ""),
        help="a PostgreSQL server (a temporary database is made there and dropped)",
    )
    return parser.parse_args()


def build(url: str, folder: Path):
    """An app on ``url`` with two registers of one agency: one per contender."""
    from core import migrations
    from core.app import create_app
    from core.db import db
    from core.identity.roles import sync_permissions
    from core.org.services import create_unit
    from core.registry import catalog
    from core.registry.models import DocumentType, Register
    from core.testing import enabled_branches

    app = create_app(
        {"database_url": url, "instance_path": folder, "secret_key": "bench", "plugins": ()}
    )
    with app.app_context():
        migrations.upgrade(db.engine, enabled_branches(app))
        sync_permissions(app)
        agency = create_unit(db.session, "SNV", "Sở Nội vụ", "SNV", "agency")
        decision = db.session.query(DocumentType).filter_by(code="QĐ").one()
        ids = [
            catalog.save_register(
                db.session, Register(name=name, unit=agency, issuer_abbreviation=abbr), [decision]
            ).id
            for name, abbr in (("Sổ dịch vụ", "SNV"), ("Sổ SQL tay", "SQL"))
        ]
        db.session.commit()
        return app, ids, decision.id


def service_loop(register_id: int, type_id: int, numbers: int) -> int:
    """Issue ``numbers`` numbers through the service, a transaction each; the last number."""
    from core.db import db
    from core.registry import services
    from core.registry.models import DocumentType, Register

    for i in range(numbers):
        document = services.issue_number(
            db.session,
            db.session.get(Register, register_id),
            db.session.get(DocumentType, type_id),
            SIGNED_ON,
            summary=f"về việc thử số {i}",
        )
        db.session.commit()
    return document.number


def raw_loop(engine, register_id: int, type_id: int, numbers: int) -> int:
    """The floor: the same counter upsert and document insert by hand; the last number."""
    from core.db import utcnow

    key = {"register": register_id, "year": SIGNED_ON.year}
    for i in range(numbers):
        now = utcnow()
        with engine.begin() as conn:
            number = conn.execute(text(COUNTER_SQL), key).scalar_one()
            row = {
                **key,
                "type": type_id,
                "number": number,
                "symbol": f"{number:02d}/QĐ-SQL",
                "signed_on": SIGNED_ON,
                "summary": f"về việc thử số {i}",
                # SQLite keeps UTC times without an offset, as core.db.UtcDateTime writes them
                "now": now.replace(tzinfo=None) if engine.dialect.name == "sqlite" else now,
            }
            conn.execute(text(DOCUMENT_SQL), row)
    return int(number)


def run(url: str, numbers: int) -> dict[str, Any]:
    from core.db import db
    from core.testing import count_queries

    with tempfile.TemporaryDirectory() as tmp:
        app, (service_register, raw_register), type_id = build(url, Path(tmp))
        with app.app_context():
            engine = db.engine
            with count_queries(engine) as queries:
                started = time.perf_counter()
                last = service_loop(service_register, type_id, numbers)
                service_seconds = time.perf_counter() - started
            started = time.perf_counter()
            raw_last = raw_loop(engine, raw_register, type_id, numbers)
            raw_seconds = time.perf_counter() - started
            assert last == raw_last == numbers  # both numbered 1..N without a gap
            backend = engine.dialect.name
            engine.dispose()
    return {
        "backend": backend,
        "service_ms": service_seconds * 1000 / numbers,
        "service_statements": queries.count / numbers,
        "raw_ms": raw_seconds * 1000 / numbers,
    }


def report(figures: dict[str, Any], numbers: int) -> None:
    print(f"{numbers:,} numbers issued one by one on {figures['backend']}, a transaction each")
    print(
        f"  issue_number (service, audit)    {figures['service_ms']:7.3f} ms per number"
        f"  {figures['service_statements']:.1f} statements"
    )
    print(
        f"  raw SQL (counter upsert, insert) {figures['raw_ms']:7.3f} ms per number  2 statements"
    )
    print(f"  ratio                            {figures['service_ms'] / figures['raw_ms']:7.2f}x")


def main() -> None:
    args = options()
    with tempfile.TemporaryDirectory() as tmp:
        with fresh_database(None, Path(tmp), "vp_bench") as url:
            report(run(url, args.numbers), args.numbers)
        if args.database:
            with fresh_database(args.database, Path(tmp), "vp_bench") as url:
                report(run(url, args.numbers), args.numbers)
        else:
            print("(PostgreSQL: set VANPHONG_BENCH_DATABASE_URL or pass --database)")


if __name__ == "__main__":
    main()
