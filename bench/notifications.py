"""Notifications end to end: N notifications created in one transaction, delivered by real
worker processes to a local SMTP sink; against a plain loop sending the same messages with
smtplib to the same sink, in the same run. Prints rates, delivery lag p95 and the ratio.

    .venv/bin/python bench/notifications.py [--count 10000] [--broker redis://127.0.0.1:6379/0]

The plain loop opens one SMTP connection per message, as each delivery does.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import smtplib
import statistics
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.core.smtp_sink import start_sink

RECIPIENTS = 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--broker", default="", help="empty: the embedded broker")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--database-url", default="", help="empty: a SQLite file (a fresh database)"
    )
    options = parser.parse_args()

    from core import migrations
    from core.app import create_app
    from core.db import db
    from core.identity.models import User
    from core.identity.passwords import hash_password
    from core.jobs.celery_app import celery_for
    from core.notifications.models import OutboxMessage
    from core.notifications.services import notify
    from core.testing import enabled_branches

    sink, controller = start_sink()
    folder = Path(tempfile.mkdtemp())
    settings = {
        "database_url": options.database_url or f"sqlite:///{folder / 'bench.db'}",
        "instance_path": folder,
        "secret_key": "bench",
        "plugins": (),
        "smtp_host": "127.0.0.1",
        "smtp_port": controller.port,
        "broker_url": options.broker,
    }
    app = create_app(settings)
    with app.app_context():
        migrations.upgrade(db.engine, enabled_branches(app))
        hashed = hash_password("benchmark-password")
        db.session.execute(
            insert(User),
            [
                {"username": f"u{i}", "email": f"u{i}@example.vn", "password_hash": hashed}
                for i in range(RECIPIENTS)
            ],
        )
        db.session.commit()
        users = db.session.scalars(select(User)).all()
        if options.broker:
            celery_for(app).control.purge()

        env = {k: v for k, v in os.environ.items() if not k.startswith("VANPHONG_")}
        env.update({f"VANPHONG_{k.upper()}": str(v) for k, v in settings.items() if k != "plugins"})
        env["VANPHONG_PLUGINS"] = ""
        vanphong = shutil.which("vanphong", path=str(Path(sys.executable).parent))
        workers = [  # the first one runs the scheduler (the outbox sweep), as in production
            subprocess.Popen(
                [
                    vanphong,
                    "worker",
                    "--concurrency=2",
                    "--beat" if n == 0 else "--no-beat",
                    "--loglevel=ERROR",
                ],
                env=env,
                start_new_session=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for n in range(options.workers)
        ]
        try:
            started = time.perf_counter()
            for i in range(options.count // RECIPIENTS):
                notify(users, "core.password_reset", f"Thông báo số {i}", "Nội dung thông báo")
            db.session.commit()
            created = time.perf_counter() - started
            deadline = time.monotonic() + 1800
            while len(sink.messages) < options.count and time.monotonic() < deadline:
                time.sleep(0.2)
            delivered = time.perf_counter() - started
            lags = [
                (sent - made).total_seconds()
                for made, sent in db.session.execute(
                    select(OutboxMessage.created_at, OutboxMessage.sent_at)
                ).all()
                if sent is not None
            ]
            failed = db.session.scalar(select(func.count()).where(OutboxMessage.status != "sent"))
        finally:
            for worker in workers:
                os.killpg(worker.pid, signal.SIGTERM)
    received = len(sink.messages)

    sink.messages.clear()
    started = time.perf_counter()
    for i in range(received):
        email = EmailMessage()
        email["From"], email["To"], email["Subject"] = (
            "bench@localhost",
            f"u{i % RECIPIENTS}@example.vn",
            f"Thông báo {i}",
        )
        email.set_content("Nội dung thông báo")
        with smtplib.SMTP("127.0.0.1", controller.port, timeout=30) as smtp:
            smtp.send_message(email)
    plain = time.perf_counter() - started
    controller.stop()

    broker = options.broker or "embedded (filesystem)"
    rate, plain_rate = received / delivered, received / plain
    p95 = statistics.quantiles(lags, n=20)[-1]
    print(
        f"{options.count:,} notifications, {options.workers} workers x 2 processes, broker {broker}"
    )
    print(
        f"  created               {options.count / created:7.0f} /s  ({created:.2f} s, one commit)"
    )
    print(f"  delivered             {rate:7.0f} /s  ({received:,} received, {failed} not sent)")
    print(f"  delivery lag p95      {p95:7.2f} s")
    print(f"  plain smtplib loop    {plain_rate:7.0f} /s")
    print(f"  ratio to the loop     {rate / plain_rate:7.2f}x  (target on Redis >= 0.5x)")


if __name__ == "__main__":
    main()
