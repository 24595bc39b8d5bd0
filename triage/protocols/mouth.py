"""Mouth, teeth and gums (NHS 111 / NHS.uk dental abscess, toothache, mouth ulcers and cold sores;
NICE CKS aphthous ulcer and dental abscess; NICE NG12 oral cancer).

911 / the emergency department: swelling of the floor of the mouth, under the tongue or the neck
with difficulty swallowing, breathing, speaking or opening the mouth, or drooling (Ludwig's
angina), a dental swelling spreading to the eye or neck. Same day: a dental abscess with facial
swelling or fever (urgent dentist), a knocked-out adult tooth (re-implant within the hour),
bleeding after an extraction that will not stop, a cold sore in a newborn. Within 3 days:
toothache (dentist), a painful wisdom tooth, a dry socket, oral thrush in a baby. Within 2 weeks:
a mouth ulcer for 3 weeks or more, a red or white patch or a lump in the mouth (NICE NG12),
bleeding gums. Canker sores and cold sores: self-care.
"""

from triage.protocols.schema import Criterion, Protocol, Source
from triage.protocols.sources import NHS_111, NICE_CKS, NICE_NG12
from triage.protocols.words import BREATH, CANT, FEVER_ANY, PAIN, PRON, S, fever_at_least, gap, gap_affirmative

NHS_DENTAL_ABSCESS = Source(
    "NHS dental abscess",
    "NHS.uk: Dental abscess (urgent dentist; A&E if swelling affects the eye, neck, breathing or swallowing)",
    "https://www.nhs.uk/conditions/dental-abscess/",
)
NICE_CKS_APHTHOUS = Source(
    "NICE CKS aphthous ulcer",
    "NICE CKS: Aphthous ulcer (refer an ulcer lasting over 3 weeks)",
    "https://cks.nice.org.uk/topics/aphthous-ulcer/",
)

TOOTH = r"(?:tooth|teeth|molar|molars|wisdom\s+tooth|wisdom\s+teeth|gum|gums)"
TOOTHACHE = (
    r"(?:toothache|tooth\s*ache|teethache|dental\s+pain|odontalgia)\b",
    rf"{TOOTH}{gap(2)}(?:{PAIN}|sore|throbbing|killing\s+me|sensitive|swollen|swelling|infected|abscess\w*)\b",
    rf"(?:pain|ache|aching|throbbing|swelling|abscess){S}(?:in|on|around|near|under){S}(?:{PRON}{S})?(?:(?:back|front|bottom|top|upper|lower|left|right){S}){{0,2}}{TOOTH}\b",
    r"(?:dental|tooth|gum|periapical|periodontal)\s+abscess\b",
    r"(?:abscess\w*|infected)\s+(?:tooth|molar|wisdom\s+tooth)\b",
    r"(?:broken|chipped|cracked|knocked[\s-]out|lost\s+a)\s+(?:tooth|teeth|filling|crown)\b",
    r"dry\s+socket\b",
)
MOUTH_SORES = (
    r"(?:mouth|tongue|lip|gum|cheek)\s+(?:ulcers?|sores?|blisters?)\b",
    rf"(?:ulcers?|sores?|blisters?|white\s+spots?|patch(?:es)?){S}(?:on|in|inside){S}(?:{PRON}{S})?(?:mouth|tongue|lips?|gums?|cheeks?|inner\s+cheek|palate|roof\s+of\s+(?:my|his|her)\s+mouth)\b",
    r"(?:canker\s+sores?|cold\s+sores?|fever\s+blisters?|aphthous\s+ulcers?|aphthae|oral\s+thrush|thrush\s+in\s+(?:his|her|my|the)\s+mouth)\b",
    r"(?:herpes\s+labialis|oral\s+herpes)\b",
)
_DEEP_SWELLING = (
    rf"(?:swelling|swollen|lump|hard){gap(3)}(?:under|beneath|below){S}(?:{PRON}{S}|the{S})?(?:tongue|chin|jaw)\b",
    r"(?:floor\s+of\s+(?:the\s+|my\s+|his\s+|her\s+)?mouth)\s+(?:swelling|swollen|raised|tender)\b",
    rf"(?:swelling|swollen){S}(?:floor\s+of\s+(?:the\s+)?mouth)\b",
    rf"(?:tongue){gap(3)}(?:pushed\s+up|raised|lifted|sticking\s+out)\b",
    rf"under\s+(?:{PRON}\s+)?(?:jaw|chin|tongue){gap(2)}(?:swollen|swelling|hard|puffed)\b",
)
_AIRWAY = (
    rf"{CANT}{gap(2)}(?:swallow|breathe|{BREATH}|talk|speak|open\s+(?:{PRON}\s+)?mouth)\b"
    rf"|(?:trouble|difficulty|hard|hard\s+time|struggling){gap(2)}(?:swallow\w*|{BREATH}|talking|speaking|opening)\b"
    r"|drool\w*|dysphagia|trismus|stridor|muffled\s+voice|hot\s+potato\s+voice|short(?:ness)?\s+of\s+breath|(?-i:SOB)"
)

_EXTRACTION = (
    r"(?:tooth|teeth|wisdom\s+teeth?|molar)\s+(?:was\s+|were\s+|got\s+|being\s+)?(?:pulled|out|removed|extract\w*)|extraction|"
    r"(?:pulled|removed|extracted|took\s+out)\s+(?:a|my|his|her|two|the)\s+(?:\w+\s+)?(?:tooth|teeth|molar)|socket"
)

_BABY_TOOTH = r"baby\s+tooth|milk\s+tooth|primary\s+tooth|wiggly|wobbly|loose\s+for|was\s+(?:already\s+)?loose"

PROTOCOL = Protocol(
    name="mouth",
    title="Mouth, teeth and gums",
    sources=(NHS_DENTAL_ABSCESS, NICE_CKS_APHTHOUS, NICE_NG12, NICE_CKS, NHS_111),
    complaint=(
        *TOOTHACHE,
        *MOUTH_SORES,
        r"(?:bleeding|swollen|sore)\s+gums\b",
        r"gums?\s+(?:are\s+|keep\s+)?bleeding\b",
        _EXTRACTION,
    ),
    default="self_care",
    criteria=(
        Criterion(
            "ludwigs_angina",
            "emergency",
            "Swelling under the tongue, floor of the mouth or neck with difficulty swallowing, breathing, speaking or drooling",
            patterns=(
                *_DEEP_SWELLING,
                r"ludwig'?s?\s+angina\b",
                r"(?:sublingual|submandibular)\s+(?:swelling|abscess|space\s+infection)\b",
            ),
            also=(_AIRWAY,),
            source="NHS dental abscess",
        ),
        Criterion(
            "ludwigs_named",
            "emergency",
            "Ludwig's angina suspected",
            patterns=(r"ludwig'?s?\s+angina\b",),
            source="NHS dental abscess",
        ),
        Criterion(
            "dental_swelling_spreading",
            "emergency",
            "A dental or facial swelling spreading to the eye or neck, or with difficulty breathing or swallowing",
            patterns=(
                *TOOTHACHE,
                r"(?:face|cheek|jaw)\s+(?:is\s+)?(?:swollen|swelling|puffy)\b",
                r"(?:swollen|puffy)\s+(?:face|cheek|jaw)\b",
            ),
            also=(
                r"(?:spread\w*|going|moving)\s+(?:down\s+|up\s+)?(?:to|into)\s+(?:my\s+|his\s+|her\s+)?(?:neck|eye)|swollen\s+shut|"
                r"(?:eye|neck)\s+(?:is\s+)?(?:swollen|swelling|puffy)|swelling\s+(?:in|of|on)\s+(?:my\s+|his\s+|her\s+)?(?:neck|eye)|"
                + _AIRWAY,
            ),
            source="NHS dental abscess",
        ),
        Criterion(
            "dental_airway",
            "emergency",
            "Toothache or mouth swelling with difficulty breathing or swallowing",
            patterns=TOOTHACHE,
            also=(
                rf"{CANT}{gap(2)}(?:swallow|breathe|{BREATH})\b|(?:trouble|difficulty|hard\s+time|struggling){gap(2)}(?:swallow\w*|{BREATH})|drool\w*|stridor",
            ),
            source="NHS dental abscess",
        ),
        Criterion(
            "abscess_facial_swelling",
            "same_day",
            "Toothache or dental abscess with facial swelling or a fever",
            patterns=(
                r"(?:face|cheek|jaw|side\s+of\s+(?:my|his|her)\s+face)\s+(?:is\s+|has\s+)?(?:swollen|swelling|puffy|swelled\s+up|blown\s+up)\b",
                r"(?:swollen|puffy|swelling\s+of\s+(?:my|his|her|the))\s+(?:face|cheek|jaw)\b",
                r"facial\s+(?:swelling|cellulitis)\b",
                r"fever\w*|feverish|chills",
            ),
            also=("|".join(TOOTHACHE),),
            source="NHS dental abscess",
        ),
        Criterion(
            "abscess_fever",
            "same_day",
            "Toothache or dental abscess with a temperature of 38 C / 100.4 F or more",
            patterns=FEVER_ANY,
            check=fever_at_least(100.4),
            also=("|".join(TOOTHACHE),),
            source="NHS dental abscess",
        ),
        Criterion(
            "knocked_out_tooth",
            "same_day",
            "A knocked-out adult tooth (put back or keep in milk; dentist within the hour)",
            patterns=(
                rf"knocked\s+(?:\w+\s+)?out\s+(?:{PRON}\s+|a\s+)?(?:front\s+|adult\s+|permanent\s+)?(?:tooth|teeth)\b",
                r"(?:tooth|teeth)\s+(?:got\s+|was\s+|were\s+)?knocked\s+out\b",
                r"(?:knocked[\s-]out|avulsed)\s+(?:adult\s+|permanent\s+|front\s+)?(?:tooth|teeth)\b",
                r"(?:dental\s+)?avulsion\b",
            ),
            unless=(_BABY_TOOTH,),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "adult_tooth_out",
            "same_day",
            "An adult tooth that came out after an injury",
            patterns=(
                rf"(?:fell|came|popped)\s+(?:\w+\s+)?out\s+(?:{PRON}\s+|a\s+)?(?:front\s+|adult\s+|permanent\s+)?(?:tooth|teeth)\b",
                r"(?:tooth|teeth)\s+(?:got\s+|was\s+|were\s+)?(?:fell|came|popped)\s+(?:\w+\s+)?out\b",
            ),
            also=(
                r"adult|permanent|grown[\s-]up|(?:hit|fell\s+(?:off|down|over|on|onto|from|and)|had\s+a\s+fall|tripped|knocked|accident|fight|punch\w*|elbow\w*|crash\w*|hockey|football|"
                r"soccer|rugby|ball|bike|skateboard|trampoline|playground|face[\s-]?plant\w*)",
            ),
            unless=(_BABY_TOOTH,),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "extraction_bleeding",
            "same_day",
            "Bleeding after a tooth extraction that will not stop with 20 minutes of pressure",
            patterns=(
                rf"(?:won'?t|will\s+not|not|can'?t|doesn'?t|isn'?t|hasn'?t){S}(?:\w+{S})?(?:stop|stopping|stopped){S}(?:the\s+)?bleed\w*",
                rf"(?:bleeding|bleed){S}(?:still\s+)?(?:won'?t|will\s+not|doesn'?t|isn'?t|not|hasn'?t)\s+(?:stop|stopping|stopped|slowing)\b",
                r"(?:still|keeps?|constantly)\s+bleeding\b",
            ),
            also=(_EXTRACTION,),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "newborn_cold_sore",
            "same_day",
            "A cold sore or mouth blisters in a baby under 3 months (neonatal herpes)",
            patterns=MOUTH_SORES,
            when=lambda f: f.infant_under_3_months,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "toothache",
            "within_3_days",
            "Toothache, a broken tooth, a painful wisdom tooth or dry socket (dentist within 3 days)",
            patterns=TOOTHACHE,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "infant_oral_thrush",
            "within_3_days",
            "White patches in a baby's mouth (oral thrush)",
            patterns=(
                r"oral\s+thrush\b",
                r"thrush\b",
                rf"white\s+(?:patches|spots|coating|film){gap(3)}(?:mouth|tongue|gums|cheeks)\b",
            ),
            when=lambda f: f.infant or (f.age_years is not None and f.age_years < 1),
            source="NICE CKS",
        ),
        Criterion(
            "ulcer_3_weeks",
            "within_2_weeks",
            "A mouth ulcer lasting 3 weeks or more (NICE NG12)",
            patterns=(*MOUTH_SORES[:2], r"(?:canker\s+sores?|aphthous\s+ulcers?|oral\s+ulcers?)\b"),
            when=lambda f: f.duration_days is not None and f.duration_days >= 21,
            unless=(r"cold\s+sores?|fever\s+blisters?",),
            source="NICE NG12",
        ),
        Criterion(
            "ulcer_not_healing",
            "within_2_weeks",
            "A mouth ulcer that is not healing, or a red or white patch or lump in the mouth (NICE NG12)",
            patterns=(
                rf"(?:mouth\s+ulcer|ulcer\s+(?:in|on|inside)\s+(?:{PRON}\s+)?(?:mouth|tongue|cheek|gums?|lip)|(?:mouth|tongue|cheek|gum|lip)\s+(?:ulcer|sore)|canker\s+sore|ulcer){gap_affirmative(4)}(?:won'?t|isn'?t|not|hasn'?t|never)\s+(?:heal\w*|go(?:ne|ing)?\s+away|gone)\b",
                rf"(?:red|white|red\s+and\s+white)\s+patch(?:es)?{S}(?:on|in|inside){S}(?:{PRON}{S})?(?:mouth|tongue|cheek|gums?)\b",
                r"(?:leukoplakia|leukoplakia|erythroplakia)\b",
                rf"(?:lump|growth|mass){S}(?:on|in|inside|under){S}(?:{PRON}{S})?(?:mouth|tongue|lip|cheek|gums?|palate)\b",
            ),
            also=(r"mouth|tongue|lips?|gums?|cheeks?|palate|oral|leukoplakia|erythroplakia",),
            source="NICE NG12",
        ),
        Criterion(
            "bleeding_gums",
            "within_2_weeks",
            "Bleeding or swollen gums (dentist routine)",
            patterns=(r"(?:bleeding|swollen|puffy)\s+gums\b", r"gums?\s+(?:are\s+|keep\s+)?(?:bleeding|bleed)\b"),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "minor_sores",
            "self_care",
            "Canker sores, small mouth ulcers or cold sores (self-care; pharmacy treatment)",
            patterns=MOUTH_SORES,
            unless=(r"ulcer\w*\s+(?:for|over)\s+(?:\w+\s+)?(?:weeks|months)",),
            source="NICE CKS aphthous ulcer",
        ),
    ),
    home_care=(
        "For mouth ulcers and canker sores: a soft toothbrush, avoid spicy, salty or acidic food, use a pharmacy "
        "antiseptic or anaesthetic gel or a saltwater rinse; most heal within 1-2 weeks. For cold sores: a pharmacy "
        "antiviral cream (aciclovir) at the first tingle, do not kiss babies or share towels. See a dentist or clinician if "
        "an ulcer lasts over 3 weeks; call 911 for swelling under the tongue or in the neck with trouble swallowing or breathing."
    ),
    advice={
        "emergency": "Advise the emergency department now (possible Ludwig's angina or spreading dental infection: "
        "airway at risk).",
        "same_day": "Arrange an urgent same-day dental or clinical assessment (antibiotics and drainage may be needed).",
        "within_3_days": "Advise a dental appointment within 3 days; paracetamol or ibuprofen meanwhile, saltwater rinses.",
        "within_2_weeks": "Offer a routine appointment within 2 weeks (an ulcer over 3 weeks: NICE NG12 suspected oral cancer referral).",
    },
)
