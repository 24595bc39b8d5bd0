"""Vomiting and diarrhoea (NICE CKS gastroenteritis; NICE CG84 diarrhoea and vomiting in under 5s;
NHS 111 / NHS.uk diarrhoea and vomiting; UKHSA STEC guidance for haemolytic uraemic syndrome).

911 / the emergency department: vomiting blood or coffee-ground vomit, vomiting with a severe
headache or stiff neck, a child with signs of shock or of dehydration and drowsiness (NICE CG84
red flags), a baby under 1 with dehydration signs, bloody diarrhoea in a child with little urine,
pallor or puffiness (possible HUS). Same day: dehydration signs in a child or adult, unable to keep
fluids down (or vomiting for 2 days), bloody diarrhoea, a baby under 3 months or refusing feeds,
vomiting in someone with diabetes, diarrhoea or vomiting with immunosuppression. Within 3 days:
diarrhoea for 7 days or more, or after antibiotics. Mild illness with fluids kept down: self-care.
"""

from triage.protocols.schema import Criterion, Protocol, Source
from triage.protocols.sources import NHS_111, NICE_CKS
from triage.protocols.words import CANT, HEADACHE, PRON, VOMIT, S, gap, rule_patterns

NICE_CG84 = Source(
    "NICE CG84",
    "Diarrhoea and vomiting caused by gastroenteritis in under 5s: diagnosis and management (dehydration red flags)",
    "https://www.nice.org.uk/guidance/cg84",
)
NICE_NG1 = Source(
    "NICE NG1",
    "Gastro-oesophageal reflux disease in children and young people (regurgitation is common in healthy infants; red flags)",
    "https://www.nice.org.uk/guidance/ng1",
)
NICE_CKS_GASTRO = Source(
    "NICE CKS gastroenteritis",
    "NICE CKS: Gastroenteritis (assessment, when to admit, self-care)",
    "https://cks.nice.org.uk/topics/gastroenteritis/",
)
UKHSA_STEC = Source(
    "UKHSA STEC / HUS",
    "UKHSA: Shiga toxin-producing E. coli (STEC) and haemolytic uraemic syndrome, public health management",
    "https://www.gov.uk/government/publications/shiga-toxin-producing-escherichia-coli-stec-public-health-management",
)

DIARRHOEA = r"(?:diarrh?o?ea|diarrhea|diarrhoea|diarhea|diarhoea|diarrea|diahrrea|diahrea|diareah|diarreah|diarrhia|the\s+runs|loose\s+(?:stools?|poo|poops|bowels|motions|bms?)|watery\s+(?:stools?|poo|poop|bms?)|runny\s+(?:poo|poop|stools?))"
COMPLAINT = (
    VOMIT + r"\b",
    r"(?:vomitting|vommit\w*|throwing-up|being\s+sick|been\s+sick|keeps?\s+being\s+sick|sick\s+(?:all\s+night|several\s+times|\d+\s+times))\b",
    DIARRHOEA + r"\b",
    r"(?:stomach|tummy|gastric)\s+(?:bug|flu|virus)\b",
    r"(?:gastro(?:enteritis)?|norovirus|noro|rotavirus|food\s+poisoning|d\s*&\s*v|d\s+and\s+v)\b",
    r"(?-i:N/V|N/V/D|NVD|V/D|N&V)\b",
    r"(?:nausea|nauseous|nauseated|queasy)\b",
)
VOMIT_OR_DIARRHOEA = "|".join(COMPLAINT)
# NICE CG84 red flags / shock, and what parents say for them
DROWSY = (
    r"(?:lethargic|letharg\w*|floppy|listless|drowsy|very\s+sleepy|unresponsive|mottled)\b",
    r"limp\b(?!\s+(?:when|on))",
    r"hard\s+to\s+(?:wake|rouse)\b",
    r"(?:can'?t|cannot|won'?t)\s+(?:wake|rouse)\b",
    r"not\s+(?:responding|(?:really\s+)?(?:alert|responsive)|(?:him|her)self)\b",
    r"(?:cold|blue|mottled)\s+(?:hands|feet|legs|skin)\b",
    r"(?:pale\s+and\s+)?(?:grey|gray)\b(?!\s+(?:hair|poo|stool))",
)
# dehydration signs that say so on their own (a dry nappy, a sunken fontanelle)
DEHYDRATION = (
    *rule_patterns("dehydration"),
    r"(?:no|hasn'?t\s+had\s+a|not\s+had\s+a|hasn'?t\s+had\s+any|no\s+more)\s+wet\s+(?:nappy|nappies|diapers?)\b",
    rf"(?:nappy|nappies|diapers?){gap(2)}(?:dry|been\s+dry)\s+(?:for|since|all)\b",
    r"sunken\s+(?:fontanel\w*|fontanelle|soft\s+spot|eyes?)\b",
    r"(?:soft\s+spot|fontanel\w*)\s+(?:is\s+|looks\s+)?sunken\b",
    r"(?:crying|cries)\s+(?:with\s+)?(?:no|without)\s+tears\b",
    r"(?:reduced|poor|decreased|low)\s+(?:skin\s+)?turgor\b",
)
# signs that need the illness around them ("no tears" alone could be a dry eye)
DEHYDRATION_IN_ILLNESS = (
    r"(?:no|not\s+making|without|without\s+any)\s+tears\b",
    r"(?:very\s+)?dry\s+(?:mouth|lips|tongue)\b",
    r"(?:hasn'?t|has\s+not|not|haven'?t)\s+(?:peed|wee'?d|urinated|passed\s+urine)\s+(?:in|for|since|all)\b",
    r"(?:peeing|weeing)\s+(?:very\s+)?(?:little|hardly|barely)\b",
    r"(?:dark|very\s+dark)\s+(?:yellow\s+)?(?:pee|urine|wee)\b",
    r"(?:dizzy|light[\s-]?headed|faint)\s+(?:when|on|every\s+time)\s+(?:i\s+|he\s+|she\s+)?(?:stand\w*|get\w*\s+up)\b",
)
_ILLNESS = (
    r"|".join(COMPLAINT) + r"|fever\w*|feverish|sick|ill|not\s+(?:drinking|feeding|eating)|heat|hot\s+(?:day|weather)"
)


def _under_1(f) -> bool:
    return (f.age_years is not None and f.age_years < 1) or (f.age_years is None and f.infant)


REGURGITATION = r"possett?\w*|spit(?:s|ting)?\s+up|brings?\s+up\s+(?:small\s+amounts\s+of\s+|a\s+little\s+|some\s+)?milk|bringing\s+up\s+(?:small\s+amounts\s+of\s+|a\s+little\s+|some\s+)?milk|regurgitat\w*|reflux"


PROTOCOL = Protocol(
    name="vomiting_diarrhoea",
    title="Vomiting and diarrhoea",
    sources=(NICE_CKS_GASTRO, NICE_CG84, NHS_111, UKHSA_STEC, NICE_CKS, NICE_NG1),
    complaint=COMPLAINT,
    default="self_care",
    criteria=(
        Criterion(
            "blood_in_vomit",
            "emergency",
            "Vomiting blood or vomit that looks like coffee grounds",
            patterns=(
                rf"(?:{VOMIT}|sick|vomitus|emesis){gap(3)}(?:blood|bloody|bloood|coffee[\s-]grounds?|coffee[\s-]granules|dark\s+brown\s+(?:bits|specks))\b",
                rf"(?:blood|coffee[\s-]grounds?|coffee[\s-]granules){S}in{S}(?:{PRON}{S})?(?:vomit|sick|puke|throw\s+up)\b",
                r"coffee[\s-](?:ground|granule)s?\s+(?:vomit\w*|emesis|looking)\b",
                r"(?:bloody|blood[\s-]stained)\s+(?:vomit\w*|emesis|sick)\b",
                r"(?:ha?ematemesis)\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "vomiting_headache_stiff_neck",
            "emergency",
            "Vomiting with a severe headache, a stiff neck or dislike of bright light",
            patterns=(
                r"stiff\s+neck\b",
                r"neck\s+(?:is\s+)?(?:stiff|rigid)\b",
                rf"(?:sudden(?:ly)?|severe|worst|excruciating|thunderclap|explosive){gap(1)}{HEADACHE}",
                r"(?:photophobia|light\s+hurts\s+(?:my|his|her)\s+eyes)\b",
            ),
            also=(VOMIT + r"|being\s+sick|been\s+sick",),
            unless=(
                r"(?:my\s+)?(?:usual|normal|typical|regular)\s+migraines?|migraines?\s+(?:again|as\s+usual|like\s+always)",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "child_dehydration_shock",
            "emergency",
            "A child with vomiting or diarrhoea who is drowsy, floppy, hard to wake, mottled or cold (CG84 red flags / shock)",
            patterns=DROWSY,
            when=lambda f: f.is_child,
            also=(VOMIT_OR_DIARRHOEA + "|" + "|".join((*DEHYDRATION, *DEHYDRATION_IN_ILLNESS)),),
            source="NICE CG84",
        ),
        Criterion(
            "infant_dehydration",
            "emergency",
            "A baby under 1 with signs of dehydration (no wet nappy, sunken fontanelle or eyes, no tears)",
            patterns=DEHYDRATION,
            when=_under_1,
            source="NICE CG84",
        ),
        Criterion(
            "infant_dehydration_in_illness",
            "emergency",
            "A baby under 1, ill, with little urine, a dry mouth or no tears",
            patterns=DEHYDRATION_IN_ILLNESS,
            when=_under_1,
            also=(_ILLNESS,),
            source="NICE CG84",
        ),
        Criterion(
            "possible_hus",
            "emergency",
            "Bloody diarrhoea in a child with little or no urine, pallor or puffiness (possible haemolytic uraemic syndrome)",
            patterns=(
                rf"(?:bloody\s+|blood\s+in\s+(?:{PRON}\s+)?)(?:diarrh\w*|diarrhoea|stools?|poo|poop)\b",
                rf"blood{S}(?:in|with){S}(?:{PRON}{S})?(?:diarrh\w*|stools?|poo|poop|diapers?|nappy|nappies)\b",
            ),
            when=lambda f: f.is_child,
            also=(
                r"(?:not|hasn'?t|has\s+not|barely|hardly|haven'?t)\s+(?:been\s+)?(?:peeing|peed|weeing|wee'?d|urinating|wet)|"
                r"(?:little|less|no|reduced|very\s+little)\s+(?:pee|urine|wee|wet\s+(?:nappies|diapers))|"
                r"(?:fewer|no)\s+wet\s+(?:nappies|diapers)|pale|puffy|swollen\s+(?:face|eyes|legs)|bruis\w*",
            ),
            source="UKHSA STEC / HUS",
        ),
        Criterion(
            "dehydration",
            "same_day",
            "Signs of dehydration: no wet nappy or urine for 12 hours, sunken eyes or fontanelle, no tears, very dry mouth, dizzy on standing",
            patterns=DEHYDRATION,
            source="NICE CG84",
        ),
        Criterion(
            "dehydration_in_illness",
            "same_day",
            "Vomiting or diarrhoea with little or dark urine, a very dry mouth, no tears, or dizziness on standing",
            patterns=DEHYDRATION_IN_ILLNESS,
            also=(_ILLNESS,),
            source="NICE CG84",
        ),
        Criterion(
            "cannot_keep_fluids",
            "same_day",
            "Cannot keep fluids down, vomiting non-stop, or vomiting for 2 days or more",
            patterns=(
                *rule_patterns("persistent_vomiting"),
                rf"{CANT}{gap(2)}(?:keep|hold){S}(?:anything|fluids|liquids|water|milk|feeds?|the\s+bottle|it){S}down\b",
                rf"(?:{VOMIT}|being\s+sick){gap(3)}(?:since|for)\s+(?:2|3|4|5|two|three|four|five|several|a\s+couple\s+of)\s+days\b",
                rf"(?:{VOMIT}|sick)\s+(?:up\s+)?(?:everything|every\s+(?:drink|feed|bottle|sip))\b",
            ),
            source="NICE CKS gastroenteritis",
        ),
        Criterion(
            "bloody_diarrhoea",
            "same_day",
            "Diarrhoea with blood in it",
            patterns=(
                r"bloody\s+(?:diarrh\w*|diarrhoea|stools?|poo|poop|bms?)\b",
                rf"blood{S}(?:in|with){S}(?:{PRON}{S})?(?:diarrh\w*|diarrhoea)\b",
                rf"{DIARRHOEA}{gap(3)}(?:with|has|had|and)\s+(?:some\s+|a\s+lot\s+of\s+|streaks\s+of\s+)?blood\b",
                r"(?:dysentery)\b",
            ),
            source="NICE CKS gastroenteritis",
        ),
        Criterion(
            "young_infant",
            "same_day",
            "A baby under 3 months with vomiting or diarrhoea, or a baby refusing feeds",
            patterns=COMPLAINT,
            when=lambda f: f.infant_under_3_months,
            # NICE NG1: effortless regurgitation after feeds is common in healthy babies (projectile,
            # green or bloody vomit, fever or poor weight gain decide through their own criteria)
            unless=(REGURGITATION,),
            source="NICE CG84",
        ),
        Criterion(
            "projectile_vomiting_baby",
            "same_day",
            "Forceful (projectile) vomiting in a baby (possible pyloric stenosis)",
            patterns=(
                rf"(?:projectile|forceful(?:ly)?|shoots?\s+across\s+the\s+room){S}(?:\w+{S})?(?:vomit\w*|sick|throwing\s+up|spit\w*)",
                rf"(?:vomit\w*|throw\w*\s+up|threw\s+up|sick){gap(3)}(?:projectile|forceful(?:ly)?|across\s+the\s+room)\b",
                r"pyloric\s+stenosis\b",
            ),
            when=lambda f: (f.age_years is not None and f.age_years < 1) or (f.age_years is None and f.infant),
            source="NICE CKS",
        ),
        Criterion(
            "refusing_feeds",
            "same_day",
            "A baby or child refusing feeds or drinks while ill",
            patterns=(
                rf"(?:refus\w*|won'?t|not|stopped|isn'?t){S}(?:(?!refus)\w+{S})?(?:feed\w*|breast\s*feed\w*|nurs\w*|tak\w+{S}(?:the{S}|a{S}|her{S}|his{S})?bottle|drink\w*|eat\w*\s+or\s+drink\w*)\b",
            ),
            when=lambda f: f.is_child or f.infant,
            also=(VOMIT_OR_DIARRHOEA + r"|ill|sick|fever",),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "diabetic_vomiting",
            "same_day",
            "Vomiting in someone with diabetes (sick-day rules; risk of ketoacidosis)",
            patterns=(VOMIT + r"\b", r"being\s+sick\b"),
            when=lambda f: f.diabetic,
            source="NICE CKS",
        ),
        Criterion(
            "immunosuppressed",
            "same_day",
            "Vomiting or diarrhoea in someone immunosuppressed (chemotherapy, transplant)",
            patterns=COMPLAINT,
            when=lambda f: f.immunosuppressed,
            source="NICE CKS gastroenteritis",
        ),
        Criterion(
            "older_adult_unwell",
            "same_day",
            "Vomiting or diarrhoea in an older adult who is weak, dizzy or not drinking",
            patterns=COMPLAINT,
            when=lambda f: f.older_adult,
            also=(r"weak\w*|dizz\w*|not\s+drinking|can'?t\s+drink|falls?|fell|confus\w*",),
            source="NICE CKS gastroenteritis",
        ),
        Criterion(
            "prolonged_diarrhoea",
            "within_3_days",
            "Diarrhoea for 7 days or more",
            patterns=(
                DIARRHOEA + r"\b",
                r"(?:loose|watery)\s+(?:stools?|poo|bowels)\b",
            ),
            when=lambda f: f.duration_days is not None and f.duration_days >= 7,
            source="NICE CKS gastroenteritis",
        ),
        Criterion(
            "prolonged_diarrhoea_words",
            "within_3_days",
            "Diarrhoea for over a week, or after a course of antibiotics",
            patterns=(
                rf"{DIARRHOEA}{gap(4)}(?:for\s+(?:over\s+|more\s+than\s+)?a\s+week|for\s+weeks|since\s+last\s+week|(?:after|since)\s+(?:taking\s+|finishing\s+|starting\s+)?(?:the\s+|my\s+|his\s+|her\s+)?(?:antibiotics|amoxicillin|augmentin|clindamycin))\b",
            ),
            source="NICE CKS gastroenteritis",
        ),
        Criterion(
            "baby_regurgitation",
            "self_care",
            "A baby bringing up small amounts of milk after feeds (posseting, reflux), feeding and growing well",
            patterns=(REGURGITATION,),
            when=lambda f: (f.age_years is not None and f.age_years < 1) or (f.age_years is None and f.infant),
            source="NICE NG1",
        ),
        Criterion(
            "mild_coping",
            "self_care",
            "Mild vomiting or diarrhoea, drinking and keeping fluids down, passing urine",
            patterns=(
                r"(?:drinking|feeding|eating\s+and\s+drinking|taking\s+(?:fluids|feeds|the\s+bottle|bottles))\s+(?:fine|ok|okay|well|normally|alright|plenty|lots)\b",
                r"(?:keeping|keep|kept|holding|tolerating)\s+(?:fluids|liquids|water|drinks|it|sips|small\s+sips|feeds)(?:\s+down)?\b",
                r"(?:peeing|weeing|wet\s+(?:nappies|diapers))\s+(?:fine|normally|ok|okay|as\s+usual)\b",
                r"(?:plenty\s+of|lots\s+of|normal\s+amount\s+of)\s+wet\s+(?:nappies|diapers)\b",
                rf"(?:mild|a\s+bit\s+of|bit\s+of|slight)\s+(?:{DIARRHOEA}|nausea|tummy\s+upset|stomach\s+upset|upset\s+stomach)\b",
            ),
            also=(VOMIT_OR_DIARRHOEA,),
            source="NICE CKS gastroenteritis",
        ),
    ),
    home_care=(
        "Drink small sips often (water, oral rehydration solution such as Dioralyte or Pedialyte; keep breastfeeding or "
        "giving formula to babies); eat when you feel able; paracetamol for fever or aches; wash hands and stay off work, "
        "school or nursery until 48 hours after the last episode. Call back the same day if unable to keep fluids down, "
        "passing little or no urine, blood in the vomit or poo, or symptoms last over 7 days (diarrhoea) or 2 days "
        "(vomiting); call 911 if drowsy, floppy or hard to wake."
    ),
    advice={
        "emergency": "Advise 911 or the emergency department now (dehydration with shock signs, bleeding, or a possible "
        "meningitis or surgical cause).",
        "same_day": "Arrange a same-day assessment of hydration (urine output, observations); start oral rehydration "
        "solution in small frequent sips meanwhile.",
        "within_3_days": "Offer an appointment within 3 days with a stool sample; keep drinking and call back if blood "
        "appears or fluids cannot be kept down.",
    },
)
