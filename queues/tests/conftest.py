import uuid

import pytest
from django.test import Client
from django.utils import timezone

from ingest.models import Event
from ingest.samples import sample_event
from ingest.services import event_ingest
from ingest.tests.factories import IntegrationSourceFactory
from queues.models import Facility, RoutingPolicy
from queues.routing import Decision
from queues.services.items import item_route


@pytest.fixture
def make_item(demo):
    """Route a work item straight from a stored event (no model needed: the triage workflow is off,
    so processing the event, which transactional tests do at once, leaves the routing to us)."""
    source = IntegrationSourceFactory()
    RoutingPolicy.objects.filter(workflow="triage").update(rollout="off")

    def make(
        *,
        facility="north",
        tier="task",
        urgency="routine",
        priority=3,
        queue_kind="triage",
        mrn="MRN-1",
        reason="symptom",
    ):
        event = Event.objects.get(
            pk=event_ingest(
                source=source, envelope=sample_event("PatientMessageReceived", facility=facility, patient={"mrn": mrn})
            ).event_id
        )
        fac = Facility.objects.get(slug=facility)
        policy = RoutingPolicy.objects.get(workflow="triage", facility=fac)
        score = {
            "urgency": urgency,
            "confidence": 0.8,
            "disposition": "Reply within 1 business day.",
            "model": "triage-clf",
            "model_version": "1",
            "rationale": [],
            "tier": tier,
        }
        return item_route(
            event=event,
            facility=fac,
            kind="message",
            reason=f"{reason}-{timezone.now()}",
            patient_mrn=mrn,
            title="Message: symptom",
            urgency=urgency,
            decision=Decision(tier, queue_kind, priority, 60, False, "test"),
            score=score,
            policy=policy,
        ).item

    return make


def login(username, password="demo-pass-123"):
    client = Client()
    assert client.login(username=username, password=password)
    return client


@pytest.fixture
def message_thread(demo):
    """Route patient messages of one source as the triage app does — each with its own TriageScore
    (urgency chosen by the test) — so several messages of a patient fold into one item."""
    from queues.routing import DEFAULTS, route_triage
    from triage.models import TriageScore
    from triage.services import score_public

    source = IntegrationSourceFactory(source_uris=["urn:emr:thread"], facilities=["*"])
    RoutingPolicy.objects.filter(workflow="triage").update(rollout="off")

    def route(
        body, urgency, *, mrn="MRN-T", facility="north", rationale=None, subject="", queue_kind=None, message_id=None
    ):
        result = event_ingest(
            source=source,
            envelope=sample_event(
                "PatientMessageReceived",
                source="urn:emr:thread",
                facility=facility,
                body=body,
                subject=subject,
                patient={"mrn": mrn, "name": "Ann Lee"},
                message_id=message_id or f"m-{uuid.uuid4().hex[:12]}",
            ),
        )
        assert result.outcome == "created"  # ingest.services.Outcome.CREATED
        event = Event.objects.get(pk=result.event_id)
        decision = route_triage(
            urgency=urgency, intent="symptom", confidence=0.9, red_flag=False, policy=DEFAULTS["triage"]
        )
        if queue_kind:
            decision = Decision(decision.tier, queue_kind, decision.priority, decision.sla_minutes, False, "test")
        score = TriageScore.objects.create(
            event=event,
            model_name="triage-clf",
            model_version="1",
            ruleset_version="1",
            urgency=urgency,
            intent="symptom",
            confidence=0.9,
            model_urgency=urgency,
            model_confidence=0.9,
            tier=decision.tier,
            rationale=rationale or [],
            disposition=f"Disposition for {urgency}",
            latency_ms=1.0,
        )
        fac = Facility.objects.get(slug=facility)
        routed = item_route(
            event=event,
            facility=fac,
            kind="message",
            reason="symptom",
            patient_mrn=mrn,
            title="Message: symptom",
            urgency=urgency,
            decision=decision,
            score=score_public(score),
            policy=RoutingPolicy.objects.get(workflow="triage", facility=fac),
        )
        routed.message_event = event
        return routed

    route.source = source
    return route
