"""Scoring one message (pure, no database): the complaint protocols, the classifier, and
``triage.decision`` saying which of them decides. ``triage.services.message_triage`` stores and
routes what this returns; ``triage.evaluation`` and ``benchmarks/triage.py`` call it directly."""

from __future__ import annotations

import time
from typing import Any

from triage import decision, disposition, protocols, redflags


def score_text(*, text: str, model) -> dict[str, Any]:
    """Complaint protocols + classifier for one text (no database); ``triage.decision`` says who
    decides the care level. The classifier always gives the intent."""
    started = time.perf_counter()
    assessment = protocols.assess(text)
    prediction = model.predict_one(text)
    decided = decision.decide(assessment, prediction)
    model_level, model_proba = decision.classifier_care_level(prediction)
    rationale = [hit.as_dict() for hit in assessment.hits]
    # v1 clients read red-flag entries of kind "rule" (CONTRACT.md); they inform, protocols decide
    rationale += [hit.as_dict() for hit in redflags.find_red_flags(text)]
    if assessment.decided_by is not None and assessment.decided_by.kind == "default":
        rationale.insert(0, assessment.decided_by.as_dict())
    rationale += list(prediction.top_terms)
    if assessment.decided_by is not None and decided.basis in ("protocol", "protocol_default"):
        text_out = assessment.disposition
    else:
        text_out = disposition.recommend(
            urgency=decided.urgency, intent=prediction.intent, rules=[], care_level=decided.care_level
        )
    if decided.review:
        text_out = f"Review: {decided.why}. {text_out}"
    return {
        "care_level": decided.care_level,
        "urgency": decided.urgency,
        "intent": prediction.intent,
        "confidence": decided.confidence,
        "basis": decided.basis,
        "review": decided.review,
        "why": decided.why,
        "protocol": assessment.protocol or "",
        "model_urgency": prediction.urgency,
        "model_care_level": model_level,
        "model_confidence": round(float(prediction.confidence), 4),
        "probabilities": {
            "urgency": prediction.urgency_proba,
            "intent": prediction.intent_proba,
            "care_level": model_proba,
        },
        "rationale": rationale,
        "findings": assessment.findings.as_dict(),
        "disposition": text_out[:300],
        "latency_ms": round((time.perf_counter() - started) * 1000, 3),
    }
