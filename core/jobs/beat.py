"""A beat scheduler that runs only while it holds a lock, so a second beat never doubles a job.

With a Redis broker the lock is a Redis key with a short expiry, renewed at every tick; on the
embedded broker (one machine) there is one beat by construction and no lock is needed.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from celery.beat import PersistentScheduler

log = logging.getLogger(__name__)
LOCK_KEY = "vanphong:beat-lock"
LOCK_SECONDS = 30


class LockedScheduler(PersistentScheduler):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.app.conf.broker_url or ""
        self._redis = None
        self._token = uuid.uuid4().hex
        if url.startswith(("redis://", "rediss://")):
            import redis

            self._redis = redis.Redis.from_url(url)

    def _hold_lock(self) -> bool:
        assert self._redis is not None
        if self._redis.set(LOCK_KEY, self._token, nx=True, ex=LOCK_SECONDS):
            return True
        holder = self._redis.get(LOCK_KEY)
        if isinstance(holder, bytes) and holder.decode() == self._token:
            self._redis.expire(LOCK_KEY, LOCK_SECONDS)
            return True
        return False

    def tick(self, *args: Any, **kwargs: Any) -> float:
        if self._redis is not None and not self._hold_lock():
            log.info("another beat holds %s; this one waits", LOCK_KEY)
            return 5.0
        return float(super().tick(*args, **kwargs))
