"""The bare baseline of benchmarks/push.py: a Celery task that only group_sends one frame.

Loaded into the benchmark's worker with `celery worker -I benchmarks.push_tasks`; not part of the
product's task set.
"""

from celery import shared_task

from queues.publish import publish


@shared_task(ignore_result=True)
def bare_push(group: str, trial: int, t0: float) -> None:
    publish(group=group, frame={"type": "bench.ping", "trial": trial, "t0": t0})  # no transaction: sent at once
