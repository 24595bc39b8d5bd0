"""Over the real parts: a real Celery worker process observes processing and model latency, and
the test process's /metrics (standing in for the web process) shows it, through prometheus-client's
multiprocess mode."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.test import Client
from prometheus_client.parser import text_string_to_metric_families

from clinflow.testing import celery_worker, wait_until
from ingest.models import Event
from ingest.samples import sample_event
from ingest.tests.factories import IntegrationSourceFactory


def _count(client: Client, sample: str, **labels: str) -> float:
    text = client.get("/metrics").content.decode()
    return sum(
        s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
        if s.name == sample and all(s.labels.get(k) == v for k, v in labels.items())
    )


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_histograms_count_what_a_real_worker_processed(north):
    source = IntegrationSourceFactory()
    client = Client()
    processed = {"outcome": "processed"}
    scored = {"model": "results-rules", "model_version": "1"}
    before = _count(client, "clinflow_event_processing_seconds_count", **processed)
    before_scored = _count(client, "clinflow_model_latency_seconds_count", **scored)
    metrics_dir = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    earlier = set(metrics_dir.glob("histogram_*.db"))
    with celery_worker() as worker:
        response = client.post(
            "/api/v1/events",
            data=json.dumps(sample_event("LabResultFinalized")),
            content_type="application/cloudevents+json",
            HTTP_AUTHORIZATION=f"Bearer {source.token}",
        )
        assert response.status_code == 202
        event_id = response.json()["event_id"]
        assert wait_until(lambda: Event.objects.filter(pk=event_id, status="processed").exists(), timeout=60)
        # the task observes just after the service returns: give the worker a moment
        assert wait_until(
            lambda: _count(client, "clinflow_event_processing_seconds_count", **processed) > before, timeout=10
        )
        # the observation is in a file of another process (the worker's pool process), new in this test
        written = set(metrics_dir.glob("histogram_*.db")) - earlier - {metrics_dir / f"histogram_{os.getpid()}.db"}
        assert written, "no other process wrote a histogram"
        assert worker.poll() is None
    assert _count(client, "clinflow_event_processing_seconds_count", **processed) == before + 1
    assert _count(client, "clinflow_model_latency_seconds_count", **scored) == before_scored + 1
