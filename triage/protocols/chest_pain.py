"""Chest pain (NICE CG95; AHA/ACC 2021 chest pain guideline; NHS 111 chest pain).

Chest pain that could be cardiac goes to 911: pressure, tightness, heaviness or crushing, pain
spreading to the arm, jaw, neck or back, pain with breathlessness, sweating, nausea or faintness,
and any chest pain in an adult of 30 or over (or of unknown age) unless it is clearly from the
chest wall (only when pressing, moving or coughing; after a strain). Chest-wall pain waits for an
appointment.
"""

from triage.protocols.schema import Criterion, Protocol
from triage.protocols.sources import AHA_CHEST_PAIN, NHS_111, NICE_CG95
from triage.protocols.words import CHEST, PAIN, PRON, S, gap, rule_patterns

ANY_CHEST_PAIN = (
    rf"{CHEST}{gap()}(?:{PAIN}|discomfort|sore|soreness|pains)\b",
    rf"(?:pain|pains|ache|aching|discomfort|soreness|burning)\s+(?:in|on|across|around)\s+(?:{PRON}\s+)?(?:(?:center|centre|middle|left\s+side|right\s+side)\s+of\s+(?:{PRON}\s+)?)?{CHEST}\b",
    r"(?-i:CP)\b",
    r"chest\s+wall\s+pain\b",
)
ASSOCIATED = (
    r"sweat\w*|clammy|diaphore\w*|short(?:ness)?\s+of\s+breath|breathless\w*|(?-i:SOB)|can'?t\s+(?:catch\s+(?:my|his|her)\s+)?breath|"
    r"nause\w*|vomit\w*|throwing\s+up|faint\w*|passed\s+out|dizzy|light[\s-]?headed|palpitations|grey|gray|ashen|pale"
)
CHEST_WALL = (
    r"(?:only\s+)?(?:hurts?|pain|sore|tender|discomfort|worse)\s+(?:\w+\s+){0,3}(?:when|if|on|with)\s+(?:i\s+|he\s+|she\s+|they\s+)?(?:press\w*|push\w*|touch\w*|twist\w*|mov\w*|cough\w*|lift\w*|breath\w*|deep\s+breath\w*|inspiration|palpation)"
    r"|pleuritic"
    r"|tender\s+to\s+(?:touch|palpation)|reproducible|reproduced\s+(?:\w+\s+)?(?:by|on|with)\s+(?:\w+\s+)?(?:palpation|pressing|pressure)|reproducing\s+the\s+pain|point\s+tender|focal\s+tenderness"
    r"|pulled\s+(?:a\s+)?muscle|strain\w*\s+(?:a\s+|my\s+)?(?:chest|pec)|after\s+(?:lifting|the\s+gym|a\s+workout|working\s+out)"
    r"|costochondritis|(?:rib|ribs)\s+(?:is\s+|are\s+)?(?:sore|bruised|tender)"
)

# AHA/ACC 2021: women, older adults and people with diabetes often present with "anginal
# equivalents" rather than chest pain: discomfort of the jaw, neck, arm, shoulder, back or upper
# abdomen, with breathlessness, sweating or faintness
EQUIVALENT_PAIN = (
    rf"(?:pain|ache|aching|discomfort|pressure|heaviness|tightness)\b{gap(3)}(?:in|between|across|around)\s+(?:{PRON}\s+|the\s+|both\s+)?(?:shoulder\s+blades|upper\s+back|jaw|(?:left\s+)?arms?|(?:left\s+)?shoulders?|throat|epigastri\w*|upper\s+(?:abdomen|belly|stomach|tummy))\b",
    r"(?:epigastric|interscapular|jaw|arm|upper\s+back)\s+(?:pain|ache|discomfort|pressure)\b",
    r"(?:indigestion|heartburn)\b(?=[^.]{0,120}(?:not\s+(?:reliev|help|better)|no\s+relief|without\s+relief))",
)
EQUIVALENT_WITH = r"sweat\w*|clammy|diaphore\w*|short(?:ness)?\s+of\s+breath|breathless\w*|(?-i:SOB)|faint\w*|light[\s-]?headed|grey|gray|ashen|washed[\s-]out"

PROTOCOL = Protocol(
    name="chest_pain",
    title="Chest pain",
    sources=(NICE_CG95, AHA_CHEST_PAIN, NHS_111),
    complaint=ANY_CHEST_PAIN,
    default="same_day",
    criteria=(
        Criterion(
            "cardiac_features",
            "emergency",
            "Chest pressure, tightness, heaviness or crushing, or pain spreading to the arm, jaw, neck or back",
            patterns=(
                rf"{CHEST}{gap(4)}(?:pressure|tight|tightness|tightening|heaviness|heavy|squeezing|crushing)\b",
                rf"(?:pressure|tightness|heaviness|squeezing|crushing){S}(?:in|on|across|around){S}(?:{PRON}{S})?(?:(?:center|centre|middle)\s+of\s+(?:{PRON}\s+)?)?{CHEST}\b",
                rf"{CHEST}{gap(5)}(?:someone|something|an?\s+\w+){gap(2)}(?:sitting|standing|stepping|squeez\w*|crush\w*)\b",
                r"(?:elephant|weight|ton\s+of\s+bricks){gap}(?:on|sitting\s+on){gap}chest\b".replace("{gap}", gap(2)),
                rf"(?:tight|heavy|crushing|squeezing|pressing|pressure)(?:{S}(?:and{S})?(?:tight|heavy|crushing|squeezing|pressing))?{S}(?:feeling|sensation|pain|ache|discomfort){S}(?:in|on|across|around){S}(?:{PRON}{S})?(?:(?:center|centre|middle)\s+of\s+(?:{PRON}\s+)?)?{CHEST}\b",
                r"heart\s+attack\b",
                r"angina\b",
                rf"(?:pain|ache|pressure|tightness|discomfort|(?-i:CP))\b{gap(3)}(?:radiat\w*|going|goes|shooting|spread\w*|moving|travel\w*)\s+(?:down|to|into|up|through)\s+(?:{PRON}\s+)?(?:(?:left|right|l|r)\s+)?(?:arm|shoulder|jaw|neck|back)\b",
                r"substernal\b",
            ),
            unless=(r"wheez\w*|asthma\w*|inhaler|salbutamol|albuterol|ventolin|puffer|nebuli[sz]er",),
            source="NICE CG95",
        ),
        Criterion(
            "pain_with_associated",
            "emergency",
            "Chest pain with breathlessness, sweating, nausea, vomiting, faintness or palpitations",
            patterns=ANY_CHEST_PAIN,
            also=(ASSOCIATED,),
            source="NICE CG95",
        ),
        Criterion(
            "adult_chest_pain",
            "emergency",
            "Chest pain now in an adult aged 30 or over (or age unknown), not clearly from the chest wall",
            patterns=ANY_CHEST_PAIN,
            when=lambda f: not f.is_child and (f.age_years is None or f.age_years >= 30),
            # chest-wall pain, and the burning band of shingles (the rash protocol's), are not cardiac
            unless=(CHEST_WALL, r"shingles|zoster|vesic\w*|blisters|dermatom\w*"),
            source="AHA/ACC 2021 chest pain",
        ),
        Criterion(
            "anginal_equivalent",
            "emergency",
            "Jaw, arm, shoulder, upper back or upper abdominal discomfort with sweating, breathlessness or faintness in an older adult or someone with diabetes (atypical heart attack)",
            patterns=EQUIVALENT_PAIN,
            also=(EQUIVALENT_WITH,),
            when=lambda f: not f.is_child and (f.older_adult or f.diabetic),
            unless=(CHEST_WALL, r"shingles|zoster|vesic\w*|blisters"),
            source="AHA/ACC 2021 chest pain",
        ),
        Criterion(
            "tearing_pain",
            "emergency",
            "Sudden tearing or ripping chest or back pain",
            patterns=(
                rf"(?:tearing|ripping){gap(2)}(?:chest|back)\b",
                rf"(?:tearing|ripping)\s+(?:pain|sensation)\s+(?:in|through|across|to)\s+(?:{PRON}\s+)?(?:chest|back|between\s+(?:{PRON}\s+)?shoulder\s+blades)\b",
            ),
            source="AHA/ACC 2021 chest pain",
        ),
        Criterion(
            "chest_wall_pain",
            "self_care",
            "Chest-wall pain: only on pressing, moving or coughing, or after a strain, with no warning features",
            patterns=(CHEST_WALL,),
            also=(ANY_CHEST_PAIN[0] + "|" + ANY_CHEST_PAIN[1] + r"|\bribs?\b|chest",),
            source="NHS 111 / NHS.uk conditions",
        ),
    ),
    home_care="Rest; paracetamol or ibuprofen for chest-wall strain, which settles in days to weeks; call 911 if the pain becomes pressure-like, spreads, or comes with breathlessness or sweating.",
    advice={
        "emergency": "Advise 911 now (possible heart attack or other cardiac emergency); chew aspirin 300 mg if not allergic and not told otherwise.",
        "same_day": "Call the patient back today; same-day assessment of the chest pain.",
    },
)

# the red-flag table's chest-pain rule is the tested superset of the cardiac wording
_ = rule_patterns("chest_pain")
