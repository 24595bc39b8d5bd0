"""Urinary symptoms (NICE NG109 and CKS lower UTI; NICE NG111 pyelonephritis; NICE NG224 UTI in
under 16s; NICE NG118 renal colic; NICE NG12 visible haematuria; NHS 111 / NHS.uk).

911 / the emergency department: urinary infection with new confusion or signs of sepsis, kidney
stone pain with fever (an infected, obstructed kidney), painful inability to pass urine. Same day:
infection with fever, loin pain, rigors or vomiting (pyelonephritis), urinary symptoms in a man,
a pregnant woman, a child or someone with a catheter or immunosuppression, inability to pass
urine, renal colic (severe flank pain going to the groin), clots in the urine. Within 3 days:
burning, frequency or urgency in a non-pregnant woman. Within 2 weeks: visible blood in the urine
without pain or infection (suspected-cancer referral), weak stream or getting up at night, leaking.
Very mild symptoms that are improving: self-care.
"""

from triage.protocols.abdominal_pain import NOT_PREGNANT
from triage.protocols.schema import Criterion, Protocol, Source
from triage.protocols.sources import NHS_111, NICE_NG12, NICE_NG51
from triage.protocols.words import FEVER_ANY, PRON, VOMIT, S, fever_at_least, gap, rule_patterns

NICE_NG109 = Source(
    "NICE NG109",
    "Urinary tract infection (lower): antimicrobial prescribing; NICE CKS UTI (lower) in women",
    "https://www.nice.org.uk/guidance/ng109",
)
NICE_NG111 = Source(
    "NICE NG111",
    "Pyelonephritis (acute): antimicrobial prescribing",
    "https://www.nice.org.uk/guidance/ng111",
)
NICE_NG224 = Source(
    "NICE NG224",
    "Urinary tract infection in under 16s: diagnosis and management",
    "https://www.nice.org.uk/guidance/ng224",
)
NICE_NG118 = Source(
    "NICE NG118",
    "Renal and ureteric stones: assessment and management (immediate referral with fever or sepsis)",
    "https://www.nice.org.uk/guidance/ng118",
)

PEE = r"(?:pee|peeing|peein'?|pees|peed|urinat\w*|urine|wee|weeing|piss|pissing|void\w*|micturition)"
UTI = (
    rf"(?:burn\w*|sting\w*|pain\w*|hurts?|hurting|sore|discomfort){gap(3)}(?:when|while|after|as|to|during|with){S}(?:i{S}|he{S}|she{S}|they{S}|you{S})?{PEE}\b",
    rf"(?:painful|burning|stinging|difficult|frequent|uncomfortable){S}(?:{PEE}|urination)\b",
    rf"(?:{PEE}|urination|urinating){gap(2)}(?:burns|burning|stings|stinging|hurts|painful|is\s+painful)\b",
    r"(?:hurts?|burns?|stings?|painful)\s+to\s+(?:pee|urinate|wee)\b",
    r"dysuria\b",
    r"(?-i:UTI|UTIs)\b",
    r"uti'?s?\b",
    r"(?:urinary\s+tract|bladder|urine|water)\s+infection\b",
    r"cystitis\b",
    rf"(?:{PEE}|going\s+to\s+the\s+(?:bathroom|toilet|loo)){gap(2)}(?:a\s+lot|all\s+the\s+time|every\s+(?:few\s+minutes|\d+\s+minutes|hour|half\s+hour)|constantly|so\s+often|more\s+often|frequently|non[\s-]?stop)\b",
    r"(?:constant|frequent|urgent|always)\s+(?:need|urge|feeling)\s+to\s+(?:pee|urinate|wee|go)\b",
    r"(?:urinary\s+)?(?:frequency\s+and\s+urgency|urgency\s+and\s+frequency)\b",
    rf"(?:cloudy|smelly|foul[\s-]smelling|strong[\s-]smelling|stinky|murky)\s+(?:{PEE}|pee)\b",
    rf"(?:{PEE}|pee)\s+(?:is\s+|looks\s+|smells\s+)?(?:cloudy|smelly|foul|murky)\b",
    r"(?:feel|feeling|feels)\s+like\s+(?:i|he|she)\s+(?:need|have)\s+to\s+(?:pee|go|wee)\s+(?:all\s+the\s+time|constantly|but)\b",
)
UTI_ANY = "|".join(UTI)
FLANK = (
    r"(?:flank|loin|kidney|side)\s+(?:pain|ache|hurts|tenderness)\b",
    rf"(?:pain|ache|tender\w*)\s+(?:in|on|over)\s+(?:{PRON}\s+)?(?:(?:left|right)\s+)?(?:flank|loin|kidneys?|side|lower\s+back|back)\b",
    rf"(?:kidneys?|(?:lower\s+)?back|sides?){S}(?:are\s+|is\s+)?(?:hurt\w*|sore|aching|killing)\b",
    r"(?:cva|costovertebral(?:\s+angle)?)\s+tender\w*",
    r"(?-i:CVAT)\b",
    r"(?:renal\s+angle|loin)\s+tender\w*",
)
STONE = (
    r"(?:kidney|renal|ureteric|ureteral)\s+stones?\b",
    r"(?:renal|ureteric)\s+colic\b",
    r"(?:nephrolithiasis|urolithiasis|ureterolithiasis)\b",
    rf"(?:flank|loin|side|back|kidney)\s+pain{gap(4)}(?:radiat\w*|going|goes|spread\w*|shoot\w*|mov\w*)\s+(?:down\s+)?(?:in)?to\s+(?:{PRON}\s+)?(?:groin|testicle|testicles|balls|vagina|labia|inner\s+thigh)\b",
    rf"(?:pain|ache){gap(4)}(?:from|in|on)\s+(?:{PRON}\s+)?(?:(?:left|right|lower)\s+)?(?:side|flank|back|kidney|loin){gap(3)}(?:to|into|down\s+to)\s+(?:{PRON}\s+)?(?:groin|testicle|balls)\b",
)
RETENTION = rule_patterns("urinary_retention")
_HOURS = {"eight": 8, "nine": 9, "ten": 10, "twelve": 12, "twenty": 20}


def _eight_hours_or_more(m) -> bool:
    raw = m.group("h")
    if raw.isdigit():
        return int(raw) >= 8
    return raw in _HOURS or "day" in raw


NO_URINE_HOURS = (
    rf"(?:haven'?t|havent|hasn'?t|hasnt|have\s+not|has\s+not|not|didn'?t|did\s+not){S}(?:been{S}able{S}to{S})?"
    rf"(?:peed|pee|urinated|urinate|wee'?d|wee|passed{S}(?:any{S})?urine|pass{S}(?:any{S})?urine){S}(?:in|for|since|all)\s+"
    r"(?:over\s+|more\s+than\s+|about\s+)?(?P<h>\d{1,2}|eight|nine|ten|twelve|twenty|a\s+(?:whole\s+)?day|day|the\s+whole\s+day)"
    r"(?:\s*(?:hours?|hrs?|h)\b)?",
)
_VERY_MILD = (
    rf"(?:very\s+mild|barely|slight(?:ly)?|a\s+little|a\s+tiny\s+bit){gap(2)}(?:burn\w*|sting\w*|uncomfortable|discomfort)\b"
    rf"|(?:burn\w*|sting\w*|uti|symptoms)\b{gap(3)}(?:getting\s+better|improving|settling|easing|almost\s+gone|much\s+better)\b"
)
# the patient is a man: said outright, or a male relative as the subject of the symptoms
MALE = (
    r"\d{1,3}\s*(?:yo|y/o|year[\s-]old|yr[\s-]old|-year-old)?\s*(?:male|man|guy|gentleman|(?-i:M))\b|"
    r"(?:i'?m|i\s+am)\s+(?:a\s+)?(?:\d{1,3}\s*(?:yo|y/o|year[\s-]old)\s+)?(?:man|male|guy)\b|(?:male|man)\s+(?:patient|pt)\b|"
    r"(?:my|our|her)\s+(?:husband|boyfriend|dad|father|grandpa|grandfather|brother|partner\s+\(?he)\s+"
    r"(?:has|is|says\s+(?:he|it)|can'?t|keeps|complains|been|gets|feels|thinks\s+he)\b|"
    r"(?:when|while|after)\s+he\s+(?:pees|urinates|wees|goes)\b|his\s+(?:urine|pee|penis)\b|penis\b|prostat\w*"
)

PROTOCOL = Protocol(
    name="urinary",
    title="Urinary symptoms",
    sources=(NICE_NG109, NICE_NG111, NICE_NG224, NICE_NG118, NICE_NG12, NICE_NG51, NHS_111),
    complaint=(
        *UTI,
        *STONE,
        *RETENTION,
        rf"blood{S}in{S}(?:{PRON}{S})?(?:{PEE}|pee|urine)\b",
        r"(?:ha?ematuria|blood\s+in\s+urine)\b",
        rf"(?:red|pink|brown|cola[\s-]coloured|cola[\s-]colored|bloody){S}(?:{PEE}|pee|urine)\b",
        r"(?:kidney\s+infection|pyelo\w*)\b",
        r"(?:urinary\s+)?(?:incontinence|leaking\s+urine|leaking\s+pee|weak\s+(?:urine\s+)?stream|dribbling)\b",
    ),
    default="within_3_days",
    criteria=(
        Criterion(
            "uti_sepsis",
            "emergency",
            "Urinary infection with new confusion or signs of sepsis (very low blood pressure, fast breathing, mottled)",
            patterns=(*UTI, r"(?:kidney\s+infection|pyelo\w*)\b"),
            when=lambda f: (
                f.new_confusion
                or (f.systolic_min is not None and f.systolic_min <= 90)
                or (f.resp_rate is not None and f.resp_rate >= 25)
                or (f.heart_rate is not None and f.heart_rate >= 130)
                or (f.news2 is not None and f.news2 >= 7)
            ),
            source="NICE NG51",
        ),
        Criterion(
            "uti_sepsis_words",
            "emergency",
            "Urinary infection with sepsis named, mottled skin, or not passing urine all day",
            patterns=(r"(?:sepsis|septic|urosepsis|urosepsis)\b(?!\s+tank)", r"mottl\w*"),
            also=(UTI_ANY + r"|kidney\s+infection|pyelo\w*|urosepsis",),
            source="NICE NG51",
        ),
        Criterion(
            "stone_with_fever",
            "emergency",
            "Kidney-stone pain with fever (infected obstructed kidney)",
            patterns=FEVER_ANY,
            check=fever_at_least(100.4),
            also=("|".join(STONE),),
            source="NICE NG118",
        ),
        Criterion(
            "stone_with_rigors",
            "emergency",
            "Kidney-stone pain with rigors or shaking chills",
            patterns=(r"rigou?rs\b", rf"(?:shaking|shivering){S}(?:chills|uncontrollabl\w*)", r"chills\b"),
            also=("|".join(STONE),),
            source="NICE NG118",
        ),
        Criterion(
            "painful_retention",
            "emergency",
            "Cannot pass urine at all, with lower abdominal pain or a swollen bladder, or for 8 hours or more",
            patterns=(
                *RETENTION,
                rf"(?:nothing|not\s+a\s+drop|no\s+urine){gap(2)}(?:comes?|coming)\s+out\b",
                r"(?:acute\s+)?urinary\s+retention\b",
            ),
            also=(
                r"pain\w*|hurts?|agony|swollen|distended|full\s+bladder|bladder\s+(?:is\s+|feels\s+)?(?:so\s+|really\s+|very\s+)?(?:full|swollen|distended|tight|bursting)|"
                r"(?:all|since|for)\s+(?:day|(?:\d+|eight|ten|twelve)\s+(?:hours|hrs))|at\s+all",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "no_urine_8_hours",
            "emergency",
            "Has not passed urine for 8 hours or more, or all day",
            patterns=NO_URINE_HOURS,
            check=_eight_hours_or_more,
            when=lambda f: not f.under_5,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "pyelonephritis_fever",
            "same_day",
            "Urinary symptoms with fever (38 C / 100.4 F or more)",
            patterns=FEVER_ANY,
            check=fever_at_least(100.4),
            also=(UTI_ANY,),
            source="NICE NG111",
        ),
        Criterion(
            "pyelonephritis_signs",
            "same_day",
            "Urinary symptoms with loin or flank pain, rigors, shaking chills or vomiting; or a kidney infection",
            patterns=(
                *FLANK,
                r"rigou?rs\b",
                r"(?:shaking|shivering)\s+(?:chills|uncontrollabl\w*)",
                r"chills\b",
                VOMIT + r"\b",
            ),
            also=(UTI_ANY,),
            source="NICE NG111",
        ),
        Criterion(
            "kidney_infection",
            "same_day",
            "Kidney infection (pyelonephritis) named, or a clinician's costovertebral-angle tenderness",
            patterns=(
                r"kidney\s+infection\b",
                r"pyelo(?:nephritis)?\b",
                r"(?:cva|costovertebral(?:\s+angle)?|renal\s+angle)\s+tender\w*",
                r"(?-i:CVAT)\b",
            ),
            source="NICE NG111",
        ),
        Criterion(
            "retention",
            "same_day",
            "Cannot pass urine, or only a dribble",
            patterns=(*RETENTION, r"(?:urinary\s+)?retention\b"),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "renal_colic",
            "same_day",
            "Kidney-stone pain: severe flank or loin pain going to the groin",
            patterns=STONE,
            source="NICE NG118",
        ),
        Criterion(
            "clots_in_urine",
            "same_day",
            "Blood clots in the urine, or heavy bleeding in the urine",
            patterns=(
                rf"(?:blood\s+)?clots{S}in{S}(?:{PRON}{S})?(?:{PEE}|pee|urine)\b",
                r"(?:peeing|peein'?|urinating|weeing)\s+(?:out\s+)?(?:blood\s+)?clots\b",
                r"(?:peeing|urinating|weeing)\s+(?:pure|straight|lots\s+of|so\s+much)\s+blood\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "uti_pregnant",
            "same_day",
            "Urinary symptoms in pregnancy",
            patterns=UTI,
            when=lambda f: f.pregnant,
            unless=(NOT_PREGNANT,),
            source="NICE NG109",
        ),
        Criterion(
            "bacteriuria_pregnant",
            "within_3_days",
            "Bacteria grown from a urine culture in pregnancy, even without symptoms (treat: NICE NG109)",
            patterns=(
                r"(?:asymptomatic\s+)?bacteriuria\b",
                rf"(?:bacteria|e\.?\s*coli|an?\s+infection|(?:group\s+b\s+)?strep\w*){gap(2)}(?:grew|grown|found|showed\s+up)\s+in\s+(?:{PRON}\s+|the\s+)?urine",
                rf"urine\s+culture{gap(8)}(?:grew|grown|growing|positive|shows?|showed|reports?|>\s*10|more\s+than\s+100)",
                r"(?:>|more\s+than|over)\s*(?:10\^?5|100[,\s]?000)\s*(?:cfu|colony[\s-]forming\s+units|organisms)\b",
                r"\d[\d,]*\s*(?:cfu|colony[\s-]forming\s+units)(?:/|\s+per\s+)m[lL]\b",
            ),
            when=lambda f: f.pregnant,
            unless=(NOT_PREGNANT,),
            source="NICE NG109",
        ),
        Criterion(
            "uti_child",
            "same_day",
            "Urinary symptoms in a child",
            patterns=UTI,
            when=lambda f: f.is_child,
            source="NICE NG224",
        ),
        Criterion(
            "uti_man",
            "same_day",
            "Urinary symptoms in a man",
            patterns=UTI,
            also=(MALE,),
            source="NICE NG109",
        ),
        Criterion(
            "uti_risk",
            "same_day",
            "Urinary symptoms with a catheter, immunosuppression, or in an adult aged 65 or over",
            patterns=UTI,
            when=lambda f: f.immunosuppressed or f.older_adult,
            source="NICE NG109",
        ),
        Criterion(
            "uti_catheter",
            "same_day",
            "Urinary symptoms with a urinary catheter",
            patterns=(
                r"(?:foley|urinary|suprapubic|indwelling|in-dwelling|bladder)\s+catheter\b",
                r"(?:foley|catheter\s+bag|self[\s-]cath\w*|intermittent\s+cath\w*)\b",
            ),
            also=(UTI_ANY + r"|blood|fever|pain",),
            source="NICE NG109",
        ),
        Criterion(
            "visible_haematuria",
            "within_2_weeks",
            "Visible blood in the urine without pain or urinary infection symptoms",
            patterns=(
                rf"blood{S}in{S}(?:{PRON}{S})?(?:{PEE}|pee|urine)\b",
                r"(?:visible|frank|gross|painless)\s+ha?ematuria\b",
                r"ha?ematuria\b",
                rf"(?:red|pink|bloody|cola[\s-]colou?red){S}(?:{PEE}|pee|urine)\b",
                rf"(?:{PEE}|pee|urine){S}(?:is\s+|was\s+|looks\s+|looked\s+|turned\s+)?(?:red|pink|bloody)\b",
            ),
            # beetroot, blackberries and some medicines colour urine red: not blood
            unless=(
                UTI_ANY,
                r"beet\w*|blackberr\w*|rhubarb|rifampi\w*|dipstick\s+(?:was\s+|is\s+)?negative|negative\s+for\s+blood",
            ),
            exclude_after=r"\s+(?:test|dipstick|dip)\b",
            source="NICE NG12",
        ),
        Criterion(
            "coloured_urine_food",
            "self_care",
            "Red or pink urine after beetroot, blackberries or rhubarb, with no pain or infection symptoms (food colouring, not blood)",
            patterns=(
                rf"(?:red|pink|reddish|pinkish|purple|magenta)(?:[\s-]+(?:red|pink))?{S}(?:{PEE}|pee|urine)\b",
                rf"(?:{PEE}|pee|urine){S}(?:is\s+|was\s+|looks\s+|looked\s+|turned\s+)?(?:red|pink|reddish|pinkish|purple)\b",
                r"beeturia\b",
            ),
            also=(r"beet\w*|blackberr\w*|rhubarb|beeturia",),
            unless=(UTI_ANY,),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "uti_woman",
            "within_3_days",
            "Burning, frequency or urgency in a non-pregnant woman (urine test and treatment)",
            patterns=UTI,
            unless=(_VERY_MILD, r"thirst\w*|drinking\s+(?:a\s+lot|loads|so\s+much|constantly|all\s+the\s+time)"),
            source="NICE NG109",
        ),
        Criterion(
            "lower_urinary_tract",
            "within_2_weeks",
            "Weak stream, dribbling, getting up at night to pass urine, or leaking",
            patterns=(
                r"weak\s+(?:urine\s+|urinary\s+)?stream\b",
                r"(?:dribbl\w*|hesitancy|incontinen\w*)\b",
                rf"(?:getting|get|gets|waking|wake|wakes)\s+up{gap(3)}(?:times\s+)?(?:at\s+night\s+)?to\s+(?:pee|urinate|wee)\b",
                r"nocturia\b",
                rf"leak\w*{S}(?:urine|pee|wee)\b",
                r"(?:wet|wetting)\s+(?:myself|himself|herself)\s+(?:when\s+i\s+(?:cough|sneeze|laugh))\b",
                r"(?:stress\s+)?incontinence\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "very_mild_uti",
            "self_care",
            "Very mild urinary symptoms that are settling, in a non-pregnant woman",
            patterns=(_VERY_MILD,),
            also=(UTI_ANY,),
            source="NICE NG109",
        ),
    ),
    home_care=(
        "Drink regularly through the day, take paracetamol or ibuprofen for pain, avoid holding urine; a pharmacist "
        "can advise on a urine test and treatment. Call back if symptoms are not better in 48 hours, or at once with "
        "fever, shivering, back or side pain, vomiting, blood in the urine or confusion."
    ),
    advice={
        "emergency": "Advise 911 or the emergency department now (possible urosepsis, infected obstructed kidney or acute "
        "retention needing a catheter).",
        "same_day": "Arrange a same-day assessment with a urine sample (dipstick and culture); antibiotics may be needed today.",
        "within_3_days": "Offer an appointment or pharmacist review within 3 days with a urine sample; call back sooner "
        "with fever, back pain or vomiting.",
        "within_2_weeks": "Offer a routine appointment within 2 weeks (visible blood in the urine: urine test and, "
        "at 45 or over, a suspected-cancer referral).",
    },
)
