"""Cough, cold and sinusitis (NICE NG120 cough (acute): antimicrobial prescribing; NICE NG79
sinusitis (acute); NICE NG138 pneumonia; NICE NG12 suspected cancer (cough, haemoptysis); NHS.uk
cough, common cold and sinusitis).

Coughing up a lot of blood is an emergency; coughing up blood (more than streaks) is seen the
same day, streaks of blood within 3 days. A cough with a fever of 38 C or more and breathlessness or
chest pain on breathing (possible pneumonia) is seen the same day, as is a cough in a baby under 3
months, whooping-cough fits, and a cough in someone with a weak immune system. Swelling or redness
around the eye with a cold or sinusitis is seen the same day, an emergency with double vision,
reduced vision, a bulging eye, a severe headache, confusion or a stiff neck (NG79 red flags). Sinus
symptoms for over 10 days, or a second worsening after starting to improve ("double sickening"),
are seen within 3 days. A cough for over 3 weeks is seen within 2 weeks. A cold, or a cough for less
than 3 weeks with normal breathing, is home care.
"""

from triage.protocols.rash import FEVER_ALSO, febrile
from triage.protocols.schema import Criterion, Protocol, Source
from triage.protocols.sources import NHS_111, NICE_NG12
from triage.protocols.words import BREATH, CANT, CHEST, PAIN, PRON, S, gap_affirmative

NICE_NG120 = Source(
    "NICE NG120",
    "Cough (acute): antimicrobial prescribing",
    "https://www.nice.org.uk/guidance/ng120",
)
NICE_NG79 = Source(
    "NICE NG79",
    "Sinusitis (acute): antimicrobial prescribing (red flags: periorbital swelling, visual change, severe headache)",
    "https://www.nice.org.uk/guidance/ng79",
)

COUGH = r"(?:cough|coughs|coughing|coughed|couging|coughin|cougn|coff|caugh)"
SINUS = (
    r"(?:sinus|sinuses|sinusitis|sinus\s+infection|rhinosinusitis)\b",
    rf"(?:pain|pressure|{PAIN}|tender\w*|fullness)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:in|around|behind|over)\s+(?:{PRON}\s+)?(?:cheeks?|cheekbones?|forehead|eyes|nose|face|sinuses)\b",
    r"(?:facial|face)\s+(?:pain|pressure)\b",
)
COLD = (
    r"(?:common|head|chest|bad|nasty|heavy|stinking)\s+cold\b",
    r"(?:have|has|got|caught|getting|coming\s+down\s+with|fighting)\s+(?:a\s+|the\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?cold\b(?!\s+(?:sore|sweat|hands|feet|water|weather|shower|compress|medicine))",
    r"(?:runny|running|stuffy|stuffed|blocked|congested|drippy|snotty)\s+(?:up\s+)?nose\b",
    r"(?:nasal\s+congestion|congested|congestion|sniffles|sniffly|snuffly|sneezing|post[\s-]?nasal\s+drip|rhinorr\w*|coryza\w*)\b",
    r"(?-i:URI|URTI)\b",
)
MUCUS = r"(?:mucus|mucous|phlegm|sputum|spit|snot|flem|gunk)"
BLOOD_STREAKS = (
    r"(?:streak\w*|fleck\w*|specks?|speckled|tinged|spots?|traces?|bits|tiny\s+amount|little\s+bit|a\s+little|small\s+amount|hint)\s+(?:of\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?blood\b",
    r"blood[\s-]*(?:streaked|tinged|stained|flecked|specked|speckled|streaks)\b",
    rf"(?:pink|pinkish|rusty|rust[\s-]colou?red)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?{MUCUS}",
)
HEMOPTYSIS = (
    rf"{COUGH}{gap_affirmative(2)}(?:up\s+)?(?:some\s+|fresh\s+|bright\s+red\s+|red\s+|dark\s+)?(?:blood|bloody\s+{MUCUS}|clots)\b",
    rf"blood\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,2}}?(?:when|as)\s+(?:i\s+|he\s+|she\s+)?{COUGH}",
    rf"blood{S}in{S}(?:{PRON}{S})?(?:{MUCUS}|spit)\b",
    rf"bloody\s+{MUCUS}",
    r"(?:ha?emoptysis)\b",
)
HEMOPTYSIS_MASSIVE = (
    rf"{COUGH}{gap_affirmative(2)}(?:up\s+)?(?:a\s+lot\s+of|lots\s+of|so\s+much|loads\s+of|tons\s+of|cups?\s+of|mouthfuls?\s+of|a\s+mouthful\s+of|large\s+amounts?\s+of|pure|clots\s+of)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?blood\b",
    r"(?:massive|large[\s-]volume|major|frank)\s+ha?emoptysis\b",
    rf"{COUGH}{gap_affirmative(2)}(?:up\s+)?blood\s+(?:clots|nonstop|non[\s-]stop|constantly|everywhere)\b",
)
BREATHLESS_OR_PLEURITIC = (
    rf"short(?:ness)?\s+of\s+breath|(?-i:SOB)\b|breathless\w*|winded|out\s+of\s+breath|(?:hard|difficult|trouble|struggling)\s+(?:to\s+)?{BREATH}|"
    rf"dyspn\w*|{CANT}\s+catch\s+(?:my|his|her)\s+breath|"
    rf"(?:{PAIN}|pain|sharp|stabbing)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,3}}?(?:when|if|as)\s+(?:i\s+|he\s+|she\s+)?(?:breath\w*|take\s+a\s+(?:deep\s+)?breath|inhal\w*)|"
    rf"(?:{CHEST}|side|ribs?)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:{PAIN}|pain)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:on|with|when)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:breath\w*|inspiration|inhal\w*)|pleuritic|pleurisy"
)
PERIORBITAL = (
    rf"(?:swelling|swollen|puffy|puffiness|redness|red)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:around|under|above|over|near)\s+(?:{PRON}\s+|the\s+|one\s+)?(?:left\s+|right\s+)?(?:eye|eyes|eyelid|eyelids)\b",
    r"(?:eye|eyes|eyelid|eyelids)\s+(?:is\s+|are\s+|has\s+)?(?:gone\s+|got\s+)?(?:red\s+and\s+)?(?:swollen|puffy|swelling)(?:\s+shut)?\b",
    r"(?:swollen|puffy)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:eyelid|eyelids|eye|eyes)\b",
    r"(?:peri[\s-]?orbital|preseptal|orbital)\s+(?:swelling|cellulitis|oedema|edema|erythema)\b",
    r"(?:forehead|cheek)\s+(?:is\s+)?(?:swollen|swelling|puffy)\b",
)
NG79_RED_FLAGS = (
    r"double\s+vision|(?:blurry|blurred|reduced|loss\s+of|changed?|changes\s+in)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?vision|vision\s+(?:is\s+)?(?:blurry|blurred|double|changed)|"
    r"(?:eye|eyes|eyeball)\s+(?:is\s+)?(?:bulging|sticking\s+out|pushed\s+(?:out|forward))|(?:can'?t|cannot|hurts\s+to)\s+move\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?eye|"
    r"(?:severe|worst|terrible|unbearable)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?headache|confus\w*|drows\w*|stiff\s+neck|neck\s+(?:is\s+)?stiff|hard\s+to\s+wake|"
    r"(?:face|mouth)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?droop\w*|seizure|fit"
)
CORE = (
    rf"{COUGH}\b(?!\s+(?:syrup|medicine|drops|sweets|lozenges?|suppressant))",
    *COLD,
    *SINUS,
)

PROTOCOL = Protocol(
    name="cough_cold",
    title="Cough, cold and sinus",
    sources=(NICE_NG120, NICE_NG79, NICE_NG12, NHS_111),
    complaint=CORE,
    default="self_care",
    criteria=(
        Criterion(
            "massive_hemoptysis",
            "emergency",
            "Coughing up a lot of blood (more than a few teaspoons, clots, or continuing)",
            patterns=HEMOPTYSIS_MASSIVE,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "periorbital_red_flags",
            "emergency",
            "Swelling around the eye with double or reduced vision, a bulging eye, a severe headache, confusion or a stiff neck",
            patterns=PERIORBITAL,
            also=(NG79_RED_FLAGS,),
            source="NICE NG79",
        ),
        Criterion(
            "hemoptysis",
            "same_day",
            "Coughing up blood (more than streaks)",
            patterns=HEMOPTYSIS,
            unless=BLOOD_STREAKS,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "fever_breathless_or_pleuritic",
            "same_day",
            "Cough with a fever of 38 C or more and breathlessness or chest pain on breathing (possible pneumonia)",
            patterns=(rf"{COUGH}\b",),
            also=(FEVER_ALSO, BREATHLESS_OR_PLEURITIC),
            when=febrile,
            source="NICE NG120",
        ),
        Criterion(
            "periorbital_swelling",
            "same_day",
            "Swelling or redness around the eye with a cold, cough or sinus infection (possible periorbital cellulitis)",
            patterns=PERIORBITAL,
            also=(
                r"(?:sinus\w*|cold|congest\w*|runny\s+nose|stuffy|blocked\s+nose|cough\w*|snot\w*|(?-i:URI|URTI))\b",
            ),
            source="NICE NG79",
        ),
        Criterion(
            "infant_cough",
            "same_day",
            "Cough in a baby under 3 months",
            patterns=(rf"{COUGH}\b",),
            when=lambda f: f.infant_under_3_months,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "whooping_cough",
            "same_day",
            "Coughing fits with a whoop, vomiting after coughing, or turning red or blue (possible whooping cough)",
            patterns=(
                r"(?:whoop\w*|pertussis)\b",
                rf"{COUGH}\s+(?:fits|spells|attacks|bouts)\b{gap_affirmative(6)}(?:vomit\w*|throw\w*\s+up|threw\s+up|sick|whoop\w*|red|blue|gasp\w*)",
                rf"{COUGH}{gap_affirmative(2)}(?:until|till|so\s+hard|so\s+much)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,2}}?(?:vomit\w*|throws?\s+up|threw\s+up|sick|pukes?|puked|turns?\s+(?:red|blue|purple))\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "immunosuppressed_cough_fever",
            "same_day",
            "Cough with fever in someone with a weak immune system",
            patterns=(rf"{COUGH}\b",),
            also=(FEVER_ALSO,),
            when=lambda f: f.immunosuppressed and febrile(f),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "blood_streaks",
            "within_3_days",
            "Streaks or flecks of blood in the phlegm",
            patterns=BLOOD_STREAKS,
            also=(rf"{COUGH}|{MUCUS}",),
            source="NICE NG12",
        ),
        Criterion(
            "sinus_over_10_days",
            "within_3_days",
            "Sinus or cold symptoms for more than 10 days",
            patterns=(*SINUS, *COLD),
            when=lambda f: f.duration_days is not None and f.duration_days > 10,
            # NICE CKS allergic rhinitis: seasonal sneezing, itch and watery eyes are hay fever
            unless=(
                r"hay\s*fever|allergic\s+rhinitis|rhinoconjunctivitis|seasonal|every\s+(?:spring|summer|year)|pollen|(?:nasal|nose)\s+itch\w*|itchy\s+(?:nose|eyes)|itchy,\s+watery\s+eyes",
            ),
            source="NICE NG79",
        ),
        Criterion(
            "double_sickening",
            "within_3_days",
            "Sinus or cold symptoms that improved then got worse again (double sickening)",
            patterns=(
                r"double[\s-]sicken\w*",
                r"(?:initially|at\s+first)\s+(?:improved|got\s+better|settled|improving)\b",
                rf"(?:got|getting|was\s+getting|started\s+to\s+get|felt|seemed)\s+(?:a\s+bit\s+|a\s+little\s+|slightly\s+)?better{gap_affirmative(6)}(?:worse|relapsed|came\s+back)\b",
                rf"(?:improved|improving|recovering){gap_affirmative(4)}(?:then|but\s+now|now|and\s+then)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:worse|relapsed|came\s+back)\b",
            ),
            also=(rf"{COUGH}|sinus\w*|cold|congest\w*|nose|snot\w*|face|cheeks?|forehead",),
            source="NICE NG79",
        ),
        Criterion(
            "cough_over_3_weeks",
            "within_2_weeks",
            "Cough for more than 3 weeks (NG12: chest X-ray if 40 or over, especially with smoking, weight loss or tiredness)",
            patterns=(rf"{COUGH}\b",),
            when=lambda f: f.duration_days is not None and f.duration_days > 21,
            source="NICE NG12",
        ),
        Criterion(
            "cough_weeks_words",
            "within_2_weeks",
            "Cough lasting more than 3 weeks (said in words: 'a month', 'for weeks', 'won't go away')",
            patterns=(
                rf"{COUGH}{gap_affirmative(4)}(?:for|over|past|last|since)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:a\s+month|months|(?:4|5|6|7|8|four|five|six|several|many)\s+weeks|weeks\s+and\s+weeks|ages)\b",
                rf"{COUGH}{gap_affirmative(4)}(?:won'?t|will\s+not|doesn'?t|never)\s+(?:go\s+away|clear\s+up|stop|shift)\b",
                r"(?:chronic|persistent|lingering|nagging)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?cough\b",
            ),
            source="NICE NG12",
        ),
        Criterion(
            "simple_cold_cough",
            "self_care",
            "Cold or cough under 3 weeks with normal breathing, eating and drinking",
            patterns=(
                r"(?:breathing|breathes|breath)\s+(?:is\s+)?(?:fine|normal|normally|ok|okay|good|alright|easily)\b",
                rf"(?:no|not\s+any|without\s+(?:any\s+)?)\s*(?:trouble|difficulty|problems?)\s+(?:with\s+)?{BREATH}",
                r"(?:just|only)\s+(?:a\s+)?(?:cold|cough|runny\s+nose|sniffles|head\s+cold|stuffy\s+nose|tickly\s+cough|dry\s+cough)\b",
                r"(?:eating|drinking)\s+(?:and\s+(?:eating|drinking)\s+)?(?:well|fine|normally|ok|okay)\b",
                r"(?:mild|slight|little|tickly|tickle)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:cough|cold)\b",
            ),
            also=(rf"{COUGH}|cold|runny|stuffy|congest\w*|sniffl\w*|sneez\w*|sinus\w*",),
            when=lambda f: f.duration_days is None or f.duration_days < 21,
            source="NICE NG120",
        ),
    ),
    home_care=(
        "Rest, drink plenty of fluids, take paracetamol or ibuprofen for aches or fever; honey and lemon in warm water "
        "(not for babies under 1), saline nasal rinses or steam for congestion. A cough can last 3-4 weeks and a cold "
        "7-10 days; antibiotics do not help. Call back if you are coughing up blood, become breathless, have chest pain "
        "on breathing, a fever over 38 C that does not settle, swelling around the eye, sinus pain over 10 days, or a "
        "cough lasting over 3 weeks."
    ),
    advice={
        "emergency": "Advise 911 / the emergency department now (major haemoptysis, or periorbital swelling with NG79 "
        "red flags: possible orbital cellulitis or intracranial spread).",
        "same_day": "Arrange a same-day assessment (possible pneumonia, haemoptysis, periorbital cellulitis or "
        "whooping cough).",
        "within_3_days": "Offer an appointment within 3 days (NG79: persistent or worsening sinusitis; blood-streaked "
        "sputum).",
        "within_2_weeks": "Offer an appointment within 2 weeks (cough over 3 weeks: NG12 chest X-ray if 40 or over).",
    },
)
