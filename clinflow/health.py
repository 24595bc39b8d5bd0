"""Operations endpoints: /healthz (process up), /readyz (dependencies), /metrics (Prometheus)."""

from __future__ import annotations

import json
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Min
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET


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
    from ingest.tasks import HEARTBEAT_KEY

    try:
        beat = cache.get(HEARTBEAT_KEY)
    except Exception as exc:
        return f"redis unreachable: {exc}", "unknown (redis unreachable)", None
    if beat is None:
        return None, "no worker heartbeat seen yet", None
    age = time.time() - float(beat)
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
    if down:
        body = {
            "type": "https://clinflow.dev/problems/not-ready",
            "title": "Not ready",
            "status": 503,
            "detail": "down: " + ", ".join(down),
            "checks": checks,
        }
        return HttpResponse(json.dumps(body), status=503, content_type="application/problem+json")
    return JsonResponse({"status": "ready", "checks": checks})


@require_GET
def metrics(request):
    """Prometheus text format, computed from the database at scrape time (so it is right across
    every web and worker process)."""
    from ingest.models import Event

    lines = [
        "# HELP clinflow_events Events by type and status.",
        "# TYPE clinflow_events gauge",
    ]
    for row in Event.objects.values("type", "status").annotate(n=Count("id")).order_by("type", "status"):
        lines.append(f'clinflow_events{{type="{row["type"]}",status="{row["status"]}"}} {row["n"]}')
    oldest = Event.objects.filter(status__in=["received", "processing"]).aggregate(m=Min("received_at"))["m"]
    lag = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    lines += [
        "# HELP clinflow_oldest_unprocessed_event_age_seconds Age of the oldest event not yet processed.",
        "# TYPE clinflow_oldest_unprocessed_event_age_seconds gauge",
        f"clinflow_oldest_unprocessed_event_age_seconds {lag:.3f}",
    ]
    _, _, age = _check_redis_and_worker()
    lines += [
        "# HELP clinflow_worker_heartbeat_age_seconds Seconds since a Celery worker last reported.",
        "# TYPE clinflow_worker_heartbeat_age_seconds gauge",
        f"clinflow_worker_heartbeat_age_seconds {age if age is not None else 'NaN'}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; version=0.0.4")
