"""The worker heartbeat: workers write a timestamp to the cache; /readyz and /metrics read its age.

Beat sends `clinflow.tasks.worker_heartbeat` every few seconds, and a worker also announces itself as
soon as it is ready (`worker_ready`), so /readyz turns green without waiting for beat. Connected by
`ClinflowConfig.ready()`.
"""

from __future__ import annotations

import logging
import time

from celery.signals import worker_ready
from django.core.cache import cache

logger = logging.getLogger(__name__)

HEARTBEAT_KEY = "worker-heartbeat"


def heartbeat_record() -> float:
    """Store now as the last worker heartbeat (no expiry: /readyz judges the age)."""
    now = time.time()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    return now


def heartbeat_last() -> float | None:
    """The last heartbeat's time.time(), or None if no worker reported yet. Raises if the cache is down."""
    beat = cache.get(HEARTBEAT_KEY)
    return None if beat is None else float(beat)


@worker_ready.connect
def _announce_worker(**_kwargs) -> None:
    try:
        heartbeat_record()
    except Exception:  # Redis down at start-up: beat's heartbeat task will set it later
        logger.warning("could not record the worker heartbeat", exc_info=True)
