"""The no-show model's one structured line per scoring: ids, version, latency, outcome; no PHI."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from clinflow.tests.logcapture import captured_logs
from ingest.samples import sample_event
from ingest.services import event_ingest, event_process
from scheduling.models import NoShowScore

pytestmark = pytest.mark.django_db

MRN, BORN = "P-88412077", "1961-03-14"


def test_scoring_a_booking_logs_its_ids_latency_and_risk_band_and_no_phi(source, clinic, noshow_live):
    day = timezone.now().date() + timedelta(days=5)
    starts = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)
    envelope = sample_event(
        "AppointmentBooked",
        appointment_id="a-log-1",
        provider_id="dr-lee",
        patient={"mrn": MRN, "name": "Ada Lovelace-Byron", "birth_date": BORN, "sex": "female"},
        department="cardiology",
        booked_at=(timezone.now() - timedelta(days=1)).isoformat(),
        starts_at=starts.isoformat(),
        reminder_channel="none",
        visit_type="follow-up",
    )
    with captured_logs() as logs:
        result = event_ingest(source=source, envelope=envelope)
        assert event_process(event_id=result.event_id) == "processed"
    (line,) = logs.events("model scored")
    score = NoShowScore.objects.get(appointment__appointment_id="a-log-1")
    assert line["event_id"] == result.event_id and line["logger"] == "scheduling.services"
    assert line["model"] == "noshow" and line["model_version"] == score.model_version
    assert line["latency_ms"] == pytest.approx(score.latency_ms) and line["outcome"] in ("high_risk", "low_risk")
    for secret in (MRN, BORN, "Ada Lovelace", "Lovelace-Byron"):
        assert secret not in logs.text
