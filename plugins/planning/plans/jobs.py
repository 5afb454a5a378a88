"""The ``planning.plan_progress`` job: refresh every plan item's rolled-up progress.

Task changes made through the ORM refresh their plans at once (see
:mod:`plugins.planning.plans.progress`); this hourly sweep catches the rest (bulk updates, data
restored from elsewhere) in five statements, one per plan level.
"""

from __future__ import annotations

from datetime import timedelta

from core.db import db
from plugins.planning.plans.progress import refresh_all

#: How often the sweep runs.
SCHEDULE = timedelta(hours=1)


def refresh_plan_progress() -> None:
    """Recompute every item's progress from its lower items and tasks, and commit."""
    refresh_all(db.session)
    db.session.commit()
