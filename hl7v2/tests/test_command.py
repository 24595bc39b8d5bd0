"""`manage.py mllp_listen` as the real process `make run` starts: it listens, answers, exposes its
counters where /metrics collects, and stops on SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from hl7v2.tests.conftest import PID, Client, ack_of, build, sample

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def listener_process(hospital):
    env = dict(os.environ)
    env["DATABASE_URL"] = _database_url()
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "mllp_listen", "--port", "0", "--idle-timeout", "5"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    line = proc.stdout.readline() if proc.stdout else ""
    match = re.search(r"listening on [^:]+:(\d+)", line)
    if not match:
        proc.kill()
        pytest.fail(f"mllp_listen did not start: {line!r}")
    yield proc, int(match[1])
    if proc.poll() is None:
        proc.kill()
        proc.wait(10)


def _database_url() -> str:
    """The test database (the subprocess must write where this test reads)."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{host}:{port}/{db['NAME']}"


def _junk(client) -> float:
    body = client.get("/metrics").content.decode()
    match = re.search(r'^clinflow_mllp_framing_errors_total\{reason="junk"\} ([0-9.]+)$', body, re.M)
    return float(match[1]) if match else 0.0


def test_the_command_answers_over_tcp_and_stops_on_sigterm(listener_process, client):
    proc, port = listener_process
    junk_before = _junk(client)
    mllp = Client(port)
    assert ack_of(mllp.send(sample("ADT-A01-01.hl7")))["code"] == "AA"
    assert ack_of(mllp.send(build("ORU^R01", "cmd-1", PID, "OBX|1|NM|2823-3^K^LN||4.1|mmol/L||N|||F")))["code"] == "AA"
    mllp.send_raw(b"not hl7 at all\r\n")  # junk between frames: counted
    assert ack_of(mllp.send(b"PID|1||x"))["code"] == "AR"
    mllp.close()
    from ingest.models import Event

    assert Event.objects.filter(source_event_id="cmd-1/0.1").exists()  # <MSH-10>/<OBR #>.<OBX #>
    # the counters of the listener process reach the app's /metrics (prometheus multiprocess files)
    deadline = time.time() + 5
    while time.time() < deadline and _junk(client) < junk_before + 1:
        time.sleep(0.1)
    assert _junk(client) == junk_before + 1, settings.PROMETHEUS_MULTIPROC_DIR
    body = client.get("/metrics").content.decode()
    assert 'clinflow_hl7_messages_total{ack="AA",message_type="ORU^R01",repeat="false"}' in body
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(20) == 0


def test_the_command_refuses_an_unknown_source(hospital):
    done = subprocess.run(
        [sys.executable, "manage.py", "mllp_listen", "--port", "0", "--source", "nobody"],
        cwd=ROOT,
        env=dict(os.environ, DATABASE_URL=_database_url()),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and "no active integration source named 'nobody'" in done.stderr
