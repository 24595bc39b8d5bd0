"""queues.hooks: the apps built on queues plug in without queues importing them. Resolving an item
calls every registered hook inside the resolution's transaction; triage registers the writer of
its training labels (triage.labels) and the per-message scores of a thread."""

import pytest
from django.utils import timezone

from queues import hooks
from queues.models import WorkItem
from queues.services import items
from triage import labels
from triage.models import TriageLabel
from triage.selectors import message_scores

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered_hook(monkeypatch):
    calls = []
    monkeypatch.setattr(hooks, "_ITEM_RESOLVED", [*hooks._ITEM_RESOLVED, lambda **kw: calls.append(kw)])
    return calls


def test_resolving_an_item_calls_the_registered_hooks_with_the_decision(make_item, nurse, registered_hook):
    item = make_item(urgency="urgent", priority=2)
    items.item_resolve(
        item_id=item.pk,
        user=nurse,
        decision="override",
        final_urgency="routine",
        disposition="Call back tomorrow",
        reason_code="patient_context",
    )
    [call] = registered_hook
    assert set(call) == {"item", "user", "decision", "final_urgency", "now"}
    assert (call["item"].pk, call["user"], call["decision"], call["final_urgency"]) == (
        item.pk,
        nurse,
        "override",
        "routine",
    )
    assert call["item"].state == "resolved"  # called after the item is saved


def test_a_hook_that_fails_rolls_the_resolution_back(make_item, nurse, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("label store down")

    monkeypatch.setattr(hooks, "_ITEM_RESOLVED", [broken])
    item = make_item()
    with pytest.raises(RuntimeError):
        items.item_resolve(item_id=item.pk, user=nurse, decision="accept")
    item.refresh_from_db()
    assert item.state == "new"


def test_triage_registers_its_label_writer_and_message_scores():
    assert labels.label_record_for_item in hooks.registered()["item_resolved"]
    assert message_scores in hooks.registered()["message_scores"]


def test_accepting_a_message_item_writes_its_training_label_through_the_hook(message_thread, nurse):
    routed = message_thread("My chest feels tight", "emergent", message_id="m-label-1")
    items.item_resolve(item_id=routed.item.pk, user=nurse, decision="accept")
    label = TriageLabel.objects.get()
    assert (label.message_id, label.final_urgency, label.origin, label.labelled_by) == (
        "m-label-1",
        "emergent",
        "clinflow",
        "nurse",
    )
    assert str(label.message_event_id) == str(routed.message_event.pk)


def test_the_label_writer_ignores_dismissals_and_items_that_are_not_messages(message_thread, make_item, nurse):
    now = timezone.now()
    message = message_thread("Can I get a refill?", "routine").item
    labels.label_record_for_item(item=message, user=nurse, decision="dismiss", final_urgency="routine", now=now)
    suggestion = make_item(queue_kind="scheduling", tier="suggestion")
    WorkItem.objects.filter(pk=suggestion.pk).update(kind=WorkItem.Kind.REMINDER_CALL)
    suggestion.refresh_from_db()
    labels.label_record_for_item(item=suggestion, user=nurse, decision="accept", final_urgency="routine", now=now)
    assert not TriageLabel.objects.exists()
    labels.label_record_for_item(item=message, user=nurse, decision="accept", final_urgency="urgent", now=now)
    assert TriageLabel.objects.get().final_urgency == "urgent"
