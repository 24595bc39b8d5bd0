import pytest
from django.test import Client
from django.utils import timezone

from ingest.models import Event
from ingest.samples import sample_event
from ingest.services import event_ingest
from ingest.tests.factories import IntegrationSourceFactory
from queues.models import Facility, RoutingPolicy
from queues.routing import Decision
from queues.services import work_item_route


@pytest.fixture
def make_item(demo):
    """Route a work item straight from a stored event (no model needed: the triage workflow is off,
    so processing the event, which transactional tests do at once, leaves the routing to us)."""
    source = IntegrationSourceFactory()
    RoutingPolicy.objects.filter(workflow="triage").update(rollout="off")

    def make(*, facility="north", tier="task", urgency="routine", priority=3, queue_kind="triage", mrn="MRN-1",
             reason="symptom"):
        event = Event.objects.get(pk=event_ingest(source=source, envelope=sample_event(
            "PatientMessageReceived", facility=facility, patient={"mrn": mrn})).event_id)
        fac = Facility.objects.get(slug=facility)
        policy = RoutingPolicy.objects.get(workflow="triage", facility=fac)
        score = {"urgency": urgency, "confidence": 0.8, "disposition": "Reply within 1 business day.",
                 "model": "triage-clf", "model_version": "1", "rationale": [], "tier": tier}
        return work_item_route(event=event, facility=fac, kind="message", reason=f"{reason}-{timezone.now()}",
                               patient_mrn=mrn, title="Message: symptom", urgency=urgency,
                               decision=Decision(tier, queue_kind, priority, 60, False, "test"), score=score,
                               policy=policy).item

    return make


def login(username, password="demo-pass-123"):
    client = Client()
    assert client.login(username=username, password=password)
    return client
