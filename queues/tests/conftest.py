"""Fixtures of the queues tests: work items routed as the triage app routes them, built with
factories (queues/tests/factories.py) at the facility the test names — no demo seed."""

import uuid

import pytest
from django.contrib.auth.models import User
from django.test import Client

from ingest.models import Event
from ingest.samples import sample_event
from ingest.services import event_ingest
from ingest.tests.factories import IntegrationSourceFactory
from queues.models import RoutingPolicy
from queues.routing import Decision
from queues.services.items import item_route
from queues.tests.factories import PASSWORD, facility_for, work_item


@pytest.fixture
def make_item(db):
    """Route a work item straight from a stored event (`work_item`: no model needed; the triage
    workflow of the facility is off, so processing the event, which transactional tests do at once,
    leaves the routing to us). The facility is made the first time it is named."""

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
        return work_item(
            facility_for(facility),
            queue_kind=queue_kind,
            tier=tier,
            urgency=urgency,
            priority=priority,
            mrn=mrn,
            reason=f"{reason}-{uuid.uuid4().hex[:12]}",  # one item each: nothing folds
        )

    return make


def login(user: User | str, password: str = PASSWORD) -> Client:
    """A client signed in as this user (factory-made users share PASSWORD)."""
    client = Client()
    assert client.login(username=getattr(user, "username", user), password=password)
    return client


@pytest.fixture
def message_thread(db):
    """Route patient messages of one source as the triage app does — each with its own TriageScore
    (urgency chosen by the test) — so several messages of a patient fold into one item."""
    from queues.routing import DEFAULTS, route_triage
    from triage.representations import score_public
    from triage.tests.factories import TriageScoreFactory
    from vocabulary import URGENCY_CARE_LEVEL

    source = IntegrationSourceFactory(source_uris=["urn:emr:thread"], facilities=["*"])

    def route(
        body, urgency, *, mrn="MRN-T", facility="north", rationale=None, subject="", queue_kind=None, message_id=None
    ):
        fac = facility_for(facility)
        RoutingPolicy.objects.filter(workflow="triage", facility=fac).update(rollout="off")
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
            care_level=URGENCY_CARE_LEVEL[urgency], intent="symptom", confidence=0.9, policy=DEFAULTS["triage"]
        )
        if queue_kind:
            decision = Decision(decision.tier, queue_kind, decision.priority, decision.sla_minutes, False, "test")
        score = TriageScoreFactory.create(event=event, urgency=urgency, tier=decision.tier, rationale=rationale or [])
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
