"""Live updates: the one place that sends work-item changes to the channel layer.

Services call `publish_item(...)`; the frame goes out after the transaction commits (never for a
rolled-back change) to the group of the item's queue. The channel layer is at-most-once: browsers
re-sync from the database when they (re)connect, so a lost frame is never lost work.
"""

from __future__ import annotations

import asyncio
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


def item_summary(item) -> dict[str, Any]:
    """What a queue list row and a websocket frame show of an item (no message body)."""
    return {
        "id": str(item.pk),
        "queue": item.queue.slug if hasattr(item, "queue") and item.queue_id else None,
        "kind": item.kind,
        "title": item.title,
        "patient_mrn": item.patient_mrn,
        "tier": item.tier,
        "priority": item.priority,
        "urgency": item.urgency,
        "human_review": item.human_review,
        "state": item.state,
        "due_at": item.due_at.isoformat() if item.due_at else None,
        "created_at": item.created_at.isoformat() if item.created_at else None,
        "updated_at": item.updated_at.isoformat() if item.updated_at else None,
        "claimed_by": item.claimed_by.username if item.claimed_by_id else None,
        "claimed_until": item.claimed_until.isoformat() if item.claimed_until else None,
        "alert_count": item.alert_count,
        "event_count": item.event_count,
        "escalation_level": item.escalation_level,  # 0 none, 1 queue owner, 2 facility on-call
        "confidence": (item.score or {}).get("confidence"),
    }


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


def send_to_group(group: str, frame: dict[str, Any]) -> None:
    """Send now (call after commit) and wait for it, so frames keep their order. Errors are logged,
    never raised: pushes are best-effort (pages re-sync from the database on reconnect)."""
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


def publish_item(item, frame_type: str) -> None:
    """After commit, push `{"type": frame_type, "item": summary}` to the item's queue group."""
    frame = {"type": frame_type, "item": item_summary(item)}
    group = queue_group(item.queue_id)
    transaction.on_commit(lambda: send_to_group(group, frame))
