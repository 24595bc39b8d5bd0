"""Headache (NICE CG150 red flags for secondary headache; NICE NG232 head injury; NICE CKS giant
cell arteritis and pre-eclampsia; NHS 111 headaches).

911 for a thunderclap headache (sudden, severe, the worst ever: the red-flag "severe_headache"
wording), headache with fever and a stiff neck or a rash, with new neurological symptoms
(weakness, slurred speech, confusion, double vision, a seizure, fainting), after a head injury,
in pregnancy or after a birth with a raised BP, swelling or vision change, with a BP of 180/120 or
more, with a red painful eye and haloes (acute glaucoma), or with others in the house unwell
(carbon monoxide). Seen today: headache that is worsening with vomiting, new headache in
pregnancy, with fever, in someone immunosuppressed or with cancer, triggered by coughing or
exertion, or new in a person over 50 with jaw pain on chewing or a tender scalp (giant cell
arteritis). Headache getting worse over weeks, or painkillers most days, within 2 weeks. A
typical tension headache or the person's usual migraine is self-care.
"""

from triage.protocols.schema import Criterion, Protocol
from triage.protocols.sources import NHS_111, NICE_CG150, NICE_CKS, NICE_NG232
from triage.protocols.words import FEVER_ANY, HEADACHE, PAIN, PRON, SEVERE, VOMIT, S, gap, rule_patterns

HEAD_PAIN = (
    HEADACHE,
    rf"head{S}(?:is\s+|feels\s+(?:like\s+it'?s\s+)?)?(?:pounding|throbbing|splitting|killing\s+me|exploding|{PAIN})\b",
    rf"(?:pain|pains|ache|aching|pressure|pounding|throbbing)\s+(?:in|at|behind|on)\s+(?:{PRON}\s+|the\s+)?(?:head|temples?|forehead|back\s+of\s+(?:my\s+|his\s+|her\s+|the\s+)?head)\b",
    r"(?:cephalgia|cephalalgia)\b",
    r"(?:my|his|her)\s+(?:usual\s+|normal\s+|typical\s+)?migraines?\b",
)
HA = r"(?:head\s?a[ckh]\w*|hea\w{0,2}che|hed\w?a?che|migraine|head\s+(?:pain|hurts?|is\s+(?:pounding|killing|splitting|throbbing)))"
THUNDERCLAP = (
    *rule_patterns("severe_headache"),
    rf"{HA}{gap(6)}(?:came\s+on|started|hit|began){gap(2)}(?:all\s+at\s+once|out\s+of\s+nowhere|like\s+a\s+(?:thunderclap|bomb|bang|bolt|gunshot)|instantly|in\s+(?:a\s+)?(?:second|seconds|an\s+instant|a\s+split\s+second))",
    rf"(?:like|as\s+if){S}(?:i'?d?\s+(?:was|been|got)\s+|(?:he|she)\s+(?:was|had\s+been)\s+)?(?:hit|struck|kicked|smacked){S}(?:in|on){S}(?:the{S})?(?:back\s+of{S}(?:{PRON}{S}|the{S})?)?head\b",
    rf"(?:worst|most\s+painful|worse\s+than\s+any){gap(2)}(?:{HA}|pain){gap(4)}(?:life|ever|had|before)\b",
    rf"(?:explosive|exploding|thunderclap|sudden[\s-]onset\s+(?:severe\s+)?){S}?(?:[a-z]+\s+)?{HA}",
    rf"{HA}{gap(3)}(?:maximal|max|maximum|peak\w*|worst|at\s+(?:its\s+)?worst)\s+(?:intensity\s+)?(?:at|from|within\s+(?:a\s+)?(?:minute|seconds)\s+of)\s+onset\b",
    rf"{HA}{gap(3)}(?:peaked|maxed|reached\s+(?:its\s+)?(?:peak|max\w*)|at\s+its\s+worst)\s+(?:with)?in\s+(?:a\s+)?(?:seconds|minute|minutes|\d+\s+min\w*|one\s+minute|five\s+minutes)\b",
    r"subarachnoid\b",
    r"(?-i:SAH)\b",
)
NECK = r"stiff\s+neck|neck\s+(?:is\s+|feels\s+)?(?:stiff|rigid)|neck\s+stiffness|can'?t\s+(?:bend|touch|move)\s+(?:(?:his|her|my)\s+)?(?:chin|neck|head)|meningism\w*|nuchal\s+rigidity|(?:kernig|brudzinski)\w*|photophobi\w*|(?:light|bright\s+lights?)\s+hurts?\s+(?:(?:his|her|my)\s+)?eyes|hates?\s+(?:the\s+)?light"
RASH = r"(?:non[\s-]?blanching|purpuric|petechial)\s+rash|rash\s+(?:that\s+)?(?:doesn'?t|does\s+not|won'?t)\s+(?:fade|blanch|go\s+away\s+(?:when|with|under))|purpura|petechiae|spots\s+(?:that\s+)?(?:don'?t|do\s+not)\s+fade|(?:tumbler|glass)\s+test"
FEVER = "|".join(FEVER_ANY) + r"|fever\w*|febrile|temperature|(?-i:T)\s*(?:3[89]|4[01]|10[0-5])"
NEURO = (
    r"(?:weak\w*|numb\w*|tingl\w*)\s+(?:on\s+one\s+side|down\s+one\s+side|in\s+(?:my|his|her|one)\s+(?:arm|leg|face|hand))"
    r"|(?:left|right|one)\s+(?:arm|leg|side|hand)\s+(?:is\s+|went\s+|feels\s+)?(?:weak|numb|heavy|dead)"
    r"|slurr\w*|trouble\s+(?:speaking|talking|finding\s+words)|can'?t\s+(?:speak|talk|find\s+(?:the\s+)?words)|(?:face|mouth)\s+(?:is\s+)?droop\w*|facial\s+droop"
    r"|confus\w*|disorient\w*|not\s+making\s+sense|drowsy|hard\s+to\s+wake|can'?t\s+(?:wake|stay\s+awake)|lethargic|unresponsive"
    r"|double\s+vision|seeing\s+double|(?:lost|loss\s+of|losing)\s+(?:(?:my|his|her|the)\s+)?(?:vision|sight)|(?:went|gone|going)\s+blind|can'?t\s+see"
    r"|seiz\w*|convuls\w*|fainted|passed\s+out|blacked\s+out|collapsed"
    r"|(?:personality|behaviou?r)\s+(?:change|changed|is\s+different)|(?:lost|losing|loss\s+of)\s+(?:(?:my|his|her)\s+)?balance|can'?t\s+walk\s+straight"
    r"|(?:pupils?|one\s+pupil)\s+(?:is\s+|are\s+)?(?:unequal|bigger|larger|different|dilated|blown)"
)
HEAD_INJURY = (
    r"(?:hit|hitting|bumped|banged|smacked|struck|slammed|whacked|cracked)\s+(?:\w+\s+){0,2}?head\b|head\s+(?:injury|injuries|trauma|knock|bump)\b"
    r"|(?:concussion|concussed|concusion)\b|(?-i:TBI)\b|fell\s+(?:\w+\s+){0,4}?(?:on|onto|hit|hitting|landed\s+on)\s+(?:my\s+|his\s+|her\s+|the\s+)?head\b"
    r"|car\s+(?:accident|crash)|(?-i:MVA|MVC|RTA)\b"
)
PRE_ECLAMPSIA = (
    r"(?:seeing\s+(?:spots|stars|flashing\s+lights)|spots\s+in\s+(?:my\s+)?vision|flashing\s+lights|blurr(?:y|ed)\s+vision|vision\s+(?:changes|problems|is\s+blurry))"
    r"|(?:face|hands|feet|fingers)\s+(?:and\s+(?:hands|face|feet|ankles)\s+)?(?:are\s+|is\s+|have\s+)?(?:suddenly\s+)?(?:swollen|swelling|puffy|swelled)"
    r"|(?:sudden\s+)?swelling\s+(?:of|in)\s+(?:my\s+)?(?:face|hands|feet)"
    r"|pain\s+(?:under|below)\s+(?:my\s+)?(?:right\s+)?ribs|(?:upper\s+)?(?:right\s+)?(?:upper\s+)?(?:abdominal|stomach|tummy|epigastric)\s+pain"
    r"|(?:pre[\s-]?eclampsia|preeclampsia|toxa?emia)|protein\s+in\s+(?:my\s+)?urine|(?:vomit\w*|throwing\s+up)"
)
WORSENING = r"(?:getting|gets|got|getting\s+steadily|keeps\s+getting)\s+(?:worse|worse\s+and\s+worse|more\s+severe|stronger)|worsening|progressive\w*|increasing(?:ly)?\s+(?:severe|bad)|escalating"
GCA = (
    rf"(?:jaw|jaws|chin){S}(?:pain|ache|aching|hurts?|cramp\w*|tired|tires|fatigue|claudication){gap(3)}(?:when|while|on|with|after)\s+(?:i\s+|he\s+|she\s+)?(?:chew\w*|eat\w*|talk\w*)",
    rf"(?:chewing|eating|talking){S}(?:makes\s+|causes\s+|hurts\s+)?(?:my\s+|his\s+|her\s+)?(?:jaw|jaws)\b",
    r"jaw\s+claudication\b",
    rf"(?:scalp|temple|temples|temporal\s+artery|head){S}(?:is\s+|are\s+|feels?\s+)?(?:very\s+|really\s+|so\s+)?(?:tender|sore\s+to\s+touch|painful\s+to\s+touch|hurts?\s+to\s+touch|sensitive)\b",
    r"(?:hurts?|painful|sore)\s+(?:to\s+)?(?:brush|comb|touch|wash)\w*\s+(?:my\s+|his\s+|her\s+)?(?:hair|scalp|head)\b",
    r"(?:tender|sore|painful|swollen|thick(?:ened)?)\s+(?:\w+\s+)?(?:scalp|temples?|temporal\s+arter(?:y|ies))\b",
    r"(?:scalp|temple|temporal)\s+(?:tenderness|soreness)\b",
    r"(?:(?:giant\s+cell|temporal)\s+arteritis|polymyalgia)\b",
    r"(?-i:GCA|PMR)\b",
)
USUAL = (
    r"(?:my|his|her|the|a|one\s+of\s+my|one\s+of\s+(?:his|her))\s+(?:usual|normal|typical|regular|same\s+old)\s+(?:\w+\s+)?(?:migraines?|head\s?aches?|tension\s+head\s?aches?)\b",
    r"(?:migraines?|head\s?aches?)\s+(?:like|same\s+as)\s+(?:i\s+|he\s+|she\s+)?(?:always|usually|normally)\s+(?:get|gets|have|has)\b",
    r"(?:tension|stress|sinus|hangover|dehydration|caffeine\s+withdrawal|screen)(?:[\s-]type)?\s+head\s?aches?\b",
    r"(?:mild|slight|little|small|dull|minor)\s+(?:\w+\s+)?head\s?aches?\b",
    rf"{HA}{gap(6)}(?:from|after|because\s+of)\s+(?:not\s+(?:sleeping|eating|drinking)|too\s+much\s+(?:screen|coffee|wine|alcohol)|staring\s+at|being\s+on\s+(?:my\s+)?(?:phone|computer|screen)|stress|a\s+(?:long\s+)?day|drinking|a\s+hangover|hangover|dehydration|skipping)",
)

# NHS.uk carbon monoxide poisoning: symptoms that ease away from home, others in the home (pets
# too) unwell, an appliance burning gas, oil, coal or wood; two clues together send to 911
CO_AWAY = (
    r"(?:better|improves?|improving|eases?|goes\s+away|clears?\s+up)\s+(?:when|if|once)\s+(?:we|i|he|she|they)\s+(?:go|get|went|are|am|is|leave|left)\s+(?:out|outside|away|to\s+work|to\s+school)\b",
    r"worse\s+(?:at|in\s+the)\s+(?:home|house|flat|apartment|cabin|caravan)\b",
)
CO_SOURCE = (
    r"(?:gas|old|faulty|broken|kerosene|paraffin|propane|wood)\s+(?:heater|boiler|fire|stove|furnace|water\s+heater|appliance|burner)\b"
    r"|(?:generator|charcoal\s+grill|barbecue|bbq)\s+(?:indoors|inside|in\s+the\s+(?:garage|house|tent))\b"
)
CO_OTHERS = (
    r"(?:everyone|all\s+of\s+us|the\s+whole\s+family|we\s+all|(?:have|has|had)\s+all\s+(?:had|got)"
    r"|(?:kids|children|husband|wife|partner|family|flatmates?|roommates?)\s+(?:\w+\s+){0,3}(?:too|as\s+well|also)"
    r"|(?:cat|dog|pets?)\s+(?:is\s+|are\s+|has\s+been\s+)?(?:sleeping\s+(?:a\s+lot|loads|all\s+day)|sleepy|lethargic|unwell|sick|drowsy))\b"
)
CO_SYMPTOM = rf"{HA}|dizz\w*|nause\w*|feeling\s+sick|feel\s+sick|vomit\w*|drows\w*|confus\w*"

PROTOCOL = Protocol(
    name="headache",
    title="Headache",
    sources=(NICE_CG150, NICE_NG232, NICE_CKS, NHS_111),
    complaint=HEAD_PAIN,
    default="self_care",
    criteria=(
        Criterion(
            "thunderclap",
            "emergency",
            "Thunderclap headache: sudden and severe, the worst ever, peaking within minutes",
            patterns=THUNDERCLAP,
            source="NICE CG150",
        ),
        Criterion(
            "sudden_severe",
            "emergency",
            "Severe headache that came on suddenly",
            patterns=(rf"{SEVERE}{gap(2)}{HA}", rf"{HA}{gap(3)}(?:is\s+|so\s+)?{SEVERE}\b"),
            when=lambda f: f.onset_sudden,
            source="NICE CG150",
        ),
        Criterion(
            "fever_neck_or_rash",
            "emergency",
            "Headache with fever and a stiff neck, dislike of light, or a rash that does not fade",
            patterns=HEAD_PAIN,
            also=(FEVER, NECK + "|" + RASH),
            source="NICE CG150",
        ),
        Criterion(
            "neck_stiffness_or_rash",
            "emergency",
            "Headache with a stiff neck or a non-blanching rash",
            patterns=HEAD_PAIN,
            also=(
                r"stiff\s+neck|neck\s+(?:is\s+|feels\s+)?(?:stiff|rigid)|neck\s+stiffness|meningism\w*|nuchal\s+rigidity|"
                + RASH,
            ),
            source="NICE CG150",
        ),
        Criterion(
            "neuro_deficit",
            "emergency",
            "Headache with new weakness, numbness, slurred speech, confusion, double or lost vision, a seizure or fainting",
            patterns=HEAD_PAIN,
            also=(NEURO,),
            source="NICE CG150",
        ),
        Criterion(
            "after_head_injury",
            "emergency",
            "Headache after a head injury (NICE NG232: persistent headache since the injury)",
            patterns=HEAD_PAIN,
            also=(HEAD_INJURY,),
            source="NICE NG232",
        ),
        Criterion(
            "pregnancy_pre_eclampsia",
            "emergency",
            "Headache in pregnancy or after a birth with BP 140/90 or more, vision change, sudden swelling or upper abdominal pain",
            patterns=HEAD_PAIN,
            when=lambda f: (
                (f.pregnant or f.postpartum)
                and ((f.systolic is not None and f.systolic >= 140) or (f.diastolic is not None and f.diastolic >= 90))
            ),
            source="NICE CKS",
            shows=("blood_pressure",),
        ),
        Criterion(
            "pregnancy_headache_symptoms",
            "emergency",
            "Headache in pregnancy or after a birth with vision change, sudden swelling of face or hands, or pain under the ribs",
            patterns=HEAD_PAIN,
            when=lambda f: f.pregnant or f.postpartum,
            also=(PRE_ECLAMPSIA,),
            source="NICE CKS",
        ),
        Criterion(
            "hypertensive",
            "emergency",
            "Headache with blood pressure 180/120 or higher",
            patterns=HEAD_PAIN,
            when=lambda f: (
                (f.systolic is not None and f.systolic >= 180) or (f.diastolic is not None and f.diastolic >= 120)
            ),
            source="NICE CKS",
            shows=("blood_pressure",),
        ),
        Criterion(
            "acute_glaucoma",
            "emergency",
            "Headache with a red, painful eye, blurred vision or haloes around lights (acute angle-closure glaucoma)",
            patterns=HEAD_PAIN,
            also=(
                r"(?:halos?|haloes|rainbow\s+(?:circles|rings))\s+(?:around|round)\s+(?:the\s+)?lights|(?:red|painful)\s+and\s+(?:red|painful)\s+eye|eye\s+(?:is\s+)?(?:red\s+and\s+painful|painful\s+and\s+red)|acute\s+(?:angle[\s-]closure\s+)?glaucoma",
            ),
            source="NICE CG150",
        ),
        Criterion(
            "carbon_monoxide",
            "emergency",
            "Headache with others in the home unwell, a CO alarm sounding, or a faulty boiler/heater (carbon monoxide)",
            patterns=(
                r"(?:carbon\s+monoxide|co\s+(?:alarm|detector|poisoning))\b",
                rf"(?:everyone|all\s+of\s+us|the\s+whole\s+family|we\s+all|the\s+kids\s+and\s+i|my\s+(?:wife|husband|partner)\s+and\s+i){gap(3)}(?:ha(?:ve|s|d)|got|getting|with){gap(2)}{HA}",
                rf"(?:have|has|had|we'?ve|they'?ve)\s+all\s+(?:had|got|been\s+(?:having|getting)){gap(2)}{HA}",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "carbon_monoxide_pattern",
            "emergency",
            "Headache, dizziness or sickness that eases away from home, with a gas heater, boiler or stove in use or others at home unwell (carbon monoxide)",
            patterns=CO_AWAY,
            also=(CO_SYMPTOM, CO_SOURCE + "|" + CO_OTHERS),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "carbon_monoxide_source",
            "emergency",
            "Headache, dizziness or sickness in several people (or pets) at home since a gas heater, boiler, stove or generator was used (carbon monoxide)",
            patterns=(CO_SOURCE,),
            also=(CO_SYMPTOM, CO_OTHERS),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "sudden_onset",
            "same_day",
            "Headache that came on suddenly, not described as severe (ask: did it peak within 5 minutes?)",
            patterns=HEAD_PAIN,
            when=lambda f: f.onset_sudden,
            source="NICE CG150",
        ),
        Criterion(
            "worsening_with_vomiting",
            "same_day",
            "Headache getting worse with vomiting, or worse on waking / lying down (raised pressure)",
            patterns=HEAD_PAIN,
            also=(
                VOMIT + r"|vomit\w*|throwing\s+up|threw\s+up|puk\w*|emesis",
                WORSENING
                + r"|worse\s+(?:in\s+the\s+morning|when\s+(?:i\s+)?(?:lie|lying|cough|bend|strain)|on\s+waking)|wakes?\s+(?:me|him|her)\s+(?:up\s+)?(?:from|at\s+night|in\s+the\s+night)",
            ),
            source="NICE CG150",
        ),
        Criterion(
            "with_fever",
            "same_day",
            "Headache with a fever (no stiff neck or rash)",
            patterns=HEAD_PAIN,
            also=(FEVER,),
            # a temperature given and below 38 C is no fever ("temperature 36.8")
            when=lambda f: f.temp_c is None or f.temp_c >= 38,
            source="NICE CG150",
        ),
        Criterion(
            "pregnancy_postpartum",
            "same_day",
            "New headache in pregnancy or after a birth (check BP and urine today)",
            patterns=HEAD_PAIN,
            when=lambda f: f.pregnant or f.postpartum,
            unless=(r"(?:my|her)\s+(?:usual|normal|typical)\s+(?:migraine|headache)",),
            source="NICE CKS",
        ),
        Criterion(
            "immunosuppressed_or_cancer",
            "same_day",
            "New headache in someone immunosuppressed or with a cancer that can spread to the brain",
            patterns=HEAD_PAIN,
            when=lambda f: f.immunosuppressed,
            source="NICE CG150",
        ),
        Criterion(
            "cancer_history",
            "same_day",
            "New headache with a history of cancer",
            patterns=HEAD_PAIN,
            also=(
                r"(?:breast|lung|skin|kidney|bowel|colon)\s+cancer|melanoma|cancer\s+(?:survivor|patient)|(?:had|have|has|with|history\s+of|hx\s+of)\s+(?:a\s+)?(?:cancer|tumou?r|malignancy)",
            ),
            source="NICE CG150",
        ),
        Criterion(
            "triggered_by_exertion",
            "same_day",
            "Headache brought on by coughing, straining, exercise or sex, or worse standing up",
            patterns=(
                rf"{HA}{gap(5)}(?:when|whenever|every\s+time|after|during|with)\s+(?:i\s+|he\s+|she\s+)?(?:cough\w*|sneez\w*|strain\w*|exercis\w*|work(?:ing)?\s+out|lift\w*|sex|orgasm|climax\w*|bend\w*\s+over)",
                rf"(?:cough\w*|sneez\w*|straining|exercise|exertion|sex|orgasm){gap(3)}(?:gives?|brings?\s+on|triggers?|causes?)\s+(?:me\s+|him\s+|her\s+)?(?:a\s+)?{HA}",
                r"(?:exertional|cough|coital|orgasmic)\s+head\s?aches?\b",
                rf"{HA}{gap(4)}(?:worse|better)\s+(?:when\s+(?:i\s+)?)?(?:standing|stand|sitting\s+up|lying\s+down|lie\s+down)\b",
            ),
            source="NICE CG150",
        ),
        Criterion(
            "giant_cell_arteritis",
            "same_day",
            "New headache over 50 with jaw pain on chewing, a tender scalp or temple, or aching shoulders (giant cell arteritis)",
            patterns=GCA,
            when=lambda f: f.age_years is None or f.age_years >= 50,
            also=("|".join(HEAD_PAIN) + r"|temple|temples|scalp",),
            source="NICE CKS",
        ),
        Criterion(
            "progressive_weeks",
            "within_2_weeks",
            "Headaches getting worse or more frequent over weeks, or a new daily headache for weeks",
            patterns=(
                rf"{HA}{gap(4)}(?:getting|have\s+been\s+getting|been\s+getting|are\s+getting|keep\s+getting)\s+(?:worse|more\s+frequent|more\s+often|more\s+common|stronger)\b",
                rf"(?:more\s+(?:and\s+more\s+)?(?:frequent|often)|worsening|daily|every\s+day|constant|persistent|new\s+daily){S}{HA}",
                rf"{HA}{gap(4)}(?:every\s+(?:day|morning|single\s+day)|daily|most\s+days|for\s+(?:weeks|months|the\s+past\s+(?:few\s+)?(?:weeks|months)))\b",
                r"change\s+in\s+(?:(?:my|his|her|the)\s+)?(?:headaches?|migraines?)\b",
            ),
            source="NICE CG150",
        ),
        Criterion(
            "medication_overuse",
            "within_2_weeks",
            "Painkillers or triptans on most days for headaches (possible medication-overuse headache)",
            patterns=(
                rf"(?:taking|take|takes|took|using|need|needing){S}(?:\w+{S}){{0,4}}?(?:painkillers?|pain\s+killers?|tylenol|paracetamol|acetaminophen|ibuprofen|advil|excedrin|triptans?|sumatriptan|aspirin|pills){gap(4)}(?:every\s+day|daily|most\s+days|\d+\s+days\s+a\s+week|every\s+other\s+day|all\s+the\s+time)\b",
                r"(?:(?:medication|rebound|analgesic)[\s-]overuse\s+head\s?aches?|rebound\s+head\s?aches?)\b",
            ),
            source="NICE CG150",
        ),
        Criterion(
            "long_headache",
            "within_3_days",
            "Headache that has lasted more than 3 days despite painkillers",
            patterns=HEAD_PAIN,
            when=lambda f: f.duration_days is not None and 3 <= f.duration_days < 14,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "typical_headache",
            "self_care",
            "The person's usual migraine or a tension-type headache, no red flags",
            patterns=USUAL,
            source="NICE CG150",
        ),
    ),
    home_care=(
        "Rest, drink fluids, take paracetamol or ibuprofen (or your usual migraine treatment, such as a triptan, early in the attack); "
        "lie down in a dark quiet room for a migraine; avoid painkillers on more than 2-3 days a week. Call back if it is not better "
        "in 3 days, keeps coming back or gets worse; call 911 for a sudden severe headache, a stiff neck with fever or a rash, "
        "weakness, confusion or trouble speaking."
    ),
    advice={
        "emergency": "Advise 911 / emergency department now (possible bleed, meningitis, stroke or other serious cause of headache).",
        "same_day": "Call the patient back today: same-day assessment of the headache (check BP, temperature, neurology).",
        "within_2_weeks": "Offer a routine appointment within 2 weeks (headache diary, review painkiller use).",
    },
)
