"""Delivery: who is told about a work item, how, and when — per user's controls.

- The queue page's live list gets every item change through the queue's group (queues.publish).
- Interrupts go to each connected follower as a toast they must acknowledge, within their hourly
  cap (excess are delivered as tasks, marked so) and their minimum interrupting tier. If an
  interrupt reaches nobody, or nobody acknowledges it in time, it escalates to the queue's owner.
- Suggestions reach digest-mode users only in their digest (built by beat every minute).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from guardian.shortcuts import get_users_with_perms

from audit.services import audit_record
from queues.models import Connection, DeliveryPreference, DigestEntry, InterruptDelivery, Queue, WorkItem
from queues.publish import item_summary, send_to_group, user_group

logger = logging.getLogger(__name__)
PRESENCE_TIMEOUT_SECONDS = 90  # a browser pings every 30 s


# --- pure rules -------------------------------------------------------------------------------
def prefs_dict(prefs: DeliveryPreference) -> dict[str, Any]:
    return {"suggestion_mode": prefs.suggestion_mode, "digest_minutes": prefs.digest_minutes,
            "interrupt_cap_per_hour": prefs.interrupt_cap_per_hour, "min_interrupt_tier": prefs.min_interrupt_tier,
            "sound": prefs.sound, "follow_all": prefs.follow_all}


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
            raise problems.ValidationProblem("Unknown queue.", errors=[
                {"field": "followed_queues", "message": "lists a queue you may not work"}])
    fields = ("follow_all", "suggestion_mode", "digest_minutes", "interrupt_cap_per_hour", "min_interrupt_tier",
              "sound")
    with transaction.atomic():
        prefs = DeliveryPreference.objects.select_for_update().get_or_create(user=user)[0]
        for key in fields:
            if key in changes:
                setattr(prefs, key, changes[key])
        prefs.full_clean(exclude=["user", "followed_queues"])
        prefs.save()
        if queues is not None:
            prefs.followed_queues.set(queues)
        audit_record(action="delivery.changed", object_type="user", object_id=user.pk, actor=user.username,
                     actor_type="user", data={**prefs_dict(prefs),
                                              "followed": sorted(q.slug for q in prefs.followed_queues.all())})
        frame = {"type": "prefs.changed", "prefs": prefs_dict(prefs)}
        transaction.on_commit(lambda: send_to_group(user_group(user.pk), frame))
    return prefs


def presence_join(*, user, channel_name: str) -> None:
    Connection.objects.update_or_create(channel_name=channel_name, defaults={"user": user,
                                                                             "last_seen": timezone.now()})


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
    users = users.filter(Q(delivery__isnull=True) | Q(delivery__follow_all=True) |
                         Q(delivery__followed_queues=queue)).distinct()
    return list(users)


# --- delivering an item -----------------------------------------------------------------------
def schedule_delivery(item: WorkItem) -> None:
    """After commit, hand the item to a worker for per-user delivery (a dispatcher task)."""
    from queues.tasks import deliver_item

    item_id, alert_no = str(item.pk), item.alert_count

    def enqueue():
        try:
            deliver_item.delay(item_id, alert_no)
        except Exception:  # broker down: the queue page still shows it; beat escalates unacked interrupts
            logger.warning("could not enqueue delivery of %s", item_id, exc_info=True)

    transaction.on_commit(enqueue)


def item_deliver(*, item_id: Any, alert_no: int = 1) -> dict[str, Any]:
    """Deliver one (new or re-alerted) item to the users following its queue. Idempotent: a
    delivery row per (item, user, alert) means a re-run sends nothing twice."""
    item = WorkItem.objects.select_related("queue__owner_group", "claimed_by").filter(pk=item_id).first()
    if item is None or item.state not in WorkItem.OPEN_STATES:
        return {"delivered": 0}
    now = timezone.now()
    followers = queue_followers(item.queue)
    online = connected_user_ids(now=now)
    summary = item_summary(item)
    interrupted, as_task, digested = [], [], []
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
        recent = InterruptDelivery.objects.filter(user=user, delivered_as=InterruptDelivery.As.INTERRUPT,
                                                  delivered_at__gte=now - timedelta(hours=1)).count()
        over_cap = recent >= prefs.interrupt_cap_per_hour
        delivered_as = InterruptDelivery.As.INTERRUPT if wants and not over_cap else InterruptDelivery.As.TASK
        reason = ("" if delivered_as == "interrupt" else
                  "over your interrupt cap: delivered as a task" if over_cap else
                  "your settings deliver interrupts as tasks")
        delivery, created = InterruptDelivery.objects.get_or_create(
            item=item, user=user, alert_no=alert_no,
            defaults={"delivered_as": delivered_as, "reason": reason, "delivered_at": now})
        if not created:
            continue
        (interrupted if delivered_as == "interrupt" else as_task).append(user.username)
        send_to_group(user_group(user.pk), {"type": "interrupt", "delivery": delivery.pk,
                                            "delivered_as": delivered_as, "note": reason, "sound": prefs.sound,
                                            "item": summary})
    outcome = {"interrupted": interrupted, "as_task": as_task, "digest": digested}
    if item.tier == "interrupt" and not interrupted:
        # Nobody online took it as an interrupt: it must still reach someone.
        from queues.actions import item_escalate

        if item.state != WorkItem.State.ESCALATED:
            item_escalate(item_id=item.pk, user=None, comment="no one following the queue was online",
                          actor_type="system")
        outcome["escalated"] = True
    if interrupted or as_task:
        audit_record(action="delivery.interrupt", object_type="work_item", object_id=item.pk, actor="delivery",
                     data={**outcome, "alert_no": alert_no})
    return outcome


def notify_owner_group(item: WorkItem, *, reason: str) -> None:
    """After commit, interrupt every member of the queue's owner group about an escalated item."""
    item_id = item.pk

    def send():
        fresh = WorkItem.objects.select_related("queue__owner_group", "claimed_by").get(pk=item_id)
        summary = item_summary(fresh)
        now = timezone.now()
        for user in fresh.queue.owner_group.user_set.filter(is_active=True):
            delivery, created = InterruptDelivery.objects.get_or_create(
                item=fresh, user=user, alert_no=1000 + fresh.alert_count,
                defaults={"delivered_as": InterruptDelivery.As.INTERRUPT, "reason": f"escalated: {reason}",
                          "escalation": True, "delivered_at": now})
            if created:
                send_to_group(user_group(user.pk), {"type": "interrupt", "delivery": delivery.pk,
                                                    "delivered_as": "interrupt", "escalation": True,
                                                    "note": f"Escalated to you: {reason}", "sound": True,
                                                    "item": summary})

    transaction.on_commit(send)


def interrupt_acknowledge(*, delivery_id: Any, user) -> InterruptDelivery:
    from clinflow import problems

    with transaction.atomic():
        delivery = InterruptDelivery.objects.select_for_update().filter(pk=delivery_id, user=user).first()
        if delivery is None:
            raise problems.NotFound("No such interrupt for you.")
        if delivery.acknowledged_at is None:
            delivery.acknowledged_at = timezone.now()
            delivery.save(update_fields=["acknowledged_at"])
            audit_record(action="interrupt.acknowledged", object_type="work_item", object_id=delivery.item_id,
                         actor=user.username, actor_type="user", data={"delivery": delivery.pk})
    return delivery


def interrupts_escalate_unacknowledged(*, now: datetime | None = None) -> int:
    """Beat: an interrupt nobody acknowledged within INTERRUPT_ESCALATE_MINUTES escalates its item."""
    from queues.actions import item_escalate

    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.INTERRUPT_ESCALATE_MINUTES)
    stale = (InterruptDelivery.objects.filter(delivered_as=InterruptDelivery.As.INTERRUPT, escalation=False,
                                              acknowledged_at__isnull=True, escalated_at__isnull=True,
                                              delivered_at__lt=cutoff)
             .values_list("item_id", flat=True).distinct())
    escalated = 0
    for item_id in list(stale)[:500]:
        acked = InterruptDelivery.objects.filter(item_id=item_id, escalation=False,
                                                 acknowledged_at__isnull=False).exists()
        InterruptDelivery.objects.filter(item_id=item_id, escalated_at__isnull=True).update(escalated_at=now)
        item = WorkItem.objects.get(pk=item_id)
        if acked or item.state not in WorkItem.OPEN_STATES or item.state == WorkItem.State.ESCALATED:
            continue
        item_escalate(item_id=item_id, user=None, actor_type="system",
                      comment=f"interrupt not acknowledged within {settings.INTERRUPT_ESCALATE_MINUTES} min")
        escalated += 1
    return escalated


def digests_build(*, now: datetime | None = None) -> int:
    """Beat: send each digest-mode user their held suggestions when their interval has passed."""
    now = now or timezone.now()
    sent = 0
    pending_users = DigestEntry.objects.filter(delivered_at__isnull=True).values_list("user_id", flat=True).distinct()
    online = connected_user_ids()  # presence by the wall clock, whatever `now` the caller passes
    # An offline user's digest waits until they are back (a push to nobody would lose it).
    pending_users = [u for u in pending_users if u in online]
    for prefs in DeliveryPreference.objects.filter(user_id__in=pending_users).select_related("user"):
        entries = list(DigestEntry.objects.filter(user=prefs.user, delivered_at__isnull=True)
                       .select_related("item__queue", "item__claimed_by").order_by("created_at"))
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
    return list(InterruptDelivery.objects.filter(user=user, delivered_as=InterruptDelivery.As.INTERRUPT,
                                                 acknowledged_at__isnull=True,
                                                 item__state__in=WorkItem.OPEN_STATES)
                .select_related("item__queue", "item__claimed_by").order_by("delivered_at"))
