"""The scheduler's review is actionable: whom to call and how, local times, policy in words, a
concrete offer or none, due-by the real deadline, and a batch decision that can be undone (audited).
Every scheduling item page opens for the roles that work it."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from audit.models import AuditRecord
from queues.models import Facility, WorkItem
from queues.tests.conftest import login
from scheduling import services
from scheduling.selectors import policy_labels
from scheduling.tests.test_scheduling_flow import book, next_weekday, send, set_policy

pytestmark = pytest.mark.django_db
KINDS = ("reminder_call", "overbook", "slot_offer")


@pytest.fixture
def new_york(clinic):
    Facility.objects.filter(pk=clinic.pk).update(timezone="America/New_York")
    clinic.refresh_from_db()
    return clinic


def fill_a_day(source, day, n=24):
    for i in range(n):
        hour, minute = divmod(8 * 60 + i * 20 + (60 if i >= 12 else 0), 60)
        book(source, f"ob-{i}", day=day, hour=hour, minute=minute, mrn=f"OB-{i}")


@pytest.fixture
def every_kind(source, new_york, noshow_live):
    """One open suggestion of each scheduling kind at north."""
    set_policy(reminder_threshold=0.0, max_overbook_pct=10.0, hold_urgent_share=0.0)
    day = next_weekday(4)
    fill_a_day(source, day)
    other = day + timedelta(days=1)
    while other.weekday() >= 5:
        other += timedelta(days=1)
    start = datetime(other.year, other.month, other.day, 8, tzinfo=UTC)  # a day with free slots
    send(
        source,
        "AppointmentRequested",
        request_id="req-1",
        department="cardiology",
        preferred_start=start.isoformat(),
        preferred_end=(start + timedelta(hours=3)).isoformat(),
    )
    return {kind: WorkItem.objects.filter(kind=kind).first() for kind in KINDS}


def decide(client, ids, decision="accept", **extra):
    return client.post(
        "/api/v1/items/decide",
        data=json.dumps({"items": ids, "decision": decision, **extra}),
        content_type="application/json",
    )


def undo(client, body):
    return client.post("/scheduling/review/undo", data=body, content_type="application/json")


@pytest.mark.parametrize("kind", KINDS)
def test_every_scheduling_item_page_opens_for_scheduler_and_manager(every_kind, scheduler, manager, kind):
    item = every_kind[kind]
    assert item is not None
    for user in (scheduler, manager):
        client = login(user)
        client.raise_request_exception = True
        page = client.get(f"/items/{item.pk}/")
        assert page.status_code == 200, (user, kind)
        assert item.title in page.content.decode()


@pytest.mark.parametrize("kind", KINDS)
def test_scheduling_item_pages_are_not_found_for_nurse_and_coder(every_kind, nurse, coder, kind):
    item = every_kind[kind]
    for user in (nurse, coder):
        assert login(user).get(f"/items/{item.pk}/").status_code in (403, 404)


@pytest.mark.parametrize("kind", KINDS)
def test_the_item_page_scheduling_part_renders_for_every_kind(every_kind, scheduler, nurse, kind):
    item = WorkItem.objects.select_related("queue__facility", "event").get(pk=every_kind[kind].pk)
    request = RequestFactory().get("/")
    request.user = scheduler
    html = render_to_string("queues/_item_scheduling.html", {"item": item}, request=request)
    assert 'id="sched-h"' in html and "Due by" in html
    request.user = nurse  # not a role that may call: no contact
    assert "contact-channel" not in render_to_string("queues/_item_scheduling.html", {"item": item}, request=request)


def test_the_review_shows_whom_to_call_in_local_24h_time_with_policy_in_words(every_kind, scheduler):
    item = every_kind["reminder_call"]
    html = login(scheduler).get("/scheduling/review/").content.decode()
    starts = datetime.fromisoformat(item.score["starts_at"])
    local = services.local_text(starts, item.queue.facility)
    assert local != f"{starts.astimezone(UTC):%a %d %b %H:%M}"  # New York, not UTC
    # 24 h: no "9:30 AM" anywhere (a bare "AM" could be part of the random CSRF token)
    assert local in html and "T0" not in local and not re.search(r"\d:\d\d\s*[AP]M\b", html)
    assert 'MRN <span class="mrn">OB-' in html and "contact-channel" in html and "No reminder set up" in html
    assert "Reminder call from: 0% no-show risk" in html
    assert "reminder_threshold" not in html and "max_overbook_pct" not in html and "hold_urgent_share" not in html


def test_policy_values_read_as_words():
    assert policy_labels({"reminder_threshold": 0.3, "max_overbook_pct": 10.0, "hold_urgent_share": 0.1}) == [
        ("Reminder call from", "30% no-show risk"),
        ("Overbooking cap", "10% above the slots"),
        ("Held for urgent visits", "10% of the slots"),
    ]


def test_contact_is_shown_only_to_roles_that_may_call(every_kind, scheduler, manager, north):
    from queues.models import Queue
    from queues.tests.factories import staff

    # a clinical-ops user who may also work the scheduling queue is not a scheduler: no contact
    other = staff(north, Queue.Kind.SCHEDULING, username="sched-only")
    assert "contact-channel" in login(scheduler).get("/scheduling/review/").content.decode()
    assert "contact-channel" in login(manager).get("/scheduling/review/").content.decode()
    from scheduling.selectors import suggestion_card

    card = suggestion_card(every_kind["reminder_call"], roles=frozenset({"nurse"}))
    assert card["contact"] is None
    assert other  # the scheduling role of a queue grant is what counts
    card = suggestion_card(every_kind["reminder_call"], roles=frozenset({"scheduler"}))
    assert card["contact"]["mrn"].startswith("OB-")


def test_a_slot_offer_names_a_concrete_slot(every_kind, scheduler):
    item = every_kind["slot_offer"]
    assert "slot(s)" not in item.title and item.title.startswith("Offer ")
    first = datetime.fromisoformat(item.score["slots"][0])
    assert services.local_text(first, item.queue.facility) in item.title
    assert abs(item.due_at - first) < timedelta(minutes=1) or item.due_at <= first


def test_a_request_with_no_free_slot_in_the_window_gets_the_nearest_or_none(source, new_york, noshow_live):
    set_policy(reminder_threshold=1.0, max_overbook_pct=0.0, hold_urgent_share=0.0)
    day = next_weekday(4)
    start = datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
    book(source, "full-0", day=day, hour=8)
    send(
        source,
        "AppointmentRequested",
        request_id="req-alt",
        department="cardiology",
        preferred_start=start.isoformat(),
        preferred_end=(start + timedelta(minutes=20)).isoformat(),
    )
    item = WorkItem.objects.get(kind="slot_offer")
    assert item.score["slots"] == [] and item.score["alternative"]
    alternative = datetime.fromisoformat(item.score["alternative"])
    assert alternative >= start + timedelta(minutes=20)
    assert "nearest free slot" in item.title and services.local_text(alternative, new_york) in item.title
    far = start + timedelta(days=60)  # no sessions that far out: none within the horizon
    send(
        source,
        "AppointmentRequested",
        request_id="req-none",
        department="cardiology",
        preferred_start=far.isoformat(),
        preferred_end=(far + timedelta(hours=1)).isoformat(),
    )
    none = WorkItem.objects.get(kind="slot_offer", score__request_id="req-none")
    assert none.title.startswith(f"No slot within {services.ALTERNATIVE_DAYS} days")
    assert "Offer 0" not in none.title


def test_due_by_is_the_appointment_time(every_kind):
    reminder = every_kind["reminder_call"]
    starts = datetime.fromisoformat(reminder.score["starts_at"])
    assert abs(reminder.due_at - starts) < timedelta(minutes=1)
    overbook = every_kind["overbook"]
    day = datetime.fromisoformat(overbook.score["day"]).date()
    first_session = datetime(day.year, day.month, day.day, 8, tzinfo=UTC)  # the provider's first session
    assert abs(overbook.due_at - first_session) < timedelta(minutes=1)


def test_a_batch_accept_is_undone_and_audited(every_kind, scheduler, nurse):
    ids = sorted(str(pk) for pk in WorkItem.objects.filter(kind="reminder_call").values_list("pk", flat=True))[:3]
    client = login(scheduler)
    assert sorted(decide(client, ids).json()["decided"]) == ids
    assert set(WorkItem.objects.filter(pk__in=ids).values_list("state", flat=True)) == {"resolved"}
    # a nurse cannot undo it, and nobody can undo what they did not decide
    assert (
        login(nurse)
        .post("/scheduling/review/undo", data=json.dumps({"items": ids}), content_type="application/json")
        .status_code
        == 404
    )
    done = undo(client, json.dumps({"items": ids})).json()
    assert sorted(done["reopened"]) == ids and done["failed"] == []
    items = WorkItem.objects.filter(pk__in=ids)
    assert set(items.values_list("state", flat=True)) == {"new"} and not any(i.decision for i in items)
    records = AuditRecord.objects.filter(action="work_item.reopened", object_id__in=ids, actor="scheduler")
    assert records.count() == 3 and all(r.data["human"]["undo_of"] == "accept" for r in records)
    again = undo(client, json.dumps({"items": ids})).json()  # twice is refused, not reopened twice
    assert again["reopened"] == [] and len(again["failed"]) == 3
    page = client.get("/scheduling/review/").content.decode()
    assert all(f'data-id="{pk}"' in page for pk in ids)


def test_only_the_deciders_recent_decision_is_undone(every_kind, scheduler, manager):
    ids = [str(every_kind["reminder_call"].pk)]
    assert decide(login(manager), ids).json()["decided"] == ids
    refused = undo(login(scheduler), json.dumps({"items": ids})).json()
    assert refused["reopened"] == [] and refused["failed"][0]["id"] == ids[0]
    WorkItem.objects.filter(pk=ids[0]).update(
        resolved_at=datetime.now(UTC) - timedelta(minutes=services.UNDO_MINUTES + 1)
    )
    assert undo(login(manager), json.dumps({"items": ids})).json()["reopened"] == []


@pytest.mark.parametrize(
    "body", ["", "not json", "[]", '{"items": []}', '{"items": "x"}', '{"items": [1, 2]}', '{"items": ["nope"]}']
)
def test_bad_undo_input_is_a_400_or_a_refusal_never_a_500(every_kind, scheduler, body):
    response = undo(login(scheduler), body)
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert response.json()["reopened"] == []


def test_the_capacity_page_is_small_and_loads_plotly_before_drawing(source, clinic, noshow_live, scheduler):
    book(source, "cap-1")
    client = login(scheduler)
    html = client.get("/scheduling/capacity/").content.decode()
    assert len(html) < 200_000 and "Plotly.newPlot" not in html  # the figure is data; capacity.js draws it
    assert html.index("/vendor/plotly.js") < html.index("scheduling/capacity.js")
    assert 'id="capacity-figure"' in html and "expected attendance" in html
    js = client.get("/vendor/plotly.js")
    assert js.status_code == 200 and "immutable" in js["Cache-Control"]
