"""Staff pages (server-rendered): who may see what, the audit of every view, and query counts."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AuditRecord
from queues.models import DeliveryPreference, Queue, WorkItem
from queues.tests.conftest import login
from queues.views import Span, highlight_segments, message_highlights, sla_text
from vocabulary import TIER_RANK

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_each_page_renders_for_the_nurse(make_item, nurse):
    item = make_item(mrn="MRN-77")
    nurse = login(nurse)
    home = nurse.get("/", follow=True)  # a nurse lands on "My work"
    assert home.status_code == 200 and b"North Hospital nurse triage" in home.content
    queue = nurse.get("/queues/north-nurse-triage/")
    assert queue.status_code == 200
    html = queue.content.decode()
    assert f'data-id="{item.pk}"' in html and "MRN-77" in html and "Message: symptom" in html
    assert ">Task</span>" in html  # the tier in words, not only in colour
    assert 'data-count-for="north-nurse-triage"' in html and "clinflow/app.js" in html
    page = nurse.get(f"/items/{item.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "AI suggestion" in html and "I have had a sore throat for two days." in html
    assert "Reply within 1 business day." in html and "triage-clf v1" in html
    assert "Created by AI routing" in html  # history
    assert "Other (comment required)" in html  # override reasons
    settings_page = nurse.get("/settings/delivery/")
    assert settings_page.status_code == 200 and b"Collect suggestions in a digest" in settings_page.content


def test_pages_send_anonymous_users_to_sign_in(make_item):
    item = make_item()
    for url in ("/", "/queues/north-nurse-triage/", f"/items/{item.pk}/", "/settings/delivery/"):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
    assert Client().post("/session/keepalive").status_code == 401


@pytest.mark.parametrize(
    ("username", "url"),
    [
        ("nurse", "/queues/south-nurse-triage/"),  # another facility
        ("nurse", "/queues/north-coding/"),  # another role
        ("coder", "/queues/north-nurse-triage/"),
        ("nurse", "/queues/no-such-queue/"),
    ],
)
def test_a_queue_the_user_may_not_work_is_404(request, south, username, url):
    assert login(request.getfixturevalue(username)).get(url).status_code == 404


def test_an_item_of_another_facility_or_role_is_404_and_not_audited_as_viewed(make_item, nurse, scheduler):
    south = make_item(facility="south")
    north = make_item()
    assert login(nurse).get(f"/items/{south.pk}/").status_code == 404
    assert login(scheduler).get(f"/items/{north.pk}/").status_code == 404
    assert login(nurse).get("/items/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert not AuditRecord.objects.filter(action="phi.viewed").exists()


def test_the_item_page_records_exactly_one_phi_view(make_item, nurse):
    item = make_item()
    before = AuditRecord.objects.filter(action="phi.viewed").count()
    response = login(nurse).get(f"/items/{item.pk}/")
    assert response.status_code == 200
    views = AuditRecord.objects.filter(action="phi.viewed").order_by("seq")
    assert views.count() == before + 1
    record = views.last()
    assert record.actor == "nurse" and record.object_id == str(item.pk)
    assert "body" in record.data["fields"] and "patient" in record.data["fields"]


def test_the_item_page_of_a_lab_result_shows_the_result_and_the_rules(north, nurse):
    from ingest.models import Event
    from ingest.samples import sample_event
    from ingest.services import event_ingest
    from ingest.tests.factories import IntegrationSourceFactory
    from queues.models import RoutingPolicy
    from queues.routing import Decision
    from queues.services.items import item_route

    event = Event.objects.get(
        pk=event_ingest(source=IntegrationSourceFactory(), envelope=sample_event("LabResultFinalized")).event_id
    )
    facility = north
    item = item_route(
        event=event,
        facility=facility,
        kind="lab_result",
        reason="2823-3",
        patient_mrn="MRN123",
        title="Critical result: Potassium",
        urgency="emergent",
        decision=Decision("interrupt", "results", 1, 30, False, "critical result → interrupt"),
        score={
            "urgency": "emergent",
            "severity": "critical",
            "confidence": 1.0,
            "model": "results-rules",
            "model_version": "1",
            "disposition": "Call the patient now.",
            "rationale": [{"kind": "result", "text": "flag HH"}],
        },
        policy=RoutingPolicy.objects.get(workflow="results", facility=facility),
    ).item
    html = login(nurse).get(f"/items/{item.pk}/").content.decode()
    assert "Lab result" in html and "Potassium" in html and "6.4 mmol/L" in html and "flag HH" in html
    assert "results-rules v1" in html and ">Interrupt</span>" in html


def test_the_queue_page_records_the_listing(make_item, nurse):
    item = make_item(mrn="MRN-LIST")
    login(nurse).get("/queues/north-nurse-triage/")
    record = AuditRecord.objects.filter(action="phi.listed").last()
    assert record.actor == "nurse" and record.data["items"] == [str(item.pk)]


def test_the_item_page_highlights_the_rule_span_in_the_body(make_item, nurse):
    item = make_item()
    scored = "Question\nI have had a sore throat for two days."  # subject + "\n" + body, as scored
    start = scored.index("sore throat")
    item.score = {
        **item.score,
        "rationale": [
            {
                "kind": "rule",
                "rule": "sore_throat",
                "urgency": "urgent",
                "span": [start, start + 11],
                "text": "sore throat",
            },
            {"kind": "term", "term": "two days", "weight": 0.3, "span": [scored.index("two days"), len(scored) - 1]},
        ],
    }
    item.save(update_fields=["score"])
    html = login(nurse).get(f"/items/{item.pk}/").content.decode()
    assert 'I have had a <mark class="hl hl-rule" title="Rule: sore throat (urgent)">sore throat</mark> for ' in html
    assert '<mark class="hl hl-term" title="Top term: two days">two days</mark>.' in html


def test_highlights_handle_the_subject_offset_and_fall_back_to_the_hit_text():
    body = "Since this morning I have crushing chest pain."
    rationale = [
        {"kind": "rule", "rule": "chest_pain", "urgency": "emergent", "span": [999, 1010], "text": "chest pain"},
        {"kind": "term", "term": "morning", "span": [len("Help\n") + 6, len("Help\n") + 13]},
        {"kind": "term", "term": "help", "span": [0, 4]},
        {"kind": "term", "term": "chest", "span": None},  # overlaps the rule: the rule wins
    ]
    out = message_highlights("  Help ", body, rationale)
    assert [s["kind"] for s in out["subject"]] == ["term"]
    marked = [(s["text"], s["kind"]) for s in out["body"] if s["kind"]]
    assert marked == [("morning", "term"), ("chest pain", "rule")]
    assert "".join(s["text"] for s in out["body"]) == body
    assert highlight_segments("abc", [Span(5, 9, "rule", "x")]) == [{"text": "abc", "kind": "", "label": ""}]


def test_sla_text_says_due_in_or_overdue():
    now = timezone.now()
    assert sla_text(now + timedelta(minutes=12, seconds=5), now) == ("due in 12 min", False)
    assert sla_text(now - timedelta(hours=2, minutes=5), now) == ("overdue 2 h 05 min", True)


def test_delivery_settings_save_through_the_service(nurse):
    nurse = login(nurse)
    response = nurse.post(
        "/settings/delivery/",
        {
            "follow": "pick",
            "followed_queues": ["north-nurse-triage"],
            "suggestion_mode": "digest",
            "digest_minutes": "5",
            "interrupt_cap_per_hour": "3",
            "min_interrupt_tier": "task",
            "sound": "",
        },
    )
    assert response.status_code == 302
    prefs = DeliveryPreference.objects.get(user__username="nurse")
    assert (
        prefs.follow_all,
        prefs.suggestion_mode,
        prefs.digest_minutes,
        prefs.interrupt_cap_per_hour,
        prefs.min_interrupt_tier,
        prefs.sound,
    ) == (False, "digest", 5, 3, "task", False)
    assert [q.slug for q in prefs.followed_queues.all()] == ["north-nurse-triage"]
    assert AuditRecord.objects.filter(action="delivery.changed", actor="nurse").exists()
    page = nurse.get("/settings/delivery/").content.decode()
    assert "Your delivery settings are saved." in page


def test_delivery_settings_refuse_a_queue_of_another_facility_and_an_empty_pick(nurse, south):
    nurse = login(nurse)
    bad = nurse.post(
        "/settings/delivery/",
        {
            "follow": "pick",
            "followed_queues": ["south-nurse-triage"],
            "suggestion_mode": "immediate",
            "digest_minutes": "15",
            "interrupt_cap_per_hour": "6",
            "min_interrupt_tier": "interrupt",
        },
    )
    assert bad.status_code == 200 and b"field-error" in bad.content
    empty = nurse.post(
        "/settings/delivery/",
        {
            "follow": "pick",
            "suggestion_mode": "immediate",
            "digest_minutes": "15",
            "interrupt_cap_per_hour": "6",
            "min_interrupt_tier": "interrupt",
        },
    )
    assert b"Pick at least one queue" in empty.content
    assert not DeliveryPreference.objects.filter(user__username="nurse", follow_all=False).exists()


def test_keepalive_touches_the_session(nurse):
    assert login(nurse).post("/session/keepalive").status_code == 204


def _fill(queue: Queue, event, n: int) -> None:
    now = timezone.now()
    WorkItem.objects.bulk_create(
        [
            WorkItem(
                queue=queue,
                kind="message",
                event=event,
                dedupe_key=f"bulk:{i}",
                patient_mrn=f"MRN-{i:05d}",
                title="Message: symptom",
                tier=tier,
                tier_rank=TIER_RANK[tier],
                priority=1 + i % 4,
                urgency="routine",
                score={"urgency": "routine", "confidence": 0.7},
                due_at=now + timedelta(minutes=i),
                created_at=now,
                updated_at=now,
            )
            for i in range(n)
            for tier in [("interrupt", "task", "suggestion")[i % 3]]
        ],
        batch_size=2000,
    )


def test_the_queue_page_shows_50_items_with_a_constant_number_of_queries(make_item, nurse):
    first = make_item()
    queue, event = first.queue, first.event
    claimer = nurse
    nurse = login(nurse)
    _fill(queue, event, 99)
    WorkItem.objects.filter(queue=queue).update(claimed_by=claimer, claimed_until=timezone.now() + timedelta(hours=1))
    nurse.get("/queues/north-nurse-triage/")  # warm caches (content types, permissions)
    with CaptureQueriesContext(connection) as small:
        response = nurse.get("/queues/north-nurse-triage/")
    assert response.content.decode().count('<tr class="row ') == 50
    _fill(queue, event, 9_900)
    assert WorkItem.objects.filter(queue=queue).count() == 10_000
    with CaptureQueriesContext(connection) as large:
        response = nurse.get("/queues/north-nurse-triage/?page=3")
    html = response.content.decode()
    assert html.count('<tr class="row ') == 50 and "Page 3 of 200" in html
    assert len(large.captured_queries) == len(small.captured_queries), [q["sql"] for q in large.captured_queries]


def test_the_owner_and_colleague_see_the_queue_and_item_pages_and_the_outsider_neither():
    from queues.tests.factories import trio

    people = trio()
    queue = people.item.queue.slug
    for user in (people.owner, people.colleague):
        client = login(user)
        assert f'data-id="{people.item.pk}"' in client.get(f"/queues/{queue}/").content.decode()
        assert client.get(f"/items/{people.item.pk}/").status_code == 200
    outsider = login(people.outsider)
    home = outsider.get("/", follow=True).content.decode()
    assert home and queue not in home and people.item.queue.name not in home
    assert outsider.get(f"/queues/{queue}/").status_code == 404
    assert outsider.get(f"/items/{people.item.pk}/").status_code == 404
    follow = outsider.post(
        "/settings/delivery/",
        {
            "follow": "pick",
            "followed_queues": [queue],
            "suggestion_mode": "immediate",
            "digest_minutes": "15",
            "interrupt_cap_per_hour": "6",
            "min_interrupt_tier": "interrupt",
        },
    )
    assert follow.status_code == 200 and b"field-error" in follow.content
    assert not AuditRecord.objects.filter(actor=people.outsider.username).exists()  # no view, list or change
    assert not DeliveryPreference.objects.filter(user=people.outsider, followed_queues__slug=queue).exists()
