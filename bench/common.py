"""What the benchmarks share: a 100,000-user database, timing, the command line."""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from sqlalchemy import insert


def build(folder: Path, users: int):
    from core import migrations
    from core.app import create_app
    from core.db import db
    from core.identity.models import User
    from core.identity.passwords import hash_password
    from core.identity.roles import sync_permissions
    from core.identity.services import create_user
    from core.testing import enabled_branches

    app = create_app(
        {
            "database_url": f"sqlite:///{folder / 'bench.db'}",
            "instance_path": folder,
            "secret_key": "bench",
            "plugins": (),
        }
    )
    with app.app_context():
        migrations.upgrade(db.engine, enabled_branches(app))
        sync_permissions(app)
        admin = create_user(db.session, "quantri", "benchmark-password", superuser=True)
        hashed = hash_password("benchmark-password")
        batch = []
        for i in range(users - 1):
            batch.append(
                {
                    "username": f"user{i:06d}",
                    "full_name": f"Người dùng số {i}",
                    "email": f"user{i}@example.vn",
                    "phone": "",
                    "password_hash": hashed,
                }
            )
            if len(batch) == 10_000:
                db.session.execute(insert(User), batch)
                batch.clear()
        if batch:
            db.session.execute(insert(User), batch)
        db.session.commit()
        return app, admin.id


def timed(fn, runs: int) -> tuple[float, int]:
    samples, statements = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        statements = fn()
        samples.append(time.perf_counter() - started)
    return statements, statistics.median(samples) * 1000


def options(doc: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    return parser.parse_args()
