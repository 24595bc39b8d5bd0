"""Claim, release, resolve, escalate, snooze, reassign: services and REST API, per role (people and
places from factories: the `nurse`, `manager`... fixtures of the root conftest, and the owner /
colleague / outsider trio)."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from audit.models import AuditRecord
from clinflow import problems
from queues import selectors
from queues.models import WorkItem
from queues.services import items
from queues.tests import factories
from queues.tests.conftest import login
from queues.tests.factories import PASSWORD, Trio, trio
from triage.models import TriageLabel

pytestmark = pytest.mark.django_db
User = get_user_model()


def post(client, url, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


def test_claim_is_a_lease_and_a_second_nurse_sees_who_holds_it(make_item, nurse):
    item = make_item()
    colleague = User.objects.create_user("nurse3")
    colleague.groups.add(*nurse.groups.all())
    claimed = items.item_claim(item_id=item.pk, user=nurse)
    assert claimed.state == "claimed" and claimed.claimed_by == nurse
    with pytest.raises(problems.Conflict, match="Claimed by nurse"):
        items.item_claim(item_id=item.pk, user=colleague)
    items.item_claim(item_id=item.pk, user=nurse)  # renewing one's own lease is fine
    WorkItem.objects.filter(pk=item.pk).update(claimed_until=timezone.now() - timedelta(seconds=1))
    assert items.item_claim(item_id=item.pk, user=colleague).claimed_by == colleague  # expired lease


def test_expired_claims_return_to_new(make_item, nurse):
    item = make_item()
    items.item_claim(item_id=item.pk, user=nurse)
    assert items.item_release_expired_claims(now=timezone.now() + timedelta(hours=1)) == 1
    item.refresh_from_db()
    assert (item.state, item.claimed_by) == ("new", None)


def test_accept_takes_the_ai_urgency_and_is_audited_side_by_side_with_the_ai(make_item, nurse):
    item = make_item(urgency="urgent", priority=2)
    items.item_claim(item_id=item.pk, user=nurse)
    resolved = items.item_resolve(item_id=item.pk, user=nurse, decision="accept")
    assert (resolved.state, resolved.decision, resolved.final_urgency) == ("resolved", "accept", "urgent")
    record = AuditRecord.objects.get(action="work_item.resolved", object_id=str(item.pk))
    assert record.data["ai"]["urgency"] == "urgent" and record.data["human"]["decision"] == "accept"
    assert TriageLabel.objects.get(origin="clinflow").final_urgency == "urgent"
    with pytest.raises(problems.Conflict, match="already resolved"):
        items.item_resolve(item_id=item.pk, user=nurse, decision="accept")


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"decision": "override"}, {"final_urgency", "disposition", "reason_code"}),
        (
            {"decision": "override", "final_urgency": "urgent", "disposition": "call", "reason_code": "other"},
            {"comment"},
        ),
        (
            {"decision": "override", "final_urgency": "severe", "disposition": "call", "reason_code": "nope"},
            {"final_urgency", "reason_code"},
        ),
        ({"decision": "dismiss"}, {"reason_code"}),
        ({"decision": "maybe"}, {"decision"}),
    ],
)
def test_an_incomplete_decision_is_400_naming_the_fields(make_item, nurse, body, fields):
    item = make_item()
    response = post(login(nurse), f"/api/v1/items/{item.pk}/resolve", body)
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == fields
    item.refresh_from_db()
    assert item.state == "new"


def test_override_through_the_api_records_the_reason(make_item, nurse):
    item = make_item(urgency="routine")
    nurse = login(nurse)
    assert post(nurse, f"/api/v1/items/{item.pk}/claim").json()["claimed_by"] == "nurse"
    body = {
        "decision": "override",
        "final_urgency": "urgent",
        "disposition": "Same-day visit",
        "reason_code": "patient_context",
        "comment": "known cardiac history",
    }
    response = post(nurse, f"/api/v1/items/{item.pk}/resolve", body)
    assert response.status_code == 200 and response.json()["state"] == "resolved"
    human = AuditRecord.objects.get(action="work_item.resolved").data["human"]
    assert human["reason_code"] == "patient_context" and human["final_urgency"] == "urgent"
    assert human["agrees_with_ai"] is False


def test_another_nurses_claim_blocks_resolve_with_409(make_item, nurse):
    item = make_item()
    post(login(nurse), f"/api/v1/items/{item.pk}/claim")
    other = User.objects.create_user("nurse3", password="pw-12345678")
    other.groups.add(*nurse.groups.all())
    response = post(login("nurse3", "pw-12345678"), f"/api/v1/items/{item.pk}/resolve", {"decision": "accept"})
    assert response.status_code == 409 and "Claimed by nurse" in response.json()["detail"]


def test_dismiss_snooze_wake_escalate_and_reassign(make_item, nurse, manager):
    nurse = login(nurse)
    dup = make_item()
    assert (
        post(nurse, f"/api/v1/items/{dup.pk}/resolve", {"decision": "dismiss", "reason_code": "duplicate"}).json()[
            "state"
        ]
        == "resolved"
    )

    later = make_item()
    until = (timezone.now() + timedelta(hours=2)).isoformat()
    assert post(nurse, f"/api/v1/items/{later.pk}/snooze", {"until": until}).json()["state"] == "snoozed"
    assert post(nurse, f"/api/v1/items/{later.pk}/snooze", {"until": "2001-01-01T00:00:00Z"}).status_code == 400
    assert items.item_wake_snoozed(now=timezone.now() + timedelta(hours=3)) == 1
    later.refresh_from_db()
    assert later.state == "new"

    hard = make_item()
    assert (
        post(nurse, f"/api/v1/items/{hard.pk}/escalate", {"comment": "needs a provider"}).json()["state"] == "escalated"
    )
    assert AuditRecord.objects.filter(action="work_item.escalated", object_id=str(hard.pk)).exists()

    moved = make_item()
    response = post(nurse, f"/api/v1/items/{moved.pk}/reassign", {"queue": "north-nurse-review"})
    assert response.json()["queue"] == "north-nurse-review" and response.json()["state"] == "reassigned"
    refused = post(nurse, f"/api/v1/items/{moved.pk}/reassign", {"queue": "north-scheduling"})
    assert refused.status_code == 400  # a nurse may not move a message to the schedulers


def test_actions_on_another_facilitys_item_are_404(make_item, nurse):
    south = make_item(facility="south")
    nurse = login(nurse)
    for action in ("claim", "release", "escalate", "resolve"):
        assert post(nurse, f"/api/v1/items/{south.pk}/{action}", {"decision": "accept"}).status_code == 404
    south.refresh_from_db()
    assert south.state == "new"


def test_a_scheduler_cannot_act_on_a_triage_item(make_item, scheduler, coder):
    item = make_item()
    assert post(login(scheduler), f"/api/v1/items/{item.pk}/claim").status_code == 404
    assert post(login(coder), f"/api/v1/items/{item.pk}/claim").status_code == 404
    item.refresh_from_db()
    assert (item.state, item.claimed_by) == ("new", None)


def test_a_manager_cannot_move_an_item_to_another_facilitys_queue(make_item, north, south):
    """The manager works both facilities' queues, but a north patient's message stays with north."""
    item = make_item()
    manager = login(factories.manager(north, south, username="manager"))
    refused = post(manager, f"/api/v1/items/{item.pk}/reassign", {"queue": "south-nurse-triage"})
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "queue"
    assert refused.json()["title"] == "The action on the item is invalid"  # not the intake's "event" title
    item.refresh_from_db()
    assert item.queue.slug == "north-nurse-triage"
    page = manager.get(f"/items/{item.pk}/").content.decode()
    assert 'value="north-nurse-review"' in page and 'value="south-nurse-triage"' not in page


@pytest.mark.parametrize("outsider", ["scheduler", "coder", "nurse2"])
def test_every_action_called_directly_refuses_an_outsider(make_item, request, outsider):
    """Permission lives in the action, not the view: a page, a batch, a websocket or a command calling
    the service gets the same 404 as the API, and nothing changes."""
    from queues.models import Queue

    item = make_item()
    user = request.getfixturevalue(outsider)
    calls = {
        "claim": lambda: items.item_claim(item_id=item.pk, user=user),
        "release": lambda: items.item_release(item_id=item.pk, user=user),
        "resolve": lambda: items.item_resolve(item_id=item.pk, user=user, decision="accept"),
        "escalate": lambda: items.item_escalate(item_id=item.pk, user=user),
        "snooze": lambda: items.item_snooze(item_id=item.pk, user=user, until=timezone.now() + timedelta(hours=1)),
        "reassign": lambda: items.item_reassign(
            item_id=item.pk,
            user=user,
            queue_slug=Queue.objects.filter(pk__in=selectors.queues_for_user(user=user)).first().slug,
        ),
    }
    for name, call in calls.items():
        with pytest.raises(problems.NotFound):
            call()
            pytest.fail(f"{outsider} could {name} another role's or facility's item")
    item.refresh_from_db()
    assert item.state == "new" and item.claimed_by is None
    assert not AuditRecord.objects.filter(object_id=str(item.pk), actor=outsider).exists()


def test_refreshing_a_suggestions_ai_output_is_audited_and_pushed(make_item, django_capture_on_commit_callbacks):
    item = make_item(queue_kind="scheduling", tier="suggestion")
    event = item.event
    new_score = {**item.score, "confidence": 0.91, "model": "noshow"}
    with django_capture_on_commit_callbacks() as callbacks:
        items.item_refresh_suggestion(item=item, score=new_score, title="Reminder call: 91%", event=event)
    item.refresh_from_db()
    assert item.score == new_score and item.title == "Reminder call: 91%"
    record = AuditRecord.objects.get(action="work_item.refreshed", object_id=str(item.pk))
    assert record.data["ai"]["confidence"] == 0.91 and record.data["ai_before"]["confidence"] == 0.8
    assert callbacks  # the push goes out after commit


# --- the owner / colleague / outsider trio over the API --------------------------------------------
@pytest.fixture
def people() -> Trio:
    return trio()


@pytest.mark.parametrize("action", ["claim", "release", "resolve", "escalate", "snooze", "reassign"])
def test_the_outsider_is_refused_every_action_over_the_api_and_nothing_changes(people, action):
    """Staff of another facility who work the same kind of queue there: 404 (not 403: the item's
    existence is not theirs to learn), and the item, its claim and its audit trail are untouched."""
    own_queue = selectors.queues_for_user(user=people.outsider).get()  # their facility's triage queue
    body = {
        "resolve": {"decision": "accept"},
        "snooze": {"until": (timezone.now() + timedelta(hours=1)).isoformat()},
        "reassign": {"queue": own_queue.slug},
    }.get(action, {})
    items.item_claim(item_id=people.item.pk, user=people.owner)
    before = AuditRecord.objects.filter(object_id=str(people.item.pk)).count()
    response = post(login(people.outsider), f"/api/v1/items/{people.item.pk}/{action}", body)
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    item = WorkItem.objects.get(pk=people.item.pk)
    assert (item.state, item.claimed_by, item.queue_id, item.escalation_level) == (
        "claimed",
        people.owner,
        people.item.queue_id,
        0,
    )
    assert AuditRecord.objects.filter(object_id=str(people.item.pk)).count() == before


def test_the_owners_claim_holds_the_colleague_off_until_released(people):
    owner, colleague = login(people.owner, PASSWORD), login(people.colleague, PASSWORD)
    url = f"/api/v1/items/{people.item.pk}"
    assert post(owner, f"{url}/claim").json()["claimed_by"] == people.owner.username
    refused = post(colleague, f"{url}/resolve", {"decision": "accept"})
    assert refused.status_code == 409 and f"Claimed by {people.owner.username}" in refused.json()["detail"]
    assert WorkItem.objects.get(pk=people.item.pk).state == "claimed"
    assert post(owner, f"{url}/release").json()["state"] == "new"
    assert post(colleague, f"{url}/claim").json()["claimed_by"] == people.colleague.username


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/v1/interrupts/ack-all", "/api/v1/items/decide", "/api/v1/me/delivery", "/api/v1/items/{id}/resolve"]
)
def test_json_nested_too_deeply_is_a_400_naming_it_never_a_500(path, make_item, nurse):
    item = make_item()
    client = login(nurse)
    body = "[" * 5000 + "]" * 5000
    method = client.put if path.endswith("delivery") else client.post
    response = method(path.format(id=item.pk), body, content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    assert "nested too deeply" in response.json()["detail"]
