# ruff: noqa: F811
"""An item page of every kind the code makes, opened by every role (issue 11, item 6).

Items come from the real handlers (events ingested and processed: triage scores a message with the
live model, routes a lab result, scheduling scores bookings and requests) at a facility in New York.
Each role opens each page: 200 with the kind's card for the roles whose queues hold the kind, 404
for the others, never a 500 — and the page shows no event field the role may not see
(queues.visibility). Coding findings (coders) and unsigned orders and notes (clinical ops) come
from the coding app's handlers; the guard below fails when a new kind appears, so it gets a page
test too."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from ingest.models import Event
from queues import visibility
from queues.models import WorkItem
from queues.selectors import viewer_roles
from queues.tests.conftest import login
from queues.tests.test_one_time_format import assert_one_time_format, visible_text
from scheduling.tests.conftest import clinic, noshow_file, noshow_live, source  # noqa: F401  (fixtures)
from scheduling.tests.test_review_actionable import every_kind, new_york  # noqa: F401  (fixtures)
from scheduling.tests.test_scheduling_flow import send
from triage.tests.conftest import live_model, trained_model_file  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
# the imported fixtures (the live triage model, a New York clinic with one open suggestion of each
# scheduling kind, the EMR source) are used by name (pytest), hence F811 off in this file

# The card each kind's page shows (its heading id).
CARD: dict[str, str] = {
    "message": 'id="msg-h"',
    "lab_result": 'id="lab-h"',
    "reminder_call": 'id="sched-h"',
    "overbook": 'id="sched-h"',
    "slot_offer": 'id="sched-h"',
    "unsigned_order": 'data-testid="signature-task"',
    "unsigned_note": 'data-testid="signature-task"',
    **{kind: 'data-testid="coding-finding"' for kind in WorkItem.CODING_KINDS},
}
CLINICAL = ("message", "lab_result")
SCHEDULING = ("reminder_call", "overbook", "slot_offer")
SIGNATURE = ("unsigned_order", "unsigned_note")
CODING = tuple(WorkItem.CODING_KINDS)
# Who works which kinds (seed_demo's roles): what the test expects, written out, not derived.
MAY_OPEN = {
    "nurse": CLINICAL,
    "oncall": CLINICAL + SIGNATURE,  # the nurse queues and the clinical-ops queue
    "manager": CLINICAL + SCHEDULING + SIGNATURE + CODING,  # the owner group works every queue
    "scheduler": SCHEDULING,
    "coder": CODING,
    "clinops": SIGNATURE,  # the clinical-ops queue only
    "nurse2": (),  # a nurse of another facility
}
# Fields of other roles an EMR may put on an event (the contract allows extra fields): a page shows
# them only to a role that may see them.
FOREIGN = {
    "body": "FOREIGN-message-body-text",
    "subject": "FOREIGN-message-subject",
    "diagnoses": [{"system": "ICD-10-CM", "code": "FOREIGN-I10"}],
    "abnormal_flag": "FOREIGN-FLAG",
    "note_type": "FOREIGN-note",
}


def test_every_kind_the_code_makes_is_covered_here():
    """A new kind of item (a coding finding, say) must get its card and its roles in this test."""
    assert set(WorkItem.Kind.values) == set(CARD)
    # (a nurse's role may see appointments, but no nurse queue is sent suggestions: MAY_OPEN is by queue)
    for role, kinds in (
        ("nurse", CLINICAL + SCHEDULING),
        ("scheduler", SCHEDULING),
        ("coder", CODING),
        ("clinical_ops", ("lab_result",) + SCHEDULING + SIGNATURE),  # never a message (issue 14)
    ):
        assert {k for k in CARD if visibility.role_may_hold(role, k)} == set(kinds), role


@pytest.fixture
def items(every_kind, source, live_model):
    """One open item of each kind at north (America/New_York): the scheduling fixture's three
    suggestions, a reminder call whose booking carries other roles' fields, a message scored by the
    live model and a critical lab result, each through its handler."""
    day = datetime.now(UTC).date() + timedelta(days=3)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    foreign_booking = send(
        source,
        "AppointmentBooked",
        appointment_id="a-foreign",
        provider_id="dr-lee",
        patient={"mrn": "MRN-FOREIGN", "name": "Ola Nordmann", "birth_date": "1970-01-02"},
        department="cardiology",
        booked_at=(datetime.now(UTC) - timedelta(days=1)).isoformat(),
        starts_at=datetime(day.year, day.month, day.day, 15, 40, tzinfo=UTC).isoformat(),
        reminder_channel="phone",
        visit_type="follow-up",
        **FOREIGN,
    )
    message = send(
        source,
        "PatientMessageReceived",
        message_id=f"m-{uuid.uuid4().hex[:8]}",
        patient={"mrn": "MRN-MSG", "name": "Ann Lee", "birth_date": "1958-03-04"},
        subject="Chest",
        body="Crushing chest pain spreading to my left arm since 20 minutes, sweating.",
        diagnoses=FOREIGN["diagnoses"],
        note_type=FOREIGN["note_type"],
    )
    lab = send(source, "LabResultFinalized", result_id=f"lab-{uuid.uuid4().hex[:8]}", note_type=FOREIGN["note_type"])
    message_fields = {k: FOREIGN[k] for k in ("body", "subject", "abnormal_flag")}
    hours_ago = (datetime.now(UTC) - timedelta(hours=80)).isoformat()
    order = send(source, "OrderUnsigned", order_id="o-page", ordered_at=hours_ago, **message_fields)
    note = send(source, "NoteUnsigned", note_id="n-page", created_at=hours_ago, **message_fields)
    encounter = send(
        source,
        "EncounterClosed",
        encounter_id="enc-page",
        duration_min=25,
        diagnoses=[{"system": "ICD-10-CM", "code": "I50.9"}, {"system": "ICD-10-CM", "code": "E11"}],
        procedures=[{"system": "CPT", "code": c, "modifiers": []} for c in ("99215", "20610", "85610")],
        documentation_flags=["type_systolic", "acuity_chronic"],
        **message_fields,
    )
    made = dict(every_kind)
    made["unsigned_order"] = _item_of(order, "unsigned_order")
    made["unsigned_note"] = _item_of(note, "unsigned_note")
    for kind in WorkItem.CODING_KINDS:
        made[kind] = _item_of(encounter, kind)
    made["message"] = _item_of(message)
    made["lab_result"] = _item_of(lab)
    made["foreign_reminder_call"] = _item_of(foreign_booking, "reminder_call")
    assert all(item is not None for item in made.values()), made
    return {name: WorkItem.objects.get(pk=item.pk) for name, item in made.items()}  # as later events left them


def _item_of(event: Event, kind: str | None = None) -> WorkItem | None:
    items = WorkItem.objects.filter(links__event=event)
    return (items.filter(kind=kind) if kind else items).first()


@pytest.fixture
def people(nurse, nurse2, oncall, manager, scheduler, coder, north):
    from queues.tests.factories import staff

    return {
        "nurse": nurse,
        "nurse2": nurse2,
        "oncall": oncall,
        "manager": manager,
        "scheduler": scheduler,
        "coder": coder,
        "clinops": staff(north, "clinical_ops", username="clinops"),
    }


def _strings(value) -> list[str]:
    """Every string inside an event field's value (nested lists and objects too)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_every_role_opens_exactly_the_item_pages_of_the_kinds_it_works(items, people):
    opened = {}
    for who, user in people.items():
        client = login(user)
        client.raise_request_exception = False  # a 500 is an answer to assert on, not an exception
        for name, item in items.items():
            kind = item.kind
            page = client.get(f"/items/{item.pk}/")
            assert page.status_code != 500, (who, name)
            if kind in MAY_OPEN[who]:
                assert page.status_code == 200, (who, name, page.status_code)
                html = page.content.decode()
                assert CARD[kind] in html, (who, name)
                assert item.title in html
                opened[who, name] = html
            else:
                assert page.status_code == 404, (who, name, page.status_code)
    assert len(opened) == sum(len([i for i in items.values() if i.kind in MAY_OPEN[w]]) for w in people)


def test_no_item_page_shows_a_field_the_role_may_not_see(items, people):
    for who, user in people.items():
        client = login(user)
        for name, item in items.items():
            if item.kind not in MAY_OPEN[who]:
                continue
            roles = viewer_roles(user=user, facility=item.queue.facility)
            allowed = visibility.fields_for_roles(roles)
            data = Event.objects.get(pk=item.event_id).data
            shown = {s for key in allowed & set(data) for s in _strings(data[key])}
            text = visible_text(client.get(f"/items/{item.pk}/").content.decode())
            hidden = {
                s
                for key, value in data.items()
                if key not in allowed and key not in ("patient", "facility")
                for s in _strings(value)
                if len(s) >= 5 and s not in shown
            }
            leaked = sorted(s for s in hidden if s in text)
            assert leaked == [], (who, name, leaked)


def test_a_scheduler_never_sees_a_message_body_or_a_diagnosis_and_a_manager_sees_what_they_may(items, people):
    foreign = items["foreign_reminder_call"]
    scheduler = visible_text(login(people["scheduler"]).get(f"/items/{foreign.pk}/").content.decode())
    assert "Ola Nordmann" in scheduler  # the patient's identity: every role
    for value in (
        "FOREIGN-message-body-text",
        "FOREIGN-message-subject",
        "FOREIGN-I10",
        "FOREIGN-FLAG",
        "FOREIGN-note",
    ):
        assert value not in scheduler, value
    manager = visible_text(login(people["manager"]).get(f"/items/{foreign.pk}/").content.decode())
    # the owner group works every queue, nurse and coding ones too: it may see those fields
    assert "FOREIGN-message-body-text" in manager and "FOREIGN-I10" in manager
    nurse = visible_text(login(people["nurse"]).get(f"/items/{items['message'].pk}/").content.decode())
    assert "Crushing chest pain" in nurse and "FOREIGN-I10" not in nurse and "FOREIGN-note" not in nurse


def test_every_item_page_prints_its_times_in_the_one_format(items, people):
    for who in ("nurse", "manager", "scheduler"):
        client = login(people[who])
        for name, item in items.items():
            if item.kind in MAY_OPEN[who]:
                assert_one_time_format(client.get(f"/items/{item.pk}/").content.decode(), f"{name} as {who}")


@pytest.mark.parametrize("path", ["/items/not-a-uuid/", f"/items/{uuid.uuid4()}/", "/items/%00/", "/items/1' OR 1=1/"])
def test_an_item_that_is_not_there_is_a_404(people, path):
    client = login(people["manager"])
    client.raise_request_exception = False
    assert client.get(path).status_code == 404
