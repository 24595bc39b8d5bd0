"""Calm interrupts (issue 11 item 4): the hourly cap never demotes an emergency, and "acknowledge
all" is recorded and audited like a single acknowledgement."""

import pytest

from audit.models import AuditRecord
from queues import routing
from queues.models import InterruptDelivery, WorkItem
from queues.services import delivery

pytestmark = pytest.mark.django_db


def test_the_cap_never_demotes_an_emergency_care_level():
    assert routing.interrupt_delivery(
        tier="interrupt", min_interrupt_tier="interrupt", over_cap=True, care_level="emergency"
    ) == ("interrupt", "")


def test_the_cap_still_demotes_a_non_emergency_interrupt():
    delivered_as, reason = routing.interrupt_delivery(
        tier="interrupt", min_interrupt_tier="interrupt", over_cap=True, care_level="same_day"
    )
    assert delivered_as == "task" and "cap" in reason


def test_an_emergency_still_follows_the_users_own_never_setting():
    assert (
        routing.interrupt_delivery(
            tier="interrupt", min_interrupt_tier="never", over_cap=False, care_level="emergency"
        )[0]
        == "task"
    )


def _capped(user, cap):
    delivery.presence_join(user=user, channel_name=f"c-{user.pk}")
    delivery.preference_update(user=user, changes={"interrupt_cap_per_hour": cap})


def test_an_emergency_arriving_after_the_cap_is_delivered_as_an_interrupt(make_item, nurse):
    _capped(nurse, 0)
    item = make_item(tier="interrupt", urgency="emergent", priority=1)
    outcome = delivery.item_deliver(item_id=item.pk)
    assert outcome["interrupted"] == ["nurse"] and outcome["as_task"] == []
    assert InterruptDelivery.objects.get(item=item, user=nurse).delivered_as == "interrupt"


def test_an_urgent_interrupt_over_the_cap_is_still_delivered_as_a_task(make_item, nurse):
    _capped(nurse, 0)
    item = make_item(tier="interrupt", urgency="urgent", priority=2)
    outcome = delivery.item_deliver(item_id=item.pk)
    assert outcome["interrupted"] == [] and outcome["as_task"] == ["nurse"]
    assert "cap" in InterruptDelivery.objects.get(item=item, user=nurse).reason


def test_acknowledge_all_acknowledges_every_pending_interrupt_and_audits_each(make_item, nurse):
    _capped(nurse, 10)
    made = [make_item(tier="interrupt", urgency="emergent", priority=1) for _ in range(5)]
    for item in made:
        delivery.item_deliver(item_id=item.pk)
    done = delivery.interrupt_acknowledge_all(user=nurse)
    assert len(done) == 5
    assert not InterruptDelivery.objects.filter(user=nurse, acknowledged_at__isnull=True).exists()
    assert WorkItem.objects.filter(pk__in=[i.pk for i in made], acknowledged_at__isnull=False).count() == 5
    records = AuditRecord.objects.filter(action="interrupt.acknowledged", actor="nurse")
    assert sorted(r.object_id for r in records) == sorted(str(i.pk) for i in made)
    assert all(r.data["bulk"] is True for r in records)
    assert delivery.interrupt_acknowledge_all(user=nurse) == []  # twice: nothing more to acknowledge


def test_acknowledge_all_never_touches_another_users_interrupts(make_item, nurse, nurse2):
    _capped(nurse, 10)
    item = make_item(tier="interrupt", urgency="emergent", priority=1)
    delivery.item_deliver(item_id=item.pk)
    [mine] = InterruptDelivery.objects.filter(user=nurse)
    assert delivery.interrupt_acknowledge_all(user=nurse2, delivery_ids=[mine.pk]) == []
    mine.refresh_from_db()
    assert mine.acknowledged_at is None


def test_the_ack_all_endpoint_acknowledges_only_the_callers_interrupts(make_item, nurse):
    from queues.tests.conftest import login

    _capped(nurse, 10)
    item = make_item(tier="interrupt", urgency="emergent", priority=1)
    delivery.item_deliver(item_id=item.pk)
    client = login(nurse)
    assert (
        client.post("/api/v1/interrupts/ack-all", {"deliveries": "x"}, content_type="application/json").status_code
        == 400
    )
    for bad in ([2**63], [0], [1.5], ["\x00"], list(range(1, 502))):  # past bigint, zero, wrong type, too many
        answer = client.post("/api/v1/interrupts/ack-all", {"deliveries": bad}, content_type="application/json")
        assert answer.status_code == 400, (bad, answer.content)
    response = client.post("/api/v1/interrupts/ack-all", {}, content_type="application/json")
    assert response.status_code == 200 and len(response.json()["acknowledged"]) == 1
    assert client.get("/api/v1/interrupts/").json() == []
