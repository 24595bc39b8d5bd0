"""Sore throat (NICE NG84 sore throat (acute): antimicrobial prescribing, FeverPAIN and Centor; NHS.uk
sore throat, tonsillitis and quinsy; MHRA agranulocytosis warnings).

911: drooling or unable to swallow saliva, stridor (a high-pitched noise breathing in), a muffled
"hot potato" voice, unable to open the mouth (trismus), or one-sided swelling pushing the uvula
across (quinsy / epiglottitis / deep neck infection). Same day: unable to swallow fluids, a
sore throat on a drug that can stop the bone marrow (carbimazole, clozapine, methotrexate ...) or
with a weak immune system, a sandpaper rash (scarlet fever), FeverPAIN 4-5 or McIsaac-Centor 4-5.
Within 3 days: FeverPAIN 2-3, Centor 2-3, a sore throat lasting a week or more. Otherwise home care:
most sore throats clear within a week.
"""

from triage.protocols.schema import ClinicalScore, Criterion, Protocol, ScoreItem
from triage.protocols.sources import CENTOR, MHRA_YELLOW, NHS_111, NICE_NG84
from triage.protocols.words import CANT, FEVER_ANY, PAIN, PRON, S, gap_affirmative

THROAT = r"(?:throat|thraot|throught|thoat|throt|throut|throte|troat|throaght)"
SORE_THROAT = (
    rf"(?:sore|scratchy|raw|painful|burning|swollen|strep|red){S}(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+{S})?{THROAT}\b",
    rf"{THROAT}{S}(?:is{S}|feels{S}|has{S}been{S}|really{S}|so{S})*(?:{PAIN}|sore|raw|killing|on\s+fire|burning|scratchy|painful|swollen)\b",
    rf"(?:{PAIN}|pain|painful)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:to|when\s+(?:i\s+)?|on)\s+swallow\w*",
    r"(?:strep(?:\s+throat)?|tonsillitis|tonsilitis|tonsilitus|pharyngitis|quinsy|peritonsillar\s+abscess|odynophagia|epiglottitis)\b",
    r"(?:swollen|enlarged|inflamed|red|huge|infected)\s+tonsils?\b",
    r"tonsils?\s+(?:are\s+|is\s+|look\s+|looks\s+)?(?:swollen|enlarged|inflamed|huge|red|infected|touching|covered)\b",
)
FEVER_WORDS = (
    FEVER_ANY[3],
    FEVER_ANY[4],
    r"(?:high|raised)\s+temp\w*",
    r"pyrexi\w*|pyrexial\b",
    r"hot\s+and\s+shivery\b",
)
PURULENCE = (
    r"(?:pus|puss|exudat\w*|purulen\w*)\b",
    r"(?:white|yellow|yellowish|whitish)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:spots|patches|dots|stuff|specks|streaks|coating|film)\b",
    r"tonsils?\s+(?:are\s+|is\s+)?(?:covered\s+in|coated|with)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:white|pus|yellow)",
)
INFLAMED_TONSILS = (
    r"(?:swollen|enlarged|inflamed|red|huge|big|infected|massive)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?tonsils?\b",
    r"tonsils?\s+(?:are\s+|is\s+|look\s+|looks\s+)?(?:very\s+|really\s+|so\s+)?(?:swollen|enlarged|inflamed|huge|red|big|infected|touching|kissing)\b",
    r"(?:tonsillitis|tonsilitis|tonsilitus|tonsillar\s+(?:enlargement|swelling|hypertrophy))\b",
)
COUGH_CORYZA = (
    r"(?:cough|coughs|coughing|coughed|runny\s+nose|running\s+nose|stuffy|stuffed\s+up|congest\w*|sneez\w*|coryza\w*|"
    r"blocked\s+nose|snotty|snot|sniffles|nasal\s+(?:congestion|discharge)|head\s+cold|cold\s+symptoms|rhinorr\w*)\b",
)
NODES = (
    r"(?:swollen|tender|enlarged|sore|painful|big|puffy)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:glands|lymph\s+nodes|nodes|lymph\s+glands|neck\s+glands)\b",
    rf"(?:glands|lymph\s+nodes|nodes)\s+(?:in\s+(?:{PRON}\s+)?neck\s+)?(?:are\s+)?(?:swollen|tender|enlarged|up|sore|huge)\b",
    r"(?:cervical\s+)?(?:lymphadenopathy|adenopathy)\b",
)
EARLY = (
    r"since\s+(?:yesterday|last\s+night|this\s+morning|today)\b",
    r"(?:started|began|came\s+on|woke\s+up\s+with\s+it)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:yesterday|today|this\s+morning|last\s+night)\b",
    r"x\s*(?:[1-3]|one|two|three)\s*(?:days?|d)\b",
    r"(?:1|2|3|one|two|three)[\s-]day\s+(?:history|hx)\b",
)


def _fever(f) -> bool:
    return f.temp_c is not None and f.temp_c >= 38.0


PROTOCOL = Protocol(
    name="sore_throat",
    title="Sore throat",
    sources=(NICE_NG84, CENTOR, NHS_111, MHRA_YELLOW),
    complaint=SORE_THROAT,
    default="self_care",
    criteria=(
        Criterion(
            "airway_red_flags",
            "emergency",
            "Unable to swallow saliva, stridor, or a muffled 'hot potato' voice (epiglottitis, quinsy, deep neck infection)",
            patterns=(
                rf"{CANT}{S}(?:even{S})?swallow{S}(?:{PRON}{S})?(?:own{S})?(?:saliva|spit|spittle)\b",
                rf"(?:spitting\s+out|spits\s+out|can'?t\s+(?:get|keep)\s+down)\s+(?:{PRON}\s+|her\s+own\s+|his\s+own\s+)?(?:saliva|spit)\b",
                r"stridor\b",
                r"(?:high[\s-]pitched|squeaky|whistling|noisy)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:noise|sound|breathing)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:breath\w*\s+in|when\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?breath\w*)",
                r"(?:muffled|hot[\s-]*potato|garbled|thick)\s+voice\b",
                rf"voice{gap_affirmative(2)}(?:muffled|like\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:mouth|hot\s+potato))\b",
                r"epiglottitis\b",
            ),
            source="NICE NG84",
        ),
        Criterion(
            "drooling",
            "emergency",
            "Drooling with a sore throat, fever, difficulty swallowing or breathing (not teething)",
            patterns=(r"(?:drooling|drools|dribbling\s+(?:saliva|spit))\b",),
            also=(
                rf"{THROAT}|tonsil\w*|swallow\w*|{FEVER_ANY[3]}|breath\w*|voice|stridor|leaning\s+forward|(?:very\s+)?(?:sick|unwell)",
            ),
            unless=(r"teeth\w*|tooth|molars?|incisors?|gums?|erupting|chewing\s+on",),
            source="NICE NG84",
        ),
        Criterion(
            "trismus_quinsy",
            "emergency",
            "Cannot open the mouth (trismus), or one-sided swelling pushing the uvula across (quinsy)",
            patterns=(
                rf"{CANT}{S}(?:fully{S})?open{S}(?:{PRON}{S})?mouth\b",
                r"(?:trismus|lockjaw)\b",
                rf"(?:uvula|dangly\s+thing|thing\s+at\s+the\s+back){gap_affirmative(4)}(?:pushed|pushing|shifted|moved|off[\s-]cent(?:er|re)|to\s+one\s+side|deviated|to\s+the\s+(?:left|right))\b",
                r"(?:uvular?\s+deviation|deviated\s+uvula)\b",
                r"(?:one[\s-]sided|one\s+side|left[\s-]sided|right[\s-]sided)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:swelling|bulge|bulging|lump|abscess)\b",
                rf"(?:swelling|swollen|bulging|lump){gap_affirmative(3)}(?:on\s+)?one\s+side\s+of\s+(?:{PRON}\s+|the\s+)?(?:throat|neck|tonsils?|mouth)\b",
                r"(?:quinsy|peritonsillar\s+abscess|retropharyngeal|parapharyngeal|ludwig'?s)\b",
            ),
            source="NICE NG84",
        ),
        Criterion(
            "cannot_swallow_fluids",
            "same_day",
            "Unable to swallow fluids or not drinking because of the pain",
            patterns=(
                rf"{CANT}{S}(?:even{S})?(?:swallow|drink|get\s+down|keep\s+down){S}(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+{S})?(?:water|fluids|liquids|anything|drinks?)\b",
                r"(?:won'?t|wont|refus\w*|not|isn'?t|hasn'?t)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:drink|drinking|swallow|swallowing)\b",
                rf"(?:hurts|{PAIN})\s+(?:too\s+much|so\s+much)\s+to\s+(?:swallow|drink)\b",
            ),
            also=(SORE_THROAT[0] + "|" + SORE_THROAT[1] + "|" + SORE_THROAT[3] + "|" + INFLAMED_TONSILS[0],),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "marrow_suppressing_drug",
            "same_day",
            "Sore throat or fever on carbimazole, propylthiouracil, clozapine, methotrexate, sulfasalazine or chemotherapy (check the neutrophil count)",
            patterns=SORE_THROAT,
            also=(
                r"carbimazole|methimazole|propylthiouracil|(?-i:PTU)|clozapine|clozaril|methotrexate|sulfasalazine|sulphasalazine|"
                r"azathioprine|mirtazapine|deferiprone|chemo\w*|neutropeni\w*",
            ),
            source="MHRA Yellow Card / BNF",
        ),
        Criterion(
            "immunosuppressed",
            "same_day",
            "Sore throat in someone with a weak immune system",
            patterns=SORE_THROAT,
            when=lambda f: f.immunosuppressed,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "scarlet_fever",
            "same_day",
            "Sore throat with a rough sandpaper-like rash or strawberry tongue (possible scarlet fever)",
            patterns=(
                r"scarlet\s+fever\b",
                r"scarlatina\b",
                r"(?:sandpaper|sand\s+paper|rough)\w*\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:rash|skin)\b",
                r"strawberry\s+tongue\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "lasting_a_week",
            "within_3_days",
            "Sore throat for a week or more, or keeps coming back",
            patterns=SORE_THROAT,
            when=lambda f: f.duration_days is not None and f.duration_days >= 7,
            source="NHS 111 / NHS.uk conditions",
        ),
    ),
    scores=(
        ClinicalScore(
            "FeverPAIN",
            items=(
                ScoreItem("fever in the past 24 hours", patterns=FEVER_WORDS, when=_fever),
                ScoreItem("purulence", patterns=PURULENCE),
                ScoreItem(
                    "attend rapidly (3 days or less)",
                    patterns=EARLY,
                    when=lambda f: f.duration_days is not None and f.duration_days <= 3,
                ),
                ScoreItem("inflamed tonsils", patterns=INFLAMED_TONSILS),
                ScoreItem("cough or coryza", patterns=COUGH_CORYZA, absent=True),
            ),
            thresholds=((4, "same_day"), (2, "within_3_days")),
            source="NICE NG84",
        ),
        ClinicalScore(
            "McIsaac-Centor",
            items=(
                ScoreItem("tonsillar exudate or swelling", patterns=PURULENCE + INFLAMED_TONSILS),
                ScoreItem("tender anterior cervical nodes", patterns=NODES),
                ScoreItem("fever over 38 C", patterns=FEVER_WORDS, when=_fever),
                ScoreItem("cough", patterns=COUGH_CORYZA[:1], absent=True),
                ScoreItem("age 3-14", when=lambda f: f.age_years is not None and 3 <= f.age_years < 15),
                ScoreItem("age 45 or over", when=lambda f: f.age_years is not None and f.age_years >= 45, points=-1),
            ),
            thresholds=((4, "same_day"), (2, "within_3_days")),
            source="Centor",
            min_present=2,
        ),
    ),
    home_care=(
        "Most sore throats clear up within a week without antibiotics. Drink plenty of cool fluids, eat soft food, "
        "gargle warm salty water (adults), suck lozenges or ice lollies, and take paracetamol or ibuprofen. Call back if "
        "it lasts more than a week, you have a high fever, white spots on swollen tonsils, or cannot swallow fluids; call "
        "911 for drooling, trouble breathing, a noisy breath in, a muffled voice or being unable to open the mouth."
    ),
    advice={
        "emergency": "Advise 911 / the emergency department now (airway risk: epiglottitis, quinsy or deep neck "
        "infection); keep the patient upright, do not examine the throat.",
        "same_day": "Arrange a same-day assessment (NG84: consider an immediate antibiotic; check a neutrophil count "
        "on a marrow-suppressing drug).",
        "within_3_days": "Offer an appointment within 3 days (NG84: FeverPAIN/Centor suggests a possible "
        "streptococcal infection; a back-up antibiotic may be offered).",
    },
)
