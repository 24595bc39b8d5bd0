"""Over the real parts: a real Celery worker process, the real broker, the test database."""

import json
import os
import threading

import pytest
from django.db import connections
from django.test import Client

from clinflow.testing import celery_worker, wait_until
from ingest.models import Event
from ingest.samples import sample_event
from ingest.tests.factories import IntegrationSourceFactory


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_celery_worker_processes_events_posted_to_the_api():
    from django.core.management import call_command

    call_command("seed_demo", stdout=open(os.devnull, "w"))  # facilities, queues, policies
    source = IntegrationSourceFactory()
    client = Client()
    with celery_worker():
        ids = []
        for event_type in ("AppointmentNoShow", "EncounterClosed", "PatientMessageReceived"):
            response = client.post(
                "/api/v1/events",
                data=json.dumps(sample_event(event_type)),
                content_type="application/cloudevents+json",
                HTTP_AUTHORIZATION=f"Bearer {source.token}",
            )
            assert response.status_code == 202
            ids.append(response.json()["event_id"])
        batch = [sample_event("AppointmentCompleted") for _ in range(5)]  # one dispatcher task, fanned out
        response = client.post(
            "/api/v1/events/batch",
            data=json.dumps(batch),
            content_type="application/cloudevents-batch+json",
            HTTP_AUTHORIZATION=f"Bearer {source.token}",
        )
        ids += [r["event_id"] for r in response.json()["results"]]
        finished = wait_until(
            lambda: Event.objects.filter(pk__in=ids, status__in=["processed", "failed"]).count() == 8, timeout=90
        )
        statuses = list(Event.objects.filter(pk__in=ids).values_list("type", "status", "last_error"))
        assert finished and set(Event.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"processed"}, (
            statuses
        )
    status = client.get(f"/api/v1/events/{ids[0]}", HTTP_AUTHORIZATION=f"Bearer {source.token}").json()
    assert status["status"] == "processed" and status["attempts"] == 1 and status["processed_at"]
    message = client.get(f"/api/v1/events/{ids[2]}", HTTP_AUTHORIZATION=f"Bearer {source.token}").json()
    assert message["score"]["model"] == "triage-clf" and message["work_item"]["queue"] == "north-nurse-triage"


@pytest.mark.django_db(transaction=True)
def test_concurrent_posts_of_the_same_event_store_it_once():
    """Two interface-engine connections racing with the same event: one 202, the rest 200."""
    source = IntegrationSourceFactory()
    event = sample_event("AppointmentNoShow")
    statuses: list[int] = []
    barrier = threading.Barrier(4)

    def send():
        try:
            barrier.wait()
            response = Client().post(
                "/api/v1/events",
                data=json.dumps(event),
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {source.token}",
            )
            statuses.append(response.status_code)
        finally:
            connections.close_all()  # this thread's connection, or the test database cannot be dropped

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200, 200, 200, 202]
    assert Event.objects.count() == 1
