"""The demo stream looks like a clinic's portal traffic: few emergencies, mostly routine and
administrative messages, named patients with ages, contract-valid payloads; the manager follows the
queues the managers own after `seed_demo`."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from demo.simulator import EmrSimulator
from ingest.schemas import validate_envelope
from queues.models import Queue
from queues.selectors import queue_followers

N = 2000


def _stream(seed: int) -> tuple[list[dict], list[str]]:
    """N events and, per patient message among them, the urgency its template stands for."""
    sim = EmrSimulator(seed=seed)
    events, urgencies = [], []
    for _ in range(N):
        event = sim.next_event()
        events.append(event)
        if event["type"] == "PatientMessageReceived" and sim.last_template is not None:
            urgencies.append(sim.last_template.urgency)
    return events, urgencies


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_emergencies_are_a_few_per_cent_and_routine_or_admin_the_majority(seed):
    events, urgencies = _stream(seed)
    messages = [e for e in events if e["type"] == "PatientMessageReceived"]
    assert len(urgencies) == len(messages) > 200
    mix = Counter(urgencies)
    assert 0.01 <= mix["emergent"] / len(urgencies) <= 0.05, mix
    assert (mix["routine"] + mix["non_clinical"]) / len(urgencies) > 0.5, mix
    assert mix["urgent"] > 0  # some same-day ones


def test_every_message_names_the_patient_with_an_age():
    events, _ = _stream(4)
    today = date(2026, 11, 23)
    for event in (e for e in events if e["type"] == "PatientMessageReceived"):
        patient = event["data"]["patient"]
        assert patient["name"].strip() and " " in patient["name"], patient
        age_years = (today - date.fromisoformat(patient["birth_date"])).days / 365.25
        assert 0 <= age_years < 110, patient


def test_every_event_passes_the_real_ingest_validator():
    events, _ = _stream(5)
    for event in events:
        check = validate_envelope(event)
        assert check.ok, (event["type"], check.errors)


def test_labs_are_mostly_normal_with_some_abnormal_and_a_few_critical():
    events, _ = _stream(6)
    labs = [e["data"] for e in events if e["type"] == "LabResultFinalized"]
    flags = Counter(d.get("abnormal_flag") or "N" for d in labs)
    critical = flags["HH"] + flags["LL"] + flags["AA"]
    abnormal = flags["H"] + flags["L"] + flags["A"]
    assert len(labs) > 100
    assert flags["N"] / len(labs) > 0.5, flags
    assert 0 < critical / len(labs) < 0.1, flags
    assert critical < abnormal, flags


@pytest.mark.django_db
def test_manager_follows_the_queues_the_managers_own_after_seed_demo(settings):
    settings.DEMO_PASSWORD = "demo-pass-123"
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # idempotent
    manager = get_user_model().objects.get(username="manager")
    owned = Queue.objects.filter(owner_group__name="managers")
    assert owned.exists()
    assert set(manager.delivery.followed_queues.all()) == set(owned)
    for queue in owned:
        assert manager in queue_followers(queue=queue), queue.slug
