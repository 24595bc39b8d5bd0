"""Triage classifier: urgency and intent of a patient message (pure scikit-learn, no Django).

One TF-IDF feature space (word 1-2 grams + char_wb 2-5 grams, sublinear tf) is shared by two
calibrated, class-balanced logistic regressions: one for urgency, one for intent
(``CalibratedClassifierCV``, sigmoid, 3 folds). ``TriageModel.urgency_pipeline`` and
``intent_pipeline`` expose them as ordinary sklearn ``Pipeline`` objects; ``predict`` vectorises
a batch once and runs both heads on it. For speed, ``predict`` computes the same numbers as
those pipelines from the fitted parameters without sklearn's per-call validation
(``_FastTfidf``, ``_FastCalibrated``; a test checks they agree): a single message then takes
about 1 ms instead of ~15 ms.

``top_terms`` explains the urgency call: the word features with the largest (averaged over the
calibration folds, uncalibrated) logistic-regression coefficient x tf-idf value for the chosen
class, function words left out, each with the span of its first occurrence in the text.

Persistence uses skops: ``save_model`` writes a plain dict of the fitted estimators plus
metadata and returns the file's sha256; ``load_model`` checks the hash first, then refuses any
type in the file outside an explicit allow-list before loading.

Modules: ``model`` (seed corpus, training, prediction: the path every scored message takes),
``evaluation`` (cross-validated / hold-out reports, ``format_report``), ``persistence``. The
names below are the package's API.
"""

from triage.classifier.evaluation import evaluate, format_report, holdout_report, holdout_split, score_report
from triage.classifier.model import (
    FORMAT,
    INTENTS,
    SEED_CORPUS,
    TOP_TERMS,
    URGENCIES,
    Sample,
    TriageModel,
    TriagePrediction,
    corpus_samples,
    load_corpus,
    load_seed_corpus,
    train_triage_model,
)
from triage.classifier.persistence import ALLOWED_TYPES, OutdatedModelError, UntrustedModelError, load_model, save_model

__all__ = [
    "ALLOWED_TYPES",
    "OutdatedModelError",
    "Sample",
    "FORMAT",
    "INTENTS",
    "SEED_CORPUS",
    "TOP_TERMS",
    "URGENCIES",
    "TriageModel",
    "TriagePrediction",
    "UntrustedModelError",
    "evaluate",
    "format_report",
    "holdout_report",
    "holdout_split",
    "corpus_samples",
    "load_corpus",
    "load_model",
    "load_seed_corpus",
    "save_model",
    "score_report",
    "train_triage_model",
]
