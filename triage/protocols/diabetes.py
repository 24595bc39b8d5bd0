"""Diabetes: low and high blood glucose, ketones (ADA Standards of Care 2024 section 6,
hypoglycaemia levels 1-3; JBDS hypoglycaemia and DKA; NICE NG17/NG28 sick-day rules; NICE NG18
suspected type 1 in children).

Glucose is read in mg/dL; a value in mmol/L (with the unit, or a decimal under 35, or a number
under 20) is converted (x 18), as ``findings`` does.

911 for a severe hypo: glucose under 54 mg/dL (3.0 mmol/L, ADA level 2) or a hypo with confusion,
drowsiness, slurred speech, a seizure or unconsciousness, unable to eat or drink, needing
glucagon, or not coming up after treatment; for possible DKA: glucose over 250 mg/dL
(13.9 mmol/L) or "high" with vomiting, tummy pain, fruity breath, deep fast breathing or
drowsiness, blood ketones of 3 or more (or 1.5 or more with those symptoms, or large urine
ketones with a high glucose); and for a glucose over 600 mg/dL or "HI" on the meter (possible
HHS), or a high glucose with confusion. Seen today: a hypo under 70 mg/dL (3.9 mmol/L) that was
treated and recovered, a glucose of 300 or more (ADA sick-day advice: two readings over 300),
blood ketones 1.5-2.9, out of insulin or a pump failure, a person with diabetes who is vomiting,
and a child with thirst, passing urine often or weight loss (possible new type 1). Glucose
running 180-300 for days within 3 days; an HbA1c or routine review within 2 weeks.
"""

import re

from triage.protocols.schema import Criterion, Protocol
from triage.protocols.sources import ADA_HYPO, JBDS_DKA, JBDS_HYPO, NHS_111, NICE_CKS
from triage.protocols.words import VOMIT, S, gap

GLU_NAME = r"(?:blood\s+sugars?|blood\s+glucose|sugars?|glucose|glucometer|finger\s*sticks?|meter|monitor|cgm|dexcom|libre|freestyle|bgl|cbg|fsbs)"
# a glucose reading: up to 5 words between the name and the number ("has been running around 280")
GLU_VALUE = (
    rf"{GLU_NAME}(?:{S}(?:[a-z']+)){{0,5}}?{S}(?P<v>\d{{1,3}}(?:\.\d)?)(?:\s*(?P<unit>mmol(?:/l)?|mg/?dl))?"
    r"(?![\d/.])(?!\s*(?:units?|u\b|iu\b|mcg|mg\b(?!/)|%|carbs|g\b|grams|times|x\b|days?|hours?|hrs?|weeks?|months?|years?|am\b|pm\b|o'?clock|mins?|minutes|lbs?|pounds|kg|a\s+day|per))"
)
GLU_VALUE_CASED = rf"(?-i:BS|BG|BGL|CBG|FSBS|POC)(?i:(?:{S}(?:[a-z']+)){{0,4}}?{S}(?P<v>\d{{1,3}}(?:\.\d)?)(?:\s*(?P<unit>mmol(?:/l)?|mg/?dl))?)(?![\d/.])(?!\s*(?i:units?|u\b|mcg|%))"
# a range such as "in the 300s" or "250-300": the upper end counts
GLU_RANGE = rf"{GLU_NAME}(?:{S}(?:[a-z']+)){{0,5}}?{S}(?:\d{{2,3}}\s*(?:-|to)\s*)(?P<v>\d{{2,3}})(?:\s*(?P<unit>mmol(?:/l)?|mg/?dl))?\b"
VALUES = (GLU_VALUE, GLU_RANGE)


def _mgdl(m: re.Match) -> float | None:
    raw = m.groupdict().get("v")
    if not raw:
        return None
    value = float(raw)
    unit = (m.groupdict().get("unit") or "").lower()
    if "mmol" in unit or (not unit and "." in raw and value < 35) or (not unit and value < 20):
        value *= 18
    return value if 10 <= value <= 1500 else None


def _value(test):
    def check(m: re.Match) -> bool:
        value = _mgdl(m)
        return value is not None and test(value)

    return check


HYPO = (
    r"hypo(?:glyc[a-z]*|s)?\b(?!\s*(?:thyroid|tension|natremia|kalemia))",
    r"(?:low|lows|dropping|crashing|falling)\s+(?:blood\s+)?(?:sugars?|glucose)\b",
    rf"(?:blood\s+)?(?:sugars?|glucose){S}(?:\w+{S}){{0,2}}?(?:is|was|went|dropped|crashed|keeps|kept|has\s+been|have\s+been|been|getting|got|going|running|fell|falling|tanked|plummet\w*)\s+(?:really\s+|very\s+|so\s+|too\s+|dangerously\s+)?(?:low|down|dropping|crashing|falling)\b",
    r"(?:went|going|gone|running|ran)\s+low\b(?=.*(?:sugar|glucose|diabet|insulin|hypo|juice|glucose\s+tab))",
    r"insulin\s+(?:reaction|shock)\b",
)
HIGH = (
    r"hyperglyc\w*",
    r"(?:high|elevated|raised|very\s+high)\s+(?:blood\s+)?(?:sugars?|glucose)\b",
    rf"(?:blood\s+)?(?:sugars?|glucose){S}(?:\w+{S}){{0,2}}?(?:is|was|are|were|has\s+been|have\s+been|been|keeps|getting|running|went|shot|spiked|going|stays?|staying)\s+(?:up\s+)?(?:really\s+|very\s+|so\s+|too\s+|super\s+|crazy\s+|dangerously\s+)?(?:high|elevated|up|through\s+the\s+roof|sky[\s-]high|off\s+the\s+charts|out\s+of\s+control)\b",
)
METER_HI = r"(?i:(?:meter|monitor|glucometer|dexcom|libre|cgm|reading|sugar|glucose)\s+(?:just\s+)?(?:says|said|reads|read|shows|showed|displays|displayed|is\s+showing|reading|is|was))\s+(?:\"|')?(?-i:HI)(?:\"|')?\b"
DKA = (r"(?:dka|diabetic\s+keto\w*|keto[\s-]?acidosis)\b",)
KETONES_HIGH_WORDS = (
    r"(?:large|high|big|dark\s+purple|moderate\s+to\s+large)\s+(?:amount\s+of\s+)?(?:urine\s+)?ketones\b",
    r"ketones\s+(?:are\s+|were\s+|is\s+|showing\s+|show\s+)?(?:large|high|very\s+high|dark\s+purple|\+\+\+|3\+|4\+)",
)
KETONES_SOME_WORDS = (
    r"(?:small|trace|moderate|some)\s+(?:amount\s+of\s+)?(?:urine\s+)?ketones\b",
    r"ketones\s+(?:are\s+|were\s+|is\s+|showing\s+|show\s+)?(?:small|trace|moderate|positive|present|\+\+?|[12]\+)",
    r"(?:positive|have|has|got|showing)\s+(?:for\s+)?ketones\b",
)
DKA_SYMPTOMS = (
    VOMIT
    + r"|vomit\w*|throw(?:ing)?\s+up|threw\s+up|puk\w*|nause\w*|can'?t\s+keep\s+(?:anything|fluids|water|food)\s+down"
    r"|(?:stomach|abdominal|tummy|belly)\s+(?:pain|ache|hurts|cramps?)|(?:pain|hurts?)\s+in\s+(?:my\s+|his\s+|her\s+)?(?:stomach|tummy|belly|abdomen)|stomach\s+hurts|abd\s+pain"
    r"|fruity|acetone|nail\s+polish(?:\s+remover)?\s+(?:breath|smell)|(?:breath|breathing)\s+smells?"
    r"|(?:deep|heavy|fast|rapid|laboured|labored)\s+(?:and\s+(?:deep|fast|rapid)\s+)?breath\w*|breathing\s+(?:deep\w*|fast|hard|heavy|rapid\w*)|kussmaul|air\s+hunger|short\s+of\s+breath"
    r"|drowsy|confus\w*|lethargic|very\s+sleepy|hard\s+to\s+wake|not\s+making\s+sense|disoriented"
)
HYPO_SEVERE = (
    r"confus\w*|disorient\w*|not\s+making\s+sense|slurr\w*|drowsy|lethargic|very\s+sleepy|unresponsive|unconscious|passed\s+out|fainted|collapsed|seiz\w*|convuls\w*|fitting"
    r"|(?:can'?t|cannot|won'?t|hard\s+to)\s+(?:wake|be\s+woken|rouse)|not\s+(?:responding|waking)|combative|aggressive|acting\s+(?:drunk|strange|weird|odd)"
    r"|(?:can'?t|cannot|won'?t|unable\s+to|not\s+able\s+to|refus\w*\s+to)\s+(?:eat|drink|swallow|keep\s+(?:anything|food|juice)\s+down|take\s+(?:anything|juice|sugar))"
    r"|gcs\s*(?:of\s*)?(?:[3-9]|1[0-4])\b|altered\s+mental\s+status|obtunded"
)
NOT_RECOVERING = (
    r"(?:not|isn'?t|won'?t|wont|hasn'?t|doesn'?t|didn'?t|not\s+been)\s+(?:\w+\s+)?(?:coming|come|going|gone|went)\s+up\b"
    r"|(?:still|keeps?|kept)\s+(?:\w+\s+)?(?:low|dropping|falling|going\s+down|crashing)\b"
    r"|(?:juice|glucose\s+(?:tabs?|tablets|gel)|dextrose|candy|sugar|soda|eating|treatment|treating)\s+(?:\w+\s+){0,2}?(?:isn'?t|is\s+not|not|didn'?t|did\s+not|hasn'?t|has\s+not|doesn'?t|won'?t)\s+(?:help\w*|work\w*|rais\w*|bring\w*)"
    r"|(?:after|despite)\s+(?:two|three|2|3|several|multiple)\s+(?:treatments|juices|rounds|glasses|doses|tries)"
)
GLUCAGON = (
    rf"(?:gave|give|given|used|needed|had\s+to\s+(?:give|use)|administered|injected){gap(3)}(?:(?:him|her|them|my\s+\w+)\s+)?(?:(?:his|her|my|the|a|some)\s+)?(?:glucagon|baqsimi|gvoke|zegalogue|nasal\s+glucagon)\b",
    r"(?:glucagon|baqsimi|gvoke)\s+(?:was\s+|has\s+been\s+)?(?:given|used|administered|injected)\b",
)
CONFUSED_HIGH = (
    r"confus\w*|disorient\w*|not\s+making\s+sense|drowsy|lethargic|hard\s+to\s+wake|unresponsive|very\s+sleepy"
)
INSULIN_ACCESS = (
    r"(?:ran|run|running|am|i'?m|is|are)\s+out\s+of\s+(?:(?:my|his|her)\s+)?(?:\w+\s+)?(?:insulin|lantus|humalog|novolog|novorapid|tresiba|levemir|basaglar|toujeo)\b",
    r"(?:no|don'?t\s+have\s+(?:any)?|can'?t\s+(?:afford|get))\s+(?:(?:my|his|her)\s+)?(?:insulin|lantus|humalog|novolog|novorapid)\b",
    r"(?:insulin\s+)?pump\s+(?:\w+\s+){0,2}?(?:failed|failure|stopped|broke|broken|not\s+working|isn'?t\s+working|occlu\w*|fell\s+off|came\s+out|alarm\w*|error)\b",
    r"(?:pod|omnipod|site|cannula|infusion\s+set)\s+(?:\w+\s+){0,2}?(?:failed|fell\s+off|came\s+out|kinked|occlu\w*|error|not\s+working)\b",
)
SICK_DAY = (
    VOMIT
    + r"|vomit\w*|throw(?:ing)?\s+up|threw\s+up|can'?t\s+keep\s+(?:anything|fluids|water|food)\s+down|diarrh\w*|stomach\s+(?:bug|flu)|not\s+eating|can'?t\s+eat"
)
NEW_DIABETES = (
    r"(?:very|really|so|always|constantly|extremely|excessively)\s+thirsty|(?:drinking|drinks)\s+(?:a\s+lot|loads|constantly|all\s+the\s+time|so\s+much|tons)|excessive\s+thirst|polydipsia"
    r"|(?:peeing|urinating|wee(?:ing)?|pee(?:s|ing)?)\s+(?:a\s+lot|constantly|all\s+the\s+time|every\s+(?:hour|\d+\s+minutes)|so\s+much|more)|polyuria|(?:started\s+)?wetting\s+(?:the\s+)?bed\s+again"
    r"|(?:losing|lost)\s+(?:a\s+lot\s+of\s+)?weight\s+(?:without\s+trying|for\s+no\s+reason)|unexplained\s+weight\s+loss"
)
REVIEW = (
    r"(?:a1c|hba1c|hemoglobin\s+a1c|haemoglobin\s+a1c)\b",
    r"(?:fasting\s+)?(?:blood\s+)?(?:sugars?|glucose|numbers|readings)\s+(?:\w+\s+){0,2}?(?:a\s+(?:bit|little)|slightly|mildly|somewhat)\s+(?:high|elevated|up)\b",
    rf"(?:adjust|change|increase|review|up){gap(3)}(?:my\s+|his\s+|her\s+)?(?:insulin|metformin|diabetes\s+(?:meds|medication|tablets)|ozempic|jardiance|januvia|glipizide)\b",
    r"(?:diabetes|diabetic)\s+(?:review|check[\s-]?up|appointment)\b",
)
RUNNING_HIGH = (
    r"(?:sugars?|glucose|numbers|readings)\s+(?:\w+\s+){0,3}?(?:high|elevated|up|over\s+\d+|in\s+the\s+[23]00s)\s+(?:\w+\s+){0,2}?(?:for|all|the\s+(?:past|last))\s+(?:\d+|a\s+few|few|several|two|three|four|five|the\s+(?:past|last))?\s*(?:days?|week|weeks)\b",
    r"(?:sugars?|glucose|numbers|readings)\s+(?:\w+\s+){0,3}?(?:high|elevated)\s+(?:all\s+week|since|lately|recently|every\s+day|all\s+the\s+time)",
)

PROTOCOL = Protocol(
    name="diabetes",
    title="Diabetes: low or high blood glucose, ketones",
    sources=(ADA_HYPO, JBDS_DKA, JBDS_HYPO, NICE_CKS, NHS_111),
    complaint=(*HYPO, *HIGH, METER_HI, *DKA, *KETONES_HIGH_WORDS, *KETONES_SOME_WORDS, *INSULIN_ACCESS),
    default="within_3_days",
    criteria=(
        Criterion(
            "glucagon_given",
            "emergency",
            "Glucagon given or needed for a hypo (ADA level 3 severe hypoglycaemia)",
            patterns=GLUCAGON,
            resolvable=False,
            source="ADA Standards of Care 2024, 6",
        ),
        Criterion(
            "severe_hypo_symptoms",
            "emergency",
            "Hypo with confusion, drowsiness, slurred speech, a seizure or unconsciousness, or unable to eat or drink (ADA level 3)",
            patterns=(*HYPO, *VALUES, GLU_VALUE_CASED),
            check=lambda m: m.groupdict().get("v") is None or _value(lambda v: v < 70)(m),
            also=(HYPO_SEVERE,),
            source="ADA Standards of Care 2024, 6",
        ),
        Criterion(
            "severe_hypo_reading",
            "emergency",
            "Glucose below 54 mg/dL (3.0 mmol/L) with confusion, drowsiness or unable to eat or drink",
            when=lambda f: f.glucose_low_mgdl is not None and f.glucose_low_mgdl < 54,
            also=(HYPO_SEVERE,),
            shows=("glucose",),
            source="ADA Standards of Care 2024, 6",
        ),
        Criterion(
            "hypo_not_recovering",
            "emergency",
            "Glucose still low, or not coming up after treatment (repeat the 15 g rule twice without recovery)",
            patterns=(*HYPO, *VALUES, GLU_VALUE_CASED),
            check=lambda m: m.groupdict().get("v") is None or _value(lambda v: v < 70)(m),
            also=(NOT_RECOVERING,),
            source="JBDS hypoglycaemia",
        ),
        Criterion(
            "dka_signs",
            "emergency",
            "Glucose over 250 mg/dL (13.9 mmol/L) or 'high' with vomiting, tummy pain, fruity breath, deep fast breathing or drowsiness (possible DKA)",
            patterns=(*HIGH, METER_HI, *VALUES, GLU_VALUE_CASED),
            check=lambda m: m.groupdict().get("v") is None or _value(lambda v: v > 250)(m),
            also=(DKA_SYMPTOMS,),
            source="JBDS DKA",
        ),
        Criterion(
            "dka_signs_reading",
            "emergency",
            "Glucose over 250 mg/dL with vomiting, tummy pain, fruity breath, deep breathing or drowsiness (possible DKA)",
            when=lambda f: f.glucose_mgdl is not None and f.glucose_mgdl > 250,
            also=(DKA_SYMPTOMS,),
            shows=("glucose",),
            source="JBDS DKA",
        ),
        Criterion(
            "dka_named",
            "emergency",
            "DKA (diabetic ketoacidosis) suspected or named",
            patterns=DKA,
            source="JBDS DKA",
        ),
        Criterion(
            "ketones_3_or_more",
            "emergency",
            "Blood ketones 3.0 mmol/L or more (JBDS: DKA range)",
            when=lambda f: f.ketones is not None and f.ketones >= 3,
            shows=("ketones",),
            source="JBDS DKA",
        ),
        Criterion(
            "ketones_with_symptoms",
            "emergency",
            "Blood ketones 1.5 or more, or large urine ketones, with vomiting, tummy pain or a glucose over 250",
            patterns=(r"ketones?\b",),
            when=lambda f: (
                (f.ketones is not None and f.ketones >= 1.5) or (f.glucose_mgdl is not None and f.glucose_mgdl > 250)
            ),
            also=(
                DKA_SYMPTOMS
                + "|"
                + "|".join(KETONES_HIGH_WORDS)
                + r"|ketones?\s+(?:of\s+|at\s+|is\s+|was\s+)?(?:[1-9](?:\.\d)?)",
            ),
            source="JBDS DKA",
        ),
        Criterion(
            "large_ketones_high_glucose",
            "emergency",
            "Large urine ketones with a high glucose or vomiting",
            patterns=KETONES_HIGH_WORDS,
            also=(
                DKA_SYMPTOMS + "|" + "|".join(HIGH) + r"|(?:sugar|glucose)\w*\s+(?:\w+\s+){0,3}?(?:[3-9]\d\d|2[5-9]\d)",
            ),
            source="JBDS DKA",
        ),
        Criterion(
            "hhs_or_meter_hi",
            "emergency",
            "Glucose over 600 mg/dL (33 mmol/L), 'HI' on the meter, or a high glucose with confusion (possible HHS)",
            patterns=(METER_HI, *VALUES, GLU_VALUE_CASED),
            check=lambda m: m.groupdict().get("v") is None or _value(lambda v: v > 600)(m),
            source="JBDS DKA",
        ),
        Criterion(
            "high_with_confusion",
            "emergency",
            "High glucose with confusion or drowsiness",
            patterns=(*HIGH, *VALUES, GLU_VALUE_CASED),
            check=lambda m: m.groupdict().get("v") is None or _value(lambda v: v > 250)(m),
            also=(CONFUSED_HIGH,),
            source="JBDS DKA",
        ),
        Criterion(
            "hhs_reading",
            "emergency",
            "Glucose over 600 mg/dL (33 mmol/L) read in the message",
            when=lambda f: f.glucose_mgdl is not None and f.glucose_mgdl > 600,
            shows=("glucose",),
            source="JBDS DKA",
        ),
        Criterion(
            "hypo_treated",
            "same_day",
            "Glucose under 70 mg/dL (3.9 mmol/L) or a hypo, treated and recovered (review the cause and the doses today)",
            patterns=(*HYPO, *VALUES, GLU_VALUE_CASED),
            check=lambda m: m.groupdict().get("v") is None or _value(lambda v: v < 70)(m),
            resolvable=False,
            source="ADA Standards of Care 2024, 6",
        ),
        Criterion(
            "low_reading",
            "same_day",
            "Glucose under 70 mg/dL (3.9 mmol/L) read in the message",
            when=lambda f: f.glucose_low_mgdl is not None and f.glucose_low_mgdl < 70,
            shows=("glucose",),
            source="ADA Standards of Care 2024, 6",
        ),
        Criterion(
            "very_high",
            "same_day",
            "Glucose 300 mg/dL (16.7 mmol/L) or more without DKA symptoms (over 400: same day)",
            patterns=(*VALUES, GLU_VALUE_CASED),
            check=_value(lambda v: v >= 300),
            source="ADA Standards of Care 2024, 6",
        ),
        Criterion(
            "very_high_reading",
            "same_day",
            "Glucose 300 mg/dL or more read in the message",
            when=lambda f: f.glucose_mgdl is not None and f.glucose_mgdl >= 300,
            shows=("glucose",),
            source="ADA Standards of Care 2024, 6",
        ),
        Criterion(
            "ketones_moderate",
            "same_day",
            "Small-moderate or large urine ketones without DKA symptoms (sick-day rules, extra insulin per plan)",
            patterns=(*KETONES_SOME_WORDS, *KETONES_HIGH_WORDS),
            source="JBDS DKA",
        ),
        Criterion(
            "ketones_reading",
            "same_day",
            "Blood ketones 0.6-2.9 mmol/L read in the message (JBDS: at risk, sick-day rules, recheck in 2 hours)",
            when=lambda f: f.ketones is not None and f.ketones >= 0.6,
            shows=("ketones",),
            source="JBDS DKA",
        ),
        Criterion(
            "no_insulin_or_pump_failure",
            "same_day",
            "Out of insulin, or an insulin pump or site failure (DKA risk within hours in type 1)",
            patterns=INSULIN_ACCESS,
            source="JBDS DKA",
        ),
        Criterion(
            "sick_day_vomiting",
            "same_day",
            "A person with diabetes who is vomiting or can't keep fluids down (sick-day rules)",
            patterns=(f"(?:{SICK_DAY})",),
            when=lambda f: f.diabetic,
            source="NICE CKS",
        ),
        Criterion(
            "possible_new_type1_child",
            "same_day",
            "A child with thirst, passing urine often, bed-wetting again or weight loss (possible new type 1 diabetes: same-day test)",
            patterns=(f"(?:{NEW_DIABETES})",),
            when=lambda f: f.is_child,
            source="NICE CKS",
        ),
        Criterion(
            "running_high",
            "within_3_days",
            "Glucose running 180-300 mg/dL (10-16.7 mmol/L) for days, no ketones or DKA symptoms",
            patterns=(*VALUES, GLU_VALUE_CASED, *RUNNING_HIGH, *HIGH),
            check=lambda m: m.groupdict().get("v") is None or _value(lambda v: v >= 180)(m),
            source="ADA Standards of Care 2024, 6",
        ),
        Criterion(
            "possible_new_diabetes_adult",
            "within_3_days",
            "An adult with thirst, passing urine often or unexplained weight loss (test for diabetes)",
            patterns=(f"(?:{NEW_DIABETES})",),
            when=lambda f: not f.is_child,
            source="NICE CKS",
        ),
        Criterion(
            "routine_review",
            "within_2_weeks",
            "HbA1c result, glucose slightly above target, or a diabetes medicine adjustment",
            patterns=REVIEW,
            unless=(
                r"(?:doing|going)\s+(?:well|great|fine)|in\s+(?:target|range)|(?:good|great|normal|stable)\s+(?:a1c|numbers|control)|well\s+controlled",
            ),
            source="ADA Standards of Care 2024, 6",
        ),
    ),
    home_care=(
        "Low glucose (under 70 mg/dL / 4 mmol/L): take 15 g of fast sugar (4 glucose tablets or 150 ml juice), recheck after "
        "15 minutes and repeat if still low, then eat a snack. When ill: keep taking insulin, drink fluids, check glucose every "
        "2-4 hours and ketones if over 250 mg/dL (13.9 mmol/L). Call 911 for confusion, drowsiness, vomiting with high glucose "
        "or ketones, or deep fast breathing."
    ),
    advice={
        "emergency": "Advise 911 now. A hypo: if awake and able to swallow, 15-20 g fast sugar (juice, glucose tablets) now, recheck in 15 minutes; if drowsy or unconscious nothing by mouth, glucagon if available, recovery position. High glucose with vomiting or ketones: possible DKA, emergency department now.",
        "same_day": "Call the patient back today. A treated hypo: rule of 15 (15 g fast sugar, recheck in 15 minutes, then a snack), review insulin/sulfonylurea doses. High glucose: fluids, check ketones every 2-4 hours, sick-day rules; 911 for vomiting, tummy pain, deep breathing or drowsiness.",
        "within_3_days": "Offer an appointment within 3 days to review the glucose readings and treatment; advise to check ketones and call back the same day if over 300 mg/dL or unwell.",
        "within_2_weeks": "Offer a routine diabetes review within 2 weeks.",
    },
)
