import time

from celery import shared_task

from clinflow.metrics import EVENT_PROCESSING_SECONDS
from ingest import services


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90, ignore_result=True)
def process_event(event_id: str) -> str:
    """Process one event (idempotent: a conditional UPDATE claims it; a second run is skipped).
    The run's duration goes to the processing histogram by outcome (clinflow.metrics: observed in
    this worker process, merged into the web's /metrics through multiprocess mode)."""
    started = time.perf_counter()
    outcome = services.event_process(event_id=event_id)
    EVENT_PROCESSING_SECONDS.labels(outcome=outcome).observe(time.perf_counter() - started)
    return outcome


@shared_task(acks_late=True, ignore_result=True, soft_time_limit=60, time_limit=90)
def dispatch_events(event_ids: list[str]) -> int:
    """Fan a batch out into one process_event task per event (a re-run only re-publishes: each
    process_event claims its row, so duplicates are skipped)."""
    return services.events_dispatch(event_ids=event_ids)


@shared_task(ignore_result=True, soft_time_limit=120, time_limit=180)
def sweep_stuck_events() -> dict:
    """Beat: re-enqueue events that Celery lost (see services.events_sweep_stuck)."""
    return services.events_sweep_stuck()
