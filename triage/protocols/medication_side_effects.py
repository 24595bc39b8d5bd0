"""Medication side effects (BNF adverse effects and MHRA drug-safety guidance; NHS 111).

Dangerous reactions go to the emergency department: swelling of the face, lips or tongue (ACE
inhibitor angioedema), blistering or peeling skin with mouth sores (Stevens-Johnson), heavy
bleeding on a blood thinner, fever or sore throat on clozapine, methotrexate or chemotherapy
(agranulocytosis / neutropenia). A new rash on an antibiotic or an anticonvulsant, any bleeding on
a blood thinner, muscle pain with dark urine on a statin, and lithium with vomiting, diarrhoea,
tremor or confusion need a clinician today. A bothersome but mild side effect waits for a review.
"""

from triage.protocols.schema import Criterion, Protocol
from triage.protocols.sources import MHRA_YELLOW, NHS_111
from triage.protocols.words import S, gap, gap_affirmative

SIDE_EFFECT = (
    r"side[\s-]?effects?\b",
    r"(?:reaction|reacting)\s+to\s+(?:my\s+|the\s+|his\s+|her\s+)?(?:new\s+)?(?:med\w*|pills?|tablets?|drug|prescription|antibiotic\w*|\w+)\b",
    rf"(?:since|after|ever\s+since|when\s+i)\s+(?:i\s+)?(?:start\w*|began|begin|switch\w*|increas\w*|upp?ed){gap(3)}(?:med\w*|pills?|tablets?|dose|prescription|antibiotic\w*|lisinopril|metformin|statin|atorvastatin|simvastatin|sertraline|amlodipine|lamotrigine|lithium|\w+)\b",
    r"(?:is|could|might|can)\s+(?:this|it)\s+be\s+(?:from|the|caused\s+by)\s+(?:my\s+|the\s+)?(?:new\s+)?(?:med\w*|pills?|drug|tablets?)\b",
    r"(?:new|the)\s+(?:med\w*|pills?|drug|tablets?)\s+(?:is|are|keeps?)\s+making\s+me\b",
)
ACE_INHIBITOR = (
    r"(?:lisinopril|enalapril|ramipril|captopril|perindopril|benazepril|quinapril|ace\s+inhibitor|sacubitril|entresto)"
)
ANTICOAG = r"(?:warfarin|coumadin|eliquis|apixaban|xarelto|rivaroxaban|dabigatran|pradaxa|edoxaban|blood\s+thinners?|lovenox|enoxaparin)"
MARROW = (
    r"(?:clozapine|clozaril|methotrexate|chemo\w*|carbimazole|methimazole|propylthiouracil|azathioprine|sulfasalazine)"
)
SWELLING = r"(?:lips?|tongue|face|mouth|throat)\s+(?:\w+\s+){0,2}(?:swell\w*|swollen|puff\w*)|swell\w*\s+(?:of|in)\s+(?:my\s+|the\s+)?(?:lips?|tongue|face|throat)|angioedema"
BLEEDING_HEAVY = (
    r"vomit\w*\s+blood|throwing\s+up\s+blood|coffee[\s-]grounds?|black\s+(?:tarry\s+)?(?:stools?|poop)|"
    r"(?:bleeding|bleed)\s+(?:\w+\s+){0,2}(?:won'?t|will\s+not|doesn'?t|not)\s+stop|(?:heavy|lots?\s+of|a\s+lot\s+of)\s+(?:bleeding|blood)|"
    r"coughing\s+(?:up\s+)?blood|(?:hit|bumped|banged)\s+(?:my\s+|his\s+|her\s+)?head"
)
BLEEDING_ANY = (
    r"bleed\w*|blood\s+in\s+(?:my\s+)?(?:urine|pee|stool|poop)|bruis\w*|nose\s*bleeds?|pink\s+urine|gums?\s+bleed\w*"
)

PROTOCOL = Protocol(
    name="medication_side_effects",
    title="Medication side effects",
    sources=(MHRA_YELLOW, NHS_111),
    complaint=SIDE_EFFECT,
    default="within_3_days",
    criteria=(
        Criterion(
            "ace_angioedema",
            "emergency",
            "Swelling of the lips, tongue, face or throat on an ACE inhibitor (angioedema)",
            patterns=(SWELLING,),
            also=(ACE_INHIBITOR,),
        ),
        Criterion(
            "skin_blistering",
            "emergency",
            "Blistering or peeling skin, or a rash with mouth or eye sores, after a new medicine (possible Stevens-Johnson)",
            patterns=(
                rf"(?:skin|rash){gap_affirmative(3)}(?:blister\w*|peel\w*|sloughing|coming\s+off)\b",
                rf"(?:blister\w*|peel\w*){gap_affirmative(3)}(?:skin|rash|all\s+over)\b",
                rf"rash{gap_affirmative(6)}(?:mouth|lips|eyes?)\s+(?:sores?|ulcers?|blisters?)\b",
            ),
            # a reaction to a medicine: a burn or a scald that blisters is the skin protocol's
            also=(
                r"med\w*|pills?|tablets?|drug|antibiotic\w*|new\s+(?:med\w*|pills?|tablets?|prescription)|lamotrigine|allopurinol|carbamazepine|sulfa|bactrim|penicillin|amoxicillin",
            ),
            unless=(r"burn\w*|scald\w*|spilled|hot\s+(?:water|tea|coffee|oil|pan)|sunburn\w*",),
        ),
        Criterion(
            "anticoagulant_major_bleed",
            "emergency",
            "Heavy bleeding, vomiting blood, black stools or a head injury on a blood thinner",
            patterns=(BLEEDING_HEAVY,),
            also=(ANTICOAG,),
        ),
        Criterion(
            "marrow_suppression_signs",
            "emergency",
            "Fever, sore throat or mouth ulcers on clozapine, methotrexate, carbimazole or chemotherapy (possible agranulocytosis)",
            patterns=(r"fever\w*|sore\s+throat|mouth\s+ulcers?|temp(?:erature)?\s+(?:of\s+)?(?:3[89]|10[0-4])|chills",),
            also=(MARROW,),
        ),
        Criterion(
            "anticoagulant_bleeding",
            "same_day",
            "Any bleeding or unusual bruising on a blood thinner",
            patterns=(BLEEDING_ANY,),
            also=(ANTICOAG,),
        ),
        Criterion(
            "lithium_toxicity",
            "same_day",
            "Vomiting, diarrhoea, a coarse tremor, unsteadiness or confusion on lithium",
            patterns=(r"vomit\w*|throwing\s+up|diarrh\w*|tremor|shak(?:y|ing)\s+hands|unsteady|confus\w*|slurr\w*",),
            also=(r"lithium",),
        ),
        Criterion(
            "statin_muscle",
            "same_day",
            "Muscle pain or weakness with dark urine on a statin",
            patterns=(rf"(?:muscle|muscles){gap(3)}(?:pain|ache|aching|weak\w*|sore)\b",),
            also=(
                r"statin|atorvastatin|simvastatin|rosuvastatin|pravastatin|lipitor|crestor|zocor",
                r"dark\s+(?:brown\s+)?(?:urine|pee)|(?:urine|pee)\s+(?:is\s+)?(?:dark|brown|cola)",
            ),
        ),
        Criterion(
            "rash_on_high_risk_medicine",
            "same_day",
            "A new rash after starting lamotrigine, carbamazepine, phenytoin, allopurinol or a sulfonamide (risk of a severe reaction)",
            patterns=(r"rash\b", r"hives\b"),
            also=(
                r"lamotrigine|lamictal|carbamazepine|tegretol|phenytoin|dilantin|allopurinol|zyloprim|bactrim|septra|sulfa\w*|co-trimoxazole",
            ),
        ),
        Criterion(
            "new_rash_on_medicine",
            "within_3_days",
            "A new rash without blisters or mouth sores after starting an antibiotic or another new medicine",
            patterns=(r"rash\b", r"hives\b"),
            also=(
                r"antibiotic\w*|amoxicillin|augmentin|penicillin|cephalexin|keflex|doxycycline|azithromycin|new\s+(?:med\w*|pills?|tablets?|prescription)",
            ),
        ),
        Criterion(
            "ace_cough",
            "within_2_weeks",
            "A dry cough since starting an ACE inhibitor (review the medicine)",
            patterns=(rf"(?:dry{S})?cough\w*\b",),
            also=(ACE_INHIBITOR,),
            unless=(r"fever\w*|short(?:ness)?\s+of\s+breath|blood",),
        ),
    ),
    home_care="Keep taking the medicine unless told otherwise, and ask a pharmacist; report the side effect (Yellow Card / MedWatch).",
    advice={
        "within_3_days": "Arrange a medication review with the prescriber within 3 days; do not stop the medicine abruptly unless told to.",
        "same_day": "Call back today: this side effect needs a clinician's review (stop the medicine only if advised).",
    },
)
