"""Events through processing into scores and work items (Celery eager, database)."""

import json
from types import SimpleNamespace

import pytest
from django.test import Client

from audit.models import AuditRecord
from ingest.models import Event
from ingest.samples import sample_event
from ingest.selectors import event_status
from ingest.services import Outcome, event_ingest, event_process, events_replay
from queues.models import Facility, RoutingPolicy, WorkItem
from queues.services.policies import routing_policy_update
from queues.tests.conftest import login
from triage import services as triage_services
from triage.models import TriageLabel, TriageScore

pytestmark = pytest.mark.django_db


def send(source, event_type="PatientMessageReceived", **data):
    result = event_ingest(source=source, envelope=sample_event(event_type, **data))
    assert result.outcome is Outcome.CREATED
    event_process(event_id=result.event_id)
    return Event.objects.get(pk=result.event_id)


def message(source, body, mrn="MRN-1", facility="north", **extra):
    return send(source, body=body, patient={"mrn": mrn}, facility=facility, subject="", **extra)


def test_an_emergent_message_becomes_an_interrupt_with_the_contract_status(source, north, live_model):
    event = message(source, "My husband has crushing chest pain going down his left arm and he is sweating")
    status = event_status(event)
    assert status["status"] == "processed"
    score = status["score"]
    assert score["urgency"] == "emergent" and score["tier"] == "interrupt"
    assert score["model"] == "triage-clf" and score["model_version"] == "1"
    assert score["latency_ms"] > 0 and 0 <= score["confidence"] <= 1 and score["disposition"]
    # v1.1: the care level, decided by the chest-pain protocol's criterion, which cites its guideline
    assert score["care_level"] == "emergency" and score["protocol"] == "chest_pain" and score["confidence"] == 1.0
    entry = next(r for r in score["rationale"] if r["kind"] == "protocol")
    assert entry["protocol"] == "chest_pain" and entry["care_level"] == "emergency"
    assert entry["criterion"] == "cardiac_features" and entry["source"] == "NICE CG95"
    assert entry["source_url"].startswith("https://") and entry["criterion_text"]
    body = event.data["body"]
    assert body[entry["span"][0] : entry["span"][1]] == entry["text"]
    # v1 clients still find the red-flag rule entry
    rule = next(r for r in score["rationale"] if r["kind"] == "rule")
    assert rule["rule"] == "chest_pain"
    assert body[rule["span"][0] : rule["span"][1]] == rule["text"]
    assert status["work_item"]["queue"] == "north-nurse-triage"
    assert status["work_item"]["tier"] == "interrupt" and status["work_item"]["state"] == "new"
    assert AuditRecord.objects.filter(action="ai.triage_scored", object_id=str(event.pk)).count() == 1


class _CalmModel:
    """A classifier that always says administrative with high confidence: protocols must win anyway."""

    def predict_one(self, text):
        return SimpleNamespace(
            urgency="non_clinical",
            intent="billing_admin",
            confidence=0.97,
            urgency_proba={"non_clinical": 0.97, "routine": 0.01, "urgent": 0.01, "emergent": 0.01},
            intent_proba={"billing_admin": 0.97},
            care_level="administrative",
            care_level_proba={"administrative": 0.97, "self_care": 0.01, "same_day": 0.01, "emergency": 0.01},
            top_terms=[],
        )


@pytest.mark.parametrize(
    ("text", "protocol"),
    [
        ("i cant breathe and my lips are turning blue", "breathing"),
        ("pt reports SOB and CP since this morning", "breathing"),  # the complaint met first decides a tie
        ("I've been having thoughts of killing myself", "mental_health"),
        ("my 5 week old baby has a fever of 101.2", "fever_child"),
        ("I'm 10 weeks pregnant and bleeding heavily", "pregnancy"),
    ],
)
def test_an_emergency_criterion_interrupts_regardless_of_the_model(text, protocol):
    from queues.routing import DEFAULTS, route_triage

    result = triage_services.score_text(text=text, model=_CalmModel())
    decision = route_triage(
        care_level=result["care_level"],
        intent=result["intent"],
        confidence=result["confidence"],
        deterministic=result["basis"] == "protocol",
        review=result["review"],
        policy=dict(DEFAULTS["triage"], review_threshold=0.99),
    )
    assert (result["care_level"], result["urgency"], result["protocol"]) == ("emergency", "emergent", protocol)
    assert decision.tier == "interrupt" and not decision.human_review


@pytest.mark.parametrize(
    "text",
    [
        "my 4 year old has had a fever for 5 days",  # NG143 amber: same day, not an interrupt
        "can't keep any fluids down since yesterday",
        "temp 104 and body aches",
    ],
)
def test_an_urgent_criterion_is_a_task_not_an_interrupt(text):
    from queues.routing import DEFAULTS, route_triage

    result = triage_services.score_text(text=text, model=_CalmModel())
    assert result["care_level"] == "same_day" and result["basis"] == "protocol"
    decision = route_triage(
        care_level=result["care_level"],
        intent=result["intent"],
        confidence=result["confidence"],
        deterministic=True,
        policy=DEFAULTS["triage"],
    )
    assert decision.tier == "task" and not decision.human_review


def test_a_routine_message_is_a_task_in_the_triage_queue(source, north, live_model):
    event = message(source, "Hi, could you please send a refill of my lisinopril to the pharmacy? Thanks")
    item = WorkItem.objects.get()
    assert item.event == event and item.queue.slug == "north-nurse-triage"
    assert item.urgency in ("routine", "non_clinical") and item.tier in ("task", "suggestion")


def test_low_confidence_goes_to_the_human_review_queue(source, north, live_model):
    policy = RoutingPolicy.objects.get(workflow="triage", facility__slug="north")
    routing_policy_update(policy=policy, changes={"review_threshold": 1.0}, actor="manager")
    message(source, "question about my bill from last month, I think I was charged twice")
    item = WorkItem.objects.get()
    assert item.queue.slug == "north-nurse-review" and item.human_review and item.tier != "suggestion"


def test_a_follow_up_folds_into_the_item_of_the_same_patient_and_the_same_complaint_protocol(source, north, live_model):
    first = message(source, "I have a sore throat and a temp of 38.5 since yesterday", mrn="MRN-21")
    again = message(source, "my throat is still sore, hurts to swallow, pus on my tonsils", mrn="MRN-21")
    other = message(source, "also my ear hurts since this morning", mrn="MRN-21")
    scores = {e.pk: TriageScore.objects.get(event=e) for e in (first, again, other)}
    assert scores[first.pk].protocol == scores[again.pk].protocol == "sore_throat"
    assert scores[other.pk].protocol == "ear"
    throat = WorkItem.objects.get(patient_mrn="MRN-21", event=first)
    assert throat.event_count == 2 and event_status(again)["work_item"]["id"] == str(throat.pk)
    assert event_status(other)["work_item"]["id"] != str(throat.pk)  # another complaint: its own item
    assert WorkItem.objects.filter(patient_mrn="MRN-21").count() == 2


def test_same_patient_and_reason_inside_the_window_updates_the_open_item(source, north, live_model):
    first = message(source, "can I get a refill on my metformin please", mrn="MRN-7")
    second = message(source, "following up on my metformin refill request", mrn="MRN-7")
    other_patient = message(source, "can I get a refill on my metformin please", mrn="MRN-8")
    items = WorkItem.objects.filter(patient_mrn="MRN-7")
    assert items.count() == 1
    item = items.get()
    assert item.event_count == 2 and item.event == first
    assert event_status(second)["work_item"]["id"] == str(item.pk)
    assert event_status(second)["work_item"]["effect"] == "updated"
    assert WorkItem.objects.get(patient_mrn="MRN-8").event == other_patient


def test_rising_urgency_inside_the_window_re_alerts_and_a_lower_one_does_not(source, north):
    from queues.routing import Decision
    from queues.services.items import item_route

    facility = north
    policy = RoutingPolicy.objects.get(workflow="triage", facility=facility)
    events = [
        Event.objects.get(pk=event_ingest(source=source, envelope=sample_event("PatientMessageReceived")).event_id)
        for _ in range(3)
    ]

    def route(event, urgency, tier, priority):
        return item_route(
            event=event,
            facility=facility,
            kind="message",
            reason="symptom",
            patient_mrn="MRN-9",
            title="Message: symptom",
            urgency=urgency,
            decision=Decision(tier, "triage", priority, 60, False, "test"),
            score=None,
            policy=policy,
        )

    first = route(events[0], "routine", "task", 3)
    rise = route(events[1], "emergent", "interrupt", 1)
    lower = route(events[2], "urgent", "task", 2)
    assert (first.effect, rise.effect, lower.effect) == ("created", "realerted", "updated")
    item = WorkItem.objects.get()
    assert (item.alert_count, item.event_count, item.urgency, item.tier) == (2, 3, "emergent", "interrupt")
    assert route(events[1], "emergent", "interrupt", 1).effect == "existing"  # idempotent per event
    routing_policy_update(policy=policy, changes={"suppression_minutes": 0}, actor="manager")
    policy.refresh_from_db()
    fourth = Event.objects.get(pk=event_ingest(source=source, envelope=sample_event("PatientMessageReceived")).event_id)
    assert route(fourth, "routine", "task", 3).effect == "created"  # no window: a new item


def test_re_scoring_the_same_event_never_duplicates(source, north, live_model, django_capture_on_commit_callbacks):
    event = message(source, "my ankle is swollen after I twisted it yesterday")
    with django_capture_on_commit_callbacks(execute=True):
        events_replay(events=Event.objects.filter(pk=event.pk))
    event.refresh_from_db()
    assert event.status == "processed" and event.attempts == 2
    assert TriageScore.objects.filter(event=event).count() == 1
    assert WorkItem.objects.count() == 1


def test_shadow_scores_without_items(source, north, live_model):
    policy = RoutingPolicy.objects.get(workflow="triage", facility__slug="north")
    routing_policy_update(policy=policy, changes={"rollout": "shadow"}, actor="manager")
    event = message(source, "I have chest pain")
    status = event_status(event)
    assert status["status"] == "processed" and status["work_item"] is None
    assert status["score"] is not None
    assert TriageScore.objects.get(event=event).rollout == "shadow"
    assert not WorkItem.objects.exists()


def test_an_unknown_facility_fails_at_once_with_a_clear_error(source, north, live_model):
    event = message(source, "hello", facility="east")
    assert event.status == "failed" and event.attempts == 1
    assert "unknown facility 'east'" in event.last_error


def lab(source, result_id, value, flag, mrn="MRN-L"):
    return send(
        source, "LabResultFinalized", result_id=result_id, value=value, abnormal_flag=flag, patient={"mrn": mrn}
    )


def test_lab_results_become_tasks_or_interrupts_and_acknowledgement_suppresses(source, north):
    normal = lab(source, "r-normal", 4.0, "N")
    assert event_status(normal)["work_item"] is None
    abnormal = lab(source, "r-high", 5.5, "H", mrn="MRN-A")
    assert event_status(abnormal)["work_item"]["tier"] == "task"
    critical = lab(source, "r-crit", 6.6, "HH")
    item = WorkItem.objects.get(pk=event_status(critical)["work_item"]["id"])
    assert (item.tier, item.queue.slug, item.priority) == ("interrupt", "north-results", 1)

    send(source, "ResultAcknowledged", result_id="r-crit", acknowledged_by="dr-lee")
    item.refresh_from_db()
    assert item.state == "resolved_in_emr" and item.decision == "acknowledged_in_emr"
    again = lab(source, "r-crit", 6.5, "HH")  # corrected result, same severity: stays quiet
    assert event_status(again)["work_item"] is None
    assert WorkItem.objects.filter(state__in=WorkItem.OPEN_STATES, patient_mrn="MRN-L").count() == 0


def test_a_new_threshold_after_acknowledgement_alerts_again(source, north):
    lab(source, "r-k", 5.5, "H")
    send(source, "ResultAcknowledged", result_id="r-k", acknowledged_by="dr-lee")
    worse = lab(source, "r-k", 6.9, "HH")
    assert event_status(worse)["work_item"]["tier"] == "interrupt"


def test_resolved_messages_become_training_labels(source, north, live_model):
    event = message(source, "I have a rash on my arm", message_id="msg-55")
    send(source, "PatientMessageResolved", message_id="msg-55", final_urgency="urgent")
    label = TriageLabel.objects.get()
    assert (label.message_event, label.final_urgency, label.origin) == (event, "urgent", "emr")
    samples = triage_services.site_training_samples()
    assert samples == [("I have a rash on my arm", "urgent", TriageScore.objects.get(event=event).intent)]


# --- staff API: permissions, audit, query counts --------------------------------------------


def test_a_north_nurse_never_sees_south_items(source, nurse, nurse2, live_model):
    message(source, "north patient message about a refill", mrn="N-1", facility="north")
    south = message(source, "south patient message about a refill", mrn="S-1", facility="south")
    south_item = WorkItem.objects.get(event=south)
    nurse = login(nurse)
    slugs = {q["slug"] for q in nurse.get("/api/v1/queues/").json()}
    assert slugs == {"north-nurse-triage", "north-nurse-review", "north-results"}
    assert nurse.get("/api/v1/queues/south-nurse-triage/items/").status_code == 404
    assert nurse.get(f"/api/v1/items/{south_item.pk}").status_code == 404
    rows = nurse.get("/api/v1/queues/north-nurse-triage/items/").json()["results"]
    assert {r["patient_mrn"] for r in rows} == {"N-1"}
    nurse2 = login(nurse2)
    assert nurse2.get(f"/api/v1/items/{south_item.pk}").status_code == 200


def test_a_scheduler_sees_no_triage_queue_or_message_body(source, scheduler, live_model):
    event = message(source, "private message text", mrn="N-2")
    item = WorkItem.objects.get(event=event)
    scheduler = login(scheduler)
    queues = scheduler.get("/api/v1/queues/").json()
    assert queues and all(q["role"] == "scheduler" for q in queues)
    response = scheduler.get(f"/api/v1/items/{item.pk}")
    assert response.status_code == 404 and "private message text" not in response.content.decode()


def test_anonymous_staff_api_is_401():
    assert Client().get("/api/v1/queues/").status_code == 401


def test_item_detail_shows_ai_output_and_event_data_and_is_audited(source, nurse, live_model):
    event = message(source, "I have a fever of 102 and a bad sore throat", mrn="N-3")
    item = WorkItem.objects.get(event=event)
    nurse = login(nurse)
    body = nurse.get(f"/api/v1/items/{item.pk}").json()
    assert body["event"]["data"]["body"] == event.data["body"]
    assert body["score"]["model"] == "triage-clf" and body["history"][0]["action"] == "work_item.created"
    viewed = AuditRecord.objects.filter(action="phi.viewed", actor="nurse", object_id=str(item.pk))
    assert viewed.count() == 1 and "body" in viewed.get().data["fields"]


def test_the_item_list_query_count_is_constant_as_rows_grow(source, nurse, live_model):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    nurse = login(nurse)

    def make(n):
        for i in range(n):
            message(source, f"refill request number {i} for my blood pressure pills", mrn=f"Q-{i}-{n}")

    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            rows = nurse.get("/api/v1/queues/north-nurse-triage/items/").json()["results"]
        return len(ctx.captured_queries), len(rows), [q["sql"] for q in ctx.captured_queries]

    make(3)
    count_queries()  # warm: content-type cache, session
    small, small_rows, sql = count_queries()
    make(60)
    large, large_rows, large_sql = count_queries()
    assert (small_rows, large_rows) == (3, 50)
    assert large == small, "\n".join(q[:150] for q in large_sql)
    assert small <= 14, sql  # session, user, guardian lookups, queue, count, page, audit append


def test_the_queue_owner_edits_policy_versioned_and_audited(manager, nurse):
    manager, nurse = login(manager), login(nurse)
    policy = RoutingPolicy.objects.get(workflow="triage", facility=Facility.objects.get(slug="north"))
    url = f"/api/v1/policies/{policy.pk}"
    denied = nurse.patch(url, data=json.dumps({"review_threshold": 0.2}), content_type="application/json")
    assert denied.status_code == 404
    bad = manager.patch(
        url,
        data=json.dumps({"review_threshold": 2, "tier_map": {"emergent": "siren"}}),
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json()["errors"]} == {"review_threshold", "tier_map.emergent"}
    ok = manager.patch(url, data=json.dumps({"review_threshold": 0.7}), content_type="application/json")
    assert ok.status_code == 200 and ok.json()["version"] == 2 and ok.json()["updated_by"] == "manager"
    assert policy.versions.count() == 2
    change = AuditRecord.objects.get(action="policy.changed")
    assert change.data["before"]["review_threshold"] == 0.5 and change.data["after"]["review_threshold"] == 0.7
