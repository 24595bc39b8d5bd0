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

Durations: ``scheduling.duration`` (``fit_durations`` -> ``DurationModel``, medians of earlier
attended visits); ``train_noshow`` fits one into the returned model.

Persistence as in ``triage.classifier``: skops file of plain containers + fitted estimators,
``save_model`` returns the sha256, ``load_model`` checks it and refuses types outside ``ALLOWED_TYPES``.

Modules: ``scheduling.appts`` (the ``Appt`` data and booking-time history), ``features``, ``model``
(encoding, the calibrated model, factor wording), ``evaluation`` (split, metrics, ``train_noshow``,
``format_report``), ``persistence``. The names below are the package's API.
"""

from scheduling.appts import LABELLED, OUTCOMES, Appt, history_before, outcome_known_at
from scheduling.duration import DurationModel, fit_durations
from scheduling.noshow.evaluation import (
    MIN_CATEGORY_COUNT,
    Split,
    calibration_table,
    evaluate_predictions,
    format_report,
    time_patient_split,
    train_noshow,
)
from scheduling.noshow.features import (
    LeakageError,
    age_band,
    appointment_features,
    build_features,
    lead_days,
    patient_history_features,
)
from scheduling.noshow.model import FORMAT, NoShowModel, NoShowPrediction
from scheduling.noshow.persistence import ALLOWED_TYPES, UntrustedModelError, load_model, save_model

__all__ = [
    "ALLOWED_TYPES",
    "FORMAT",
    "LABELLED",
    "MIN_CATEGORY_COUNT",
    "OUTCOMES",
    "Appt",
    "DurationModel",
    "LeakageError",
    "NoShowModel",
    "NoShowPrediction",
    "Split",
    "UntrustedModelError",
    "age_band",
    "appointment_features",
    "build_features",
    "calibration_table",
    "evaluate_predictions",
    "fit_durations",
    "format_report",
    "history_before",
    "lead_days",
    "load_model",
    "outcome_known_at",
    "patient_history_features",
    "save_model",
    "time_patient_split",
    "train_noshow",
]
