"""How good the triage classifier is (pure): cross-validated and hold-out reports, per class and with
the red-flag rules applied as the scoring service applies them, and a readable table of them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold, train_test_split

from triage.classifier.model import TriageModel, train_triage_model
from vocabulary import INTENTS, URGENCIES
from vocabulary import URGENCY_RANK as _URGENCY_RANK


def _target_report(y_true: list[str], y_pred: list[str], labels: tuple[str, ...]) -> dict[str, Any]:
    present = [label for label in labels if label in set(y_true) | set(y_pred)]
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=present, zero_division=0)
    per_class = {
        label: {
            "precision": round(float(p[i]), 4),
            "recall": round(float(r[i]), 4),
            "f1": round(float(f[i]), 4),
            "support": int(s[i]),
        }
        for i, label in enumerate(present)
    }
    return {
        "per_class": per_class,
        "macro_f1": round(float(np.mean(f)), 4),
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4),
        "confusion": {"labels": present, "matrix": confusion_matrix(y_true, y_pred, labels=present).tolist()},
    }


def _with_rules(texts: list[str], predicted: list[str]) -> list[str]:
    """Urgency after the red-flag rules raise it (as the scoring service combines them)."""
    from triage.redflags import find_red_flags

    combined = []
    for text, urgency in zip(texts, predicted, strict=True):
        for hit in find_red_flags(text):
            if _URGENCY_RANK[hit.urgency] > _URGENCY_RANK[urgency]:
                urgency = hit.urgency
        combined.append(urgency)
    return combined


def _report(method: str, texts, urgency_true, urgency_pred, intent_true, intent_pred, n_samples) -> dict[str, Any]:
    urgency = _target_report(urgency_true, urgency_pred, URGENCIES)
    combined = _target_report(urgency_true, _with_rules(texts, urgency_pred), URGENCIES)
    return {
        "method": method,
        "n_samples": n_samples,
        "n_evaluated": len(urgency_true),
        "urgency": urgency,
        "intent": _target_report(intent_true, intent_pred, INTENTS),
        "emergent_recall": urgency["per_class"].get("emergent", {}).get("recall", 0.0),
        "with_rules": {
            "urgency": combined,
            "emergent_recall": combined["per_class"].get("emergent", {}).get("recall", 0.0),
        },
    }


def evaluate(samples: Sequence[tuple[str, ...]], *, folds: int = 5, random_state: int = 0) -> dict[str, Any]:
    """Stratified (by urgency) k-fold cross-validated report; JSON-serialisable."""
    samples = list(samples)
    texts = [s[0] for s in samples]
    urgency_true = [s[1] for s in samples]
    intent_true = [s[2] for s in samples]
    urgency_pred = [""] * len(samples)
    intent_pred = [""] * len(samples)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=random_state)
    for train_index, test_index in splitter.split(texts, urgency_true):
        model = train_triage_model([samples[i] for i in train_index], random_state=random_state)
        for i, prediction in zip(test_index, model.predict([texts[i] for i in test_index]), strict=True):
            urgency_pred[i] = prediction.urgency
            intent_pred[i] = prediction.intent
    return _report(
        f"{folds}-fold stratified cross-validation",
        texts,
        urgency_true,
        urgency_pred,
        intent_true,
        intent_pred,
        len(samples),
    )


def holdout_report(
    samples: list[tuple[str, str, str]], *, test_size: float = 0.25, random_state: int = 0
) -> dict[str, Any]:
    """Train on a stratified split, report on the held-out part (same shape as ``evaluate``)."""
    samples = list(samples)
    train, test = holdout_split(samples, test_size=test_size, random_state=random_state)
    model = train_triage_model(train, random_state=random_state)
    return score_report(model, test, method=f"stratified hold-out ({test_size:.0%} test)", n_samples=len(samples))


def score_report(
    model: TriageModel,
    samples: list[tuple[str, str, str]],
    *,
    method: str = "held-out samples",
    n_samples: int | None = None,
) -> dict[str, Any]:
    """Report (same shape as ``evaluate``) of a trained model on labelled samples it did not see."""
    samples = list(samples)
    texts = [s[0] for s in samples]
    predictions = model.predict(texts)
    return _report(
        method,
        texts,
        [s[1] for s in samples],
        [p.urgency for p in predictions],
        [s[2] for s in samples],
        [p.intent for p in predictions],
        n_samples if n_samples is not None else len(samples),
    )


def holdout_split(samples: list[tuple[str, str, str]], *, test_size: float = 0.25, random_state: int = 0):
    """The stratified (by urgency) train/test split ``holdout_report`` uses."""
    samples = list(samples)
    train, test = train_test_split(
        samples, test_size=test_size, random_state=random_state, stratify=[s[1] for s in samples]
    )
    return train, test


def format_report(report: dict[str, Any]) -> str:
    """A readable table of a report from ``evaluate`` or ``holdout_report``."""
    if not report:
        return "(no evaluation)"
    lines = [f"{report['method']}: {report['n_evaluated']} evaluated of {report['n_samples']} samples"]

    def table(title: str, part: dict[str, Any]) -> None:
        lines.append("")
        lines.append(f"{title:<24}{'precision':>10}{'recall':>9}{'f1':>8}{'support':>9}")
        for label, m in part["per_class"].items():
            lines.append(f"  {label:<22}{m['precision']:>10.3f}{m['recall']:>9.3f}{m['f1']:>8.3f}{m['support']:>9d}")
        lines.append(f"  {'macro F1':<22}{'':>10}{'':>9}{part['macro_f1']:>8.3f}")
        lines.append(f"  {'accuracy':<22}{'':>10}{'':>9}{part['accuracy']:>8.3f}")

    table("urgency (classifier)", report["urgency"])
    table("intent", report["intent"])
    if "with_rules" in report:
        table("urgency (+ red flags)", report["with_rules"]["urgency"])
    lines.append("")
    lines.append(
        f"emergent recall: classifier {report['emergent_recall']:.3f}"
        + (f", with red-flag rules {report['with_rules']['emergent_recall']:.3f}" if "with_rules" in report else "")
    )
    return "\n".join(lines)
