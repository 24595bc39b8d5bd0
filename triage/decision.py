"""Who decides a message's care level (pure): the complaint protocols or the classifier.

1. A protocol criterion (or clinical score) that fires decides: it is deterministic and cites its
   guideline, so its confidence is 1 and it never waits for review of the model.
2. A protocol's default (its complaint is present, none of its criteria fired) decides the level;
   the confidence is the classifier's agreement that the message is not more urgent than that
   (its probability of every level up to the default's urgency band), so a classifier that
   strongly disagrees sends the item to human review (below the policy's threshold) — the level
   stays the protocol's.
3. No protocol applies: the classifier's care level, with the probability of its urgency band as the
   confidence (routing acts on the band: self-care and within two weeks are both routine) — but
   the classifier alone never sends a message to ``emergency``: it goes to human review at
   ``same_day``, so every emergency a nurse sees names a criterion she can check.

Low confidence still goes to review (``queues.routing``), never to silence.
"""

from __future__ import annotations

from dataclasses import dataclass

from triage.classifier import TriagePrediction
from triage.protocols import Assessment
from vocabulary import CARE_LEVEL_RANK, CARE_LEVEL_URGENCY, URGENCY_CARE_LEVEL, CareLevel


@dataclass(frozen=True)
class TriageDecision:
    care_level: str
    urgency: str
    confidence: float
    basis: str  # protocol | protocol_default | classifier | classifier_capped
    review: bool  # a person must look whatever the confidence
    why: str


def classifier_care_level(prediction: TriagePrediction) -> tuple[str, dict[str, float]]:
    """The classifier's care level and its probabilities (a model from before the care-level head:
    the level its urgency stands for)."""
    if prediction.care_level:
        return prediction.care_level, prediction.care_level_proba
    level = URGENCY_CARE_LEVEL[prediction.urgency]
    return level, {level: prediction.confidence}


def decide(assessment: Assessment, prediction: TriagePrediction) -> TriageDecision:
    model_level, proba = classifier_care_level(prediction)
    hit = assessment.decided_by
    if hit is not None and assessment.by_criterion:
        level = hit.care_level
        return TriageDecision(
            level, CARE_LEVEL_URGENCY[level], 1.0, "protocol", False, f"{hit.protocol}/{hit.criterion}"
        )
    if hit is not None:
        # the protocol's default decides the level (the classifier sets it only where no protocol
        # applies); its confidence is the classifier's agreement that it is not more urgent, so a
        # strong disagreement sends the item to review (queues.routing) without changing the level
        level = hit.care_level
        agree = sum(p for lvl, p in proba.items() if CARE_LEVEL_RANK[lvl] <= max(CARE_LEVEL_RANK[level], 3))
        return TriageDecision(
            level,
            CARE_LEVEL_URGENCY[level],
            round(float(agree), 4),
            "protocol_default",
            False,
            f"{hit.protocol}/default",
        )
    # confidence in what routing acts on: the urgency band (self-care and within 2 weeks are both routine)
    band = CARE_LEVEL_URGENCY[model_level]
    confidence = round(float(sum(p for lvl, p in proba.items() if CARE_LEVEL_URGENCY.get(lvl) == band)), 4)
    if model_level == CareLevel.EMERGENCY:
        level = CareLevel.SAME_DAY.value
        return TriageDecision(
            level,
            CARE_LEVEL_URGENCY[level],
            confidence,
            "classifier_capped",
            True,
            "the classifier says emergency but no protocol criterion fired: review at same_day",
        )
    return TriageDecision(model_level, CARE_LEVEL_URGENCY[model_level], confidence, "classifier", False, "classifier")
