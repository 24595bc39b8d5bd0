"""Gastrointestinal bleeding (NICE CG141 acute upper GI bleeding; NICE NG12 suspected lower GI
cancer; NICE CKS haemorrhoids and anal fissure; NHS 111 / NHS.uk bleeding from the bottom).

911 / the emergency department: vomiting blood or coffee-ground vomit, black tarry stools
(melaena), a large amount of blood or clots from the back passage, any GI bleeding with dizziness,
fainting, pallor, a racing pulse or low blood pressure. Same day: any other blood in the stool (the
default), bleeding on blood thinners. Within 2 weeks: rectal bleeding with a change in bowel habit
at 50 or over (NICE NG12), bleeding for 3 weeks or more, small streaks at 50 or over. Small streaks
of bright red blood on the paper with hard stools or known piles under 50: self-care.
"""

from triage.protocols.schema import Criterion, Protocol, Source
from triage.protocols.sources import NHS_111, NICE_CKS, NICE_NG12
from triage.protocols.words import PRON, VOMIT, S, gap, rule_patterns

NICE_CG141 = Source(
    "NICE CG141",
    "Acute upper gastrointestinal bleeding in over 16s: management",
    "https://www.nice.org.uk/guidance/cg141",
)
NICE_CKS_HAEMORRHOIDS = Source(
    "NICE CKS haemorrhoids",
    "NICE CKS: Haemorrhoids and anal fissure (bright red bleeding on the paper; when to refer)",
    "https://cks.nice.org.uk/topics/haemorrhoids/",
)

_STOOL = r"(?:stools?|poo|poos|poop|poops|bms?|bowel\s+movements?|motions?|feces|faeces)"
RECTAL_BLEEDING = (
    *rule_patterns("gi_bleeding"),
    rf"blood{S}(?:when{S}(?:i|he|she){S}wipe|on{S}(?:the{S}|my{S})?(?:toilet{S}paper|tissue|paper|wipe))\b",
    rf"blood{S}in{S}(?:the{S})?(?:toilet|toilet\s+bowl|bowl|pan)\b",
    rf"(?:bright{S}red|red){S}blood{gap(3)}(?:{_STOOL}|toilet|paper|wip\w*|bottom|rectum|butt)\b",
    rf"(?:bleeding|bleed|bled){S}(?:from|out\s+of){S}(?:{PRON}{S})?(?:back\s+passage|behind|bum|rear|backside)\b",
    rf"(?:bloody|blood[\s-]streaked){S}{_STOOL}\b",
    rf"{_STOOL}{gap(2)}(?:with|has|had|covered\s+in|streaked\s+with)\s+(?:some\s+)?blood\b",
    r"(?:rectal|pr)\s+(?:bleed\w*|blood)\b",
    r"(?:piles|ha?emorrhoids?|fissure)\s+(?:are\s+|is\s+)?(?:bleeding|bled|bleed)\b",
)
HAEMATEMESIS = (
    rf"(?:{VOMIT}|sick|vomitus|emesis|retching){gap(3)}(?:blood|bloody|bloood|coffee[\s-]grounds?|coffee[\s-]granules)\b",
    rf"(?:blood|coffee[\s-]grounds?){S}in{S}(?:{PRON}{S})?(?:vomit|sick|puke|throw\s+up)\b",
    r"coffee[\s-](?:ground|granule)s?\s+(?:vomit\w*|emesis|looking)\b",
    r"(?:bloody|blood[\s-]stained)\s+(?:vomit\w*|emesis)\b",
    r"ha?ematemesis\b",
)
MELAENA = (
    rf"(?:black|tarry|tar[\s-]like|jet[\s-]black|maroon|dark\s+red|plum[\s-]colou?red){S}(?:and{S}|,{S})?(?:tarry{S}|sticky{S}|smelly{S})?{_STOOL}\b",
    rf"(?:black|tarry|jet[\s-]black){S}(?:(?:and{S})?(?:tarry|sticky|smelly|foul[\s-]smelling|offensive|loose|sticky){S}){{1,3}}{_STOOL}\b",
    rf"{_STOOL}{gap(2)}(?:is|are|was|were|looks?|looked)?\s*(?:black|tarry|like\s+tar|jet\s+black|maroon)\b",
    r"mela?ena\b",
)
GI_ANY = "|".join((*RECTAL_BLEEDING, *HAEMATEMESIS, *MELAENA))
_NOT_BLOOD_BLACK = r"(?:on|taking|take|takes|started|with)\s+(?:an?\s+)?iron(?:\s+(?:tablets?|pills?|supplements?))?|iron\s+(?:tablets?|pills?|supplements?)|ferrous|pepto|bismuth|blueberr\w*|liquorice|licorice|activated\s+charcoal"
_MINOR = (
    rf"(?:streaks?|spots?|specks?|drops?|tinge|smear|bit|little|small\s+amount|touch|trace){S}(?:of{S})?(?:bright{S})?(?:red{S})?blood\b",
    rf"blood{gap(3)}(?:on|when)\s+(?:{PRON}\s+)?(?:toilet\s+paper|tissue|paper|wip\w*)\b",
    rf"(?:bright{S}red|red){S}blood{S}(?:on|when){S}(?:the{S}|i{S})?(?:paper|tissue|toilet\s+paper|wipe|wiping)\b",
)
_OUTLET = (
    r"hard\s+(?:stools?|poo|poop|poos|bms?)|constipat\w*|strain\w*|piles|ha?emorrhoids?|fissure|tear\s+(?:in|at)\s+(?:my\s+)?(?:bottom|anus)|"
    r"(?:passing|passed)\s+(?:a\s+)?(?:big|large|hard)\s+(?:one|stool|poo)"
)

PROTOCOL = Protocol(
    name="gi_bleeding",
    title="Gastrointestinal bleeding",
    sources=(NICE_CG141, NICE_NG12, NICE_CKS_HAEMORRHOIDS, NHS_111, NICE_CKS),
    complaint=(*RECTAL_BLEEDING, *HAEMATEMESIS, *MELAENA),
    default="same_day",
    criteria=(
        Criterion(
            "vomiting_blood",
            "emergency",
            "Vomiting blood, or vomit that looks like coffee grounds",
            patterns=HAEMATEMESIS,
            source="NICE CG141",
        ),
        Criterion(
            "melaena",
            "emergency",
            "Black, tarry or maroon stools (not explained by iron or bismuth)",
            patterns=MELAENA,
            unless=(_NOT_BLOOD_BLACK,),
            source="NICE CG141",
        ),
        Criterion(
            "heavy_rectal_bleeding",
            "emergency",
            "A large amount of blood or clots from the back passage, or bleeding that will not stop",
            patterns=(
                rf"(?:lots|lot|tons|loads|so\s+much|a\s+large\s+amount|large\s+amounts?|cups?|a\s+cupful){S}(?:of{S})?(?:fresh{S}|bright{S}red{S}|red{S}|dark{S})?blood\b(?!\s+(?:work|tests?|pressure|sugar|thinners?))",
                rf"(?:toilet|toilet\s+bowl|bowl|pan){gap(3)}(?:full\s+of|filled\s+with|turned|red\s+with|all)\s+(?:blood|red)\b",
                rf"(?:passing|passed|pooping|pooped){S}(?:blood{S})?clots\b",
                rf"(?:blood\s+)?clots{gap(3)}(?:{_STOOL}|toilet|rectum|bottom|back\s+passage)\b",
                rf"(?:pouring|gushing|streaming|dripping){gap(3)}(?:blood|from\s+(?:{PRON}\s+)?(?:bottom|rectum|back\s+passage))\b",
                rf"(?:pooping|pooped|passing|passed){S}(?:pure|just|only|straight){S}blood\b",
                r"(?:massive|large[\s-]volume|brisk|heavy|profuse)\s+(?:rectal\s+|lower\s+gi\s+|gi\s+)?(?:bleed\w*|blood\s+loss|hematochezia|haematochezia)\b",
            ),
            also=(GI_ANY + r"|rectum|rectal|bottom|back\s+passage|toilet|" + _STOOL,),
            source="NICE CG141",
        ),
        Criterion(
            "bleeding_with_shock",
            "emergency",
            "GI bleeding with dizziness, fainting, pallor, sweating or breathlessness",
            patterns=(*RECTAL_BLEEDING, *HAEMATEMESIS, *MELAENA),
            also=(
                r"dizz\w*|light[\s-]?headed|faint\w*|passed\s+out|pass\s+out|black(?:ed|ing)\s+out|collaps\w*|"
                r"(?:very\s+|really\s+)?pale|clammy|cold\s+sweat|(?:heart|pulse)\s+(?:is\s+)?racing|short\s+of\s+breath|breathless",
            ),
            source="NICE CG141",
        ),
        Criterion(
            "bleeding_abnormal_vitals",
            "emergency",
            "GI bleeding with a pulse of 100 or more, or systolic blood pressure under 100",
            patterns=(*RECTAL_BLEEDING, *HAEMATEMESIS, *MELAENA),
            when=lambda f: (
                (f.heart_rate is not None and f.heart_rate >= 100)
                or (f.systolic_min is not None and f.systolic_min < 100)
            ),
            source="NICE CG141",
        ),
        Criterion(
            "bleeding_anticoagulated",
            "same_day",
            "GI bleeding in someone on blood thinners",
            patterns=(*RECTAL_BLEEDING, *MELAENA),
            when=lambda f: f.anticoagulated,
            source="NICE CKS",
        ),
        Criterion(
            "bleeding_bowel_change_over_50",
            "within_2_weeks",
            "Rectal bleeding with a change in bowel habit (looser or more frequent stools) at 50 or over",
            patterns=RECTAL_BLEEDING,
            when=lambda f: f.age_years is not None and f.age_years >= 50,
            also=(
                r"(?:change|changes|changed)\s+(?:in\s+)?(?:my\s+|his\s+|her\s+)?(?:bowel|bowels|bowel\s+habits?|stools?|poo)|"
                r"(?:looser|more\s+frequent|runnier|thinner|narrow|pencil[\s-]thin)\s+(?:stools?|poo|poop|bms?)|"
                r"going\s+more\s+often|(?:stools?|poo)\s+(?:are\s+|is\s+)?(?:looser|thinner)|weight\s+loss|lost\s+weight",
            ),
            source="NICE NG12",
        ),
        Criterion(
            "bleeding_3_weeks",
            "within_2_weeks",
            "Blood in the stool on and off for 3 weeks or more, no warning features",
            patterns=RECTAL_BLEEDING,
            when=lambda f: f.duration_days is not None and f.duration_days >= 21,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "minor_outlet_bleeding_over_50",
            "within_2_weeks",
            "Small streaks of bright red blood on the paper at 50 or over",
            patterns=_MINOR,
            when=lambda f: f.age_years is not None and f.age_years >= 50,
            source="NICE NG12",
        ),
        Criterion(
            "minor_outlet_bleeding",
            "self_care",
            "Small streaks of bright red blood on the paper with hard stools, straining or known piles, under 50",
            patterns=_MINOR,
            when=lambda f: f.age_years is None or f.age_years < 50,
            also=(_OUTLET,),
            source="NICE CKS haemorrhoids",
        ),
        Criterion(
            "black_from_iron",
            "self_care",
            "Dark or black stools explained by iron tablets or bismuth (Pepto-Bismol), no other warning features",
            patterns=MELAENA,
            also=(_NOT_BLOOD_BLACK,),
            source="NHS 111 / NHS.uk conditions",
        ),
    ),
    home_care=(
        "For small streaks of bright red blood with hard stools or piles: drink plenty, eat more fibre (fruit, "
        "vegetables, wholegrains), do not strain, pat dry after the toilet; pharmacy creams help piles. Call back if the "
        "bleeding lasts over a week, recurs over 3 weeks, or comes with looser stools, weight loss or tummy pain; call "
        "911 for a lot of blood, black tarry stools, vomiting blood or feeling faint."
    ),
    advice={
        "emergency": "Advise 911 or the emergency department now (significant gastrointestinal bleeding); lie down if "
        "faint, nothing to eat or drink.",
        "same_day": "Arrange a same-day assessment of the bleeding (observations, haemoglobin); advise 911 if it becomes "
        "heavy, black, or with faintness.",
        "within_2_weeks": "Offer an appointment within 2 weeks (NICE NG12: FIT test and suspected colorectal cancer "
        "pathway where it applies).",
    },
)
