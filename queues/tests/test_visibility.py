"""Issue 8, item 9: what of an event a viewer sees follows from THEIR roles, not the item's kind;
items never move (by hand or by policy) to a queue whose role may not see what they are about."""

import json

import pytest

from ingest.samples import SAMPLE_DATA
from queues import visibility
from queues.models import Queue, RoutingPolicy, WorkItem
from queues.representations import item_summary
from queues.routing import DEFAULTS, validate_policy
from queues.tests.conftest import login

BODY = "I found a lump in my breast and I am scared"
SUBJECT = "private worry"


# --- the table (pure) -------------------------------------------------------------------------
def test_each_role_sees_its_fields_and_the_patient_identity_only():
    message = SAMPLE_DATA["PatientMessageReceived"] | {"body": BODY}
    encounter = SAMPLE_DATA["EncounterClosed"]
    assert visibility.visible_data(message, ["nurse"])["body"] == BODY
    for role in ("scheduler", "coder", "clinical_ops"):  # coders and clinical ops: never a message (issue 14)
        shown = visibility.visible_data(message, [role])
        assert not {"body", "subject", "channel", "message_id"} & set(shown), role
        assert shown["patient"] == {"mrn": "MRN123", "name": "Jane Doe", "birth_date": "1980-04-02", "sex": "female"}
    coder = visibility.visible_data(encounter, ["coder"])
    assert coder["diagnoses"] == encounter["diagnoses"] and coder["procedures"] == encounter["procedures"]
    assert "provider_id" not in coder
    lab = visibility.visible_data(SAMPLE_DATA["LabResultFinalized"], ["scheduler"])
    assert not {"value", "code", "abnormal_flag"} & set(lab)
    booking = visibility.visible_data(SAMPLE_DATA["AppointmentBooked"], ["scheduler"])
    assert booking["appointment_id"] == "a-1" and booking["starts_at"]
    assert visibility.visible_data(SAMPLE_DATA["AppointmentBooked"], ["coder"]).keys() == {"patient"}
    assert visibility.visible_data(message, ["scheduler", "nurse"])["body"] == BODY  # roles add up


def test_messages_sit_only_with_nurses_and_results_with_nurses_and_clinical_ops():
    assert visibility.roles_that_may_hold("message") == ["nurse"]
    assert visibility.roles_that_may_hold("lab_result") == ["clinical_ops", "nurse"]
    assert visibility.roles_that_may_hold("reminder_call") == ["clinical_ops", "nurse", "scheduler"]


def test_the_queue_kind_roles_match_the_queues_facilities_get():
    from queues.services.facilities import FACILITY_QUEUES

    assert {kind: role for kind, (role, _) in FACILITY_QUEUES.items()} == visibility.QUEUE_KIND_ROLE


@pytest.mark.parametrize(
    ("workflow", "target"),
    [
        ("triage", "scheduling"),
        ("triage", "coding"),
        ("triage", "clinical_ops"),
        ("results", "scheduling"),
        ("results", "coding"),
    ],
)
def test_a_policy_may_not_route_messages_or_results_to_roles_that_may_not_see_them(workflow, target):
    policy = {
        **DEFAULTS[workflow],
        "queue_map": {
            "*": DEFAULTS[workflow]["queue_map"]["*"],
            "billing_admin" if workflow == "triage" else "*": target,
        },
    }
    errors = validate_policy(workflow, policy)
    key = "billing_admin" if workflow == "triage" else "*"
    assert [e["field"] for e in errors] == [f"queue_map.{key}"]
    ok = {**DEFAULTS[workflow], "queue_map": {"*": "triage" if workflow == "triage" else "clinical_ops"}}
    assert validate_policy(workflow, ok) == []


def test_the_policy_api_refuses_a_queue_map_into_scheduling(manager):
    policy = RoutingPolicy.objects.get(workflow="triage", facility__slug="north")
    response = login(manager).patch(
        f"/api/v1/policies/{policy.pk}",
        data=json.dumps({"queue_map": {"*": "triage", "appointment": "scheduling"}}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["queue_map.appointment"]
    assert response.json()["title"] == "The policy is invalid"
    policy.refresh_from_db()
    assert policy.queue_map == {"*": "triage"} and policy.version == 1


# --- reassignment -------------------------------------------------------------------------------
def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("target", ["north-scheduling", "north-coding", "north-clinical-ops"])
def test_a_manager_may_not_move_a_message_to_schedulers_coders_or_clinical_ops(make_item, manager, target):
    item = make_item()
    response = post(login(manager), f"/api/v1/items/{item.pk}/reassign", {"queue": target})
    assert response.status_code == 400 and [e["field"] for e in response.json()["errors"]] == ["queue"]
    item.refresh_from_db()
    assert item.queue.slug == "north-nurse-triage" and item.state == "new"


def test_a_manager_may_move_a_message_between_nurse_queues_and_the_page_offers_only_those(make_item, manager):
    item = make_item()
    manager = login(manager)
    html = manager.get(f"/items/{item.pk}/").content.decode()
    assert 'value="north-nurse-review"' in html and 'value="north-scheduling"' not in html
    assert 'value="north-coding"' not in html and 'value="north-clinical-ops"' not in html
    response = post(manager, f"/api/v1/items/{item.pk}/reassign", {"queue": "north-nurse-review"})
    assert response.status_code == 200 and response.json()["queue"] == "north-nurse-review"


# --- viewing, per role -----------------------------------------------------------------------------
@pytest.fixture
def private_message(message_thread):
    """A message item with a body, and where it may sit: the nurses' triage queue, or (routed by a
    policy of before this check, or moved by hand before it) the schedulers' or coders' queue."""

    def make(queue_kind):
        text = f"{SUBJECT}\n{BODY}"
        start = text.index("lump")
        routed = message_thread(
            BODY,
            "urgent",
            subject=SUBJECT,
            queue_kind=queue_kind,
            rationale=[
                {"kind": "rule", "rule": "breast_lump", "urgency": "urgent", "span": [start, start + 4], "text": "lump"}
            ],
        )
        return routed.item

    return make


FULL, REDACTED, HIDDEN = "full", "redacted", 404


@pytest.mark.parametrize(
    ("queue_kind", "username", "expected"),
    [
        ("triage", "nurse", FULL),  # owner: works the queue
        ("triage", "manager", FULL),  # colleague with every role
        ("triage", "scheduler", HIDDEN),  # outsider by role
        ("triage", "coder", HIDDEN),
        ("triage", "nurse2", HIDDEN),  # outsider by facility
        ("scheduling", "scheduler", REDACTED),
        ("scheduling", "manager", FULL),
        ("scheduling", "nurse", HIDDEN),
        ("coding", "coder", REDACTED),
        ("coding", "manager", FULL),
    ],
)
def test_who_sees_a_message_body_over_the_api_and_the_page(private_message, request, queue_kind, username, expected):
    item = private_message(queue_kind)
    assert item.queue.kind == queue_kind
    client = login(request.getfixturevalue(username))
    api, page = client.get(f"/api/v1/items/{item.pk}"), client.get(f"/items/{item.pk}/")
    if expected == HIDDEN:
        assert (api.status_code, page.status_code) == (404, 404)
        return
    assert (api.status_code, page.status_code) == (200, 200)
    body, html = api.json(), page.content.decode()
    if expected == FULL:
        assert body["event"]["data"]["body"] == BODY and body["messages"][0]["body"] == BODY
        assert body["score"]["rationale"][0]["text"] == "lump"
        assert BODY.replace("lump", '<mark class="hl hl-rule" title="Rule: breast lump (urgent)">lump</mark>') in html
        return
    text = json.dumps(body)
    for secret in (BODY, SUBJECT, "lump", "Disposition for urgent"):
        assert secret not in text, secret
        assert secret not in html, secret
    assert "messages" not in body and "body" not in body["event"]["data"]
    assert body["event"]["data"]["patient"] == {"mrn": "MRN-T", "name": "Ann Lee"}
    assert body["score"] == {
        "urgency": "urgent",
        "care_level": "same_day",  # as safe as the urgency it stands for; never the protocol or rationale
        "intent": "symptom",
        "tier": "task",
        "confidence": 0.9,
        "model": "triage-clf",
        "model_version": "1",
    }
    assert all("ai" not in h["data"] or "rationale" not in h["data"]["ai"] for h in body["history"])
    assert "MRN-T" in html and "not shown to your role" in html


def test_websocket_frames_carry_only_what_every_role_may_see(private_message):
    item = WorkItem.objects.select_related("queue", "claimed_by").get(pk=private_message("triage").pk)
    frame = json.loads(json.dumps({"type": "item.updated", "item": item_summary(item)}))
    assert set(frame["item"]) <= visibility.SUMMARY_FIELDS
    text = json.dumps(frame)
    assert BODY not in text and SUBJECT not in text and "lump" not in text and "Ann Lee" not in text


def test_a_coder_sees_the_identity_of_a_patient_of_a_message_left_in_their_queue(private_message, coder):
    item = private_message("coding")
    assert Queue.objects.get(pk=item.queue_id).role == "coder"
    data = login(coder).get(f"/api/v1/items/{item.pk}").json()["event"]["data"]
    assert set(data) <= {"patient"} | set(visibility.FIELD_GROUPS[visibility.CODING])


def test_the_owner_and_the_colleague_see_the_message_and_the_outsider_learns_nothing(db):
    from audit.models import AuditRecord
    from queues.tests.factories import trio

    people = trio()
    body = people.item.event.data["body"]
    for user in (people.owner, people.colleague):
        client = login(user)
        api, page = client.get(f"/api/v1/items/{people.item.pk}"), client.get(f"/items/{people.item.pk}/")
        assert (api.status_code, page.status_code) == (200, 200), user.username
        assert api.json()["event"]["data"]["body"] == body and body in page.content.decode()
    outsider = login(people.outsider)
    api, page = outsider.get(f"/api/v1/items/{people.item.pk}"), outsider.get(f"/items/{people.item.pk}/")
    assert (api.status_code, page.status_code) == (404, 404)
    assert body not in api.content.decode() + page.content.decode()
    assert people.item.patient_mrn not in api.content.decode() + page.content.decode()
    assert not AuditRecord.objects.filter(actor=people.outsider.username).exists()  # no phi.viewed, nothing
