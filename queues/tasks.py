"""Celery tasks of the queues app: they take ids, call the services and orchestrate what spans two
of them (a delivery that reached nobody is escalated), own their time limits, and are safe to run
twice (every service re-checks its item under a row lock)."""

import logging

from celery import shared_task

from queues.services import delivery, items

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, ignore_result=True, soft_time_limit=60, time_limit=90)
def deliver_item(item_id: str, alert_no: int = 1) -> dict:
    """Per-user delivery of one new or re-alerted item (idempotent per item, user and alert); an
    interrupt that reached nobody takes the next escalation step at once."""
    outcome = delivery.item_deliver(item_id=item_id, alert_no=alert_no)
    if outcome.pop("needs_escalation", False):
        outcome["escalated"] = items.item_escalate_undeliverable(item_id=item_id, alert_no=alert_no) is not None
    return outcome


@shared_task(ignore_result=True, soft_time_limit=50, time_limit=60)
def queue_upkeep() -> dict:
    """Beat, every few seconds: wake snoozed items, free expired claims, deliver alerts whose
    deliver_item task was lost (escalating those that reached nobody), take the escalation steps
    that are due, forget dead sockets. Safe to overlap with itself: every step re-checks its item
    under a row lock."""
    woken = items.item_wake_snoozed()
    claims_released = items.item_release_expired_claims()
    redelivery = delivery.item_redeliver_lost()
    for item_id, alert_no in redelivery.undeliverable:
        try:
            items.item_escalate_undeliverable(item_id=item_id, alert_no=alert_no)
        except Exception:  # one bad item must not hold up the others; the next sweep retries it
            logger.exception("escalation of undeliverable %s failed", item_id)
    return {
        "woken": woken,
        "claims_released": claims_released,
        "redelivered": redelivery.delivered,
        "escalated": items.item_escalate_due(),
        "stale_connections": delivery.presence_sweep(),
    }


@shared_task(ignore_result=True, soft_time_limit=50, time_limit=60)
def build_digests() -> int:
    """Beat, every minute: digests for users whose interval has passed."""
    return delivery.digests_build()
