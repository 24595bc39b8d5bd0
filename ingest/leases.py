"""Heartbeats for event claims: a slow but alive worker keeps its claim.

A worker claims an event with a lease (`Event.lease_until`, EVENT_STUCK_AFTER_SECONDS long); the
sweep recovers only events whose lease ran out. While a handler runs, one daemon thread per process
extends the leases of the claims this process holds, every third of the lease. Claims younger than
one beat are not touched, so a fast handler (milliseconds) costs one dict insert and delete, and the
thread only opens a database connection when something has really run long.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connections
from django.utils import timezone

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_held: dict[tuple[str, int], float] = {}  # (event id, attempt) -> monotonic start
_thread_pid: int | None = None


def _interval() -> float:
    return max(1.0, settings.EVENT_STUCK_AFTER_SECONDS / 3)


@contextmanager
def held(event_id: Any, attempt: int) -> Iterator[None]:
    """Keep the lease of claim `attempt` on `event_id` alive while the block runs."""
    key = (str(event_id), attempt)
    with _lock:
        _held[key] = time.monotonic()
        _ensure_thread()
    try:
        yield
    finally:
        with _lock:
            _held.pop(key, None)


def _ensure_thread() -> None:
    global _thread_pid
    if _thread_pid == os.getpid():
        return
    _thread_pid = os.getpid()  # after a fork (Celery prefork) the parent's thread is not here
    threading.Thread(target=_beat_forever, name="event-lease-heartbeat", daemon=True).start()


def _beat_forever() -> None:
    last = time.monotonic()
    while True:
        time.sleep(1.0)  # wake often (cheap: no database unless a claim is due) so a shorter lease is kept
        if time.monotonic() - last < _interval():
            continue
        last = time.monotonic()
        try:
            extend_long_running()
        except Exception:
            logger.warning("lease heartbeat failed", exc_info=True)
        finally:
            connections.close_all()  # this thread's own connection; never left open between beats


def extend_long_running(*, older_than: float | None = None) -> int:
    """Extend the lease of every claim held longer than one beat. Returns how many were extended."""
    from ingest.models import Event

    older_than = _interval() if older_than is None else older_than
    now_mono = time.monotonic()
    with _lock:
        due = [key for key, since in _held.items() if now_mono - since >= older_than]
    extended = 0
    until = timezone.now() + timedelta(seconds=settings.EVENT_STUCK_AFTER_SECONDS)
    for event_id, attempt in due:
        extended += Event.objects.filter(pk=event_id, status=Event.Status.PROCESSING, attempts=attempt).update(
            lease_until=until
        )
    return extended
