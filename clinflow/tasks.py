from celery import shared_task

from clinflow import heartbeat


@shared_task(bind=True, ignore_result=True, expires=30)
def worker_heartbeat(self) -> float:
    """Beat → worker → Redis: /readyz reads this timestamp to know a worker is consuming; the ops
    page reads it per worker (the name of the worker that ran it)."""
    return heartbeat.heartbeat_record(self.request.hostname)
