"""The gradient-boosted no-show challenger: trained on the same leakage-safe features and honest
split as the logistic model, calibrated, explained by occlusion, saved and loaded through the
allow-listed model file, and trained beside the logistic one by `train_noshow` (both candidates)."""

from __future__ import annotations

from datetime import datetime
from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command
from django.utils import timezone

from mlregistry.models import ModelVersion
from scheduling.data import synthetic_history, write_public_csv
from scheduling.noshow import load_model, save_model, train_noshow
from scheduling.noshow.evaluation import calibration_line


@pytest.fixture(scope="module")
def appts():
    return synthetic_history(n_patients=900, seed=3)


@pytest.fixture(scope="module")
def gbm(appts):
    return train_noshow(appts, kind="gbm", calibration="isotonic")


def test_the_challenger_is_trees_reported_on_the_honest_split(gbm):
    model, report = gbm
    assert model.kind == "gbm" and report["kind"] == "gbm"
    assert "HistGradientBoostingClassifier" in report["model"]
    assert report["auc"] > 0.6 and report["n_test"] > 50
    assert report["calibration_slope"] is not None and report["calibration_intercept"] is not None
    assert report["method"].startswith("time + patient split")


def test_its_factors_are_occlusion_effects_against_the_average_appointment(gbm, appts):
    model, _ = gbm
    predictions = model.predict_dataset(appts[:40])
    assert all(0 <= p.probability <= 1 for p in predictions)
    with_factors = [p for p in predictions if p.factors]
    assert with_factors, "the trees explain at least some predictions"
    for p in with_factors:
        weights = [abs(f["weight"]) for f in p.factors]
        assert weights == sorted(weights, reverse=True) and all(f["effect"] in "+-" for f in p.factors)
        assert all(isinstance(f["factor"], str) and f["factor"] for f in p.factors)


def test_it_saves_and_loads_through_the_allow_list(gbm, appts, tmp_path):
    model, _ = gbm
    path = tmp_path / "gbm.skops"
    sha = save_model(model, path)
    loaded = load_model(path, sha256=sha)
    assert loaded.kind == "gbm"
    sample = appts[:25]
    assert np.allclose(
        [p.probability for p in loaded.predict_dataset(sample)], [p.probability for p in model.predict_dataset(sample)]
    )


def test_the_calibration_line_is_one_and_zero_for_calibrated_predictions():
    rng = np.random.default_rng(0)
    p = rng.uniform(0.02, 0.9, 40_000)
    y = (rng.uniform(size=p.size) < p).astype(int)
    slope, intercept = calibration_line(y, p)
    assert abs(slope - 1) < 0.05 and abs(intercept) < 0.05
    too_extreme = np.clip(1 / (1 + np.exp(-2 * np.log(p / (1 - p)))), 1e-6, 1 - 1e-6)
    assert calibration_line(y, too_extreme)[0] == pytest.approx(0.5, abs=0.05)  # predictions too extreme
    assert calibration_line([1, 1, 1], [0.2, 0.3, 0.4]) == (None, None)


@pytest.mark.django_db
def test_train_noshow_trains_both_and_registers_both_as_candidates(tmp_path, settings, noshow_live):
    path = tmp_path / "public.csv"
    write_public_csv(synthetic_history(n_patients=700, seed=2), path)
    out = StringIO()
    call_command("train_noshow", "--csv", str(path), stdout=out)
    text = out.getvalue()
    assert "gradient-boosted trees" in text and "calibration slope" in text
    states = dict(ModelVersion.objects.filter(name="noshow").values_list("version", "state"))
    assert states == {1: "live", 2: "candidate", 3: "candidate"}  # training never promotes
    kinds = {v.version: v.metrics["kind"] for v in ModelVersion.objects.filter(name="noshow", version__gt=1)}
    assert kinds == {2: "logistic", 3: "gbm"}
    assert "manage.py model_promote noshow 3 --shadow" in text


def _dicts(rows):
    return [{"lead_days": float(lead), "x_neighbourhood": hood} for lead, hood in rows]


def test_the_trees_target_encode_a_many_valued_category_out_of_fold():
    """A category with ten or more kept values becomes one smoothed no-show-rate column for the trees;
    each training row's rate is learned without that row (out of fold), an unseen value gets the
    prior, and the logistic head keeps its one-hot columns."""
    from scheduling.noshow.model import TE_PREFIX, TE_SMOOTHING, fit

    rng = np.random.default_rng(0)
    hoods = [f"HOOD {i}" for i in range(12)]
    rows, y = [], []
    for _ in range(3000):
        h = int(rng.integers(12))
        rows.append((int(rng.integers(0, 30)), hoods[h]))
        y.append(int(rng.random() < 0.05 + 0.04 * h))
    y = np.array(y)
    dicts = _dicts(rows)
    trees = fit(dicts, y, min_category_count=5, calibration="isotonic", random_state=0, kind="gbm")
    assert TE_PREFIX + "x_neighbourhood" in trees.feature_names
    assert not any(n.startswith("x_neighbourhood=") for n in trees.feature_names)
    rates = trees.target_rates["x_neighbourhood"]
    prior = float(y.mean())
    assert rates["prior"] == pytest.approx(prior)
    in_hood = np.array([r[1] == "HOOD 11" for r in rows])
    expected = (y[in_hood].sum() + TE_SMOOTHING * prior) / (in_hood.sum() + TE_SMOOTHING)
    assert rates["values"]["HOOD 11"] == pytest.approx(expected)
    assert rates["values"]["HOOD 11"] > rates["values"]["HOOD 0"]
    column = trees.feature_names.index(TE_PREFIX + "x_neighbourhood")
    raw_unseen = trees.matrix(_dicts([(3, "NOT IN TRAINING")]))[0, column] * trees.scale[column] + trees.mean[column]
    assert raw_unseen == pytest.approx(prior)
    # the risk follows the neighbourhood's rate
    risk = trees.predict_proba(_dicts([(10, "HOOD 0"), (10, "HOOD 11")]))
    assert risk[1] > risk[0]
    logistic = fit(dicts, y, min_category_count=5, calibration="sigmoid", random_state=0, kind="logistic")
    assert logistic.target_rates == {} and "x_neighbourhood=HOOD 3" in logistic.feature_names


def test_out_of_fold_rates_do_not_read_a_rows_own_label():
    """A value seen once gets the prior as its training value (learned without it), not a rate
    pulled towards its own label; a frequent value's out-of-fold rate is close to its full rate."""
    from scheduling.noshow.model import _target_rates, out_of_fold_rates

    values = [f"H{i % 10}" for i in range(1000)] + ["ONCE", None]
    y = np.array([int(i % 10 == 3) for i in range(1000)] + [1, 1])
    prior = float(y.mean())
    oof = out_of_fold_rates(values, y, prior, random_state=0)
    assert oof[1000] == pytest.approx(prior)  # its own label (1) did not leak in
    assert np.isnan(oof[1001])
    full = _target_rates(values, y, prior)
    assert full["ONCE"] > prior  # the full table does see it: used only for new appointments
    h3 = [oof[i] for i in range(1000) if values[i] == "H3"]
    assert all(abs(r - full["H3"]) < 0.05 for r in h3) and min(h3) > 0.8


def test_saved_trees_keep_their_target_rates_and_a_forged_table_is_refused(tmp_path):
    from mlregistry import modelfile
    from scheduling.noshow.model import fit
    from scheduling.noshow.persistence import ALLOWED_TYPES, UntrustedModelError

    rng = np.random.default_rng(1)
    rows = [(int(rng.integers(0, 20)), f"H{int(rng.integers(12))}") for _ in range(1500)]
    y = (rng.random(1500) < 0.2).astype(int)
    trees = fit(_dicts(rows), y, min_category_count=5, calibration="sigmoid", random_state=0, kind="gbm")
    path = tmp_path / "trees.skops"
    sha = save_model(trees, path)
    loaded = load_model(path, sha256=sha)
    assert loaded.target_rates == trees.target_rates
    probe = _dicts(rows[:30])
    assert np.allclose(loaded.predict_proba(probe), trees.predict_proba(probe))
    payload = modelfile.load_payload(path, sha256=sha, allowed_types=ALLOWED_TYPES)
    payload["target_rates_json"] = '{"x_neighbourhood": {"prior": "high", "values": []}}'
    forged = tmp_path / "forged.skops"
    forged_sha = modelfile.dump_payload(payload, forged)
    with pytest.raises(UntrustedModelError, match="target rates"):
        load_model(forged, sha256=forged_sha)


def _site_history(facility, source, appts) -> None:
    """Store a generated history as the site's own appointments (one stored event for all of them)."""
    from datetime import date

    from ingest.models import Event
    from ingest.samples import sample_event
    from ingest.services import event_ingest
    from scheduling.models import Appointment

    event = Event.objects.get(
        pk=event_ingest(source=source, envelope=sample_event("AppointmentBooked", facility=facility.slug)).event_id
    )
    status = {"attended": "completed", "no_show": "no_show", "cancelled": "cancelled", None: "booked"}
    Appointment.objects.bulk_create(
        Appointment(
            appointment_id=f"site-{a.appointment_id}",
            event=event,
            facility=facility,
            patient_mrn=a.patient_id,
            birth_date=date(a.starts_at.year - a.age, 1, 1) if a.age is not None else None,
            sex=a.sex or "",
            department=a.department,
            provider_id=a.provider_id or "",
            visit_type=a.visit_type,
            booked_at=a.booked_at,
            starts_at=a.starts_at,
            reminder_channel=a.reminder_channel or "",
            status=status[a.outcome],
            outcome_at=a.starts_at if a.outcome in ("attended", "no_show") else None,
        )
        for a in appts
    )


@pytest.mark.django_db
def test_the_scheduled_no_show_retrain_learns_from_the_site_only_and_lands_candidates(
    north, source, noshow_live, settings, monkeypatch
):
    from scheduling import services
    from scheduling.models import Appointment
    from scheduling.tasks import retrain_noshow_candidates

    assert (
        settings.CELERY_BEAT_SCHEDULE["retrain-noshow-candidates"]["task"]
        == "scheduling.tasks.retrain_noshow_candidates"
    )
    monkeypatch.setattr(services, "SITE_MINIMUM", 400)
    # too little site history: never falls back to the synthetic one
    assert services.noshow_retrain_candidates().startswith("skipped: 0 labelled site appointments")
    _site_history(north, source, synthetic_history(n_patients=250, seed=5))  # outcomes of 2024
    ModelVersion.objects.filter(pk=noshow_live.pk).update(trained_at=timezone.make_aware(datetime(2023, 6, 1)))
    assert Appointment.objects.filter(status__in=["completed", "no_show"]).count() >= 400
    assert retrain_noshow_candidates() == "registered v2 logistic (candidate), v3 gbm (candidate)"  # the task
    states = dict(ModelVersion.objects.values_list("version", "state"))
    assert states == {1: "live", 2: "candidate", 3: "candidate"}  # training never promotes
    trained = ModelVersion.objects.get(version=3)
    assert trained.training_data["source"] == "this site's appointments"
    assert trained.metrics["kind"] == "gbm" and trained.metrics["origin"] == "site"
    assert services.noshow_retrain_candidates() == "skipped: no new outcomes"
    # a new outcome arrives: the next run trains again
    appt = Appointment.objects.filter(status="booked").first() or Appointment.objects.first()
    Appointment.objects.filter(pk=appt.pk).update(status="no_show", outcome_at=timezone.now())
    assert services.noshow_retrain_candidates().startswith("registered v4 logistic (candidate)")
