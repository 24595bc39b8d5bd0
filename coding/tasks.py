"""Beat: unsigned orders and notes age into tasks and escalate (dispatcher + one task per document)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from coding import selectors, services

logger = logging.getLogger(__name__)


@shared_task(name="coding.tasks.unsigned_check", time_limit=120)
def unsigned_check() -> int:
    """Every unsigned document whose next level is due gets its own step; returns how many."""
    due = selectors.unsigned_due(now=timezone.now())
    for doc_id in due:
        unsigned_advance.delay(doc_id)
    return len(due)


@shared_task(name="coding.tasks.unsigned_advance", time_limit=60, max_retries=3, default_retry_delay=10, bind=True)
def unsigned_advance(self, doc_id: int) -> str:
    """One document's step (idempotent: a second run finds it not due). The row is the record: if
    this task is lost, the next beat run finds the document still due."""
    try:
        return services.unsigned_advance(doc_id=doc_id)
    except Exception as exc:
        logger.warning("unsigned document %s: step failed", doc_id, exc_info=True)
        raise self.retry(exc=exc) from exc
