"""Writes of the event-intake app: sources, ingest, processing, sweep and replay.

The invariant everything here keeps: an accepted event is a committed Event row *before* anything is
enqueued (transaction.on_commit), Celery is only a trigger, and processing is a conditional UPDATE
that continues only if it claimed the row, so re-delivery, the sweep and replays never double-process.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from audit.models import AuditRecord
from audit.services import AuditEntry, audit_batch, audit_record, audit_record_many
from clinflow import problems
from ingest import handlers
from ingest.models import Event, IntegrationSource
from ingest.schemas import EVENT_TYPES, max_depth, parse_datetime_strict, validate_envelope

logger = logging.getLogger(__name__)

TOKEN_PREFIX = "cfs_"
ACCEPTED_CONTENT_TYPES = {"application/cloudevents+json", "application/json"}
BATCH_CONTENT_TYPES = {"application/cloudevents-batch+json", "application/json"}


# --- integration sources ----------------------------------------------------------------------
def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def source_create(*, name: str, types: Iterable[str] | str) -> tuple[IntegrationSource, str]:
    """Create a source system and return it with its new token (shown once, stored hashed)."""
    if isinstance(types, str):
        types = ["*"] if types.strip() == "all" else [t.strip() for t in types.split(",") if t.strip()]
    types = list(types)
    unknown = [t for t in types if t != "*" and t not in EVENT_TYPES]
    if unknown or not types:
        raise ValueError(f"unknown event types {unknown}; known: {', '.join(EVENT_TYPES)} or 'all'")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        source = IntegrationSource.objects.create(
            name=name, token_hash=hash_token(token), token_prefix=token[:10], allowed_types=types
        )
        audit_record(action="source.created", object_type="source", object_id=source.pk,
                     data={"name": name, "allowed_types": types})
    return source, token


def source_rotate_token(*, source: IntegrationSource) -> str:
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        source.token_hash, source.token_prefix = hash_token(token), token[:10]
        source.is_active, source.revoked_at = True, None
        source.save(update_fields=["token_hash", "token_prefix", "is_active", "revoked_at"])
        audit_record(action="source.token_rotated", object_type="source", object_id=source.pk)
    return token


def source_revoke(*, source: IntegrationSource) -> None:
    with transaction.atomic():
        source.is_active, source.revoked_at = False, timezone.now()
        source.save(update_fields=["is_active", "revoked_at"])
        audit_record(action="source.revoked", object_type="source", object_id=source.pk)


def source_authenticate(*, token: str) -> IntegrationSource | None:
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    return IntegrationSource.objects.filter(token_hash=hash_token(token), is_active=True).first()


# --- body parsing -----------------------------------------------------------------------------
def parse_json_body(*, raw: bytes, content_type: str, allowed: set[str], max_bytes: int) -> Any:
    """Turn a request body into parsed JSON or raise the Problem that names what is wrong."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media not in allowed:
        raise problems.UnsupportedMediaType(
            f"Content-Type {media or '(none)'!r} is not accepted; send {' or '.join(sorted(allowed))}."
        )
    if len(raw) > max_bytes:
        raise problems.PayloadTooLarge(f"The body is {len(raw)} bytes; the limit is {max_bytes}.")
    try:
        parsed = json.loads(raw)
    except RecursionError:
        raise problems.MalformedJSON("The JSON is nested too deeply.") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise problems.MalformedJSON(f"The body is not valid JSON: {exc}") from None
    limit = settings.EVENT_MAX_DEPTH
    if max_depth(parsed, limit) > limit:
        raise problems.MalformedJSON(f"The JSON is nested more than {limit} levels deep.")
    return parsed


# --- ingest -----------------------------------------------------------------------------------
@dataclass
class IngestResult:
    status: int
    body: dict[str, Any]
    event_id: str | None = None


def envelope_hash(envelope: dict[str, Any]) -> str:
    canonical = json.dumps(envelope, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def accepted_body(event_id: Any) -> dict[str, Any]:
    return {"event_id": str(event_id), "status": Event.Status.RECEIVED,
            "status_url": f"/api/v1/events/{event_id}"}


def _problem_result(problem: problems.Problem) -> IngestResult:
    return IngestResult(problem.status, problem.as_dict())


def _check(source: IntegrationSource, envelope: Any) -> tuple[IngestResult | None, Event | None]:
    check = validate_envelope(envelope)
    if check.type and not source.may_send(check.type):
        return _problem_result(problems.Forbidden(
            f"Source {source.name!r} may not send {check.type} events.",
            errors=[{"field": "type", "message": "not allowed for this source"}])), None
    if not check.ok:
        return _problem_result(problems.ValidationProblem(
            f"{len(check.errors)} problem(s) in the event.", errors=check.errors)), None
    now = timezone.now()
    event = Event(
        integration_source=source,
        source=envelope["source"],
        source_event_id=envelope["id"],
        type=check.type,
        schema_version=check.version,
        time=parse_datetime_strict(envelope["time"]) if envelope.get("time") else None,
        subject=(envelope.get("subject") or "")[:255],
        data=envelope["data"],
        envelope_hash=envelope_hash(envelope),
        received_at=now,
        enqueued_at=now,
    )
    return None, event


def _repeat_result(event: Event, existing: Event | None, source: IntegrationSource) -> IngestResult:
    if existing is None:  # pragma: no cover - integrity error for another reason
        raise RuntimeError("unique conflict but no existing event")
    if existing.integration_source_id == source.pk and existing.envelope_hash == event.envelope_hash:
        return IngestResult(200, accepted_body(existing.pk), str(existing.pk))
    return _problem_result(problems.Conflict(
        f"Event ({event.source}, {event.source_event_id}) was already received with a different body; "
        "an event id identifies one event forever."))


def _ingest_audit(events: list[Event], source: IntegrationSource) -> None:
    audit_record_many(entries=[
        AuditEntry(action="event.ingested", object_type="event", object_id=str(e.pk),
                   actor=source.name, actor_type=AuditRecord.ActorType.SOURCE,
                   data={"type": e.type, "source": e.source, "source_event_id": e.source_event_id})
        for e in events
    ])


def event_ingest(*, source: IntegrationSource, envelope: Any) -> IngestResult:
    """Validate and store one event; enqueue processing after commit.

    Transaction: the INSERT and its audit record commit together; a unique conflict on
    (source, id) turns into the original answer (same body) or a 409 (different body).
    """
    result, event = _check(source, envelope)
    if result:
        return result
    assert event is not None
    try:
        with transaction.atomic():
            event.save(force_insert=True)
            _ingest_audit([event], source)
            transaction.on_commit(lambda: enqueue_processing([event.pk]))
    except IntegrityError:
        existing = Event.objects.filter(source=event.source, source_event_id=event.source_event_id).first()
        return _repeat_result(event, existing, source)
    return IngestResult(202, accepted_body(event.pk), str(event.pk))


def events_ingest_batch(*, source: IntegrationSource, envelopes: list[Any]) -> list[IngestResult]:
    """Ingest a CloudEvents batch: each event stands or falls alone; the good ones are inserted in one
    transaction (bulk), repeats answer as single repeats do."""
    results: list[IngestResult | None] = [None] * len(envelopes)
    candidates: list[tuple[int, Event]] = []
    for index, envelope in enumerate(envelopes):
        result, event = _check(source, envelope)
        if result:
            results[index] = result
        else:
            candidates.append((index, event))  # type: ignore[arg-type]

    existing: dict[tuple[str, str], Event] = {}
    if candidates:
        # Filter on both columns so the (source, source_event_id) unique index is used.
        sources = {e.source for _, e in candidates}
        ids = {e.source_event_id for _, e in candidates}
        for found in Event.objects.filter(source__in=sources, source_event_id__in=ids).only(
            "id", "source", "source_event_id", "envelope_hash", "integration_source_id"
        ):
            existing[(found.source, found.source_event_id)] = found

    new: list[tuple[int, Event]] = []
    for index, event in candidates:
        key = (event.source, event.source_event_id)
        if key in existing:
            results[index] = _repeat_result(event, existing[key], source)
        else:
            existing[key] = event  # a later copy inside this batch is a repeat of this one
            new.append((index, event))

    if new:
        try:
            with transaction.atomic():
                Event.objects.bulk_create([e for _, e in new])
                _ingest_audit([e for _, e in new], source)
                ids = [e.pk for _, e in new]
                transaction.on_commit(lambda: enqueue_batch(ids) if len(ids) > 1 else enqueue_processing(ids))
            for index, event in new:
                results[index] = IngestResult(202, accepted_body(event.pk), str(event.pk))
        except IntegrityError:
            # A concurrent request stored one of these first: fall back to one-by-one inserts.
            for index, _event in new:
                results[index] = event_ingest(source=source, envelope=envelopes[index])
    return [r for r in results if r is not None]


# --- processing -------------------------------------------------------------------------------
def enqueue_processing(event_ids: Iterable[Any], *, countdown: float | None = None) -> int:
    """Publish one process_event task per event over one pooled producer connection; never raises.
    If the broker is down the events stay `received` and the sweep enqueues them later.
    Returns how many were published."""
    from clinflow.celery import app
    from ingest.tasks import process_event

    ids = [str(event_id) for event_id in event_ids]
    published = 0
    try:
        with app.producer_or_acquire() as producer:
            for event_id in ids:
                process_event.apply_async(args=[event_id], countdown=countdown, retry=False, producer=producer)
                published += 1
    except Exception as exc:  # broker unreachable: the sweep will catch up
        logger.warning("enqueue failed (%s); %d event(s) left for the sweep", exc, len(ids) - published)
    return published


def enqueue_batch(event_ids: list[Any]) -> bool:
    """Publish ONE dispatcher task for a batch (the worker fans it out), so a 1,000-event request
    does not pay 1,000 publishes. Never raises; on failure the sweep catches up."""
    from ingest.tasks import dispatch_events

    try:
        dispatch_events.apply_async(args=[[str(i) for i in event_ids]], retry=False)
    except Exception as exc:
        logger.warning("enqueue of a batch of %d failed (%s); left for the sweep", len(event_ids), exc)
        return False
    return True


def _backoff(failures: int) -> int:
    return min(settings.EVENT_RETRY_BASE_SECONDS * 2 ** max(failures - 1, 0), 300)


def event_process(*, event_id: Any) -> str:
    """Process one event: claim it, run its type's handler, record the outcome.

    Locking: the claim is a conditional UPDATE received→processing; it prevents two deliveries of the
    same task (broker redelivery, sweep re-enqueue, replay) from running the handler concurrently.
    The handler and the `processed` mark commit in one transaction, so a crash leaves nothing half
    done; the handler itself must be idempotent (replays re-run it).
    Returns "processed", "retry", "failed" or "skipped".
    """
    now = timezone.now()
    claimed = (
        Event.objects.filter(pk=event_id, status=Event.Status.RECEIVED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(status=Event.Status.PROCESSING, attempts=F("attempts") + 1, processing_started_at=now)
    )
    if not claimed:
        return "skipped"
    event = Event.objects.select_related("integration_source").get(pk=event_id)
    try:
        with transaction.atomic(), audit_batch():
            outcome = handlers.dispatch(event) or {}
            Event.objects.filter(pk=event.pk, status=Event.Status.PROCESSING).update(
                status=Event.Status.PROCESSED, processed_at=timezone.now(), failures=0, last_error="",
                next_attempt_at=None,
            )
            audit_record(action="event.processed", object_type="event", object_id=event.pk,
                         data={"type": event.type, "attempt": event.attempts, **outcome})
        return "processed"
    except handlers.PermanentError as exc:
        logger.warning("event %s failed permanently: %s", event.pk, exc)
        return _event_fail(event, f"PermanentError: {exc}", permanent=True)
    except Exception as exc:
        logger.exception("processing event %s failed", event.pk)
        return _event_fail(event, f"{type(exc).__name__}: {exc}")


def _event_fail(event: Event, error: str, *, permanent: bool = False) -> str:
    failures = event.failures + 1
    error = error[:4000]
    now = timezone.now()
    with transaction.atomic():
        if permanent or failures >= settings.EVENT_MAX_ATTEMPTS:
            Event.objects.filter(pk=event.pk).update(
                status=Event.Status.FAILED, failures=failures, last_error=error, processing_started_at=None,
                next_attempt_at=None,
            )
            audit_record(action="event.failed", object_type="event", object_id=event.pk,
                         data={"error": error, "attempts": event.attempts, "failures": failures})
            return "failed"
        delay = _backoff(failures)
        Event.objects.filter(pk=event.pk).update(
            status=Event.Status.RECEIVED, failures=failures, last_error=error, processing_started_at=None,
            next_attempt_at=now + timedelta(seconds=delay), enqueued_at=now,
        )
        audit_record(action="event.retry_scheduled", object_type="event", object_id=event.pk,
                     data={"error": error, "failures": failures, "retry_in_seconds": delay})
        transaction.on_commit(lambda: enqueue_processing([event.pk], countdown=delay))
    return "retry"


def events_sweep_stuck(*, now: datetime | None = None, limit: int = 5000) -> dict[str, int]:
    """Re-enqueue events that Celery lost; run by beat.

    - `processing` for longer than EVENT_STUCK_AFTER_SECONDS: the worker died mid-task. Counted as a
      failure (so an event that kills workers ends `failed`), then re-enqueued.
    - `received`, due, and last enqueued longer ago than the timeout: the task was lost (broker
      restart, Redis down at ingest). enqueued_at is bumped with a conditional UPDATE, so two sweeps
      never enqueue the same event twice in one period.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.EVENT_STUCK_AFTER_SECONDS)
    stale = list(Event.objects.filter(status=Event.Status.PROCESSING, processing_started_at__lt=cutoff)[:limit])
    failed = 0
    for event in stale:
        claimed = Event.objects.filter(pk=event.pk, status=Event.Status.PROCESSING,
                                       processing_started_at=event.processing_started_at).update(
            status=Event.Status.RECEIVED, processing_started_at=None)
        if claimed:
            event.status = Event.Status.RECEIVED
            outcome = _event_fail(event, "worker lost while processing (stuck past "
                                         f"{settings.EVENT_STUCK_AFTER_SECONDS}s)")
            failed += outcome == "failed"
    due = (
        Event.objects.filter(status=Event.Status.RECEIVED)
        .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=cutoff))
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .values_list("pk", "enqueued_at")[:limit]
    )
    requeue = []
    for pk, enqueued_at in due:
        if Event.objects.filter(pk=pk, status=Event.Status.RECEIVED, enqueued_at=enqueued_at).update(enqueued_at=now):
            requeue.append(pk)
    published = enqueue_processing(requeue) if requeue else 0
    if stale or requeue:
        logger.info("sweep: %d stuck in processing, %d re-enqueued (%d published)", len(stale), len(requeue), published)
    return {"stuck_processing": len(stale), "requeued": len(requeue), "published": published, "failed": failed}


def events_replay(*, events: QuerySet[Event], actor: str = "system") -> int:
    """Put the chosen events back to `received` and enqueue them (manage.py replay_events).

    Events currently `processing` are left alone. Handlers are idempotent, so replaying a processed
    event re-runs it without duplicating anything downstream.
    """
    now = timezone.now()
    ids = list(events.exclude(status=Event.Status.PROCESSING).values_list("pk", flat=True))
    if not ids:
        return 0
    with transaction.atomic():
        for chunk_start in range(0, len(ids), 1000):
            chunk = ids[chunk_start:chunk_start + 1000]
            Event.objects.filter(pk__in=chunk).exclude(status=Event.Status.PROCESSING).update(
                status=Event.Status.RECEIVED, failures=0, next_attempt_at=None, enqueued_at=now,
                processing_started_at=None,
            )
        audit_record_many(entries=[
            AuditEntry(action="event.replayed", object_type="event", object_id=str(pk), actor=actor)
            for pk in ids
        ])
        transaction.on_commit(lambda: enqueue_processing(ids))
    return len(ids)
