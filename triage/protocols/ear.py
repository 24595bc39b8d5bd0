"""Ear problems: earache, discharge, hearing loss, objects in the ear (NICE NG91 otitis media
(acute): antimicrobial prescribing; NICE CKS mastoiditis, sudden sensorineural hearing loss and
otitis externa; NHS.uk earache).

Swelling, redness or tenderness behind the ear, or an ear pushed forward (mastoiditis), is an
emergency, as is a button battery in the ear. Sudden hearing loss in one ear is seen the same day
(steroids work best early), as is an object stuck in the ear, severe ear pain in someone who is
diabetic or immunosuppressed (necrotising otitis externa), and an earache with a high fever or a
very unwell child. Earache for 3 days or more (not improving), ear pain with fever in a child for 2-3
days, discharge from the ear, and a child under 2 with both ears affected are seen within 3 days
(NG91). Earache for less than 3 days in an otherwise well person, and wax, are home care; new
persistent tinnitus is routine.
"""

from triage.protocols.rash import FEVER_ALSO, febrile
from triage.protocols.schema import Criterion, Protocol, Source
from triage.protocols.sources import NHS_111, NICE_CKS
from triage.protocols.words import CANT, PAIN, PRON, S, gap_affirmative

NICE_NG91 = Source(
    "NICE NG91",
    "Otitis media (acute): antimicrobial prescribing",
    "https://www.nice.org.uk/guidance/ng91",
)

EAR = r"(?:ear|ears|eardrum|ear\s+drum)"
EARACHE = (
    r"(?:ear\s*ache|earache|earaches|ear\s*aches|otalgia|otitis(?:\s+media|\s+externa)?|swimmer'?s\s+ear)\b",
    rf"{EAR}\s+(?:is\s+|are\s+|has\s+been\s+|have\s+been\s+|feels?\s+|really\s+|so\s+)?(?:very\s+|really\s+|so\s+)?(?:{PAIN}|pain|painful|sore|infected|infection|throbbing|killing)\b",
    rf"(?:{PAIN}|pain|painful|sore|throbbing)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:in|inside|behind)\s+(?:{PRON}\s+|one\s+|both\s+)?(?:left\s+|right\s+)?{EAR}\b",
    rf"(?:painful|sore|infected|throbbing)\s+(?:left\s+|right\s+)?{EAR}\b",
    rf"{EAR}\s+infection\w*",
    r"(?-i:AOM|OME|OE)\b",
    rf"(?:pulling|tugging|grabbing|rubbing|holding|hitting)\s+(?:at\s+|on\s+)?(?:{PRON}\s+)?{EAR}\b",
)
DISCHARGE = (
    rf"{EAR}{gap_affirmative(3)}(?:discharge|draining|drainage|leaking|oozing|weeping|running|pus|gunk|fluid|liquid|goo)\b",
    rf"(?:discharge|drainage|pus|fluid|liquid|gunk|goo|blood)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:coming\s+)?(?:from|out\s+of|in)\s+(?:{PRON}\s+|one\s+|both\s+)?(?:left\s+|right\s+)?{EAR}\b",
    r"(?:otorrh(?:o)?ea|perforat\w*\s+(?:ear\s*)?drum|(?:ear\s*)?drum\s+(?:has\s+)?(?:burst|perforated|ruptured))\b",
)
HEARING = (
    rf"(?:hearing\s+loss|loss\s+of\s+hearing|lost\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?hearing|deaf\w*|{CANT}\s+hear|muffled\s+hearing|hearing\s+(?:is\s+)?(?:muffled|gone|reduced|worse|dull))\b",
    r"sensorineural\s+hearing\s+loss\b",
    r"(?-i:SSNHL)\b",
)

PROTOCOL = Protocol(
    name="ear",
    title="Ear problems",
    sources=(NICE_NG91, NICE_CKS, NHS_111),
    complaint=(
        *EARACHE,
        *DISCHARGE,
        *HEARING,
        rf"(?:ringing|buzzing|whooshing|humming)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:in\s+)?(?:{PRON}\s+)?(?:ear|ears)\b",
        r"tinnitus\b",
        rf"(?:blocked|clogged|plugged|full|stuffed)\s+(?:up\s+)?(?:{PRON}\s+)?(?:left\s+|right\s+)?(?:ear|ears)\b",
        r"(?:ear|ears)\s+(?:feels?\s+|is\s+|are\s+)?(?:blocked|clogged|plugged|full|popping|itchy)\b",
        r"(?:ear\s*wax|earwax|wax\s+(?:build[\s-]*up|buildup|in\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?ears?))\b",
        rf"(?:something|bead|stuck|object|bug|insect)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,3}}?(?:in|into|inside)\s+(?:{PRON}\s+)?(?:ear|ears)\b",
    ),
    default="self_care",
    criteria=(
        Criterion(
            "mastoiditis",
            "emergency",
            "Swelling, redness or tenderness behind the ear, or the ear pushed forward or sticking out (mastoiditis)",
            patterns=(
                rf"(?:swelling|swollen|redness|red|lump|bump|tender\w*|puffy|pain|{PAIN}|bulge|bulging)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:area\s+)?behind\s+(?:the\s+|{PRON}\s+)?(?:left\s+|right\s+)?(?:ear|ears)\b",
                rf"behind\s+(?:the\s+|{PRON}\s+)?(?:ear|ears)\s+(?:is\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:swollen|red|puffy|tender|bulging|hot)\b",
                r"(?:ear|ears)\s+(?:is\s+|are\s+|has\s+been\s+)?(?:sticking|pushed|pushing|poking|standing)\s+(?:out|forward|outward)\b",
                r"mastoid\w*",
                r"(?:post[\s-]?auricular|retro[\s-]?auricular)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:swelling|erythema|tenderness|redness|mass|fluctuance|oedema|edema)\b",
            ),
            source="NICE CKS",
        ),
        Criterion(
            "battery_in_ear",
            "emergency",
            "Button battery or magnet in the ear (or nose)",
            patterns=(
                rf"(?:button\s+|watch\s+|coin\s+|small\s+)?(?:battery|batteries|magnet|magnets)\b{gap_affirmative(6)}(?:ear|ears|nose|nostril)\b",
            ),
            also=(
                r"in\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:ear|ears|nose|nostril)|stuck|put|pushed|shoved",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "ear_with_meningism",
            "emergency",
            "Earache or ear discharge with a stiff neck, confusion, drowsiness or facial weakness",
            patterns=(*EARACHE, *DISCHARGE),
            also=(
                r"stiff\s+neck|neck\s+(?:is\s+)?stiff|confus\w*|drows\w*|hard\s+to\s+wake|floppy|(?:face|mouth|smile)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?droop\w*|"
                r"facial\s+(?:weakness|droop|palsy)|can'?t\s+(?:close|move)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:eye|face)",
            ),
            source="NICE CKS",
        ),
        Criterion(
            "sudden_hearing_loss",
            "same_day",
            "Sudden hearing loss in one or both ears (over hours to 3 days) without an obvious cause such as wax or a cold",
            patterns=(
                rf"sudden(?:ly)?{gap_affirmative(4)}(?:hearing\s+loss|loss\s+of\s+hearing|lost\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?hearing|deaf|{CANT}\s+hear|muffled|hearing\s+(?:is\s+)?(?:gone|muffled))\b",
                rf"(?:woke|woken|waking)\s+up{gap_affirmative(6)}(?:deaf|{CANT}\s+hear|no\s+hearing|hearing\s+(?:was\s+|is\s+)?(?:gone|muffled)|lost\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?hearing)\b",
                rf"(?:lost|losing|lose)\s+(?:the\s+|my\s+|his\s+|her\s+|all\s+)?hearing\s+in\s+(?:{PRON}\s+|one\s+)?(?:left\s+|right\s+)?ear\b",
                rf"{CANT}\s+hear\s+(?:anything\s+)?(?:out\s+of|in|with|from)\s+(?:{PRON}\s+|one\s+)?(?:left\s+|right\s+)?ear\b",
                rf"(?:deaf|no\s+hearing)\s+in\s+(?:{PRON}\s+|one\s+)?(?:left\s+|right\s+)?ear\b",
                r"sudden\s+sensorineural\s+hearing\s+loss\b",
                r"(?-i:SSNHL)\b",
            ),
            unless=(r"(?:ear\s*)?wax|cold|congest\w*|swimming|flight|flying|plane",),
            source="NICE CKS",
        ),
        Criterion(
            "object_in_ear",
            "same_day",
            "Object or insect stuck in the ear",
            patterns=(
                rf"(?:bead|pebble|stone|toy|crayon|pea|bean|rice|seed|eraser|lego|piece|tip|cotton|q[\s-]?tip|earring|bug|insect|fly|moth|beetle|something|object)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,4}}?(?:stuck|lodged|up|inside|in|into)\s+(?:{PRON}\s+|the\s+)?(?:left\s+|right\s+)?(?:ear|ears|ear\s+canal)\b",
                rf"(?:put|pushed|shoved|stuck|got)\s+(?:a\s+|an\s+|some\s+|the\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,2}}?(?:in|into|up)\s+(?:{PRON}\s+)?(?:ear|ears)\b",
                r"foreign\s+(?:body|object)\s+(?:in\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:ear|ears)\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "severe_ear_pain_high_risk",
            "same_day",
            "Severe ear pain or discharge in someone with diabetes or a weak immune system (necrotising otitis externa)",
            patterns=(*EARACHE, *DISCHARGE),
            when=lambda f: f.diabetic or f.immunosuppressed,
            source="NICE CKS",
        ),
        Criterion(
            "earache_very_unwell",
            "same_day",
            "Earache with a high fever (39 C / 102 F or more) or a child who is very unwell, floppy or not drinking",
            patterns=EARACHE,
            also=(
                FEVER_ALSO
                + r"|very\s+(?:sick|unwell|ill|poorly)|not\s+drinking|won'?t\s+drink|lethargic|listless|limp",
            ),
            when=lambda f: (
                (f.temp_c is not None and f.temp_c >= 39.0) or (f.temp_c is None and f.is_child and f.infant)
            ),
            source="NICE NG91",
        ),
        Criterion(
            "earache_3_days",
            "within_3_days",
            "Earache for 3 days or more, or not improving (NG91: reassess, consider antibiotics)",
            patterns=EARACHE,
            when=lambda f: f.duration_days is not None and f.duration_days >= 3,
            source="NICE NG91",
        ),
        Criterion(
            "child_ear_pain_fever",
            "within_3_days",
            "Ear pain with fever in a child for 2-3 days or more",
            patterns=EARACHE,
            also=(FEVER_ALSO,),
            when=lambda f: f.is_child and febrile(f) and f.duration_days is not None and f.duration_days >= 2,
            source="NICE NG91",
        ),
        Criterion(
            "earache_not_improving",
            "within_3_days",
            "Earache getting worse or not improving",
            patterns=(
                r"(?:not|isn'?t|hasn'?t|no)\s+(?:getting\s+)?(?:any\s+)?(?:better|improv\w*)",
                r"(?:getting|got|gotten)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?worse\b",
                r"worse(?:ning)?\b",
            ),
            also=(EARACHE[0] + "|" + EARACHE[1] + "|" + EARACHE[2] + "|" + EARACHE[4],),
            source="NICE NG91",
        ),
        Criterion(
            "ear_discharge",
            "within_3_days",
            "Discharge from the ear (otorrhoea) or a burst eardrum",
            patterns=DISCHARGE,
            source="NICE NG91",
        ),
        Criterion(
            "under_2_both_ears",
            "within_3_days",
            "Child under 2 with infection in both ears",
            patterns=(
                r"(?:both|two)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?ears\b",
                r"bilateral\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:otitis|ear\s+infection|aom)",
            ),
            also=(rf"{PAIN}|pain|infection|infected|otitis|pulling|tugging|fever",),
            when=lambda f: f.age_years is not None and f.age_years < 2,
            source="NICE NG91",
        ),
        Criterion(
            "tinnitus",
            "within_2_weeks",
            "New persistent ringing or pulsing in one or both ears (tinnitus) without sudden hearing loss",
            patterns=(
                r"tinnitus\b",
                rf"(?:ringing|buzzing|whooshing|humming|pulsing|heartbeat){S}(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+{S}){{0,2}}?in{S}(?:{PRON}{S})?(?:left\s+|right\s+)?(?:ear|ears)\b",
            ),
            source="NICE CKS",
        ),
        Criterion(
            "otitis_externa",
            "within_3_days",
            "Ear canal pain worse on pulling or pressing the outer ear, often after swimming (otitis externa: needs drops)",
            patterns=(
                r"(?:pull\w*|touch\w*|press\w*|tug\w*|wiggl\w*)\s+(?:on\s+)?(?:the\s+|my\s+|his\s+|her\s+)?(?:outer\s+|outside\s+)?(?:ear|earlobe|tragus|pinna|auricle|outside\s+part)",
                r"(?:outer|outside)\s+(?:part\s+of\s+(?:the\s+|my\s+)?)?ear\s+(?:\w+\s+){0,2}(?:hurts?|painful|tender|sore)",
                r"(?:tragal|tragus)\s+(?:tenderness|pain)|tender\s+tragus|otitis\s+externa|swimmer'?s\s+ear",
                r"ear\s+canal\s+(?:is\s+)?(?:red|swollen|inflamed|oedematous|edematous)",
            ),
            also=(r"ear|otalgia",),
            source="NICE CKS",
        ),
        Criterion(
            "earache_short_well",
            "self_care",
            "Earache for less than 3 days in an otherwise well person (most settle in 3 days, up to a week)",
            patterns=EARACHE,
            when=lambda f: f.duration_days is not None and f.duration_days < 3,
            source="NICE NG91",
        ),
        Criterion(
            "ear_wax",
            "self_care",
            "Blocked ear from wax, or blocked feeling after a cold or flight",
            patterns=(
                r"(?:ear\s*wax|earwax|wax\s+(?:build[\s-]*up|buildup))\b",
                rf"(?:blocked|clogged|plugged|full|stuffed|popping)\s+(?:up\s+)?(?:{PRON}\s+)?(?:left\s+|right\s+)?(?:ear|ears)\b",
                r"(?:ear|ears)\s+(?:feels?\s+|is\s+|are\s+|keep\s+)?(?:blocked|clogged|plugged|full|popping)\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
    ),
    home_care=(
        "Most earaches get better on their own within 3 days (sometimes up to a week). Give paracetamol or ibuprofen "
        "for pain, a warm or cold flannel on the ear, and do not put cotton buds or anything else in the ear. For wax: 2-3 "
        "drops of olive oil 3-4 times a day for a week. Call back if it lasts more than 3 days, discharge comes from the "
        "ear, hearing goes suddenly, or a fever stays high; call 911 for swelling behind the ear, a stiff neck, or a "
        "very drowsy child."
    ),
    advice={
        "emergency": "Advise the emergency department now (possible mastoiditis or intracranial spread, or a button "
        "battery).",
        "same_day": "Arrange a same-day assessment (sudden hearing loss needs ENT within 24 hours; object in the ear).",
        "within_3_days": "Offer an appointment within 3 days to examine the ear (NG91: consider an antibiotic).",
    },
)
