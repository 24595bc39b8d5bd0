"""Feedback records (CDS Hooks-like): per settled item, counted per model version, exportable as
JSON and CSV, for managers only, audited."""

from __future__ import annotations

import csv
import io

import pytest

from audit.models import AuditRecord
from dashboards.metrics import feedback as fb
from dashboards.tests.test_metrics_items import DAY, HOUR, T0, decided_history, filters, make  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def settled(north, decided_history, monkeypatch):  # noqa: F811
    # ignored: expired untouched (due T0+8h+1h, still open at "now"), and one closed in the EMR untouched
    make(north, at=T0 + 8 * HOUR, version="2")
    # still open and not yet due at "now": no feedback yet
    make(north, at=T0 + 9 * HOUR, version="2", due=T0 + 30 * DAY)
    monkeypatch.setattr("dashboards.metrics.items._now", lambda: T0 + 2 * DAY)


def test_feedback_counts_per_model_version(north, settled):
    table = fb.feedback(filters(north, T0, T0 + DAY))
    assert table.columns == [
        "model_version",
        "feedback",
        "accepted",
        "overridden",
        "dismissed",
        "ignored",
        "acceptance_rate",
    ]
    # v1: accept 2, override 3, dismiss 1, the EMR-closed untouched one = ignored -> 7
    # v2: reject (an override) 1, accept 1, expired untouched 1 -> 3
    assert table.rows == [("1", 7, 2, 3, 1, 1, 0.2857), ("2", 3, 1, 1, 0, 1, 0.3333)]
    assert fb.feedback(filters(north, T0, T0 + DAY, model_version="2")).rows == [("2", 3, 1, 1, 0, 1, 0.3333)]


def test_records_carry_outcome_and_reason_and_no_patient_data(north, settled):
    records = fb.feedback_records(filters(north, T0, T0 + DAY), limit=100)
    assert len(records) == 10
    # oldest first (the two at T0 in either order: an accepted one and one the EMR closed untouched)
    assert sorted(r["outcome"] for r in records[:2]) == ["accepted", "ignored"] and records[2]["outcome"] == "accepted"
    override = next(r for r in records if r["outcome"] == "overridden")
    assert override["reason_code"] == "clinical_judgement" and override["model_version"] == "1"
    assert set(records[0]) == set(fb.RECORD_COLUMNS)
    assert not any("MRN" in str(v) for r in records for v in r.values())
    assert fb.feedback_records(filters(north, T0, T0 + DAY), limit=3, offset=9) == records[9:]


def test_the_api_pages_records_for_managers_only_and_audits(client, north, settled, manager, nurse):
    client.force_login(nurse)
    assert client.get("/api/v1/feedback/triage").status_code == 403
    client.force_login(manager)
    query = {"from": T0.date().isoformat(), "to": T0.date().isoformat(), "limit": 4}
    first = client.get("/api/v1/feedback/triage", query).json()
    assert (first["offset"], first["limit"], first["next_offset"], len(first["feedback"])) == (0, 4, 4, 4)
    last = client.get("/api/v1/feedback/triage", {**query, "offset": 8}).json()
    assert last["next_offset"] is None and len(last["feedback"]) == 2
    for bad in (
        {"limit": "0"},
        {"limit": "5000"},
        {"offset": "-1"},
        {"limit": "x"},
        {"offset": "9" * 30},
        {"offset": "\u0663"},  # an Arabic-Indic digit: isdigit(), not a number here
    ):
        answer = client.get("/api/v1/feedback/triage", {**query, **bad})
        assert answer.status_code == 400 and answer.json()["errors"][0]["field"] in bad
    assert client.get("/api/v1/feedback/billing").status_code == 404
    assert AuditRecord.objects.filter(action="metrics.read", object_id="triage/feedback_records").count() == 2


def test_the_csv_export_has_every_record(client, north, settled, manager):
    client.force_login(manager)
    answer = client.get(
        "/dashboards/triage/feedback-records.csv", {"from": T0.date().isoformat(), "to": T0.date().isoformat()}
    )
    assert answer.status_code == 200 and answer["Cache-Control"] == "private, no-store"
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert rows[0] == fb.RECORD_COLUMNS and len(rows) == 11
    assert AuditRecord.objects.filter(action="dashboard.exported", object_id="triage/feedback_records").exists()
