"""Back pain (NICE NG59 low back pain and sciatica; NICE CKS back pain and sciatica red flags; GIRFT
national suspected cauda equina pathway; NHS 111 / NHS.uk back pain).

911 / the emergency department: cauda equina red flags (numbness in the saddle area, new bladder
or bowel problems with back pain, sciatica in both legs, leg weakness getting worse or foot drop),
sudden tearing back pain (aorta). Same day: back pain with fever, after injecting drugs, with a
cancer history, with immunosuppression, or after a fall or injury in an older adult or someone with
osteoporosis. Within 3 days: one-sided sciatica with numbness or weakness, pain not controlled or
stopping walking. Within 2 weeks: back pain for 6 weeks or more, pain at night or with weight loss.
Simple mechanical back pain under 6 weeks: self-care (NICE NG59: stay active).
"""

from triage.protocols.schema import Criterion, Protocol, Source
from triage.protocols.sources import NHS_111, NICE_CAUDA_EQUINA, NICE_CKS
from triage.protocols.words import FEVER_ANY, PAIN, PRON, S, fever_at_least, gap, rule_patterns

NICE_NG59 = Source(
    "NICE NG59",
    "Low back pain and sciatica in over 16s: assessment and management",
    "https://www.nice.org.uk/guidance/ng59",
)

BACK_PAIN = (
    rf"(?:{PRON}|lower|low|upper|mid|middle|lumbar)\s+back\s+(?:is\s+|has\s+been\s+|feels\s+|keeps\s+|went\s+|is\s+really\s+)?(?:really\s+|so\s+|very\s+|super\s+)?"
    rf"(?:{PAIN}|sore|spasm\w*|killing\s+(?:me|him|her)|stiff|out|gave\s+out|locked|seized\s+up|in\s+spasm|pain)\b",
    r"(?:back|bak|bakc|bck)\s*(?:pain|pains|pian|ache|aches|aching|spasms?|problems?\s+(?:again|flared))\b",
    rf"(?:pain|pains|ache|aching|spasms?|soreness|stiffness)\s+(?:in|across|on|at)\s+(?:{PRON}\s+)?(?:lower\s+|low\s+|upper\s+|mid\s+|(?:middle|bottom)\s+of\s+(?:{PRON}\s+)?)?(?:back|spine)\b",
    r"(?:lumbago|sciatica|sciatic\s+(?:pain|nerve)|radiculopathy|slipped\s+disc|herniated\s+disc|disc\s+(?:herniation|prolapse|bulge)|bulging\s+disc|pinched\s+nerve\s+in\s+(?:my\s+)?back)\b",
    r"(?-i:LBP)\b",
    r"low\s+back\s+pain\b",
    rf"(?:threw|thrown|throw|put|pulled|hurt|injured|tweaked|strained|twisted|wrenched)\s+(?:out\s+)?(?:{PRON}\s+)?(?:lower\s+)?back\b",
)
BACK_ANY = "|".join(BACK_PAIN)
_BACK_UNCASED = "|".join(p for p in BACK_PAIN if "(?-i:" not in p)  # matched against the lower-cased text
_SADDLE = r"(?:groin|bottom|buttocks?|butt|bum|genitals?|genital\s+area|private\s+(?:parts|area)|privates|inner\s+thighs?|saddle\s+area|perineum|perineal\s+area|anus|back\s+passage|vagina|penis|between\s+(?:my|his|her)\s+legs)"
_INCONTINENCE = (
    rf"(?:can'?t|cant|cannot|unable\s+to|couldn'?t)\s+control\s+(?:{PRON}\s+)?(?:bladder|bowels?|pee|peeing|poo|pooping|urine)\b",
    r"(?:wet|peed|pissed|soiled|pooped|pooed)\s+(?:myself|himself|herself)\b",
    r"(?:bladder|bowel|urinary|faecal|fecal)\s+(?:incontinence|leakage|dysfunction|retention)\b",
    r"incontinen\w*",
    rf"(?:lost|losing|loss\s+of)\s+(?:control\s+(?:of|over)\s+)?(?:{PRON}\s+)?(?:bladder|bowels?)(?:\s+control)?\b",
    rf"no\s+(?:control\s+(?:of|over)\s+(?:{PRON}\s+)?(?:bladder|bowels?)|(?:bladder|bowel)\s+control)\b",
    rf"(?:can'?t|cannot|couldn'?t)\s+(?:feel|tell)\s+(?:when\s+(?:i|he|she)\s+(?:need|needs|have|has)\s+to\s+(?:pee|go|wee|poo)|(?:{PRON}\s+)?(?:bladder|pee|urine)\s+(?:coming|passing))\b",
    r"(?:leaking|leaked)\s+(?:urine|pee|poo|stool)\b",
    r"(?:trouble|difficulty|hard\s+time|struggling)\s+(?:starting\s+to\s+|to\s+)?(?:pee|urinate|wee|empty\s+(?:my\s+)?bladder)\b",
    r"(?:trouble|difficulty|hard\s+time|struggling)\s+(?:starting\s+to\s+|to\s+)?pass(?:ing)?\s+(?:urine|water)\b",
    # clinical findings of cauda equina: saddle sensory loss, lax sphincter, a large residual
    r"(?:reduced|decreased|absent|loss\s+of|altered|diminished)\s+(?:perianal|perineal|saddle)\s+(?:sensation|sensory)\b",
    r"(?:reduced|decreased|absent|lax|poor)\s+anal\s+(?:tone|sphincter|squeeze)\b",
    r"post[\s-]?void\s+residual\s+(?:of\s+)?(?:[3-9]\d\d|\d{4})\s*(?:ml|mls|cc)\b",
    r"numb(?:ness)?\s+when\s+(?:i\s+|she\s+|he\s+)?wip(?:e|ing)\b",
)
_BOTH_LEGS = (
    rf"(?:pain|numbness|tingling|sciatica|weakness|shooting|pins\s+and\s+needles){gap(3)}(?:down|in|into|through)\s+both\s+(?:of\s+(?:my|his|her)\s+)?legs\b",
    rf"both\s+(?:of\s+(?:my|his|her)\s+)?legs{gap(3)}(?:numb\w*|tingl\w*|weak\w*|pain\w*|hurt\w*|giving\s+(?:way|out))\b",
    r"bilateral\s+(?:sciatica|radicul\w*|leg\s+(?:pain|numbness|weakness)|lower\s+(?:limb|extremity)\s+(?:weakness|numbness|symptoms))\b",
)
_WEAKNESS = (
    rf"(?:legs?|feet|foot){gap(3)}(?:getting|growing|becoming|gone|going)\s+(?:weaker|weak|numb\w*)\b",
    rf"(?:legs?|knees?){gap(2)}(?:giving\s+(?:way|out)|buckl\w*|collapsing)\b",
    r"(?:foot|feet)\s+drop\b",
    rf"(?:can'?t|cannot|unable\s+to){S}(?:lift|raise|move|feel){S}(?:{PRON}{S})?(?:foot|feet|toes|legs?)\b",
    r"(?:progressive|worsening|increasing|new)\s+(?:leg\s+|lower\s+limb\s+|motor\s+|neurological\s+)?(?:weakness|deficit|numbness)\b",
    rf"(?:dragging|tripping\s+over){S}(?:{PRON}{S})?(?:foot|feet|leg)\b",
)
_CANCER = (
    r"cancer\w*|malignan\w*|metasta\w*|myeloma|lymphoma|leukaemia|leukemia|tumou?rs?|oncolog\w*|chemo\w*|radiotherapy"
)
_IVDU = r"(?:iv|intravenous)\s+drugs?(?:\s+use\w*)?|ivdu|ivda|pwid|inject\w*\s+(?:drugs|heroin|meth)|shoot(?:s|ing)?\s+up|heroin|needles?\s+(?:use|drugs)"
# a risk named right after a negation ("denies IV drug use", "no history of cancer") does not count
_NOT_NEGATED = "".join(
    f"(?<!{w} )"
    for w in (
        "no",
        "denies",
        "denied",
        "deny",
        "never",
        "not",
        "without",
        "nor",
        "negative for",
        "no history of",
        "no hx of",
        "no h/o",
        "denies history of",
        "denies any",
        "no personal history of",
        "never had",
        "never used",
        "no known",
        "no prior",
    )
)


def _with_risk(risk: str) -> tuple[str, ...]:
    """Back pain with a risk factor named anywhere in the message, before or after it. The risk is
    often told as history ("history of breast cancer", "used to inject"), which the matcher's
    history context would not affirm in ``also``: only the back pain is judged here."""
    return (
        rf"(?:{_BACK_UNCASED})(?=[^\n]{{0,300}}?\b{_NOT_NEGATED}(?:{risk}))",
        rf"{_NOT_NEGATED}(?:{risk})\b[^\n]{{0,300}}?\b(?P<hit>{_BACK_UNCASED})",
    )


_RISK_OTHER = (
    r"(?:mom|mum|dad|mother|father|sister|brother|family|aunt|uncle|grand\w+|wife|husband|friend)\s+(?:\w+\s+){0,3}"
    r"(?:had|has|died\s+of|with|fighting)\s+(?:\w+\s+)?cancer"
)


PROTOCOL = Protocol(
    name="back_pain",
    title="Back pain",
    sources=(NICE_NG59, NICE_CAUDA_EQUINA, NICE_CKS, NHS_111),
    complaint=BACK_PAIN,
    default="self_care",
    criteria=(
        Criterion(
            "saddle_numbness",
            "emergency",
            "Numbness or altered feeling in the saddle area (groin, buttocks, genitals, inner thighs)",
            patterns=(
                r"saddle\s+(?:an)?a?esthesia\b",
                r"saddle\s+(?:numbness|paraesthesia|paresthesia|sensory\s+loss|area\s+numb\w*)\b",
                r"(?:perianal|perineal)\s+(?:numbness|an?a?esthesia|sensory\s+loss)\b",
                r"(?:can'?t|cannot|couldn'?t)\s+feel\s+(?:the\s+)?(?:toilet\s+paper|tissue|when\s+(?:i|he|she)\s+wipe)\b",
            ),
            source="NICE CKS back pain / GIRFT cauda equina",
        ),
        Criterion(
            "saddle_area_numb",
            "emergency",
            "Numb or tingling groin, buttocks, genitals or inner thighs with back pain or sciatica",
            patterns=(
                rf"(?:numb\w*|tingl\w*|no\s+feeling|reduced\s+(?:feeling|sensation)|altered\s+(?:feeling|sensation)|pins\s+and\s+needles){gap(2)}(?:in|around|between|of|on)\s+(?:{PRON}\s+)?{_SADDLE}",
                rf"{_SADDLE}\s+(?:is|are|feels?|feeling|went|gone)\s+(?:\w+\s+)?(?:numb|tingly|dead)\b",
                rf"(?:can'?t|cannot|couldn'?t)\s+feel\s+(?:{PRON}\s+)?{_SADDLE}\b",
            ),
            also=(BACK_ANY + r"|spine|spinal|legs?",),
            source="NICE CKS back pain / GIRFT cauda equina",
        ),
        Criterion(
            "bladder_bowel_change",
            "emergency",
            "New bladder or bowel problems with back pain or sciatica (retention, incontinence, not feeling the need to go)",
            patterns=(*_INCONTINENCE, *rule_patterns("urinary_retention")),
            also=(BACK_ANY,),
            source="NICE CKS back pain / GIRFT cauda equina",
        ),
        Criterion(
            "bilateral_sciatica",
            "emergency",
            "Sciatica in both legs, or numbness or weakness in both legs with back pain",
            patterns=_BOTH_LEGS,
            also=(BACK_ANY + r"|spine|spinal|sciatic\w*|radicul\w*|disc",),
            source="NICE CKS back pain / GIRFT cauda equina",
        ),
        Criterion(
            "progressive_weakness",
            "emergency",
            "Leg weakness that is getting worse, foot drop, or legs giving way, with back pain",
            patterns=_WEAKNESS,
            also=(BACK_ANY + r"|spine|spinal",),
            source="NICE CKS back pain / GIRFT cauda equina",
        ),
        Criterion(
            "cauda_equina_named",
            "emergency",
            "Suspected cauda equina syndrome or spinal cord compression",
            patterns=(r"cauda\s+equina\b", r"(?:spinal\s+)?cord\s+compression\b", r"(?-i:CES|MSCC)\b"),
            source="NICE CKS back pain / GIRFT cauda equina",
        ),
        Criterion(
            "tearing_pain",
            "emergency",
            "Sudden tearing or ripping back pain, or back pain going through to the abdomen (aorta)",
            patterns=(
                rf"(?:tearing|ripping|shearing){gap(3)}(?:back|between\s+(?:{PRON}\s+)?shoulder\s+blades)\b",
                rf"back{gap(3)}(?:tearing|ripping)\b",
                rf"back{S}pain{gap(3)}(?:radiat\w*|going|goes|spread\w*|through)\s+(?:in)?to\s+(?:{PRON}\s+)?(?:stomach|belly|abdomen|tummy|front|chest)\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "back_pain_fever",
            "same_day",
            "Back pain with a fever (possible spinal infection)",
            patterns=FEVER_ANY,
            check=fever_at_least(100.4),
            also=(BACK_ANY,),
            source="NICE CKS",
        ),
        Criterion(
            "back_pain_ivdu",
            "same_day",
            "Back pain in someone who injects drugs (spinal infection)",
            patterns=_with_risk(_IVDU),
            # "no leg weakness, fever, weight loss, history of cancer, immunosuppression or IV drug use"
            unless=(_RISK_OTHER, rf"\b(?:no|denies|without)\b[^.;\n]{{0,200}}?\b(?:{_IVDU})"),
            source="NICE CKS",
        ),
        Criterion(
            "back_pain_cancer",
            "same_day",
            "Back pain in someone with cancer now or in the past (possible spinal metastases)",
            patterns=_with_risk(_CANCER),
            # "No saddle anaesthesia, fever, weight loss or history of cancer": a negated list
            unless=(
                _RISK_OTHER,
                r"\b(?:no|denies|without)\b[^.;\n]{0,200}?\b(?:history\s+of\s+|hx\s+of\s+|known\s+|previous\s+)?(?:cancer|malignancy|tumou?r)",
            ),
            source="NICE CKS",
        ),
        Criterion(
            "back_pain_immunosuppressed",
            "same_day",
            "Back pain in someone immunosuppressed (chemotherapy, long-term steroids, transplant, HIV)",
            patterns=BACK_PAIN,
            when=lambda f: f.immunosuppressed,
            source="NICE CKS",
        ),
        Criterion(
            "trauma_older",
            "same_day",
            "Back pain after a fall or injury in an adult of 65 or over, or with osteoporosis or long-term steroids",
            patterns=BACK_PAIN,
            when=lambda f: f.older_adult,
            also=(r"fell|fall|fallen|slipped|tripped|accident|crash|injur\w*|hit|landed|lifting|lifted",),
            source="NICE CKS",
        ),
        Criterion(
            "trauma_osteoporosis",
            "same_day",
            "Back pain after a fall or minor injury with osteoporosis or long-term steroids (fracture)",
            patterns=_with_risk(
                r"osteoporo\w*|osteopeni\w*|(?:long[\s-]term|on)\s+(?:steroids|prednisone|prednisolone)"
            ),
            also=(r"fell|fall|fallen|slipped|tripped|accident|crash|injur\w*|landed|lifting|lifted|coughing|sneez\w*",),
            source="NICE CKS",
        ),
        Criterion(
            "major_trauma",
            "same_day",
            "Back pain after a car crash or fall from a height",
            patterns=BACK_PAIN,
            also=(
                r"(?:car|motorbike|motorcycle|bike|traffic|road)\s+(?:accident|crash|collision)|(?-i:MVA|MVC|RTC)|rear[\s-]ended|"
                r"fell\s+(?:off|from|down)\s+(?:a\s+|the\s+)?(?:ladder|roof|horse|stairs|scaffold\w*|tree|height)",
            ),
            source="NICE CKS",
        ),
        Criterion(
            "sciatica_deficit",
            "within_3_days",
            "Sciatica in one leg with numbness, tingling or weakness",
            patterns=(
                rf"(?:numb\w*|tingl\w*|pins\s+and\s+needles|weak\w*){gap(4)}(?:in|down|of)\s+(?:{PRON}\s+)?(?:left|right|one)\s+(?:leg|foot|thigh|calf)\b",
                r"(?:left|right|one)\s+(?:leg|foot)\s+(?:is\s+|feels\s+|has\s+gone\s+)?(?:numb|tingly|weak)\b",
            ),
            also=(BACK_ANY,),
            source="NICE NG59",
        ),
        Criterion(
            "uncontrolled_pain",
            "within_3_days",
            "Back pain that stops walking or getting out of bed, or is not controlled by painkillers",
            patterns=(
                rf"(?:can'?t|cannot|unable\s+to|barely|hardly|can\s+hardly|can\s+barely){S}(?:walk|move|stand(?:\s+up)?(?:\s+straight)?|get\s+out\s+of\s+bed|get\s+up|sit|bend)\b",
                rf"(?:painkillers|pain\s+killers|pain\s+meds|tylenol|advil|ibuprofen|paracetamol|medication|meds){gap(2)}(?:aren'?t|are\s+not|not|isn'?t|don'?t|doesn'?t|no\s+longer)\s+(?:helping|working|touching\s+it|help|work)\b",
            ),
            also=(BACK_ANY,),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "back_pain_6_weeks",
            "within_2_weeks",
            "Back pain for 6 weeks or more, or not improving after a few weeks",
            patterns=BACK_PAIN,
            when=lambda f: f.duration_days is not None and f.duration_days >= 42,
            source="NICE NG59",
        ),
        Criterion(
            "back_pain_persistent_words",
            "within_2_weeks",
            "Back pain for months or not getting better after weeks",
            patterns=BACK_PAIN,
            also=(
                r"for\s+(?:months|(?:a|one|two|three|several|many|few)\s+months|(?:six|6|seven|eight|8|several|many)\s+weeks|a\s+year|years)|"
                r"(?:not|isn'?t|hasn'?t)\s+(?:getting\s+)?(?:better|improv\w*)\s+(?:after|in|for)\s+(?:\w+\s+)?weeks|chronic",
            ),
            source="NICE NG59",
        ),
        Criterion(
            "night_pain_weight_loss",
            "within_2_weeks",
            "Back pain that is worse at night or wakes from sleep, or with unexplained weight loss",
            patterns=BACK_PAIN,
            also=(
                r"(?:worse|worst)\s+at\s+night|wakes?\s+(?:me|him|her)\s+(?:up\s+)?(?:at\s+night|from\s+sleep)|(?:night|nighttime)\s+pain|"
                r"(?:los(?:t|ing|e)|dropped)\s+(?:\w+\s+){0,2}(?:weight|pounds|lbs|kg)|weight\s+loss",
            ),
            source="NICE CKS",
        ),
        Criterion(
            "mechanical_back_pain",
            "self_care",
            "Simple mechanical back pain: after lifting, bending or a strain, moving about, under 6 weeks",
            patterns=(
                rf"(?:threw|thrown|throw|put|pulled|hurt|tweaked|strained|twisted|wrenched)\s+(?:out\s+)?(?:{PRON}\s+)?(?:lower\s+)?back(?:\s+out)?\b",
                r"(?:after|from|while|when)\s+(?:i\s+was\s+|he\s+was\s+|she\s+was\s+)?(?:lifting|bending|gardening|moving\s+(?:furniture|house|boxes)|shovel\w*|carrying|the\s+gym|working\s+out)\b",
                r"(?:muscle\s+(?:strain|spasm)|back\s+strain|lumbar\s+strain|mechanical\s+(?:low\s+)?back\s+pain|non[\s-]?specific\s+(?:low\s+)?back\s+pain)\b",
            ),
            also=(BACK_ANY,),
            source="NICE NG59",
        ),
    ),
    home_care=(
        "Keep moving and carry on normal activities as far as you can (bed rest slows recovery); ibuprofen (if safe for "
        "you) or paracetamol, heat packs, gentle stretches; most back pain improves within 6 weeks. Call 911 at once for "
        "numbness between the legs or around the bottom, new trouble passing or controlling urine or stools, or weakness "
        "or numbness in both legs. Call back if there is fever, the pain is not improving after 6 weeks, or it keeps you awake."
    ),
    advice={
        "emergency": "Advise the emergency department now (suspected cauda equina syndrome needs an emergency MRI; tearing "
        "pain: possible aortic dissection, call 911).",
        "same_day": "Arrange a same-day assessment (possible spinal infection, metastasis or fracture).",
    },
)
