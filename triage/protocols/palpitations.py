"""Palpitations and an irregular or fast heartbeat (NICE CKS palpitations; NICE NG196 atrial
fibrillation; Resus Council UK tachycardia algorithm).

Palpitations with chest pain, fainting, breathlessness or a heart rate of 150 or more go to the
emergency department; a new irregular pulse or a new fast heartbeat that keeps going needs a
clinician today (possible atrial fibrillation: stroke risk to assess, ECG); occasional brief
flutters or skipped beats in someone otherwise well wait for a routine appointment.
"""

from triage.protocols.schema import Criterion, Protocol, Source
from triage.protocols.sources import NHS_111, NICE_CKS
from triage.protocols.words import S, gap_affirmative

NICE_NG196 = Source(
    "NICE NG196", "Atrial fibrillation: diagnosis and management", "https://www.nice.org.uk/guidance/ng196"
)

PALPITATIONS = (
    r"palpitat\w*",
    rf"heart{gap_affirmative(3)}(?:racing|pounding|fluttering|flutters|flip[\s-]?flop\w*|skipping|skips|jumping|thumping|irregular|beating\s+(?:fast|hard|irregularly|funny|weird))\b",
    r"(?:racing|pounding|fluttering|irregular|skipped|extra)\s+(?:heart\s*beats?|heart|pulse|beats)\b",
    r"(?:irregularly\s+irregular|irregular)\s+(?:pulse|rhythm|heart\s+rate|heartbeat)\b",
    r"(?:atrial\s+fibrillation|a[\s-]?fib|(?-i:AF|SVT))\b",
    r"(?:narrow|broad)[\s-]complex\s+tachycardia\b",
)
SERIOUS = (
    r"chest\s+(?:pain|pressure|tight\w*|hurts|discomfort)|faint\w*|passed\s+out|black(?:ed|ing)\s+out|collaps\w*|"
    r"short(?:ness)?\s+of\s+breath|(?-i:SOB)|breathless\w*|can'?t\s+(?:catch\s+(?:my|his|her)\s+)?breath|confus\w*"
)

PROTOCOL = Protocol(
    name="palpitations",
    title="Palpitations",
    sources=(NICE_CKS, NICE_NG196, NHS_111),
    complaint=PALPITATIONS,
    default="within_3_days",
    criteria=(
        Criterion(
            "with_red_flags",
            "emergency",
            "Palpitations with chest pain, fainting, breathlessness or confusion",
            patterns=PALPITATIONS,
            also=(SERIOUS,),
            unless=(r"no\s+chest\s+pain,?\s+(?:no\s+)?(?:breathless\w*|short\w*|faint\w*)",),
        ),
        Criterion(
            "rate_150",
            "emergency",
            "A heart rate of 150 a minute or more at rest, or below 40",
            patterns=PALPITATIONS,
            when=lambda f: f.heart_rate is not None and (f.heart_rate >= 150 or f.heart_rate < 40),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "new_irregular_or_sustained",
            "same_day",
            "A new irregular pulse, or a fast heartbeat that keeps going (possible atrial fibrillation: ECG today)",
            patterns=(
                r"(?:irregularly\s+irregular|irregular)\s+(?:pulse|rhythm|heart\s+rate|heartbeat)\b",
                r"(?:atrial\s+fibrillation|a[\s-]?fib|(?-i:AF))\b",
                rf"heart{gap_affirmative(3)}(?:racing|pounding|beating\s+fast){S}(?:for|all|since|non[\s-]?stop|won'?t\s+stop|keeps)\b",
                r"without\s+(?:visible\s+)?p[\s-]waves\b",
            ),
            unless=(r"known\s+(?:af|a[\s-]?fib|atrial\s+fibrillation)|(?:my|his|her)\s+usual|rate[\s-]controlled",),
            source="NICE NG196",
        ),
        Criterion(
            "brief_ectopics",
            "within_2_weeks",
            "Occasional brief flutters or skipped beats in someone otherwise well",
            patterns=(
                r"(?:skipped|extra|missed)\s+(?:a\s+)?beats?\b",
                rf"(?:flutter\w*|flip[\s-]?flop\w*){S}(?:\w+{S}){{0,4}}?(?:seconds|a\s+second|briefly|now\s+and\s+then|sometimes|occasionally)\b",
                r"(?:occasional|brief|now\s+and\s+then)\s+(?:flutter\w*|palpitat\w*|skipped\s+beats)\b",
            ),
        ),
    ),
    home_care="Cut down on caffeine and alcohol, rest; call back at once if palpitations come with chest pain, fainting or breathlessness.",
    advice={
        "same_day": "Call back today: an ECG is needed for a new irregular or persistent fast heartbeat.",
    },
)
