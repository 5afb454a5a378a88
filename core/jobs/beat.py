"""A beat scheduler that runs only while it holds a lock, so a second beat never doubles a job.

With a Redis broker the lock is a Redis key with a short expiry, renewed at every tick; on the
embedded broker (one machine) there is one beat by construction and no lock is needed.

The schedule is kept in memory, not in a shelve file: a beat killed mid-write (SIGKILL, power
loss) left a file Celery could not reopen, and no job then ran. Every job is idempotent and a
restarted beat counts from its start, so nothing is lost by not persisting it.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from celery.beat import Scheduler

log = logging.getLogger(__name__)
LOCK_KEY = "vanphong:beat-lock"
# Renew only one's own lock, atomically: a get-then-expire could extend another beat's lock.
RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('expire', KEYS[1], ARGV[2])
end
return 0
"""


class LockedScheduler(Scheduler):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.app.conf.broker_url or ""
        self._redis = None
        self._token = uuid.uuid4().hex
        self._seconds = int(getattr(self.app.conf, "vanphong_beat_lock_seconds", 30))
        if url.startswith(("redis://", "rediss://")):
            import redis

            self._redis = redis.Redis.from_url(url)

    def _hold_lock(self) -> bool:
        assert self._redis is not None
        if self._redis.set(LOCK_KEY, self._token, nx=True, ex=self._seconds):
            return True
        return bool(self._redis.eval(RENEW, 1, LOCK_KEY, self._token, self._seconds))

    def tick(self, *args: Any, **kwargs: Any) -> float:
        if self._redis is not None and not self._hold_lock():
            log.info("another beat holds %s; this one waits", LOCK_KEY)
            return max(1.0, self._seconds / 6)
        return float(super().tick(*args, **kwargs))
