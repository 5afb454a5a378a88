"""Small typed records that plugins return from the ``register_*`` and per-request hooks.

They are plain frozen dataclasses so a plugin can build them without an app. The core validates
them when it collects them (see :mod:`core.plugins.contributions`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

_DOTTED = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


def _check_code(kind: str, code: str, parts: int | None = None) -> None:
    if not isinstance(code, str) or not _DOTTED.match(code):
        raise ValueError(
            f"{kind} code {code!r} must be dotted lower-case words, e.g. 'plugin.thing'"
        )
    if parts is not None and code.count(".") + 1 != parts:
        raise ValueError(f"{kind} code {code!r} must have {parts} parts")


#: The built-in roles a permission may be granted to by default (administrators hold every one):
#: ``default_roles=EVERYONE`` gives a permission to every signed-in member of staff.
EVERYONE = BUILTIN_ROLES = ("office", "unit_head", "staff")


@dataclass(frozen=True)
class Permission:
    """A permission ``<plugin>.<object>.<action>``, e.g. ``meetings.room.book``.

    ``default_roles`` names the built-in roles (``office``, ``unit_head``, ``staff``) that receive
    it when it first appears; administrators may change role contents afterwards.
    """

    code: str
    title: Any
    description: Any = ""
    default_roles: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_code("permission", self.code, parts=3)
        unknown = set(self.default_roles) - set(BUILTIN_ROLES)
        if unknown:
            raise ValueError(f"permission {self.code!r}: unknown default roles {sorted(unknown)}")

    @property
    def namespace(self) -> str:
        return self.code.split(".", 1)[0]


@dataclass(frozen=True)
class ScheduledJob:
    """A periodic job ``<plugin>.<job>``: ``task`` is a function taking no arguments (or its
    dotted name); ``schedule`` is a ``timedelta``, seconds, a crontab line such as
    ``"0 7 * * *"`` (minute hour day-of-month month day-of-week, in the agency's time zone) or a
    Celery schedule."""

    name: str
    task: Any
    schedule: Any

    def __post_init__(self) -> None:
        _check_code("job", self.name)
        if isinstance(self.schedule, str) and len(self.schedule.split()) != 5:
            raise ValueError(
                f"job {self.name!r}: a crontab line has five fields, not {self.schedule!r}"
            )

    @property
    def namespace(self) -> str:
        return self.name.split(".", 1)[0]


@dataclass(frozen=True)
class NotificationType:
    """A kind of notification ``<plugin>.<event>`` and the channels it uses by default."""

    code: str
    title: Any
    default_channels: tuple[str, ...] = ("inapp",)

    def __post_init__(self) -> None:
        _check_code("notification type", self.code)

    @property
    def namespace(self) -> str:
        return self.code.split(".", 1)[0]


@dataclass(frozen=True)
class CalendarEntry:
    """One event on the unified calendar and the leaders' weekly schedule.

    ``uid`` identifies the event across feeds and updates (default: from source, url and
    start). When ``permission`` is set, the core also drops the entry for users who do not hold
    it (over ``unit_id`` when given) — a second guard behind the plugin's own filtering.
    """

    source: str
    title: str
    starts: datetime
    ends: datetime
    url: str | None = None
    location: str | None = None
    leader_ids: tuple[int, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    uid: str | None = None
    permission: str | None = None
    unit_id: int | None = None


@dataclass(frozen=True)
class SearchHit:
    """One result of the unified search; ``source`` is the plugin that found it, ``group`` the
    heading it is shown under (default: the plugin's title). When
    ``permission`` is set, the core also drops the hit for users who do not hold it (over
    ``unit_id`` when given)."""

    source: str
    title: str
    url: str
    summary: str = ""
    score: float = 0.0
    permission: str | None = None
    unit_id: int | None = None
    group: Any = None  # the heading of the hit's group; default: the plugin's title


#: The states of tracked work, as ``WorkStatus.status`` reports them.
WORK_STATUSES = ("not_started", "in_progress", "done_on_time", "done_late", "overdue", "cancelled")


@dataclass(frozen=True)
class WorkStatus:
    """How one piece of assigned work stands: the answer to the ``work_status`` hook.

    ``status`` is one of :data:`WORK_STATUSES`; ``progress`` is 0–100; ``deadline`` the one in
    force (after any extension); ``url`` where the tracking plugin shows it."""

    source_ref: str
    status: str
    progress: int = 0
    deadline: date | None = None
    url: str | None = None
    label: Any = None  # the status as the tracking plugin words it, translated

    def __post_init__(self) -> None:
        if self.status not in WORK_STATUSES:
            raise ValueError(f"work status {self.status!r} is not one of {WORK_STATUSES}")
        if not 0 <= self.progress <= 100:
            raise ValueError(f"work progress {self.progress} is not between 0 and 100")


@dataclass(frozen=True)
class Widget:
    """A block on the back-office home page: ``html`` is trusted markup from a template."""

    title: Any
    html: str
    order: int = 100
