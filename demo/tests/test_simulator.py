"""The synthetic EMR (demo.simulator) and `manage.py simulate_emr` against the real HTTP API."""

import collections
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from demo.simulator import FACILITIES, EmrSimulator
from ingest.models import Event
from ingest.schemas import EVENT_TYPES, validate_envelope
from ingest.services import source_create

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def stream():
    return EmrSimulator(seed=1).events(2000)


def test_2000_events_are_all_valid_envelopes(stream):
    problems = [(e["type"], validate_envelope(e).errors) for e in stream if not validate_envelope(e).ok]
    assert problems == []
    assert len({e["id"] for e in stream}) == len(stream)


def test_every_event_type_appears_in_a_sensible_mix(stream):
    counts = collections.Counter(e["type"] for e in stream)
    assert set(counts) == set(EVENT_TYPES)
    assert counts["PatientMessageReceived"] == max(counts.values())  # messages are the bulk of the feed
    assert counts["PatientMessageResolved"] <= counts["PatientMessageReceived"]
    assert {e["data"]["facility"] for e in stream if "facility" in e["data"]} == set(FACILITIES)


def test_follow_ups_reference_ids_sent_earlier(stream):
    seen: dict[str, set[str]] = collections.defaultdict(set)
    outcomes: collections.Counter[str] = collections.Counter()
    refers = {
        "PatientMessageResolved": ("message_id", "PatientMessageReceived", "message_id"),
        "ResultAcknowledged": ("result_id", "LabResultFinalized", "result_id"),
        "AppointmentCompleted": ("appointment_id", "AppointmentBooked", "appointment_id"),
        "AppointmentNoShow": ("appointment_id", "AppointmentBooked", "appointment_id"),
        "AppointmentCancelled": ("appointment_id", "AppointmentBooked", "appointment_id"),
    }
    follow_ups = 0
    for event in stream:
        data, event_type = event["data"], event["type"]
        if event_type in refers:
            field, earlier_type, earlier_field = refers[event_type]
            assert data[field] in seen[f"{earlier_type}.{earlier_field}"], event
            follow_ups += 1
            if event_type.startswith("Appointment"):
                outcomes[data["appointment_id"]] += 1
        if event_type in ("NoteUnsigned", "OrderUnsigned") and "encounter_id" in data:
            assert data["encounter_id"] in seen["EncounterClosed.encounter_id"], event
            follow_ups += 1
        for key in ("message_id", "result_id", "appointment_id", "encounter_id"):
            if key in data:
                seen[f"{event_type}.{key}"].add(data[key])
    assert follow_ups > 400
    assert max(outcomes.values()) == 1  # an appointment ends once


def test_appointment_outcomes_come_after_the_visit_or_cancel_before_it(stream):
    booked = {e["data"]["appointment_id"]: e["data"] for e in stream if e["type"] == "AppointmentBooked"}
    for event in stream:
        if event["type"] in ("AppointmentCompleted", "AppointmentNoShow", "AppointmentCancelled"):
            starts = booked[event["data"]["appointment_id"]]["starts_at"]
            at = event["data"]["at"]
            assert (at < starts) if event["type"] == "AppointmentCancelled" else (at > starts), event


def test_lab_flags_match_values_and_include_a_few_criticals(stream):
    results = [e["data"] for e in stream if e["type"] == "LabResultFinalized"]
    flags = collections.Counter(r["abnormal_flag"] for r in results)
    assert flags["N"] / len(results) > 0.6
    assert flags["H"] + flags["L"] > 0.08 * len(results)
    assert 0 < flags["HH"] + flags["LL"] + flags["AA"] < 0.1 * len(results)
    for r in results:
        if isinstance(r["value"], (int, float)) and r["abnormal_flag"] == "N":
            assert r.get("reference_low", -1e9) <= r["value"] <= r.get("reference_high", 1e9), r
        if r["abnormal_flag"] in ("H", "HH"):
            assert r["value"] > r["reference_high"], r
        if r["abnormal_flag"] in ("L", "LL"):
            assert r["value"] < r["reference_low"], r
        assert r["code"]["system"] == "http://loinc.org"


def test_patient_messages_vary_in_phrasing_channel_and_urgency(stream):
    messages = [e["data"] for e in stream if e["type"] == "PatientMessageReceived"]
    bodies = [m["body"] for m in messages]
    assert len(set(bodies)) > 0.8 * len(bodies)
    assert {m["channel"] for m in messages} == {"portal", "sms", "phone"}
    text = "\n".join(bodies).lower()
    for phrase in ("chest", "breath", "refill", "appointment", "results", "bill", "my son", "called"):
        assert phrase in text, phrase
    assert any(b == b.lower() and any(c.isalpha() for c in b) for b in bodies)  # all-lowercase ones
    resolved = collections.Counter(e["data"]["final_urgency"] for e in stream if e["type"] == "PatientMessageResolved")
    assert set(resolved) == {"emergent", "urgent", "routine", "non_clinical"}
    assert resolved["routine"] > resolved["emergent"] > 0


def test_the_same_seed_gives_the_same_stream_and_another_seed_does_not():
    first, again = EmrSimulator(seed=42).events(300), EmrSimulator(seed=42).events(300)
    assert first == again
    assert first != EmrSimulator(seed=7).events(300)


def test_unseeded_simulators_never_share_ids():
    a, b = EmrSimulator().events(50), EmrSimulator().events(50)
    assert not {e["id"] for e in a} & {e["id"] for e in b}


def test_a_real_clock_stamps_events_with_the_current_time():
    simulator = EmrSimulator(seed=3, clock=lambda: datetime.now(UTC))
    event = simulator.next_event()
    stamped = datetime.fromisoformat(event["time"].replace("Z", "+00:00"))
    assert abs(stamped - datetime.now(UTC)) < timedelta(seconds=5)


def test_returned_events_do_not_alias_the_simulators_memory():
    simulator = EmrSimulator(seed=5)
    events = simulator.events(300)
    for event in events:
        event["data"].clear()
    assert all(validate_envelope(e).ok for e in simulator.events(300))


# --- the command, through a live server --------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_command_sends_events_through_the_real_api_and_all_are_stored(live_server):
    _, token = source_create(name="sim-test", types="all")
    out = StringIO()
    call_command(
        "simulate_emr",
        "--rate",
        "50",
        "--duration",
        "1",
        "--url",
        live_server.url,
        "--token",
        token,
        "--seed",
        "1",
        "--quiet",
        stdout=out,
    )
    # Fewer than 50 arrive: Django's threaded test server answers keep-alive requests ~40 ms late
    # (Nagle's algorithm meets delayed ACKs) and Celery runs eagerly inside it, scoring each event.
    stored = Event.objects.count()
    summary = out.getvalue()
    assert stored > 0, summary
    assert f"simulate_emr: sent {stored} event(s)" in summary, summary
    assert f"accepted (202): {stored} " in summary, summary
    assert "rejected: none" in summary and "connection errors: 0" in summary, summary
    assert set(Event.objects.values_list("source", flat=True)) == {"urn:emr:demo"}


@pytest.mark.django_db(transaction=True)
def test_command_sends_batches(live_server, tmp_path):
    _, token = source_create(name="sim-batch", types="all")
    token_file = tmp_path / "token"
    token_file.write_text(f"some banner line\n{token}\n")
    out = StringIO()
    call_command(
        "simulate_emr",
        "--rate",
        "100",
        "--batch",
        "25",
        "--duration",
        "1",
        "--url",
        live_server.url,
        "--token-file",
        str(token_file),
        "--quiet",
        stdout=out,
    )
    stored = Event.objects.count()
    assert stored >= 25 and stored % 25 == 0, out.getvalue()
    assert f"accepted (202): {stored} " in out.getvalue(), out.getvalue()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_command_counts_connection_errors_and_keeps_going():
    out = StringIO()
    call_command(
        "simulate_emr",
        "--rate",
        "20",
        "--duration",
        "0.5",
        "--url",
        f"http://127.0.0.1:{_closed_port()}",
        "--token",
        "cfs_x",
        "--quiet",
        "--max-attempts",
        "3",
        stdout=out,
    )
    text = out.getvalue()
    assert "accepted (202): 0" in text
    errors = int(text.split("connection errors: ")[1].split()[0])
    dropped = int(text.split("dropped after retries: ")[1].split()[0])
    assert errors >= 5 and dropped >= 1


def test_command_stops_promptly_on_sigterm():
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "simulate_emr",
            "--rate",
            "5",
            "--duration",
            "0",
            "--url",
            f"http://127.0.0.1:{_closed_port()}",
            "--token",
            "cfs_x",
            "--quiet",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    stderr_lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [stderr_lines.put(line) for line in proc.stderr], daemon=True).start()
    try:
        deadline = time.monotonic() + 60
        while True:  # the first connection error is logged once the loop runs (after Django's start-up)
            line = stderr_lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if "connection error" in line:
                break
        began = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        stdout = proc.stdout.read()
        proc.wait(timeout=10)
        assert time.monotonic() - began < 3
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0
    assert "connection errors:" in stdout
