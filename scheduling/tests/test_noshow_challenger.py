"""The gradient-boosted no-show challenger: trained on the same leakage-safe features and honest
split as the logistic model, calibrated, explained by occlusion, saved and loaded through the
allow-listed model file, and trained beside the logistic one by `train_noshow` (both candidates)."""

from __future__ import annotations

from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command

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
