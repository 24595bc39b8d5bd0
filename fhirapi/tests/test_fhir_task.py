"""A work item as a FHIR Task (GET /api/v1/fhir/Task/<id>), end to end: a FHIR Communication becomes
an event, the worker makes the nurse's work item, and the EMR that sent it follows it as a Task;
another source cannot read it, and every read is audited."""

from __future__ import annotations

import json

import pytest
from fhir.resources.R4B.task import Task
from rest_framework.test import APIClient

from audit.models import AuditRecord
from fhirapi.tests.test_fhir_intake import post, sample
from ingest.models import Event
from ingest.tests.factories import IntegrationSourceFactory
from queues.models import WorkItem
from queues.tests.factories import facility_for

pytestmark = pytest.mark.django_db


def get(source, item_id):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {source.token}")
    response = client.get(f"/api/v1/fhir/Task/{item_id}")
    return response.status_code, json.loads(response.content)


@pytest.fixture
def item_and_source(django_capture_on_commit_callbacks, live_triage_model):
    facility_for("north")
    source = IntegrationSourceFactory(facilities=["north"])
    comm = sample("Communication-example")
    comm["payload"] = [{"contentString": "I have had a sore throat for two days, can I get an appointment?"}]
    with django_capture_on_commit_callbacks(execute=True):
        status, body = post(source, comm)
    assert status == 201, body
    event = Event.objects.get(type="PatientMessageReceived")
    event.refresh_from_db()
    assert event.status == "processed", event.last_error
    return WorkItem.objects.get(event=event), source


def test_the_sender_follows_its_work_item_as_a_valid_task(item_and_source):
    item, source = item_and_source
    status, task = get(source, item.pk)
    assert status == 200, task
    Task.model_validate(task)
    assert task["status"] == "requested" and task["businessStatus"]["text"] == "New"
    assert task["focus"] == {"reference": "Communication/example"}  # the resource it came from
    assert task["for"]["identifier"]["value"] == "Patient/example"
    assert task["owner"]["identifier"] == {"system": "urn:clinflow:queue", "value": item.queue.slug}
    assert task["restriction"]["period"]["end"] == item.due_at.isoformat()
    assert task["priority"] in ("stat", "asap", "routine")
    assert "sore throat" not in json.dumps(task)  # no message text
    assert AuditRecord.objects.filter(action="fhir.task_read", object_id=str(item.pk)).count() == 1


def test_a_claimed_then_resolved_item_reads_in_progress_then_completed(item_and_source):
    from django.utils import timezone

    item, source = item_and_source
    WorkItem.objects.filter(pk=item.pk).update(state="claimed")
    assert get(source, item.pk)[1]["status"] == "in-progress"
    WorkItem.objects.filter(pk=item.pk).update(state="resolved", decision="accept", resolved_at=timezone.now())
    task = get(source, item.pk)[1]
    assert task["status"] == "completed" and task["businessStatus"]["text"] == "Resolved (accept)"
    assert "end" in task["executionPeriod"]


def test_another_source_cannot_read_it_unless_it_acts_for_the_sender(item_and_source):
    item, source = item_and_source
    other = IntegrationSourceFactory()
    status, body = get(other, item.pk)
    assert status == 404 and body["resourceType"] == "OperationOutcome"
    other.acts_for.add(source)
    assert get(other, item.pk)[0] == 200
    for bad in ("not-a-uuid", "0" * 40, "%00"):
        assert get(other, bad)[0] == 404
