"""No-show model files (pure): plain containers + the fitted head in a skops file, read back only
when the registry's sha256 matches and every type in it is allowed (``mlregistry.modelfile``)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from sklearn.calibration import CalibratedClassifierCV

from mlregistry import modelfile
from scheduling.duration import DurationModel
from scheduling.noshow.model import FORMAT, NoShowModel

# Types skops may load from a model file beyond its own defaults; anything else is refused.
ALLOWED_TYPES: tuple[str, ...] = (
    *modelfile.BASE_ALLOWED_TYPES,
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.isotonic.IsotonicRegression",
    "sklearn.linear_model._logistic.LogisticRegression",
    # the gradient-boosted challenger
    "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier",
    "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    "sklearn._loss.loss.HalfBinomialLoss",
    "sklearn._loss.link.LogitLink",
    "sklearn._loss.link.Interval",
)


UntrustedModelError = modelfile.UntrustedModelError


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
        "target_rates_json": json.dumps(model.target_rates, sort_keys=True),
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
        target_rates=_target_rates(payload.get("target_rates_json")),
    )


def _target_rates(text) -> dict:
    """The trees' target-encoded categories (absent in files written before them)."""
    rates = json.loads(text or "{}")
    if not isinstance(rates, dict) or not all(
        isinstance(v, dict) and isinstance(v.get("prior"), float | int) and isinstance(v.get("values"), dict)
        for v in rates.values()
    ):
        raise UntrustedModelError("the model file's target rates are malformed")
    return rates
