"""No-show risk of booked appointments and predicted visit duration (pure: numpy + scikit-learn, no Django).

Features (``appointment_features``) use only what is known when the appointment is booked:

* lead time (calendar days from ``booked_at`` to ``starts_at``, in ``starts_at``'s own timezone) as a
  band and as log(1 + days); weekday and hour of ``starts_at`` (its own timezone: build ``Appt`` with
  clinic-local datetimes); age band; sex; visit type; department; facility; reminder channel;
* the patient's own history (``patient_history_features``): prior visits, prior no-shows, a shrunk
  no-show rate, prior cancellations, whether the last visit was missed — counted ONLY over
  appointments whose outcome was known before this appointment's ``booked_at`` (they started before
  it; for appointments whose clock time is unknown, as in the public CSV, the whole day must have
  passed). ``patient_history_features`` raises ``LeakageError`` when handed anything else;
* every key of ``Appt.extra`` not starting with "_" (numbers and booleans as numbers, strings as
  categories: scholarship, hypertension, ..., neighbourhood from the public CSV).

Categorical values seen fewer than ``min_category_count`` times in training are pooled as "other".

Model: standardised features -> ``LogisticRegression`` inside ``CalibratedClassifierCV`` (sigmoid,
5 folds). A linear model keeps explanations honest: each prediction's factors are the feature groups
with the largest |coefficient x standardised value| (log-odds relative to the average training
appointment; averaged over the calibration folds), worded from the appointment itself.

Honest evaluation (``train_noshow``; ``time_patient_split``): labelled appointments (attended /
no-show; cancelled and not-yet-known are left out) are split at ``boundary`` = first start + 80 % of
the starts' time range. Train = appointments starting before the boundary; test = appointments
starting at or after it whose patient has NO appointment (of any outcome) starting before it. So the
test is later in time and on unseen patients. The report also gives the time-only split (every later
appointment) for reference. The returned model is then refit on all labelled appointments (``refit``)
— the report describes the split model, never the refit one.

Durations: ``fit_durations`` -> ``DurationModel`` predicts a visit's length as the median of the
patient's own earlier attended visits of the same type, else the (department, visit type) median,
else the visit-type median, else the global one.

Persistence as in ``triage.classifier``: skops file of plain containers + fitted estimators,
``save_model`` returns the sha256, ``load_model`` checks it and refuses types outside ``ALLOWED_TYPES``.
"""

from __future__ import annotations

import bisect
import json
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score

from triage import modelfile

OUTCOMES = ("attended", "no_show", "cancelled")
LABELLED = ("attended", "no_show")
FORMAT = "clinflow-noshow/1"
MIN_CATEGORY_COUNT = 20
TOP_FACTORS = 5
FACTOR_MIN_WEIGHT = 0.02  # log-odds; smaller contributions are not worth a scheduler's attention
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LEAD_BANDS = (
    (0, "same day"),
    (1, "1-2 days"),
    (3, "3-7 days"),
    (8, "8-14 days"),
    (15, "15-30 days"),
    (31, "31-60 days"),
    (61, "61+ days"),
)
AGE_BANDS = ((0, "0-11"), (12, "12-17"), (18, "18-29"), (30, "30-44"), (45, "45-64"), (65, "65-79"), (80, "80+"))
# Shrinkage of the patient's own no-show rate towards PRIOR_RATE, worth PRIOR_WEIGHT visits.
PRIOR_RATE, PRIOR_WEIGHT = 0.2, 2.0
_EXTRA_LABELS = {
    "scholarship": "welfare scholarship",
    "hypertension": "hypertension",
    "diabetes": "diabetes",
    "alcoholism": "alcoholism",
    "handicap": "disability",
}
_REMINDER_WORDS = {"sms": "SMS reminder", "phone": "phone reminder", "email": "email reminder", "none": "no reminder"}

# Types skops may load from a model file beyond its own defaults; anything else is refused.
ALLOWED_TYPES: tuple[str, ...] = (
    *modelfile.BASE_ALLOWED_TYPES,
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.isotonic.IsotonicRegression",
    "sklearn.linear_model._logistic.LogisticRegression",
)


class LeakageError(ValueError):
    """A feature would use an appointment whose outcome was not known at booking time."""


UntrustedModelError = modelfile.UntrustedModelError


# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------
@dataclass
class Appt:
    """One appointment as the scoring code sees it (plain data, built from an ORM row or a CSV row).

    ``extra`` holds site- or source-specific flags that become features (keys starting with "_" are
    metadata, not features: ``_time_estimated`` marks a ``starts_at`` whose clock time is made up).
    """

    appointment_id: str
    patient_id: str
    booked_at: datetime
    starts_at: datetime
    age: int | None
    sex: str | None
    visit_type: str
    department: str
    provider_id: str | None
    reminder_channel: str | None
    duration_min: int | None
    outcome: str | None = None  # "attended" | "no_show" | "cancelled" | None (not known yet)
    extra: dict = field(default_factory=dict)
    facility: str | None = None

    def __post_init__(self) -> None:
        if self.booked_at.tzinfo is None or self.starts_at.tzinfo is None:
            raise ValueError(f"appointment {self.appointment_id}: booked_at and starts_at must be timezone-aware")
        if self.outcome is not None and self.outcome not in OUTCOMES:
            raise ValueError(f"appointment {self.appointment_id}: outcome must be one of {OUTCOMES} or None")


def outcome_known_at(appt: Appt) -> datetime:
    """When the appointment's outcome became known: its start, or the end of its day when the
    clock time is estimated (``extra["_time_estimated"]``, e.g. the public CSV's date-only days)."""
    if appt.extra.get("_time_estimated"):
        day = appt.starts_at.replace(hour=0, minute=0, second=0, microsecond=0)
        return day + timedelta(days=1)
    return appt.starts_at


def _known_before(h: Appt, booked_at: datetime) -> bool:
    return h.starts_at < booked_at and outcome_known_at(h) <= booked_at


def history_before(appt: Appt, appts: Iterable[Appt]) -> list[Appt]:
    """The patient's other appointments whose outcome was known when ``appt`` was booked (the
    history ``patient_history_features`` accepts), oldest first."""
    return sorted(
        (
            h
            for h in appts
            if h.patient_id == appt.patient_id
            and h.appointment_id != appt.appointment_id
            and _known_before(h, appt.booked_at)
        ),
        key=lambda h: (h.starts_at, h.appointment_id),
    )


# ---------------------------------------------------------------------------------------------
# Features
# ---------------------------------------------------------------------------------------------
def patient_history_features(appt: Appt, history: Sequence[Appt]) -> dict[str, Any]:
    """Counts over the patient's earlier appointments, as known when ``appt`` was booked.

    ``history`` must hold only this patient's appointments whose outcome was known before
    ``appt.booked_at`` (``history_before`` selects them). Raises ``LeakageError`` if any started at
    or after ``appt.booked_at`` (or, time estimated, on a day not over by then), or is ``appt``
    itself; ``ValueError`` if one belongs to another patient. Appointments with no outcome recorded
    are ignored.
    """
    for h in history:
        if h.appointment_id == appt.appointment_id:
            raise LeakageError(f"appointment {appt.appointment_id} is in its own history")
        if h.patient_id != appt.patient_id:
            raise ValueError(f"history appointment {h.appointment_id} belongs to another patient")
        if not _known_before(h, appt.booked_at):
            raise LeakageError(
                f"history appointment {h.appointment_id} (starts {h.starts_at.isoformat()}) was not over when "
                f"appointment {appt.appointment_id} was booked ({appt.booked_at.isoformat()})"
            )
    visits = sorted((h for h in history if h.outcome in LABELLED), key=lambda h: (h.starts_at, h.appointment_id))
    n = len(visits)
    no_shows = sum(h.outcome == "no_show" for h in visits)
    return {
        "prior_visits": n,
        "prior_no_shows": no_shows,
        "prior_attended": n - no_shows,
        "prior_cancellations": sum(h.outcome == "cancelled" for h in history),
        "prior_no_show_rate": no_shows / n if n else 0.0,
        "last_was_no_show": bool(visits) and visits[-1].outcome == "no_show",
    }


def lead_days(appt: Appt) -> int:
    """Calendar days from booking to start, in ``starts_at``'s timezone (0 = same day; never negative)."""
    booked = appt.booked_at.astimezone(appt.starts_at.tzinfo)
    return max(0, (appt.starts_at.date() - booked.date()).days)


def _band(value: int, bands: tuple[tuple[int, str], ...]) -> str:
    label = bands[0][1]
    for low, name in bands:
        if value >= low:
            label = name
    return label


def age_band(age: int | None) -> str:
    return "unknown" if age is None or age < 0 else _band(age, AGE_BANDS)


def appointment_features(appt: Appt, history: Sequence[Appt]) -> dict[str, float | str]:
    """The model's input for one appointment: booking-time facts + ``patient_history_features``."""
    lead = lead_days(appt)
    hist = patient_history_features(appt, history)
    n, no_shows = hist["prior_visits"], hist["prior_no_shows"]
    features: dict[str, float | str] = {
        "lead_band": _band(lead, LEAD_BANDS),
        "lead_log": math.log1p(lead),
        "weekday": WEEKDAYS[appt.starts_at.weekday()],
        "hour": "unknown" if appt.extra.get("_time_estimated") else f"{appt.starts_at.hour:02d}",
        "visit_type": appt.visit_type or "unknown",
        "department": appt.department or "unknown",
        "hist_none": float(n == 0),
        "hist_visits_log": math.log1p(n),
        "hist_no_shows": float(min(no_shows, 5)),
        "hist_rate": (no_shows + PRIOR_RATE * PRIOR_WEIGHT) / (n + PRIOR_WEIGHT),
        "hist_last_no_show": float(hist["last_was_no_show"]),
        "hist_cancellations_log": math.log1p(hist["prior_cancellations"]),
    }
    # Not recorded -> key left out: the model treats it as the training average (no contribution).
    if appt.age is not None and appt.age >= 0:
        features["age_band"] = age_band(appt.age)
    if appt.sex:
        features["sex"] = appt.sex.upper()
    if appt.facility:
        features["facility"] = appt.facility
    if appt.reminder_channel:
        features["reminder"] = appt.reminder_channel
    for key in sorted(appt.extra):
        value = appt.extra[key]
        if key.startswith("_") or value is None:
            continue
        features[f"x_{key}"] = float(value) if isinstance(value, bool | int | float) else str(value)
    return features


def _label(appt: Appt) -> int | None:
    return {"no_show": 1, "attended": 0}.get(appt.outcome or "")


def build_features(appts: Sequence[Appt]) -> tuple[list[dict[str, float | str]], list[int | None]]:
    """Features of every appointment (input order) computed from the others in ``appts``, and labels
    (1 = no-show, 0 = attended, None = cancelled or not known yet).

    Each appointment's history is the same patient's appointments in ``appts`` whose outcome was
    known at its ``booked_at`` — so adding a later appointment, or changing its outcome, never
    changes an earlier booking's features (a test proves it).
    """
    by_patient: dict[str, list[Appt]] = defaultdict(list)
    for a in appts:
        by_patient[a.patient_id].append(a)
    ordered: dict[str, tuple[list[Appt], list[datetime]]] = {}
    for pid, items in by_patient.items():
        items.sort(key=lambda h: (outcome_known_at(h), h.starts_at, h.appointment_id))
        ordered[pid] = (items, [outcome_known_at(h) for h in items])
    features = []
    for a in appts:
        items, known = ordered[a.patient_id]
        # candidates: outcome known at or before booking; then the strict start test
        cut = bisect.bisect_right(known, a.booked_at)
        history = [h for h in items[:cut] if h.appointment_id != a.appointment_id and h.starts_at < a.booked_at]
        features.append(appointment_features(a, history))
    return features, [_label(a) for a in appts]


# ---------------------------------------------------------------------------------------------
# Encoding (dicts -> standardised matrix); plain lists/arrays so the model file stays simple
# ---------------------------------------------------------------------------------------------
def _fit_encoding(dicts: list[dict], min_count: int) -> tuple[list[str], dict[str, list[str]]]:
    numeric: set[str] = set()
    counts: dict[str, Counter] = defaultdict(Counter)
    for d in dicts:
        for key, value in d.items():
            if isinstance(value, str):
                counts[key][value] += 1
            else:
                numeric.add(key)
    categories: dict[str, list[str]] = {}
    names = sorted(numeric)
    for key in sorted(counts):
        kept = sorted(v for v, c in counts[key].items() if c >= min_count and v != "other")
        if len(kept) < len(counts[key]):
            kept.append("other")
        categories[key] = kept
        names.extend(f"{key}={v}" for v in kept)
    return names, categories


def _encode(dicts: list[dict], names: list[str], categories: dict[str, list[str]]) -> np.ndarray:
    """Raw matrix; NaN where a feature is missing (key absent, or a category value with no column of
    its own and no "other"), so that it can be imputed with the training mean."""
    index = {name: j for j, name in enumerate(names)}
    columns_of: dict[str, list[int]] = defaultdict(list)
    for j, name in enumerate(names):
        columns_of[name.split("=", 1)[0]].append(j)
    x = np.full((len(dicts), len(names)), np.nan)
    for i, d in enumerate(dicts):
        for key, value in d.items():
            if isinstance(value, str):
                kept = categories.get(key)
                if kept is None:
                    continue
                j = index.get(f"{key}={value if value in kept else 'other'}")
                if j is not None:
                    x[i, columns_of[key]] = 0.0
                    x[i, j] = 1.0
            else:
                j = index.get(key)
                if j is not None:
                    x[i, j] = float(value)
    return x


def _group(name: str) -> str:
    key = name.split("=", 1)[0]
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


def _head(calibration: str) -> CalibratedClassifierCV:
    logistic = LogisticRegression(C=0.5, max_iter=2000)
    return CalibratedClassifierCV(logistic, method=calibration, cv=5)


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
    ) -> None:
        self.feature_names = list(feature_names)
        self.categories = {k: list(v) for k, v in categories.items()}
        self.mean = np.asarray(mean, dtype=float)
        self.scale = np.asarray(scale, dtype=float)
        self.head = head
        self.trained_at = trained_at
        self.n_samples = n_samples
        self.meta = dict(meta or {})
        self.report = report or {}
        self.durations = durations
        coefs = [c.estimator.coef_[0] for c in head.calibrated_classifiers_]
        self._coef = np.mean(coefs, axis=0)  # log-odds weights of the standardised features (no-show = 1)
        groups = sorted({_group(n) for n in self.feature_names})
        self._groups = groups
        self._group_matrix = np.zeros((len(self.feature_names), len(groups)))
        for j, name in enumerate(self.feature_names):
            self._group_matrix[j, groups.index(_group(name))] = 1.0

    def matrix(self, feature_dicts: list[dict]) -> np.ndarray:
        """Standardised feature matrix of ``appointment_features`` dicts (missing -> 0, the training mean)."""
        x = (_encode(feature_dicts, self.feature_names, self.categories) - self.mean) / self.scale
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
        contributions = (x * self._coef) @ self._group_matrix
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


def _fit(
    dicts: list[dict], y: np.ndarray, *, min_category_count: int, calibration: str, random_state: int
) -> NoShowModel:
    names, categories = _fit_encoding(dicts, min_category_count)
    raw = _encode(dicts, names, categories)
    mean = np.nanmean(raw, axis=0)
    scale = np.nanstd(raw, axis=0)
    scale[~(scale > 0)] = 1.0
    x = np.nan_to_num((raw - mean) / scale, nan=0.0)
    # The calibration folds are stratified and unshuffled; shuffle rows once (seeded) so they are
    # random rather than blocks of time.
    order = np.random.default_rng(random_state).permutation(len(y))
    head = _head(calibration).fit(x[order], y[order])
    return NoShowModel(
        feature_names=names,
        categories=categories,
        mean=mean,
        scale=scale,
        head=head,
        trained_at=datetime.now(UTC).isoformat(timespec="seconds"),
        n_samples=len(y),
        meta={
            "format": FORMAT,
            "sklearn": sklearn.__version__,
            "random_state": random_state,
            "calibration": calibration,
            "min_category_count": min_category_count,
        },
    )


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


def calibration_table(y_true: Sequence[int], y_prob: Sequence[float], *, n_bins: int = 10) -> list[dict[str, Any]]:
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


def evaluate_predictions(y_true: Sequence[int], y_prob: Sequence[float], *, n_bins: int = 10) -> dict[str, Any]:
    """AUC, Brier score, base rate, the Brier score of always predicting the base rate, and the
    calibration table (JSON-serialisable; usable on live outcomes too)."""
    y = np.asarray(y_true, dtype=int)
    p = np.asarray(y_prob, dtype=float)
    if len(y) == 0:
        return {"n": 0, "base_rate": None, "auc": None, "brier": None, "brier_reference": None, "calibration": []}
    base = float(y.mean())
    return {
        "n": len(y),
        "base_rate": round(base, 4),
        "auc": round(float(roc_auc_score(y, p)), 4) if 0 < y.sum() < len(y) else None,
        "brier": round(float(brier_score_loss(y, p, pos_label=1)), 4),
        "brier_reference": round(base * (1 - base), 4),
        "mean_predicted": round(float(p.mean()), 4),
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
    options = {"min_category_count": min_category_count, "calibration": calibration, "random_state": random_state}
    model = _fit([x_all[i] for i in split.train], y_train, **options)
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
        "model": f"logistic regression, {calibration}-calibrated (5 folds)",
    }
    # Headline numbers (the honest held-out split) at the top level, for registries and dashboards.
    for key in ("auc", "brier", "base_rate", "brier_reference"):
        report[key] = report["test"][key]
    if refit:
        model = _fit(x_all, y_all, **options)
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


# ---------------------------------------------------------------------------------------------
# Persistence
# ---------------------------------------------------------------------------------------------


def save_model(model: NoShowModel, path: str | Path) -> str:
    """Write the model with skops (plain containers + the fitted head); return the file's sha256."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "format": FORMAT,
        "feature_names": list(model.feature_names),
        "categories": {k: list(v) for k, v in model.categories.items()},
        "mean": np.asarray(model.mean, dtype=float),
        "scale": np.asarray(model.scale, dtype=float),
        "head": model.head,
        "trained_at": model.trained_at,
        "n_samples": int(model.n_samples),
        "meta": {k: v for k, v in model.meta.items() if isinstance(v, str | int | float | bool)},
        "report_json": json.dumps(model.report, sort_keys=True),
        "durations_json": json.dumps(model.durations.to_dict() if model.durations is not None else None),
    }
    return modelfile.dump_payload(payload, path)


def load_model(path: str | Path, *, sha256: str) -> NoShowModel:
    """Load a model saved by ``save_model``.

    Raises ValueError when the file's sha256 differs from ``sha256`` (checked before anything is
    parsed), and UntrustedModelError (a ValueError) when the file holds any type outside
    ``ALLOWED_TYPES`` or is not a no-show model.
    """
    path = Path(path)
    payload = modelfile.load_payload(path, sha256=sha256, allowed_types=ALLOWED_TYPES)
    if not (
        isinstance(payload, dict)
        and payload.get("format") == FORMAT
        and isinstance(payload.get("head"), CalibratedClassifierCV)
        and isinstance(payload.get("feature_names"), list)
        and isinstance(payload.get("mean"), np.ndarray)
        and isinstance(payload.get("scale"), np.ndarray)
        and len(payload["mean"]) == len(payload["scale"]) == len(payload["feature_names"])
    ):
        raise UntrustedModelError(f"{path.name} is not a {FORMAT} model file")
    durations = json.loads(payload.get("durations_json") or "null")
    return NoShowModel(
        feature_names=payload["feature_names"],
        categories=payload["categories"],
        mean=payload["mean"],
        scale=payload["scale"],
        head=payload["head"],
        trained_at=payload["trained_at"],
        n_samples=payload["n_samples"],
        meta=payload.get("meta"),
        report=json.loads(payload.get("report_json") or "{}"),
        durations=DurationModel.from_dict(durations) if isinstance(durations, dict) else None,
    )


# ---------------------------------------------------------------------------------------------
# Visit duration
# ---------------------------------------------------------------------------------------------
@dataclass
class DurationModel:
    """Median visit durations (minutes) of attended appointments, for fallbacks.

    ``predict_duration`` prefers the patient's own earlier attended visits of the same visit type
    (from ``history``); else the (department, visit type) median if that group had at least
    ``min_group`` visits; else the visit-type median (same rule); else the global median; else None.
    Feed it actual durations (e.g. ``EncounterClosed.duration_min``) where you have them.
    """

    by_department: dict[str, dict[str, float]] = field(default_factory=dict)
    by_visit_type: dict[str, float] = field(default_factory=dict)
    global_median: float | None = None
    min_group: int = 5

    def predict_duration(self, appt: Appt, history: Sequence[Appt]) -> int | None:
        own = [
            h.duration_min
            for h in history
            if h.patient_id == appt.patient_id
            and h.appointment_id != appt.appointment_id
            and h.visit_type == appt.visit_type
            and h.outcome == "attended"
            and h.duration_min is not None
            and h.starts_at < appt.starts_at
        ]
        for value in (
            statistics.median(own) if own else None,
            self.by_department.get(appt.department, {}).get(appt.visit_type),
            self.by_visit_type.get(appt.visit_type),
            self.global_median,
        ):
            if value is not None:
                return max(1, round(value))
        return None

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form (e.g. for a JSONField); ``from_dict`` reverses it."""
        return {
            "by_department": self.by_department,
            "by_visit_type": self.by_visit_type,
            "global_median": self.global_median,
            "min_group": self.min_group,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DurationModel:
        return cls(
            by_department={d: dict(v) for d, v in data.get("by_department", {}).items()},
            by_visit_type=dict(data.get("by_visit_type", {})),
            global_median=data.get("global_median"),
            min_group=int(data.get("min_group", 5)),
        )


def fit_durations(appts: Iterable[Appt], *, min_group: int = 5) -> DurationModel:
    """Fallback medians from attended appointments with a duration."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_type: dict[str, list[int]] = defaultdict(list)
    everything: list[int] = []
    for a in appts:
        if a.outcome != "attended" or a.duration_min is None:
            continue
        groups[(a.department, a.visit_type)].append(a.duration_min)
        by_type[a.visit_type].append(a.duration_min)
        everything.append(a.duration_min)
    by_department: dict[str, dict[str, float]] = defaultdict(dict)
    for (department, visit_type), values in sorted(groups.items()):
        if len(values) >= min_group:
            by_department[department][visit_type] = float(statistics.median(values))
    return DurationModel(
        by_department=dict(by_department),
        by_visit_type={k: float(statistics.median(v)) for k, v in sorted(by_type.items()) if len(v) >= min_group},
        global_median=float(statistics.median(everything)) if everything else None,
        min_group=min_group,
    )
