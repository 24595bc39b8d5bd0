"""Issue 8, item 8 and item 4 (same source only): the EMR's own resolutions and acknowledgements
close clinflow's items (`resolved_in_emr`) — but only for events of the same source, or of a
source it was explicitly allowed to act for."""

import pytest

from audit.models import AuditRecord
from ingest.models import Event
from ingest.samples import sample_event
from ingest.selectors import event_status
from ingest.services import Outcome, event_ingest, event_process, events_replay
from ingest.tests.factories import IntegrationSourceFactory
from queues.models import RoutingPolicy, WorkItem
from queues.services.policies import routing_policy_update
from triage.models import ResultAlertState, TriageLabel

pytestmark = pytest.mark.django_db


def make_source(name):
    return IntegrationSourceFactory(name=name, source_uris=[f"urn:emr:{name}"], facilities=["*"])


def send(source, event_type, **data):
    result = event_ingest(source=source, envelope=sample_event(event_type, source=source.source_uris[0], **data))
    assert result.outcome is Outcome.CREATED
    assert event_process(event_id=result.event_id) == "processed", Event.objects.get(pk=result.event_id).last_error
    return Event.objects.get(pk=result.event_id)


# --- messages -------------------------------------------------------------------------------------
@pytest.fixture
def message(north):
    """A patient message of a source routed to an item at north (no model: routed as the triage app
    does)."""
    from queues.routing import Decision
    from queues.services.items import item_route

    RoutingPolicy.objects.filter(workflow="triage", facility=north).update(rollout="off")

    def make(source, message_id, *, urgency="routine", priority=3):
        event = send(source, "PatientMessageReceived", message_id=message_id, patient={"mrn": "MRN-M"})
        facility = north
        return item_route(
            event=event,
            facility=facility,
            kind="message",
            reason="symptom",
            patient_mrn="MRN-M",
            title="Message: symptom",
            urgency=urgency,
            decision=Decision("task", "triage", priority, 60, False, "test"),
            score={"urgency": urgency, "confidence": 0.8},
            policy=RoutingPolicy.objects.get(workflow="triage", facility=facility),
        ).item

    return make


def test_a_message_resolved_in_the_emr_closes_its_item_audited_and_pushed(
    message, monkeypatch, django_capture_on_commit_callbacks
):
    frames = []
    monkeypatch.setattr("queues.publish._send_now", lambda group, frame: frames.append(frame))
    emr = make_source("north-emr")
    item = message(emr, "m-100")
    with django_capture_on_commit_callbacks(execute=True):
        resolution = send(emr, "PatientMessageResolved", message_id="m-100", final_urgency="urgent")
    item.refresh_from_db()
    assert (item.state, item.decision) == ("resolved_in_emr", "resolved_in_emr")
    record = AuditRecord.objects.get(action="work_item.closed_by_emr", object_id=str(item.pk))
    assert record.data["event"] == str(resolution.pk) and record.data["event_type"] == "PatientMessageResolved"
    assert [(f["type"], f["item"]["state"]) for f in frames] == [("item.resolved", "resolved_in_emr")]
    assert event_status(resolution)["work_item"] == {
        "id": str(item.pk),
        "queue": "north-nurse-triage",
        "tier": "task",
        "state": "resolved_in_emr",
        "effect": "closed",
    }
    assert TriageLabel.objects.get(origin="emr").message_event == item.event
    events_replay(events=Event.objects.filter(pk=resolution.pk))
    event_process(event_id=resolution.pk)  # a replay changes nothing
    assert AuditRecord.objects.filter(action="work_item.closed_by_emr").count() == 1


def test_a_thread_closes_when_every_message_is_resolved_and_a_partial_resolution_is_recorded(message, nurse):
    from queues.tests.conftest import login

    emr = make_source("north-emr")
    item = message(emr, "m-1")
    assert message(emr, "m-2", urgency="urgent", priority=2).pk == item.pk  # folded into the same item
    send(emr, "PatientMessageResolved", message_id="m-2", final_urgency="urgent", resolved_by="rn-jones")
    item.refresh_from_db()
    assert item.state == "new"
    partial = AuditRecord.objects.get(action="work_item.message_resolved_in_emr", object_id=str(item.pk))
    assert (partial.data["resolved"], partial.data["messages"]) == (1, 2)
    page = login(nurse).get(f"/items/{item.pk}/").content.decode()
    assert "Message resolved in the EMR" in page and "Message m-2 resolved in the EMR by rn-jones (1 of 2)" in page
    send(emr, "PatientMessageResolved", message_id="m-1", final_urgency="routine")
    item.refresh_from_db()
    assert item.state == "resolved_in_emr"
    page = login(nurse).get(f"/items/{item.pk}/").content.decode()
    assert "Closed in the EMR" in page and "resolved in the EMR</strong>" in page and "(all 2 messages)" in page
    queue = login(nurse).get("/api/v1/queues/north-nurse-triage/items/").json()
    assert queue["count"] == 0  # closed: not in the open list


def test_another_sources_resolution_neither_closes_nor_labels_the_message(message):
    north, other = make_source("north-emr"), make_source("other-emr")
    item = message(north, "m-7")
    send(other, "PatientMessageResolved", message_id="m-7", final_urgency="emergent")
    item.refresh_from_db()
    assert item.state == "new"
    assert TriageLabel.objects.get(origin="emr").message_event is None  # not matched to north's message
    other.acts_for.add(north)  # an interface engine allowed to act for north
    send(other, "PatientMessageResolved", message_id="m-7", final_urgency="emergent")
    item.refresh_from_db()
    assert item.state == "resolved_in_emr"
    assert TriageLabel.objects.get(origin="emr").message_event == item.event


# --- lab results --------------------------------------------------------------------------------
def critical_potassium(source, value=6.6):
    return send(
        source,
        "LabResultFinalized",
        result_id="k-1",
        value=value,
        abnormal_flag="HH",
        facility="north",
        patient={"mrn": "MRN-K"},
    )


def test_an_acknowledgement_from_another_source_leaves_the_alert_open_and_alerting(north):
    policy = RoutingPolicy.objects.get(workflow="results", facility__slug="north")
    routing_policy_update(policy=policy, changes={"suppression_minutes": 0}, actor="manager")  # no folding
    a, b = make_source("lab-a"), make_source("lab-b")
    item = WorkItem.objects.get(pk=event_status(critical_potassium(a))["work_item"]["id"])
    assert (item.tier, item.state) == ("interrupt", "new")

    send(b, "ResultAcknowledged", result_id="k-1", acknowledged_by="dr-elsewhere")
    item.refresh_from_db()
    assert item.state == "new" and item.decision == ""
    assert not ResultAlertState.objects.filter(patient_mrn="MRN-K", acknowledged_at__isnull=False).exists()
    again = critical_potassium(a, value=6.5)  # a corrected result: still alerts, B's ack silenced nothing
    assert event_status(again)["work_item"]["tier"] == "interrupt"

    b.acts_for.add(a)  # now B may act for A
    send(b, "ResultAcknowledged", result_id="k-1", acknowledged_by="dr-lee")
    assert set(WorkItem.objects.filter(patient_mrn="MRN-K").values_list("state", flat=True)) == {"resolved_in_emr"}
    quiet = critical_potassium(a, value=6.4)
    assert event_status(quiet)["work_item"] is None  # acknowledged at this severity: suppressed


def test_the_suppression_key_fits_the_column_even_for_a_255_character_result_id():
    from triage.services import result_alert_key

    long_id = "r" * 255
    key = result_alert_key(source_id=123456, result_id=long_id)
    assert len(key) <= 255 and key.startswith("123456:sha256:")
    assert key == result_alert_key(source_id=123456, result_id=long_id)
    assert result_alert_key(source_id=1, result_id="lab-1") == "1:lab-1"
    assert result_alert_key(source_id=2, result_id="lab-1") != result_alert_key(source_id=1, result_id="lab-1")
