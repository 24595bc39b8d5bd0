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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from audit.models import AuditRecord
from audit.services import AuditEntry, audit_batch, audit_record, audit_record_many
from clinflow import problems
from ingest import handlers, leases
from ingest.models import Event, IntegrationSource
from ingest.schemas import EVENT_TYPES, SLUG_RE, parse_datetime_strict, validate_envelope

logger = logging.getLogger(__name__)

TOKEN_PREFIX = "cfs_"

# The tasks, by name (as the beat schedule names them): services sit below ingest.tasks and never
# import it; IngestConfig.ready registers the tasks in every process (web, commands, tests).
PROCESS_EVENT_TASK = "ingest.tasks.process_event"
DISPATCH_EVENTS_TASK = "ingest.tasks.dispatch_events"


# --- integration sources ----------------------------------------------------------------------
def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _split(value: Iterable[str] | str | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return [v.strip() for v in value if v and v.strip()]


def source_create(
    *,
    name: str,
    types: Iterable[str] | str,
    source_uris: Iterable[str] | str | None = None,
    facilities: Iterable[str] | str | None = None,
) -> tuple[IntegrationSource, str]:
    """Create a source system and return it with its new token (shown once, stored hashed).

    `source_uris`: the CloudEvents `source` values it may send as (none given: bound to the first one
    it uses). `facilities`: the facility slugs it may send for (none given: all, "*")."""
    if isinstance(types, str):
        types = ["*"] if types.strip() == "all" else [t.strip() for t in types.split(",") if t.strip()]
    types = list(types)
    unknown = [t for t in types if t != "*" and t not in EVENT_TYPES]
    if unknown or not types:
        raise ValueError(f"unknown event types {unknown}; known: {', '.join(EVENT_TYPES)} or 'all'")
    uris = _split(source_uris)
    bad = [u for u in uris if len(u) > 255 or u != u.strip()]
    if bad:
        raise ValueError(f"source URIs must be at most 255 characters: {bad}")
    slugs = _split(facilities) or ["*"]
    bad = [f for f in slugs if f != "*" and not SLUG_RE.match(f)]
    if bad:
        raise ValueError(f"facilities must be slugs or '*': {bad}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        source = IntegrationSource.objects.create(
            name=name,
            token_hash=hash_token(token),
            token_prefix=token[:10],
            allowed_types=types,
            source_uris=uris,
            facilities=slugs,
        )
        audit_record(
            action="source.created",
            object_type="source",
            object_id=source.pk,
            data={"name": name, "allowed_types": types, "source_uris": uris, "facilities": slugs},
        )
    return source, token


def source_bind_first_uri(*, source: IntegrationSource, uri: str) -> IntegrationSource:
    """A source created without --source-uri is bound to the first `source` URI it sends (trust on
    first use, audited) — unless another source is bound to that URI or has sent as it: then it
    stays unbound and the event is refused. Locking: the source row, so two first requests at once
    bind one URI."""
    with transaction.atomic():
        locked = IntegrationSource.objects.select_for_update().get(pk=source.pk)
        taken = any(
            uri in (other.source_uris or [])
            for other in IntegrationSource.objects.exclude(pk=source.pk).only("source_uris")
        )
        taken = taken or Event.objects.filter(source=uri).exclude(integration_source=source).exists()
        if not locked.source_uris and not taken:
            locked.source_uris = [uri]
            locked.save(update_fields=["source_uris"])
            audit_record(
                action="source.bound",
                object_type="source",
                object_id=locked.pk,
                actor=locked.name,
                actor_type=AuditRecord.ActorType.SOURCE,
                data={"source_uris": [uri], "why": "first use"},
            )
    source.source_uris = locked.source_uris
    return source


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


# --- ingest -----------------------------------------------------------------------------------
# Request bodies are parsed and checked at the edge (ingest/api/parsers.py); these services take the
# parsed envelope, say what happened (`Ingested`) and raise a Problem (clinflow/problems.py) for an
# event they refuse. The API view turns both into HTTP answers.
class Outcome(StrEnum):
    CREATED = "created"  # a new event, stored and enqueued
    REPEAT = "repeat"  # the same (source, id) with the same body again: the original event
    CONFLICT = "conflict"  # the same (source, id) with a different body (or from another source)


@dataclass(frozen=True)
class Ingested:
    """What `event_ingest` did with one envelope, and the event it concerns: the new row, the
    original of a repeat, or the stored event a conflicting envelope collided with."""

    outcome: Outcome
    event: Event

    @property
    def event_id(self) -> str:
        return str(self.event.pk)


def envelope_hash(envelope: dict[str, Any]) -> str:
    canonical = json.dumps(envelope, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _check(*, source: IntegrationSource, envelope: Any) -> Event:
    """The unsaved Event of a valid envelope this source may send; raises the Problem otherwise
    (403 type/source URI/facility not allowed, 400 naming every bad field)."""
    check = validate_envelope(envelope)
    if check.type and not source.may_send(check.type):
        raise problems.Forbidden(
            f"Source {source.name!r} may not send {check.type} events.",
            errors=[{"field": "type", "message": "not allowed for this source"}],
        )
    if not check.ok:
        raise problems.EventInvalid(f"{len(check.errors)} problem(s) in the event.", errors=check.errors)
    assert check.type is not None and check.version is not None  # a valid envelope has both
    uri = envelope["source"]
    if not source.source_uris:
        source_bind_first_uri(source=source, uri=uri)
    if not source.may_use_uri(uri):
        raise problems.Forbidden(
            f"Source {source.name!r} may not send as {uri!r}.",
            errors=[{"field": "source", "message": "is not a source URI this token is bound to"}],
        )
    facility = envelope["data"].get("facility")
    if isinstance(facility, str) and not source.may_send_for(facility):
        raise problems.Forbidden(
            f"Source {source.name!r} may not send for facility {facility!r}.",
            errors=[{"field": "data.facility", "message": "is not a facility this source may send for"}],
        )
    now = timezone.now()
    return Event(
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
        lane=handlers.lane_for(check.type, envelope["data"]),
    )


def _repeat(*, event: Event, existing: Event | None, source: IntegrationSource) -> Ingested:
    if existing is None:  # pragma: no cover - integrity error for another reason
        raise RuntimeError("unique conflict but no existing event")
    if existing.integration_source_id == source.pk and existing.envelope_hash == event.envelope_hash:
        return Ingested(Outcome.REPEAT, existing)
    return Ingested(Outcome.CONFLICT, existing)


def _ingest_audit(events: list[Event], source: IntegrationSource) -> None:
    audit_record_many(
        entries=[
            AuditEntry(
                action="event.ingested",
                object_type="event",
                object_id=str(e.pk),
                actor=source.name,
                actor_type=AuditRecord.ActorType.SOURCE,
                data={"type": e.type, "source": e.source, "source_event_id": e.source_event_id},
            )
            for e in events
        ]
    )


def event_ingest(*, source: IntegrationSource, envelope: Any) -> Ingested:
    """Validate and store one event; enqueue processing after commit.

    Transaction: the INSERT and its audit record commit together; a unique conflict on
    (source, id) turns into a repeat (same source, same body) or a conflict. Raises
    problems.EventInvalid / Forbidden for an event it refuses (nothing stored).
    """
    event = _check(source=source, envelope=envelope)
    try:
        with transaction.atomic():
            event.save(force_insert=True)
            _ingest_audit([event], source)
            transaction.on_commit(lambda: enqueue_processing([(event.pk, event.lane)]))
    except IntegrityError:
        existing = Event.objects.filter(source=event.source, source_event_id=event.source_event_id).first()
        return _repeat(event=event, existing=existing, source=source)
    except DataError as exc:  # a value the schema let through but the database refuses: nothing stored
        logger.warning("event (%s, %s) refused by the database: %s", event.source, event.source_event_id, exc)
        raise problems.EventInvalid(
            "The database cannot store a value of this event.",
            errors=[{"field": "data", "message": f"holds a value the database refuses: {str(exc)[:200]}"}],
        ) from None
    return Ingested(Outcome.CREATED, event)


def events_ingest_batch(*, source: IntegrationSource, envelopes: list[Any]) -> list[Ingested | problems.Problem]:
    """Ingest a CloudEvents batch: each event stands or falls alone (its outcome, or the Problem
    that refused it, at its index); the good ones are inserted in one transaction (bulk), repeats
    answer as single repeats do."""
    results: list[Ingested | problems.Problem | None] = [None] * len(envelopes)
    candidates: list[tuple[int, Event]] = []
    for index, envelope in enumerate(envelopes):
        try:
            candidates.append((index, _check(source=source, envelope=envelope)))
        except problems.Problem as problem:
            results[index] = problem

    existing: dict[tuple[str, str], Event] = {}
    if candidates:
        # Filter on both columns so the (source, source_event_id) unique index is used.
        sources = {e.source for _, e in candidates}
        ids = {e.source_event_id for _, e in candidates}
        for found in Event.objects.filter(source__in=sources, source_event_id__in=ids).only(
            "id", "source", "source_event_id", "envelope_hash", "integration_source_id", "type"
        ):
            existing[(found.source, found.source_event_id)] = found

    new: list[tuple[int, Event]] = []
    for index, event in candidates:
        key = (event.source, event.source_event_id)
        if key in existing:
            results[index] = _repeat(event=event, existing=existing[key], source=source)
        else:
            existing[key] = event  # a later copy inside this batch is a repeat of this one
            new.append((index, event))

    if new:
        try:
            with transaction.atomic():
                Event.objects.bulk_create([e for _, e in new])
                _ingest_audit([e for _, e in new], source)
                pairs = [(e.pk, e.lane) for _, e in new]
                transaction.on_commit(lambda: enqueue_batch(pairs))
            for index, event in new:
                results[index] = Ingested(Outcome.CREATED, event)
        except (IntegrityError, DataError):
            # A concurrent request stored one of these first, or the database refused one value: fall
            # back to one-by-one inserts, so each event stands or falls alone.
            for index, _event in new:
                try:
                    results[index] = event_ingest(source=source, envelope=envelopes[index])
                except problems.Problem as problem:
                    results[index] = problem
    return [r for r in results if r is not None]


# --- processing -------------------------------------------------------------------------------
EventRef = tuple[Any, str]  # (event id, lane)
TASK_KEY = "event-task:"


def _task_keys(ids: Iterable[str]) -> list[str]:
    return [TASK_KEY + i for i in ids]


def queue_for_lane(lane: str) -> str:
    return settings.CELERY_URGENT_QUEUE if lane == Event.Lane.URGENT else settings.CELERY_TASK_DEFAULT_QUEUE


def enqueue_processing(events: Iterable[EventRef], *, countdown: float | None = None) -> int:
    """Publish one process_event task per event, each on its lane's queue, over one pooled producer
    connection; never raises. If the broker is down the events stay `received` and the sweep
    enqueues them later. Returns how many were published.

    Each published task leaves a marker in Redis (`event-task:<id>`, EVENT_TASK_TTL_SECONDS) that
    the task removes when it starts: while it exists the sweep knows a task is still queued and
    does not publish another (a backlog would otherwise be re-published on every sweep)."""
    from clinflow.celery import app

    process_event = app.tasks[PROCESS_EVENT_TASK]
    refs = [(str(event_id), lane) for event_id, lane in events]
    if not refs:
        return 0
    published: list[str] = []
    try:
        cache.set_many(dict.fromkeys(_task_keys(i for i, _ in refs), 1), timeout=settings.EVENT_TASK_TTL_SECONDS)
    except Exception as exc:  # Redis down: publishing fails too, and the sweep catches up
        logger.warning("could not mark %d queued task(s): %s", len(refs), exc)
    try:
        with app.producer_or_acquire() as producer:
            for event_id, lane in refs:
                process_event.apply_async(
                    args=(event_id,),
                    countdown=countdown or 0,
                    retry=False,
                    producer=producer,
                    queue=queue_for_lane(lane),
                )
                published.append(event_id)
    except Exception as exc:  # broker unreachable: the sweep will catch up
        logger.warning("enqueue failed (%s); %d event(s) left for the sweep", exc, len(refs) - len(published))
        task_markers_clear([i for i, _ in refs if i not in set(published)])
    return len(published)


def task_markers_clear(event_ids: Iterable[Any]) -> None:
    """The tasks of these events are no longer queued (one started, or publishing failed)."""
    keys = _task_keys(str(i) for i in event_ids)
    if not keys:
        return
    try:
        cache.delete_many(keys)
    except Exception as exc:
        logger.warning("could not clear %d task marker(s): %s", len(keys), exc)


def _queued(event_ids: list[str]) -> set[str]:
    """Which of these events still have a task marker (a task published and not yet started)."""
    if not event_ids:
        return set()
    try:
        found = cache.get_many(_task_keys(event_ids))
    except Exception as exc:  # Redis unreachable: assume nothing is queued
        logger.warning("could not read task markers: %s", exc)
        return set()
    return {key[len(TASK_KEY) :] for key in found}


def enqueue_batch(events: list[EventRef]) -> bool:
    """Publish a batch: possible emergencies at once on the urgent lane, and ONE dispatcher task for
    the rest (the worker fans it out), so a 1,000-event request does not pay 1,000 publishes and an
    emergency in it does not wait behind the dispatcher. Never raises; on failure the sweep catches up."""
    from clinflow.celery import app

    dispatch_events = app.tasks[DISPATCH_EVENTS_TASK]
    urgent = [ref for ref in events if ref[1] == Event.Lane.URGENT]
    rest = [ref for ref in events if ref[1] != Event.Lane.URGENT]
    if urgent:
        enqueue_processing(urgent)
    if len(rest) <= 1:
        return enqueue_processing(rest) == len(rest)
    ids = [str(i) for i, _ in rest]
    try:  # the dispatcher's events count as queued too, or a backlog would have the sweep re-publish them
        cache.set_many(dict.fromkeys(_task_keys(ids), 1), timeout=settings.EVENT_TASK_TTL_SECONDS)
    except Exception as exc:
        logger.warning("could not mark %d queued task(s): %s", len(ids), exc)
    try:
        dispatch_events.apply_async(args=(ids,), retry=False)
    except Exception as exc:
        logger.warning("enqueue of a batch of %d failed (%s); left for the sweep", len(rest), exc)
        task_markers_clear(ids)
        return False
    return True


def events_dispatch(*, event_ids: list[str]) -> int:
    """The dispatcher task's work: one process_event per event still waiting, on its lane."""
    refs = list(Event.objects.filter(pk__in=event_ids, status=Event.Status.RECEIVED).values_list("pk", "lane"))
    return enqueue_processing(refs)


def _backoff(failures: int) -> int:
    return min(settings.EVENT_RETRY_BASE_SECONDS * 2 ** max(failures - 1, 0), 300)


class _Superseded(Exception):
    """The claim was lost while the handler ran (the sweep took the worker for dead and another run
    claimed the event): this run's work is rolled back, the newer run's stands."""


def event_process(*, event_id: Any) -> str:
    """Process one event: claim it, run its type's handler, record the outcome.

    Locking: the claim is a conditional UPDATE received→processing that also bumps `attempts`,
    which then identifies this claim. The handler and the `processed` mark commit in one
    transaction whose final UPDATE matches only this claim, so if the sweep recovered the event
    from a worker it took for dead and another run claimed it, exactly one run's work commits. A
    heartbeat extends the claim's lease while the handler runs (ingest.leases), so a slow but
    alive worker is not taken for dead. Any exception — including a row that cannot be read —
    ends in a retry or `failed`, never in an event stuck `processing`.
    Returns "processed", "retry", "failed", "superseded" or "skipped".
    """
    now = timezone.now()
    task_markers_clear([event_id])
    claimed = (
        Event.objects.filter(pk=event_id, status=Event.Status.RECEIVED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(
            status=Event.Status.PROCESSING,
            attempts=F("attempts") + 1,
            processing_started_at=now,
            lease_until=now + timedelta(seconds=settings.EVENT_STUCK_AFTER_SECONDS),
        )
    )
    if not claimed:
        return "skipped"
    # Only plain columns: whatever else is wrong with the row, its claim can still be recorded.
    claim = Event.objects.filter(pk=event_id).values("attempts", "failures", "lane", "type").first()
    if claim is None:  # pragma: no cover - deleted between the UPDATE and this read
        return "skipped"
    attempt = claim["attempts"]
    try:
        with leases.held(event_id, attempt):
            event = Event.objects.select_related("integration_source").get(pk=event_id)
            with transaction.atomic(), audit_batch():
                outcome = handlers.dispatch(event) or {}
                mine = Event.objects.filter(pk=event.pk, status=Event.Status.PROCESSING, attempts=attempt).update(
                    status=Event.Status.PROCESSED,
                    processed_at=timezone.now(),
                    failures=0,
                    last_error="",
                    next_attempt_at=None,
                    lease_until=None,
                )
                if not mine:
                    raise _Superseded
                audit_record(
                    action="event.processed",
                    object_type="event",
                    object_id=event.pk,
                    data={"type": event.type, "attempt": attempt, **outcome},
                )
        return "processed"
    except _Superseded:
        logger.warning("event %s: claim %d was superseded; this run's work was rolled back", event_id, attempt)
        return "superseded"
    except handlers.PermanentError as exc:
        logger.warning("event %s failed permanently: %s", event_id, exc)
        return _event_fail(event_id, claim, f"PermanentError: {exc}", permanent=True)
    except DataError as exc:  # a value the database cannot hold: retrying cannot fix it
        logger.warning("event %s failed permanently (database refused a value): %s", event_id, exc)
        return _event_fail(event_id, claim, f"DataError: {exc}", permanent=True)
    except Exception as exc:
        logger.exception("processing event %s failed", event_id)
        return _event_fail(event_id, claim, f"{type(exc).__name__}: {exc}")


def _event_fail(event_id: Any, claim: Mapping[str, Any], error: str, *, permanent: bool = False) -> str:
    """Record a failed run of the claim `claim` (attempts, failures, lane): retry with backoff, or
    `failed` after EVENT_MAX_ATTEMPTS (or at once when permanent). Matches only that claim, so a
    superseded run never overwrites the newer one. Reads no other column of the row."""
    failures = claim["failures"] + 1
    error = error.encode("utf-8", "backslashreplace").decode().replace("\x00", "\\x00")[:4000]
    now = timezone.now()
    mine = Event.objects.filter(pk=event_id, status=Event.Status.PROCESSING, attempts=claim["attempts"])
    with transaction.atomic():
        if permanent or failures >= settings.EVENT_MAX_ATTEMPTS:
            if not mine.update(
                status=Event.Status.FAILED,
                failures=failures,
                last_error=error,
                processing_started_at=None,
                next_attempt_at=None,
                lease_until=None,
            ):
                return "superseded"
            audit_record(
                action="event.failed",
                object_type="event",
                object_id=event_id,
                data={"error": error, "attempts": claim["attempts"], "failures": failures},
            )
            return "failed"
        delay = _backoff(failures)
        if not mine.update(
            status=Event.Status.RECEIVED,
            failures=failures,
            last_error=error,
            processing_started_at=None,
            lease_until=None,
            next_attempt_at=now + timedelta(seconds=delay),
            enqueued_at=now,
        ):
            return "superseded"
        audit_record(
            action="event.retry_scheduled",
            object_type="event",
            object_id=event_id,
            data={"error": error, "failures": failures, "retry_in_seconds": delay},
        )
        lane = claim.get("lane", Event.Lane.STANDARD)
        transaction.on_commit(lambda: enqueue_processing([(event_id, lane)], countdown=delay))
    return "retry"


def events_sweep_stuck(*, now: datetime | None = None, limit: int = 5000) -> dict[str, int]:
    """Re-enqueue events that Celery lost; run by beat. One bad row never stops the sweep: each row
    is handled on its own and an error is logged and counted.

    - `processing` whose lease ran out (the worker's heartbeat stopped: it died mid-task). Counted
      as a failure (so an event that kills workers ends `failed`), then retried.
    - `received`, due, last enqueued longer ago than EVENT_STUCK_AFTER_SECONDS and with no task
      marker (its task is no longer queued: broker restart, Redis down at ingest, a lost task).
      enqueued_at is bumped with a conditional UPDATE, so two sweeps never enqueue the same event
      twice in one period; the marker check keeps a long backlog from being re-published.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.EVENT_STUCK_AFTER_SECONDS)
    stale = list(
        Event.objects.filter(status=Event.Status.PROCESSING)
        .filter(Q(lease_until__lt=now) | Q(lease_until__isnull=True, processing_started_at__lt=cutoff))
        .values("pk", "attempts", "failures", "lane")[:limit]
    )
    failed = errors = 0
    for row in stale:
        try:
            outcome = _event_fail(
                row["pk"],
                row,
                "worker lost while processing (its claim lapsed after "
                f"{settings.EVENT_STUCK_AFTER_SECONDS}s without a heartbeat)",
            )
            failed += outcome == "failed"
        except Exception:
            errors += 1
            logger.exception("sweep: could not recover event %s", row["pk"])
    due = list(
        Event.objects.filter(status=Event.Status.RECEIVED)
        .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=cutoff))
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("enqueued_at")
        .values_list("pk", "enqueued_at", "lane")[:limit]
    )
    queued = _queued([str(pk) for pk, _, _ in due])
    requeue: list[EventRef] = []
    for pk, enqueued_at, lane in due:
        if str(pk) in queued:
            continue
        try:
            if Event.objects.filter(pk=pk, status=Event.Status.RECEIVED, enqueued_at=enqueued_at).update(
                enqueued_at=now
            ):
                requeue.append((pk, lane))
        except Exception:
            errors += 1
            logger.exception("sweep: could not re-enqueue event %s", pk)
    requeue.sort(key=lambda ref: ref[1] != Event.Lane.URGENT)  # emergencies first
    published = enqueue_processing(requeue) if requeue else 0
    if stale or requeue or errors:
        logger.info(
            "sweep: %d stuck in processing, %d re-enqueued (%d published), %d still queued, %d errors",
            len(stale),
            len(requeue),
            published,
            len(queued),
            errors,
        )
    return {
        "stuck_processing": len(stale),
        "requeued": len(requeue),
        "published": published,
        "failed": failed,
        "still_queued": len(queued),
        "errors": errors,
    }


def events_replay(*, events: QuerySet[Event], actor: str = "system") -> int:
    """Put the chosen events back to `received` and enqueue them (manage.py replay_events).

    Events currently `processing` are left alone. Handlers are idempotent, so replaying a processed
    event re-runs it without duplicating anything downstream.
    """
    now = timezone.now()
    refs = list(events.exclude(status=Event.Status.PROCESSING).values_list("pk", "lane"))
    ids = [pk for pk, _ in refs]
    if not ids:
        return 0
    with transaction.atomic():
        for chunk_start in range(0, len(ids), 1000):
            chunk = ids[chunk_start : chunk_start + 1000]
            Event.objects.filter(pk__in=chunk).exclude(status=Event.Status.PROCESSING).update(
                status=Event.Status.RECEIVED,
                failures=0,
                next_attempt_at=None,
                enqueued_at=now,
                processing_started_at=None,
            )
        audit_record_many(
            entries=[
                AuditEntry(action="event.replayed", object_type="event", object_id=str(pk), actor=actor) for pk in ids
            ]
        )
        transaction.on_commit(lambda: enqueue_processing(refs))
    return len(ids)


def event_retry_failed(*, event_id: Any, actor: str) -> int:
    """The ops page's Retry: put one `failed` event back through processing (events_replay) and
    record who asked (`ops.event_retried`), in one transaction. Returns the event's attempts so far.

    Locking: the row is locked (SELECT ... FOR UPDATE) while its status is checked and replayed, so
    two operators clicking Retry at once re-enqueue it once; the second gets a Conflict. An event
    that is not `failed` (processed, or already retried and waiting) is a Conflict saying so; an
    unknown id a NotFound.
    """
    with transaction.atomic():
        try:
            row = (
                Event.objects.select_for_update()
                .filter(pk=event_id)
                .values("pk", "type", "status", "attempts", "failures")
                .first()
            )
        except (ValueError, TypeError, DjangoValidationError):
            row = None
        if row is None:
            raise problems.NotFound(f"No event {event_id}.")
        if row["status"] != Event.Status.FAILED:
            raise problems.Conflict(f"Event {row['pk']} is {row['status']}, not failed: there is nothing to retry.")
        events_replay(events=Event.objects.filter(pk=row["pk"]), actor=actor)
        audit_record(
            action="ops.event_retried",
            object_type="event",
            object_id=row["pk"],
            actor=actor,
            actor_type=AuditRecord.ActorType.USER,
            data={"type": row["type"], "attempts": row["attempts"], "failures": row["failures"]},
        )
    return row["attempts"]
