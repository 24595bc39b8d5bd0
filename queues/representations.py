"""Output shapes of the queues app: every JSON body and websocket frame, built in one place and used
by the API, the pages and the websocket alike (no ORM queries beyond the relations the caller
loaded).

- `item_summary`: what a queue row, the items API and every item frame show of an item (no
  message body, no AI rationale: only what every role may see, see queues.visibility).
- `interrupt_frame`: one interrupt, the same keys live over the socket and from
  /api/v1/interrupts/ after a reload (INTERRUPT_KEYS).
- policies, delivery preferences, digests, the socket's `hello`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from queues.models import DeliveryPreference, InterruptDelivery, Queue, RoutingPolicy, WorkItem
    from queues.selectors import ItemView


# --- work items -------------------------------------------------------------------------------
def item_summary(item: WorkItem) -> dict[str, Any]:
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
        "claimed_by": item.claimed_by.username if item.claimed_by_id and item.claimed_by else None,
        "claimed_until": item.claimed_until.isoformat() if item.claimed_until else None,
        "alert_count": item.alert_count,
        "event_count": item.event_count,
        "escalation_level": item.escalation_level,  # 0 none, 1 queue owner, 2 facility on-call
        "confidence": (item.score or {}).get("confidence"),
    }


def item_frame(item: WorkItem, frame_type: str) -> dict[str, Any]:
    """`item.created` / `item.updated` / `item.resolved` to the item's queue group."""
    return {"type": frame_type, "item": item_summary(item)}


def item_moved_frame(item: WorkItem, *, from_queue: Queue) -> dict[str, Any]:
    """To the queue an item was reassigned away from: its viewers drop it (`moved_to` says where)."""
    return {
        "type": "item.resolved",
        "item": {**item_summary(item), "queue": from_queue.slug, "moved_to": item.queue.slug},
    }


def item_detail(item: WorkItem, view: ItemView) -> dict[str, Any]:
    """GET /api/v1/items/{id}: the summary, the AI output, the event data and history as this
    viewer may see them, and the thread's messages for roles that may see bodies."""
    body = {
        **item_summary(item),
        "facility": item.queue.facility.slug,
        "score": view.score,
        "event": {"id": str(item.event_id), "type": item.event.type, "data": view.data},
        "decision": item.decision or None,
        "final_urgency": item.final_urgency or None,
        "history": [
            {"at": r.at.isoformat(), "action": r.action, "actor": r.actor, "actor_type": r.actor_type, "data": data}
            for r, data in view.history
        ],
    }
    if view.messages is not None:  # only for roles that may see message bodies
        body["messages"] = [
            {
                "event_id": m.event_id,
                "received_at": m.received_at,
                "subject": m.subject,
                "body": m.body,
                "effect": m.effect,
                "score": m.score,
            }
            for m in view.messages
        ]
    return body


def queue_body(queue: Queue) -> dict[str, Any]:
    """A queue in GET /api/v1/queues/ (annotated with `open_count` by the selector)."""
    return {
        "slug": queue.slug,
        "name": queue.name,
        "role": queue.role,
        "kind": queue.kind,
        "facility": queue.facility.slug,
        "open_count": getattr(queue, "open_count", None),
    }


# --- policies ---------------------------------------------------------------------------------
def policy_body(policy: RoutingPolicy) -> dict[str, Any]:
    return {
        "id": policy.pk,
        "workflow": policy.workflow,
        "facility": policy.facility.slug,
        "rollout": policy.rollout,
        "review_threshold": policy.review_threshold,
        "tier_map": policy.tier_map,
        "queue_map": policy.queue_map,
        "sla_minutes": policy.sla_minutes,
        "suppression_minutes": policy.suppression_minutes,
        "version": policy.version,
        "updated_by": policy.updated_by,
        "updated_at": policy.updated_at.isoformat(),
    }


# --- delivery ---------------------------------------------------------------------------------
def preferences_dict(prefs: DeliveryPreference) -> dict[str, Any]:
    """A user's delivery controls: the socket's `hello` and `prefs.changed`, the audit record."""
    return {
        "suggestion_mode": prefs.suggestion_mode,
        "digest_minutes": prefs.digest_minutes,
        "interrupt_cap_per_hour": prefs.interrupt_cap_per_hour,
        "min_interrupt_tier": prefs.min_interrupt_tier,
        "sound": prefs.sound,
        "follow_all": prefs.follow_all,
    }


def preferences_body(prefs: DeliveryPreference, *, followed: list[str]) -> dict[str, Any]:
    """GET/PUT /api/v1/me/delivery: the controls and the slugs of the queues followed."""
    return {**preferences_dict(prefs), "followed_queues": sorted(followed)}


def prefs_changed_frame(prefs: DeliveryPreference) -> dict[str, Any]:
    return {"type": "prefs.changed", "prefs": preferences_dict(prefs)}


def hello_frame(*, username: str, queues: list[str], prefs: dict[str, Any]) -> dict[str, Any]:
    """The socket's first frame: which queues it follows (the page re-syncs on every one)."""
    return {"type": "hello", "user": username, "queues": queues, "prefs": prefs}


INTERRUPT_KEYS = frozenset(
    {"type", "delivery", "delivered_as", "escalation", "level", "note", "sound", "delivered_at", "item"}
)


def interrupt_frame(delivery: InterruptDelivery, *, sound: bool) -> dict[str, Any]:
    """One interrupt (or one delivered as a task), from its delivery row: the same frame live over
    the socket and in /api/v1/interrupts/ after a reload. `note` is the reason recorded on the row;
    `level` the item's escalation level for an escalation (None otherwise); `sound` the user's
    setting, always on for an escalation."""
    item = delivery.item
    return {
        "type": "interrupt",
        "delivery": delivery.pk,
        "delivered_as": delivery.delivered_as,
        "escalation": delivery.escalation,
        "level": item.escalation_level if delivery.escalation else None,
        "note": delivery.reason,
        "sound": bool(delivery.escalation or sound),
        "delivered_at": delivery.delivered_at.isoformat(),
        "item": item_summary(item),
    }


def digest_frame(*, items: list[WorkItem], at: datetime) -> dict[str, Any]:
    """A digest-mode user's held suggestions."""
    return {"type": "digest", "items": [item_summary(i) for i in items], "at": at.isoformat()}
