"""Writes of delivery: who is told about a work item, how, and when — per user's controls.

- The queue page's live list gets every item change through the queue's group (queues.publish).
- Interrupts go to each connected follower as a toast they must acknowledge, within their hourly
  cap (excess are delivered as tasks, marked so) and their minimum interrupting tier. An interrupt
  that reaches nobody needs escalating at once: `item_deliver` says so and its task takes the step
  (queues.tasks.deliver_item → queues.services.items.item_escalate_undeliverable).
- Escalations interrupt every active member of the target group, online or not (an offline user
  finds them in /api/v1/interrupts/ when back): `item_escalation_notify`, called by the step.
- Suggestions reach digest-mode users only in their digest (built by beat every minute).
- Celery is only the trigger: `delivered_alert_no` records which alert delivery ran for, and beat
  delivers alerts whose task was lost (`item_redeliver_lost`).

The rules are pure, in queues.routing; the reads in queues.selectors; the frames in
queues.representations.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from audit.services import audit_record
from clinflow import problems
from queues import representations, routing, selectors
from queues.models import Connection, DeliveryPreference, DigestEntry, InterruptDelivery, WorkItem
from queues.publish import publish, session_tag, user_group
from vocabulary import URGENCY_CARE_LEVEL

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

# The delivery task, by name (as the beat schedule in settings names tasks): services sit below
# queues.tasks and never import it. signature(name).apply_async() runs the registered task's own
# apply_async — honouring task_always_eager in tests — wherever queues.tasks is loaded (every
# process: QueuesConfig.ready loads it), and falls back to sending by name where it is not.
DELIVER_ITEM_TASK = "queues.tasks.deliver_item"


# --- preferences and presence -----------------------------------------------------------------
def preference_update(*, user: User, changes: dict[str, Any], followed: list[str] | None = None) -> DeliveryPreference:
    """Save a user's delivery controls (audited) and tell their open sockets. `followed` are queue
    slugs; each must be a queue the user may work (checked here, so no caller can skip it).
    Locking: the user's preference row, so two saves at once apply one after the other."""
    queues = None
    if followed is not None:
        queues = list(selectors.queues_for_user(user=user).filter(slug__in=followed))
        if len(queues) != len(set(followed)):
            raise problems.SettingsInvalid(
                "Unknown queue.", errors=[{"field": "followed_queues", "message": "lists a queue you may not work"}]
            )
    fields = (
        "follow_all",
        "suggestion_mode",
        "digest_minutes",
        "interrupt_cap_per_hour",
        "min_interrupt_tier",
        "sound",
    )
    with transaction.atomic():
        prefs = DeliveryPreference.objects.select_for_update().get_or_create(user=user)[0]
        for key in fields:
            if key in changes:
                setattr(prefs, key, changes[key])
        prefs.full_clean(exclude=["user", "followed_queues"])
        prefs.save()
        if queues is not None:
            prefs.followed_queues.set(queues)
        audit_record(
            action="delivery.changed",
            object_type="user",
            object_id=user.pk,
            actor=user.username,
            actor_type="user",
            data={
                **representations.preferences_dict(prefs),
                "followed": sorted(q.slug for q in prefs.followed_queues.all()),
            },
        )
        publish(group=user_group(user.pk), frame=representations.prefs_changed_frame(prefs))
    return prefs


def session_ended(sender=None, *, request=None, user=None, **kwargs) -> None:
    """`user_logged_out`: tell the user's sockets that this login session ended; the ones opened
    with it close (queues.consumers), so a tab left open gets no more frames and its user stops
    counting as online for deliveries."""
    key = getattr(getattr(request, "session", None), "session_key", None)
    if user is None or not key:
        return
    publish(group=user_group(user.pk), frame={"type": "session.ended", "session": session_tag(key)})


def presence_join(*, user: User, channel_name: str) -> None:
    Connection.objects.update_or_create(channel_name=channel_name, defaults={"user": user, "last_seen": timezone.now()})


def presence_touch(*, channel_name: str) -> None:
    Connection.objects.filter(channel_name=channel_name).update(last_seen=timezone.now())


def presence_leave(*, channel_name: str) -> None:
    Connection.objects.filter(channel_name=channel_name).delete()


def presence_sweep(*, now: datetime | None = None) -> int:
    """Forget sockets that stopped pinging (a server restart leaves such rows behind)."""
    cutoff = (now or timezone.now()) - timedelta(seconds=routing.PRESENCE_TIMEOUT_SECONDS)
    return Connection.objects.filter(last_seen__lt=cutoff).delete()[0]


# --- delivering an item -----------------------------------------------------------------------
def item_schedule_delivery(*, item: WorkItem) -> None:
    """After commit, hand the item to a worker for per-user delivery (the deliver_item task), on
    the urgent lane for an interrupt or an emergent item so it goes ahead of any backlog."""
    item_id, alert_no = str(item.pk), item.alert_count
    lane = routing.delivery_lane(tier=item.tier, priority=item.priority)
    queue = settings.CELERY_URGENT_QUEUE if lane == "urgent" else settings.CELERY_TASK_DEFAULT_QUEUE
    transaction.on_commit(lambda: _enqueue_delivery(item_id, alert_no, queue))


def _enqueue_delivery(item_id: str, alert_no: int, queue: str) -> None:
    try:
        current_app.signature(DELIVER_ITEM_TASK, args=(item_id, alert_no)).apply_async(queue=queue)
    except Exception:  # broker down: the queue page still shows it; beat delivers it (item_redeliver_lost)
        logger.warning("could not enqueue delivery of %s", item_id, exc_info=True)


def item_deliver(*, item_id: Any, alert_no: int = 1) -> dict[str, Any]:
    """Deliver one (new or re-alerted) item to the users following its queue, and record that
    delivery ran for this alert (`delivered_alert_no`; beat redelivers alerts whose task was lost).

    Returns who got what, and `needs_escalation`: an interrupt that reached nobody as an interrupt
    (in this run or an earlier one) — the caller takes the escalation step
    (queues.services.items.item_escalate_undeliverable), which decides again on the locked row.

    Idempotent: a delivery row per (item, user, alert) means a re-run sends nothing twice.
    Locking: the item row (FOR UPDATE), so the task and a sweep delivering the same item run one
    after the other; rows are written in the transaction, pushes go out after commit.
    """
    with transaction.atomic():
        item = selectors.item_lock(item_id=item_id)
        if item is None or item.state not in WorkItem.OPEN_STATES:
            return {"delivered": 0, "needs_escalation": False}
        now = timezone.now()
        followers = selectors.queue_followers(queue=item.queue)
        online = selectors.connected_user_ids(now=now)
        prefs_of = selectors.preferences_for(users=followers)
        interrupted: list[str] = []
        as_task: list[str] = []
        digested: list[str] = []
        # the care level that decided (a score from before care levels: the one its urgency stands for)
        care_level = (item.score or {}).get("care_level") or URGENCY_CARE_LEVEL.get(item.urgency)
        for user in followers:
            prefs = prefs_of[user.pk]
            if item.tier == WorkItem.Tier.SUGGESTION:
                if routing.holds_for_digest(tier=item.tier, suggestion_mode=prefs.suggestion_mode):
                    DigestEntry.objects.get_or_create(user=user, item=item, defaults={"created_at": now})
                    digested.append(user.username)
                continue
            if user.pk not in online or not routing.reaches_online_follower(
                tier=item.tier, min_interrupt_tier=prefs.min_interrupt_tier
            ):
                continue
            recent = selectors.interrupts_recent_count(user=user, since=now - timedelta(hours=1))
            delivered_as, reason = routing.interrupt_delivery(
                tier=item.tier,
                min_interrupt_tier=prefs.min_interrupt_tier,
                over_cap=recent >= prefs.interrupt_cap_per_hour,
                care_level=care_level,
            )
            delivery, created = InterruptDelivery.objects.get_or_create(
                item=item,
                user=user,
                alert_no=alert_no,
                defaults={"delivered_as": delivered_as, "reason": reason, "delivered_at": now},
            )
            if not created:
                continue
            (interrupted if delivered_as == InterruptDelivery.As.INTERRUPT else as_task).append(user.username)
            what = representations.interrupt_what_for(
                item, roles=selectors.viewer_roles(user=user, facility=item.queue.facility_id), now=now
            )
            publish(
                group=user_group(user.pk),
                frame=representations.interrupt_frame(delivery, sound=prefs.sound, what=what),
            )
        WorkItem.objects.filter(pk=item.pk, delivered_alert_no__lt=alert_no).update(delivered_alert_no=alert_no)
        outcome: dict[str, Any] = {"interrupted": interrupted, "as_task": as_task, "digest": digested}
        if interrupted or as_task:
            audit_record(
                action="delivery.interrupt",
                object_type="work_item",
                object_id=item.pk,
                actor="delivery",
                data={**outcome, "alert_no": alert_no},
            )
        outcome["needs_escalation"] = item.tier == WorkItem.Tier.INTERRUPT and not selectors.item_alert_reached(
            item=item, alert_no=alert_no
        )
    return outcome


@dataclass
class Redelivery:
    delivered: int = 0
    undeliverable: list[tuple[Any, int]] = field(default_factory=list)  # (item id, alert no) to escalate


def item_redeliver_lost(*, now: datetime | None = None) -> Redelivery:
    """Beat: an open item whose current alert was raised more than DELIVERY_SWEEP_AFTER_SECONDS ago
    (its last change is at least that old) and that per-user delivery never ran for (the
    deliver_item task was lost: broker down at enqueue, worker killed) is delivered here, each in
    its own transaction. Returns how many, and the alerts that reached nobody (the caller escalates
    them, as deliver_item does)."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.DELIVERY_SWEEP_AFTER_SECONDS)
    result = Redelivery()
    for item_id, alert_no in selectors.items_lost_delivery(cutoff=cutoff):
        try:
            outcome = item_deliver(item_id=item_id, alert_no=alert_no)
        except Exception:  # one bad item must not hold up the others; the next sweep retries it
            logger.exception("redelivery of %s failed", item_id)
            continue
        result.delivered += 1
        if outcome["needs_escalation"]:
            result.undeliverable.append((item_id, alert_no))
    return result


def item_escalation_notify(*, item: WorkItem, level: int, reason: str, now: datetime) -> dict[str, Any]:
    """Interrupt every active member of the step's target group, online or not. Call inside the
    step's transaction, on the locked item: the rows are written there (one alert number per step,
    so a step never notifies anyone twice), the pushes go out after commit."""
    recipients = selectors.escalation_recipients(item=item, level=level)
    alert_no = routing.escalation_alert_no(last=selectors.item_escalation_last_alert_no(item=item))
    notified = []
    for user in recipients.users:
        delivery, created = InterruptDelivery.objects.get_or_create(
            item=item,
            user=user,
            alert_no=alert_no,
            defaults={
                "delivered_as": InterruptDelivery.As.INTERRUPT,
                "reason": f"escalated: {reason}"[:200],
                "escalation": True,
                "delivered_at": now,
            },
        )
        if created:
            notified.append(user.username)
            what = representations.interrupt_what_for(
                item, roles=selectors.viewer_roles(user=user, facility=item.queue.facility_id), now=now
            )
            publish(group=user_group(user.pk), frame=representations.interrupt_frame(delivery, sound=True, what=what))
    return {"to_group": recipients.group, "notified": notified, "fallback": recipients.fallback}


def interrupt_acknowledge(*, delivery_id: Any, user: User) -> InterruptDelivery:
    """The user saw the interrupt: recorded on the delivery and on the item (`acknowledged_at`,
    which stops its escalation chain). Locking: the item row, then the delivery row, the order the
    escalation sweep takes them in."""
    item_id = InterruptDelivery.objects.filter(pk=delivery_id, user=user).values_list("item_id", flat=True).first()
    if item_id is None:
        raise problems.NotFound("No such interrupt for you.")
    with transaction.atomic():
        selectors.item_lock(item_id=item_id)
        delivery = InterruptDelivery.objects.select_for_update().get(pk=delivery_id)
        if delivery.acknowledged_at is None:
            _acknowledge(delivery, user=user, now=timezone.now())
    return delivery


def _acknowledge(delivery: InterruptDelivery, *, user: User, now: datetime, bulk: bool = False) -> None:
    """Record one acknowledgement (the caller holds the item and delivery locks): on the delivery,
    on the item (`acknowledged_at` stops its escalation chain), and in the audit trail."""
    delivery.acknowledged_at = now
    delivery.save(update_fields=["acknowledged_at"])
    WorkItem.objects.filter(pk=delivery.item_id).update(
        acknowledged_at=now, first_action_at=Coalesce(F("first_action_at"), Value(now))
    )
    data: dict[str, Any] = {"delivery": delivery.pk, "escalation": delivery.escalation}
    if bulk:
        data["bulk"] = True
    audit_record(
        action="interrupt.acknowledged",
        object_type="work_item",
        object_id=delivery.item_id,
        actor=user.username,
        actor_type="user",
        data=data,
    )


def interrupt_acknowledge_all(*, user: User, delivery_ids: list[int] | None = None) -> list[InterruptDelivery]:
    """ "Acknowledge all": every pending interrupt of the user (or those of `delivery_ids` among
    them), each recorded and audited exactly as a single acknowledgement (`interrupt.acknowledged`,
    with `bulk`), in one transaction. Locking: the items (in id order), then the deliveries, the
    order the escalation sweep and `interrupt_acknowledge` take them in, so they never deadlock."""
    pending = InterruptDelivery.objects.filter(user=user, acknowledged_at__isnull=True)
    if delivery_ids is not None:
        pending = pending.filter(pk__in=delivery_ids)
    item_ids = sorted(set(pending.values_list("item_id", flat=True)), key=str)
    done: list[InterruptDelivery] = []
    with transaction.atomic():
        for item_id in item_ids:
            selectors.item_lock(item_id=item_id)
        now = timezone.now()
        rows = list(pending.filter(item_id__in=item_ids).select_for_update().order_by("pk"))
        for delivery in rows:
            _acknowledge(delivery, user=user, now=now, bulk=True)
            done.append(delivery)
    return done


def digests_build(*, now: datetime | None = None) -> int:
    """Beat: send each digest-mode user their held suggestions when their interval has passed. An
    offline user's digest waits until they are back (a push to nobody would lose it). Each user's
    digest in its own transaction; the push goes out after it commits."""
    now = now or timezone.now()
    sent = 0
    online = selectors.connected_user_ids()  # presence by the wall clock, whatever `now` the caller passes
    for prefs, entries in selectors.digests_pending(user_ids=online):
        if not routing.digest_due(
            last_digest_at=prefs.last_digest_at,
            first_entry_at=entries[0].created_at,
            digest_minutes=prefs.digest_minutes,
            now=now,
        ):
            continue
        with transaction.atomic():
            items = [e.item for e in entries if e.item.state in WorkItem.OPEN_STATES]
            DigestEntry.objects.filter(pk__in=[e.pk for e in entries]).update(delivered_at=now)
            prefs.last_digest_at = now
            prefs.save(update_fields=["last_digest_at"])
            if items:
                publish(group=user_group(prefs.user_id), frame=representations.digest_frame(items=items, at=now))
                sent += 1
    return sent
