"""Work-queue metrics for /metrics (registered with clinflow.health in QueuesConfig.ready).

All facts in the database, computed at scrape time with aggregate queries (right whichever web or
worker process did the work, and after restarts): open items by queue and tier, live websockets,
interrupts delivered. Four queries per scrape; none loops over items or deliveries.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import timedelta
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric

from queues import routing
from queues.models import Connection, InterruptDelivery, Queue, WorkItem


class QueueCollector:
    def collect(self) -> Iterator[Metric]:
        yield self._depth()
        cutoff = timezone.now() - timedelta(seconds=routing.PRESENCE_TIMEOUT_SECONDS)
        yield GaugeMetricFamily(
            "clinflow_websocket_connections",
            "Live websocket connections (a socket that pinged within the presence timeout).",
            value=Connection.objects.filter(last_seen__gte=cutoff).count(),
        )
        yield from self._interrupts()

    def _depth(self) -> GaugeMetricFamily:
        """Open items by queue and tier; every queue and tier is present (zero when empty), so an
        emptied queue reads 0 rather than vanishing. The state filter uses the (state, due_at) index."""
        depth = GaugeMetricFamily(
            "clinflow_queue_depth", "Open work items by queue and tier.", labels=["facility", "queue", "tier"]
        )
        counts = {
            (row["queue_id"], row["tier"]): row["n"]
            for row in WorkItem.objects.filter(state__in=WorkItem.OPEN_STATES)
            .values("queue_id", "tier")
            .annotate(n=Count("pk"))
            .order_by()
        }
        # one row per queue (a few per facility), not per item
        for pk, slug, facility in Queue.objects.order_by("slug").values_list("pk", "slug", "facility__slug"):
            for tier in WorkItem.Tier.values:
                depth.add_metric([facility, slug, tier], counts.get((pk, tier), 0))
        return depth

    def _interrupts(self) -> Iterator[CounterMetricFamily]:
        """Deliveries are rows that are never deleted while their item lives, so their counts are
        counters. `sent`: an alert's interrupt to a follower (as an interrupt, or as a task over the
        user's cap) and the escalation notices to the owner group / on-call (`kind`). `escalated`:
        alerts nobody acknowledged in time, so the item escalated."""
        sent = CounterMetricFamily(
            "clinflow_interrupts_sent",
            "Interrupts delivered to a person, by how (interrupt or task) and kind (alert or escalation).",
            labels=["delivered_as", "kind"],
        )
        escalated = CounterMetricFamily(
            "clinflow_interrupts_escalated",
            "Alert interrupts left unacknowledged until their item escalated, by how they were delivered.",
            labels=["delivered_as"],
        )
        rows = {
            (row["delivered_as"], row["escalation"]): row
            for row in InterruptDelivery.objects.values("delivered_as", "escalation")
            .annotate(n=Count("pk"), escalated=Count("pk", filter=Q(escalated_at__isnull=False)))
            .order_by()
        }
        for delivered_as in InterruptDelivery.As.values:
            alert: Mapping[str, Any] = rows.get((delivered_as, False)) or {}
            notice: Mapping[str, Any] = rows.get((delivered_as, True)) or {}
            sent.add_metric([delivered_as, "alert"], alert.get("n", 0))
            sent.add_metric([delivered_as, "escalation"], notice.get("n", 0))
            escalated.add_metric([delivered_as], alert.get("escalated", 0))
        yield sent
        yield escalated
