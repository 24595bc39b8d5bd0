"""The worker heartbeat: workers write a timestamp to the cache; /readyz and /metrics read its age.

Beat sends `clinflow.tasks.worker_heartbeat` every few seconds, and a worker also announces itself as
soon as it is ready (`worker_ready`), so /readyz turns green without waiting for beat. Connected by
`ClinflowConfig.ready()`.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from celery.signals import worker_ready
from django.core.cache import cache

logger = logging.getLogger(__name__)

HEARTBEAT_KEY = "worker-heartbeat"
# Per worker (the ops page): its last beat under its own key (no read-modify-write, so two workers
# never overwrite each other's time), and the names seen in one index. Adding a name to the index is
# a read-modify-write two workers starting together may race on; every beat re-checks it, so a
# name lost that way is back at that worker's next beat. A worker gone for a day drops out.
WORKER_KEY = "worker-heartbeat:"
WORKERS_KEY = "worker-heartbeat-names"
WORKER_FORGET_SECONDS = 24 * 3600


@dataclass(frozen=True)
class WorkerBeat:
    name: str
    last_beat: float
    age_seconds: float
    stale: bool

    @property
    def at(self) -> datetime:
        return datetime.fromtimestamp(self.last_beat, tz=UTC)


def heartbeat_record(worker: str | None = None) -> float:
    """Store now as the last worker heartbeat (no expiry: /readyz judges the age) and, when the
    worker's name is known, as that worker's own last beat."""
    now = time.time()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    if worker:
        cache.set(WORKER_KEY + worker, now, timeout=WORKER_FORGET_SECONDS)
        names = cache.get(WORKERS_KEY) or []
        if worker not in names:
            cache.set(WORKERS_KEY, sorted({*names, worker}), timeout=None)
    return now


def heartbeats_by_worker(*, max_age: float, now: float | None = None) -> list[WorkerBeat]:
    """Every worker that beat in the last day, newest beat first; `stale` past `max_age` seconds.
    A worker records a beat when it starts and whenever it runs beat's heartbeat task, so with
    several workers each one's beat is as recent as the last heartbeat task it took."""
    now = time.time() if now is None else now
    names = cache.get(WORKERS_KEY) or []
    beats = cache.get_many([WORKER_KEY + name for name in names]) if names else {}
    rows = [
        WorkerBeat(name=name, last_beat=float(beat), age_seconds=now - float(beat), stale=now - float(beat) > max_age)
        for name in names
        if (beat := beats.get(WORKER_KEY + name)) is not None
    ]
    return sorted(rows, key=lambda row: row.age_seconds)


def heartbeat_last() -> float | None:
    """The last heartbeat's time.time(), or None if no worker reported yet. Raises if the cache is down."""
    beat = cache.get(HEARTBEAT_KEY)
    return None if beat is None else float(beat)


@worker_ready.connect
def _announce_worker(sender=None, **_kwargs) -> None:
    try:
        heartbeat_record(getattr(sender, "hostname", None))
    except Exception:  # Redis down at start-up: beat's heartbeat task will set it later
        logger.warning("could not record the worker heartbeat", exc_info=True)
