"""Limb swelling, calf pain and a cold or pale limb (NICE NG158 venous thromboembolism, two-level
Wells score; ESVS 2020 acute limb ischaemia; NICE CKS oedema and heart failure; NHS 111 DVT and
swollen ankles).

911 for a swollen or painful leg (or a known DVT) with chest pain, breathlessness, coughing blood
or fainting (possible pulmonary embolism), and for a limb that is cold, pale, white, blue or
mottled with pain, numbness, weakness or no pulse (acute limb ischaemia: the 6 Ps). One swollen,
painful, red or warm calf or leg, a suspected clot, leg swelling or pain with a Wells risk factor
(recent surgery, immobilisation or a cast, cancer, pregnancy or a recent birth, the pill or HRT, a
long flight, an earlier clot), a Wells score of 2 or more, both legs swelling with breathlessness
lying flat or fast weight gain (heart failure), and swelling in pregnancy are seen today. Both
ankles newly swelling or getting worse within 3 days; mild swelling of both ankles for weeks within
2 weeks; mild swelling of both ankles after a long day on the feet, in the heat or after sitting,
going down overnight, is self-care.
"""

from triage.protocols.schema import ClinicalScore, Criterion, Protocol, ScoreItem
from triage.protocols.sources import ESVS_ALI, NHS_111, NICE_CKS, NICE_NG158
from triage.protocols.words import CHEST, PAIN, PRON, S, gap

LIMB = r"(?:leg|legs|calf|calves|ankle|ankles|foot|feet|arm|arms|thigh|thighs|shin|shins|hand|hands)"
SWOLLEN = r"(?:swollen|swelling|swelled|swell|swells|puffy|puffed\s+up|bloated|fat|bigger|larger|tight\s+and\s+shiny|enlarged|edematous|oedematous)"
SIDE = r"(?:left|right|l|r|one|my\s+left|my\s+right|his\s+left|his\s+right|her\s+left|her\s+right)"
ONE_LIMB = rf"(?:(?:{SIDE}|only\s+one|just\s+one)\s+(?:leg|calf|ankle|foot|arm|thigh|shin)|(?:leg|calf|ankle|foot|arm|thigh)\s+on\s+(?:the\s+|my\s+|one\s+)?(?:left|right|one)\s+side)"
SWELLING = (
    rf"{LIMB}{S}(?:is\s+|are\s+|has\s+been\s+|have\s+been\s+|got\s+|getting\s+|looks?\s+|feels?\s+|seems?\s+|became\s+|went\s+|started\s+|keeps?\s+)*(?:very\s+|really\s+|so\s+|a\s+bit\s+|a\s+little\s+|slightly\s+|mildly\s+|somewhat\s+|quite\s+|kind\s+of\s+|pretty\s+|more\s+|all\s+)?{SWOLLEN}\b",
    rf"(?:swollen|swelling|puffy|puffiness|edema|oedema|fluid)\s+(?:in|of|on|around)\s+(?:{PRON}\s+|both\s+)?(?:(?:left|right|lower)\s+)?{LIMB}\b",
    rf"(?:swollen|puffy)\s+(?:(?:left|right)\s+)?{LIMB}\b",
    r"(?:pitting\s+)?(?:pedal\s+|peripheral\s+|leg\s+|ankle\s+|bilateral\s+|unilateral\s+|lower\s+extremity\s+)?(?:o?edema|oedema)\b",
    r"(?:fluid\s+retention|water\s+retention|cankles|elephant\s+legs?)\b",
    rf"(?:one|{SIDE})\s+(?:leg|calf|ankle|foot|arm)\s+(?:is\s+)?(?:bigger|larger|fatter|thicker)\s+than\s+the\s+other\b",
)
CALF_PAIN = (
    rf"(?:calf|calves|back\s+of\s+(?:{PRON}\s+)?(?:leg|knee)){S}(?:is\s+|are\s+|feels?\s+|has\s+been\s+)?(?:really\s+|very\s+|so\s+)?(?:{PAIN}|sore|tender|painful|cramp\w*|tight|hot|warm|red)\b",
    rf"(?:pain|ache|aching|tenderness|soreness|cramp\w*|throbbing)\s+(?:in|of|behind)\s+(?:{PRON}\s+)?(?:(?:left|right)\s+)?(?:calf|calves|back\s+of\s+(?:{PRON}\s+)?(?:leg|knee))\b",
    r"(?:calf|leg)\s+(?:pain|tenderness)\b",
)
CLOT = (
    r"(?:dvt|deep\s+vein\s+thrombosis|(?:blood\s+)?clot\s+in\s+(?:my\s+|his\s+|her\s+|the\s+)?(?:leg|calf|arm|thigh)|thrombophlebitis)\b",
)
RED_WARM = (
    rf"{ONE_LIMB}{gap(4)}(?:red|hot|warm|tender|painful|{PAIN}|{SWOLLEN})\b",
    r"(?:red|hot|warm|tender|painful)\s+(?:and\s+(?:red|hot|warm|tender|painful|swollen)\s+)?(?:left|right|l|r)\s+(?:leg|calf|arm)\b",
    rf"(?:calf|leg){S}(?:is\s+)?(?:red|hot|warm)\s+and\s+(?:swollen|painful|tender)\b",
    r"(?:unilateral|asymmetric(?:al)?)\s+(?:leg\s+|calf\s+|lower\s+(?:limb|extremity)\s+)?(?:swelling|o?edema|oedema)\b",
)
PE_SIGNS = (
    rf"{CHEST}{gap()}(?:{PAIN}|pressure|tight\w*|discomfort)|(?:pain|pressure|tightness)\s+in\s+(?:my\s+|his\s+|her\s+|the\s+)?chest|(?-i:CP)\b|pleuritic"
    r"|short(?:ness)?\s+of\s+breath|breathless\w*|(?-i:SOB)\b|can'?t\s+(?:catch\s+(?:my|his|her)\s+)?breath|trouble\s+breathing|hard\s+to\s+breathe|dyspn\w*"
    r"|cough(?:ing|ed)?\s+(?:up\s+)?blood|ha?emoptysis|blood\s+in\s+(?:my\s+|his\s+|her\s+)?(?:phlegm|sputum|spit)"
    r"|fainted|passed\s+out|collapsed|heart\s+(?:is\s+)?(?:racing|pounding)|racing\s+heart"
)
COLD_PALE = (
    rf"{LIMB}{S}(?:is\s+|are\s+|has\s+gone\s+|went\s+|turned\s+|turning\s+|looks?\s+|feels?\s+|suddenly\s+)*(?:ice[\s-]cold|icy|cold|freezing|white|pale|blue|bluish|purple|grey|gray|mottled|dusky|black)\b",
    rf"(?:cold|ice[\s-]cold|white|pale|blue|mottled|dusky)\s+(?:and\s+(?:cold|white|pale|numb|painful|blue)\s+)?(?:left|right|l|r)?\s*{LIMB}\b",
    r"(?:pallor|mottling)\s+(?:of|in)\s+(?:the\s+)?(?:left|right)?\s*(?:leg|foot|arm|hand|limb|toes|fingers)\b",
)
ALI_SECOND = (
    r"numb\w*|tingl\w*|pins\s+and\s+needles|(?:can'?t|cannot|unable\s+to)\s+(?:move|feel|wiggle|lift)|weak\w*|paraly\w*|no\s+pulse|pulseless|(?:can'?t|cannot)\s+(?:feel|find)\s+(?:a\s+)?pulse"
    r"|(?:severe|terrible|excruciating|really\s+bad|agoni\w*|sudden)\s+(?:pain|ache)|(?:so|really|very)\s+painful|sudden(?:ly)?|(?:afib|a[\s-]?fib|atrial\s+fibrillation)"
)
PULSELESS = (
    rf"(?:no|absent|can'?t\s+(?:feel|find)\s+(?:a|the|any))\s+(?:pedal\s+|foot\s+|radial\s+|dorsalis\s+pedis\s+|popliteal\s+)?puls(?:e|es)\s+(?:in|on)\s+(?:{PRON}\s+)?(?:(?:left|right)\s+)?(?:foot|feet|leg|ankle|arm|wrist)\b",
    r"(?:pulseless|absent\s+(?:pedal|distal|foot)\s+pulses?)\b",
    r"(?:acute\s+limb\s+isch(?:a)?emia|(?:acute\s+)?(?:arterial\s+)?(?:occlusion|embol\w*)\s+(?:of|in)\s+(?:the\s+)?(?:leg|arm|limb))\b",
)
WELLS_RISK = (
    r"(?:recent|had|after|since|following)\s+(?:an?\s+|my\s+|the\s+|his\s+|her\s+)?(?:\w+\s+)?(?:surgery|operation|op\b|c[\s-]?section|replacement|procedure)"
    r"|(?:surgery|operation)\s+(?:\w+\s+){0,2}?(?:ago|last\s+(?:week|month))|post[\s-]?op\w*"
    r"|(?:in\s+a\s+|wearing\s+a\s+|had\s+a\s+)?(?:cast|plaster|boot|brace)\b|immobili[sz]\w*|bed[\s-]?(?:ridden|bound)|(?:in|stuck\s+in)\s+bed\s+for|laid\s+up|hospital\s+stay|(?:was|been)\s+(?:in|admitted\s+to)\s+(?:the\s+)?hospital"
    r"|cancer|tumou?r|chemo\w*|malignan\w*|metasta\w*|oncology"
    r"|pregnan\w*|post[\s-]?partum|gave\s+birth|had\s+(?:my|the|a)\s+baby|(?:\d+\s+)?weeks?\s+(?:pregnant|postpartum|after\s+(?:giving\s+birth|delivery))"
    r"|(?:birth\s+control|the\s+pill|contraceptive\s+pill|oral\s+contraceptives?|(?-i:OCP)s?|estrogen|oestrogen|(?-i:HRT)|hormone\s+(?:therapy|replacement)|tamoxifen|testosterone)"
    r"|(?:long|long[\s-]haul|\d+[\s-]?(?:hour|hr))\s+(?:flight|drive|car\s+ride|bus\s+ride|trip|journey)|(?:just|recently)\s+(?:flew|got\s+back\s+from)"
    r"|(?:history|hx|h/o)\s+of\s+(?:a\s+)?(?:(?-i:DVT)|dvt|blood\s+clots?|clots?|(?-i:PE)\b|pulmonary\s+embol\w*)|(?:previous|prior|had\s+a)\s+(?:(?-i:DVT)|dvt|blood\s+clot|clot)\b|clotting\s+disorder|factor\s+v"
)
HEART_FAILURE = (
    r"(?:breathless|short\s+of\s+breath|(?-i:SOB)|can'?t\s+breathe)\s+(?:when\s+(?:i\s+)?)?(?:lying\s+(?:flat|down)|lie\s+(?:flat|down)|at\s+night)"
    r"|(?:wake|waking|woke)\s+up\s+(?:gasping|breathless|short\s+of\s+breath|can'?t\s+breathe)|(?:sleep|sleeping)\s+(?:on|with)\s+(?:\d+|two|three|four|more|extra)\s+pillows|orthopn\w*|(?-i:PND)\b|paroxysmal\s+nocturnal"
    r"|(?:gained|put\s+on|up)\s+(?:\d+|two|three|four|five|several)\s*(?:lbs?|pounds|kg|kilos?)\s+(?:in|over)\s+(?:\d+|two|three|a\s+few|a)\s+(?:days?|week)"
    r"|heart\s+failure|(?-i:CHF|HF)\b|congestive"
)
BOTH = r"(?:both|my|his|her|the)\s+(?:ankles|feet|legs|lower\s+legs|calves)\b|(?:ankles|feet|legs)\s+(?:and\s+(?:ankles|feet|legs))|bilateral"
WORSE = r"(?:getting|gets|got|keeps\s+getting)\s+(?:worse|bigger)|worsening|spreading\s+up|(?:new|started|came\s+on)\b|(?:over|for|in)\s+(?:the\s+)?(?:past|last)\s+(?:few\s+)?(?:days|\d+\s+days)|pitting|(?:leaves?|left)\s+(?:a\s+)?(?:dent|dimple|mark)|since\s+(?:starting|i\s+started)\s+(?:\w+\s+)?(?:amlodipine|norvasc|nifedipine|pregabalin|gabapentin|prednisone|steroids|medication|pills?)"
DEPENDENT = (
    r"(?:after|by\s+the\s+end\s+of)\s+(?:a\s+|the\s+|my\s+)?(?:long\s+)?(?:day|shift|flight|drive|car\s+ride|trip|walk)|(?:end|evening)\s+of\s+the\s+day|in\s+the\s+evenings?|by\s+(?:the\s+)?evening"
    r"|(?:standing|on\s+my\s+feet|sitting|sat)\s+(?:all\s+day|for\s+(?:hours|a\s+long\s+time|long\s+periods))|(?:hot|warm)\s+(?:weather|day|days)|in\s+the\s+heat|heatwave"
    r"|(?:goes|went|go)\s+down\s+(?:overnight|by\s+(?:the\s+)?morning|in\s+the\s+morning|when\s+i\s+(?:put\s+my\s+feet\s+up|elevate|lie\s+down))|(?:gone|better|normal)\s+(?:by|in)\s+the\s+morning"
)
MILD = r"(?:a\s+(?:bit|little)|slightly|mildly|mild|a\s+tad|little\s+bit)\s+(?:\w+\s+)?(?:swollen|swelling|puffy)|(?:mild|slight|minor|a\s+bit\s+of|a\s+little)\s+(?:ankle\s+|foot\s+|leg\s+)?(?:swelling|puffiness|o?edema)"
INJURY = r"(?:twist\w*|sprain\w*|roll\w*|fell|fall|tripped|injur\w*|hit|kicked|broke|fractur\w*|bumped|banged|stubbed|landed\s+on|turned)\b"

PROTOCOL = Protocol(
    name="limb_swelling",
    title="Leg or arm swelling, calf pain, cold or pale limb",
    sources=(NICE_NG158, ESVS_ALI, NICE_CKS, NHS_111),
    complaint=(*SWELLING, *CALF_PAIN, *CLOT, *RED_WARM, *COLD_PALE, *PULSELESS),
    default="within_3_days",
    criteria=(
        Criterion(
            "possible_pe",
            "emergency",
            "Leg swelling, calf pain or a known DVT with chest pain, breathlessness, coughing blood or fainting (possible PE)",
            patterns=(*SWELLING, *CALF_PAIN, *CLOT, *RED_WARM),
            also=(PE_SIGNS,),
            unless=(HEART_FAILURE,),
            source="NICE NG158",
        ),
        Criterion(
            "acute_limb_ischaemia",
            "emergency",
            "A cold, pale, white, blue or mottled limb with pain, numbness, weakness or no pulse (acute limb ischaemia)",
            patterns=COLD_PALE,
            also=(ALI_SECOND,),
            unless=(
                r"always|for\s+years|every\s+winter|in\s+(?:the\s+)?(?:winter|cold)|when\s+(?:it'?s|it\s+is)\s+cold|raynaud\w*|chilblains?",
            ),
            source="ESVS 2020 acute limb ischaemia",
        ),
        Criterion(
            "no_pulse",
            "emergency",
            "No pulse in the foot, leg or arm, or suspected acute limb ischaemia",
            patterns=PULSELESS,
            source="ESVS 2020 acute limb ischaemia",
        ),
        Criterion(
            "one_leg_swollen_painful",
            "same_day",
            "One leg or calf swollen, painful, red or warm, or a suspected blood clot (DVT: same-day Wells score and scan)",
            patterns=(*RED_WARM, *CLOT),
            unless=(INJURY,),
            source="NICE NG158",
        ),
        Criterion(
            "calf_pain_or_swelling_with_risk",
            "same_day",
            "Calf pain or leg swelling with a Wells risk factor: surgery, immobilisation or a cast, cancer, pregnancy or a birth, the pill/HRT, a long flight, an earlier clot",
            patterns=(*SWELLING, *CALF_PAIN),
            also=(WELLS_RISK,),
            unless=(
                r"both\s+(?:of\s+them|legs|feet|ankles|calves|sides)|bilateral(?:ly)?|(?:legs|feet|ankles)\s+and\s+(?:legs|feet|ankles)",
            ),
            source="NICE NG158",
        ),
        Criterion(
            "calf_pain_swelling",
            "same_day",
            "Calf pain or tenderness with swelling of that leg",
            patterns=CALF_PAIN,
            also=(SWOLLEN,),
            unless=(INJURY,),
            source="NICE NG158",
        ),
        Criterion(
            "heart_failure_signs",
            "same_day",
            "Both legs swelling with breathlessness lying flat, waking breathless, or weight gain of 2 kg (5 lb) in 3 days",
            patterns=SWELLING,
            also=(HEART_FAILURE,),
            source="NICE CKS",
        ),
        Criterion(
            "swelling_in_pregnancy",
            "same_day",
            "Swelling of the legs, feet or hands in pregnancy (check BP and urine for pre-eclampsia today)",
            patterns=SWELLING,
            when=lambda f: f.pregnant and (f.gestation_weeks is None or f.gestation_weeks >= 20),
            unless=(DEPENDENT + "|" + MILD,),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "both_ankles_new_or_worse",
            "within_3_days",
            "Both ankles or legs newly swollen, pitting or getting worse (check heart, kidneys, liver, medicines)",
            patterns=SWELLING,
            also=(BOTH, WORSE),
            unless=(DEPENDENT,),
            source="NICE CKS",
        ),
        Criterion(
            "both_ankles_weeks",
            "within_2_weeks",
            "Mild swelling of both ankles or feet for weeks, no pain, redness or breathlessness",
            patterns=SWELLING,
            when=lambda f: f.duration_days is not None and f.duration_days >= 14,
            also=(BOTH,),
            source="NICE CKS",
        ),
        Criterion(
            "night_cramps",
            "self_care",
            "Calf or leg cramps (at night or after exercise) with no swelling, redness or warmth",
            patterns=(
                r"(?:(?:calf|calves|leg|legs|foot|feet)\s+cramp\w*|cramp\w*\s+in\s+(?:my\s+|his\s+|her\s+)?(?:calf|calves|legs?|feet|foot)\b|charley\s+horses?\b)",
            ),
            unless=(SWOLLEN + r"|red\b|hot\b|warm\b|(?-i:DVT)|clot",),
            source="NICE CKS",
        ),
        Criterion(
            "dependent_mild",
            "self_care",
            "Mild swelling of both ankles or feet after a long day on the feet, sitting, heat or a flight, going down overnight",
            patterns=SWELLING,
            also=(DEPENDENT,),
            unless=(rf"{ONE_LIMB}", r"(?-i:DVT)\b|dvt\b|clot\b"),
            source="NHS 111 / NHS.uk conditions",
        ),
    ),
    scores=(
        ClinicalScore(
            "Wells DVT",
            items=(
                ScoreItem(
                    "active cancer",
                    patterns=(
                        r"(?:active\s+|current\s+|have\s+|has\s+|with\s+|getting\s+|on\s+|receiving\s+)?(?:cancer|chemo\w*|metasta\w*|malignan\w*|tumou?r)\b",
                    ),
                ),
                ScoreItem(
                    "paralysis, paresis or recent plaster cast",
                    patterns=(
                        r"(?:in\s+a\s+|wearing\s+a\s+|had\s+a\s+)?(?:cast|plaster|paraly\w*|pare(?:sis|tic)|immobili[sz]ed\s+(?:leg|limb))\b",
                    ),
                ),
                ScoreItem(
                    "bedridden 3 days or more, or major surgery within 12 weeks",
                    patterns=(
                        r"(?:recent|had|after|since|following)\s+(?:an?\s+|my\s+|the\s+|his\s+|her\s+)?(?:\w+\s+)?(?:surgery|operation|c[\s-]?section|replacement)",
                        r"(?:bed[\s-]?(?:ridden|bound)|(?:in|stuck\s+in)\s+bed\s+for|laid\s+up\s+for|post[\s-]?op\w*)",
                    ),
                ),
                ScoreItem(
                    "tenderness along the deep veins",
                    patterns=(
                        r"(?:calf|calves|thigh|back\s+of\s+(?:my\s+|his\s+|her\s+|the\s+)?(?:leg|knee))\s+(?:is\s+|feels\s+)?(?:very\s+|really\s+)?(?:tender|sore\s+to\s+(?:touch|press))\b",
                        r"(?:tender|tenderness)\s+(?:along|over|in|of)\s+(?:the\s+)?(?:deep\s+veins?|calf|thigh|veins?)\b",
                    ),
                ),
                ScoreItem(
                    "entire leg swollen",
                    patterns=(
                        r"(?:(?:whole|entire|full)\s+(?:left\s+|right\s+)?leg\s+(?:is\s+)?(?:swollen|swelling|puffy)|(?:swollen|swelling\s+of\s+the)\s+(?:whole|entire)\s+leg)\b",
                    ),
                ),
                ScoreItem(
                    "calf swelling 3 cm more than the other side",
                    patterns=(
                        rf"(?:one|{SIDE})\s+(?:leg|calf|ankle)\s+(?:is\s+)?(?:bigger|larger|fatter|thicker)\s+than\s+the\s+other\b",
                        r"(?:calf|leg)\s+(?:circumference\s+)?(?:\d+(?:\.\d)?\s*cm|[3-9]\s*cm)\s+(?:bigger|larger|more|greater)\b",
                        rf"{SIDE}\s+calf\s+(?:is\s+)?(?:swollen|swelling|bigger|puffy)\b",
                    ),
                ),
                ScoreItem(
                    "pitting oedema of the symptomatic leg",
                    patterns=(
                        r"(?:pitting\b|(?:leaves?|left)\s+(?:a\s+)?(?:dent|dimple|mark)\s+when\s+(?:i\s+)?press\w*)",
                    ),
                ),
                ScoreItem(
                    "collateral superficial veins",
                    patterns=(r"(?:collateral|dilated|prominent|bulging|visible)\s+(?:superficial\s+)?veins\b",),
                ),
                ScoreItem(
                    "previous DVT",
                    patterns=(
                        r"(?:(?:history|hx|h/o)\s+of\s+(?:a\s+)?(?:dvt|blood\s+clots?|clots?)|(?:previous|prior|had\s+a)\s+(?:dvt|blood\s+clot|clot)\b)",
                    ),
                ),
                ScoreItem(
                    "alternative diagnosis as likely",
                    patterns=(
                        rf"(?:{INJURY}|cellulitis|bitten|(?:bug|insect|spider)\s+bite|baker'?s\s+cyst|varicose|pulled\s+(?:a\s+)?(?:calf\s+)?muscle|cramp\w*)",
                    ),
                    points=-2,
                ),
            ),
            thresholds=((2, "same_day"),),
            source="NICE NG158",
            min_present=2,
        ),
    ),
    home_care=(
        "Raise your legs when sitting (above hip level), walk regularly and avoid standing or sitting still for long; wear comfortable "
        "shoes; support stockings can help. Call back today if one leg becomes swollen, red, warm or painful; call 911 if you get "
        "chest pain or breathlessness, or a leg turns cold, pale or numb."
    ),
    advice={
        "emergency": "Advise 911 now (possible pulmonary embolism or acute limb ischaemia); don't drive yourself.",
        "same_day": "Call the patient back today: same-day assessment (two-level Wells score, D-dimer or ultrasound within 4 hours, or interim anticoagulation per NICE NG158).",
        "within_3_days": "Offer an appointment within 3 days for leg swelling (examination, urine dip, bloods, medication review).",
        "within_2_weeks": "Offer a routine appointment within 2 weeks for chronic ankle swelling.",
    },
)
