from celery import shared_task

from queues import actions, delivery


@shared_task(acks_late=True, ignore_result=True, soft_time_limit=60, time_limit=90)
def deliver_item(item_id: str, alert_no: int = 1) -> dict:
    """Per-user delivery of one new or re-alerted item (idempotent per item, user and alert)."""
    return delivery.item_deliver(item_id=item_id, alert_no=alert_no)


@shared_task(ignore_result=True, soft_time_limit=50, time_limit=60)
def queue_upkeep() -> dict:
    """Beat, every few seconds: wake snoozed items, free expired claims, deliver alerts whose
    deliver_item task was lost, take the escalation steps that are due, forget dead sockets. Safe
    to overlap with itself: every step re-checks its item under a row lock."""
    return {
        "woken": actions.items_wake_snoozed(),
        "claims_released": actions.items_release_expired_claims(),
        "redelivered": delivery.items_redeliver_lost(),
        "escalated": actions.items_escalate_due(),
        "stale_connections": delivery.presence_sweep(),
    }


@shared_task(ignore_result=True, soft_time_limit=50, time_limit=60)
def build_digests() -> int:
    """Beat, every minute: digests for users whose interval has passed."""
    return delivery.digests_build()
