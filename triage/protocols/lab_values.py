"""Laboratory values written in the message (UK Kidney Association hyperkalaemia; NICE CKS
anticoagulation for a high INR; NICE NG51 lactate; NICE CG151 neutropenic sepsis; transfusion and
platelet thresholds per NICE NG24).

A protocol without a complaint: a clinician's "K 6.9", "INR 9.2 with gum bleeding", "Na 118" or a
patient's "my potassium came back 6.8" sets the care level on the value. Glucose is the
``diabetes`` protocol's.
"""

from triage.protocols.schema import Criterion, Protocol, Source
from triage.protocols.sources import BSH_WARFARIN, NICE_CG95, NICE_NG51, RENAL_HYPERK
from triage.protocols.words import FEVER_WORD

NICE_NG24 = Source(
    "NICE NG24",
    "Blood transfusion (thresholds for red cells and platelets)",
    "https://www.nice.org.uk/guidance/ng24",
)
ENDO_SODIUM = Source(
    "European hyponatraemia guideline 2014",
    "Clinical practice guideline on diagnosis and treatment of hyponatraemia (ESE/ESICM/ERA-EDTA)",
    "https://eje.bioscientifica.com/view/journals/eje/170/3/G1.xml",
)
BLEEDING = (
    r"bleed\w*|blood\s+in\s+(?:\w+\s+)?(?:urine|stool|pee|poop|vomit)|vomit\w*\s+blood|black\s+(?:tarry\s+)?stools?|"
    r"nose\s*bleed|bruis\w*|gums?\s+bleed\w*|coughing\s+(?:up\s+)?blood|hematuria|melena"
)
SYMPTOMATIC = (
    r"short(?:ness)?\s+of\s+breath|breathless\w*|chest\s+pain|faint\w*|dizzy|palpitations|passed\s+out|confus\w*"
)

PROTOCOL = Protocol(
    name="lab_values",
    title="Laboratory values",
    sources=(RENAL_HYPERK, BSH_WARFARIN, NICE_NG51, NICE_NG24, ENDO_SODIUM, NICE_CG95),
    complaint=(),
    default="self_care",
    criteria=(
        Criterion(
            "potassium_severe",
            "emergency",
            "Potassium 6.5 mmol/L or more, or 2.5 or less",
            when=lambda f: f.potassium is not None and (f.potassium >= 6.5 or f.potassium <= 2.5),
            shows=("potassium",),
        ),
        Criterion(
            "sodium_severe",
            "emergency",
            "Sodium below 125 mmol/L, or above 160",
            when=lambda f: f.sodium is not None and (f.sodium < 125 or f.sodium > 160),
            shows=("sodium",),
            source="European hyponatraemia guideline 2014",
        ),
        Criterion(
            "inr_with_bleeding",
            "emergency",
            "INR above the range (over 4) with bleeding",
            when=lambda f: f.inr is not None and f.inr > 4,
            also=(BLEEDING,),
            shows=("inr",),
            source="NICE CKS anticoagulation (warfarin)",
        ),
        Criterion(
            "lactate_high",
            "emergency",
            "Lactate 4 mmol/L or more",
            when=lambda f: f.lactate is not None and f.lactate >= 4,
            shows=("lactate",),
            source="NICE NG51",
        ),
        Criterion(
            "neutropenia_fever",
            "emergency",
            "Neutrophils below 0.5 (x10^9/L) with a fever",
            when=lambda f: f.neutrophils is not None and f.neutrophils < 0.5,
            also=(FEVER_WORD + r"|temp(?:erature)?\s+(?:of\s+)?(?:3[89]|10[0-5])|3[89](?:\.\d)?\s*(?:°|c\b)",),
            shows=("neutrophils",),
            source="NICE NG51",
        ),
        Criterion(
            "anaemia_symptomatic",
            "emergency",
            "Haemoglobin below 7 g/dL with breathlessness, chest pain or faintness",
            when=lambda f: f.hemoglobin_gdl is not None and f.hemoglobin_gdl < 7,
            also=(SYMPTOMATIC,),
            shows=("hemoglobin_gdl",),
            source="NICE NG24",
        ),
        Criterion(
            "platelets_bleeding",
            "emergency",
            "Platelets below 20 (x10^9/L) with bleeding",
            when=lambda f: f.platelets is not None and f.platelets < 20,
            also=(BLEEDING,),
            shows=("platelets",),
            source="NICE NG24",
        ),
        Criterion(
            "troponin_raised",
            "emergency",
            "A raised or positive troponin",
            patterns=(
                r"(?:raised|elevated|positive|high|abnormal|rising)\s+(?:high[\s-]sensitivity\s+)?troponin\b",
                r"troponin\s+(?:is\s+|was\s+|came\s+back\s+)?(?:raised|elevated|positive|high|abnormal)\b",
            ),
            source="NICE NG51",
        ),
        Criterion(
            "ecg_ischaemia",
            "emergency",
            "An ECG showing ST elevation, new ST depression or new left bundle branch block (possible heart attack)",
            patterns=(
                r"st[\s-]?(?:segment\s+)?elevation\b",
                r"(?-i:STEMI)\b",
                r"(?:new\s+)?st[\s-]?(?:segment\s+)?depression\b",
                r"new\s+(?:left\s+bundle\s+branch\s+block|(?-i:LBBB))\b",
                r"(?:tombstone|hyperacute\s+t[\s-]waves)\b",
            ),
            source="NICE CG95",
        ),
        Criterion(
            "potassium_abnormal",
            "same_day",
            "Potassium 6.0-6.4 or 2.6-2.9 mmol/L",
            when=lambda f: f.potassium is not None and (f.potassium >= 6.0 or f.potassium < 3.0),
            shows=("potassium",),
        ),
        Criterion(
            "sodium_low",
            "same_day",
            "Sodium 125-129 mmol/L, or 150-160",
            when=lambda f: f.sodium is not None and (f.sodium < 130 or f.sodium >= 150),
            shows=("sodium",),
            source="European hyponatraemia guideline 2014",
        ),
        Criterion(
            "inr_high",
            "same_day",
            "INR 5 or more without bleeding (withhold warfarin; vitamin K above 8)",
            when=lambda f: f.inr is not None and f.inr >= 5,
            shows=("inr",),
            source="NICE CKS anticoagulation (warfarin)",
        ),
        Criterion(
            "lactate_raised",
            "same_day",
            "Lactate 2-3.9 mmol/L",
            when=lambda f: f.lactate is not None and f.lactate >= 2,
            shows=("lactate",),
            source="NICE NG51",
        ),
        Criterion(
            "anaemia_severe",
            "same_day",
            "Haemoglobin below 7 g/dL",
            when=lambda f: f.hemoglobin_gdl is not None and f.hemoglobin_gdl < 7,
            shows=("hemoglobin_gdl",),
            source="NICE NG24",
        ),
        Criterion(
            "platelets_low",
            "same_day",
            "Platelets below 30 (x10^9/L)",
            when=lambda f: f.platelets is not None and f.platelets < 30,
            shows=("platelets",),
            source="NICE NG24",
        ),
        Criterion(
            "neutropenia",
            "same_day",
            "Neutrophils below 1.0 (x10^9/L)",
            when=lambda f: f.neutrophils is not None and f.neutrophils < 1.0,
            shows=("neutrophils",),
            source="NICE NG51",
        ),
        Criterion(
            "inr_above_range",
            "within_3_days",
            "INR above 3.5 (dose review)",
            when=lambda f: f.inr is not None and f.inr > 3.5,
            shows=("inr",),
            source="NICE CKS anticoagulation (warfarin)",
        ),
    ),
    home_care="",
)
