"""Who decides the care level (triage.decision), without a database or a trained model."""

from triage.classifier import TriagePrediction
from triage.decision import decide
from triage.protocols import assess


def prediction(care_level: str, p: float, *, urgency: str = "routine") -> TriagePrediction:
    rest = (1 - p) / 5
    levels = ("emergency", "same_day", "within_3_days", "within_2_weeks", "self_care", "administrative")
    proba = {lvl: (p if lvl == care_level else rest) for lvl in levels}
    return TriagePrediction(
        urgency=urgency,
        urgency_proba={urgency: 1.0},
        intent="symptom",
        intent_proba={"symptom": 1.0},
        confidence=1.0,
        care_level=care_level,
        care_level_proba=proba,
    )


def test_a_protocol_criterion_decides_with_certainty_whatever_the_classifier_says():
    d = decide(assess("crushing chest pain going down my left arm"), prediction("self_care", 0.9))
    assert (d.care_level, d.urgency, d.confidence, d.basis, d.review) == (
        "emergency",
        "emergent",
        1.0,
        "protocol",
        False,
    )


def test_the_classifier_alone_never_sends_a_message_to_emergency():
    d = decide(assess("please help me something is really wrong"), prediction("emergency", 0.95, urgency="emergent"))
    assert (d.care_level, d.urgency, d.basis, d.review) == ("same_day", "urgent", "classifier_capped", True)


def test_without_a_protocol_the_classifier_sets_a_non_emergency_level():
    d = decide(assess("can I get my refill sent to the other pharmacy"), prediction("within_2_weeks", 0.6))
    assert (d.care_level, d.basis, d.review) == ("within_2_weeks", "classifier", False)
    # routing acts on the urgency band: within 2 weeks, 3 days and self-care are all routine
    assert d.confidence >= 0.6


def test_a_protocol_default_decides_and_the_classifier_only_sets_its_confidence():
    text = "I have chest pain"  # an adult: the chest-pain criterion fires, not the default
    assert decide(assess(text), prediction("self_care", 0.9)).basis == "protocol"
    child = assess("my 8 yo says his chest hurts")  # the protocol's default (same_day)
    assert child.decided_by is not None and child.decided_by.kind == "default"
    d = decide(child, prediction("within_2_weeks", 0.7))
    assert (d.care_level, d.basis, d.review) == ("same_day", "protocol_default", False)
    # a classifier that disagrees lowers the confidence (routing sends it to review), not the level
    d = decide(child, prediction("emergency", 0.8, urgency="emergent"))
    assert (d.care_level, d.basis) == ("same_day", "protocol_default") and d.confidence < 0.5
