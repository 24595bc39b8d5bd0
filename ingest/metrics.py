"""Intake gauges for /metrics (registered with clinflow.health in IngestConfig.ready)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count, Min
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily

from ingest.models import Event


class EventCollector:
    """Events by type and status, and the age of the oldest one not yet processed: computed from
    the database at scrape time, so the numbers are right across every web and worker process."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        events = GaugeMetricFamily("clinflow_events", "Events by type and status.", labels=["type", "status"])
        for row in Event.objects.values("type", "status").annotate(n=Count("id")).order_by("type", "status"):
            events.add_metric([row["type"], row["status"]], row["n"])
        yield events
        unfinished = [Event.Status.RECEIVED, Event.Status.PROCESSING]
        oldest = Event.objects.filter(status__in=unfinished).aggregate(m=Min("received_at"))["m"]
        yield GaugeMetricFamily(
            "clinflow_oldest_unprocessed_event_age_seconds",
            "Age of the oldest event not yet processed.",
            value=(timezone.now() - oldest).total_seconds() if oldest else 0.0,
        )
