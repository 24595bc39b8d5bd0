"""Recommended disposition in plain words (pure)."""

from __future__ import annotations

from triage.protocols.engine import GENERAL_ADVICE

_BY_URGENCY = {
    "emergent": "Call the patient now; if symptoms are present, advise 911 or the nearest emergency department.",
    "urgent": "Call the patient back within 2 hours for same-day assessment.",
    "routine": "Reply within 1 business day; offer an appointment if needed.",
    "non_clinical": "No clinical action: route to the front desk or billing.",
}
_BY_INTENT = {
    "medication": "Review the medication request with the prescriber's refill protocol.",
    "appointment": "Offer the next suitable appointment.",
    "test_results": "Check the result is released and reviewed; reply with the clinician's note.",
    "billing_admin": "Forward to billing / administration.",
}
_BY_RULE = {
    "suicidal": "Call the patient now; stay on the line and connect to crisis services (988) or 911.",
    "homicidal": "Call the patient now and involve crisis services / 911.",
    "chest_pain": "Call the patient now; advise 911 if chest pain or pressure persists.",
    "breathing": "Call the patient now; advise 911 if breathing is difficult now.",
    "stroke": "Advise 911 immediately (possible stroke); note the time symptoms started.",
    "anaphylaxis": "Advise 911 and epinephrine auto-injector if available.",
}


def recommend(*, urgency: str, intent: str, rules: list[str], care_level: str | None = None) -> str:
    """The disposition when no protocol decided (the classifier did): by red-flag rule, else by
    care level (or urgency), plus the intent's next step for the non-urgent levels."""
    for rule in rules:
        if rule in _BY_RULE:
            return _BY_RULE[rule]
    if care_level in GENERAL_ADVICE and care_level not in ("self_care", "within_3_days", "within_2_weeks"):
        return GENERAL_ADVICE[care_level]
    if care_level in GENERAL_ADVICE:
        extra = _BY_INTENT.get(intent)
        return f"{GENERAL_ADVICE[care_level]} {extra}" if extra else GENERAL_ADVICE[care_level]
    if urgency in ("emergent", "urgent"):
        return _BY_URGENCY[urgency]
    extra = _BY_INTENT.get(intent)
    return f"{_BY_URGENCY[urgency]} {extra}" if extra else _BY_URGENCY[urgency]


def result_disposition(*, severity: str) -> str:
    if severity == "critical":
        return "Critical result: notify the ordering provider now and contact the patient."
    return "Abnormal result: review with the ordering provider and contact the patient if action is needed."
