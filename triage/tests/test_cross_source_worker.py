"""Issue 8 item 4 over the real parts (HTTP intake, a real Celery worker, the test database): another
source can neither silence a critical lab alert nor send for a facility it is not bound to."""

import json
import os

import pytest
from django.core.management import call_command
from django.test import Client

from clinflow.testing import celery_worker, wait_until
from ingest.models import Event
from ingest.samples import sample_event
from ingest.tests.factories import IntegrationSourceFactory
from queues.models import WorkItem

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _post(client, token, event):
    return client.post(
        "/api/v1/events",
        data=json.dumps(event),
        content_type="application/cloudevents+json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_only_the_sending_source_can_acknowledge_its_critical_result():
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    north = IntegrationSourceFactory(source_uris=["urn:emr:north"], facilities=["north"])
    south = IntegrationSourceFactory(source_uris=["urn:emr:south"], facilities=["south"])
    client = Client()
    critical = sample_event(
        "LabResultFinalized",
        source="urn:emr:north",
        facility="north",
        result_id="lab-77",
        value=7.2,
        abnormal_flag="HH",
        code={"system": "http://loinc.org", "code": "2823-3", "display": "Potassium"},
    )
    forged = sample_event("ResultAcknowledged", source="urn:emr:south", result_id="lab-77", acknowledged_by="x")
    for_north = sample_event(
        "LabResultFinalized",
        source="urn:emr:south",
        facility="north",
        result_id="lab-78",
        value=4.0,
        code={"system": "http://loinc.org", "code": "2823-3"},
    )
    with celery_worker():
        assert _post(client, north.token, critical).status_code == 202
        assert wait_until(lambda: WorkItem.objects.filter(kind="lab_result", tier="interrupt").exists(), timeout=60)
        assert _post(client, south.token, for_north).status_code == 403  # not its facility
        response = _post(client, south.token, forged)
        assert response.status_code == 202
        forged_id = response.json()["event_id"]
        assert wait_until(lambda: Event.objects.filter(pk=forged_id, status="processed").exists(), timeout=60)
        item = WorkItem.objects.get(kind="lab_result")
        assert item.state in WorkItem.OPEN_STATES, "another source's acknowledgement closed the alert"
        own = sample_event("ResultAcknowledged", source="urn:emr:north", result_id="lab-77", acknowledged_by="dr-a")
        assert _post(client, north.token, own).status_code == 202
        assert wait_until(lambda: WorkItem.objects.get(pk=item.pk).state == "resolved_in_emr", timeout=60)
