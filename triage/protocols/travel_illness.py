"""Illness after travel abroad (CDC Yellow Book: post-travel evaluation, fever in the returned
traveller; UKHSA malaria guidelines; NHS.uk travellers' diarrhoea).

A fever (or feeling feverish, chills, "flu-like") after travel to a malaria area, above all
sub-Saharan Africa, in the past year is malaria until proven otherwise: malaria must be excluded
the same day and severe malaria kills within hours, so it goes to the emergency department (911
with confusion, drowsiness, jaundice, dark urine, breathing difficulty or bleeding). This holds even
when antimalarial tablets were taken. A fever after other travel abroad in the past 3 months, and
bloody diarrhoea or diarrhoea with dehydration or a fever after travel, are seen the same day;
diarrhoea lasting over 2 weeks after travel within 3 days. Travellers' diarrhoea without blood in
someone drinking normally is home care.
"""

from triage.protocols.rash import FEVER_ALSO
from triage.protocols.schema import Criterion, Protocol
from triage.protocols.sources import CDC_TRAVEL, NHS_111
from triage.protocols.words import FEVER_ANY, PRON, fever_at_least, gap_affirmative

# countries and regions with malaria transmission (CDC Yellow Book malaria map, WHO): sub-Saharan
# Africa above all, South Asia, South-East Asia, Oceania, Central and South America
MALARIA_AREAS = (
    r"(?:sub[\s-]*saharan\s+)?africa|west\s+africa|east\s+africa|central\s+africa|nigeria|ghana|kenya|uganda|tanzania|zanzibar|"
    r"congo|(?-i:DRC)|cameroon|sierra\s+leone|liberia|guinea|mali|senegal|gambia|ethiopia|mozambique|malawi|zambia|zimbabwe|"
    r"sudan|south\s+sudan|angola|burkina\s+faso|benin|togo|ivory\s+coast|c[oô]te\s+d'?ivoire|madagascar|somalia|rwanda|"
    r"burundi|chad|niger|gabon|eritrea|djibouti|botswana|namibia|mauritania|equatorial\s+guinea|comoros|"
    r"safari|kruger|"
    r"india|pakistan|bangladesh|nepal|afghanistan|yemen|myanmar|burma|cambodia|laos|vietnam|indonesia|papua|"
    r"papua\s+new\s+guinea|solomon\s+islands|vanuatu|east\s+timor|timor[\s-]leste|philippines|"
    r"haiti|dominican\s+republic|amazon|brazil|peru|colombia|venezuela|guyana|suriname|french\s+guiana|ecuador|bolivia|"
    r"honduras|nicaragua|guatemala|panama|belize|"
    r"malaria\s+(?:area|region|zone|country|countries|risk\s+area)|malarial\s+(?:area|region|zone)|malaria[\s-]endemic|"
    r"(?:where|with)\s+(?:there\s+is\s+)?malaria|tropic\w*|the\s+tropics|jungle|rainforest"
)
_AGO = (
    r"(?:\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){0,3}?(?:(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|few|couple\s+of)\s+"
    r"(?:days?|weeks?|months?)\s+ago|last\s+(?:week|month)|in\s+(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december)))?"
)
TRAVEL_TO_MALARIA = (
    rf"(?:back|returned|returning|came\s+back|got\s+back|home|flew\s+in|arrived|just\s+back)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,2}}?from\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,3}}?(?:{MALARIA_AREAS})\b{_AGO}",
    rf"(?:trip|travel\w*|travel(?:l)?ed|been|went|was|were|visit\w*|holiday|vacation|mission\s+trip|stay\w*|lived|living|working|worked|flew|flight)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,4}}?(?:to|in|from|around|through|across)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,2}}?(?:{MALARIA_AREAS})\b{_AGO}",
    rf"(?:{MALARIA_AREAS})\s+(?:trip|travel|holiday|vacation|visit)\b{_AGO}",
    r"(?:returned|returning|recent)\s+travel(?:l)?er\s+from\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){0,2}?(?:"
    + MALARIA_AREAS
    + ")",
    r"(?:took|taking|on|finished|stopped|forgot|missed)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:malaria|antimalarial|malarone|doxycycline\s+for\s+malaria|mefloquine|lariam|chloroquine)\b",
)
TRAVEL_ANY = (
    rf"(?:back|returned|returning|came\s+back|got\s+back|home|just\s+back|flew\s+back|arrived\s+back)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,2}}?from\s+(?:a\s+|my\s+|our\s+|the\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,3}}?(?:trip|travel\w*|vacation|holiday|abroad|overseas|cruise|honeymoon|mission|safari|backpacking|\w+ia|\w+land|mexico|thailand|egypt|turkey|morocco|dubai|bali|china|japan|asia|america|europe)\b{_AGO}",
    rf"(?:after|since)\s+(?:{PRON}\s+|a\s+|coming\s+back\s+from\s+(?:{PRON}\s+|a\s+)?|returning\s+from\s+(?:{PRON}\s+|a\s+)?|getting\s+back\s+from\s+(?:{PRON}\s+|a\s+)?)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:trip|travel\w*|vacation|holiday|cruise|flight\s+home)\b",
    r"(?:recent|recently)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:travel\w*|trip|returned|back\s+from)\b",
    r"(?:travel(?:l)?ed|been|went|was)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){0,2}?(?:abroad|overseas|out\s+of\s+the\s+country)\b",
    r"travel(?:l)?er'?s\s+(?:diarrh\w*|tummy|stomach)|delhi\s+belly|montezuma'?s\s+revenge|(?-i:TD)\b(?=.{0,40}(?:trip|travel))",
    r"(?:returned|returning|recent)\s+travel(?:l)?er\b",
    # a place name, capitalised as written ("back from Spain", "trip to Bali")
    r"(?:back|returned|returning|home|came\s+back|got\s+back|just\s+back|flew\s+(?:back|in)|arrived)\s+from\s+(?:the\s+)?(?-i:[A-Z][a-z]{2,})",
    r"(?:trip|travel(?:l)?ed|travel(?:l)?ing|holiday|vacation|flew)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){0,2}?(?:to|in)\s+(?:the\s+)?(?-i:[A-Z][a-z]{2,})",
)
TRAVEL_ALSO = "|".join((*TRAVEL_TO_MALARIA, *TRAVEL_ANY))
DIARRHOEA = r"(?:diarrh\w*|diarr\w*|diahr\w*|diarea|runs|the\s+runs|loose\s+(?:stools?|bowels?|poops?)|watery\s+(?:stools?|poops?)|the\s+trots|squits|bowels?\s+(?:are\s+)?loose)"
FEVERISH = (
    *FEVER_ANY,
    r"(?:chills|shiver\w*|rigou?rs|flu[\s-]*like|sweats|night\s+sweats|feel(?:ing)?\s+(?:hot\s+and\s+cold|feverish))\b",
)
SEVERE_MALARIA = (
    r"confus\w*|disorient\w*|drows\w*|hard\s+to\s+wake|unresponsive|seiz\w*|fits?\b|collaps\w*|passed\s+out|faint\w*|"
    r"jaundice\w*|yellow\s+(?:skin|eyes)|(?:skin|eyes)\s+(?:are\s+|is\s+|look\s+|looks\s+|turning\s+)?yellow|"
    r"(?:dark|black|cola|brown|tea[\s-]colou?red|coca[\s-]cola)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:urine|pee|wee)|(?:urine|pee)\s+(?:is\s+)?(?:dark|black|brown)|"
    r"(?:trouble|difficulty|hard|struggling)\s+(?:to\s+)?breath\w*|short(?:ness)?\s+of\s+breath|breathless\w*|can'?t\s+breathe|"
    r"(?:bleeding|bruising)\s+(?:from|easily|gums|nose)|bleeding|vomit\w*\s+(?:everything|repeatedly|blood)|can'?t\s+keep\s+(?:anything|fluids)\s+down|"
    r"very\s+(?:sick|unwell|weak)|(?:barely|can'?t)\s+(?:stand|walk)"
)

_AT_LEAST_38 = fever_at_least(100.4)


def _feverish(m) -> bool:
    """A reading of 38 C / 100.4 F or more, or a fever word, chills, sweats, flu-like illness."""
    if any(m.groupdict().get(g) for g in ("val", "val2", "val3")):
        return _AT_LEAST_38(m)
    return True


PROTOCOL = Protocol(
    name="travel_illness",
    title="Illness after travel",
    sources=(CDC_TRAVEL, NHS_111),
    complaint=(
        rf"(?:{FEVER_ANY[3]}|sick|ill|unwell|diarrh\w*|vomit\w*|rash|poorly){gap_affirmative(8)}(?:after|since)\s+(?:{PRON}\s+|a\s+|our\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:trip|travel\w*|vacation|holiday|cruise|returning|coming\s+back|getting\s+back|flying\s+back)\b",
        rf"(?:back|returned|came\s+back|got\s+back|home|just\s+back)\s+from{gap_affirmative(10)}(?:{FEVER_ANY[3]}|sick|ill|unwell|diarrh\w*|vomit\w*|rash|poorly|chills)\b",
        r"travel(?:l)?er'?s\s+(?:diarrh\w*|tummy|stomach)|delhi\s+belly|montezuma'?s\s+revenge",
        r"(?:returned|returning)\s+travel(?:l)?er\b",
        r"(?:malaria|dengue|typhoid|ebola|yellow\s+fever|chikungunya|zika)\b",
    ),
    default="within_3_days",
    criteria=(
        Criterion(
            "severe_malaria_features",
            "emergency",
            "Fever after travel with confusion, drowsiness, jaundice, dark urine, breathing difficulty, bleeding or collapse (severe malaria or haemorrhagic fever)",
            patterns=FEVERISH,
            check=_feverish,
            also=(TRAVEL_ALSO, SEVERE_MALARIA),
            source="CDC Yellow Book: fever in the returned traveler",
        ),
        Criterion(
            "fever_after_malaria_area",
            "emergency",
            "Fever, chills or flu-like illness within a year of travel to a malaria area (sub-Saharan Africa above all): exclude malaria today",
            patterns=FEVERISH,
            check=_feverish,
            also=(TRAVEL_TO_MALARIA[0] + "|" + "|".join(TRAVEL_TO_MALARIA[1:]),),
            source="CDC Yellow Book: fever in the returned traveler",
        ),
        Criterion(
            "malaria_named",
            "emergency",
            "Possible malaria named in a returned traveller who is unwell",
            patterns=(r"malaria\b(?!\s+(?:pills?|tablets?|meds|medication|prophylaxis|prevention|vaccine))",),
            also=(TRAVEL_ALSO + r"|" + FEVER_ALSO + r"|chills|sick|unwell|aches",),
            source="CDC Yellow Book: fever in the returned traveler",
        ),
        Criterion(
            "fever_after_travel",
            "same_day",
            "Fever after travel abroad (dengue, typhoid, other tropical infections; malaria if the destination is unknown)",
            patterns=FEVERISH,
            check=_feverish,
            also=(TRAVEL_ALSO,),
            source="CDC Yellow Book: fever in the returned traveler",
        ),
        Criterion(
            "bloody_diarrhoea_after_travel",
            "same_day",
            "Bloody diarrhoea (dysentery) after travel",
            patterns=(
                rf"(?:bloody|blood\w*)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?{DIARRHOEA}",
                rf"{DIARRHOEA}{gap_affirmative(4)}(?:with\s+|and\s+)?(?:some\s+|a\s+lot\s+of\s+)?(?:blood|bloody|mucus\s+and\s+blood)\b",
                rf"blood\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:in|on)\s+(?:{PRON}\s+|the\s+)?(?:stool|stools|poop|poo|toilet)\b",
                r"dysentery\b",
            ),
            also=(TRAVEL_ALSO,),
            source="CDC Yellow Book: fever in the returned traveler",
        ),
        Criterion(
            "diarrhoea_dehydration_after_travel",
            "same_day",
            "Diarrhoea after travel with signs of dehydration (not drinking, dizzy, little urine) or severe belly pain",
            patterns=(
                r"(?:can'?t|cannot|unable\s+to)\s+keep\s+(?:anything|fluids|water|liquids)\s+down\b",
                r"(?:dizzy|light[\s-]?headed)\s+(?:when|on)\s+(?:standing|i\s+stand|getting\s+up)\b",
                r"(?:not|haven'?t|hasn'?t|barely)\s+(?:peed|peeing|urinat\w*)\b",
                r"(?:very|really|severely|so)\s+(?:dehydrated|weak|thirsty)\b",
                r"(?:severe|bad|terrible)\s+(?:stomach|belly|abdominal|tummy)\s+(?:pain|cramps)\b",
            ),
            also=(TRAVEL_ALSO, DIARRHOEA),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "diarrhoea_over_2_weeks",
            "within_3_days",
            "Diarrhoea lasting more than 2 weeks after travel (giardia, other parasites)",
            patterns=(DIARRHOEA,),
            also=(TRAVEL_ALSO,),
            when=lambda f: f.duration_days is not None and f.duration_days > 14,
            source="CDC Yellow Book: fever in the returned traveler",
        ),
        Criterion(
            "travellers_diarrhoea",
            "self_care",
            "Travellers' diarrhoea without blood or fever, drinking normally",
            patterns=(DIARRHOEA,),
            also=(TRAVEL_ALSO,),
            when=lambda f: f.temp_c is None or f.temp_c < 38.0,
            source="NHS 111 / NHS.uk conditions",
        ),
    ),
    home_care=(
        "Travellers' diarrhoea usually settles in 3-5 days: drink plenty of fluids (oral rehydration sachets), eat "
        "when you feel like it, wash hands well, loperamide for adults if there is no blood or fever. Any fever, "
        "chills or flu-like illness in the year after a trip to a malaria area (even after antimalarial tablets) needs "
        "a malaria test the same day. Call back for blood in the stool, a fever, signs of dehydration, or diarrhoea "
        "lasting over 2 weeks."
    ),
    advice={
        "emergency": "Advise the emergency department now: fever in a traveller returned from a malaria area needs a "
        "malaria film today (CDC Yellow Book); say where and when they travelled.",
        "same_day": "Arrange a same-day assessment of the returned traveller (malaria / dengue / typhoid testing, "
        "stool culture).",
    },
)
