"""Issue 11, calm interrupts: an interrupt card says what the work is (complaint, rule, patient, the
message's first line for a role that may read it), and escalations wait in an inbox with counts
(/escalations/) instead of a stack of modals."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditRecord
from queues import representations, selectors
from queues.models import InterruptDelivery, WorkItem
from queues.services import delivery, items
from queues.tests.conftest import login
from queues.tests.factories import facility_for, staff

CHEST = [
    {"kind": "protocol", "protocol": "chest_pain", "protocol_title": "Chest pain", "criterion_text": "crushing pain"},
    {"kind": "rule", "rule": "chest_pain_with_dyspnoea"},
]
BODY = "  Crushing chest pain since an hour\nand I can't breathe.\nPlease call."


def escalate(item, *, minutes=30):
    """Let the item's SLA pass and take the escalation step (the beat task's service)."""
    WorkItem.objects.filter(pk=item.pk).update(due_at=timezone.now() - timedelta(minutes=minutes))
    assert items.item_escalate_due(now=timezone.now()) >= 1
    item.refresh_from_db()
    return item


def test_first_line_is_the_first_non_blank_line_cut_to_size():
    assert representations.first_line(BODY) == "Crushing chest pain since an hour"
    assert representations.first_line("\n\n  \t\n") == "" and representations.first_line(None) == ""
    long = "x" * 500
    cut = representations.first_line(long)
    assert len(cut) == representations.FIRST_LINE_CHARS and cut.endswith("…")
    assert representations.first_line("a\x00b\ud800c") == "a\x00b\ud800c"  # text is text: shown escaped by the page


@pytest.mark.django_db
def test_an_interrupt_card_says_the_complaint_rule_patient_and_first_line_to_a_nurse(message_thread, nurse):
    routed = message_thread(BODY, "emergent", rationale=CHEST, mrn="MRN-I1")
    item = WorkItem.objects.select_related("queue__facility", "event").get(pk=routed.item.pk)
    roles = selectors.viewer_roles(user=nurse, facility=item.queue.facility_id)
    what = representations.interrupt_what_for(item, roles=roles, now=timezone.now())
    assert set(what) == representations.WHAT_KEYS
    assert what["complaint"] == "Chest pain: crushing pain"
    assert what["rule"] == "chest pain with dyspnoea"
    assert what["first_line"] == "Crushing chest pain since an hour"
    assert what["patient_name"] == "Ann Lee"
    assert what["ai_label"].startswith("AI: ")


@pytest.mark.django_db
def test_a_recipient_who_may_not_read_messages_gets_no_first_line(message_thread):
    routed = message_thread(BODY, "emergent", rationale=CHEST, mrn="MRN-I2")
    item = WorkItem.objects.select_related("queue__facility", "event").get(pk=routed.item.pk)
    scheduler = staff(facility_for("north"), "scheduling")
    roles = selectors.viewer_roles(user=scheduler, facility=item.queue.facility_id)
    what = representations.interrupt_what_for(item, roles=roles, now=timezone.now())
    assert what["first_line"] == "" and "Crushing" not in str(what)
    assert what["complaint"] == "Chest pain: crushing pain"  # the AI's finding is not the message


@pytest.mark.django_db
def test_the_pending_interrupts_api_carries_the_card_text(message_thread, nurse):
    delivery.presence_join(user=nurse, channel_name="test-channel")
    routed = message_thread(BODY, "emergent", rationale=CHEST, mrn="MRN-I3")
    delivery.item_deliver(item_id=routed.item.pk)
    frames = login(nurse).get("/api/v1/interrupts/").json()
    assert len(frames) == 1
    assert set(frames[0]) == representations.INTERRUPT_KEYS
    assert frames[0]["what"]["first_line"] == "Crushing chest pain since an hour"
    assert frames[0]["what"]["rule"] == "chest pain with dyspnoea"


@pytest.mark.django_db
def test_escalations_wait_in_the_inbox_with_counts_most_serious_first(message_thread, nurse, manager):
    urgent = escalate(message_thread("Worse cough, some fever.", "urgent", mrn="MRN-E1").item)
    emergent = escalate(message_thread(BODY, "emergent", rationale=CHEST, mrn="MRN-E2").item)
    assert urgent.escalation_level == emergent.escalation_level == 1
    client = login(manager)
    response = client.get(reverse("escalation-inbox"))
    assert response.status_code == 200
    waiting = response.context["waiting"]
    assert [c["patient_mrn"] for c in waiting] == ["MRN-E2", "MRN-E1"]  # emergent first
    counts = response.context["counts"]
    assert (counts["waiting"], counts["emergent"], counts["owner_step"], counts["oncall_step"]) == (2, 1, 2, 0)
    html = response.content.decode()
    assert "Crushing chest pain since an hour" in html and "Rule: chest pain with dyspnoea" in html
    assert 'id="nav-escalations-count"' in html and "Acknowledge all (2)" in html
    listed = AuditRecord.objects.filter(action="phi.listed", actor=manager.username).latest("pk")
    assert set(listed.data["patients"]) == {"MRN-E1", "MRN-E2"}
    assert {"patient.mrn", "patient.name", "body"} <= set(listed.data["fields"])  # what the cards showed


@pytest.mark.django_db
def test_acknowledging_from_the_inbox_moves_it_to_handled_and_stops_the_chain(message_thread, nurse, manager):
    item = escalate(message_thread(BODY, "emergent", rationale=CHEST, mrn="MRN-E3").item)
    client = login(manager)
    ids = client.get(reverse("escalation-inbox")).context["waiting"][0]["pending_ids"]
    response = client.post("/api/v1/interrupts/ack-all", {"deliveries": ids}, content_type="application/json")
    assert response.status_code == 200 and response.json()["acknowledged"] == ids
    page = client.get(reverse("escalation-inbox"))
    assert page.context["waiting"] == [] and page.context["counts"]["waiting"] == 0
    handled = page.context["handled"]
    assert [c["patient_mrn"] for c in handled] == ["MRN-E3"] and handled[0]["status"].startswith("Acknowledged ")
    assert selectors.escalations_waiting_count(user=manager) == 0
    item.refresh_from_db()
    assert item.acknowledged_at is not None
    # the chain stops: no further step reaches on-call however long it waits
    assert items.item_escalate_due(now=timezone.now() + timedelta(hours=3)) == 0


@pytest.mark.django_db
def test_an_escalated_item_that_closes_leaves_the_waiting_list(message_thread, nurse, manager):
    item = escalate(message_thread(BODY, "emergent", rationale=CHEST, mrn="MRN-E4").item)
    WorkItem.objects.filter(pk=item.pk).update(state=WorkItem.State.RESOLVED_IN_EMR)
    waiting, handled = selectors.escalations_for(user=manager, since=timezone.now() - timedelta(hours=1))
    assert waiting == [] and [e.item.pk for e in handled] == [item.pk]
    assert selectors.escalations_waiting_count(user=manager) == 0


@pytest.mark.django_db
def test_two_steps_to_the_same_person_are_one_card_with_both_deliveries(message_thread, nurse, manager):
    item = escalate(message_thread(BODY, "emergent", rationale=CHEST, mrn="MRN-E5").item)
    now = timezone.now()
    with_second = delivery.item_escalation_notify(item=item, level=1, reason="renotify", now=now)
    assert with_second["notified"] == [manager.username]
    waiting, _ = selectors.escalations_for(user=manager, since=now - timedelta(hours=1))
    assert len(waiting) == 1 and len(waiting[0].pending_ids) == 2
    assert selectors.escalations_waiting_count(user=manager) == 1


@pytest.mark.django_db
def test_the_inbox_shows_nobody_elses_escalations_and_the_nav_only_to_recipients(message_thread, nurse, manager):
    escalate(message_thread(BODY, "emergent", rationale=CHEST, mrn="MRN-E6").item)
    page = login(nurse).get(reverse("escalation-inbox"))
    assert page.status_code == 200 and page.context["waiting"] == [] and page.context["handled"] == []
    assert "MRN-E6" not in page.content.decode()
    assert 'id="nav-escalations"' not in login(nurse).get(reverse("my-work")).content.decode()
    assert 'id="nav-escalations"' in login(manager).get(reverse("home"), follow=True).content.decode()


@pytest.mark.django_db
def test_the_inbox_needs_a_login():
    response = Client().get(reverse("escalation-inbox"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_the_inbox_query_count_does_not_grow_with_its_escalations(message_thread, nurse, manager):
    escalate(message_thread(BODY, "emergent", rationale=CHEST, mrn="MRN-Q0").item)
    client = login(manager)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("escalation-inbox"))
    for n in range(1, 6):
        escalate(message_thread(BODY, "urgent", rationale=CHEST, mrn=f"MRN-Q{n}").item)
    with CaptureQueriesContext(connection) as six:
        response = client.get(reverse("escalation-inbox"))
    assert response.context["counts"]["waiting"] == 6
    assert len(six.captured_queries) == len(one.captured_queries), [q["sql"] for q in six.captured_queries]


@pytest.mark.django_db
def test_escalation_frames_are_told_apart_from_interrupts(message_thread, nurse, manager):
    item = escalate(message_thread(BODY, "emergent", rationale=CHEST, mrn="MRN-E7").item)
    frames = login(manager).get("/api/v1/interrupts/").json()
    assert [(f["escalation"], f["level"], f["item"]["id"]) for f in frames] == [(True, 1, str(item.pk))]
    assert InterruptDelivery.objects.filter(user=manager, escalation=True).count() == 1


@pytest.mark.django_db
def test_a_list_page_audits_the_patient_fields_its_rows_show(message_thread, nurse):
    message_thread(BODY, "emergent", rationale=CHEST, mrn="MRN-L1")
    client = login(nurse)
    for url in (reverse("my-work"), reverse("queue-page", args=["north-nurse-triage"])):
        assert client.get(url).status_code == 200
        record = AuditRecord.objects.filter(action="phi.listed", actor=nurse.username).latest("pk")
        assert "MRN-L1" in record.data["patients"]
        assert {"patient.mrn", "patient.name", "body"} <= set(record.data["fields"]), (url, record.data["fields"])
