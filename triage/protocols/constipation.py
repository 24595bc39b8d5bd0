"""Constipation (NICE CKS constipation; NICE CG99 constipation in children and young people; NICE
NG12 change in bowel habit; NHS 111 / NHS.uk constipation and stomach ache).

911 / the emergency department: constipation with no wind passing, or with vomiting and a swollen
belly (bowel obstruction; NHS: "you cannot poo or fart"). Same day: a baby under 3 months, or a
newborn who has not passed meconium, constipation with severe pain or leg weakness (CG99 red
flags). Within 3 days: constipation in an infant, a child with blood from a tear, constipation
not eased by a week of laxatives. Within 2 weeks: a new change to constipation lasting 3 weeks or
more at 50 or over, or with weight loss; long-standing constipation. Otherwise self-care
(fluids, fibre, activity, a pharmacy laxative).
"""

from triage.protocols.abdominal_pain import NO_GAS, SWOLLEN_BELLY
from triage.protocols.schema import Criterion, Protocol, Source
from triage.protocols.sources import NHS_111, NICE_CKS, NICE_NG12
from triage.protocols.words import CANT, VOMIT, S, gap

NICE_CG99 = Source(
    "NICE CG99",
    "Constipation in children and young people: diagnosis and management (red flags)",
    "https://www.nice.org.uk/guidance/cg99",
)
NICE_CKS_CONSTIPATION = Source(
    "NICE CKS constipation",
    "NICE CKS: Constipation (adults: red flags, laxatives, self-care)",
    "https://cks.nice.org.uk/topics/constipation/",
)

_POO = r"(?:poo|poop|pooped|pooed|poos|poops|bm|bms|bowel\s+movements?|stools?|number\s+two|dump)"
CONSTIPATION = (
    r"constipat\w*",
    r"(?:constapated|constipaited|consipated|constiapted)\b",
    rf"{CANT}{gap(2)}(?:poo|poop|go\s+(?:number\s+two|to\s+the\s+(?:toilet|bathroom)\s+properly)|have\s+a\s+(?:bowel\s+movement|bm|poo|poop))\b",
    rf"(?:haven'?t|hasn'?t|havent|hasnt|have\s+not|has\s+not|not|didn'?t){S}(?:been{S}able{S}to{S})?(?:pooped|pooed|poop|poo|had{S}a{S}(?:bowel\s+movement|bm|poo|poop|proper\s+poo)|gone{S}(?:number\s+two|to\s+the\s+(?:toilet|bathroom)))\s+(?:in|for|since)\b",
    rf"(?:hard|dry|pellet[\s-]like|pebble[\s-]like|lumpy|rock[\s-]hard|painful){S}(?:\w+{S})?{_POO}\b",
    rf"(?:straining|strain){gap(3)}(?:to\s+)?(?:poo|poop|go|pass|have\s+a\s+(?:bm|poo|bowel\s+movement)|{_POO})\b",
    r"(?:no|infrequent|irregular)\s+(?:bowel\s+movements?|bms?|stools?|poos?)\s+(?:in|for|since)\b",
    r"(?:faecal|fecal|stool)\s+(?:impaction|loading|retention)|impacted\b|bunged\s+up|backed\s+up\b",
    r"(?:obstipation)\b",
)
CONSTIPATION_ANY = "|".join(CONSTIPATION)

PROTOCOL = Protocol(
    name="constipation",
    title="Constipation",
    sources=(NICE_CKS_CONSTIPATION, NICE_CG99, NICE_NG12, NHS_111, NICE_CKS),
    complaint=CONSTIPATION,
    default="self_care",
    criteria=(
        Criterion(
            "no_wind_passing",
            "emergency",
            "Constipation with no wind passing either (possible bowel obstruction)",
            patterns=NO_GAS,
            also=(CONSTIPATION_ANY + rf"|{_POO}",),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "vomiting_swollen",
            "emergency",
            "Constipation with vomiting and a swollen or hard belly",
            patterns=SWOLLEN_BELLY,
            also=(CONSTIPATION_ANY, VOMIT),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "faecal_vomiting",
            "emergency",
            "Vomit that is brown or smells like faeces with constipation",
            patterns=(
                rf"(?:{VOMIT}|vomit){gap(3)}(?:smells?\s+like|looks?\s+like)\s+(?:poo|poop|feces|faeces|stool)\b",
                r"(?:faeculent|feculent)\s+vomit\w*",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "young_baby",
            "same_day",
            "Constipation in a baby under 3 months, or a newborn who has not passed meconium",
            patterns=(
                *CONSTIPATION,
                r"(?:not|hasn'?t|hasnt)\s+(?:yet\s+)?passed\s+(?:the\s+)?meconium\b",
                r"(?:no|delayed)\s+meconium\b",
            ),
            when=lambda f: f.infant_under_3_months or (f.age_years is not None and f.age_years < 0.05),
            source="NICE CG99",
        ),
        Criterion(
            "child_red_flags",
            "same_day",
            "A constipated child with leg weakness, a very swollen tummy, or constipation since birth",
            patterns=(
                rf"(?:legs?){gap(2)}(?:weak\w*|floppy|not\s+working|giving\s+way)\b",
                r"(?:since|from)\s+birth\b",
                r"ribbon[\s-]like\s+(?:stools?|poo)\b",
                *SWOLLEN_BELLY,
            ),
            when=lambda f: f.is_child,
            also=(CONSTIPATION_ANY,),
            source="NICE CG99",
        ),
        Criterion(
            "severe_pain",
            "same_day",
            "Constipation with severe or worsening abdominal pain",
            patterns=(
                rf"(?:severe|really\s+bad|terrible|awful|unbearable|excruciating|worst){gap(2)}(?:stomach|belly|tummy|abdominal|abdomen|abd)?\s*(?:pain|cramps?|cramping)\b",
                rf"(?:pain|cramps?|cramping){gap(2)}(?:getting\s+worse|worsening)\b",
            ),
            also=(CONSTIPATION_ANY,),
            source="NICE CKS constipation",
        ),
        Criterion(
            "infant_constipation",
            "within_3_days",
            "Constipation in a baby under 1",
            patterns=CONSTIPATION,
            when=lambda f: (f.age_years is not None and f.age_years < 1) or (f.age_years is None and f.infant),
            source="NICE CG99",
        ),
        Criterion(
            "child_with_blood",
            "within_3_days",
            "A constipated child with blood on the poo or paper (anal fissure)",
            patterns=(r"blood\w*", r"bleed\w*"),
            when=lambda f: f.is_child,
            also=(CONSTIPATION_ANY,),
            source="NICE CG99",
        ),
        Criterion(
            "laxatives_not_working",
            "within_3_days",
            "Constipation not eased by laxatives, or since starting a new medicine (opioids, iron)",
            patterns=(
                rf"(?:laxatives?|miralax|senna|senokot|lactulose|movicol|dulcolax|stool\s+softeners?|colace|fibre|fiber|prune\s+juice){gap(3)}(?:aren'?t|are\s+not|not|isn'?t|haven'?t|didn'?t|don'?t|doesn'?t|nothing)\s*(?:working|helping|helped|worked|work|help|done\s+anything)?\b",
                rf"(?:tried|taken|took|using)\s+(?:\w+\s+){{0,3}}(?:laxatives?|miralax|senna|lactulose|movicol|dulcolax|stool\s+softeners?){gap(4)}(?:nothing|still|no\s+(?:luck|change|result))\b",
                r"(?:since|after)\s+(?:starting|taking|being\s+on)\s+(?:the\s+)?(?:oxycodone|morphine|codeine|tramadol|opioids?|pain\s+meds|painkillers|iron|hydrocodone|norco|percocet)\b",
            ),
            also=(CONSTIPATION_ANY,),
            source="NICE CKS constipation",
        ),
        Criterion(
            "new_change_over_50",
            "within_2_weeks",
            "A new change to constipation for 3 weeks or more at 50 or over, or with weight loss (NICE NG12)",
            patterns=CONSTIPATION,
            when=lambda f: (
                (f.age_years is not None and f.age_years >= 50 or f.older_adult)
                and f.duration_days is not None
                and f.duration_days >= 21
            ),
            source="NICE NG12",
        ),
        Criterion(
            "weight_loss",
            "within_2_weeks",
            "Constipation with unexplained weight loss, or thinner stools",
            patterns=CONSTIPATION,
            also=(
                r"(?:los(?:t|ing|e)|dropped)\s+(?:\w+\s+){0,2}(?:weight|pounds|lbs|kg|kilos|stone)|weight\s+loss|(?:thinner|narrow|pencil[\s-]thin)\s+(?:stools?|poo)|(?:stools?|poos?|poops?)\s+(?:are\s+|is\s+)?(?:much\s+)?(?:thinner|narrower)",
            ),
            source="NICE NG12",
        ),
        Criterion(
            "long_standing",
            "within_2_weeks",
            "Constipation for 3 weeks or more, or keeps coming back",
            patterns=CONSTIPATION,
            when=lambda f: f.duration_days is not None and f.duration_days >= 21,
            source="NICE CKS constipation",
        ),
    ),
    home_care=(
        "Drink plenty of fluids, eat more fibre (fruit, vegetables, wholegrains, prunes), keep active, do not delay going "
        "when you feel the urge; a pharmacy laxative (a bulk-forming one such as ispaghula, or an osmotic one such as "
        "macrogol/Miralax or lactulose) usually works within 2-3 days. For children: extra water and fruit, and ask the "
        "pharmacist or nurse before giving laxatives. Call back if no improvement after a week of treatment, with blood, "
        "weight loss or a swollen tummy; call 911 if you cannot pass wind and are vomiting."
    ),
    advice={
        "emergency": "Advise the emergency department now (possible bowel obstruction): nothing to eat, no laxatives.",
        "within_2_weeks": "Offer a routine appointment within 2 weeks (new change in bowel habit: FIT test and NICE NG12 "
        "referral where it applies).",
    },
)
