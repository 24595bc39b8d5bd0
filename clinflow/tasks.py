from celery import shared_task

from clinflow import heartbeat


@shared_task(ignore_result=True, expires=30)
def worker_heartbeat() -> float:
    """Beat → worker → Redis: /readyz reads this timestamp to know a worker is consuming."""
    return heartbeat.heartbeat_record()
