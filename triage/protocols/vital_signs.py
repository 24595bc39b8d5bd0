"""Vital signs written in the message (RCP NEWS2; ACC/AHA 2017 hypertension; BTS oxygen).

A protocol without a complaint: its criteria fire on the readings alone, whatever the complaint
("O2 is 88 on my finger thing", "HR 136, BP 84/50, RR 28"). NEWS2 is scored for adults who are not
pregnant (the RCP's scope); an oxygen saturation below 92% counts at any age.
"""

from triage.protocols.schema import Criterion, Protocol, Source
from triage.protocols.sources import ACC_AHA_HTN, NEWS2

BTS_OXYGEN = Source(
    "BTS oxygen 2017",
    "British Thoracic Society guideline for oxygen use in adults in healthcare and emergency settings",
    "https://www.brit-thoracic.org.uk/quality-improvement/guidelines/emergency-oxygen/",
)
_HTN_SYMPTOMS = (
    r"headache|head\s+(?:is\s+)?(?:pounding|hurts)|chest\s+(?:pain|pressure|tight\w*|hurts)|short(?:ness)?\s+of\s+breath|(?-i:SOB)|"
    r"breathless\w*|blurr\w*\s+vision|vision\s+(?:changes|loss)|seeing\s+spots|confus\w*|weak\w*|numb\w*|slurr\w*|"
    r"nose\s*bleed|nosebleed|vomit\w*|seiz\w*|pregnan\w*"
)


def _severe_bp(f) -> bool:
    return (f.systolic is not None and f.systolic >= 180) or (f.diastolic is not None and f.diastolic >= 120)


PROTOCOL = Protocol(
    name="vital_signs",
    title="Vital signs",
    sources=(NEWS2, ACC_AHA_HTN, BTS_OXYGEN),
    complaint=(),
    default="self_care",
    criteria=(
        Criterion(
            "news2_high",
            "emergency",
            "NEWS2 of 7 or more from the vital signs given (RCP: emergency response)",
            when=lambda f: f.news2 is not None and f.news2 >= 7,
            shows=("resp_rate", "spo2", "blood_pressure_low", "heart_rate", "temp_c", "new_confusion"),
        ),
        Criterion(
            "news2_red_parameter",
            "emergency",
            "A single vital sign in NEWS2's red band: RR <= 8 or >= 25, SpO2 <= 91%, systolic <= 90 or >= 220, HR <= 40 or >= 131, temp <= 35 C",
            when=lambda f: f.news2_red,
            shows=("resp_rate", "spo2", "blood_pressure_low", "heart_rate", "temp_c"),
        ),
        Criterion(
            "low_oxygen",
            "emergency",
            "Oxygen saturation below 92% (any age)",
            when=lambda f: f.spo2 is not None and f.spo2 < 92 and not f.on_oxygen,
            shows=("spo2",),
            source="BTS oxygen 2017",
        ),
        Criterion(
            "hypertensive_emergency",
            "emergency",
            "Blood pressure 180/120 or higher with headache, chest pain, breathlessness, vision change, weakness or confusion",
            when=_severe_bp,
            also=(_HTN_SYMPTOMS,),
            shows=("blood_pressure",),
            source="ACC/AHA 2017 hypertension",
        ),
        Criterion(
            "news2_medium",
            "same_day",
            "NEWS2 of 5 or 6 from the vital signs given (RCP: urgent response threshold)",
            when=lambda f: f.news2 is not None and f.news2 >= 5,
            shows=("resp_rate", "spo2", "blood_pressure_low", "heart_rate", "temp_c"),
        ),
        Criterion(
            "severe_hypertension",
            "same_day",
            "Blood pressure 180/120 or higher without symptoms (hypertensive urgency)",
            when=_severe_bp,
            shows=("blood_pressure",),
            source="ACC/AHA 2017 hypertension",
        ),
        Criterion(
            "stage2_hypertension",
            "within_2_weeks",
            "Blood pressure 140/90 or higher: stage 2 hypertension (confirm and treat)",
            when=lambda f: (
                (f.systolic is not None and f.systolic >= 140) or (f.diastolic is not None and f.diastolic >= 90)
            ),
            shows=("blood_pressure",),
            source="ACC/AHA 2017 hypertension",
        ),
    ),
    home_care="",
)
