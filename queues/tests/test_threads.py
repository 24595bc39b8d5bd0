"""Issue 8, item 6: every message folded into an item is shown (newest first, each with its own AI
score and highlighted spans) and labelled on its own when a nurse decides."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from queues.models import WorkItem
from queues.services import items
from queues.tests.conftest import login
from triage.models import TriageLabel

pytestmark = pytest.mark.django_db


def rule(body, text, name="chest_pain", urgency="emergent"):
    start = body.index(text)
    return [{"kind": "rule", "rule": name, "urgency": urgency, "span": [start, start + len(text)], "text": text}]


def test_the_item_api_shows_every_message_newest_first_with_its_own_score(message_thread, nurse):
    first = message_thread("Can I get a refill of my inhaler?", "routine")
    calm_body = "My chest feels tight since this morning"
    rise = message_thread(calm_body, "emergent", rationale=rule(calm_body, "chest feels tight"))
    later = message_thread("Also my ankle hurts a bit", "urgent")
    assert (first.effect, rise.effect, later.effect) == ("created", "realerted", "updated")
    item = WorkItem.objects.get()
    body = login(nurse).get(f"/api/v1/items/{item.pk}").json()
    messages = body["messages"]
    assert [m["body"] for m in messages] == [
        "Also my ankle hurts a bit",
        calm_body,
        "Can I get a refill of my inhaler?",
    ]
    assert [m["effect"] for m in messages] == ["updated", "realerted", "created"]
    assert [m["score"]["urgency"] for m in messages] == ["urgent", "emergent", "routine"]
    assert messages[1]["score"]["rationale"][0]["text"] == "chest feels tight"
    assert messages[1]["score"]["disposition"] == "Disposition for emergent"
    assert {"event_id", "received_at", "subject", "body", "effect", "score"} <= set(messages[0])
    assert body["event"]["data"]["body"] == "Can I get a refill of my inhaler?"  # the existing fields stay
    assert body["urgency"] == "emergent" and body["event_count"] == 3


def test_the_item_api_query_count_does_not_grow_with_the_messages(message_thread, nurse):
    nurse = login(nurse)
    one = message_thread("a first message", "routine", mrn="MRN-ONE").item
    for i in range(5):
        message_thread(f"message {i}", "routine", mrn="MRN-FIVE")
    five = WorkItem.objects.get(patient_mrn="MRN-FIVE")
    nurse.get(f"/api/v1/items/{one.pk}")  # warm: content types, permissions

    def queries(item):
        with CaptureQueriesContext(connection) as ctx:
            response = nurse.get(f"/api/v1/items/{item.pk}")
        assert response.status_code == 200
        return len(response.json()["messages"]), [q["sql"] for q in ctx.captured_queries]

    (n_one, small), (n_five, large) = queries(one), queries(five)
    assert (n_one, n_five) == (1, 5)
    assert len(large) == len(small), "\n".join(q[:160] for q in large)
    assert len(small) <= 16, "\n".join(q[:160] for q in small)


def test_the_item_page_shows_each_message_with_its_own_score_and_spans(message_thread, nurse):
    first_body = "Can I get a refill of my inhaler?"
    message_thread(first_body, "routine")
    second_body = "Now my chest feels tight and I am sweating"
    message_thread(second_body, "emergent", rationale=rule(second_body, "chest feels tight"))
    item = WorkItem.objects.get()
    html = login(nurse).get(f"/items/{item.pk}/").content.decode()
    assert html.index("I am sweating") < html.index(first_body)  # newest first
    assert (
        'Now my <mark class="hl hl-rule" title="Rule: chest pain (emergent)">chest feels tight</mark> and I am' in html
    )
    assert "Disposition for routine" in html and "Disposition for emergent" in html  # each its own score
    assert html.count('class="message') == 2 and "2 in this item" in html
    assert html.count(first_body) == 1 and 'class="flash"' not in html  # never echoed as a flash banner


def test_a_decision_labels_the_messages_it_is_about_not_those_the_ai_rated_lower(message_thread, nurse):
    routine = message_thread("refill please", "routine").item
    emergent = message_thread("crushing chest pain now", "emergent").message_event
    message_thread("and a headache", "urgent")  # lower than the thread: folded in, no re-alert
    items.item_resolve(item_id=routine.pk, user=nurse, decision="accept")
    labels = {label.message_event_id: label.final_urgency for label in TriageLabel.objects.filter(origin="clinflow")}
    assert labels == {emergent.pk: "emergent"}  # not the first message, not the later calm one


def test_an_override_labels_every_message_at_the_threads_urgency_with_the_final_urgency(message_thread, nurse):
    first = message_thread("my chest hurts", "emergent")
    again = message_thread("it still hurts", "emergent")  # same urgency: folded in, the decision is about it too
    message_thread("also need a refill", "routine")
    items.item_resolve(
        item_id=first.item.pk,
        user=nurse,
        decision="override",
        final_urgency="urgent",
        disposition="Same-day visit",
        reason_code="clinical_judgement",
    )
    by_event = {label.message_event_id: label.final_urgency for label in TriageLabel.objects.filter(origin="clinflow")}
    assert by_event == {first.message_event.pk: "urgent", again.message_event.pk: "urgent"}


def test_a_dismissal_labels_nothing(message_thread, nurse):
    item = message_thread("duplicate of my call", "routine").item
    items.item_resolve(item_id=item.pk, user=nurse, decision="dismiss", reason_code="duplicate")
    assert not TriageLabel.objects.exists()
