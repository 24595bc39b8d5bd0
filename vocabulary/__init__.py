"""The clinical and routing vocabulary, spelled once (pure: enums and their orderings, no Django).

A package of its own, outside ``clinflow/`` (whose import starts Celery and Django), so the pure
modules can import it. Every app reads its words from here: the event schemas (``ingest``), the
classifier and rules (``triage``), routing policy and work items (``queues``), and the pages' labels. The values are the
wire format of CONTRACT.md and the stored values, so they never change; a new word is added.

Two orderings exist and both are kept explicit because they run in opposite directions:
``*_PRIORITY`` is the queue's sort key (1 = first), ``*_RANK`` grows with seriousness (compare
"is this worse than that").
"""

from __future__ import annotations

from enum import EnumType, StrEnum


class _WordsType(EnumType):
    """Gives each vocabulary the ``choices`` / ``values`` a Django field or DRF serializer takes, so
    the pure modules (rules, classifier) can import the words without importing Django."""

    @property
    def choices(cls) -> list[tuple[str, str]]:
        members: list[Words] = list(cls)
        return [(member.value, member.label) for member in members]

    @property
    def values(cls) -> list[str]:
        members: list[Words] = list(cls)
        return [member.value for member in members]


class Words(StrEnum, metaclass=_WordsType):
    """A stored word with its human label: ``EMERGENT = "emergent", "Emergent"``."""

    label: str

    def __new__(cls, value: str, label: str) -> Words:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class Urgency(Words):
    """How soon a patient message needs a clinician (the triage model's first output)."""

    EMERGENT = "emergent", "Emergent"
    URGENT = "urgent", "Urgent"
    ROUTINE = "routine", "Routine"
    NON_CLINICAL = "non_clinical", "Non-clinical"


class CareLevel(Words):
    """Where a patient should be seen, and how soon (the triage engine's disposition). A complaint
    protocol's criterion decides it; ``CARE_LEVEL_URGENCY`` gives the urgency that follows."""

    EMERGENCY = "emergency", "Emergency (911 / ED now)"
    SAME_DAY = "same_day", "Same day"
    WITHIN_3_DAYS = "within_3_days", "Within 3 days"
    WITHIN_2_WEEKS = "within_2_weeks", "Within 2 weeks"
    SELF_CARE = "self_care", "Self-care"
    ADMINISTRATIVE = "administrative", "Administrative"


class Intent(Words):
    """What a patient message is about (the triage model's second output); picks the queue."""

    SYMPTOM = "symptom", "Symptom"
    MEDICATION = "medication", "Medication"
    APPOINTMENT = "appointment", "Appointment"
    TEST_RESULTS = "test_results", "Test results"
    BILLING_ADMIN = "billing_admin", "Billing / admin"
    OTHER = "other", "Other"


class Severity(Words):
    """How far a lab result is from normal (``triage.results``)."""

    CRITICAL = "critical", "Critical"
    ABNORMAL = "abnormal", "Abnormal"
    NORMAL = "normal", "Normal"


class Tier(Words):
    """How a work item reaches a person: held for review, listed, or pushed as an interrupt."""

    SUGGESTION = "suggestion", "Suggestion"
    TASK = "task", "Task"
    INTERRUPT = "interrupt", "Interrupt"


URGENCIES: tuple[str, ...] = tuple(Urgency.values)  # most urgent first
INTENTS: tuple[str, ...] = tuple(Intent.values)
CARE_LEVELS: tuple[str, ...] = tuple(CareLevel.values)  # most urgent first
TIERS: tuple[str, ...] = tuple(Tier.values)
# Severities that make a work item (a normal result makes none).
ALERT_SEVERITIES: tuple[str, ...] = (Severity.CRITICAL.value, Severity.ABNORMAL.value)

# Queue order: 1 is worked first.
URGENCY_PRIORITY: dict[str, int] = {Urgency.EMERGENT: 1, Urgency.URGENT: 2, Urgency.ROUTINE: 3, Urgency.NON_CLINICAL: 4}
SEVERITY_PRIORITY: dict[str, int] = {Severity.CRITICAL: 1, Severity.ABNORMAL: 2}
TIER_RANK: dict[str, int] = {Tier.INTERRUPT: 0, Tier.TASK: 1, Tier.SUGGESTION: 2}  # the item sort key

# Seriousness: larger is worse.
URGENCY_RANK: dict[str, int] = {Urgency.NON_CLINICAL: 0, Urgency.ROUTINE: 1, Urgency.URGENT: 2, Urgency.EMERGENT: 3}
SEVERITY_RANK: dict[str, int] = {Severity.NORMAL: 0, Severity.ABNORMAL: 1, Severity.CRITICAL: 2}
CARE_LEVEL_RANK: dict[str, int] = {
    CareLevel.ADMINISTRATIVE: 0,
    CareLevel.SELF_CARE: 1,
    CareLevel.WITHIN_2_WEEKS: 2,
    CareLevel.WITHIN_3_DAYS: 3,
    CareLevel.SAME_DAY: 4,
    CareLevel.EMERGENCY: 5,
}

# CONTRACT.md v1.1: the urgency that follows from a care level.
CARE_LEVEL_URGENCY: dict[str, str] = {
    CareLevel.EMERGENCY: Urgency.EMERGENT,
    CareLevel.SAME_DAY: Urgency.URGENT,
    CareLevel.WITHIN_3_DAYS: Urgency.ROUTINE,
    CareLevel.WITHIN_2_WEEKS: Urgency.ROUTINE,
    CareLevel.SELF_CARE: Urgency.ROUTINE,
    CareLevel.ADMINISTRATIVE: Urgency.NON_CLINICAL,
}
# The care level an urgency stands for when only an urgency is known (an old score, a label).
URGENCY_CARE_LEVEL: dict[str, str] = {
    Urgency.EMERGENT: CareLevel.EMERGENCY,
    Urgency.URGENT: CareLevel.SAME_DAY,
    Urgency.ROUTINE: CareLevel.WITHIN_2_WEEKS,
    Urgency.NON_CLINICAL: CareLevel.ADMINISTRATIVE,
}
# The three levels outside evaluations compare (Semigran et al. 2015): ED now / see a clinician / self-care.
CARE_LEVEL_THREE: dict[str, str] = {
    CareLevel.EMERGENCY: "emergency",
    CareLevel.SAME_DAY: "clinician",
    CareLevel.WITHIN_3_DAYS: "clinician",
    CareLevel.WITHIN_2_WEEKS: "clinician",
    CareLevel.SELF_CARE: "self_care",
    CareLevel.ADMINISTRATIVE: "self_care",
}


def label(words: type[Words], value: str | None) -> str:
    """The human label of a stored value; an unknown value (old data, a newer word) shows as itself."""
    if value is None:
        return ""
    return dict(words.choices).get(value, value)
