"""Live rows say what the work is: an item frame carries the row's fields (complaint, rule, snippet,
patient, lab, appointment) as the queue's role may see them — never a message body to a role that
may not see bodies — at most one query per publish, and the same values the page renders."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from ingest.models import Event
from ingest.samples import sample_event
from ingest.services import event_ingest
from ingest.tests.factories import IntegrationSourceFactory
from queues import representations, selectors
from queues.models import Facility, Queue, RoutingPolicy, WorkItem
from queues.routing import Decision
from queues.services import items
from queues.services.items import item_route
from queues.tests.factories import facility_for, nurse
from queues.views import item_row

pytestmark = pytest.mark.django_db

PATIENT = {"mrn": "MRN-L1", "name": "Grace Hopper", "birth_date": "1950-01-15", "sex": "female"}
BODY = "Crushing chest pain going down my left arm since this morning, sweating and short of breath."
PROTOCOL_SCORE = {
    "urgency": "emergent",
    "care_level": "emergency",
    "confidence": 1.0,
    "protocol": "chest_pain",
    "rationale": [
        {
            "kind": "protocol",
            "protocol": "chest_pain",
            "protocol_title": "Chest pain",
            "criterion_text": "Chest pain with sweating or breathlessness",
            "span": [0, 18],
        },
        {"kind": "rule", "rule": "chest_pain_radiating", "span": [0, 18], "text": "Crushing chest pain"},
    ],
}


@pytest.fixture
def pushed(monkeypatch):
    """The frames published after commit, as (group, frame) round-tripped through JSON."""
    frames: list[tuple[str, dict]] = []
    monkeypatch.setattr(
        "queues.publish._send_now", lambda group, frame: frames.append((group, json.loads(json.dumps(frame))))
    )
    return frames


def route(
    facility: Facility,
    event_type: str,
    *,
    kind: str,
    queue_kind: str,
    score: dict,
    urgency: str = "routine",
    tier: str = "task",
    **data,
) -> WorkItem:
    """Route one stored event to a queue, as the apps do (the test picks the decision and score)."""
    source = IntegrationSourceFactory.create(source_uris=["urn:emr:live-rows"], facilities=["*"])
    RoutingPolicy.objects.filter(facility=facility).update(rollout="off")
    ingested = event_ingest(
        source=source,
        envelope=sample_event(event_type, source="urn:emr:live-rows", facility=facility.slug, patient=PATIENT, **data),
    )
    routed = item_route(
        event=Event.objects.get(pk=ingested.event_id),
        facility=facility,
        kind=kind,
        reason=f"r-{uuid.uuid4().hex[:10]}",
        patient_mrn=PATIENT["mrn"],
        title=f"{kind}: test",
        urgency=urgency,
        decision=Decision(tier, queue_kind, 3, 60, False, "test"),
        score=score,
        policy=RoutingPolicy.objects.get(workflow="triage", facility=facility),
    )
    return routed.item


def frames_of(pushed, item: WorkItem, frame_type: str) -> list[dict]:
    return [f for g, f in pushed if g == f"queue.{item.queue_id}" and f["type"] == frame_type]


# --- frame contents per kind ------------------------------------------------------------------
def test_a_message_frame_says_the_complaint_rule_patient_age_and_snippet_to_the_nurse_queue(
    pushed, django_capture_on_commit_callbacks
):
    facility = facility_for("north")
    with django_capture_on_commit_callbacks(execute=True):
        item = route(
            facility,
            "PatientMessageReceived",
            kind="message",
            queue_kind="triage",
            score=PROTOCOL_SCORE,
            urgency="emergent",
            body=BODY,
            subject="Chest",
        )
    [frame] = frames_of(pushed, item, "item.created")
    row = frame["row"]
    assert row["complaint"] == "Chest pain: Chest pain with sweating or breathlessness"
    assert row["rule_text"] == "chest pain radiating"
    assert row["ai_label"].startswith("AI: Emergency")
    assert row["patient_name"] == "Grace Hopper"
    assert isinstance(row["patient_age"], int) and row["patient_age"] >= 76
    assert row["snippet"].startswith("Crushing chest pain") and len(row["snippet"]) <= 118
    assert row["queue_name"] == item.queue.name
    assert row["lab"] is None and row["appointment"] is None
    assert frame["item"]["id"] == str(item.pk)  # the v1 part of the frame is unchanged
    assert "body" not in json.dumps(frame["item"])


def test_a_lab_frame_says_the_test_value_and_flag(pushed, django_capture_on_commit_callbacks):
    facility = facility_for("north")
    with django_capture_on_commit_callbacks(execute=True):
        item = route(
            facility,
            "LabResultFinalized",
            kind="lab_result",
            queue_kind="results",
            score={"urgency": "emergent", "confidence": 1.0, "rationale": []},
            urgency="emergent",
        )
    [frame] = frames_of(pushed, item, "item.created")
    lab = frame["row"]["lab"]
    assert lab["test"] == "Potassium"  # the coded test by its name
    assert (lab["value"], lab["flag"]) == ("6.4 mmol/L", "HH")
    assert frame["row"]["patient_name"] == "Grace Hopper"


def test_a_scheduling_frame_says_the_appointment_in_the_facility_zone_and_the_risk(
    pushed, django_capture_on_commit_callbacks
):
    facility = facility_for("north")
    Facility.objects.filter(pk=facility.pk).update(timezone="America/New_York")
    facility.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        item = route(
            facility,
            "AppointmentBooked",
            kind="reminder_call",
            queue_kind="scheduling",
            score={"risk": 0.42, "confidence": 0.42, "rationale": []},
            tier="suggestion",
            starts_at="2026-12-01T14:30:00Z",
        )
    [frame] = frames_of(pushed, item, "item.created")
    assert frame["row"]["appointment"] == {"at": "Tue 01 Dec 09:30", "risk": "42%"}  # 14:30 UTC is 09:30 EST
    assert frame["row"]["patient_name"] == "Grace Hopper" and frame["row"]["snippet"] == ""


@pytest.mark.parametrize("role", ["scheduler", "coder"])
def test_a_frame_to_a_queue_whose_role_may_not_see_bodies_never_carries_the_message(role):
    """Even if a message item sat in such a queue (routing refuses it), its frame has no body."""
    queue = Queue(slug=f"x-{role}", name=f"X {role}", role=role, kind="scheduling")
    item = WorkItem(queue=queue, kind="message", title="Message: symptom", urgency="emergent", score=PROTOCOL_SCORE)
    data = {"body": BODY, "subject": "Chest pain", "patient": PATIENT}
    frame = representations.item_frame(item, "item.created", data=data, tz_name="UTC", now=timezone.now())
    text = json.dumps(frame)
    assert frame["row"]["snippet"] == ""
    assert "Crushing" not in text and 'Chest pain"' not in text and "subject" not in text
    assert frame["row"]["patient_name"] == "Grace Hopper"  # the patient's identity every role sees


def test_a_frame_without_event_data_has_no_row_key_as_v1_clients_expect():
    queue = Queue(slug="q", name="Q", role="nurse", kind="triage")
    frame = representations.item_frame(WorkItem(queue=queue, kind="message"), "item.updated")
    assert set(frame) == {"type", "item"}


def test_the_live_row_says_what_the_page_renders_for_a_nurse(pushed, django_capture_on_commit_callbacks):
    facility = facility_for("north")
    user = nurse(facility)
    with django_capture_on_commit_callbacks(execute=True):
        item = route(
            facility,
            "PatientMessageReceived",
            kind="message",
            queue_kind="triage",
            score=PROTOCOL_SCORE,
            urgency="emergent",
            body=BODY,
        )
    [frame] = frames_of(pushed, item, "item.created")
    shown = WorkItem.objects.select_related("queue__facility", "event", "claimed_by").get(pk=item.pk)
    roles = selectors.viewer_roles_by_facility(user=user)[facility.pk]
    page_row = item_row(shown, now=timezone.now(), user=user, roles=roles, tz_name=facility.timezone)
    for key, value in frame["row"].items():
        if key != "queue_name":
            assert json.loads(json.dumps(page_row[key])) == value, key


def test_every_change_pushes_the_row_claim_release_and_resolve(pushed, django_capture_on_commit_callbacks):
    facility = facility_for("north")
    user = nurse(facility)
    with django_capture_on_commit_callbacks(execute=True):
        item = route(
            facility, "PatientMessageReceived", kind="message", queue_kind="triage", score=PROTOCOL_SCORE, body=BODY
        )
    with django_capture_on_commit_callbacks(execute=True):
        items.item_claim(item_id=item.pk, user=user)
    with django_capture_on_commit_callbacks(execute=True):
        items.item_release(item_id=item.pk, user=user)
    updated = frames_of(pushed, item, "item.updated")
    assert [f["item"]["claimed_by"] for f in updated] == [user.username, None]
    assert all(f["row"]["complaint"].startswith("Chest pain") for f in updated)


# --- queries per publish --------------------------------------------------------------------------
def test_a_publish_costs_no_query_when_the_caller_loaded_the_event_and_facility(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    facility = facility_for("north")
    item = route(
        facility, "PatientMessageReceived", kind="message", queue_kind="triage", score=PROTOCOL_SCORE, body=BODY
    )
    loaded = WorkItem.objects.select_related("queue__facility", "event", "claimed_by").get(pk=item.pk)
    with django_assert_num_queries(0), django_capture_on_commit_callbacks(execute=False):
        items._push(loaded, "item.updated")


def test_a_publish_costs_one_query_for_the_event_and_facility_together(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    """As the staff actions lock it (queues.selectors.item_lock: queue and claimed_by only)."""
    facility = facility_for("north")
    item = route(
        facility, "PatientMessageReceived", kind="message", queue_kind="triage", score=PROTOCOL_SCORE, body=BODY
    )
    locked = WorkItem.objects.select_related("queue", "claimed_by").get(pk=item.pk)
    with django_assert_num_queries(1), django_capture_on_commit_callbacks(execute=False) as callbacks:
        items._push(locked, "item.updated")
    assert len(callbacks) == 1


def test_creating_an_item_publishes_its_row_without_an_extra_query(
    django_assert_num_queries, pushed, django_capture_on_commit_callbacks
):
    """item_route has the event in hand and loads the queue with its facility: the frame's row
    costs nothing more; with the queue loaded without its facility it costs one query."""
    facility = facility_for("north")
    routed = route(
        facility, "PatientMessageReceived", kind="message", queue_kind="triage", score=PROTOCOL_SCORE, body=BODY
    )
    item = WorkItem.objects.get(pk=routed.pk)
    item.queue = Queue.objects.select_related("facility").get(pk=item.queue_id)
    item.event = Event.objects.get(pk=item.event_id)
    with django_assert_num_queries(0), django_capture_on_commit_callbacks(execute=True):
        items._push(item, "item.updated")
    assert pushed[-1][1]["row"]["queue_name"] == item.queue.name
    item.queue = Queue.objects.get(pk=item.queue_id)  # without the facility, as before this change
    with django_assert_num_queries(1), django_capture_on_commit_callbacks(execute=True):
        items._push(item, "item.updated")


# --- My work's JSON for the live page ---------------------------------------------------------------
def test_my_work_json_answers_the_pages_rows_with_what_the_work_is_and_audits_the_listing():
    from audit.models import AuditRecord
    from queues.tests.conftest import login

    facility = facility_for("north")
    user = nurse(facility)
    item = route(
        facility, "PatientMessageReceived", kind="message", queue_kind="triage", score=PROTOCOL_SCORE, body=BODY
    )
    before = AuditRecord.objects.filter(action="phi.listed", actor=user.username).count()
    answer = login(user).get("/work/?format=json")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/json"
    body = answer.json()
    [row] = body["items"]
    assert (row["id"], row["patient_name"], row["queue_name"]) == (str(item.pk), "Grace Hopper", item.queue.name)
    assert row["complaint"].startswith("Chest pain") and body["count"] == 1 and body["page"] == 1
    assert AuditRecord.objects.filter(action="phi.listed", actor=user.username).count() == before + 1


def test_my_work_counts_say_the_sidebar_numbers_without_patient_data_or_an_audit_record():
    from audit.models import AuditRecord
    from queues.tests.conftest import login

    facility = facility_for("north")
    user = nurse(facility)
    item = route(
        facility,
        "PatientMessageReceived",
        kind="message",
        queue_kind="triage",
        score=PROTOCOL_SCORE,
        urgency="emergent",
        body=BODY,
    )
    WorkItem.objects.filter(pk=item.pk).update(due_at=timezone.now() - timedelta(minutes=5))
    before = AuditRecord.objects.count()
    body = login(user).get("/work/?format=counts&urgency=routine").json()
    assert body["count"] == 0  # the filter applies to the count
    triage = next(q for q in body["queues"] if q["slug"] == item.queue.slug)
    assert (triage["open_count"], triage["emergent_count"], triage["overdue_count"]) == (1, 1, 1)
    assert "MRN" not in json.dumps(body) and "Grace" not in json.dumps(body)
    assert AuditRecord.objects.count() == before


@pytest.mark.parametrize(
    "query", ["format=json&page=zzz", "format=json&page=99999999999999999999", "format=counts&queue=%00", "format=x"]
)
def test_my_work_formats_take_hostile_parameters_without_a_500(query):
    from queues.tests.conftest import login

    user = nurse(facility_for("north"))
    answer = login(user).get(f"/work/?{query}")
    assert answer.status_code == 200


def test_my_work_page_config_tells_the_script_the_order_filters_and_queue_names():
    from queues.tests.conftest import login

    user = nurse(facility_for("north"))
    page = login(user).get("/work/?urgency=emergent&overdue=1")
    config = page.context["page_config"]
    assert config["filters"] == {"queue": "", "urgency": "emergent", "overdue": True}
    assert config["urgency_rank"]["emergent"] < config["urgency_rank"]["routine"]
    assert set(config["queue_names"]) == {q.slug for q in selectors.queues_for_user(user=user)}
