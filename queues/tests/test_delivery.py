"""Per-user delivery: interrupt caps, minimum tier, digests, escalation of unacknowledged or
undeliverable interrupts (services called directly, presence rows standing in for sockets)."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from audit.models import AuditRecord
from queues import tasks
from queues.models import DigestEntry, InterruptDelivery
from queues.routing import should_forward
from queues.services import delivery, items
from queues.tests.conftest import login
from queues.tests.factories import nurse as a_nurse

pytestmark = pytest.mark.django_db
User = get_user_model()


def online(user, channel="c1"):
    delivery.presence_join(user=user, channel_name=f"{channel}-{user.username}")


def test_should_forward_holds_back_only_new_suggestions_for_digest_users():
    digest, immediate = {"suggestion_mode": "digest"}, {"suggestion_mode": "immediate"}
    created_suggestion = {"type": "item.created", "item": {"tier": "suggestion"}}
    assert not should_forward(created_suggestion, digest) and should_forward(created_suggestion, immediate)
    assert should_forward({"type": "item.updated", "item": {"tier": "suggestion"}}, digest)
    assert should_forward({"type": "item.created", "item": {"tier": "task"}}, digest)


def test_an_interrupt_goes_to_online_followers_only(make_item, nurse, north):
    a_nurse(north, username="offline-nurse")  # follows the queue too, but has no socket open
    online(nurse)
    item = make_item(tier="interrupt", urgency="emergent", priority=1)
    outcome = delivery.item_deliver(item_id=item.pk)
    assert outcome["interrupted"] == ["nurse"]
    assert delivery.item_deliver(item_id=item.pk)["interrupted"] == []  # idempotent


def test_over_the_hourly_cap_an_interrupt_is_delivered_as_a_task_and_says_so(make_item, nurse):
    online(nurse)
    delivery.preference_update(user=nurse, changes={"interrupt_cap_per_hour": 2})
    outcomes = [
        # urgent, not emergency: the cap never demotes an emergency care level (issue 11)
        delivery.item_deliver(item_id=make_item(tier="interrupt", urgency="urgent", priority=2, mrn=f"M{i}").pk)
        for i in range(3)
    ]
    assert [o["interrupted"] for o in outcomes] == [["nurse"], ["nurse"], []]
    assert outcomes[2]["as_task"] == ["nurse"]
    third = InterruptDelivery.objects.order_by("delivered_at").last()
    assert third.delivered_as == "task" and "cap" in third.reason


def test_a_user_who_never_wants_interrupts_gets_tasks_and_the_item_escalates(make_item, nurse, manager):
    online(nurse)
    delivery.preference_update(user=nurse, changes={"min_interrupt_tier": "never"})
    item = make_item(tier="interrupt", urgency="emergent", priority=1)
    outcome = tasks.deliver_item(str(item.pk))
    assert outcome["as_task"] == ["nurse"] and outcome["escalated"]
    item.refresh_from_db()
    assert item.state == "escalated"


def test_an_emergent_item_with_nobody_online_escalates_to_the_owner(
    make_item, nurse, manager, django_capture_on_commit_callbacks
):
    item = make_item(tier="interrupt", urgency="emergent", priority=1)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = tasks.deliver_item(str(item.pk))
    assert outcome["escalated"]
    item.refresh_from_db()
    assert item.state == "escalated"
    owner_alert = InterruptDelivery.objects.get(item=item, escalation=True)
    assert owner_alert.user.username == "manager"
    assert AuditRecord.objects.filter(action="work_item.escalated", actor="system").exists()


def test_item_deliver_reports_an_undeliverable_interrupt_and_leaves_the_escalation_to_its_task(
    make_item, nurse, manager
):
    item = make_item(tier="interrupt", urgency="emergent", priority=1)  # nobody is online
    outcome = delivery.item_deliver(item_id=item.pk)
    assert outcome["interrupted"] == [] and outcome["needs_escalation"] is True
    item.refresh_from_db()
    assert (item.state, item.escalation_level, item.delivered_alert_no) == ("new", 0, 1)
    assert tasks.deliver_item(str(item.pk))["escalated"] is True  # a re-run of the task escalates once
    assert tasks.deliver_item(str(item.pk))["escalated"] is False
    item.refresh_from_db()
    assert (item.state, item.escalation_level) == ("escalated", 1)


def test_tasks_interrupt_only_users_who_asked_for_it(make_item, nurse):
    online(nurse)
    task = make_item(tier="task")
    assert delivery.item_deliver(item_id=task.pk)["interrupted"] == []
    delivery.preference_update(user=nurse, changes={"min_interrupt_tier": "task"})
    assert delivery.item_deliver(item_id=task.pk, alert_no=2)["interrupted"] == ["nurse"]


def test_an_unacknowledged_interrupt_escalates_and_an_acknowledged_one_does_not(make_item, nurse, manager):
    online(nurse)
    ignored = make_item(tier="interrupt", urgency="emergent", priority=1, mrn="A")
    seen = make_item(tier="interrupt", urgency="emergent", priority=1, mrn="B")
    delivery.item_deliver(item_id=ignored.pk)
    delivery.item_deliver(item_id=seen.pk)
    delivery.interrupt_acknowledge(delivery_id=InterruptDelivery.objects.get(item=seen).pk, user=nurse)
    assert items.item_escalate_due() == 0  # not yet
    later = timezone.now() + timedelta(minutes=30)
    assert items.item_escalate_due(now=later) == 1
    ignored.refresh_from_db()
    seen.refresh_from_db()
    assert (ignored.state, seen.state) == ("escalated", "new")
    assert items.item_escalate_due(now=later) == 0  # once


def test_someone_elses_interrupt_cannot_be_acknowledged(make_item, nurse, nurse2):
    online(nurse)
    item = make_item(tier="interrupt", urgency="emergent", priority=1)
    delivery.item_deliver(item_id=item.pk)
    from clinflow.problems import NotFound

    with pytest.raises(NotFound):
        delivery.interrupt_acknowledge(delivery_id=InterruptDelivery.objects.get().pk, user=nurse2)
    assert InterruptDelivery.objects.get().acknowledged_at is None


def test_digest_users_get_suggestions_only_at_their_interval(make_item, nurse):
    delivery.preference_update(user=nurse, changes={"suggestion_mode": "digest", "digest_minutes": 15})
    item = make_item(tier="suggestion", urgency="non_clinical", priority=4)
    assert delivery.item_deliver(item_id=item.pk)["digest"] == ["nurse"]
    assert delivery.digests_build() == 0
    later = timezone.now() + timedelta(minutes=16)
    assert delivery.digests_build(now=later) == 0  # offline: the digest waits for them
    online(nurse)
    assert delivery.digests_build(now=later) == 1
    assert DigestEntry.objects.get().delivered_at is not None
    assert delivery.digests_build(now=timezone.now() + timedelta(minutes=40)) == 0  # nothing pending


def test_preferences_api_round_trip_and_refuses_other_queues(nurse, south):
    nurse = login(nurse)
    body = {
        "follow_all": False,
        "followed_queues": ["north-nurse-triage"],
        "suggestion_mode": "digest",
        "digest_minutes": 30,
        "interrupt_cap_per_hour": 4,
        "min_interrupt_tier": "interrupt",
        "sound": False,
    }
    response = nurse.put("/api/v1/me/delivery", data=body, content_type="application/json")
    assert response.status_code == 200 and response.json()["followed_queues"] == ["north-nurse-triage"]
    bad = nurse.put(
        "/api/v1/me/delivery", data={"followed_queues": ["south-nurse-triage"]}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert (
        nurse.put("/api/v1/me/delivery", data={"digest_minutes": 7}, content_type="application/json").status_code == 400
    )


def test_the_service_itself_refuses_to_follow_a_queue_the_user_may_not_work(nurse, south):
    from clinflow.problems import ValidationProblem

    with pytest.raises(ValidationProblem):
        delivery.preference_update(user=nurse, changes={}, followed=["south-nurse-triage"])
    prefs = delivery.preference_update(user=nurse, changes={"follow_all": False}, followed=["north-results"])
    assert list(prefs.followed_queues.values_list("slug", flat=True)) == ["north-results"]


def test_pending_interrupts_survive_a_reload_until_acknowledged(make_item, nurse, nurse2):
    online(nurse)
    item = make_item(tier="interrupt", urgency="emergent", priority=1)
    delivery.item_deliver(item_id=item.pk)
    nurse = login(nurse)
    pending = nurse.get("/api/v1/interrupts/").json()
    assert [p["item"]["id"] for p in pending] == [str(item.pk)]
    assert nurse.post(f"/api/v1/interrupts/{pending[0]['delivery']}/ack").status_code == 200
    assert nurse.get("/api/v1/interrupts/").json() == []
    assert login(nurse2).get("/api/v1/interrupts/").json() == []


def test_a_manager_is_interrupted_by_escalations_not_by_every_item(make_item, manager, nurse):
    online(manager)
    online(nurse)
    item = make_item(tier="interrupt", urgency="emergent", priority=1)
    assert delivery.item_deliver(item_id=item.pk)["interrupted"] == ["nurse"]
