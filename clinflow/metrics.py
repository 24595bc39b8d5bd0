"""Process-observed metrics: what only the process doing the work can measure (how long an event's
processing or a model's scoring took), and the one structured log line per scoring.

Why two kinds of metric. Counts and depths (events by type and status, open items by queue and tier,
websocket connections, interrupts sent) are facts in the database: the collectors apps register
with `clinflow.health.metrics_register` compute them at scrape with aggregate queries, so they are
right whichever process did the work and survive restarts. Durations are not stored anywhere, and
they are observed in Celery worker processes, not in the web process that serves /metrics: these
histograms therefore use prometheus-client's multiprocess mode (settings sets
PROMETHEUS_MULTIPROC_DIR before anything imports prometheus-client; each process writes its own
mmap file and /metrics merges them all, including those of workers that have since exited).
"""

from __future__ import annotations

import os
from typing import Any

import structlog
from django.core.exceptions import ImproperlyConfigured
from prometheus_client import Counter, Histogram, values

if os.environ.get("PROMETHEUS_MULTIPROC_DIR") and not getattr(values.ValueClass, "_multiprocess", False):
    raise ImproperlyConfigured(
        "prometheus_client was imported before settings set PROMETHEUS_MULTIPROC_DIR: worker metrics "
        "would never reach /metrics. Import it only after Django's settings are loaded."
    )

# registry=None: in multiprocess mode the samples live in the mmap files, and /metrics reads them
# through MultiProcessCollector (clinflow/health.py); registering them too would report them twice.
EVENT_PROCESSING_SECONDS = Histogram(
    "clinflow_event_processing_seconds",
    "Time a worker spent on one processing run of an event (claim, handlers, outcome), by outcome.",
    ["outcome"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0),
    registry=None,
)
MODEL_LATENCY_SECONDS = Histogram(
    "clinflow_model_latency_seconds",
    "Time one scoring call of a model took (triage message, lab result rules, no-show risk).",
    ["model", "model_version"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
    registry=None,
)
INGEST_OUTCOMES = Counter(
    "clinflow_ingest_outcomes",
    "Events the intake API answered, by type and outcome (created, repeat, conflict).",
    ["type", "outcome"],
    registry=None,
)

# Every outcome of ingest.services.event_process starts at zero, so a rate() over a fresh process
# is defined and an alert on failures does not wait for the first one to exist.
for _outcome in ("processed", "retry", "failed", "superseded", "skipped"):
    EVENT_PROCESSING_SECONDS.labels(outcome=_outcome)

_loggers: dict[str, Any] = {}


def model_scored(
    *,
    where: str,
    event_id: Any,
    model: str,
    model_version: Any,
    latency_ms: float,
    outcome: str,
    **fields: Any,
) -> None:
    """One scoring happened: observe its latency and write one structured line carrying the event
    id, model, model version, latency and outcome. `fields` must be ids and codes, never patient
    data (clinflow.logs masks PHI keys as a safety net)."""
    MODEL_LATENCY_SECONDS.labels(model=model, model_version=str(model_version)).observe(max(latency_ms, 0.0) / 1000)
    logger = _loggers.get(where)
    if logger is None:
        logger = _loggers[where] = structlog.stdlib.get_logger(where)
    logger.info(
        "model scored",
        event_id=str(event_id),
        model=model,
        model_version=str(model_version),
        latency_ms=round(float(latency_ms), 3),
        outcome=outcome,
        **fields,
    )
