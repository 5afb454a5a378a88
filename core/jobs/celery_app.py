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

from celery import Celery, Task
from flask import Flask

from core.hooktypes import ScheduledJob

log = logging.getLogger(__name__)


def broker_options(url: str, instance_path: Path) -> tuple[str, dict[str, Any]]:
    """The broker URL and its transport options (the embedded one needs folders)."""
    if url:
        return url, {"visibility_timeout": 3600}
    folder = instance_path / "broker"
    processed = folder / "processed"
    for path in (folder, processed):
        path.mkdir(parents=True, exist_ok=True)
    return "filesystem://", {
        "data_folder_in": str(folder),
        "data_folder_out": str(folder),
        "processed_folder": str(processed),
        "store_processed": False,
        "polling_interval": 0.05,
    }


def create_celery(app: Flask) -> Celery:
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
        beat_schedule_filename=str(settings.instance_path / "celerybeat-schedule"),
        worker_hijack_root_logger=False,
    )
    jobs = app.extensions["vanphong"].registry.scheduled_jobs
    celery.conf.beat_schedule = {
        name: {"task": name, "schedule": job.schedule} for name, job in sorted(jobs.items())
    }
    for job in jobs.values():
        celery.task(name=job.name, shared=False)(job_runner(job))
    from core.notifications.delivery import TASK, deliver

    celery.task(name=TASK, shared=False)(deliver)
    app.extensions["celery"] = celery
    return celery


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
