"""Model metrics (dashboards.metrics.scores) on small hand-built histories whose right answers are
worked out by hand here, plus a cross-check of AUC and Brier against scikit-learn."""

from __future__ import annotations

import hashlib
import math
import random
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sklearn.metrics import brier_score_loss, roc_auc_score

from dashboards.filters import Filters
from dashboards.metrics import scores
from dashboards.tables import Table
from ingest.models import Event, IntegrationSource
from ingest.tests.factories import IntegrationSourceFactory
from queues.models import Facility
from queues.tests.factories import facility_for
from scheduling.models import Appointment, NoShowScore
from scheduling.tests.factories import scheduling_policy
from triage.models import TriageLabel, TriageScore
from triage.tests.factories import TriageScoreFactory

pytestmark = pytest.mark.django_db

JAN = datetime(2026, 1, 1, tzinfo=UTC)
FEB = datetime(2026, 2, 1, tzinfo=UTC)
MAR = datetime(2026, 3, 1, tzinfo=UTC)
YEAR = (datetime(2025, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))


# --- a hand-built history -------------------------------------------------------------------------
@pytest.fixture
def north() -> Facility:
    return facility_for("north")


@pytest.fixture
def south() -> Facility:
    return facility_for("south")


@pytest.fixture
def source() -> IntegrationSource:
    return IntegrationSourceFactory.create()


def _event(source: IntegrationSource, kind: str = "AppointmentBooked") -> Event:
    return Event.objects.create(
        integration_source=source,
        source="urn:emr:test",
        source_event_id=str(uuid.uuid4()),
        type=kind,
        data={},
        envelope_hash="0" * 64,
        received_at=JAN,
    )


def appointment(
    source: IntegrationSource,
    facility: Facility,
    *,
    p: float,
    no_show: bool | None,
    starts_at: datetime = JAN + timedelta(days=9),
    version: str = "1",
    rollout: str = "live",
    created_at: datetime | None = None,
    latency_ms: float = 5.0,
    birth_date: date | None = None,
    sex: str = "",
    channel: str = "",
    status: str | None = None,
    factors: list[dict[str, Any]] | None = None,
) -> NoShowScore:
    """One appointment with its booked score; no_show None = still booked."""
    if status is None:
        status = {True: "no_show", False: "completed", None: "booked"}[no_show]
    appt = Appointment.objects.create(
        appointment_id=str(uuid.uuid4()),
        event=_event(source),
        facility=facility,
        patient_mrn="MRN-SECRET-1",
        birth_date=birth_date,
        sex=sex,
        department="cardiology",
        visit_type="follow-up",
        booked_at=starts_at - timedelta(days=7),
        starts_at=starts_at,
        reminder_channel=channel,
        status=status,
    )
    return NoShowScore.objects.create(
        appointment=appt,
        model_name="noshow",
        model_version=version,
        probability=p,
        factors=factors or [],
        latency_ms=latency_ms,
        rollout=rollout,
        created_at=created_at or starts_at - timedelta(days=7),
        booked=True,  # the appointment's first score, as scheduling.services marks it
    )


def sched(*facilities: Facility, start: datetime = YEAR[0], end: datetime = YEAR[1], version: str = "") -> Filters:
    return Filters("scheduling", tuple(fac.id for fac in facilities), start, end, model_version=version)


def row(table: Table, **match: Any) -> dict[str, Any]:
    found = [r for r in table.as_dicts() if all(r[k] == v for k, v in match.items())]
    assert len(found) == 1, (match, table.as_dicts())
    return found[0]


# --- noshow_by_month ------------------------------------------------------------------------------
def test_noshow_by_month_auc_brier_and_calibration_line_match_the_hand_worked_month(source, north):
    # January: p = .1, .4, .35, .8 with outcomes 0, 0, 1, 1.
    # Ranks by p: .1 -> 1, .35 -> 2, .4 -> 3, .8 -> 4. No-shows (.35, .8) hold ranks 2 + 4 = 6;
    # n1 = n0 = 2: AUC = (6 - 2*3/2) / (2*2) = 3/4 = 0.75 (pairs: .35>.1, .8>.1, .8>.4 right; .35<.4 wrong).
    # Brier = (.1^2 + .4^2 + .65^2 + .2^2) / 4 = (.01 + .16 + .4225 + .04) / 4 = 0.158125.
    # Bins 1, 3, 4, 8 hold one each: (x, y) = (.1, 0), (.35, 1), (.4, 0), (.8, 1), w = 1.
    # Sw = 4, Swx = 1.65, Swy = 2, Swxx = .9325, Swxy = 1.15:
    # slope = (4*1.15 - 1.65*2) / (4*.9325 - 1.65^2) = 1.3 / 1.0075 = 1.290323;
    # intercept = (2 - 1.290323*1.65) / 4 = -0.032258.
    for p, y in ((0.1, 0), (0.4, 0), (0.35, 1), (0.8, 1)):
        appointment(source, north, p=p, no_show=bool(y), starts_at=JAN + timedelta(days=5))
    # February, a tie: p = .3 (no-show), .3 (came), .6 (no-show). Ranks 1.5, 1.5, 3;
    # no-shows 1.5 + 3 = 4.5: AUC = (4.5 - 3) / (2*1) = 0.75 (the tie counts half).
    # Brier = (.7^2 + .3^2 + .4^2) / 3 = (.49 + .09 + .16) / 3 = 0.246667.
    # Bins 3 (w 2, x .3, y .5) and 6 (w 1, x .6, y 1): Sw = 3, Swx = 2*.3 + .6 = 1.2, Swy = 2,
    # Swxx = 2*.09 + .36 = .54, Swxy = 2*.3*.5 + .6 = .9:
    # slope = (3*.9 - 1.2*2) / (3*.54 - 1.2^2) = .3 / .18 = 1.666667; intercept = (2 - 1.666667*1.2) / 3 = 0.
    for p, y in ((0.3, 1), (0.3, 0), (0.6, 1)):
        appointment(source, north, p=p, no_show=bool(y), starts_at=FEB + timedelta(days=2))
    # March: everyone came. No AUC (one class), Brier = (.2^2 + .2^2) / 2 = .04, one bin: no line.
    for _ in range(2):
        appointment(source, north, p=0.2, no_show=False, starts_at=MAR + timedelta(days=1))

    table = scores.noshow_by_month(sched(north))

    assert table.columns == ["month", "n", "no_shows", "auc", "brier", "calibration_slope", "calibration_intercept"]
    assert table.column("month") == ["2026-01", "2026-02", "2026-03"]
    jan, feb, mar = table.as_dicts()
    assert (jan["n"], jan["no_shows"]) == (4, 2)
    assert jan["auc"] == pytest.approx(0.75, abs=1e-12)
    assert jan["brier"] == pytest.approx(0.158125, abs=1e-12)
    assert jan["calibration_slope"] == round(1.3 / 1.0075, 4) == 1.2903
    assert jan["calibration_intercept"] == -0.0323
    assert (feb["n"], feb["no_shows"]) == (3, 2)
    assert feb["auc"] == pytest.approx(0.75, abs=1e-12)
    assert feb["brier"] == pytest.approx(0.74 / 3, abs=1e-12)
    assert feb["calibration_slope"] == 1.6667
    assert feb["calibration_intercept"] == pytest.approx(0.0, abs=1e-4)
    assert (mar["n"], mar["no_shows"], mar["auc"]) == (2, 0, None)
    assert mar["brier"] == pytest.approx(0.04, abs=1e-12)
    assert (mar["calibration_slope"], mar["calibration_intercept"]) == (None, None)


def test_noshow_by_month_counts_only_the_filtered_appointments(source, north, south):
    kept = [(0.2, False), (0.7, True)]  # AUC 1.0 on its own
    for p, y in kept:
        appointment(source, north, p=p, no_show=y, starts_at=JAN)  # at the start: inside [start, end)
    appointment(source, south, p=0.9, no_show=False, starts_at=JAN + timedelta(days=3))  # other facility
    appointment(source, north, p=0.9, no_show=False, starts_at=FEB)  # at the end: outside
    appointment(source, north, p=0.9, no_show=False, starts_at=JAN - timedelta(seconds=1))  # before
    appointment(source, north, p=0.9, no_show=None, starts_at=JAN + timedelta(days=4))  # still booked
    appointment(source, north, p=0.9, no_show=None, status="cancelled", starts_at=JAN + timedelta(days=4))

    table = scores.noshow_by_month(sched(north, start=JAN, end=FEB))

    assert [(r["month"], r["n"], r["no_shows"], r["auc"]) for r in table.as_dicts()] == [("2026-01", 2, 1, 1.0)]


def test_noshow_by_month_uses_the_booked_score_or_the_version_asked_for(source, north):
    # Each appointment: v1 scored at booking, v2 (shadow) a day later with the opposite ranking.
    for p, y in ((0.2, False), (0.6, True)):
        first = appointment(source, north, p=p, no_show=y, starts_at=JAN + timedelta(days=10))
        NoShowScore.objects.create(
            appointment=first.appointment,
            model_name="noshow",
            model_version="2",
            probability=1 - p,
            latency_ms=1.0,
            rollout="shadow",
            created_at=first.created_at + timedelta(days=1),
        )

    booked = scores.noshow_by_month(sched(north)).as_dicts()
    v2 = scores.noshow_by_month(sched(north, version="2")).as_dicts()
    v3 = scores.noshow_by_month(sched(north, version="3")).as_dicts()

    assert [(r["n"], r["auc"]) for r in booked] == [(2, 1.0)]  # each appointment once, its v1 score
    assert [(r["n"], r["auc"]) for r in v2] == [(2, 0.0)]
    assert v3 == []


def test_noshow_metrics_of_an_empty_period_or_another_workflow_have_no_rows(source, north):
    appointment(source, north, p=0.4, no_show=True, starts_at=JAN + timedelta(days=1))
    empty = sched(north, start=MAR, end=MAR + timedelta(days=30))
    triage = Filters("triage", (north.id,), *YEAR)
    for metric in (scores.noshow_by_month, scores.noshow_calibration, scores.noshow_subgroups):
        assert metric(empty).rows == []
        assert metric(triage).rows == []
        assert metric(sched(north)).rows  # the same history does show in its own workflow


def test_auc_and_brier_agree_with_sklearn_on_500_random_cases(source, north):
    rng = random.Random(12)
    event = _event(source)
    # Probabilities on a 0.01 grid so many ties; the outcome leans on p so AUC is not 0.5.
    cases = [(round(rng.random(), 2), 0) for _ in range(500)]
    cases = [(p, int(rng.random() < 0.2 + 0.6 * p)) for p, _ in cases]
    appts = Appointment.objects.bulk_create(
        Appointment(
            appointment_id=f"rand-{i}",
            event=event,
            facility=north,
            patient_mrn="x",
            department="d",
            visit_type="v",
            booked_at=JAN,
            starts_at=JAN + timedelta(hours=i),
            status="no_show" if y else "completed",
        )
        for i, (_, y) in enumerate(cases)
    )
    NoShowScore.objects.bulk_create(
        NoShowScore(
            appointment=a,
            model_name="noshow",
            model_version="1",
            probability=p,
            latency_ms=1,
            created_at=JAN,
            booked=True,
        )
        for a, (p, _) in zip(appts, cases, strict=True)
    )
    y_true = [y for _, y in cases]
    y_prob = [p for p, _ in cases]

    table = scores.noshow_by_month(sched(north, start=JAN, end=FEB))

    (month,) = table.as_dicts()
    assert (month["n"], month["no_shows"]) == (500, sum(y_true))
    assert abs(month["auc"] - roc_auc_score(y_true, y_prob)) < 1e-9
    assert abs(month["brier"] - brier_score_loss(y_true, y_prob)) < 1e-9
    sub = row(scores.noshow_subgroups(sched(north, start=JAN, end=FEB)), subgroup="sex", value="unknown")
    assert abs(sub["auc"] - roc_auc_score(y_true, y_prob)) < 1e-9


# --- noshow_calibration ---------------------------------------------------------------------------
def test_noshow_calibration_bins_hold_the_hand_counted_cases(source, north, south):
    # bin 0.0-0.1: .05 (came); bin 0.3-0.4: .30, .35, .38 (no-show, came, no-show);
    # bin 0.9-1.0: .95 (no-show) and 1.0 (no-show: p = 1 falls in the last bin).
    for p, y in ((0.05, 0), (0.30, 1), (0.35, 0), (0.38, 1), (0.95, 1), (1.0, 1)):
        appointment(source, north, p=p, no_show=bool(y))
    appointment(source, south, p=0.55, no_show=True)  # other facility

    table = scores.noshow_calibration(sched(north))

    assert table.columns == ["bin", "n", "mean_predicted", "observed_rate"]
    assert table.as_dicts() == [
        {"bin": "0.0-0.1", "n": 1, "mean_predicted": 0.05, "observed_rate": 0.0},
        {"bin": "0.3-0.4", "n": 3, "mean_predicted": round((0.30 + 0.35 + 0.38) / 3, 4), "observed_rate": 0.6667},
        {"bin": "0.9-1.0", "n": 2, "mean_predicted": 0.975, "observed_rate": 1.0},
    ]


# --- noshow_subgroups -----------------------------------------------------------------------------
def test_noshow_subgroups_band_ages_at_the_appointment_and_name_unknowns(source, north):
    day = datetime(2026, 1, 15, 9, tzinfo=UTC)
    # 2008-01-16: 17 on 2026-01-15 (birthday tomorrow); 2008-01-15: 18 that day; 1986-06-01: 39;
    # 1986-01-15: 40; 1961-01-16: 64; 1961-01-15: 65; no birth date: unknown.
    people = [
        (date(2008, 1, 16), "F", "sms", 0.1, 0),
        (date(2008, 1, 15), "F", "sms", 0.9, 1),
        (date(1986, 6, 1), "M", "", 0.2, 0),
        (date(1986, 1, 15), "M", "phone", 0.6, 1),
        (date(1961, 1, 16), "", "phone", 0.3, 1),
        (date(1961, 1, 15), "F", "sms", 0.4, 0),
        (None, "M", "sms", 0.5, 1),
    ]
    for born, sex, channel, p, y in people:
        appointment(source, north, p=p, no_show=bool(y), starts_at=day, birth_date=born, sex=sex, channel=channel)

    table = scores.noshow_subgroups(sched(north))

    assert table.columns == [
        "subgroup",
        "value",
        "n",
        "no_shows",
        "auc",
        "brier",
        "mean_predicted",
        "observed_rate",
    ]
    bands = {r["value"]: (r["n"], r["no_shows"]) for r in table.as_dicts() if r["subgroup"] == "age_band"}
    assert bands == {"0-17": (1, 0), "18-39": (2, 1), "40-64": (2, 2), "65+": (1, 0), "unknown": (1, 1)}
    # sex F: p .1 (0), .9 (1), .4 (0): ranks 1, 3, 2 -> AUC (3 - 1) / (1*2) = 1.0;
    # Brier (.01 + .01 + .16) / 3 = .06; mean predicted 1.4 / 3 = .4667; observed 1/3.
    f_row = row(table, subgroup="sex", value="F")
    assert (f_row["n"], f_row["no_shows"], f_row["auc"]) == (3, 1, 1.0)
    assert f_row["brier"] == pytest.approx(0.06, abs=1e-12)
    assert (f_row["mean_predicted"], f_row["observed_rate"]) == (0.4667, 0.3333)
    # sex M: .2 (0), .6 (1), .5 (1): ranks 1, 3, 2 -> AUC (5 - 3) / (2*1) = 1.0
    assert row(table, subgroup="sex", value="M")["auc"] == 1.0
    assert row(table, subgroup="sex", value="unknown")["n"] == 1
    # sms: .1 (0), .9 (1), .4 (0), .5 (1): ranks 1, 4, 2, 3 -> (7 - 3) / 4 = 1.0
    channels = {r["value"]: r["n"] for r in table.as_dicts() if r["subgroup"] == "reminder_channel"}
    assert channels == {"phone": 2, "sms": 4, "unknown": 1}
    assert [r["subgroup"] for r in table.as_dicts()][:1] == ["age_band"]
    assert "1961" not in table.csv() and "2008" not in table.csv()  # ages in bands, never birth dates


# --- drift ----------------------------------------------------------------------------------------
def triage_score(
    source: IntegrationSource,
    facility: Facility,
    *,
    care_level: str = "self_care",
    urgency: str = "routine",
    created_at: datetime = JAN,
    version: str = "1",
    rollout: str = "live",
    latency_ms: float = 1.0,
    rationale: list[dict[str, Any]] | None = None,
) -> TriageScore:
    return TriageScoreFactory.create(
        event=_event(source, "PatientMessageReceived"),
        facility=facility,
        care_level=care_level,
        urgency=urgency,
        created_at=created_at,
        model_version=version,
        rollout=rollout,
        latency_ms=latency_ms,
        rationale=rationale or [],
    )


def label(score: TriageScore, final_urgency: str, *, origin: str = "clinflow", at: datetime = FEB) -> TriageLabel:
    return TriageLabel.objects.create(
        message_event=score.event,
        message_id=f"msg-{score.event_id}",
        final_urgency=final_urgency,
        origin=origin,
        labelled_at=at,
    )


MON1 = datetime(2026, 1, 5, tzinfo=UTC)  # an ISO week start (Monday)
LN15_LN05 = math.log(1.5) - math.log(0.5)


def test_triage_drift_is_the_hand_worked_psi_week_on_week(source, north, south, settings):
    settings.DASHBOARD_PSI_WARNING = 0.2
    # Week 1: 4 self_care, 4 same_day (3 of them as old scores: blank care level, urgency urgent).
    for i in range(4):
        triage_score(source, north, care_level="self_care", created_at=MON1 + timedelta(days=i))
        triage_score(
            source, north, care_level="" if i else "same_day", urgency="urgent", created_at=MON1 + timedelta(hours=i)
        )
    # Week 2: 6 self_care, 2 same_day. Shares .5/.5 -> .75/.25, the other four levels .0001 both weeks:
    # PSI = (.75 - .5) ln(.75/.5) + (.25 - .5) ln(.25/.5) = .25 (ln 1.5 - ln .5) = .25 ln 3 = 0.274653.
    week2 = MON1 + timedelta(days=7)
    for _ in range(6):
        triage_score(source, north, care_level="self_care", created_at=week2 + timedelta(days=6, hours=23))
    for _ in range(2):
        triage_score(source, north, care_level="same_day", created_at=week2)
    # Week 3: the same mix as week 2 -> PSI 0. Week 4 empty. Week 5: compared with nothing.
    for i in range(3):
        triage_score(source, north, care_level="self_care", created_at=week2 + timedelta(days=7 + i))
    triage_score(source, north, care_level="same_day", created_at=week2 + timedelta(days=7))
    triage_score(source, north, care_level="emergency", created_at=MON1 + timedelta(days=28))
    triage_score(source, south, care_level="emergency", created_at=week2)  # other facility

    table = scores.drift(Filters("triage", (north.id,), *YEAR))

    assert table.columns == ["week", "model", "n", "psi", "warning"]
    assert table.as_dicts() == [
        {"week": "2026-01-05", "model": "triage", "n": 8, "psi": None, "warning": False},
        {"week": "2026-01-12", "model": "triage", "n": 8, "psi": round(0.25 * LN15_LN05, 4), "warning": True},
        {"week": "2026-01-19", "model": "triage", "n": 4, "psi": 0.0, "warning": False},
        {"week": "2026-02-02", "model": "triage", "n": 1, "psi": None, "warning": False},
    ]
    assert 0.25 * LN15_LN05 == pytest.approx(0.274653, abs=1e-6)
    assert table.warnings == [
        "The triage model's care-level mix shifted in the week of 2026-01-12 (PSI 0.27, above 0.2)."
    ]


def test_drift_floors_an_empty_category_at_one_in_ten_thousand(source, north):
    # Week 1: 2 self_care. Week 2: 1 self_care, 1 emergency. Self-care 1 -> .5; emergency .0001 -> .5:
    # PSI = (.5 - 1) ln(.5/1) + (.5 - .0001) ln(.5/.0001) = .346574 + .4999 * 8.517193 = 4.604319.
    triage_score(source, north, care_level="self_care", created_at=MON1)
    triage_score(source, north, care_level="self_care", created_at=MON1)
    triage_score(source, north, care_level="self_care", created_at=MON1 + timedelta(days=7))
    triage_score(source, north, care_level="emergency", created_at=MON1 + timedelta(days=7))
    expected = -0.5 * math.log(0.5) + 0.4999 * math.log(0.5 / 0.0001)

    table = scores.drift(Filters("triage", (north.id,), *YEAR))

    assert table.column("psi") == [None, round(expected, 4)]
    assert round(expected, 4) == 4.6043


def test_noshow_drift_compares_probability_bins_of_the_version_asked_for(source, north, settings):
    settings.DASHBOARD_PSI_WARNING = 0.3
    # Week 1: p .05, .05 (bin 0), .15, .15 (bin 1). Week 2: .05 x3, .15 x1: .5/.5 -> .75/.25 again,
    # PSI 0.274653, under this warning threshold (0.3). Version 2 scores are left out.
    for p in (0.05, 0.05, 0.15, 0.15):
        appointment(source, north, p=p, no_show=None, created_at=MON1 + timedelta(days=1))
    for p in (0.05, 0.05, 0.05, 0.15):
        appointment(source, north, p=p, no_show=None, created_at=MON1 + timedelta(days=8))
    appointment(source, north, p=0.95, no_show=None, created_at=MON1 + timedelta(days=8), version="2")

    table = scores.drift(sched(north, version="1"))

    assert [(r["week"], r["model"], r["n"], r["psi"], r["warning"]) for r in table.as_dicts()] == [
        ("2026-01-05", "noshow", 4, None, False),
        ("2026-01-12", "noshow", 4, round(0.25 * LN15_LN05, 4), False),
    ]
    assert table.warnings == []
    assert scores.drift(sched(north, start=MAR, end=MAR + timedelta(days=9))).rows == []


# --- latency --------------------------------------------------------------------------------------
def test_latency_percentiles_are_nearest_rank_per_version(source, north, south):
    # v1: 1..10 ms -> p50 = 5th value = 5, p99 = ceil(9.9) = 10th = 10.
    # v2: 4, 1, 3, 2 ms -> p50 = 2nd of 1,2,3,4 = 2, p99 = 4th = 4.
    for ms in range(1, 11):
        triage_score(source, north, latency_ms=float(ms), created_at=JAN + timedelta(minutes=ms))
    for ms in (4.0, 1.0, 3.0, 2.0):
        triage_score(source, north, latency_ms=ms, version="2")
    triage_score(source, south, latency_ms=999.0)  # other facility
    triage_score(source, north, latency_ms=999.0, created_at=YEAR[1])  # after the period

    table = scores.latency(Filters("triage", (north.id,), *YEAR))

    assert table.columns == ["model", "model_version", "n", "p50_ms", "p99_ms"]
    assert table.rows == [("triage", "1", 10, 5.0, 10.0), ("triage", "2", 4, 2.0, 4.0)]
    assert scores.latency(Filters("triage", (north.id,), *YEAR, model_version="2")).rows == [
        ("triage", "2", 4, 2.0, 4.0)
    ]


def test_noshow_latency_covers_scores_made_in_the_period(source, north):
    # 2.5, 7.5, 12.5 ms in January -> p50 = 2nd = 7.5, p99 = 3rd = 12.5; one in March left out.
    for ms in (12.5, 2.5, 7.5):
        appointment(source, north, p=0.1, no_show=None, latency_ms=ms, created_at=JAN + timedelta(days=2))
    appointment(source, north, p=0.1, no_show=None, latency_ms=90.0, created_at=MAR)

    table = scores.latency(sched(north, start=JAN, end=FEB))

    assert table.rows == [("noshow", "1", 3, 7.5, 12.5)]
    assert scores.latency(sched(north, start=FEB, end=MAR)).rows == []


# --- shadow agreement -----------------------------------------------------------------------------
def test_triage_agreement_counts_agree_false_and_missed_per_version_and_rollout(source, north, south):
    live = [("routine", "routine"), ("urgent", "urgent"), ("emergent", "routine"), ("routine", "urgent")]
    for ai, final in live:  # agree, agree, false escalation (AI more urgent), missed (AI less urgent)
        label(triage_score(source, north, urgency=ai), final)
    # Shadow v2: labelled in the EMR, then re-decided in clinflow later: the later label counts.
    twice = triage_score(source, north, urgency="urgent", version="2", rollout="shadow")
    label(twice, "routine", origin="emr", at=FEB)
    label(twice, "urgent", origin="clinflow", at=FEB + timedelta(hours=1))
    label(triage_score(source, north, urgency="non_clinical", version="2", rollout="shadow"), "routine")
    triage_score(source, north, urgency="emergent")  # no human decision yet: not a case
    label(triage_score(source, south, urgency="emergent"), "routine")  # other facility

    table = scores.shadow_agreement(Filters("triage", (north.id,), *YEAR))

    assert table.columns == [
        "model",
        "model_version",
        "rollout",
        "cases",
        "agree",
        "agreement_rate",
        "false_escalation",
        "missed_escalation",
    ]
    assert table.rows == [
        ("triage", "1", "live", 4, 2, 0.5, 1, 1),
        ("triage", "2", "shadow", 2, 1, 0.5, 0, 1),
    ]
    only_v2 = scores.shadow_agreement(Filters("triage", (north.id,), *YEAR, model_version="2"))
    assert only_v2.rows == [("triage", "2", "shadow", 2, 1, 0.5, 0, 1)]
    assert scores.shadow_agreement(Filters("triage", (north.id,), JAN, JAN)).rows == []
    assert scores.shadow_agreement(sched(north)).rows == []  # the triage model is not on scheduling pages


def test_noshow_agreement_flags_at_the_facilitys_reminder_threshold(source, north, south):
    scheduling_policy(north, reminder_threshold=0.5)
    # .6 no-show: agree; .6 came: false (flagged, showed); .5 no-show: agree (at the threshold flags);
    # .2 no-show: missed; .2 came: agree. 5 cases, 3 agree (0.6), 1 false, 1 missed.
    for p, y in ((0.6, True), (0.6, False), (0.5, True), (0.2, True), (0.2, False)):
        appointment(source, north, p=p, no_show=y)
    appointment(source, north, p=0.9, no_show=None)  # outcome unknown
    # South keeps the default threshold 0.3: .35 came -> false escalation.
    appointment(source, south, p=0.35, no_show=False)

    north_table = scores.shadow_agreement(sched(north))
    both = scores.shadow_agreement(sched(north, south))

    assert north_table.rows == [("noshow", "1", "live", 5, 3, 0.6, 1, 1)]
    assert both.rows == [("noshow", "1", "live", 6, 3, 0.5, 2, 1)]
    assert scores.shadow_agreement(sched(north, start=MAR, end=MAR + timedelta(days=1))).rows == []


# --- shadow_cases ---------------------------------------------------------------------------------
def test_shadow_cases_are_a_reproducible_sample_without_patient_words(source, north, south):
    quoted = {"kind": "rule", "rule": "chest_pain", "urgency": "emergent", "span": [0, 10], "text": "crushing pain"}
    protocol = {"kind": "protocol", "protocol": "chest", "criterion": "c1", "text": "my chest hurts", "span": [1, 2]}
    term = {"kind": "term", "term": "chest", "weight": 0.4, "span": None}
    made = []
    for i in range(30):
        score = triage_score(source, north, urgency="emergent", rationale=[quoted, protocol, term], rollout="shadow")
        label(score, "emergent" if i % 3 else "routine")
        made.append(score.id)
    triage_score(source, north)  # unlabelled: never sampled
    label(triage_score(source, south), "routine")  # other facility
    f = Filters("triage", (north.id,), *YEAR)

    first = scores.shadow_cases(f, limit=10, seed="review-1")
    again = scores.shadow_cases(f, limit=10, seed="review-1")
    other = scores.shadow_cases(f, limit=10, seed="review-2")
    everything = scores.shadow_cases(f, limit=100, seed="review-1")

    assert [c["case_id"] for c in first] == [c["case_id"] for c in again]
    assert [c["case_id"] for c in first] != [c["case_id"] for c in other]
    assert [c["case_id"] for c in everything][:10] == [c["case_id"] for c in first]
    assert sorted(int(c["case_id"]) for c in everything) == sorted(made)
    assert [c["case_id"] for c in first] != sorted(c["case_id"] for c in first)  # shuffled, not id order
    # The order is md5("seed:id"), the same on every database: worked here in Python.
    by_hash = sorted(made, key=lambda i: (hashlib.md5(f"review-1:{i}".encode()).hexdigest(), i))
    assert [int(c["case_id"]) for c in everything] == by_hash
    case = first[0]
    assert set(case) == {
        "case_type",
        "case_id",
        "created_at",
        "model_version",
        "rollout",
        "ai",
        "human",
        "agrees",
        "facility_id",
    }
    assert (case["case_type"], case["rollout"], case["facility_id"]) == ("triage_score", "shadow", north.id)
    assert case["ai"]["rationale"] == [
        {"kind": "rule", "rule": "chest_pain", "urgency": "emergent"},
        {"kind": "protocol", "protocol": "chest", "criterion": "c1"},
        {"kind": "term"},
    ]
    assert case["human"]["origin"] == "clinflow"
    assert case["agrees"] == (case["human"]["final_urgency"] == "emergent")
    assert sum(not c["agrees"] for c in everything) == 10
    assert "crushing" not in repr(everything) and "hurts" not in repr(everything)


def test_noshow_shadow_cases_carry_the_outcome_and_no_identifiers(source, north):
    factors = [{"factor": "2 prior no-shows in 5 past visits", "effect": "+", "weight": 0.8, "feature": "history"}]
    for p, y in ((0.7, True), (0.1, True), (0.7, False)):
        appointment(source, north, p=p, no_show=y, factors=factors, birth_date=date(1950, 3, 3))
    appointment(source, north, p=0.7, no_show=None)  # no outcome yet

    cases = scores.shadow_cases(sched(north), limit=20, seed="s")

    assert len(cases) == 3
    assert {(c["ai"]["probability"], c["human"]["outcome"], c["agrees"]) for c in cases} == {
        (0.7, "no_show", True),
        (0.1, "no_show", False),
        (0.7, "completed", False),
    }
    flagged = next(c for c in cases if c["ai"]["probability"] == 0.7)
    assert flagged["ai"]["disposition"] == "reminder call (risk at or above 0.3)"
    assert flagged["ai"]["factors"] == factors
    assert flagged["case_type"] == "noshow_score" and flagged["human"]["origin"] == "emr"
    assert "MRN" not in repr(cases) and "1950" not in repr(cases)
    assert scores.shadow_cases(sched(north), limit=1, seed="s") == cases[:1]
    ids = sorted(int(c["case_id"]) for c in cases)
    assert [int(c["case_id"]) for c in cases] == sorted(ids, key=lambda i: hashlib.md5(f"s:{i}".encode()).hexdigest())
    assert scores.shadow_cases(sched(north), limit=0, seed="s") == []
