"""The no-show model (pure): feature dicts -> standardised matrix -> a calibrated head — logistic
regression (the live model) or gradient-boosted trees (scikit-learn's HistGradientBoostingClassifier,
the challenger) — with each prediction's top factors worded from the appointment itself.

Factors: for the logistic head, each feature group's log-odds contribution (coefficient x
standardised value); for trees, by occlusion — the change in log-odds when the group is set to the
training average (0 in the standardised matrix) — so both explain against the average appointment."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression

from scheduling.appts import Appt, history_before
from scheduling.duration import DurationModel
from scheduling.noshow.features import WEEKDAYS, age_band, appointment_features, lead_days, patient_history_features

FORMAT = "clinflow-noshow/1"
TOP_FACTORS = 5
FACTOR_MIN_WEIGHT = 0.02  # log-odds; smaller contributions are not worth a scheduler's attention
_EXTRA_LABELS = {
    "scholarship": "welfare scholarship",
    "hypertension": "hypertension",
    "diabetes": "diabetes",
    "alcoholism": "alcoholism",
    "handicap": "disability",
}
_REMINDER_WORDS = {"sms": "SMS reminder", "phone": "phone reminder", "email": "email reminder", "none": "no reminder"}


# ---------------------------------------------------------------------------------------------
# Encoding (dicts -> standardised matrix); plain lists/arrays so the model file stays simple
# ---------------------------------------------------------------------------------------------
TE_PREFIX = "te:"
TE_MIN_LEVELS = 10  # a category with this many kept values is target-encoded for the trees
TE_SMOOTHING = 20.0  # the prior rate is worth this many appointments
TE_FOLDS = 5


def _fit_encoding(
    dicts: list[dict], min_count: int, *, target_encode: bool = False
) -> tuple[list[str], dict[str, list[str]], list[str]]:
    """Column names, the kept values of each one-hot category, and (``target_encode``) the
    categories with at least TE_MIN_LEVELS kept values that get one target-rate column instead."""
    numeric: set[str] = set()
    counts: dict[str, Counter] = defaultdict(Counter)
    for d in dicts:
        for key, value in d.items():
            if isinstance(value, str):
                counts[key][value] += 1
            else:
                numeric.add(key)
    categories: dict[str, list[str]] = {}
    encoded: list[str] = []
    names = sorted(numeric)
    for key in sorted(counts):
        kept = sorted(v for v, c in counts[key].items() if c >= min_count and v != "other")
        if target_encode and len(kept) >= TE_MIN_LEVELS:
            encoded.append(key)
            names.append(TE_PREFIX + key)
            continue
        if len(kept) < len(counts[key]):
            kept.append("other")
        categories[key] = kept
        names.extend(f"{key}={v}" for v in kept)
    return names, categories, encoded


def _target_rates(values: list[str | None], y: np.ndarray, prior: float) -> dict[str, float]:
    """Smoothed no-show rate per value: (no-shows + TE_SMOOTHING x prior) / (n + TE_SMOOTHING)."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for value, label in zip(values, y, strict=True):
        if value is not None:
            sums[value][0] += float(label)
            sums[value][1] += 1.0
    return {v: (s + TE_SMOOTHING * prior) / (n + TE_SMOOTHING) for v, (s, n) in sums.items()}


def out_of_fold_rates(values: list[str | None], y: np.ndarray, prior: float, *, random_state: int) -> np.ndarray:
    """Each row's smoothed rate of its value learned from the other TE_FOLDS - 1 folds (seeded random
    folds); NaN where the value is missing (imputed with the mean like any missing feature)."""
    folds = np.random.default_rng(random_state + 1).permutation(len(y)) % TE_FOLDS
    out = np.full(len(y), np.nan)
    for k in range(TE_FOLDS):
        inside = folds != k
        rates = _target_rates([v for v, keep in zip(values, inside, strict=True) if keep], y[inside], prior)
        for i in np.flatnonzero(~inside):
            value = values[i]
            if value is not None:
                out[i] = rates.get(value, prior)
    return out


def _encode(
    dicts: list[dict],
    names: list[str],
    categories: dict[str, list[str]],
    target_rates: dict[str, dict[str, Any]] | None = None,
) -> np.ndarray:
    """Raw matrix; NaN where a feature is missing (key absent, or a category value with no column of
    its own and no "other"), so that it can be imputed with the training mean. A target-encoded
    category's column holds its value's training rate (the prior for a value not seen in training)."""
    index = {name: j for j, name in enumerate(names)}
    columns_of: dict[str, list[int]] = defaultdict(list)
    for j, name in enumerate(names):
        columns_of[name.split("=", 1)[0]].append(j)
    rates = target_rates or {}
    x = np.full((len(dicts), len(names)), np.nan)
    for i, d in enumerate(dicts):
        for key, value in d.items():
            if isinstance(value, str):
                encoded = rates.get(key)
                if encoded is not None:
                    column = index.get(TE_PREFIX + key)
                    if column is not None:
                        x[i, column] = encoded["values"].get(value, encoded["prior"])
                    continue
                kept = categories.get(key)
                if kept is None:
                    continue
                column = index.get(f"{key}={value if value in kept else 'other'}")
                if column is not None:
                    x[i, columns_of[key]] = 0.0
                    x[i, column] = 1.0
            else:
                column = index.get(key)
                if column is not None:
                    x[i, column] = float(value)
    return x


def _group(name: str) -> str:
    key = name.removeprefix(TE_PREFIX).split("=", 1)[0]
    if key.startswith("hist_"):
        return "history"
    if key.startswith("lead_"):
        return "lead"
    if key.startswith("x_"):
        return "extra:" + key[2:]
    return {"age_band": "age"}.get(key, key)


# ---------------------------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------------------------
@dataclass
class NoShowPrediction:
    probability: float
    # [{"factor": "2 prior no-shows in 5 past visits", "effect": "+", "weight": 0.41, "feature": "history"}]
    # "+" raises the risk, "-" lowers it, relative to the average training appointment; weight in log-odds
    factors: list[dict] = field(default_factory=list)


KINDS = ("logistic", "gbm")


def _head(calibration: str, kind: str = "logistic", random_state: int = 0) -> CalibratedClassifierCV:
    if kind == "gbm":
        trees = HistGradientBoostingClassifier(
            learning_rate=0.05,
            max_iter=300,
            max_leaf_nodes=15,
            min_samples_leaf=40,
            l2_regularization=1.0,
            early_stopping=True,
            validation_fraction=0.15,
            n_iter_no_change=20,
            random_state=random_state,
        )
        return CalibratedClassifierCV(trees, method=calibration, cv=5)
    if kind != "logistic":
        raise ValueError(f"kind must be one of {KINDS}")
    logistic = LogisticRegression(C=0.5, max_iter=2000)
    return CalibratedClassifierCV(logistic, method=calibration, cv=5)


def _logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(q / (1 - q))


class NoShowModel:
    """Encoding + standardisation + calibrated logistic regression, plus metadata and the report."""

    def __init__(
        self,
        *,
        feature_names: list[str],
        categories: dict[str, list[str]],
        mean: np.ndarray,
        scale: np.ndarray,
        head: CalibratedClassifierCV,
        trained_at: str,
        n_samples: int,
        meta: dict[str, Any] | None = None,
        report: dict[str, Any] | None = None,
        durations: DurationModel | None = None,
        target_rates: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        self.feature_names = list(feature_names)
        # {category: {"prior": rate, "values": {value: smoothed training rate}}} (trees only)
        self.target_rates = {
            k: {"prior": float(v["prior"]), "values": dict(v["values"])} for k, v in (target_rates or {}).items()
        }
        self.categories = {k: list(v) for k, v in categories.items()}
        self.mean = np.asarray(mean, dtype=float)
        self.scale = np.asarray(scale, dtype=float)
        self.head = head
        self.trained_at = trained_at
        self.n_samples = n_samples
        self.meta = dict(meta or {})
        self.report = report or {}
        self.durations = durations
        estimators = [c.estimator for c in head.calibrated_classifiers_]
        # log-odds weights of the standardised features (no-show = 1) of a linear head; None for trees
        self._coef = np.mean([e.coef_[0] for e in estimators], axis=0) if hasattr(estimators[0], "coef_") else None
        self.kind = "logistic" if self._coef is not None else "gbm"
        groups = sorted({_group(n) for n in self.feature_names})
        self._groups = groups
        self._group_matrix = np.zeros((len(self.feature_names), len(groups)))
        for j, name in enumerate(self.feature_names):
            self._group_matrix[j, groups.index(_group(name))] = 1.0

    def matrix(self, feature_dicts: list[dict]) -> np.ndarray:
        """Standardised feature matrix of ``appointment_features`` dicts (missing -> 0, the training mean)."""
        raw = _encode(feature_dicts, self.feature_names, self.categories, self.target_rates)
        x = (raw - self.mean) / self.scale
        return np.nan_to_num(x, nan=0.0)

    def predict_proba(self, feature_dicts: list[dict]) -> np.ndarray:
        """No-show probabilities of feature dicts (no explanations)."""
        if not feature_dicts:
            return np.zeros(0)
        with sklearn.config_context(assume_finite=True):
            return self.head.predict_proba(self.matrix(feature_dicts))[:, 1]

    def predict(self, appts_with_histories: Iterable[tuple[Appt, Sequence[Appt]]]) -> list[NoShowPrediction]:
        """Probability and top factors of each (appointment, its history as of booking) pair."""
        items = list(appts_with_histories)
        if not items:
            return []
        dicts = [appointment_features(a, h) for a, h in items]
        x = self.matrix(dicts)
        with sklearn.config_context(assume_finite=True):
            proba = self.head.predict_proba(x)[:, 1]
        contributions = self._contributions(x, proba)
        out = []
        for i, (appt, history) in enumerate(items):
            hist = patient_history_features(appt, history)
            order = np.argsort(-np.abs(contributions[i]), kind="stable")[:TOP_FACTORS]
            factors = []
            for g in order:
                weight = float(contributions[i, g])
                if abs(weight) < FACTOR_MIN_WEIGHT:
                    break
                group = self._groups[g]
                factors.append(
                    {
                        "factor": _describe(group, appt, hist),
                        "effect": "+" if weight > 0 else "-",
                        "weight": round(weight, 3),
                        "feature": group,
                    }
                )
            out.append(NoShowPrediction(probability=round(float(proba[i]), 6), factors=factors))
        return out

    def _contributions(self, x: np.ndarray, proba: np.ndarray) -> np.ndarray:
        """Per row and feature group, the log-odds the group adds against the average appointment."""
        if self._coef is not None:
            return (x * self._coef) @ self._group_matrix
        n, groups = len(x), len(self._groups)
        occluded = np.repeat(x[np.newaxis, :, :], groups, axis=0)  # (group, row, feature)
        for g in range(groups):
            occluded[g][:, self._group_matrix[:, g] > 0] = 0.0
        with sklearn.config_context(assume_finite=True):
            p = self.head.predict_proba(occluded.reshape(groups * n, -1))[:, 1].reshape(groups, n)
        return (_logit(proba)[np.newaxis, :] - _logit(p)).T

    def predict_one(self, appt: Appt, history: Sequence[Appt]) -> NoShowPrediction:
        return self.predict([(appt, history)])[0]

    def predict_dataset(self, appts: Sequence[Appt]) -> list[NoShowPrediction]:
        """Predictions for every appointment, each with its history taken from ``appts`` (booking time)."""
        by_patient: dict[str, list[Appt]] = defaultdict(list)
        for a in appts:
            by_patient[a.patient_id].append(a)
        return self.predict([(a, history_before(a, by_patient[a.patient_id])) for a in appts])

    def predict_duration(self, appt: Appt, history: Sequence[Appt]) -> int | None:
        """Predicted visit minutes (``DurationModel.predict_duration``); None without a duration model."""
        return self.durations.predict_duration(appt, history) if self.durations is not None else None

    @property
    def version(self) -> str:
        return str(self.meta.get("version") or self.trained_at)

    def __repr__(self) -> str:
        return f"<NoShowModel n_samples={self.n_samples} trained_at={self.trained_at}>"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _describe(group: str, appt: Appt, hist: dict[str, Any]) -> str:
    """Plain words for a feature group's value on this appointment."""
    if group == "lead":
        days = lead_days(appt)
        return "booked the same day" if days == 0 else f"booked {_plural(days, 'day')} ahead"
    if group == "history":
        n, no_shows = hist["prior_visits"], hist["prior_no_shows"]
        if n == 0:
            return "no earlier visits on record"
        text = f"{_plural(no_shows, 'prior no-show')} in {_plural(n, 'past visit')}"
        return text + (", missed the last one" if hist["last_was_no_show"] else "")
    if group == "weekday":
        return f"on a {WEEKDAYS[appt.starts_at.weekday()]}"
    if group == "hour":
        return "time of day unknown" if appt.extra.get("_time_estimated") else f"{appt.starts_at.hour:02d}:00 slot"
    if group == "age":
        band = age_band(appt.age)
        return "age not recorded" if band == "unknown" else f"age {band}"
    if group == "sex":
        return {"F": "female", "M": "male"}.get((appt.sex or "").upper(), "sex not recorded")
    if group == "reminder":
        return _REMINDER_WORDS.get(appt.reminder_channel or "", "reminder channel unknown")
    if group == "visit_type":
        return f"{appt.visit_type} visit"
    if group == "department":
        return f"{appt.department} department"
    if group == "facility":
        return f"{appt.facility or 'unknown'} facility"
    if group.startswith("extra:"):
        key = group[len("extra:") :]
        value = appt.extra.get(key)
        label = _EXTRA_LABELS.get(key, key.replace("_", " "))
        if isinstance(value, bool | int | float) and not isinstance(value, bool) and value > 1:
            return f"{label} (level {value:g})"
        if isinstance(value, bool | int | float):
            return f"{label}: {'yes' if value else 'no'}"
        return f"{label} {value}" if value is not None else f"{label} not recorded"
    return group  # pragma: no cover - every group is named above


def _category(d: dict, key: str) -> str | None:
    value = d.get(key)
    return value if isinstance(value, str) else None


def fit(
    dicts: list[dict],
    y: np.ndarray,
    *,
    min_category_count: int,
    calibration: str,
    random_state: int,
    kind: str = "logistic",
) -> NoShowModel:
    names, categories, encoded = _fit_encoding(dicts, min_category_count, target_encode=kind == "gbm")
    prior = float(np.mean(y))
    target_rates = {
        key: {"prior": prior, "values": _target_rates([_category(d, key) for d in dicts], y, prior)} for key in encoded
    }
    raw = _encode(dicts, names, categories, target_rates)
    # The training rows' own target columns come out of fold (each row's rate learned without it),
    # so the trees cannot read a row's label back from its category's rate.
    for key in encoded:
        raw[:, names.index(TE_PREFIX + key)] = out_of_fold_rates(
            [_category(d, key) for d in dicts], y, prior, random_state=random_state
        )
    mean = np.nanmean(raw, axis=0)
    scale = np.nanstd(raw, axis=0)
    scale[~(scale > 0)] = 1.0
    x = np.nan_to_num((raw - mean) / scale, nan=0.0)
    # The calibration folds are stratified and unshuffled; shuffle rows once (seeded) so they are
    # random rather than blocks of time.
    order = np.random.default_rng(random_state).permutation(len(y))
    head = _head(calibration, kind, random_state).fit(x[order], y[order])
    return NoShowModel(
        feature_names=names,
        categories=categories,
        mean=mean,
        scale=scale,
        head=head,
        target_rates=target_rates,
        trained_at=datetime.now(UTC).isoformat(timespec="seconds"),
        n_samples=len(y),
        meta={
            "format": FORMAT,
            "sklearn": sklearn.__version__,
            "random_state": random_state,
            "calibration": calibration,
            "min_category_count": min_category_count,
            "kind": kind,
        },
    )
