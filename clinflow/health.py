"""Operations endpoints: /healthz (process up), /readyz (dependencies), /metrics (Prometheus)."""

from __future__ import annotations

import json
import logging
import math
import os
import time
from collections.abc import Iterator

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from clinflow.heartbeat import heartbeat_last

logger = logging.getLogger(__name__)

# Whether this process's last /readyz answer was "ready": a 503 is logged (as a warning) only when a
# dependency drops, not while a fresh stack is still starting; becoming ready is logged once (INFO).
_last_ready: bool | None = None


@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


def _check_database() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:
        return f"database unreachable: {exc}"
    return None


def _check_redis_and_worker() -> tuple[str | None, str | None, float | None]:
    try:
        beat = heartbeat_last()
    except Exception as exc:
        return f"redis unreachable: {exc}", "unknown (redis unreachable)", None
    if beat is None:
        return None, "no worker heartbeat seen yet", None
    age = time.time() - beat
    if age > settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS:
        return None, f"last worker heartbeat {age:.0f}s ago (limit {settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS}s)", age
    return None, None, age


@require_GET
def readyz(request):
    db_error = _check_database()
    redis_error, worker_error, age = _check_redis_and_worker()
    checks = {
        "database": {"ok": db_error is None, "detail": db_error or connection.vendor},
        "redis": {"ok": redis_error is None, "detail": redis_error or "ok"},
        "worker": {"ok": worker_error is None, "detail": worker_error or f"heartbeat {age:.1f}s ago"},
    }
    down = [name for name, c in checks.items() if not c["ok"]]
    global _last_ready
    was_ready, _last_ready = _last_ready, not down
    if down:
        if was_ready:
            logger.warning("not ready any more: %s", "; ".join(f"{n}: {checks[n]['detail']}" for n in down))
        body = {
            "type": "https://clinflow.dev/problems/not-ready",
            "title": "Not ready",
            "status": 503,
            "detail": "down: " + ", ".join(down),
            "checks": checks,
        }
        response = HttpResponse(json.dumps(body), status=503, content_type="application/problem+json")
        # A 503 here is the probe's answer, not a server error: keep django.request from logging it
        # as an ERROR on every poll (load balancers poll; so does `make run` while the worker starts).
        # Django's handler skips responses marked as already logged.
        response._has_been_logged = True
        return response
    if was_ready is False:
        logger.info("ready")
    return JsonResponse({"status": "ready", "checks": checks})


class _HeartbeatCollector:
    """The platform's own gauge: how long ago a Celery worker last reported."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        _, _, age = _check_redis_and_worker()
        yield GaugeMetricFamily(
            "clinflow_worker_heartbeat_age_seconds",
            "Seconds since a Celery worker last reported.",
            value=age if age is not None else math.nan,
        )


# One registry for /metrics. Apps add their collectors with `metrics_register` from their
# AppConfig.ready (ingest: events by type and status, intake lag; queues: depth, sockets,
# interrupts), so the platform never imports an app. Those are computed from the database at scrape.
# The histograms and counters a process observes (clinflow/metrics.py) reach it through
# prometheus-client's multiprocess mode: MultiProcessCollector merges every process's file.
REGISTRY = CollectorRegistry(auto_describe=False)
_collectors: dict[str, Collector] = {}
if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    MultiProcessCollector(REGISTRY)


def metrics_register(name: str, collector: Collector) -> None:
    """Add (once per name, so a repeated ready() is harmless) a collector computed at scrape time."""
    if name in _collectors:
        return
    _collectors[name] = collector
    REGISTRY.register(collector)


metrics_register("clinflow.heartbeat", _HeartbeatCollector())


@require_GET
def metrics(request):
    """Prometheus text format: counts and depths computed from the database at scrape time (so they
    are right across every web and worker process), plus the merged process-observed histograms."""
    return HttpResponse(generate_latest(REGISTRY), content_type=CONTENT_TYPE_LATEST)
