"""One interrupt frame: what the socket pushes live (an interrupt, an escalation) and what
/api/v1/interrupts/ lists for the page's re-sync after a (re)connect have the same keys — and for
an unchanged item the same values, so a reloaded page shows exactly what the live one showed."""

import json

import pytest

from queues.representations import INTERRUPT_KEYS
from queues.services import delivery, items
from queues.tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def pushed(monkeypatch):
    frames = []
    monkeypatch.setattr("queues.publish._send_now", lambda group, frame: frames.append((group, frame)))
    return frames


def interrupts(frames, group):
    return [json.loads(json.dumps(f)) for g, f in frames if g == group and f["type"] == "interrupt"]


def test_the_live_interrupt_the_live_escalation_and_the_resync_list_share_one_frame(
    make_item, nurse, manager, pushed, django_capture_on_commit_callbacks
):
    delivery.presence_join(user=nurse, channel_name="c-nurse")
    item = make_item(tier="interrupt", urgency="emergent", priority=1)
    with django_capture_on_commit_callbacks(execute=True):
        delivery.item_deliver(item_id=item.pk)
    with django_capture_on_commit_callbacks(execute=True):
        items.item_escalate(item_id=item.pk, user=nurse, comment="needs a provider")

    [live] = interrupts(pushed, f"user.{nurse.pk}")
    [escalation] = interrupts(pushed, f"user.{manager.pk}")
    [listed] = login(nurse).get("/api/v1/interrupts/").json()
    [listed_escalation] = login(manager).get("/api/v1/interrupts/").json()

    for frame in (live, escalation, listed, listed_escalation):
        assert set(frame) == INTERRUPT_KEYS
    assert listed_escalation == escalation  # the item has not changed since: the very same frame
    assert escalation["escalation"] is True and escalation["level"] == 1 and escalation["sound"] is True
    assert escalation["note"] == "escalated: needs a provider"
    same = ("delivery", "delivered_as", "escalation", "level", "note", "sound", "delivered_at")
    assert {k: listed[k] for k in same} == {k: live[k] for k in same}  # the item itself moved on (escalated)
    assert (live["escalation"], live["level"], live["note"], live["item"]["id"]) == (False, None, "", str(item.pk))


def test_an_interrupt_delivered_as_a_task_has_the_same_keys_and_says_why(
    make_item, nurse, pushed, django_capture_on_commit_callbacks
):
    delivery.presence_join(user=nurse, channel_name="c-nurse")
    delivery.preference_update(user=nurse, changes={"min_interrupt_tier": "never", "sound": False})
    item = make_item(tier="interrupt", urgency="emergent", priority=1)
    with django_capture_on_commit_callbacks(execute=True):
        delivery.item_deliver(item_id=item.pk)
    [frame] = interrupts(pushed, f"user.{nurse.pk}")
    assert set(frame) == INTERRUPT_KEYS
    assert (frame["delivered_as"], frame["sound"]) == ("task", False)
    assert frame["note"] == "your settings deliver interrupts as tasks"
