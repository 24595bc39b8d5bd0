"""Delivery: who is told about a work item, how, and when — per user's controls.

- The queue page's live list gets every item change through the queue's group (queues.publish).
- Interrupts go to each connected follower as a toast they must acknowledge, within their hourly
  cap (excess are delivered as tasks, marked so) and their minimum interrupting tier. If an
  interrupt reaches nobody it escalates at once; the rest of the escalation chain (SLA breach,
  nobody acknowledging: owner group, then facility on-call) is swept by beat (queues.actions).
- Escalations interrupt every active member of the target group, online or not (an offline user
  finds them in /api/v1/interrupts/ when back).
- Suggestions reach digest-mode users only in their digest (built by beat every minute).
- Celery is only the trigger: `delivered_alert_no` records which alert delivery ran for, and beat
  delivers alerts whose task was lost (`items_redeliver_lost`).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from guardian.shortcuts import get_users_with_perms

from audit.services import audit_record
from queues.models import Connection, DeliveryPreference, DigestEntry, InterruptDelivery, Queue, WorkItem
from queues.publish import item_summary, send_to_group, user_group
from queues.selectors import item_lock

logger = logging.getLogger(__name__)
PRESENCE_TIMEOUT_SECONDS = 90  # a browser pings every 30 s
ESCALATION_ALERT_BASE = 1000  # escalation delivery rows number their steps 1001, 1002, ... (one per step)


# --- pure rules -------------------------------------------------------------------------------
def prefs_dict(prefs: DeliveryPreference) -> dict[str, Any]:
    return {
        "suggestion_mode": prefs.suggestion_mode,
        "digest_minutes": prefs.digest_minutes,
        "interrupt_cap_per_hour": prefs.interrupt_cap_per_hour,
        "min_interrupt_tier": prefs.min_interrupt_tier,
        "sound": prefs.sound,
        "follow_all": prefs.follow_all,
    }


def should_forward(frame: dict[str, Any], prefs: dict[str, Any]) -> bool:
    """Whether a queue-group frame goes to this user's socket now: a digest-mode user gets new
    suggestions only in the digest; everything else (state changes, claims, resolutions) flows."""
    item = frame.get("item") or {}
    if frame.get("type") == "item.created" and item.get("tier") == "suggestion":
        return prefs.get("suggestion_mode") != DeliveryPreference.SuggestionMode.DIGEST
    return True


def may_interrupt(*, tier: str, prefs: DeliveryPreference) -> bool:
    if prefs.min_interrupt_tier == DeliveryPreference.MinInterruptTier.NEVER:
        return False
    if prefs.min_interrupt_tier == DeliveryPreference.MinInterruptTier.TASK:
        return tier in ("task", "interrupt")
    return tier == "interrupt"


# --- preferences and presence -----------------------------------------------------------------
def preference_for(user) -> DeliveryPreference:
    prefs, _ = DeliveryPreference.objects.get_or_create(user=user)
    return prefs


def preference_update(*, user, changes: dict[str, Any], followed: list[str] | None = None) -> DeliveryPreference:
    """Save a user's delivery controls (audited) and tell their open sockets. `followed` are queue
    slugs; each must be a queue the user may work (checked here, so no caller can skip it)."""
    from clinflow import problems
    from queues.selectors import queues_for_user

    queues = None
    if followed is not None:
        queues = list(queues_for_user(user=user).filter(slug__in=followed))
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
            data={**prefs_dict(prefs), "followed": sorted(q.slug for q in prefs.followed_queues.all())},
        )
        frame = {"type": "prefs.changed", "prefs": prefs_dict(prefs)}
        transaction.on_commit(lambda: send_to_group(user_group(user.pk), frame))
    return prefs


def presence_join(*, user, channel_name: str) -> None:
    Connection.objects.update_or_create(channel_name=channel_name, defaults={"user": user, "last_seen": timezone.now()})


def presence_touch(*, channel_name: str) -> None:
    Connection.objects.filter(channel_name=channel_name).update(last_seen=timezone.now())


def presence_leave(*, channel_name: str) -> None:
    Connection.objects.filter(channel_name=channel_name).delete()


def presence_sweep(*, now: datetime | None = None) -> int:
    """Forget sockets that stopped pinging (a server restart leaves such rows behind)."""
    cutoff = (now or timezone.now()) - timedelta(seconds=PRESENCE_TIMEOUT_SECONDS)
    return Connection.objects.filter(last_seen__lt=cutoff).delete()[0]


def connected_user_ids(*, now: datetime | None = None) -> set[int]:
    cutoff = (now or timezone.now()) - timedelta(seconds=PRESENCE_TIMEOUT_SECONDS)
    return set(Connection.objects.filter(last_seen__gte=cutoff).values_list("user_id", flat=True))


def queue_followers(queue: Queue) -> list:
    """Users who may work the queue and follow it (everyone follows by default)."""
    users = get_users_with_perms(queue, with_group_users=True, only_with_perms_in=["work_queue"])
    users = get_user_model().objects.filter(pk__in=[u.pk for u in users], is_active=True)
    users = users.filter(
        Q(delivery__isnull=True) | Q(delivery__follow_all=True) | Q(delivery__followed_queues=queue)
    ).distinct()
    return list(users)


# --- delivering an item -----------------------------------------------------------------------
def schedule_delivery(item: WorkItem) -> None:
    """After commit, hand the item to a worker for per-user delivery (a dispatcher task)."""
    from queues.tasks import deliver_item

    item_id, alert_no = str(item.pk), item.alert_count
    # An interrupt or an emergent item is delivered on the urgent lane, ahead of any backlog.
    urgent = item.tier == WorkItem.Tier.INTERRUPT or item.priority <= 1
    queue = settings.CELERY_URGENT_QUEUE if urgent else settings.CELERY_TASK_DEFAULT_QUEUE

    def enqueue():
        try:
            deliver_item.apply_async(args=[item_id, alert_no], queue=queue)
        except Exception:  # broker down: the queue page still shows it; beat delivers it (items_redeliver_lost)
            logger.warning("could not enqueue delivery of %s", item_id, exc_info=True)

    transaction.on_commit(enqueue)


def item_deliver(*, item_id: Any, alert_no: int = 1) -> dict[str, Any]:
    """Deliver one (new or re-alerted) item to the users following its queue, and record that
    delivery ran for this alert (`delivered_alert_no`; beat redelivers alerts whose task was lost).

    Idempotent: a delivery row per (item, user, alert) means a re-run sends nothing twice, and an
    interrupt that already reached someone in an earlier run does not count as undeliverable.
    Locking: the item row (FOR UPDATE), so the task and a sweep delivering the same item run one
    after the other; rows are written in the transaction, pushes go out after commit.
    """
    from queues import actions

    with transaction.atomic():
        item = item_lock(item_id=item_id)
        if item is None or item.state not in WorkItem.OPEN_STATES:
            return {"delivered": 0}
        now = timezone.now()
        followers = queue_followers(item.queue)
        online = connected_user_ids(now=now)
        summary = item_summary(item)
        interrupted, as_task, digested, frames = [], [], [], []
        for user in followers:
            prefs = preference_for(user)
            if item.tier == "suggestion":
                if prefs.suggestion_mode == DeliveryPreference.SuggestionMode.DIGEST:
                    DigestEntry.objects.get_or_create(user=user, item=item, defaults={"created_at": now})
                    digested.append(user.username)
                continue
            if user.pk not in online or not (item.tier == "interrupt" or may_interrupt(tier=item.tier, prefs=prefs)):
                continue
            wants = may_interrupt(tier=item.tier, prefs=prefs)
            recent = InterruptDelivery.objects.filter(
                user=user, delivered_as=InterruptDelivery.As.INTERRUPT, delivered_at__gte=now - timedelta(hours=1)
            ).count()
            over_cap = recent >= prefs.interrupt_cap_per_hour
            delivered_as = InterruptDelivery.As.INTERRUPT if wants and not over_cap else InterruptDelivery.As.TASK
            reason = (
                ""
                if delivered_as == "interrupt"
                else "over your interrupt cap: delivered as a task"
                if over_cap
                else "your settings deliver interrupts as tasks"
            )
            delivery, created = InterruptDelivery.objects.get_or_create(
                item=item,
                user=user,
                alert_no=alert_no,
                defaults={"delivered_as": delivered_as, "reason": reason, "delivered_at": now},
            )
            if not created:
                continue
            (interrupted if delivered_as == "interrupt" else as_task).append(user.username)
            frames.append(
                (
                    user.pk,
                    {
                        "type": "interrupt",
                        "delivery": delivery.pk,
                        "delivered_as": delivered_as,
                        "note": reason,
                        "sound": prefs.sound,
                        "item": summary,
                    },
                )
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
        # Nobody (in this run or an earlier one) took this alert as an interrupt: it must still reach someone.
        reached = InterruptDelivery.objects.filter(
            item=item, alert_no=alert_no, escalation=False, delivered_as=InterruptDelivery.As.INTERRUPT
        ).exists()
        if item.tier == "interrupt" and not reached:
            step = actions.item_escalation_step(item_id=item.pk, trigger="undeliverable", now=now)
            outcome["escalated"] = step is not None
        transaction.on_commit(lambda: [send_to_group(user_group(pk), frame) for pk, frame in frames])
    return outcome


def items_redeliver_lost(*, now: datetime | None = None) -> int:
    """Beat: an open item whose current alert was raised more than DELIVERY_SWEEP_AFTER_SECONDS ago
    (its last change is at least that old) and that per-user delivery never ran for (the
    deliver_item task was lost: broker down at enqueue, worker killed) is delivered here."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.DELIVERY_SWEEP_AFTER_SECONDS)
    lost = (
        WorkItem.objects.filter(
            state__in=WorkItem.OPEN_STATES, delivered_alert_no__lt=F("alert_count"), updated_at__lte=cutoff
        )
        .order_by("tier_rank", "priority", "updated_at")
        .values_list("pk", "alert_count")[:200]
    )
    delivered = 0
    for item_id, alert_no in lost:
        try:
            item_deliver(item_id=item_id, alert_no=alert_no)
            delivered += 1
        except Exception:  # one bad item must not hold up the others; the next sweep retries it
            logger.exception("redelivery of %s failed", item_id)
    return delivered


def escalation_recipients(item: WorkItem, level: int) -> tuple[str, list, bool]:
    """Who an escalation step interrupts: (group name, active users, whether this is the fallback).
    Level 1 is the queue's owner group; level 2 the facility's on-call group, or, when the facility
    has none (or nobody active in it), the active superusers, so the chain never ends in nobody."""
    if level < 2:
        group = item.queue.owner_group
        users = list(group.user_set.filter(is_active=True))
        if not users:
            logger.error(
                "escalation of item %s reaches nobody: owner group %r of %s has no active member",
                item.pk,
                group.name,
                item.queue.slug,
            )
        return group.name, users, False
    facility = item.queue.facility
    group = facility.oncall_group
    users = list(group.user_set.filter(is_active=True)) if group else []
    if users:
        return group.name, users, False
    logger.error(
        "facility %s has no on-call group with an active member: escalating item %s to the superusers",
        facility.slug,
        item.pk,
    )
    return "superusers", list(get_user_model().objects.filter(is_superuser=True, is_active=True)), True


def escalation_notify(*, item: WorkItem, level: int, reason: str, now: datetime) -> dict[str, Any]:
    """Interrupt every active member of the step's target group, online or not. Call inside the
    step's transaction: the rows are written there (one alert number per step, so a step never
    notifies anyone twice), the pushes go out after commit."""
    group_name, users, fallback = escalation_recipients(item, level)
    last = InterruptDelivery.objects.filter(item=item, escalation=True).aggregate(m=Max("alert_no"))["m"]
    alert_no = max(last or 0, ESCALATION_ALERT_BASE) + 1
    summary = item_summary(item)
    notified, frames = [], []
    for user in users:
        delivery, created = InterruptDelivery.objects.get_or_create(
            item=item,
            user=user,
            alert_no=alert_no,
            defaults={
                "delivered_as": InterruptDelivery.As.INTERRUPT,
                "reason": f"escalated: {reason}",
                "escalation": True,
                "delivered_at": now,
            },
        )
        if created:
            notified.append(user.username)
            frames.append(
                (
                    user.pk,
                    {
                        "type": "interrupt",
                        "delivery": delivery.pk,
                        "delivered_as": "interrupt",
                        "escalation": True,
                        "level": level,
                        "note": f"Escalated to you: {reason}",
                        "sound": True,
                        "item": summary,
                    },
                )
            )
    transaction.on_commit(lambda: [send_to_group(user_group(pk), frame) for pk, frame in frames])
    return {"to_group": group_name, "notified": notified, "fallback": fallback}


def interrupt_acknowledge(*, delivery_id: Any, user) -> InterruptDelivery:
    """The user saw the interrupt: recorded on the delivery and on the item (`acknowledged_at`,
    which stops its escalation chain). Locking: the item row, then the delivery row, the order the
    escalation sweep takes them in."""
    from clinflow import problems

    item_id = InterruptDelivery.objects.filter(pk=delivery_id, user=user).values_list("item_id", flat=True).first()
    if item_id is None:
        raise problems.NotFound("No such interrupt for you.")
    with transaction.atomic():
        item_lock(item_id=item_id)
        delivery = InterruptDelivery.objects.select_for_update().get(pk=delivery_id)
        if delivery.acknowledged_at is None:
            now = timezone.now()
            delivery.acknowledged_at = now
            delivery.save(update_fields=["acknowledged_at"])
            WorkItem.objects.filter(pk=item_id).update(acknowledged_at=now)
            audit_record(
                action="interrupt.acknowledged",
                object_type="work_item",
                object_id=delivery.item_id,
                actor=user.username,
                actor_type="user",
                data={"delivery": delivery.pk, "escalation": delivery.escalation},
            )
    return delivery


def digests_build(*, now: datetime | None = None) -> int:
    """Beat: send each digest-mode user their held suggestions when their interval has passed."""
    now = now or timezone.now()
    sent = 0
    pending_users = DigestEntry.objects.filter(delivered_at__isnull=True).values_list("user_id", flat=True).distinct()
    online = connected_user_ids()  # presence by the wall clock, whatever `now` the caller passes
    # An offline user's digest waits until they are back (a push to nobody would lose it).
    pending_users = [u for u in pending_users if u in online]
    for prefs in DeliveryPreference.objects.filter(user_id__in=pending_users).select_related("user"):
        entries = list(
            DigestEntry.objects.filter(user=prefs.user, delivered_at__isnull=True)
            .select_related("item__queue", "item__claimed_by")
            .order_by("created_at")
        )
        start = prefs.last_digest_at or entries[0].created_at
        if now < start + timedelta(minutes=prefs.digest_minutes):
            continue
        items = [item_summary(e.item) for e in entries if e.item.state in WorkItem.OPEN_STATES]
        DigestEntry.objects.filter(pk__in=[e.pk for e in entries]).update(delivered_at=now)
        prefs.last_digest_at = now
        prefs.save(update_fields=["last_digest_at"])
        if items:
            send_to_group(user_group(prefs.user_id), {"type": "digest", "items": items, "at": now.isoformat()})
            sent += 1
    return sent


def interrupts_pending_for(*, user) -> list[InterruptDelivery]:
    """Interrupts shown to the user and not yet acknowledged, of items still open (a reloaded page
    shows them again)."""
    return list(
        InterruptDelivery.objects.filter(
            user=user,
            delivered_as=InterruptDelivery.As.INTERRUPT,
            acknowledged_at__isnull=True,
            item__state__in=WorkItem.OPEN_STATES,
        )
        .select_related("item__queue", "item__claimed_by")
        .order_by("delivered_at")
    )
