"""Joint and limb pain that is not an injury (NICE CKS gout and hot swollen joint; BSR/BOA
septic arthritis; NICE NG226 osteoarthritis; NHS 111).

A single hot, swollen, painful joint with a fever, or in someone with a joint replacement or who is
immunosuppressed, may be septic arthritis: same day, the emergency department when unwell. A hot
swollen joint without fever (classic gout in the big toe) needs a clinician within days; several
swollen joints with morning stiffness (inflammatory arthritis) a routine appointment soon; aching
joints for weeks (osteoarthritis) a routine appointment; aching muscles after exercise are home care.
"""

from triage.protocols.schema import Criterion, Protocol, Source
from triage.protocols.sources import NHS_111, NICE_CKS
from triage.protocols.words import FEVER_WORD, PRON, S, gap_affirmative

BSR_SEPTIC = Source(
    "BSR/BOA hot swollen joint",
    "British Society for Rheumatology: management of the hot swollen joint in adults (septic arthritis)",
    "https://www.rheumatology.org.uk/practice-quality/guidelines",
)
NICE_NG226 = Source(
    "NICE NG226", "Osteoarthritis in over 16s: diagnosis and management", "https://www.nice.org.uk/guidance/ng226"
)

JOINT = r"(?:joint|knee|ankle|wrist|elbow|shoulder|hip|big\s+toe|toe|finger|knuckle|first\s+mtp|mtp|1st\s+mtp|metatarsophalangeal)"
HOT = r"(?:red|hot|warm|inflamed|erythematous)"
HOT_SWOLLEN = (
    rf"{HOT}(?:{S}(?:and|,)?{S}?(?:red|hot|warm|swollen|tender|painful|inflamed)){{0,3}}{gap_affirmative(3)}{JOINT}s?\b",
    rf"{JOINT}s?{gap_affirmative(4)}(?:is\s+|are\s+|looks\s+|got\s+|became\s+)?(?:(?:swollen|painful|tender|sore){S}(?:and{S})?)?{HOT}(?:{S}(?:and\s+)?(?:red|hot|warm|swollen|tender|painful)){{0,3}}\b",
    rf"(?:(?:pain|swelling|tenderness),?{S}(?:and\s+)?)?(?:redness|warmth)(?:,?{S}(?:and\s+)?(?:swelling|tenderness|pain|warmth)){{0,3}}{S}(?:of|in|over){S}(?:{PRON}{S})?(?:\w+{S})?{JOINT}\b",
    r"(?:hot|septic)\s+(?:swollen\s+)?joint\b",
    r"(?:gout|podagra|gouty)\b",
    r"(?:joint\s+)?effusion\b",
)
COMPLAINT = (
    *HOT_SWOLLEN,
    rf"{JOINT}s?{gap_affirmative(2)}(?:pain|pains|hurts?|hurting|aches?|aching|sore|stiff|stiffness)\b",
    rf"(?:pain|ache|aching|stiffness)\s+(?:in|of)\s+(?:{PRON}\s+)?(?:\w+\s+)?{JOINT}s?\b",
    r"arthrit\w*|arthralgia\b",
    r"(?:sore|aching|achy)\s+muscles\b|muscles?\s+(?:are\s+)?(?:sore|aching|achy)\b",
)
FEVER_OR_UNWELL = (
    FEVER_WORD
    + r"|rigou?rs|chills|temp(?:erature)?\s+(?:of\s+)?(?:3[89]|10[0-4])|3[89](?:\.\d)?\s*(?:°|c\b)|10[0-4](?:\.\d)?\s*(?:°|f\b)"
)

PROTOCOL = Protocol(
    name="joint_pain",
    title="Joint pain",
    sources=(NICE_CKS, BSR_SEPTIC, NICE_NG226, NHS_111),
    complaint=COMPLAINT,
    default="within_2_weeks",
    criteria=(
        Criterion(
            "hot_joint_unwell",
            "emergency",
            "A hot swollen joint with a fever and confusion, a fast heart rate or low blood pressure (septic arthritis with sepsis)",
            patterns=HOT_SWOLLEN,
            also=(FEVER_OR_UNWELL,),
            when=lambda f: f.new_confusion or (f.heart_rate or 0) > 130 or (f.systolic_min or 200) <= 90,
            source="BSR/BOA hot swollen joint",
        ),
        Criterion(
            "hot_joint_fever",
            "same_day",
            "A hot, swollen, painful joint with a fever or shaking chills (possible septic arthritis)",
            patterns=HOT_SWOLLEN,
            also=(FEVER_OR_UNWELL,),
            source="BSR/BOA hot swollen joint",
        ),
        Criterion(
            "hot_joint_at_risk",
            "same_day",
            "A hot swollen joint in someone with a joint replacement, on immunosuppressants or who injects drugs",
            patterns=HOT_SWOLLEN,
            also=(
                r"(?:knee|hip|joint|shoulder)\s+replacement|prosthe\w*|arthroplasty|inject\w*\s+drugs|iv\s+drug|ivdu|chemo\w*|immunosuppress\w*|prednisone|methotrexate|biologic\w*",
            ),
            source="BSR/BOA hot swollen joint",
        ),
        Criterion(
            "hot_swollen_joint",
            "within_3_days",
            "One red, hot, swollen joint without a fever (gout or another crystal arthritis)",
            patterns=HOT_SWOLLEN,
            unless=(r"sunburn\w*|sun\b|beach|sunscreen",),
        ),
        Criterion(
            "inflammatory_pattern",
            "within_2_weeks",
            "Several swollen or stiff joints with morning stiffness over 30 minutes (possible inflammatory arthritis)",
            patterns=(
                r"morning\s+stiffness\s+(?:of\s+|for\s+|lasting\s+)?(?:over\s+|more\s+than\s+)?(?:an?\s+hour|[3-9]0\s+min\w*|1\s+hour|two\s+hours|2\s+hours)",
                rf"(?:several|multiple|many|both)\s+(?:\w+\s+)?(?:joints|hands|wrists|knees){gap_affirmative(3)}(?:swollen|stiff|painful)\b",
            ),
            source="NICE CKS",
        ),
        Criterion(
            "exercise_soreness",
            "self_care",
            "Aching muscles after exercise or unusual activity, with normal urine and no swelling",
            patterns=(
                r"(?:sore|aching|achy)\s+(?:\w+\s+)?muscles\b",
                r"muscles?\s+(?:\w+\s+)?(?:sore|aching|achy)\b",
            ),
            also=(
                r"(?:after|since)\s+(?:\w+\s+){0,4}(?:gym|workout|work\s+out|class|run|running|exercise|training|crossfit|hike|lifting|moving|gardening)",
            ),
            unless=(
                r"dark\s+(?:brown\s+)?(?:urine|pee)|(?:urine|pee)\s+(?:is\s+)?(?:dark|brown|cola)|can'?t\s+(?:move|walk|lift)|swollen",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
    ),
    home_care=(
        "Rest the joint or muscles, paracetamol or ibuprofen, ice or warmth as it helps, gentle movement; call back "
        "if a joint becomes hot and swollen, if you get a fever, or if it is not better in 2 weeks."
    ),
    advice={
        "same_day": "Call back today: a hot swollen joint with a fever needs same-day assessment (possible septic arthritis).",
        "within_3_days": "Offer an appointment within 3 days (hot swollen joint: gout or another arthritis); sooner if a fever starts.",
    },
)
