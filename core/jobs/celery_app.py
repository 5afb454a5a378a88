"""The Celery app of a VanPhong app.

The broker comes from ``VANPHONG_BROKER_URL``: by default the embedded filesystem transport
under ``<instance>/broker`` (no server, ~50 ms polling), ``redis://…`` to scale out. Every task
runs inside an app context, so it gets its own database session, closed afterwards.

Scheduled jobs come from the enabled plugins' ``register_scheduled_jobs``; each becomes a task
named after the job (``meetings.reminders``), so the schedule survives restarts and a disabled
plugin's jobs are simply absent. A job that raises is logged with its plugin's name; the
others keep running.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from core.hooktypes import ScheduledJob

log = logging.getLogger(__name__)


def broker_options(url: str, instance_path: Path) -> tuple[str, dict[str, Any]]:
    """The broker URL and its transport options (the embedded one needs folders)."""
    if url:
        return url, {"visibility_timeout": 3600}
    folder = instance_path / "broker"
    processed, control = folder / "processed", folder / "control"
    for path in (folder, processed, control):
        path.mkdir(parents=True, exist_ok=True)
    return "filesystem://", {
        "data_folder_in": str(folder),
        "data_folder_out": str(folder),
        "processed_folder": str(processed),
        "control_folder": str(control),  # else "./control" in whatever folder the process runs
        "store_processed": False,
        "polling_interval": 0.05,
    }


def celery_for(app: Flask | None = None) -> Any:
    """The app's Celery app, built on first use: web processes that never queue a task never
    import Celery (a fifth of the start-up time)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    if "celery" not in app.extensions:
        app.extensions["celery"] = create_celery(app)
    return app.extensions["celery"]


def create_celery(app: Flask) -> Any:
    from celery import Celery, Task

    settings = app.extensions["vanphong"].settings
    url, options = broker_options(settings.broker_url, settings.instance_path)

    class AppTask(Task):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            with app.app_context():
                return self.run(*args, **kwargs)

    celery = Celery("vanphong", task_cls=AppTask)
    celery.conf.update(
        broker_url=url,
        broker_transport_options=options,
        broker_connection_retry_on_startup=True,
        task_ignore_result=True,
        task_acks_late=True,  # a task lost with its worker is delivered again
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        timezone=settings.timezone,
        worker_hijack_root_logger=False,
        # The beat renews its lock at every tick: tick well within the lock's lifetime.
        vanphong_beat_lock_seconds=settings.beat_lock_seconds,
        beat_max_loop_interval=max(1, settings.beat_lock_seconds // 3),
    )
    jobs = app.extensions["vanphong"].registry.scheduled_jobs
    celery.conf.beat_schedule = {
        name: {"task": name, "schedule": schedule_of(job.schedule)}
        for name, job in sorted(jobs.items())
    }
    for job in jobs.values():
        celery.task(name=job.name, shared=False)(job_runner(job))
    from core.events import delivery as events
    from core.notifications import delivery as mail

    celery.task(name=mail.TASK, shared=False)(mail.deliver)
    celery.task(name=events.TASK, shared=False)(events.deliver)
    return celery


def schedule_of(schedule: Any) -> Any:
    """A Celery schedule from a ScheduledJob's: crontab lines become ``crontab`` objects."""
    if isinstance(schedule, str):
        from celery.schedules import crontab

        minute, hour, day_of_month, month_of_year, day_of_week = schedule.split()
        return crontab(minute, hour, day_of_week, day_of_month, month_of_year)
    return schedule


def job_runner(job: ScheduledJob) -> Any:
    """Wrap a scheduled job: resolve a dotted task name, log a failure with the plugin's name."""

    def run() -> Any:
        target = job.task
        if isinstance(target, str):
            module, _, attr = target.rpartition(".")
            target = getattr(importlib.import_module(module), attr)
        try:
            return target()
        except Exception:
            log.exception("scheduled job %s of plugin %s failed", job.name, job.namespace)
            return None

    run.__name__ = run.__qualname__ = job.name.replace(".", "_")
    return run
