"""Fever in adults (NICE NG51 suspected sepsis; NICE CG151 neutropenic sepsis; NHS 111 fever).

Children and infants are the ``fever_child`` protocol (NICE NG143 traffic lights). Here a fever
with any NG51 high-risk criterion (new confusion, RR >= 25, HR > 130, systolic <= 90, no urine for
18 hours, mottled or ashen skin, blue lips, non-blanching rash), with signs of meningitis, or in
someone whose immune system is suppressed goes to the emergency department; a moderate-to-high
risk criterion (rigors, RR 21-24, HR 91-130, systolic 91-100, temperature below 36 C, recent surgery,
older age) or a high fever needs a clinician today; a fever for five days or more, within three
days; a fever alone in a well adult is self-care.
"""

from triage.protocols.schema import Criterion, Protocol
from triage.protocols.sources import NHS_111, NICE_NG51, Source
from triage.protocols.words import FEVER_WORD, S, rule_patterns

NICE_CG151 = Source(
    "NICE CG151",
    "Neutropenic sepsis: prevention and management in people with cancer",
    "https://www.nice.org.uk/guidance/cg151",
)

FEVER = (
    rf"{FEVER_WORD}\b(?!{S}(?:blister|reducer|medicine|meds))",
    r"(?:high|raised|elevated)\s+temp(?:erature)?\b",
    r"(?:has|have|had|running|with|got)\s+a\s+temp(?:erature)?\b(?!\W+(?:of\W+|is\W+|was\W+)?\d)",
    r"pyrexi\w*",
    r"(?:chills|rigou?rs|shivering)\b",
)


def _febrile(f) -> bool:
    return f.temp_c is not None and f.temp_c >= 38.0


def _high_risk(f) -> bool:
    """NG51 high-risk criteria readable from the findings."""
    return bool(
        f.new_confusion
        or (f.resp_rate is not None and f.resp_rate >= 25)
        or (f.heart_rate is not None and f.heart_rate > 130)
        or (f.systolic_min is not None and f.systolic_min <= 90)
        or (f.spo2 is not None and f.spo2 < 92)
        or (f.lactate is not None and f.lactate >= 4)
    )


def _moderate_risk(f) -> bool:
    """NG51 moderate-to-high-risk criteria readable from the findings."""
    return bool(
        (f.resp_rate is not None and 21 <= f.resp_rate <= 24)
        or (f.heart_rate is not None and 91 <= f.heart_rate <= 130)
        or (f.systolic_min is not None and 91 <= f.systolic_min <= 100)
        or (f.temp_c_min is not None and f.temp_c_min < 36)
        or (f.lactate is not None and 2 <= f.lactate < 4)
        or (f.age_years is not None and f.age_years >= 75)
    )


HIGH_RISK_SIGNS = (
    r"mottled|ashen|(?:lips|skin|face|tongue)\s+(?:\w+\s+)?(?:blue|bluish|grey|gray)|cyano\w*|non[\s-]?blanching|"
    r"(?:rash|spots)\s+(?:that\s+)?(?:does\s*n[o']t|doesnt|won'?t|didn'?t)\s+(?:fade|go\s+away)\s+(?:under|with)\s+(?:a\s+)?glass|petechia\w*(?!\s+(?:\w+\s+){0,2}(?:on|of)\s+the\s+(?:soft\s+|hard\s+)?palate)|purpur\w*|"
    r"(?:not|hasn'?t|haven'?t|hasnt|havent)\s+(?:peed|urinated|passed\s+(?:any\s+)?urine)\s+(?:in|for|since)|no\s+urine\s+(?:output\s+)?(?:in|for|since)|anuri\w*"
)
MENINGISM = (
    r"stiff\s+neck|neck\s+(?:is\s+)?(?:stiff|stiffness)|nuchal\s+rigidity|neck\s+stiffness|can'?t\s+(?:bend|touch)\s+(?:his|her|my)\s+(?:chin|neck)|"
    r"kernig|brudzinski|photophobi\w*|(?:light|bright\s+lights?)\s+hurts?\s+(?:my|his|her)\s+eyes|(?:hates|dislikes|can'?t\s+stand)\s+(?:the\s+)?(?:bright\s+)?light"
)
FEVER_OR_READING = (
    FEVER_WORD
    + r"|temp(?:erature)?\s+(?:of\s+|is\s+|was\s+)?(?:3[89]|4[01]|10[0-6])|(?:3[89]|4[01])(?:\.\d)?\s*(?:°|degrees|c\b)|10[1-6](?:\.\d)?\s*(?:°|degrees|f\b)?|rigou?rs|chills"
)

PROTOCOL = Protocol(
    name="fever",
    title="Fever (adults)",
    sources=(NICE_NG51, NICE_CG151, NHS_111),
    complaint=FEVER,
    default="self_care",
    criteria=(
        Criterion(
            "sepsis_named",
            "emergency",
            "Sepsis or septic shock named by the patient or a clinician",
            patterns=rule_patterns("sepsis_signs"),
        ),
        Criterion(
            "fever_high_risk_signs",
            "emergency",
            "Fever with an NG51 high-risk sign: mottled or ashen skin, blue lips, a non-blanching rash, or no urine for 18 hours",
            patterns=(HIGH_RISK_SIGNS,),
            also=(FEVER_OR_READING,),
        ),
        Criterion(
            "fever_high_risk_vitals",
            "emergency",
            "Fever with an NG51 high-risk finding: new confusion, RR >= 25, HR > 130, systolic <= 90, SpO2 < 92%, lactate >= 4",
            # NG51's adult thresholds; children's vital signs are judged by fever_child (NICE NG143)
            when=lambda f: (
                not f.is_child and (_febrile(f) or f.temp_c_min is not None and f.temp_c_min < 36) and _high_risk(f)
            ),
            shows=("new_confusion", "resp_rate", "heart_rate", "blood_pressure_low", "spo2", "lactate", "temp_c"),
        ),
        Criterion(
            "fever_confusion",
            "emergency",
            "Fever with new confusion, drowsiness or hard to wake",
            patterns=FEVER,
            when=lambda f: f.new_confusion and not f.is_child,
        ),
        Criterion(
            "fever_meningism",
            "emergency",
            "Fever with a stiff neck or dislike of bright light (possible meningitis)",
            patterns=(MENINGISM,),
            also=(FEVER_OR_READING,),
        ),
        Criterion(
            "fever_immunosuppressed",
            "emergency",
            "Fever in someone on chemotherapy or otherwise immunosuppressed (possible neutropenic sepsis)",
            patterns=FEVER,
            when=lambda f: f.immunosuppressed,
            source="NICE CG151",
        ),
        Criterion(
            "fever_reading_immunosuppressed",
            "emergency",
            "Temperature of 38 C or more in someone on chemotherapy or otherwise immunosuppressed",
            when=lambda f: _febrile(f) and f.immunosuppressed,
            shows=("temp_c", "immunosuppressed"),
            source="NICE CG151",
        ),
        Criterion(
            "fever_moderate_risk",
            "same_day",
            "Fever with an NG51 moderate-to-high-risk finding: RR 21-24, HR 91-130, systolic 91-100, age 75+, temperature < 36 C",
            when=lambda f: (
                not f.is_child and (_febrile(f) or f.temp_c_min is not None and f.temp_c_min < 36) and _moderate_risk(f)
            ),
            shows=("resp_rate", "heart_rate", "blood_pressure_low", "age", "temp_c"),
        ),
        Criterion(
            "fever_rigors",
            "same_day",
            "Fever with shaking chills (rigors)",
            patterns=(
                r"rigou?rs\b",
                rf"(?:shaking|uncontrollabl\w*|violent){S}(?:chills|shaking|shivering)\b",
                r"teeth\s+chattering\b",
            ),
        ),
        Criterion(
            "fever_recent_surgery",
            "same_day",
            "Fever within 6 weeks of surgery or an invasive procedure, or with a red, swollen or oozing wound",
            patterns=FEVER,
            also=(r"surgery|operation|procedure|post[\s-]?op|c[\s-]?section|incision|wound|catheter",),
        ),
        Criterion(
            "high_fever",
            "same_day",
            "Temperature of 39.5 C (103 F) or more in an adult",
            when=lambda f: not f.is_child and f.temp_c is not None and f.temp_c >= 39.5,
            shows=("temp_c",),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "fever_five_days",
            "within_3_days",
            "Fever for 5 days or more",
            patterns=FEVER,
            when=lambda f: not f.is_child and f.duration_days is not None and f.duration_days >= 5,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "fever_reading",
            "self_care",
            "Temperature of 38 C or more in a well adult, no warning signs",
            when=lambda f: not f.is_child and _febrile(f),
            shows=("temp_c",),
            source="NHS 111 / NHS.uk conditions",
        ),
    ),
    home_care=(
        "Rest, drink plenty of fluids, paracetamol or ibuprofen for comfort; call back if the fever lasts more than "
        "5 days, or at once for confusion, a rash that does not fade under a glass, breathlessness, or no urine all day."
    ),
    advice={
        "emergency": "Advise 911 / the emergency department now: possible sepsis or meningitis (NICE NG51).",
        "same_day": "Call back today for a same-day assessment of the fever (sepsis risk factors present).",
    },
)
