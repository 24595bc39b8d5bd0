"""Triage model files (pure): a dict of fitted estimators + metadata in a skops file, read back only
when the registry's sha256 matches and every type in it is allowed (``mlregistry.modelfile``)."""

from __future__ import annotations

from pathlib import Path

from sklearn.calibration import CalibratedClassifierCV
from sklearn.pipeline import FeatureUnion

from mlregistry import modelfile
from triage.classifier.model import FORMAT, TriageModel

# Types skops may load from a model file beyond its own defaults. Anything else in the file
# (a custom class, a function, ...) makes load_model refuse it.
ALLOWED_TYPES: tuple[str, ...] = (
    *modelfile.BASE_ALLOWED_TYPES,
    "scipy.sparse._csr.csr_matrix",
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.pipeline.FeatureUnion",
)


UntrustedModelError = modelfile.UntrustedModelError


class OutdatedModelError(UntrustedModelError):
    """A triage model file of an earlier format (e.g. without the care-level head): retrain."""


def save_model(model: TriageModel, path: str | Path) -> str:
    """Write the model with skops (a dict of fitted estimators + metadata); return its sha256."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "format": FORMAT,
        "features": model.features,
        "urgency": model.urgency_clf,
        "intent": model.intent_clf,
        "care_level": model.care_level_clf,
        "trained_at": model.trained_at,
        "n_samples": int(model.n_samples),
        "classes": {k: list(v) for k, v in model.classes.items()},
        "meta": {k: v for k, v in model.meta.items() if isinstance(v, str | int | float | bool)},
    }
    return modelfile.dump_payload(payload, path)


def load_model(path: str | Path, *, sha256: str) -> TriageModel:
    """Load a model saved by ``save_model``.

    Raises ValueError when the file's sha256 differs from ``sha256`` (checked before anything
    is parsed), and UntrustedModelError (a ValueError) when the file holds any type outside
    ``ALLOWED_TYPES`` or is not a triage model.
    """
    path = Path(path)
    payload = modelfile.load_payload(path, sha256=sha256, allowed_types=ALLOWED_TYPES)
    found = payload.get("format") if isinstance(payload, dict) else None
    if isinstance(found, str) and found.startswith("clinflow-triage/") and found != FORMAT:
        raise OutdatedModelError(f"{path.name} is a {found} model file; this version reads {FORMAT}")
    if not (
        isinstance(payload, dict)
        and payload.get("format") == FORMAT
        and isinstance(payload.get("features"), FeatureUnion)
        and isinstance(payload.get("urgency"), CalibratedClassifierCV)
        and isinstance(payload.get("intent"), CalibratedClassifierCV)
        and isinstance(payload.get("care_level"), CalibratedClassifierCV)
    ):
        raise UntrustedModelError(f"{path.name} is not a {FORMAT} model file")
    return TriageModel(
        features=payload["features"],
        urgency=payload["urgency"],
        intent=payload["intent"],
        care_level=payload["care_level"],
        trained_at=payload["trained_at"],
        n_samples=payload["n_samples"],
        classes=payload.get("classes"),
        meta=payload.get("meta"),
    )
