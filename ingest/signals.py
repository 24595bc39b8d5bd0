"""A worker announces itself as soon as it is ready, so /readyz turns green without waiting for beat."""

import logging
import time

from celery.signals import worker_ready
from django.core.cache import cache

logger = logging.getLogger(__name__)


@worker_ready.connect
def _announce_worker(**_kwargs) -> None:
    from ingest.tasks import HEARTBEAT_KEY

    try:
        cache.set(HEARTBEAT_KEY, time.time(), timeout=None)
    except Exception:  # Redis down at start-up: beat's heartbeat task will set it later
        logger.warning("could not record the worker heartbeat", exc_info=True)
