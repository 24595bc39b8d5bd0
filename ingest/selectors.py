"""Reads of the event-intake app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from ingest.models import Event, IntegrationSource

# Apps that produce results for an event (triage scores, work items) register a provider here;
# the event status shows what they return. Keeps ingest free of imports from later apps.
StatusProvider = Callable[[Event], dict[str, Any]]
_STATUS_PROVIDERS: list[StatusProvider] = []


def register_status_provider(provider: StatusProvider) -> StatusProvider:
    if provider not in _STATUS_PROVIDERS:
        _STATUS_PROVIDERS.append(provider)
    return provider


def event_get_for_source(*, source: IntegrationSource, event_id: Any) -> Event | None:
    """An integration client sees only its own events."""
    try:
        return Event.objects.filter(pk=event_id, integration_source=source).first()
    except (ValueError, TypeError):
        return None


def event_status(event: Event) -> dict[str, Any]:
    body: dict[str, Any] = {
        "event_id": str(event.pk),
        "type": event.type,
        "source": event.source,
        "source_event_id": event.source_event_id,
        "status": event.status,
        "attempts": event.attempts,
        "last_error": event.last_error or None,
        "received_at": event.received_at.isoformat() if event.received_at else None,
        "processed_at": event.processed_at.isoformat() if event.processed_at else None,
        "next_attempt_at": event.next_attempt_at.isoformat() if event.next_attempt_at else None,
        "score": None,
        "work_item": None,
    }
    for provider in _STATUS_PROVIDERS:
        body.update(provider(event))
    return body


def sources_acted_for(*, source: IntegrationSource) -> list[int]:
    """Ids of the integration sources whose events `source` may act on (acknowledge a result, resolve a
    message, cancel an appointment): its own, and those an admin explicitly allowed it to act for
    (`IntegrationSource.acts_for`). Another source's data is never touched otherwise."""
    return [source.pk, *source.acts_for.values_list("pk", flat=True)]


# --- operations (the ops page; its counts are ingest.metrics', the same numbers /metrics reports) ---
# `status` leads the (status, enqueued_at) index, which the filter below uses.
def events_failed() -> QuerySet[Event]:
    """Failed events, newest first, with what the ops page shows: type, source, times, attempts and
    the error — never the event's data (the patient's)."""
    return (
        Event.objects.filter(status=Event.Status.FAILED)
        .order_by("-received_at", "pk")
        .only("pk", "type", "source", "source_event_id", "received_at", "attempts", "failures", "last_error")
    )
