"""Wounds, bites and stings (NHS.uk cuts and grazes, animal and human bites, insect bites and stings;
UKHSA Green Book chapter 30 and CDC tetanus wound management; Resuscitation Council UK
anaphylaxis).

911: bleeding that does not stop with firm pressure or spurts, an amputated or severed part, a
deep wound showing bone or tendon, a stab or impaled object, a snake bite, or a sting or bite with
throat, tongue or breathing symptoms (anaphylaxis). Same day: a wound that gapes or needs stitches
(closure within hours), an animal or human bite that broke the skin (cat and human bites always),
a bat or wild-animal bite (rabies), a needle-stick injury, a tetanus-prone wound (soil, manure,
rust, a puncture, a burn, a deep or late-treated wound) when the last tetanus dose was more than 5
years ago or is unknown, and signs of wound infection (spreading redness, red streaks, pus). A
clean wound whose last tetanus dose was over 10 years ago needs a booster within days. A graze, a
small cut, and a sting with only local swelling are home care.
"""

from triage.protocols.rash import FEVER_ALSO, febrile
from triage.protocols.schema import Criterion, Protocol
from triage.protocols.sources import CDC_TETANUS, NHS_111, NICE_CKS, RESUS_ANAPHYLAXIS, UKHSA_TETANUS
from triage.protocols.words import BREATH, CANT, PRON, S, gap_affirmative

WOUND = (
    r"cut|cuts|wound|gash|lacerat\w*|slash\w*|sliced|slice|stab\w*|puncture\w*|bite|bit|bitten|knife|blade|glass|"
    r"razor|scissors|nail|finger|thumb|hand|arm|leg|foot|toe|scalp|forehead|lip|chin|face|injur\w*|chainsaw|saw"
)
WOUND_SITE = (
    r"wound|cut|cuts|bite|bitten|scratch|graze|scrape|stitches|sutures|staples|incision|puncture|laceration|gash|"
    r"splinter|blister|burn|sting|stung|piercing|tattoo|nail|finger|toe|hand|arm|leg|foot|knee|skin"
)
BODY = (
    r"(?:finger|fingers|fingertip|thumb|hand|palm|arm|wrist|forearm|elbow|leg|knee|shin|calf|thigh|foot|heel|toe|toes|"
    r"head|scalp|face|lip|chin|forehead|eyebrow|cheek|ear|nose|ankle|back|shoulder|neck)"
)
BITE_ANIMAL = (
    r"dog|dogs|puppy|cat|cats|kitten|human|person|kid|child|toddler|animal|ferret|hamster|rat|mouse|rabbit|horse|"
    r"monkey|fox|raccoon|racoon|skunk|squirrel|coyote|wolf|bat|pig|parrot"
)
BITE = (
    rf"(?:{BITE_ANIMAL})\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?bites?\b",
    rf"(?:bitten|bit)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,2}}?by\s+(?:an?\s+|the\s+|my\s+|our\s+|his\s+|her\s+|their\s+|a\s+neighbou?r'?s\s+|(?:\w+'s)\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:{BITE_ANIMAL})\b",
    rf"(?:{BITE_ANIMAL})\s+(?:bit|has\s+bitten|just\s+bit|bites)\s+(?:me|him|her|them|my|his|her|our)\b",
    r"(?:fight|clenched[\s-]fist)\s+bite\b",
    r"(?:punched|hit)\s+(?:someone|somebody|a\s+guy|him|a\s+man)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){0,3}?(?:in\s+the\s+)?(?:mouth|teeth)\b",
)
NO_BROKEN_SKIN = (
    r"(?:didn'?t|did\s+not|doesn'?t|does\s+not|hasn'?t|hadn'?t|not)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:break|broken|pierce|puncture)\s+(?:the\s+)?skin"
    r"|skin\s+(?:is\s+|was\s+)?(?:not|isn'?t|wasn'?t)\s+broken|(?:just|only)\s+(?:a\s+)?(?:bruise|red\s+mark|scratch|nip)"
)
STING = (
    r"(?:stung|sting|stings|stinging)\b(?!\s+(?:pain|sensation|feeling))",
    r"(?:bee|wasp|hornet|yellow\s*jacket|jellyfish|fire\s+ant|scorpion)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:sting|stings|stung|bite|bites|got\s+me)\b",
)
ANAPHYLAXIS_SIGNS = (
    rf"throat{gap_affirmative(3)}(?:closing|tight\w*|swell\w*|swollen)|(?:tongue|lips?|mouth|face){gap_affirmative(2)}(?:swell\w*|swollen|puff\w*)|"
    rf"{CANT}{gap_affirmative(2)}{BREATH}|(?:trouble|difficulty|hard|struggling){gap_affirmative(2)}(?:{BREATH}|swallow\w*)|short(?:ness)?\s+of\s+breath|"
    r"wheez\w*|hoarse|stridor|(?:faint|fainted|fainting|passed\s+out|collaps\w*)|(?:hives|welts)\s+(?:all\s+over|everywhere|spreading)|"
    r"(?:dizzy|light[\s-]?headed)\s+and\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:clammy|pale|sweaty)|anaphyla\w*|epi[\s-]?pen|vomit\w*\s+(?:repeatedly|a\s+lot)"
)
TETANUS_PRONE = (
    r"soil|dirt|dirty|muddy|mud|manure|dung|compost|garden\w*|farm\w*|barn|stable|rust\w*|nail|nails|"
    r"puncture\w*|stepped\s+on|thorn|splinter|wire|barbed|burn|burns|burned|burnt|frostbite|animal\s+bite|dog\s+bite|"
    r"cat\s+bite|bitten|deep|crush\w*|foreign\s+body|gravel|road\s+rash|contaminat\w*|fishhook|fish\s+hook"
)
_YEARS = (
    r"(?P<yrs>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|many|several|a\s+few|"
    r"a\s+lot\s+of|a\s+long\s+time|ages|forever|decades?|years)"
)
_YEAR_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "a few": 3,
}
_TETANUS = r"(?:tetanus|tetnus|tetanis|td|tdap|dtap|dtp|dt)\b(?:\s+(?:shot|jab|booster|vaccine|vaccination|injection|immuni[sz]ation))?"
TETANUS_STATUS = (
    # "last tetanus shot was 12 years ago", "tetanus booster 7 yrs ago"
    rf"(?:last\s+)?{_TETANUS}{gap_affirmative(4)}{_YEARS}\+?\s*(?:\+\s*)?(?:years?|yrs?|y)?\s*(?:ago|back|old)",
    rf"(?:last\s+)?{_TETANUS}{gap_affirmative(3)}(?:in|was\s+in|back\s+in|around)\s+(?P<year>(?:19|20)\d\d)\b",
    rf"(?:no|haven'?t\s+had\s+a|not\s+had\s+a|hasn'?t\s+had\s+a)\s+{_TETANUS}\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:in|for|since)\s+{_YEARS}\s*(?:years?|yrs?)?",
    # unknown or never
    rf"(?:not\s+sure|unsure|don'?t\s+know|dont\s+know|do\s+not\s+know|can'?t\s+remember|cant\s+remember|cannot\s+remember|"
    rf"no\s+idea|not\s+certain|no\s+clue|don'?t\s+remember|dont\s+remember|unknown)\b{gap_affirmative(6)}(?:tetanus|tetnus|tdap|td)\b",
    rf"(?:tetanus|tetnus|tdap|td)\b{gap_affirmative(4)}(?:status\s+)?(?:unknown|not\s+up\s+to\s+date|out\s+of\s+date|overdue|expired|not\s+current|uncertain|unclear)\b",
    rf"(?:never|not)\s+(?:had|been\s+given|got|received)\s+(?:a\s+|any\s+|the\s+)?{_TETANUS}",
    r"(?:unvaccinated|not\s+vaccinated|never\s+(?:been\s+)?vaccinated|no\s+vaccinations|un[\s-]?immuni[sz]ed)\b",
)


def _tetanus_years(m) -> float | None:
    """Years since the last tetanus dose in a TETANUS_STATUS match; None when it is unknown/never."""
    groups = m.groupdict()
    raw = (groups.get("yrs") or "").lower().strip()
    year = groups.get("year")
    if year:
        return 2025 - int(year)
    if not raw:
        return None
    if raw.isdigit():
        return float(raw)
    if raw in _YEAR_WORDS:
        return float(_YEAR_WORDS[raw])
    return 20.0  # "many years", "ages", "decades"


def _over_5_years(m) -> bool:
    years = _tetanus_years(m)
    return years is None or years > 5


def _over_10_years(m) -> bool:
    years = _tetanus_years(m)
    return years is None or years > 10


INFECTION = (
    rf"(?:red|redness|red\s+area|swelling|infection)(?:{S}\w+)?{S}(?:is\s+|has\s+been\s+|keeps\s+)?(?:spreading|getting\s+bigger|growing|expanding|moving\s+up)\b",
    r"spreading\s+(?:red\w*|infection|warmth)\b",
    r"red\s+(?:streaks?|lines?|stripes?)\b",
    r"(?:streaks?|lines?)\s+(?:going|running|moving|spreading)\s+(?:up|from)\b",
    r"lymphangitis\b",
    r"(?:pus|puss|pussy|purulent|yellow\s+(?:discharge|gunk|fluid)|green\s+(?:discharge|gunk|fluid)|oozing\s+(?:pus|yellow|green))\b",
    rf"(?:wound|cut|bite|scratch|stitches|incision|graze|scrape|puncture){gap_affirmative(3)}(?:infected|oozing|weeping|smells|stinks|festering|hot\s+and\s+swollen|red\s+and\s+swollen|swollen\s+and\s+red)\b",
    r"(?:infected|festering)\s+(?:wound|cut|bite|scratch|graze|scrape|puncture|finger|toe)\b",
)

PROTOCOL = Protocol(
    name="wounds_bites_stings",
    title="Wounds, bites and stings",
    sources=(NHS_111, UKHSA_TETANUS, CDC_TETANUS, RESUS_ANAPHYLAXIS, NICE_CKS),
    complaint=(
        rf"(?:cut|sliced|slashed|nicked|gashed|split|punctured)\s+(?:myself|himself|herself|(?:{PRON}\s+)(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?{BODY})\b",
        r"(?:a\s+|the\s+|this\s+|deep\s+|bad\s+|small\s+|little\s+|minor\s+)(?:cut|gash|laceration|wound|graze|scrape|scratch|puncture)\b",
        r"(?:lacerat\w*|puncture\s+wound|stab\s+wound)\b",
        rf"(?:grazed|scraped|skinned)\s+(?:{PRON}\s+)?(?:knee|elbow|hand|arm|leg|shin|palm|knees)\b",
        r"stepped\s+on\s+(?:a\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:nail|glass|tack|needle|thorn|screw)\b",
        *BITE,
        *STING,
        r"(?:bug|insect|mosquito|spider|flea|bed\s*bug|horse\s*fly|ant)\s+bites?\b",
        r"needle[\s-]*stick\b",
    ),
    default="self_care",
    criteria=(
        Criterion(
            "severe_bleeding",
            "emergency",
            "Bleeding that does not stop with 10 minutes of firm pressure, or spurting, gushing or pouring blood",
            patterns=(
                rf"(?:won'?t|wont|will\s+not|can'?t|cant|cannot|can\s+not|doesn'?t|isn'?t|is\s+not|not|couldn'?t|hasn'?t|haven'?t){S}(?:been\s+able\s+to\s+)?(?:get\s+(?:it|the\s+bleeding)\s+to\s+)?stop(?:ped|ping)?{S}(?:the\s+)?(?:bleeding|bleed)\b",
                rf"(?:bleeding|bleed){S}(?:still\s+)?(?:won'?t|wont|will\s+not|doesn'?t|isn'?t|is\s+not|hasn'?t|has\s+not|not)\s+(?:stop|stopping|stopped|slowing|slow)",
                rf"still\s+bleeding{gap_affirmative(3)}(?:after|despite|even\s+with){gap_affirmative(3)}(?:pressure|pressing)\b",
                rf"(?:pressure|pressing|pressed){gap_affirmative(6)}(?:and\s+)?(?:it'?s\s+|its\s+|it\s+is\s+)?still\s+(?:bleeding|pouring|gushing)\b",
                rf"(?:gushing|spurting|pouring|squirting|pumping|pulsing){S}(?:out\s+)?(?:blood|bright\s+red\s+blood)\b",
                rf"blood{S}(?:is\s+)?(?:gushing|spurting|pouring|squirting|pumping|pulsing|everywhere)\b",
                r"(?:arterial|uncontrolled|uncontrollable)\s+(?:bleed|bleeding|hemorrhage|haemorrhage)\b",
                r"(?:so\s+much|lots?\s+of|tons?\s+of|too\s+much)\s+blood\b(?!\s+(?:work|tests?|drawn|pressure|sugar|thinners?))",
                rf"(?:nose\s*bleed|bleeding{S}from{S}(?:{PRON}{S})?nose|blood{S}from{S}(?:{PRON}{S})?nose){gap_affirmative(4)}(?:for{S})?(?:over{S}|more{S}than{S})?(?:an|1|2|3|one|two|three){S}hours?\b",
            ),
            # bleeding after a tooth extraction is the mouth protocol's (bite on gauze, dentist today)
            unless=(r"tooth|teeth|extract\w*|dentist|dental|gums?|socket|wisdom",),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "heavy_wound_bleeding",
            "emergency",
            "Wound bleeding heavily or soaking through dressings",
            patterns=(
                rf"(?:bleeding|bled){S}(?:very\s+|really\s+|so\s+)?(?:heavily|profusely|like\s+crazy|a\s+lot|through\s+(?:the\s+)?(?:towel|bandage|gauze|cloth))\b",
                r"(?:profuse|massive|heavy)\s+(?:bleed|bleeding|hemorrhage|haemorrhage)\b",
                rf"soak(?:ed|ing){S}(?:through|thru){gap_affirmative(3)}(?:towels?|gauze|bandages?|cloth|shirt|t-shirt|dressing)\b",
            ),
            also=(WOUND,),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "amputation",
            "emergency",
            "Amputated, severed or partly severed body part (finger, fingertip, toe)",
            patterns=(
                r"amputat\w*",
                r"(?:severed|degloved|degloving)\b",
                rf"(?:cut|chopped|sliced|took|ripped|torn|tore)\s+(?:off|through)\s+(?:{PRON}\s+|the\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:finger|fingertip|thumb|toe|ear|tip)\b",
                rf"(?:cut|chopped|sliced|took|ripped|tore)\s+(?:the\s+)?(?:tip|end|top|part|pad|chunk|piece)\s+(?:of\s+)?(?:{PRON}\s+)?(?:finger|fingertip|thumb|toe|nose|ear)\s+off\b",
                r"(?:cut|chopped|sliced|took|ripped|tore)\s+off\s+(?:the\s+)?(?:tip|end|top|part|pad|chunk|piece)\s+of\b",
                rf"(?:finger|fingertip|thumb|toe|tip\s+of\s+(?:{PRON}\s+)?(?:finger|thumb))\s+(?:is\s+|was\s+)?(?:cut\s+off|hanging|hanging\s+off|came\s+off|missing|gone|chopped\s+off|sliced\s+off)\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "deep_penetrating_wound",
            "emergency",
            "Deep wound showing bone, tendon or fat, a stab or gunshot wound, or an impaled object",
            patterns=(
                rf"(?:see|seen|showing|visible|exposed|down\s+to|through\s+to){S}(?:the\s+)?(?:bone|tendon|tendons|fat|muscle|white\s+stuff)\b",
                r"(?:bone|tendon)\s+(?:is\s+)?(?:showing|visible|exposed)\b",
                r"(?:stabbed|stab\s+wound|gunshot|gun\s+shot|shot\s+(?:in|through))\b",
                rf"(?:impaled|embedded|sticking\s+out\s+of|stuck\s+in)\b{gap_affirmative(4)}(?:{PRON}\s+)?(?:hand|arm|leg|foot|chest|belly|stomach|eye|back|neck|head|thigh)\b",
                r"(?:knife|glass|nail|stick|metal|rod|pole|branch|piece\s+of\s+\w+)\s+(?:is\s+)?(?:still\s+)?(?:stuck|embedded|lodged|sticking\s+out)\b",
                r"(?:very\s+deep|really\s+deep|extremely\s+deep|deep\s+gaping|huge|massive)\s+(?:cut|gash|wound|laceration)\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "sting_anaphylaxis",
            "emergency",
            "Sting or bite followed by throat, tongue or lip swelling, breathing difficulty, wheeze, faintness or widespread hives",
            patterns=(
                *STING,
                r"(?:bug|insect|spider|ant)\s+bites?\b",
                r"bitten\s+by\s+(?:a\s+|an\s+)?(?:bug|insect|spider|ant)",
            ),
            also=(ANAPHYLAXIS_SIGNS,),
            source="Resus Council UK anaphylaxis 2021",
        ),
        Criterion(
            "sting_in_mouth",
            "emergency",
            "Sting inside the mouth or throat (airway swelling)",
            patterns=(
                rf"(?:stung|sting){gap_affirmative(3)}(?:in|inside|on)\s+(?:{PRON}\s+|the\s+)?(?:mouth|throat|tongue)\b",
            ),
            source="Resus Council UK anaphylaxis 2021",
        ),
        Criterion(
            "snake_bite",
            "emergency",
            "Snake bite (or a bite from a venomous spider or scorpion with spreading symptoms)",
            patterns=(
                r"(?:snake|rattlesnake|rattler|viper|adder|copperhead|cottonmouth|water\s+moccasin|coral\s+snake)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:bite|bit|bites)\b",
                r"bitten\s+by\s+(?:a\s+|an\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:snake|rattlesnake|rattler|viper|adder|copperhead|cottonmouth)\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "wound_sepsis",
            "emergency",
            "Wound infection with confusion, drowsiness, mottled skin or shaking chills (possible sepsis)",
            patterns=INFECTION,
            also=(
                WOUND_SITE,
                r"confus\w*|drows\w*|disorient\w*|mottled|rigou?rs|shaking\s+chills|hard\s+to\s+wake|very\s+unwell|collaps\w*",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "needs_stitches",
            "same_day",
            "Gaping wound or one that may need stitches or glue (edges do not stay together, over 1-2 cm on the face, on a joint)",
            patterns=(
                r"(?:gaping|gapes|gape)\b",
                r"(?:won'?t|wont|doesn'?t|does\s+not|will\s+not|don'?t|isn'?t)\s+(?:stay\s+)?(?:close|closed|together|shut)\b",
                rf"(?:edges|sides|skin){gap_affirmative(2)}(?:won'?t|wont|don'?t|dont|do\s+not|doesn'?t|aren'?t)\s+(?:stay\s+)?(?:close|together|meet|touch)\b",
                r"(?:wide\s+)?open\s+(?:cut|wound|gash)\b",
                rf"(?:need|needs|needing|require|requires|think\s+(?:it|he|she)\s+needs|might\s+need|may\s+need|probably\s+needs?){S}(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+{S})?(?:stitches|sutures|stiches|stitchs|steri[\s-]?strips|glue|staples)\b",
                rf"(?:deep|long|big|large|bad|nasty){S}(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+{S})?(?:cut|gash|laceration|wound|slice)\b",
                r"(?:cut|gash|laceration|wound)\s+(?:is\s+)?(?:about\s+|around\s+|over\s+)?(?:[2-9]|\d\d)\s*(?:cm|centimet\w*|inch\w*|in\b|mm)",
                r"(?:[2-9]|\d\d)\s*(?:cm|centimet\w*|inch\w*)\s+(?:long\s+|deep\s+)?(?:cut|gash|laceration|wound)\b",
                rf"(?:cut|gash|split|laceration){gap_affirmative(3)}(?:on|across|through)\s+(?:{PRON}\s+|the\s+)?(?:face|lip|eyelid|eyebrow|forehead|chin)\b",
                rf"(?:split|busted)\s+(?:{PRON}\s+)?(?:lip|chin|eyebrow|head)\s+open\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "tendon_nerve_injury",
            "same_day",
            "Cut with numbness beyond it or a finger, thumb or toe that cannot move or bend (tendon or nerve injury)",
            patterns=(
                rf"{CANT}\s+(?:move|bend|straighten|feel|wiggle)\s+(?:{PRON}\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:finger|thumb|fingers|fingertip|toe|toes|hand|wrist)\b",
                rf"(?:finger|thumb|fingers|fingertip|toe|toes|hand){gap_affirmative(2)}(?:is\s+|are\s+|went\s+|feels?\s+)?(?:numb|tingly|tingling|dead)\b",
                r"numb(?:ness)?\s+(?:past|beyond|below|above|around)\s+(?:the\s+)?(?:cut|wound)\b",
            ),
            also=(r"cut|cuts|gash|lacerat\w*|sliced|slice|stab\w*|wound|glass|knife|blade",),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "bite_high_risk",
            "same_day",
            "Cat or human bite, bite to the hand, face, genitals or over a joint, or a bat or wild-animal bite (rabies risk)",
            patterns=(
                r"(?:cat|kitten|human|fight|clenched[\s-]fist|bat|fox|raccoon|racoon|skunk|coyote|wolf|monkey|stray|wild\s+animal|feral)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:bite|bit|bites|scratch)\b",
                r"(?:bitten|bit|scratched)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){0,2}?by\s+(?:an?\s+|the\s+|my\s+|our\s+|his\s+|her\s+|a\s+stray\s+)?(?:cat|kitten|human|person|kid|child|bat|fox|raccoon|racoon|skunk|coyote|wolf|monkey|stray|wild\s+\w+|feral\s+\w+)\b",
                r"(?:cat|kitten|person|kid|child|toddler|bat|fox|raccoon|racoon|monkey|he|she)\s+(?:bit|has\s+bitten|scratched)\s+(?:me|him|her|them|my|his|her|our)\b",
                r"bat\s+(?:in|was\s+in|flew\s+into)\s+(?:the\s+|my\s+|his\s+|her\s+)?(?:room|bedroom|house)\b",
                *BITE[3:],
            ),
            unless=(NO_BROKEN_SKIN,),
            source="NICE CKS",
        ),
        Criterion(
            "bite_broke_skin",
            "same_day",
            "Dog or other animal bite that broke (or may have broken) the skin (antibiotics, tetanus, rabies assessment)",
            patterns=BITE,
            unless=(NO_BROKEN_SKIN,),
            source="NICE CKS",
        ),
        Criterion(
            "needlestick",
            "same_day",
            "Needle-stick injury or a bite or splash with someone else's blood (post-exposure assessment within hours)",
            patterns=(
                r"needle[\s-]*stick\w*",
                r"(?:stuck|pricked|poked|jabbed|stabbed)\s+(?:my\s*self|himself|herself|me|him|her|by)\s+(?:with\s+|by\s+)?(?:a\s+|an\s+)?(?:used\s+|dirty\s+|discarded\s+|someone'?s\s+)?(?:needle|syringe|sharp|lancet)\b",
                r"(?:used|dirty|discarded)\s+(?:needle|syringe)\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "tetanus_prone_unprotected",
            "same_day",
            "Tetanus-prone wound (soil, manure, rust, puncture, burn, bite, deep or dirty) and last tetanus dose over 5 years ago or unknown",
            patterns=TETANUS_STATUS,
            check=_over_5_years,
            also=(TETANUS_PRONE,),
            source="UKHSA Green Book ch. 30",
        ),
        Criterion(
            "wound_infection",
            "same_day",
            "Signs of wound infection: spreading redness, red streaks, pus, increasing pain or swelling (with or without fever)",
            patterns=INFECTION,
            also=(WOUND_SITE,),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "sting_many",
            "same_day",
            "Many stings at once (a swarm), or a sting with a large spreading reaction over 10 cm or lasting more than 2 days",
            patterns=(
                r"(?:stung|stings)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:many|multiple|lots\s+of|dozens\s+of|(?:[1-9]\d|ten|twenty)\s*(?:\+\s*)?)\s*(?:times|stings)?",
                r"(?:many|multiple|lots\s+of|dozens\s+of|(?:[1-9]\d|ten|twenty)\s*(?:\+\s*)?)\s+(?:bee\s+|wasp\s+)?stings\b",
                r"(?:swarm|swarmed|nest|hive)\b(?=.{0,60}\bstung\b)",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "wound_fever",
            "same_day",
            "Wound or bite with a fever or feeling hot and shivery",
            patterns=(
                r"(?:wound|cut|bite|incision|puncture|stitches|laceration|gash|graze|scrape)\b",
                *BITE,
            ),
            also=(FEVER_ALSO,),
            when=febrile,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "tetanus_booster_due",
            "within_3_days",
            "Clean wound and last tetanus dose over 10 years ago or unknown (booster)",
            patterns=TETANUS_STATUS,
            check=_over_10_years,
            source="CDC tetanus wound management",
        ),
        Criterion(
            "dirty_or_puncture_wound",
            "within_3_days",
            "Dirty or puncture wound (nail, soil, rust), tetanus status not given: check tetanus status",
            patterns=(
                r"stepped\s+on\s+(?:a\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:nail|tack|screw|needle|glass|thorn)\b",
                r"rusty\s+(?:nail|metal|wire|fence|blade|knife|tool|screw|can)\b",
                r"puncture\s+wound\b",
                rf"(?:cut|wound|gash|scrape|puncture){gap_affirmative(4)}(?:soil|dirt|manure|mud|rust\w*|gravel|barbed\s+wire)\b",
            ),
            source="UKHSA Green Book ch. 30",
        ),
        Criterion(
            "local_sting_reaction",
            "self_care",
            "Insect sting or bite with only local pain, redness or swelling",
            patterns=(*STING, r"(?:bug|insect|mosquito|flea|bed\s*bug|horse\s*fly|ant|spider)\s+bites?\b"),
            # spreading redness, pus or crusting is an infection, not a local reaction
            unless=(
                r"spread\w*|getting\s+(?:bigger|worse|redder)|red\s+streaks?|streaking|(?:past|beyond|outside)\s+the\s+(?:line|pen|mark)|pus|oozing|impetig\w*|crust\w*|honey|golden",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "minor_wound",
            "self_care",
            "Graze, scratch or small cut whose edges stay together and bleeding stopped with pressure",
            patterns=(
                r"(?:graze|grazed|scrape|scraped|scratch|scratched|skinned|paper\s+cut|nick|nicked|abrasion|road\s+rash)\b",
                r"(?:small|little|minor|tiny|superficial|shallow)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:cut|cuts|wound|scratch|scrape|graze)\b",
                r"(?:bleeding\s+)?(?:stopped|has\s+stopped)\s+(?:bleeding\s+)?(?:with|after)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){0,2}pressure\b",
                NO_BROKEN_SKIN,
            ),
            unless=(
                r"spread\w*|getting\s+(?:bigger|worse|redder)|red\s+streaks?|streaking|(?:past|beyond|outside)\s+the\s+(?:line|pen|mark)|pus|oozing|impetig\w*|crust\w*|honey|golden",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
    ),
    home_care=(
        "Rinse the wound under running tap water, press firmly with a clean cloth for 10 minutes to stop bleeding, then "
        "cover with a sterile dressing and keep it clean and dry. For a sting: scrape the sting out, wash, apply a cold "
        "compress, raise the area, take an antihistamine or painkiller. Check when the last tetanus jab was. Call back "
        "today if the wound gapes, the redness spreads, red streaks or pus appear, or a fever starts; call 911 for "
        "bleeding that will not stop or swelling of the face, lips, tongue or throat, or trouble breathing."
    ),
    advice={
        "emergency": "Advise 911 now; keep firm pressure on a bleeding wound, keep an amputated part cool and dry in a "
        "bag on ice; for anaphylaxis use an adrenaline auto-injector if available.",
        "same_day": "Arrange a same-day assessment (wound closure within hours, bite antibiotics, tetanus or rabies "
        "prophylaxis, infection).",
        "within_3_days": "Offer a tetanus booster / wound check within 3 days; call back sooner if signs of infection.",
    },
)
