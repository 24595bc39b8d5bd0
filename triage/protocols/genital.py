"""Genital and vaginal symptoms (NICE CKS scrotal pain and swelling; NICE CKS pelvic inflammatory
disease, candida, bacterial vaginosis and genital herpes; BASHH guidelines; NICE NG12 testicular
cancer and post-menopausal bleeding; NHS 111 / NHS.uk testicle pain, vaginal discharge).

911 / the emergency department: sudden or severe testicular pain or swelling (torsion; surgery
within hours), testicular pain with vomiting or in a boy, a painful erection lasting 4 hours or
more (priapism), a swollen, red, very painful genital or perineal area with fever (Fournier's),
vaginal bleeding soaking a pad an hour. Same day: other testicular pain or swelling, painful
genital sores or blisters (herpes: antivirals within 5 days), discharge with pelvic pain or fever
(PID), a painful lump at the vaginal opening (Bartholin's abscess), sexual assault, HIV exposure
or emergency contraception (time-limited treatment). Within 3 days: unusual discharge, itch or
odour (thrush, BV), penile discharge or burning. Within 2 weeks: a lump in the testicle (NICE
NG12), bleeding after the menopause, an STI check without symptoms, genital warts. A recurrence
of known thrush: self-care (pharmacy treatment).
"""

from triage.protocols.schema import Criterion, Protocol, Source
from triage.protocols.sources import NHS_111, NICE_CKS, NICE_NG12
from triage.protocols.words import FEVER_ANY, PAIN, PRON, VOMIT, S, fever_at_least, gap

NICE_CKS_SCROTAL = Source(
    "NICE CKS scrotal pain",
    "NICE CKS: Scrotal pain and swelling (suspected torsion: immediate referral)",
    "https://cks.nice.org.uk/topics/scrotal-pain-swelling/",
)
NICE_CKS_PID = Source(
    "NICE CKS PID",
    "NICE CKS: Pelvic inflammatory disease; BASHH UK national guideline for the management of PID",
    "https://cks.nice.org.uk/topics/pelvic-inflammatory-disease/",
)
NICE_CKS_VAGINAL = Source(
    "NICE CKS vaginal discharge",
    "NICE CKS: Vaginal discharge; Candida - female genital; Bacterial vaginosis",
    "https://cks.nice.org.uk/topics/vaginal-discharge/",
)
BASHH = Source(
    "BASHH",
    "British Association for Sexual Health and HIV: national guidelines (herpes, PEP, STI testing)",
    "https://www.bashh.org/resources/guidelines",
)

TESTICLE = (
    r"(?:testicles?|testis|testes|testicular|scrotum|scrotal|balls|ball\s+sack|nuts|nut\s+sack|groin\s+and\s+testicle)"
)
TESTICLE_PAIN = (
    rf"{TESTICLE}{gap(2)}(?:{PAIN}|sore|swollen|swelling|tender|throbbing|killing\s+(?:me|him))\b",
    rf"(?:pain|ache|aching|swelling|tenderness|soreness){S}(?:in|of|around){S}(?:{PRON}{S})?(?:(?:left|right|one){S})?{TESTICLE}\b",
    rf"(?:swollen|painful|sore|tender){S}(?:(?:left|right){S})?{TESTICLE}\b",
    r"(?:orchitis|epididymitis|epididymo[\s-]orchitis|testicular\s+torsion|torsion)\b",
)
VAGINAL = r"(?:vagina|vaginal|vulva|vulval|vulvar|labia|down\s+there|private\s+(?:parts|area)|privates|genitals?|genital\s+area|crotch)"
DISCHARGE = (
    rf"{VAGINAL}{gap(2)}(?:discharge|itch\w*|burn\w*|sore\w*|irritat\w*|odou?r|smell\w*|rash|red|swollen|bumps?)\b",
    rf"(?:discharge|itch\w*|itchiness|burning|soreness|irritation|odou?r|smell|bumps?){S}(?:from|in|on|around|of){S}(?:{PRON}{S})?(?:the\s+)?{VAGINAL}\b",
    r"(?:unusual|abnormal|smelly|fishy|white|yellow|green|grey|gray|thick|watery|clumpy|cottage[\s-]cheese|frothy|foul|heavy|increased|new)\s+(?:\w+\s+)?discharge\b",
    r"(?:fishy|foul|bad|strong)\s+(?:smell|odou?r)\b(?=[^.]{0,40}\b(?:down\s+there|vagina\w*|discharge)\b)",
    r"(?:yeast\s+infection|thrush|candida\w*|candidiasis|bacterial\s+vaginosis|vaginitis|vulvovaginitis)\b",
    r"(?-i:BV)\b",
)
PENILE = (
    rf"(?:discharge|pus|drip|dripping)\s+(?:from|out\s+of)\s+(?:{PRON}\s+|the\s+)?(?:penis|dick|tip|urethra)\b",
    rf"(?:penis|penile|dick|foreskin|tip\s+of\s+(?:{PRON}\s+)?penis|glans){gap(2)}(?:discharge|{PAIN}|sore\w*|itch\w*|burn\w*|swollen|red|rash|bumps?|drip\w*)\b",
    r"(?:penile|urethral)\s+discharge\b",
    r"(?:balanitis|urethritis)\b",
)
SORES = (
    rf"(?:sores?|blisters?|ulcers?|lesions?|bumps?|spots?){S}(?:on|in|around){S}(?:{PRON}{S})?(?:the\s+)?(?:{VAGINAL}|penis|dick|genitals?|groin|bottom|anus|foreskin|shaft)\b",
    r"(?:genital|vaginal|vulval|penile)\s+(?:sores?|blisters?|ulcers?|lesions?|herpes|warts?)\b",
    r"(?:herpes|hsv)\b",
)
STI = (
    r"(?-i:STIs?|STDs?)\b",
    r"(?:stis?|stds?|sexually\s+transmitted\s+(?:infection|disease)s?)\b",
    r"(?:chlamydia|gonorrh?o?ea|gonorrhea|syphilis|trichomon\w*|trich|hpv)\b",
)
_PELVIC_PAIN = (
    r"pelvic\s+pain|pain\s+(?:in|on|around)\s+(?:my\s+|her\s+)?(?:pelvis|lower\s+(?:belly|stomach|abdomen|tummy))|"
    r"lower\s+(?:abdominal|belly|stomach|tummy)\s+pain|pain\s+(?:during|with|after)\s+(?:sex|intercourse)|dyspareunia|"
    r"cervical\s+motion\s+tenderness|(?-i:CMT)|adnexal\s+tenderness"
)

PROTOCOL = Protocol(
    name="genital",
    title="Genital and vaginal symptoms",
    sources=(NICE_CKS_SCROTAL, NICE_CKS_PID, NICE_CKS_VAGINAL, BASHH, NICE_NG12, NICE_CKS, NHS_111),
    complaint=(
        *TESTICLE_PAIN,
        *DISCHARGE,
        *PENILE,
        *SORES,
        *STI,
        rf"(?:lump|bump|hard\s+(?:spot|bit)|mass){gap(3)}(?:in|on)\s+(?:{PRON}\s+)?(?:left\s+|right\s+)?{TESTICLE}\b",
        r"(?:testicular|scrotal)\s+(?:lump|mass)\b",
    ),
    default="within_3_days",
    criteria=(
        Criterion(
            "testicular_torsion",
            "emergency",
            "Sudden or severe pain or swelling in a testicle, or testicular pain with vomiting (torsion)",
            patterns=(
                rf"(?:sudden(?:ly)?|severe|worst|excruciating|unbearable|intense|agoni[sz]ing|terrible|extreme){gap(3)}{TESTICLE}\b",
                rf"(?:sudden|severe|excruciating|unbearable|intense|terrible|extreme){S}(?:pain|swelling){S}(?:in|of){S}(?:{PRON}{S})?(?:(?:left|right|one){S})?{TESTICLE}\b",
                rf"{TESTICLE}{gap(3)}(?:is\s+|are\s+)?(?:really\s+)?(?:severe|unbearable|excruciating|agony|10/10)\b",
                r"(?:testicular\s+)?torsion\b",
                r"(?:high[\s-]riding|horizontal\s+lie|absent\s+cremasteric)\b",
            ),
            exclude_after=r"\s+(?:ruled\s+out|excluded|unlikely)",
            source="NICE CKS scrotal pain",
        ),
        Criterion(
            "testicle_pain_sudden",
            "emergency",
            "Testicular pain that came on suddenly",
            patterns=TESTICLE_PAIN,
            when=lambda f: f.onset_sudden,
            source="NICE CKS scrotal pain",
        ),
        Criterion(
            "testicle_pain_vomiting",
            "emergency",
            "Testicular pain with vomiting or nausea",
            patterns=TESTICLE_PAIN,
            also=(VOMIT + r"|nause\w*|being\s+sick",),
            source="NICE CKS scrotal pain",
        ),
        Criterion(
            "testicle_pain_boy",
            "emergency",
            "Testicular pain in a boy under 18, of less than 3 days (torsion until proven otherwise)",
            patterns=TESTICLE_PAIN,
            when=lambda f: (
                (f.is_child or (f.age_years is not None and f.age_years < 18))
                and (f.duration_days is None or f.duration_days < 3)
            ),
            source="NICE CKS scrotal pain",
        ),
        Criterion(
            "priapism",
            "emergency",
            "An erection that will not go down after 4 hours or more, or is painful (priapism)",
            patterns=(
                r"priapism\b",
                rf"(?:erection|hard[\s-]on|boner){gap(4)}(?:won'?t|will\s+not|not|hasn'?t|isn'?t)\s+(?:going|go|gone)\s+(?:down|away)\b",
                rf"(?:erection|hard[\s-]on|boner){gap(3)}(?:for|lasting|over)\s+(?:\d+|four|five|six|several)\s+(?:hours|hrs)\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "fourniers",
            "emergency",
            "Rapidly spreading painful swelling, redness or dark skin of the genitals or perineum with fever",
            patterns=(
                rf"(?:{TESTICLE}|penis|perineum|perineal|{VAGINAL}|groin){gap(4)}(?:black|dark\s+purple|purple|(?:rapidly\s+)?spreading|dying|crackl\w*)\b",
                r"fournier\w*",
            ),
            also=(r"fever\w*|feverish|febrile|chills|rigou?rs|temp\w*\s+(?:of\s+)?(?:3[89]|10[0-4])|fournier\w*",),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "heavy_vaginal_bleeding",
            "emergency",
            "Vaginal bleeding soaking a pad or tampon every hour, or with faintness",
            patterns=(
                rf"soak(?:ed|ing){gap(2)}(?:through\s+)?(?:a\s+|one\s+|\d+\s+)?(?:pads?|tampons?|super\s+pads?)\s+(?:every|an|each|in\s+an?|per)\s+(?:hour|30\s+min\w*|half\s+hour)\b",
                rf"(?:changing|change|going\s+through){S}(?:a\s+)?(?:pads?|tampons?){S}(?:every|each)\s+(?:hour|half\s+hour|30\s+min\w*)\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "testicle_pain",
            "same_day",
            "Pain or swelling in a testicle or the scrotum (epididymo-orchitis, torsion to exclude)",
            patterns=TESTICLE_PAIN,
            source="NICE CKS scrotal pain",
        ),
        Criterion(
            "painful_genital_sores",
            "same_day",
            "Painful sores, blisters or ulcers on the genitals (possible genital herpes)",
            patterns=(
                rf"(?:sores?|blisters?|ulcers?|lesions?|painful\s+(?:bumps?|spots?|lumps?)){S}(?:on|in|around){S}(?:{PRON}{S})?(?:the\s+)?(?:{VAGINAL}|penis|dick|genitals?|groin|bottom|anus|foreskin|shaft)\b",
                r"(?:genital|vaginal|vulval|penile)\s+(?:sores?|blisters?|ulcers?|lesions?|herpes)\b",
                r"(?:herpes|hsv)\s+(?:outbreak|sores?|blisters?)\b",
                r"(?:first|new)\s+(?:herpes|hsv)\b",
            ),
            unless=(
                r"warts?\b|(?:outbreak|herpes|it)\s+(?:again|as\s+usual)|(?:my\s+)?usual\s+(?:outbreak|herpes)|"
                r"(?:get|have|had)\s+(?:them|outbreaks|herpes)\s+(?:a\s+lot|often|regularly|before)",
            ),
            source="BASHH",
        ),
        Criterion(
            "pid_signs",
            "same_day",
            "Vaginal discharge or bleeding with pelvic pain, pain during sex or fever (pelvic inflammatory disease)",
            patterns=(
                *DISCHARGE,
                r"(?:bleeding|spotting)\s+(?:after|during|with)\s+sex\b",
                r"(?:pid|pelvic\s+inflammatory\s+disease)\b",
            ),
            also=(_PELVIC_PAIN + r"|" + r"fever\w*|feverish|chills|pid|pelvic\s+inflammatory",),
            source="NICE CKS PID",
        ),
        Criterion(
            "pid_fever",
            "same_day",
            "Vaginal discharge with a fever",
            patterns=FEVER_ANY,
            check=fever_at_least(100.4),
            also=("|".join(DISCHARGE),),
            source="NICE CKS PID",
        ),
        Criterion(
            "bartholin_abscess",
            "same_day",
            "A painful swollen lump at the vaginal opening or on the labia (Bartholin's abscess)",
            patterns=(
                r"bartholin\w*",
                rf"(?:painful|swollen|hot|tender)\s+(?:lump|bump|swelling|boil|cyst){gap(3)}(?:labia|vulva|vagina\w*|opening|down\s+there)\b",
                rf"(?:lump|bump|boil|cyst){gap(3)}(?:labia|vulva|vaginal\s+opening)\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "time_limited_treatment",
            "same_day",
            "Sexual assault, possible HIV exposure (PEP within 72 hours) or emergency contraception needed",
            patterns=(
                r"(?:sexually\s+)?assaulted\b",
                r"sexual\s+assault\b",
                r"(?:i\s+was|was|been|got)\s+raped\b",
                r"rape\b",
                r"(?-i:PEP)\b",
                r"post[\s-]exposure\s+prophylaxis\b",
                r"(?:exposed|exposure)\s+to\s+hiv\b",
                r"(?:emergency\s+contracepti\w*|morning[\s-]after\s+pill|ellaone|ella\s+one|levonelle)\b",
                r"(?:take|took|taking|need|needs|get|buy|bought|use|used)\s+(?:a\s+|the\s+)?plan\s+b\b",
                rf"(?:condom){gap(2)}(?:broke|split|came\s+off|slipped\s+off)\b",
            ),
            source="BASHH",
        ),
        Criterion(
            "penile_symptoms",
            "within_3_days",
            "Discharge from the penis, or burning at the tip (urethritis or another STI)",
            patterns=PENILE,
            source="BASHH",
        ),
        Criterion(
            "discharge_itch",
            "within_3_days",
            "Unusual vaginal discharge, itch or odour (thrush, bacterial vaginosis, an STI)",
            patterns=DISCHARGE,
            unless=(
                r"eyes?|eyelids?|lashes|ears?|nose|nipple\w*|wound|incision",
                r"(?:i\s+)?(?:get|had|have)\s+(?:them|it|these|this|thrush|yeast\s+infections?)\s+(?:a\s+lot|often|all\s+the\s+time|regularly|before)|"
                r"(?:same|just\s+like|like)\s+(?:as\s+)?(?:before|last\s+time|(?:my\s+)?usual)|(?:another|again)\b",
            ),
            source="NICE CKS vaginal discharge",
        ),
        Criterion(
            "testicle_lump",
            "within_2_weeks",
            "A painless lump, swelling or change in shape or firmness of a testicle",
            patterns=(
                rf"(?:lump|bump|hard\s+(?:spot|bit)|mass|nodule){gap(3)}(?:in|on)\s+(?:{PRON}\s+)?(?:left\s+|right\s+)?{TESTICLE}\b",
                r"(?:testicular|scrotal)\s+(?:lump|mass|nodule)\b",
                rf"{TESTICLE}{gap(2)}(?:feels?\s+)?(?:harder|bigger|larger|heavier|different|changed\s+shape)\b",
            ),
            source="NICE NG12",
        ),
        Criterion(
            "postmenopausal_bleeding",
            "within_2_weeks",
            "Vaginal bleeding after the menopause (suspected-cancer referral at 55 or over)",
            patterns=(
                r"(?:post[\s-]?menopausal|pmb)\s+bleed\w*\b",
                rf"(?:bleeding|spotting|blood){gap(4)}(?:after|since|past)\s+(?:the\s+|my\s+)?menopause\b",
                rf"(?:menopause|periods\s+stopped){gap(6)}(?:bleeding|spotting|period\s+came\s+back)\b",
            ),
            source="NICE NG12",
        ),
        Criterion(
            "genital_warts",
            "within_2_weeks",
            "Genital warts",
            patterns=(
                r"(?:genital|vaginal|penile|anal)\s+warts?\b",
                rf"warts?{S}(?:on|around){S}(?:{PRON}{S})?(?:penis|vagina|vulva|genitals|anus|bottom)\b",
            ),
            source="BASHH",
        ),
        Criterion(
            "sti_check",
            "within_2_weeks",
            "Wants an STI check without symptoms, or a partner has an STI",
            patterns=(
                r"(?:get|getting|be|being)\s+(?:tested|checked|screened)\s+(?:for\s+)?(?:stis?|stds?|std|sti|chlamydia|gonorrh\w*|hiv|everything)\b",
                r"(?:sti|std|sexual\s+health)\s+(?:test|testing|check|screen\w*)\b",
                rf"(?:partner|boyfriend|girlfriend|husband|wife|ex){gap(3)}(?:has|had|tested\s+positive\s+for|gave\s+me)\s+(?:a\s+)?(?:stis?|stds?|chlamydia|gonorrh\w*|trich\w*|herpes|syphilis)\b",
                r"(?:worried|scared|afraid|concerned)\s+(?:i\s+(?:have|might\s+have|got|caught)\s+)?(?:an?\s+)?(?:stis?|stds?|chlamydia|gonorrh\w*)\b",
                r"unprotected\s+sex\b",
            ),
            source="BASHH",
        ),
        Criterion(
            "recurrent_thrush",
            "self_care",
            "A recurrence of known thrush, same symptoms as before, not pregnant, no other symptoms",
            patterns=(
                r"(?:thrush|yeast\s+infection)\s+(?:again|is\s+back|came\s+back|has\s+come\s+back)\b",
                r"(?:another|usual|my\s+usual)\s+(?:thrush|yeast\s+infection)\b",
                r"(?:i\s+)?(?:get|had|have)\s+(?:them|thrush|yeast\s+infections?)\s+(?:a\s+lot|often|all\s+the\s+time|regularly|before)\b",
                r"(?:same|just\s+like|like)\s+(?:as\s+)?(?:before|last\s+time|my\s+usual)\b",
            ),
            also=(r"thrush|yeast|candida|itch\w*|cottage|discharge",),
            # treatment that has not worked, or recurrences (4+ a year), need a clinician (NICE CKS)
            unless=(
                r"(?:not|isn'?t|hasn'?t|didn'?t|did\s+not|has\s+not|is\s+not)\s+(?:\w+\s+)?(?:better|work\w*|help\w*|clear\w*|gone|going\s+away|improv\w*)|still\s+(?:there|itchy|have|got)|keeps?\s+coming\s+back|[4-9]\s+times|every\s+month",
            ),
            when=lambda f: not f.pregnant and not f.is_child,
            source="NICE CKS vaginal discharge",
        ),
    ),
    default_unless=(r"conjunctiv\w*|eyes?|eyelids?|lashes|rhinorr\w*|nasal|nose|ears?|nipples?",),
    home_care=(
        "For a recurrence of known thrush: a pharmacy antifungal (clotrimazole pessary or cream, or fluconazole if not "
        "pregnant), wash with water or an emollient instead of soap, avoid perfumed products and tight clothing. See a "
        "clinician if it has not cleared in 7-14 days, keeps coming back (4 or more times a year), or with a new smell, "
        "colour, sores, pelvic pain or fever; call 911 for sudden severe testicle pain."
    ),
    advice={
        "emergency": "Advise the emergency department now (sudden testicular pain: possible torsion, surgery needed within "
        "hours; priapism; heavy bleeding).",
        "same_day": "Arrange a same-day assessment (sexual health clinic or clinician); time-limited treatment may be needed.",
        "within_3_days": "Offer an appointment or sexual health clinic visit within 3 days (swabs and treatment).",
        "within_2_weeks": "Offer a routine appointment or sexual health clinic within 2 weeks (testicular lump or "
        "post-menopausal bleeding: suspected-cancer referral).",
    },
)
