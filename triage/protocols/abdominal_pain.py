"""Abdominal pain (NICE CKS appendicitis and gallstones; NHS 111 / NHS.uk stomach ache and
appendicitis; NICE NG126 and ACOG for ectopic pregnancy; NICE NG156 abdominal aortic aneurysm;
Alvarado score for appendicitis).

911 / the emergency department: sudden or severe pain, a rigid or board-like abdomen, guarding or
rebound (peritonism), suspected appendicitis (pain moving to the right lower abdomen with fever or
vomiting; a clinician's right-iliac-fossa tenderness, McBurney's point, Rovsing's or psoas sign, a
raised white count), green (bile-stained) vomit, pain in early pregnancy or a possible ectopic
(missed period with one-sided pain, shoulder-tip pain, faintness), a pulsating mass or pain going
through to the back in an older adult (aortic aneurysm), a swollen abdomen with no wind or stool
passing (bowel obstruction), pain with fainting. Same day: pain with fever, right lower pain alone,
pain getting worse, pain in an older adult or someone immunosuppressed, pain with yellow skin.
Within 3 days: right upper pain after fatty meals (biliary colic). Within 2 weeks: pain that keeps
coming back, with weight loss, persistent bloating, food sticking. Mild cramps, wind, indigestion
or pain that is easing: self-care.
"""

from triage.protocols.schema import ClinicalScore, Criterion, Protocol, ScoreItem, Source
from triage.protocols.sources import ACOG, NHS_111, NICE_CKS, NICE_NG12
from triage.protocols.words import (
    CANT,
    FEVER_ANY,
    FEVER_WORD,
    PAIN,
    PRON,
    VOMIT,
    S,
    fever_at_least,
    gap,
    rule_patterns,
)

NICE_CKS_APPENDICITIS = Source(
    "NICE CKS appendicitis",
    "NICE CKS: Appendicitis (suspected acute appendicitis: arrange emergency admission)",
    "https://cks.nice.org.uk/topics/appendicitis/",
)
NICE_NG126 = Source(
    "NICE NG126",
    "Ectopic pregnancy and miscarriage: diagnosis and initial management",
    "https://www.nice.org.uk/guidance/ng126",
)
NICE_NG156 = Source(
    "NICE NG156",
    "Abdominal aortic aneurysm: diagnosis and management (suspected rupture: immediate transfer)",
    "https://www.nice.org.uk/guidance/ng156",
)
NICE_CKS_GALLSTONES = Source(
    "NICE CKS gallstones",
    "NICE CKS: Gallstones (biliary colic; cholecystitis and cholangitis)",
    "https://cks.nice.org.uk/topics/gallstones/",
)
ALVARADO = Source(
    "Alvarado score",
    "Alvarado A. A practical score for the early diagnosis of acute appendicitis. Ann Emerg Med 1986;15:557-64",
    "https://pubmed.ncbi.nlm.nih.gov/3963537/",
)

# --- shared wording (constipation, gi_bleeding, pregnancy, back_pain import these) -----------------
BELLY = r"(?:stomach|stomache|stomac|stomch|stomack|tummy|tummie|belly|abdominal|abdomen|abdo|abd|gut)"
_WHERE = r"(?:lower|upper|low|right|left|middle|center|centre|bottom|top)"
ABDOMINAL_PAIN = (
    rf"{BELLY}{gap(2)}(?:{PAIN}|cramps?|cramping|crampy|sore|tender|tenderness|discomfort|killing\s+me|pains?)\b",
    r"(?:stomach|tummy|belly|gut)\s*aches?\b",
    rf"(?:pain|pains|cramps?|cramping|ache|aching|discomfort|tenderness|soreness){S}(?:in|on|around|across|at){S}(?:{PRON}{S})?"
    rf"(?:{_WHERE}(?:{S}|\s+of\s+(?:{PRON}\s+)?)){{0,2}}(?:{BELLY}|belly\s+button|navel|pelvis|pelvic\s+area)\b",
    r"(?:rlq|ruq|llq|luq|epigastric|periumbilical|suprapubic|(?:right|left)\s+(?:lower|upper)\s+quadrant|right\s+iliac\s+fossa)"
    r"\s+(?:abdominal\s+)?(?:pain|tenderness|discomfort|cramps?|ache)\b",
    r"(?:lower|upper)\s+(?:right|left)\s+(?:side\s+)?(?:abdominal\s+|belly\s+|stomach\s+)?(?:pain|ache|cramps?|cramping|hurts)\b",
    r"(?:abdo|abd)\s+pain\b",
    rf"(?:pain|pains|cramps?|cramping|ache|aching){S}(?:in|on|down){S}(?:{PRON}{S})?(?:lower|low|bottom)\s+(?:right|left)\s+side\b",
    r"(?:colic|colicky)\s+(?:abdominal\s+)?pain\b",
)
ABDOMINAL_ANY = "|".join(ABDOMINAL_PAIN)
# "I can't pass gas / fart", "not passing wind": a bowel that has stopped (obstruction)
NO_GAS = (
    rf"(?:{CANT}|not|haven'?t|hasn'?t|havent|hasnt|have\s+not|has\s+not|no\s+longer){S}(?:even{S}|been{S})?(?:able{S}to{S})?(?:even{S})?"
    rf"(?:pass(?:ed|ing)?{S}(?:any{S})?(?:gas|wind|flatus)|fart(?:ed|ing)?|toot(?:ed|ing)?|break{S}wind|broken{S}wind)\b",
    r"no\s+(?:gas|wind|flatus|farts?)\s+(?:or|and|nor)\s+(?:poo|poop|stool|bowel\s+movement|bm)\b",
    r"(?:not|isn'?t|no)\s+(?:passing|passed)\s+(?:any\s+)?(?:gas|wind|flatus)\b",
    r"obstipat\w*",
)
# no stool passing: "haven't pooped in 4 days", "can't poo or fart", "no bowel movement"
NO_STOOL = (
    rf"(?:{CANT}|haven'?t|hasn'?t|havent|hasnt|have\s+not|has\s+not|not|didn'?t){S}(?:\w+{S}){{0,3}}?"
    r"(?:pooped|pooed|poop|poo|had\s+a\s+(?:bowel\s+movement|bm|poo|poop|stool)|gone\s+(?:number\s+two|to\s+the\s+(?:toilet|bathroom)))\b|"
    r"no\s+(?:bowel\s+movements?|bms?|stools?|poo|poop|bowel\s+actions?)\b|(?:fart|gas|wind)\s+(?:or|nor)\s+(?:poo|poop)\b"
)
SWOLLEN_BELLY = (
    rf"{BELLY}{gap(3)}(?:swollen|swelling|distended|distension|distention|bloated\s+(?:and\s+)?(?:hard|tight)|hard\s+and\s+(?:swollen|bloated)|huge|blown\s+up)\b",
    rf"(?:swollen|distended|bloated\s+hard|hard\s+swollen){S}(?:{PRON}{S})?(?:{BELLY}|abdo)\b",
    r"(?:abdominal|abd)\s+(?:distension|distention)\b",
)
_ONE_SIDED = (
    r"(?:one[\s-]sided|(?:left|right)[\s-]sided|sharp|stabbing)\s+(?:lower\s+)?(?:abdominal\s+|pelvic\s+|belly\s+|stomach\s+|tummy\s+)?(?:pain|cramps?|cramping)\b",
    rf"(?:pain|cramps?|cramping|hurts?){gap(3)}(?:on|in|down)\s+(?:{PRON}\s+)?(?:one\s+side|(?:lower\s+)?(?:left|right)\s+side|left\s+lower|right\s+lower|lower\s+(?:left|right))\b",
    r"(?:lower|upper)\s+(?:right|left)\s+(?:side\s+)?(?:pain|ache|cramps?|cramping)\b",
)
_RLQ = r"(?:rlq|right\s+lower\s+quadrant|right\s+iliac\s+fossa|(?:lower|bottom)\s+right|right\s+lower|low\s+right|right\s+side\s+of\s+(?:{PRON}\s+)?(?:lower\s+)?(?:belly|stomach|tummy|abdomen))".replace(
    "{PRON}", PRON
)
RLQ_PAIN = (
    rf"{_RLQ}{gap(3)}(?:{PAIN}|tender\w*|cramps?|cramping|sore\w*|discomfort)",
    rf"(?:{PAIN}|tender\w*|cramps?|cramping|sore\w*|discomfort)\b{gap(4)}{_RLQ}\b",
)
_RLQ_FINDINGS = (
    r"mcburney\w*",
    r"rovsing\w*",
    r"(?:positive\s+|\+\s*)?(?:psoas|obturator)\s+sign\b",
    r"(?:rlq|right\s+lower\s+quadrant|right\s+iliac\s+fossa|rif)\s+(?:tenderness|tender|guarding|rebound|peritonism)\b",
    r"(?:tender|tenderness|guarding|rebound)\s+(?:in|over|at|to)\s+(?:the\s+)?(?:rlq|right\s+lower\s+quadrant|right\s+iliac\s+fossa|rif)\b",
    r"(?:suspected|probable|likely|acute|query|\?\s*)\s*appendicitis\b",
)
_MIGRATION = (
    rf"(?:pain|ache|it|cramps?){gap(4)}(?:moved|moving|shifted|migrat\w*|went|traveled|travelled|settled|spread)\s+(?:down\s+|over\s+)?"
    rf"(?:to|into|in)\s+(?:{PRON}\s+)?{_RLQ}\b",
    r"(?:periumbilical|umbilical|central)\s+pain\s+(?:migrat\w*|mov\w*|shift\w*)\s+to\s+(?:the\s+)?(?:rlq|right\s+iliac\s+fossa|rif)\b",
    rf"(?:started|began)\s+(?:around|at|near|by)\s+(?:{PRON}\s+)?(?:belly\s+button|navel|middle){gap(6)}(?:now|moved|then){gap(3)}(?:right|rlq)\b",
)
# a pregnancy test the message says was negative (findings would still read "pregnancy" as pregnant)
NOT_PREGNANT = (
    r"negative\s+(?:home\s+|urine\s+|blood\s+)?(?:pregnancy|preg|hcg|beta)\s*(?:tests?)?|"
    r"(?:pregnancy|preg|hcg|beta(?:\s+hcg)?)\s+(?:tests?\s+)?(?:was\s+|is\s+|were\s+|came\s+(?:back\s+|out\s+)?)?negative|"
    r"(?:not|isn'?t|am\s+not|i'?m\s+not)\s+pregnant"
)
FEVER_OR_VOMIT = rf"{FEVER_WORD}|{VOMIT}|nause\w*|sick\s+to\s+(?:{PRON}\s+)?stomach|chills|temp(?:erature)?\s+(?:of\s+)?(?:3[89]|10[0-4])"
# NICE NG156: suspect rupture with abdominal, back or flank (loin) pain and collapse or shock
_FLANK_OR_BACK = rf"(?:flank|loin|lower\s+back|back|groin){S}(?:{PAIN}|ache)\b|(?:{PAIN}|ache)\s+in\s+(?:{PRON}\s+|the\s+)?(?:left\s+|right\s+)?(?:flank|loin|lower\s+back|back)\b"
_SHOCKED = r"(?:fainted|faint|felt\s+faint|passed\s+out|collapsed|blacked\s+out|sweaty|sweating|clammy|diaphore\w*|light[\s-]?headed|ashen|grey|gray|pale\s+and|hypotensi\w*|shock(?:ed)?\b)"
_MILD = r"(?:mild|mildly|slight|slightly|little|minor|bit\s+of|niggl\w*|twinges?|period[\s-]like|light)"

PROTOCOL = Protocol(
    name="abdominal_pain",
    title="Abdominal pain",
    sources=(
        NHS_111,
        NICE_CKS_APPENDICITIS,
        NICE_NG126,
        ACOG,
        NICE_NG156,
        NICE_CKS_GALLSTONES,
        NICE_CKS,
        NICE_NG12,
        ALVARADO,
    ),
    complaint=ABDOMINAL_PAIN,
    default="within_3_days",
    criteria=(
        Criterion(
            "peritonism",
            "emergency",
            "Rigid or board-like abdomen, guarding or rebound tenderness, pain on every movement or bump",
            patterns=(
                rf"(?:rigid|board[\s-]*like|rock[\s-]hard){gap(2)}(?:abdomen|belly|stomach|abd|tummy)\b",
                rf"(?:abdomen|belly|stomach|abd|tummy){gap(3)}(?:rigid|hard\s+as\s+a\s+(?:rock|board)|rock\s+hard|board[\s-]*like|like\s+a\s+board)\b",
                r"(?:abdominal\s+)?(?:rigidity|peritonism|peritonitis|peritoneal\s+signs?)\b(?!\s*(?:-|:)?\s*(?:neg|negative|absent|none|no)\b)",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "guarding_rebound",
            "emergency",
            "Guarding or rebound tenderness of the abdomen, or abdominal pain on every step or bump",
            patterns=(
                r"(?:abdominal\s+|voluntary\s+|involuntary\s+)?(?:guarding|rebound(?:\s+tenderness)?)\b(?!\s*(?:-|:)?\s*(?:neg|negative|absent|none|no)\b)",
                rf"(?:hurts|pain|agony){gap(3)}(?:every|each|any)\s+(?:bump|step|movement)\b",
            ),
            also=(
                ABDOMINAL_ANY
                + r"|abdom\w*|belly|stomach|tummy|abd|rlq|ruq|llq|luq|right\s+iliac\s+fossa|rif|epigastri\w*",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "severe_pain",
            "emergency",
            "Sudden or severe abdominal pain (worst ever, unbearable, doubled over)",
            patterns=(
                *rule_patterns("severe_abdominal_pain"),
                r"worst\s+pain\s+(?:of\s+(?:my|his|her)\s+life|ever|i'?ve\s+ever)",
                rf"(?:{BELLY}|abdo){gap(4)}(?:unbearable|excruciating|agony|agoni[sz]ing|10/10|worst\s+pain)\b",
                rf"(?:screaming|writhing|crying|rolling\s+around|can'?t\s+(?:stand|walk|move|sit\s+still)){gap(3)}(?:in|with|from|because\s+of){S}(?:the\s+)?pain\b",
            ),
            also=(ABDOMINAL_ANY + r"|doubled\s+over|stomach|belly|tummy|abdom\w*|abd",),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "appendicitis_findings",
            "emergency",
            "Suspected appendicitis: right-iliac-fossa tenderness, McBurney's point, Rovsing's, psoas or obturator sign",
            patterns=_RLQ_FINDINGS,
            exclude_after=r"\W*(?:'s\s+)?(?:sign\s+)?(?:is\s+|was\s+)?(?:neg|negative|absent|ruled\s+out|unlikely)\b",
            source="NICE CKS appendicitis",
        ),
        Criterion(
            "appendicitis_features",
            "emergency",
            "Pain moving to or in the right lower abdomen with fever, vomiting or nausea",
            patterns=(*_MIGRATION, *RLQ_PAIN),
            also=(FEVER_OR_VOMIT,),
            source="NICE CKS appendicitis",
        ),
        Criterion(
            "appendicitis_inflammation",
            "emergency",
            "Right lower abdominal pain with a raised white count (over 11) or temperature 38 C or more",
            patterns=(*_MIGRATION, *RLQ_PAIN),
            when=lambda f: (f.wbc is not None and f.wbc > 11) or (f.temp_c is not None and f.temp_c >= 38.0),
            source="NICE CKS appendicitis",
        ),
        Criterion(
            "bilious_vomiting",
            "emergency",
            "Green (bile-stained) vomit",
            patterns=(
                rf"(?:{VOMIT}|vomitus|being\s+sick|been\s+sick|was\s+sick|spitting\s+up|spit\s+up){gap(3)}(?:bright\s+|dark\s+)?green\b",
                r"(?:bright\s+|dark\s+)?green\s+(?:vomit\w*|puke|throw\s+up|sick|emesis|bile|liquid\s+(?:vomit|throw))",
                r"(?:bilious|bile[\s-]stained)\s+(?:vomit\w*|emesis)\b",
            ),
            exclude_after=r"\s+(?:phlegm|mucus|snot|gatorade|jello|jell-o|popsicle|ice\s+pop|drink|juice|food|veg\w*)\b",
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "bile_vomit_child",
            "emergency",
            "A child or baby vomiting bile",
            patterns=(rf"(?:{VOMIT}|spitting\s+up|spit\s+up){gap(3)}bile\b",),
            when=lambda f: f.is_child,
            unless=(r"yellow",),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "ectopic_signs",
            "emergency",
            "Possible ectopic pregnancy: one-sided pain with a missed period or positive test, shoulder-tip pain, faintness",
            patterns=(r"ectopic\b(?!\s+(?:beats?|heart\s*beats?|rhythm|atrial|ventricular|focus|foci))",),
            source="NICE NG126",
        ),
        Criterion(
            "shoulder_tip_pain",
            "emergency",
            "Shoulder-tip pain with abdominal pain, a missed period or a pregnancy (ectopic)",
            patterns=(
                rf"(?:shoulder[\s-]tip|tip\s+of\s+(?:{PRON}\s+)?shoulder)\s+(?:pain|ache|hurts?)\b",
                rf"(?:pain|ache|hurts?|hurting){gap(3)}(?:shoulder[\s-]tip|tip\s+of\s+(?:{PRON}\s+)?shoulder)\b",
            ),
            also=(
                ABDOMINAL_ANY
                + r"|pregnan\w*|(?:missed|late)\s+(?:my\s+|a\s+)?period|positive\s+(?:pregnancy\s+)?test|"
                + r"(?:one[\s-]sided|sharp|stabbing)\s+(?:lower\s+)?(?:pain|cramps?)",
            ),
            source="NICE NG126",
        ),
        Criterion(
            "one_sided_pain_missed_period",
            "emergency",
            "One-sided lower abdominal pain with a missed or late period",
            patterns=_ONE_SIDED,
            also=(
                r"(?:missed|late|skipped|no)\s+(?:my\s+|a\s+)?periods?|periods?\s+(?:is\s+|are\s+)?(?:late|overdue)|"
                r"haven'?t\s+had\s+(?:my|a)\s+period|positive\s+(?:pregnancy\s+|home\s+)?test",
            ),
            source="NICE NG126",
        ),
        Criterion(
            "pain_pregnant_faint",
            "emergency",
            "Abdominal pain in pregnancy with dizziness, faintness or collapse",
            patterns=(*ABDOMINAL_PAIN, *_ONE_SIDED, r"(?:cramps|cramping)\b"),
            when=lambda f: f.pregnant,
            unless=(NOT_PREGNANT,),
            also=(r"dizz\w*|light[\s-]?headed|faint\w*|passed\s+out|collaps\w*|black(?:ed|ing)\s+out",),
            source="NICE NG126",
        ),
        Criterion(
            "pain_early_pregnancy",
            "emergency",
            "Abdominal or pelvic pain in the first trimester (ectopic not excluded), not mild",
            patterns=(*ABDOMINAL_PAIN, *_ONE_SIDED, r"(?:pelvic\s+pain|cramps|cramping)\b"),
            when=lambda f: f.pregnant and (f.gestation_weeks is None or f.gestation_weeks < 14),
            unless=(_MILD, NOT_PREGNANT),
            source="ACOG",
        ),
        Criterion(
            "aortic_aneurysm",
            "emergency",
            "Abdominal pain with a known or suspected aortic aneurysm, or a pulsating mass with pain",
            patterns=(
                r"(?:abdominal\s+)?aortic\s+aneurysm\b",
                r"(?-i:AAA)\b(?!\s+(?:batter\w*|rated|membership|insurance))",
                r"triple\s+a\b",
                rf"(?:puls\w*|throbbing|beating){S}(?:lump|mass|feeling|sensation){gap(3)}(?:{BELLY}|navel|belly\s+button)\b",
                r"(?:pulsatile|pulsating|expansile)\s+(?:abdominal\s+)?mass\b",
            ),
            also=(ABDOMINAL_ANY + r"|back\s+pain|pain\w*",),
            source="NICE NG156",
        ),
        Criterion(
            "pain_to_back_older",
            "emergency",
            "Abdominal pain going through to the back in an adult aged 60 or over (aortic aneurysm)",
            patterns=ABDOMINAL_PAIN,
            when=lambda f: f.older_adult or (f.age_years is not None and f.age_years >= 60),
            also=(
                rf"(?:radiat\w*|going|goes|spread\w*|shoot\w*|through|travel\w*|moves?)\s+(?:in)?to\s+(?:{PRON}\s+)?(?:lower\s+)?back|"
                rf"through\s+(?:to\s+)?(?:{PRON}\s+)?back|(?:and|&|with)\s+(?:{PRON}\s+)?(?:lower\s+)?back\s+(?:pain|hurts|ache)|back\s+pain",
            ),
            source="NICE NG156",
        ),
        Criterion(
            "aaa_rupture_signs",
            "emergency",
            "Abdominal, back or flank pain with faintness, sweating, collapse or low blood pressure in an adult aged 60 or over (possible ruptured aortic aneurysm, often mistaken for renal colic)",
            patterns=(*ABDOMINAL_PAIN, _FLANK_OR_BACK),
            when=lambda f: f.older_adult or (f.age_years is not None and f.age_years >= 60),
            also=(_SHOCKED,),
            source="NICE NG156",
        ),
        Criterion(
            "aaa_low_bp",
            "emergency",
            "Abdominal, back or flank pain with a systolic blood pressure under 100 in an adult aged 60 or over (possible ruptured aortic aneurysm)",
            patterns=(*ABDOMINAL_PAIN, _FLANK_OR_BACK),
            when=lambda f: (
                (f.older_adult or (f.age_years is not None and f.age_years >= 60))
                and f.systolic_min is not None
                and f.systolic_min < 100
            ),
            shows=("blood_pressure_low",),
            source="NICE NG156",
        ),
        Criterion(
            "obstruction_named",
            "emergency",
            "Suspected bowel obstruction, volvulus or intussusception (redcurrant-jelly stool)",
            patterns=(
                r"(?:bowel|intestinal|small\s+bowel|large\s+bowel)\s+(?:obstruction|blockage)\b",
                r"(?:blocked|twisted)\s+(?:bowel|intestines?|gut)\b",
                r"(?-i:SBO|LBO)\b",
                r"(?:volvulus|intussuscept\w*)\b",
                r"(?:red\s*currant|currant)[\s-]jelly\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "obstruction_signs",
            "emergency",
            "Not passing wind or stool, with a swollen abdomen, vomiting or constipation",
            patterns=NO_GAS,
            also=("|".join(SWOLLEN_BELLY) + rf"|{VOMIT}|constipat\w*|{NO_STOOL}",),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "swollen_vomiting_no_stool",
            "emergency",
            "A swollen abdomen with vomiting and no bowel movement",
            patterns=SWOLLEN_BELLY,
            also=(
                VOMIT,
                rf"(?:{CANT}|haven'?t|hasn'?t|not)\s+(?:been\s+able\s+to\s+)?(?:poo|poop|pooped|had\s+a\s+(?:bowel\s+movement|bm|poo)|go\s+(?:to\s+the\s+)?(?:toilet|bathroom))|constipat\w*|no\s+(?:bowel\s+movement|bm|poo|poop|stool)",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "pain_with_faint",
            "emergency",
            "Abdominal pain with fainting or collapse",
            patterns=ABDOMINAL_PAIN,
            also=(r"faint(?:ed|ing)|passed\s+out|collaps\w*|black(?:ed|ing)\s+out",),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "cholangitis",
            "emergency",
            "Abdominal pain with yellow skin or eyes and fever (cholangitis)",
            patterns=(
                r"jaundic\w*",
                rf"(?:yellow|yellowish){S}(?:skin|eyes|tinge)\b",
                rf"(?:skin|eyes|whites\s+of\s+(?:{PRON}\s+)?eyes){gap(2)}(?:yellow|yellowish)\b",
            ),
            also=(ABDOMINAL_ANY, FEVER_WORD + r"|rigou?rs|shaking\s+chills|chills"),
            source="NICE CKS gallstones",
        ),
        Criterion(
            "pain_with_fever",
            "same_day",
            "Abdominal pain with a fever (38 C / 100.4 F or more)",
            patterns=FEVER_ANY,
            check=fever_at_least(100.4),
            also=(ABDOMINAL_ANY,),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "right_lower_pain",
            "same_day",
            "Pain in the right lower abdomen, or pain moving there from the middle, or appendicitis suspected",
            patterns=(*_MIGRATION, *RLQ_PAIN, r"appendicitis\b", r"(?:my|his|her|the)\s+appendix\b"),
            source="NICE CKS appendicitis",
        ),
        Criterion(
            "pulsating_mass",
            "same_day",
            "A pulsating feeling or lump in the abdomen",
            patterns=(
                rf"(?:puls\w*|throbbing|beating){S}(?:lump|mass|feeling|sensation){gap(3)}(?:{BELLY}|navel|belly\s+button)\b",
            ),
            source="NICE NG156",
        ),
        Criterion(
            "pain_in_pregnancy",
            "same_day",
            "Abdominal pain in pregnancy (contact the maternity unit today)",
            patterns=(*ABDOMINAL_PAIN, *_ONE_SIDED),
            when=lambda f: f.pregnant,
            unless=(NOT_PREGNANT,),
            source="ACOG",
        ),
        Criterion(
            "jaundice_pain",
            "same_day",
            "Abdominal pain with yellow skin or eyes",
            patterns=(
                r"jaundic\w*",
                rf"(?:yellow|yellowish){S}(?:skin|eyes|tinge)\b",
                rf"(?:skin|eyes|whites\s+of\s+(?:{PRON}\s+)?eyes){gap(2)}(?:yellow|yellowish)\b",
            ),
            also=(ABDOMINAL_ANY,),
            source="NICE CKS gallstones",
        ),
        Criterion(
            "worsening_pain",
            "same_day",
            "Abdominal pain that is getting worse, constant for hours, or stopping normal activity",
            patterns=ABDOMINAL_PAIN,
            also=(
                r"(?:getting|gets|got|growing|becoming)\s+(?:much\s+|a\s+lot\s+|steadily\s+)?worse|worsening|worse\s+and\s+worse|"
                r"constant\s+(?:for|since)|(?:really|so|very|pretty)\s+bad|hasn'?t\s+(?:let\s+up|eased)|(?:moderate|bad)\s+(?:abdominal|stomach|belly|tummy)\s+pain|"
                rf"{CANT}\s+(?:go\s+to\s+|do\s+(?:my\s+)?)?(?:work|school|sleep)",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "pain_older_or_immunosuppressed",
            "same_day",
            "Abdominal pain in an adult aged 65 or over, or someone immunosuppressed",
            patterns=ABDOMINAL_PAIN,
            when=lambda f: f.older_adult or f.immunosuppressed,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "pain_after_surgery",
            "same_day",
            "Abdominal pain after recent abdominal surgery or a procedure",
            patterns=ABDOMINAL_PAIN,
            also=(
                r"(?:since|after)\s+(?:my|his|her|the)\s+(?:surgery|operation|op|c[\s-]?section|colonoscopy|endoscopy|procedure|"
                r"gallbladder\s+removal|appendectomy|lap\w*)|post[\s-]?op\w*",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "biliary_colic",
            "within_3_days",
            "Right upper abdominal pain after fatty meals, or known gallstones (biliary colic), no fever or jaundice",
            patterns=(
                rf"(?:ruq|right\s+upper\s+quadrant|upper\s+right|right\s+upper|under\s+(?:{PRON}\s+)?right\s+(?:ribs?|rib\s+cage)|right\s+side\s+under\s+(?:{PRON}\s+)?ribs?)"
                rf"{gap(3)}(?:{PAIN}|discomfort|cramps?|tender\w*)",
                rf"(?:{PAIN}|discomfort){gap(3)}(?:under\s+(?:{PRON}\s+)?right\s+(?:ribs?|rib\s+cage)|(?:in|on)\s+(?:{PRON}\s+)?(?:upper\s+right|right\s+upper))\b",
                r"(?:gallstones?|gall\s+stones?|gallbladder\s+(?:attack|pain)|biliary\s+colic)\b",
            ),
            also=(
                r"(?:fatty|greasy|fried|rich|heavy|big)\s+(?:meals?|foods?|dinner)|after\s+(?:i\s+eat|eating|meals|dinner|food)|"
                r"gallstones?|gall\s+stones?|gallbladder|biliary",
            ),
            source="NICE CKS gallstones",
        ),
        Criterion(
            "recurrent_pain",
            "within_2_weeks",
            "Abdominal pain that keeps coming back or has lasted 4 weeks or more",
            patterns=ABDOMINAL_PAIN,
            also=(
                r"(?:keeps?|kept)\s+(?:coming\s+back|returning|recurring)|on\s+and\s+off\s+for\s+(?:weeks|months)|recurrent|recurring|"
                r"chronic|for\s+(?:\d+|several|a\s+few|many|two|three|four|six)\s+(?:months|weeks)|for\s+(?:a\s+)?(?:month|year)|every\s+(?:day|week)\s+for",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "pain_weight_loss",
            "within_2_weeks",
            "Abdominal pain or bloating with unexplained weight loss",
            patterns=(*ABDOMINAL_PAIN, r"bloat\w*"),
            also=(
                r"(?:los(?:t|ing|e)|dropped)\s+(?:\w+\s+){0,2}(?:weight|pounds|lbs|kg|kilos|stone)|weight\s+loss|(?:clothes|pants|trousers)\s+(?:are\s+)?(?:loose|falling)",
            ),
            source="NICE NG12",
        ),
        Criterion(
            "persistent_bloating",
            "within_2_weeks",
            "Bloating most days for 3 weeks or more",
            patterns=(r"bloat\w*", rf"{BELLY}{gap(2)}(?:swollen|distended)"),
            when=lambda f: f.duration_days is not None and f.duration_days >= 21,
            source="NICE NG12",
        ),
        Criterion(
            "food_sticking",
            "within_2_weeks",
            "Food sticking on the way down (difficulty swallowing food)",
            patterns=(
                rf"food{gap(3)}(?:sticking|sticks|stuck|getting\s+stuck|gets\s+stuck)\b",
                r"(?:dysphagia)\b",
            ),
            source="NICE NG12",
        ),
        Criterion(
            "mild_or_easing",
            "self_care",
            "Mild cramps, wind, bloating or indigestion, or pain that is easing",
            patterns=(
                rf"{_MILD}{gap(2)}(?:{BELLY}{S}?(?:{PAIN}|cramps?|cramping|discomfort)|cramps?|cramping|stomach\s*aches?|tummy\s*aches?|bellyaches?|upset\s+stomach)\b",
                r"(?:gas|wind)\s+(?:pains?|cramps?)\b",
                r"(?:trapped|bad)\s+(?:gas|wind)\b",
                r"(?:gassy|farting\s+a\s+lot|bloated|bloating)\b",
                r"upset\s+stomach\b",
                rf"(?:cramps?|cramping|stomach|tummy|belly|abdominal\s+pain|tummy\s+ache){gap(2)}(?:is\s+|seems\s+|has\s+been\s+)?(?:getting\s+better|improving|easing|settling|calming\s+down|better\s+now|less\s+(?:now|painful))\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "described_mild",
            "self_care",
            "Abdominal pain described as mild, or improving",
            patterns=(r"(?:mild|mildly|minor)\b", r"(?:improving|getting\s+better|easing\s+off|settling\s+down)\b"),
            also=(ABDOMINAL_ANY,),
            source="NHS 111 / NHS.uk conditions",
        ),
    ),
    home_care=(
        "Rest, sip water or clear fluids, eat small plain meals when hungry, use a hot-water bottle and paracetamol "
        "(avoid ibuprofen and aspirin for stomach pain); peppermint or simethicone for wind; antacids for indigestion. "
        "Call back the same day if the pain gets worse or moves to the lower right, or with fever, repeated vomiting, "
        "green vomit or a swollen belly; call 911 for sudden severe pain, a hard rigid belly, vomiting blood or black "
        "stools, or fainting."
    ),
    advice={
        "emergency": "Advise 911 or the emergency department now (possible surgical abdomen, ectopic pregnancy, aneurysm or "
        "obstruction); nothing to eat or drink until seen.",
        "same_day": "Arrange a same-day assessment of the abdominal pain; advise 911 if it becomes severe or the belly becomes hard.",
        "within_3_days": "Offer an appointment within 3 days; low-fat diet and paracetamol meanwhile; call back today if "
        "fever, yellow skin or eyes, or pain lasting over 6 hours.",
    },
    scores=(
        ClinicalScore(
            "Alvarado",
            items=(
                ScoreItem("migration of pain to the right lower abdomen", patterns=_MIGRATION),
                ScoreItem(
                    "anorexia",
                    patterns=(
                        r"(?:no|lost|loss\s+of|poor|decreased|reduced)\s+(?:his\s+|her\s+|my\s+)?appetite\b",
                        r"anorexi\w*",
                        r"not\s+(?:eating|hungry|interested\s+in\s+food)\b",
                        r"off\s+(?:his\s+|her\s+|my\s+)?food\b",
                    ),
                ),
                ScoreItem("nausea or vomiting", patterns=(VOMIT + r"\b", r"nause\w*", r"(?-i:N/V)")),
                ScoreItem("right lower quadrant tenderness", patterns=(*_RLQ_FINDINGS[3:5], *RLQ_PAIN), points=2),
                ScoreItem(
                    "rebound pain",
                    patterns=(
                        r"rebound\b",
                        r"hurts?\s+(?:more\s+)?when\s+(?:i|you|he|she|they)\s+(?:let\s+go|release|cough|jump|walk)\b",
                    ),
                ),
                ScoreItem(
                    "elevated temperature",
                    patterns=(rf"{FEVER_WORD}\b",),
                    when=lambda f: f.temp_c is not None and f.temp_c >= 37.3,
                ),
                ScoreItem("leukocytosis", when=lambda f: f.wbc is not None and f.wbc > 10, points=2),
                ScoreItem("left shift", patterns=(r"left\s+shift\b", r"neutrophilia\b", r"bandemia\b")),
            ),
            thresholds=((5, "emergency"), (4, "same_day")),
            source="Alvarado score",
            min_present=2,
        ),
    ),
)
