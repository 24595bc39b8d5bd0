"""One structured log line per scoring (event id, model, version, latency, outcome) and never the
patient's name, MRN, birth date or message text: through the real services and the configured
JSON formatter."""

from __future__ import annotations

import pytest

from clinflow.tests.logcapture import captured_logs
from ingest.samples import sample_event
from ingest.services import event_ingest, event_process
from ingest.tests.factories import IntegrationSourceFactory

pytestmark = pytest.mark.django_db

NAME, MRN, BORN = "Margaret Okonkwo-Silva", "88412077", "1961-03-14"
TEXT = f"This is {NAME}, MRN {MRN}, born {BORN}. I have crushing chest pain going down my left arm"
PATIENT = {"mrn": MRN, "name": NAME, "birth_date": BORN, "sex": "female"}


def _process(event_type: str, **data) -> str:
    result = event_ingest(source=IntegrationSourceFactory.create(), envelope=sample_event(event_type, **data))
    assert event_process(event_id=result.event_id) == "processed"
    return result.event_id


def test_scoring_a_message_logs_its_ids_and_latency_and_no_phi(north, live_model, capfd, caplog):
    caplog.set_level("DEBUG")
    with captured_logs() as logs:
        event_id = _process("PatientMessageReceived", body=TEXT, subject=f"From {NAME}", patient=PATIENT)
    (line,) = logs.events("model scored")
    assert line["event_id"] == event_id and line["logger"] == "triage.services" and line["level"] == "info"
    assert line["model"] == "triage-clf" and line["model_version"] == str(live_model.version)
    assert line["latency_ms"] > 0 and line["outcome"] == "emergency"
    everything = logs.text + caplog.text + "".join(capfd.readouterr())
    assert "model scored" in everything  # the capture saw the processing's lines
    for secret in (NAME, "Okonkwo", MRN, BORN, "crushing chest pain", "left arm"):
        assert secret not in everything, secret


def test_scoring_a_lab_result_logs_one_line_with_its_severity(north):
    with captured_logs() as logs:
        event_id = _process("LabResultFinalized", patient=PATIENT)
    (line,) = logs.events("model scored")
    assert line["event_id"] == event_id and line["model"] == "results-rules" and line["model_version"] == "1"
    assert line["outcome"] == "critical" and line["latency_ms"] >= 0
    assert MRN not in logs.text and NAME not in logs.text


def test_a_replay_that_reuses_the_stored_score_logs_no_second_scoring(north, live_model):
    from ingest.models import Event
    from ingest.services import events_replay

    event_id = _process("PatientMessageReceived", body="I have had a sore throat for two days.", patient=PATIENT)
    with captured_logs() as logs:
        events_replay(events=Event.objects.filter(pk=event_id))
        assert event_process(event_id=event_id) == "processed"
    assert logs.events("model scored") == []
