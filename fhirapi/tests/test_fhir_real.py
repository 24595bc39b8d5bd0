"""Over the real parts: a real ASGI server (uvicorn) and a real Celery worker on the test database
(PostgreSQL in CI): a FHIR transaction Bundle POSTed over HTTP becomes events the worker turns into
a nurse's work item, which the EMR then reads back as a FHIR Task over HTTP."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request

import pytest

from clinflow.testing import asgi_server, celery_worker, wait_until
from fhirapi.tests.test_fhir_intake import sample, signature_task
from ingest.models import Event
from ingest.tests.factories import IntegrationSourceFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _http(url, method, token, body=None):
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode() if body is not None else None,
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/fhir+json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_a_fhir_bundle_over_http_becomes_a_work_item_the_emr_follows_as_a_task(trained_model_file):
    from django.core.management import call_command
    from django.utils import timezone

    from mlregistry.models import ModelVersion
    from queues.models import WorkItem
    from triage.services import MODEL_NAME

    call_command("seed_demo", stdout=open(os.devnull, "w"))
    name, sha = trained_model_file
    ModelVersion.objects.create(
        name=MODEL_NAME, version=1, state="live", path=name, sha256=sha, trained_at=timezone.now(), n_samples=1
    )
    source = IntegrationSourceFactory(facilities=["north"])
    message = sample("Communication-example")
    message["payload"] = [{"contentString": "My ankle is swollen since I twisted it yesterday"}]
    bundle = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {"fullUrl": "urn:uuid:m", "resource": message},
            {"fullUrl": "urn:uuid:t", "resource": signature_task()},
        ],
    }
    with asgi_server() as url, celery_worker():
        status, body = _http(f"{url}/api/v1/fhir", "POST", source.token, bundle)
        assert status == 200 and [e["response"]["status"] for e in body["entry"]] == ["201 Created", "201 Created"]
        assert (
            _http(f"{url}/api/v1/fhir", "POST", source.token, bundle)[1]["entry"][0]["response"]["status"] == "200 OK"
        )
        event = Event.objects.get(type="PatientMessageReceived")
        assert wait_until(lambda: WorkItem.objects.filter(event=event).exists(), timeout=60), Event.objects.values(
            "status", "last_error"
        )
        item = WorkItem.objects.get(event=event)
        status, task = _http(f"{url}/api/v1/fhir/Task/{item.pk}", "GET", source.token)
        assert (
            status == 200 and task["resourceType"] == "Task" and task["focus"] == {"reference": "Communication/example"}
        )
        stranger = IntegrationSourceFactory()
        assert _http(f"{url}/api/v1/fhir/Task/{item.pk}", "GET", stranger.token)[0] == 404
        assert wait_until(lambda: set(Event.objects.values_list("status", flat=True)) == {"processed"}, timeout=60), (
            list(Event.objects.values_list("type", "status", "last_error"))
        )
    assert Event.objects.count() == 2
