"""``vanphong worker`` and ``vanphong beat``."""

from __future__ import annotations

import click
from flask import current_app


def _celery():
    from core.jobs.celery_app import celery_for

    return celery_for(current_app)


@click.command("worker")
@click.option("--concurrency", "-c", type=int, default=2, show_default=True)
@click.option(
    "--beat/--no-beat",
    default=True,
    show_default=True,
    help="Run the scheduler in this worker (one machine).",
)
@click.option("--loglevel", default="INFO", show_default=True)
def worker(concurrency: int, beat: bool, loglevel: str) -> None:
    """Run the job worker (with the scheduler embedded, for one machine).

    Several workers may run; exactly one scheduler (beat) must: start the others with
    --no-beat, or run `vanphong beat` once. With Redis a lock keeps a second beat idle.
    """
    argv = [
        "worker",
        f"--concurrency={concurrency}",
        f"--loglevel={loglevel}",
        "--without-gossip",
        "--without-mingle",
    ]
    if beat:
        argv += ["--beat", "--scheduler=core.jobs.beat:LockedScheduler"]
    _celery().worker_main(argv)


@click.command("beat")
@click.option("--loglevel", default="INFO", show_default=True)
def beat(loglevel: str) -> None:
    """Run the scheduler alone (scale-out: one beat, several `vanphong worker --no-beat`)."""
    _celery().start(
        ["beat", f"--loglevel={loglevel}", "--scheduler=core.jobs.beat:LockedScheduler"]
    )
