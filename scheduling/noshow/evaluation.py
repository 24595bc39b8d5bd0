"""Honest evaluation and training of the no-show model (pure): the time + patient split, AUC / Brier /
calibration, ``train_noshow`` and its readable report (see the package docstring)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import sklearn
from numpy.typing import ArrayLike
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score

from scheduling.appts import Appt
from scheduling.duration import fit_durations
from scheduling.noshow.features import build_features
from scheduling.noshow.model import NoShowModel, fit

MIN_CATEGORY_COUNT = 20


# ---------------------------------------------------------------------------------------------
# Split, evaluation, training
# ---------------------------------------------------------------------------------------------
@dataclass
class Split:
    """Indices into the list given to ``time_patient_split``."""

    boundary: datetime
    train: list[int]
    test: list[int]  # later period, unseen patients
    later: list[int]  # every appointment of the later period (time-only split)
    excluded_known_patients: int  # later-period appointments left out because their patient appeared before


def time_patient_split(appts: Sequence[Appt], *, test_share: float = 0.2) -> Split:
    """Split labelled appointments by time and by patient (see the module docstring).

    ``boundary`` = earliest start + (1 - test_share) x (latest start - earliest start). A patient
    "appears in the training period" if any of their appointments here starts before the boundary.
    """
    if not appts:
        raise ValueError("no appointments to split")
    first = min(a.starts_at for a in appts)
    last = max(a.starts_at for a in appts)
    boundary = first + (last - first) * (1 - test_share)
    seen = {a.patient_id for a in appts if a.starts_at < boundary}
    train = [i for i, a in enumerate(appts) if a.starts_at < boundary]
    later = [i for i, a in enumerate(appts) if a.starts_at >= boundary]
    test = [i for i in later if appts[i].patient_id not in seen]
    return Split(boundary=boundary, train=train, test=test, later=later, excluded_known_patients=len(later) - len(test))


def calibration_table(y_true: ArrayLike, y_prob: ArrayLike, *, n_bins: int = 10) -> list[dict[str, Any]]:
    """Equal-width probability bins: n, mean predicted probability and observed no-show rate
    (None for an empty bin)."""
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(y_prob, dtype=float)
    which = np.minimum((p * n_bins).astype(int), n_bins - 1)
    rows = []
    for b in range(n_bins):
        mask = which == b
        n = int(mask.sum())
        rows.append(
            {
                "bin": f"{b / n_bins:.1f}-{(b + 1) / n_bins:.1f}",
                "n": n,
                "mean_predicted": round(float(p[mask].mean()), 4) if n else None,
                "observed_rate": round(float(y[mask].mean()), 4) if n else None,
            }
        )
    return rows


def calibration_line(y_true: ArrayLike, y_prob: ArrayLike) -> tuple[float | None, float | None]:
    """Calibration slope and intercept (Cox 1958; Van Calster et al. 2019): the logistic regression of
    the outcome on the logit of the predicted probability, unpenalised. Slope 1 and intercept 0 are
    perfect; a slope below 1 means predictions too extreme. None when one class is missing."""
    y = np.asarray(y_true, dtype=int)
    p = np.clip(np.asarray(y_prob, dtype=float), 1e-6, 1 - 1e-6)
    if len(y) < 2 or not 0 < y.sum() < len(y):
        return None, None
    logit = np.log(p / (1 - p)).reshape(-1, 1)
    line = LogisticRegression(C=np.inf, max_iter=1000).fit(logit, y)
    return round(float(line.coef_[0][0]), 4), round(float(line.intercept_[0]), 4)


def evaluate_predictions(y_true: ArrayLike, y_prob: ArrayLike, *, n_bins: int = 10) -> dict[str, Any]:
    """AUC, Brier score, base rate, the Brier score of always predicting the base rate, calibration
    slope and intercept, and the calibration table (JSON-serialisable; usable on live outcomes too)."""
    y = np.asarray(y_true, dtype=int)
    p = np.asarray(y_prob, dtype=float)
    if len(y) == 0:
        return {
            "n": 0,
            "base_rate": None,
            "auc": None,
            "brier": None,
            "brier_reference": None,
            "calibration_slope": None,
            "calibration_intercept": None,
            "calibration": [],
        }
    base = float(y.mean())
    slope, intercept = calibration_line(y, p)
    return {
        "n": len(y),
        "base_rate": round(base, 4),
        "auc": round(float(roc_auc_score(y, p)), 4) if 0 < y.sum() < len(y) else None,
        "brier": round(float(brier_score_loss(y, p, pos_label=1)), 4),
        "brier_reference": round(base * (1 - base), 4),
        "mean_predicted": round(float(p.mean()), 4),
        "calibration_slope": slope,
        "calibration_intercept": intercept,
        "calibration": calibration_table(y, p, n_bins=n_bins),
    }


def train_noshow(
    appts: Sequence[Appt],
    *,
    random_state: int = 0,
    test_share: float = 0.2,
    refit: bool = True,
    min_category_count: int = MIN_CATEGORY_COUNT,
    calibration: str = "sigmoid",
    kind: str = "logistic",
) -> tuple[NoShowModel, dict[str, Any]]:
    """Train, evaluate on the honest split, and (``refit``) refit on every labelled appointment.

    Features are computed on all of ``appts`` (each from its own booking-time history), so
    cancelled and not-yet-known appointments still count as history. Raises ValueError when the
    training part has fewer than 50 rows or one class only. Returns (model, report); the report is
    also ``model.report``.
    """
    appts = list(appts)
    dicts, labels = build_features(appts)
    rows = [i for i, label in enumerate(labels) if label is not None]
    labelled = [appts[i] for i in rows]
    y_all = np.array([labels[i] for i in rows], dtype=int)
    x_all = [dicts[i] for i in rows]
    split = time_patient_split(labelled, test_share=test_share)
    y_train = y_all[split.train]
    if len(split.train) < 50 or len(set(y_train.tolist())) < 2:
        raise ValueError(f"need at least 50 labelled training appointments with both outcomes, got {len(split.train)}")
    options: dict[str, Any] = {
        "min_category_count": min_category_count,
        "calibration": calibration,
        "random_state": random_state,
        "kind": kind,
    }
    model = fit([x_all[i] for i in split.train], y_train, **options)
    later = model.predict_proba([x_all[i] for i in split.later]) if split.later else np.zeros(0)
    position = {i: k for k, i in enumerate(split.later)}
    test_p = later[[position[i] for i in split.test]] if split.test else np.zeros(0)
    train_p = model.predict_proba([x_all[i] for i in split.train])
    report: dict[str, Any] = {
        "method": (
            f"time + patient split: train = starts before the boundary ({1 - test_share:.0%} of the time range); "
            "test = later appointments of patients with no appointment before the boundary"
        ),
        "boundary": split.boundary.isoformat(),
        "train_period": [min(a.starts_at for a in labelled).isoformat(), split.boundary.isoformat()],
        "test_period": [split.boundary.isoformat(), max(a.starts_at for a in labelled).isoformat()],
        "n_appointments": len(appts),
        "n_labelled": len(labelled),
        "n_train": len(split.train),
        "n_test": len(split.test),
        "n_later_excluded_known_patients": split.excluded_known_patients,
        "n_features": len(model.feature_names),
        "sklearn": sklearn.__version__,
        "train": {k: v for k, v in evaluate_predictions(y_train, train_p).items() if k != "calibration"},
        "test": evaluate_predictions(y_all[split.test], test_p),
        "time_only": {k: v for k, v in evaluate_predictions(y_all[split.later], later).items() if k != "calibration"},
        "model": (
            f"gradient-boosted trees (HistGradientBoostingClassifier), {calibration}-calibrated (5 folds)"
            if kind == "gbm"
            else f"logistic regression, {calibration}-calibrated (5 folds)"
        ),
        "kind": kind,
    }
    # Headline numbers (the honest held-out split) at the top level, for registries and dashboards.
    for key in ("auc", "brier", "base_rate", "brier_reference", "calibration_slope", "calibration_intercept"):
        report[key] = report["test"][key]
    if refit:
        model = fit(x_all, y_all, **options)
        report["returned_model"] = f"refit on all {len(labelled)} labelled appointments (not the evaluated model)"
    else:
        report["returned_model"] = "the evaluated model (training part only)"
    model.n_samples = len(y_all) if refit else len(y_train)
    model.durations = fit_durations(appts)
    model.report = report
    return model, report


def format_report(report: dict[str, Any]) -> str:
    """A readable summary of a ``train_noshow`` report."""
    if not report:
        return "(no evaluation)"

    def num(value: Any, spec: str = ".3f") -> str:
        return "n/a" if value is None else format(value, spec)

    test, time_only = report["test"], report["time_only"]
    lines = [
        report["method"] + (f" [data: {report['origin']}]" if report.get("origin") else ""),
        f"train: {report['train_period'][0]} .. {report['train_period'][1]}  n={report['n_train']}",
        f"test:  {report['test_period'][0]} .. {report['test_period'][1]}  n={report['n_test']} "
        f"({report['n_later_excluded_known_patients']} later appointments of known patients left out)",
        "",
        f"held-out AUC {num(test['auc'])}   Brier {num(test['brier'], '.4f')} "
        f"(base-rate Brier {num(test['brier_reference'], '.4f')})   base rate {num(test['base_rate'])}   "
        f"mean predicted {num(test.get('mean_predicted'))}",
        f"calibration slope {num(test.get('calibration_slope'))}   intercept {num(test.get('calibration_intercept'))}",
        f"time-only split (all {time_only['n']} later appointments): AUC {num(time_only['auc'])}   "
        f"Brier {num(time_only['brier'], '.4f')}   base rate {num(time_only['base_rate'])}",
        f"training part: AUC {num(report['train']['auc'])}   base rate {num(report['train']['base_rate'])}",
        "",
        f"{'predicted':<12}{'n':>7}{'mean predicted':>16}{'observed':>10}",
    ]
    for row in test["calibration"]:
        lines.append(f"{row['bin']:<12}{row['n']:>7}{num(row['mean_predicted']):>16}{num(row['observed_rate']):>10}")
    lines.append("")
    lines.append(f"model: {report['model']}, {report['n_features']} features; returned: {report['returned_model']}")
    return "\n".join(lines)
