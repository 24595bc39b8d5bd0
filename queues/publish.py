"""Live updates: the one place that talks to the channel layer.

Every push of every app goes through `publish(group=..., frame=...)`: the frame goes out after the
transaction commits (never for a rolled-back change; at once when called outside a transaction).
Frames are built in queues.representations; groups are named here. The channel layer is
at-most-once: browsers re-sync from the database when they (re)connect, so a lost frame is never
lost work.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import threading
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


def queue_group(queue_id: int) -> str:
    return f"queue.{queue_id}"


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def session_tag(session_key: str | None) -> str:
    """A login session named without its key (frames pass through the channel layer)."""
    return hashlib.sha256(session_key.encode()).hexdigest()[:24] if session_key else ""


def publish(*, group: str, frame: dict[str, Any]) -> None:
    """After commit, push `frame` to every socket of `group`. Frames published in one transaction
    go out in the order they were published."""
    transaction.on_commit(lambda: _send_now(group, frame))


_loop_lock = threading.Lock()
_loop: asyncio.AbstractEventLoop | None = None
_loop_pid: int | None = None


def _push_loop() -> asyncio.AbstractEventLoop:
    """One long-lived event loop per process, in a daemon thread, for channel-layer sends from sync
    code. `async_to_sync` per send would start a loop and a new Redis connection every time (≈20 ms
    here); this keeps one connection pool. Re-created after a fork (Celery's prefork pool)."""
    global _loop, _loop_pid
    with _loop_lock:
        if _loop is None or _loop_pid != os.getpid() or _loop.is_closed():
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="channel-layer-push", daemon=True).start()
            _loop, _loop_pid = loop, os.getpid()
        return _loop


def _send_now(group: str, frame: dict[str, Any]) -> None:
    """Send now and wait for it, so frames keep their order. Errors are logged, never raised:
    pushes are best-effort (pages re-sync from the database on reconnect)."""
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    if layer is None:
        return
    try:
        future = asyncio.run_coroutine_threadsafe(
            layer.group_send(group, {"type": "push", "frame": frame}), _push_loop()
        )
        future.result(timeout=5)
    except Exception:
        logger.warning("push to %s failed", group, exc_info=True)
