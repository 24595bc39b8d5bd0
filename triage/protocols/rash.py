"""Rash (NICE NG240 meningitis and meningococcal disease; CDC tick-borne diseases; NHS.uk rashes,
shingles and Stevens-Johnson syndrome).

A rash that does not fade under pressure (the glass test), petechiae or purpura is meningococcal
disease until proven otherwise: 911, with or without a fever. A rash with a fever and signs of
meningitis or sepsis (stiff neck, drowsiness, confusion, cold hands and feet, leg pain) is an
emergency too; a rash with a fever alone is seen the same day. After a tick bite, a fever with a
spotted rash (wrists, ankles, palms, soles: Rocky Mountain spotted fever) is an emergency, a fever
alone the same day, an expanding bull's-eye rash (erythema migrans, Lyme disease) within 3 days.
Blistering or peeling skin with sore mouth, eyes or genitals (Stevens-Johnson syndrome / toxic
epidermal necrolysis) is an emergency. Shingles is seen within 3 days (antivirals work best
within 72 hours), the same day when it is near the eye or the patient is immunosuppressed. Hives
alone and other rashes in a well person are home care (allergic reactions are their own protocol).
"""

from triage.protocols.schema import Criterion, Protocol, Source
from triage.protocols.sources import CDC_TICK, NHS_111, NICE_CKS
from triage.protocols.words import FEVER_ANY, PRON, S, gap_affirmative

NICE_NG240 = Source(
    "NICE NG240",
    "Meningitis (bacterial) and meningococcal disease: recognition, diagnosis and management (2024)",
    "https://www.nice.org.uk/guidance/ng240",
)

RASH_WORD = (
    r"(?:rash|rashes|rashy|spots|spotty|dots|blotch\w*|bumps|welts|hives|petechia\w*|purpur\w*|lesions?|"
    r"erupt\w*|marks)"
)
# spots that are not a skin rash (white spots on the tonsils)
NOT_SKIN_SPOTS = r"(?:white|yellow|yellowish|whitish)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:spots|dots|patches)|(?:spots|dots)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){0,3}?(?:tonsils?|throat)"
# affirmed anywhere: any fever word or reading (the protocols check the reading with ``when``)
FEVER_ALSO = "|".join(FEVER_ANY) + r"|pyrexi\w*|hot\s+to\s+(?:the\s+)?touch|burning\s+up|high\s+temp\w*"


def febrile(f) -> bool:
    """No temperature stated, or one of 38 C (100.4 F) or more (a fever word is then trusted)."""
    return f.temp_c is None or f.temp_c >= 38.0


# the spots do not fade under pressure: petechiae, purpura, a positive glass test
_NEG_FADE = r"(?:doesn'?t|does\s+not|didn'?t|did\s+not|won'?t|will\s+not|isn'?t|is\s+not|aren'?t|not)"
# NICE CKS bruising: flat purple patches on the thin, sun-damaged skin of an older person's forearms
# and hands, after minor knocks, are actinic (senile) purpura, not a meningococcal rash
OLDER_SKIN_PURPURA = (
    r"(?:actinic|senile|solar)\s+purpura|(?:after|from|with)\s+(?:minor\s+|small\s+|little\s+|the\s+slightest\s+)?(?:knocks|bumps)\b"
    r"|thin(?:,|\s+and)?\s+(?:\w+[\s-]?\w*\s+)?skin\b|skin\s+is\s+thin\b"
)
NON_BLANCHING = (
    r"non[\s-]*blanch\w*",
    r"(?:not|doesn'?t|does\s+not)\s+blanch\w*",
    rf"{RASH_WORD}{gap_affirmative(5)}{_NEG_FADE}{S}(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+{S})?(?:fade|fading|blanch\w*|disappear\w*|go\s+away|turn\s+white|go\s+white)\b"
    rf"(?:{S}(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+{S}){{0,3}}?(?:press\w*|push\w*|glass|tumbler))?",
    rf"(?:glass|tumbler)\s+test{gap_affirmative(6)}(?:{_NEG_FADE}|still)\b",
    r"positive\s+(?:glass|tumbler)\s+test\b",
    rf"(?:still\s+)?(?:see|visible|seen)\s+(?:the\s+)?(?:{RASH_WORD})\s+through\s+(?:the\s+|a\s+)?(?:glass|tumbler)\b",
    rf"{RASH_WORD}\s+(?:are\s+|is\s+)?(?:still\s+)?(?:visible|showing|seen)\s+through\s+(?:the\s+|a\s+)?(?:glass|tumbler)\b",
    # (petechiae on the palate are glandular fever's or strep's, not a rash)
    r"(?:petechia\w*|petechie|petichia\w*|petecia\w*|purpur\w*)(?!\s+(?:\w+\s+){0,2}(?:on|of)\s+the\s+(?:soft\s+|hard\s+)?palate)",
    r"(?:purple|purplish|dark\s+purple|plum)[\s-]+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:spots|dots|blotch\w*|patch\w*|bruis\w*|rash|marks|specks)\b",
    r"(?:looks?|like)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:bruis\w*|pin\s*pricks?)\s+(?:under|in)\s+(?:the\s+)?skin\b",
    r"meningococ\w*(?!\s+(?:\w+\s+)?(?:vaccin\w*|jabs?|shots?|immuni\w*|conjugate))",
)
# lay words for petechiae without the glass test
PINPOINT = (
    r"(?:tiny|small|pinpoint|pin[\s-]*point|pin\s*prick|little|lots\s+of\s+little)\s+(?:red|purple|dark\s+red|maroon|reddish[\s-]purple)\s+"
    r"(?:or\s+purple\s+)?(?:spots|dots|marks|specks|pinpricks|freckles)\b",
)
MENINGITIS_SIGNS = (
    r"stiff\s+neck|neck\s+(?:is\s+)?(?:stiff|rigid)|neck\s+stiffness|nuchal|can'?t\s+(?:bend|touch)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){0,2}(?:neck|chin)|"
    r"(?:light|bright\s+lights?)\s+(?:hurts|hurting|bothers?)|photophob\w*|hurts\s+to\s+look\s+at\s+(?:the\s+)?light|"
    r"confus\w*|drows\w*|hard\s+to\s+(?:wake|rouse)|(?:can'?t|won'?t)\s+(?:wake|rouse)|lethargic|floppy|unresponsive|"
    r"cold\s+(?:hands|feet|hands\s+and\s+feet)|(?:leg|legs|limb)\s+(?:pain|ache|aches|hurt|hurts)|mottled|"
    r"very\s+(?:sick|unwell|ill|poorly)|seems?\s+(?:really\s+)?(?:very\s+)?(?:sick|unwell)|getting\s+worse\s+(?:quickly|fast)|"
    r"rapidly\s+(?:spreading|worsening)|spreading\s+(?:fast|quickly|rapidly)"
)
TICK = r"(?:tick|ticks|tic)\b(?!\s*(?:tock|box|mark|off))|deer\s+tick|tick[\s-]*bite|tick[\s-]*borne"
TICK_PATTERNS = (
    r"(?:bitten|bit|bite|bites)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){0,2}?(?:by\s+)?(?:an?\s+|the\s+)?(?:deer\s+|dog\s+|lone\s+star\s+)?(?:tick|ticks)\b",
    r"(?:tick|ticks)\s+(?:bite|bit|bites|on|in|attached|embedded|stuck|was|latched|that)\b",
    r"(?:pulled|removed|took|found|found\s+a|got)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){0,2}?(?:tick|ticks)\b",
    r"(?:deer|dog|lone\s+star)\s+tick\b",
    r"tick[\s-]*(?:bite|borne)\b",
)
SPOTTED = rf"{RASH_WORD}|red\s+(?:spots|dots)|spotted|speckled"
SJS_PATTERNS = (
    r"stevens[\s-]*johnson\w*|toxic\s+epidermal\s+necrolysis",
    r"(?-i:SJS)\b",
    rf"(?:skin){gap_affirmative(3)}(?:peeling|peel|sloughing|sloughs?|coming\s+off|falling\s+off|coming\s+away|shedding)\b",
    rf"(?:peeling|blistering|sloughing){S}(?:of{S}(?:the{S})?)?skin\b",
    rf"(?:blister\w*|peeling){gap_affirmative(4)}(?:all\s+over|everywhere|widespread|spreading|whole\s+body|most\s+of\s+(?:{PRON}\s+)?body)\b",
    r"widespread\s+(?:blister\w*|peeling)",
)
MUCOSAL = (
    r"mouth|lips?|eyes?|genital\w*|privates|mucos\w*|inside\s+(?:of\s+)?(?:my|his|her)\s+(?:mouth|cheeks)|"
    r"sores\s+in\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?mouth|conjunctiv\w*"
)
SHINGLES = (
    r"shingles\b",
    r"(?:herpes\s+)?zoster\b",
    r"(?-i:HZ|HZO)\b",
    r"(?:band|strip|stripe|belt|line|cluster)\s+of\s+(?:painful\s+|red\s+)?(?:blisters|spots|bumps|rash)\b",
    # clinical wording: "grouped vesicles on an erythematous base in the T6 dermatome"
    r"(?:grouped|clustered|painful)\s+(?:\w+\s+)?vesic\w*",
    r"vesic\w*(?:\s+\w+){0,8}?\s+(?:dermatom\w*|unilateral|band)",
    r"dermatom(?:e|al)\s+(?:\w+\s+){0,3}?(?:rash|vesic\w*|eruption|blisters|pain)",
    rf"(?:blisters|rash){gap_affirmative(4)}(?:on\s+)?one\s+side\s+(?:of\s+)?(?:{PRON}\s+)?(?:body|chest|back|face|torso|waist|forehead)\b",
)
NEAR_EYE = r"eye|eyes|eyelid|forehead|tip\s+of\s+(?:the\s+|my\s+|his\s+|her\s+)?nose|scalp\s+and\s+forehead|ophthalmic"

PROTOCOL = Protocol(
    name="rash",
    title="Rash",
    sources=(NICE_NG240, CDC_TICK, NHS_111, NICE_CKS),
    complaint=(
        r"(?:rash|rashes|rashy)\b",
        r"(?:hives|welts|urticaria)\b",
        r"(?:petechia\w*|purpur\w*)",
        r"(?:red|itchy|raised|bumpy|blotchy|purple|pink)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:spots|dots|blotches|bumps|welts|patches)\b",
        rf"(?:spots|bumps|blotches)\s+(?:all\s+)?(?:over|on)\s+(?:{PRON}\s+)?(?:body|skin|chest|back|face|arms|legs|tummy|belly|stomach)\b",
        r"(?:broke|breaking|broken)\s+out\s+in\b",
        r"(?:chicken\s*pox|chickenpox|measles|scarlet\s+fever|hand[\s,]+foot\s+and\s+mouth)\b",
        *SHINGLES,
        r"erythema\s+migrans\b",
        r"bull'?s?[\s-]*eye\s+(?:rash|mark|ring|shaped)",
    ),
    default="self_care",
    criteria=(
        Criterion(
            "non_blanching_rash",
            "emergency",
            "Rash that does not fade under pressure (glass test), petechiae or purpura: suspected meningococcal disease",
            patterns=NON_BLANCHING,
            unless=(OLDER_SKIN_PURPURA,),
            source="NICE NG240",
        ),
        Criterion(
            "rash_fever_meningitis_signs",
            "emergency",
            "Rash with fever and a stiff neck, light sensitivity, drowsiness or confusion, cold hands and feet, leg pain or rapid worsening",
            patterns=(rf"{RASH_WORD}",),
            also=(FEVER_ALSO, MENINGITIS_SIGNS),
            when=febrile,
            unless=(NOT_SKIN_SPOTS,),
            source="NICE NG240",
        ),
        Criterion(
            "pinpoint_spots_fever",
            "emergency",
            "Tiny red or purple pinpoint spots (possible petechiae) with a fever",
            patterns=PINPOINT,
            also=(FEVER_ALSO,),
            when=febrile,
            source="NICE NG240",
        ),
        Criterion(
            "tick_bite_fever_rash",
            "emergency",
            "Fever and a spotted rash (often wrists, ankles, palms, soles) after a tick bite: possible Rocky Mountain spotted fever",
            patterns=TICK_PATTERNS,
            also=(FEVER_ALSO, SPOTTED),
            when=febrile,
            source="CDC tick-borne diseases",
        ),
        Criterion(
            "skin_peeling_mucosal",
            "emergency",
            "Blistering or peeling skin with sore mouth, lips, eyes or genitals (possible Stevens-Johnson syndrome / TEN)",
            patterns=SJS_PATTERNS,
            also=(MUCOSAL,),
            unless=(r"sunburn\w*|sun\s+burn\w*",),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "sjs_named",
            "emergency",
            "Suspected Stevens-Johnson syndrome or toxic epidermal necrolysis",
            patterns=SJS_PATTERNS[:2],
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "rash_with_fever",
            "same_day",
            "Rash with a fever (38 C / 100.4 F or more, or feels feverish)",
            patterns=(rf"{RASH_WORD}",),
            also=(FEVER_ALSO,),
            when=febrile,
            unless=(
                r"heat\s+rash|prickly\s+heat|hives|welts|urticaria|acne|eczema",
                NOT_SKIN_SPOTS,
                # roseola: the rash comes once the fever has gone (NHS.uk roseola)
                r"roseola|(?:the\s+|his\s+|her\s+)?(?:fever|temperature)\s+(?:has\s+|had\s+)?(?:settled|resolved|gone|went\s+away|broke|came\s+down)\b",
            ),
            source="NICE NG240",
        ),
        Criterion(
            "pinpoint_spots",
            "same_day",
            "Tiny red or purple pinpoint spots or unexplained bruising (no fever stated): check with the glass test today",
            patterns=(
                *PINPOINT,
                r"(?:unexplained|random|mysterious|lots\s+of|new)\s+bruis\w*{gap}(?:no\s+reason|nowhere|appearing|all\s+over)".replace(
                    "{gap}", gap_affirmative(3)
                ),
                r"bruis\w*\s+(?:for\s+no\s+reason|out\s+of\s+nowhere|easily\s+and\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:spots|rash))",
            ),
            source="NICE NG240",
        ),
        Criterion(
            "tick_bite_fever",
            "same_day",
            "Fever, chills, headache or aches within weeks of a tick bite",
            patterns=TICK_PATTERNS,
            also=(FEVER_ALSO + r"|chills|flu[\s-]*like|body\s+aches|achy",),
            when=febrile,
            source="CDC tick-borne diseases",
        ),
        Criterion(
            "shingles_near_eye",
            "same_day",
            "Shingles on the forehead, near the eye or the tip of the nose (eye involvement)",
            patterns=SHINGLES,
            also=(NEAR_EYE,),
            source="NICE CKS",
        ),
        Criterion(
            "shingles_immunosuppressed",
            "same_day",
            "Shingles in an immunosuppressed or pregnant patient",
            patterns=SHINGLES,
            when=lambda f: f.immunosuppressed or f.pregnant,
            source="NICE CKS",
        ),
        Criterion(
            "chickenpox_high_risk",
            "same_day",
            "Chickenpox in a pregnant, immunosuppressed or newborn patient",
            patterns=(r"(?:chicken\s*pox|chickenpox|varicella)\b",),
            when=lambda f: f.pregnant or f.immunosuppressed or (f.age_years is not None and f.age_years < 0.08),
            source="NICE CKS",
        ),
        Criterion(
            "erythema_migrans",
            "within_3_days",
            "Expanding red or bull's-eye rash (erythema migrans), especially after a tick bite: possible Lyme disease",
            patterns=(
                r"erythema\s+migrans\b",
                r"bull'?s?[\s-]*eye\b",
                r"bullseye\b",
                r"target[\s-]*(?:like|shaped)?\s*(?:rash|lesion|mark|ring|pattern)\b",
                r"lyme\b",
                r"(?:paler|pale|clear|clearer|lighter)\s+(?:middle|centre|center)\b",
                r"(?:red|pink)\s+(?:round|circular|oval|expanding)\s+(?:patch|ring|rash|mark|circle|area)\b",
            ),
            source="CDC tick-borne diseases",
        ),
        Criterion(
            "tick_bite_expanding_rash",
            "within_3_days",
            "Expanding red rash or ring around a tick bite",
            patterns=TICK_PATTERNS,
            also=(
                rf"(?:expanding|spreading|growing|getting\s+bigger|bigger|widening|circular|ring|red\s+circle){gap_affirmative(3)}(?:{RASH_WORD}|red|redness|ring|circle|patch)?",
            ),
            source="CDC tick-borne diseases",
        ),
        Criterion(
            "shingles",
            "within_3_days",
            "Shingles (painful band of blisters on one side): antivirals work best within 3 days of the rash",
            patterns=SHINGLES,
            source="NICE CKS",
        ),
        Criterion(
            "tick_bite_well",
            "self_care",
            "Tick bite, tick removed, no rash or fever: watch for 30 days",
            patterns=TICK_PATTERNS,
            source="CDC tick-borne diseases",
        ),
    ),
    home_care=(
        "Most rashes in a well person settle on their own: keep the skin cool, use an unperfumed moisturiser, an "
        "antihistamine for itch, avoid new soaps or products. Check any new spots with the glass test (press a clear "
        "glass on them): call 911 if they do not fade, or if a fever, stiff neck, drowsiness or cold hands and feet "
        "appear. After a tick bite: remove the tick with tweezers close to the skin, clean the area, and call within "
        "30 days if a spreading red rash, fever, or aches appear. Call back if the rash spreads fast, blisters, or "
        "affects the mouth or eyes."
    ),
    advice={
        "emergency": "Advise 911 / the emergency department now (possible meningococcal disease, Rocky Mountain spotted "
        "fever or a severe skin reaction); do not wait for the rash to change.",
        "same_day": "Call the patient back today and arrange a same-day assessment of the rash.",
        "within_3_days": "Offer an appointment within 3 days (Lyme disease or shingles treatment); call back sooner if "
        "a fever or new symptoms appear.",
    },
)
