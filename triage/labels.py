"""Training labels from nurses' decisions in clinflow: when a nurse accepts or overrides a message
item, its final urgency becomes the label of the messages it was about.

Registered with queues in TriageConfig.ready() (`queues.hooks.on_item_resolved`), so queues never
imports triage: `label_record_for_item` runs inside the resolution's transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from queues.models import WorkItem
from queues.selectors import item_messages
from triage.models import TriageLabel

if TYPE_CHECKING:
    from django.contrib.auth.models import User

LABELLED_DECISIONS = ("accept", "override")


def label_record_for_item(*, item: WorkItem, user: User, decision: str, final_urgency: str, now: datetime) -> None:
    """One label per message of a resolved message item (accept or override with a final urgency;
    nothing for dismiss or any other kind of item). Idempotent per (message, origin clinflow): a
    later decision on the same message replaces the label.

    An item threads every message of the patient on one reason folded into it, and the decision
    (final urgency F) is about the messages that set the item's urgency at resolution: each message
    whose own AI urgency equals the item's urgency is labelled F — the newest of them always. A
    message the AI rated lower than the thread (superseded by a later, more urgent one) is NOT
    labelled by this decision: the nurse judged the thread at its highest urgency, not that
    message, and labelling it F would teach the model a calm message was emergent. If no message's
    own score matches (scores missing), the newest message is labelled (an item without message
    links, from before they existed: its first message)."""
    if item.kind != WorkItem.Kind.MESSAGE or not final_urgency or decision not in LABELLED_DECISIONS:
        return
    messages = item_messages(item)  # newest first
    decided: list[tuple[str, Any]] = (
        [(m.message_id, m.event_id) for m in messages if m.urgency == item.urgency]
        or [(m.message_id, m.event_id) for m in messages[:1]]
        or [((item.event.data or {}).get("message_id") or str(item.event_id), item.event_id)]
    )
    for message_id, event_id in decided:
        TriageLabel.objects.update_or_create(
            message_id=message_id,
            origin=TriageLabel.Origin.CLINFLOW,
            defaults={
                "final_urgency": final_urgency,
                "labelled_by": user.username,
                "labelled_at": now,
                "message_event_id": event_id,
            },
        )


def label_withdraw_for_item(*, item: WorkItem, user: User, resolved_at: datetime, now: datetime) -> None:
    """The decision was undone (`queues.hooks.on_item_reopened`): the labels it wrote for this
    item's messages — by this user, at or after that decision — go, so an undone accept or override
    never trains the model. A label an earlier decision wrote and this one replaced is not
    restored: the message waits for the next decision."""
    message_ids = [m.message_id for m in item_messages(item)]
    fallback = (item.event.data or {}).get("message_id") if item.event_id else None
    if fallback:
        message_ids.append(fallback)
    if item.event_id:
        message_ids.append(str(item.event_id))
    TriageLabel.objects.filter(
        origin=TriageLabel.Origin.CLINFLOW,
        message_id__in=message_ids,
        labelled_by=user.username,
        labelled_at__gte=resolved_at,
    ).delete()
