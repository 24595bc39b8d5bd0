"""/metrics: every family the operators alert on, parsed with prometheus-client's own parser, and
its values following the database (counts, depths) and the processes' observations (histograms)."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from ingest import handlers
from ingest.samples import PATIENT, sample_event
from ingest.services import event_ingest, event_process
from ingest.tests.factories import IntegrationSourceFactory
from queues.models import InterruptDelivery
from queues.services.delivery import presence_join, presence_leave
from queues.services.items import item_resolve
from queues.tests.factories import work_item

pytestmark = pytest.mark.django_db

FAMILIES = {
    "clinflow_events": "gauge",
    "clinflow_events_ingested": "counter",
    "clinflow_events_failed": "gauge",
    "clinflow_events_waiting": "gauge",
    "clinflow_oldest_unprocessed_event_age_seconds": "gauge",
    "clinflow_ingest_outcomes": "counter",
    "clinflow_event_processing_seconds": "histogram",
    "clinflow_model_latency_seconds": "histogram",
    "clinflow_queue_depth": "gauge",
    "clinflow_websocket_connections": "gauge",
    "clinflow_interrupts_sent": "counter",
    "clinflow_interrupts_escalated": "counter",
    "clinflow_worker_heartbeat_age_seconds": "gauge",
}


class Scrape:
    def __init__(self, client: Client) -> None:
        response = client.get("/metrics")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
        self.families = {f.name: f for f in text_string_to_metric_families(response.content.decode())}

    def value(self, sample: str, **labels: str) -> float:
        """The sample's value (0 when absent: a labelled series nobody observed yet)."""
        for family in self.families.values():
            for s in family.samples:
                if s.name == sample and all(s.labels.get(k) == v for k, v in labels.items()):
                    return s.value
        return 0.0


@pytest.fixture
def noshow_handler(monkeypatch):
    """AppointmentNoShow's handler: succeeds, or fails permanently while state["fail"]."""
    state = {"fail": False}

    def handler(event):
        if state["fail"]:
            raise handlers.PermanentError("no such clinic")
        return {}

    monkeypatch.setitem(handlers._HANDLERS, "AppointmentNoShow", [handler])
    return state


def test_every_family_is_exposed_with_its_type(north):
    # labelled process-observed series exist once something happened (in a fresh metrics directory
    # too): the intake API answers one lab result, and scoring it observes the model's latency
    source = IntegrationSourceFactory()
    client = Client()
    response = client.post(
        "/api/v1/events",
        data=json.dumps(sample_event("LabResultFinalized")),
        content_type="application/cloudevents+json",
        HTTP_AUTHORIZATION=f"Bearer {source.token}",
    )
    assert response.status_code == 202
    assert event_process(event_id=response.json()["event_id"]) == "processed"
    families = Scrape(client).families
    assert {name: families[name].type for name in FAMILIES if name in families} == FAMILIES


def test_event_counts_follow_intake_and_processing(noshow_handler):
    source = IntegrationSourceFactory()
    client = Client()
    before = Scrape(client)
    envelope = sample_event("AppointmentNoShow")

    def post():
        return client.post(
            "/api/v1/events",
            data=json.dumps(envelope),
            content_type="application/cloudevents+json",
            HTTP_AUTHORIZATION=f"Bearer {source.token}",
        )

    assert post().status_code == 202 and post().status_code == 200  # created, then a repeat
    waiting = Scrape(client)
    assert waiting.value("clinflow_events_ingested_total", type="AppointmentNoShow") == (
        before.value("clinflow_events_ingested_total", type="AppointmentNoShow") + 1
    )
    for outcome in ("created", "repeat"):
        labels = {"type": "AppointmentNoShow", "outcome": outcome}
        assert (
            waiting.value("clinflow_ingest_outcomes_total", **labels)
            == before.value("clinflow_ingest_outcomes_total", **labels) + 1
        )
    assert waiting.value("clinflow_events_waiting", status="received") == 1
    assert waiting.value("clinflow_events", type="AppointmentNoShow", status="received") == 1
    assert waiting.value("clinflow_oldest_unprocessed_event_age_seconds") >= 0

    from ingest.models import Event

    event = Event.objects.get(source_event_id=envelope["id"])
    assert event_process(event_id=event.pk) == "processed"
    # the task is what observes a processing run (the worker's side): run it as a worker would
    from ingest.tasks import process_event

    second = event_ingest(source=source, envelope=sample_event("AppointmentNoShow"))
    noshow_handler["fail"] = True
    assert process_event(str(second.event_id)) == "failed"
    after = Scrape(client)
    assert after.value("clinflow_events_waiting", status="received") == 0
    assert after.value("clinflow_events", type="AppointmentNoShow", status="processed") == 1
    assert after.value("clinflow_events_failed", type="AppointmentNoShow") == 1
    assert after.value("clinflow_event_processing_seconds_count", outcome="failed") == (
        before.value("clinflow_event_processing_seconds_count", outcome="failed") + 1
    )
    assert after.value("clinflow_event_processing_seconds_count", outcome="processed") == before.value(
        "clinflow_event_processing_seconds_count", outcome="processed"
    )


def test_model_latency_is_observed_per_scoring(north):
    before = Scrape(Client())
    source = IntegrationSourceFactory()
    for _ in range(2):
        result = event_ingest(source=source, envelope=sample_event("LabResultFinalized"))
        assert event_process(event_id=result.event_id) == "processed"
    after = Scrape(Client())
    labels = {"model": "results-rules", "model_version": "1"}
    assert after.value("clinflow_model_latency_seconds_count", **labels) == (
        before.value("clinflow_model_latency_seconds_count", **labels) + 2
    )
    assert after.value("clinflow_model_latency_seconds_sum", **labels) > before.value(
        "clinflow_model_latency_seconds_sum", **labels
    )


def test_queue_depth_sockets_and_interrupts_follow_the_database(north, nurse):
    client = Client()
    triage = {"facility": "north", "queue": "north-nurse-triage"}
    before = Scrape(client)
    assert before.value("clinflow_queue_depth", tier="task", **triage) == 0  # an empty queue reads 0
    assert before.value("clinflow_queue_depth", tier="interrupt", **triage) == 0
    item = work_item(north, tier="interrupt", urgency="emergent", priority=1)
    work_item(north, tier="task")
    presence_join(user=nurse, channel_name="test.channel-1")
    now = timezone.now()
    InterruptDelivery.objects.create(item=item, user=nurse, delivered_as="interrupt", delivered_at=now)
    InterruptDelivery.objects.create(item=item, user=nurse, alert_no=2, delivered_as="task", delivered_at=now)
    InterruptDelivery.objects.create(
        item=item, user=nurse, alert_no=3, delivered_as="interrupt", escalation=True, delivered_at=now
    )
    InterruptDelivery.objects.filter(alert_no=1).update(escalated_at=now)
    during = Scrape(client)
    assert during.value("clinflow_queue_depth", tier="interrupt", **triage) == 1
    assert during.value("clinflow_queue_depth", tier="task", **triage) == 1
    assert during.value("clinflow_websocket_connections") == 1
    assert during.value("clinflow_interrupts_sent_total", delivered_as="interrupt", kind="alert") == 1
    assert during.value("clinflow_interrupts_sent_total", delivered_as="task", kind="alert") == 1
    assert during.value("clinflow_interrupts_sent_total", delivered_as="interrupt", kind="escalation") == 1
    assert during.value("clinflow_interrupts_escalated_total", delivered_as="interrupt") == 1
    assert during.value("clinflow_interrupts_escalated_total", delivered_as="task") == 0

    item_resolve(item_id=item.pk, user=nurse, decision="accept")
    presence_leave(channel_name="test.channel-1")
    after = Scrape(client)
    assert after.value("clinflow_queue_depth", tier="interrupt", **triage) == 0
    assert after.value("clinflow_queue_depth", tier="task", **triage) == 1
    assert after.value("clinflow_websocket_connections") == 0
    assert after.value("clinflow_interrupts_sent_total", delivered_as="interrupt", kind="alert") == 1  # a counter


def test_a_scrape_costs_the_same_few_queries_however_much_data(north, nurse, django_assert_num_queries):
    client = Client()
    with django_assert_num_queries(6):  # events: 2 aggregates; queues: depth, queues, sockets, interrupts
        client.get("/metrics")
    source = IntegrationSourceFactory()
    for _ in range(5):
        work_item(north)
        event_ingest(source=source, envelope=sample_event("LabResultFinalized", patient=PATIENT))
    with django_assert_num_queries(6):
        body = client.get("/metrics").content.decode()
    assert PATIENT["mrn"] not in body and PATIENT["name"] not in body  # aggregates only


def test_the_event_counts_equal_a_plain_group_by_type_and_status(noshow_handler):
    from django.db.models import Count

    from ingest.metrics import events_by_status, events_by_type_and_status
    from ingest.models import Event

    source = IntegrationSourceFactory()
    for event_type in ("AppointmentNoShow", "AppointmentNoShow", "EncounterClosed", "AppointmentNoShow"):
        event_ingest(source=source, envelope=sample_event(event_type))
    first, second, _, _ = Event.objects.order_by("received_at", "pk").values_list("pk", flat=True)
    assert event_process(event_id=first) == "processed"
    noshow_handler["fail"] = True
    assert event_process(event_id=second) == "failed"
    Event.objects.filter(type="EncounterClosed").update(status=Event.Status.PROCESSING)
    plain = {(t, s): n for t, s, n in Event.objects.values_list("type", "status").annotate(n=Count("pk")).order_by()}
    assert {(t, s): n for t, s, n in events_by_type_and_status() if n} == plain
    assert len(plain) == 4 and events_by_status() == {"received": 1, "processing": 1, "processed": 1, "failed": 1}
