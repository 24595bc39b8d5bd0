"""Structured JSON logs (clinflow/logs.py): one JSON object per line, PHI keys masked."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pytest
import structlog

from clinflow.logs import REDACTED, scrub_phi
from clinflow.testing import ROOT
from clinflow.tests.logcapture import captured_logs

NAME, MRN, TEXT = "Margaret Okonkwo-Silva", "88412077", "I have crushing chest pain since this morning"


def test_the_scrubber_masks_phi_keys_at_any_depth_and_keeps_ids():
    out = scrub_phi(
        None,
        "info",
        {
            "event": "scored",
            "event_id": "e-1",
            "patient_mrn": MRN,
            "Name": NAME,
            "data": {"body": TEXT},
            "items": [{"mrn": MRN, "id": 7}, {"outcome": "emergency"}],
            "context": {"patient": {"mrn": MRN}, "queue": "north-nurse-triage"},
        },
    )
    assert out["event"] == "scored" and out["event_id"] == "e-1"
    assert out["patient_mrn"] == out["Name"] == out["data"] == REDACTED
    assert out["items"] == [{"mrn": REDACTED, "id": 7}, {"outcome": "emergency"}]
    assert out["context"] == {"patient": REDACTED, "queue": "north-nurse-triage"}


def test_a_structlog_line_is_one_json_object_with_level_logger_time_and_fields():
    with captured_logs() as logs:
        structlog.stdlib.get_logger("clinflow.test").info("model scored", event_id="e-1", latency_ms=1.5)
    (line,) = logs.events("model scored")
    assert line["level"] == "info" and line["logger"] == "clinflow.test" and line["timestamp"].endswith("Z")
    assert line["event_id"] == "e-1" and line["latency_ms"] == 1.5


def test_a_stdlib_line_is_json_too_and_its_extra_phi_keys_are_masked():
    with captured_logs() as logs:
        logging.getLogger("ingest.services").warning("event %s failed", "e-2", extra={"patient_mrn": MRN, "n": 3})
    (line,) = logs.events("event e-2 failed")
    assert line["level"] == "warning" and line["logger"] == "ingest.services" and line["n"] == 3
    assert line["patient_mrn"] == REDACTED and MRN not in logs.text


def test_a_mistaken_structlog_line_with_patient_data_never_shows_it():
    with captured_logs() as logs:
        structlog.stdlib.get_logger("clinflow.test").info(
            "oops", mrn=MRN, patient={"name": NAME}, text=TEXT, birth_date="1961-03-14", event_id="e-3"
        )
    assert logs.events("oops")[0]["event_id"] == "e-3"
    for secret in (NAME, MRN, TEXT, "1961-03-14"):
        assert secret not in logs.text


def test_an_exception_is_rendered_inside_the_json_line():
    with captured_logs() as logs:
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("clinflow.test").exception("it broke")
    (line,) = logs.events("it broke")
    assert "ValueError: boom" in line["exception"]


@pytest.mark.parametrize("value", ["xml", ""])
def test_an_unknown_log_format_is_refused_at_start_up(value):
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "clinflow.settings", "LOG_FORMAT": value},
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0 and "LOG_FORMAT must be json or console" in done.stderr
