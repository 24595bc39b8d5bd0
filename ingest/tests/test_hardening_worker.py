"""Issue 8 over the real parts: a real Celery worker process, the real broker, the test database."""

import json
import os
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from clinflow.testing import celery_worker, wait_until
from ingest import services
from ingest.models import Event
from ingest.samples import sample_event
from ingest.tests.factories import IntegrationSourceFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _post_batch(client, token, raw: bytes):
    return client.post(
        "/api/v1/events/batch",
        data=raw,
        content_type="application/cloudevents-batch+json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_a_real_worker_and_sweep_get_past_poison_rows_and_bad_batch_members(monkeypatch):
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    source = IntegrationSourceFactory()
    client = Client()
    good = [sample_event("AppointmentNoShow") for _ in range(2)]
    text = json.dumps([good[0], sample_event("AppointmentNoShow", reason="@@X@@"), good[1]])
    response = _post_batch(client, source.token, text.replace('"@@X@@"', '"nul\\u0000"').encode())
    assert [r["status"] for r in response.json()["results"]] == [202, 400, 202]
    poison = client.post(
        "/api/v1/events",
        data=json.dumps({**sample_event("AppointmentNoShow"), "time": "0001-01-01T00:00:00+01:00"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {source.token}",
    )
    assert poison.status_code == 400
    # A row written before the fix (or by hand) with a timestamp Python cannot read, left `processing`
    # by a worker that died: the sweep must recover it and the worker process it.
    monkeypatch.setattr(services, "enqueue_processing", lambda *a, **k: 0)
    stuck = services.event_ingest(source=source, envelope=sample_event("AppointmentNoShow")).event_id
    monkeypatch.undo()
    long_ago = timezone.now() - timedelta(hours=1)
    Event.objects.filter(pk=stuck).update(
        status="processing", attempts=1, lease_until=long_ago, processing_started_at=long_ago, enqueued_at=long_ago
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("UPDATE ingest_event SET time = '0001-01-01 00:00:00+01' WHERE id = %s", [stuck])
    with celery_worker(env={"EVENT_RETRY_BASE_SECONDS": "0"}):
        from ingest.tasks import sweep_stuck_events

        sweep_stuck_events.delay()  # beat's sweep, run by the worker
        assert wait_until(lambda: Event.objects.filter(status="processed").count() == 3, timeout=60), list(
            Event.objects.values_list("status", "last_error")
        )
    assert Event.objects.filter(status="processing").count() == 0


def test_an_emergency_is_scored_first_behind_a_backlog_of_routine_events():
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    source = IntegrationSourceFactory()
    # The backlog is queued before any worker runs.
    routine = services.events_ingest_batch(
        source=source, envelopes=[sample_event("AppointmentNoShow") for _ in range(400)]
    )
    urgent = services.event_ingest(
        source=source,
        envelope=sample_event(
            "LabResultFinalized",
            value=7.4,
            abnormal_flag="HH",
            code={"system": "http://loinc.org", "code": "2823-3", "display": "Potassium"},
        ),
    )
    assert Event.objects.get(pk=urgent.event_id).lane == "urgent"
    with celery_worker():
        assert wait_until(lambda: Event.objects.filter(pk=urgent.event_id, status="processed").exists(), timeout=60)
        done_at = Event.objects.get(pk=urgent.event_id).processed_at
        before = Event.objects.filter(pk__in=[r.event_id for r in routine], processed_at__lt=done_at).count()
        assert before <= 20, f"{before} routine events were processed before the emergency"
        wait_until(lambda: Event.objects.filter(status="processed").count() == 401, timeout=120)
