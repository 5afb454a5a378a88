"""Numbers under concurrency: 20 workers × 50 numbers, each in its own transaction and session,
against one database (the SQLite file or the PostgreSQL database of the test), one transaction
in ten rolled back after taking its number. The year's numbers must be exactly 1..K."""

import threading
from datetime import date

from sqlalchemy import select

from core.db import db
from core.registry.models import Document, RegisterCounter
from tests.core.test_registry_support import add_registers, issue

WORKERS = 20
NUMBERS = 50
SIGNED_ON = date(2025, 6, 2)


def test_concurrent_numbers_have_no_gaps_and_no_duplicates(app, agency):
    register_id = add_registers(app, agency)["ordinary"]
    start = threading.Barrier(WORKERS)
    failures: list[BaseException] = []
    kept: list[int] = []
    lock = threading.Lock()

    def worker(index: int) -> None:
        try:
            with app.app_context():
                start.wait()
                for attempt in range(NUMBERS):
                    document = issue(
                        register_id, "QĐ", SIGNED_ON, summary=f"văn bản {index}-{attempt}"
                    )
                    number = document.number
                    if attempt % 10 == index % 10:  # one transaction in ten
                        db.session.rollback()
                        continue
                    db.session.commit()
                    with lock:
                        kept.append(number)
        except BaseException as exc:  # reported below, with the worker's traceback
            failures.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(t.is_alive() for t in threads), "a worker hung"
    assert not failures, failures
    committed = WORKERS * NUMBERS * 9 // 10
    with app.app_context():
        stored = db.session.scalars(
            select(Document.number).where(
                Document.register_id == register_id, Document.year == 2025
            )
        ).all()
        counter = db.session.get(RegisterCounter, (register_id, 2025))
        symbols = set(db.session.scalars(select(Document.symbol)))
    assert sorted(stored) == list(range(1, committed + 1))
    assert sorted(kept) == sorted(stored)  # each worker got the number it stored
    assert counter.last_number == committed
    assert len(symbols) == committed
