"""Stroke, TIA and new neurological symptoms (BE-FAST; NICE NG128 stroke and TIA; NHS 111 sudden
confusion; NICE CKS).

BE-FAST signs go to 911 whether or not they have gone (a TIA that resolved is an emergency too,
so the criteria are not "resolvable"): Balance lost suddenly, Eyes (sudden double vision or loss of
vision), Face drooping, Arm or leg weak or numb on one side, Speech slurred or muddled, Time. The
red-flag "stroke" wording is reused; new or sudden confusion is an emergency (NHS: "go to A&E or
call 999 if someone suddenly becomes confused"). Someone "not themselves" or acting strangely
without stated confusion, and numbness of a limb or the face without other signs, not sudden, are
seen today; tingling or pins and needles in the hands or feet, and memory
getting worse over months, within 2 weeks.
"""

from triage.protocols.schema import Criterion, Protocol
from triage.protocols.sources import BE_FAST, NHS_111, NICE_CKS
from triage.protocols.words import PRON, S, gap, rule_patterns

ONE_SIDE_LIMB = r"(?:(?:left|right|l|r)\s+(?:arm|leg|hand|foot|side|face|cheek)|(?:arm|leg|hand|face)\s+on\s+(?:the\s+|my\s+|his\s+|her\s+)?(?:left|right|one)\s+side|one\s+(?:arm|leg|side))"
WEAK = r"(?:weak|weakness|numb|numbness|heavy|dead|limp|floppy|useless|paraly[sz]ed|droopy|drooping|clumsy)"
BEFAST_EXTRA = (
    # Arm / leg
    rf"{ONE_SIDE_LIMB}{S}(?:is\s+|went\s+|feels?\s+|has\s+gone\s+|suddenly\s+|got\s+|became\s+|going\s+|keeps\s+going\s+)*(?:all\s+|really\s+|very\s+|completely\s+)?{WEAK}\b",
    rf"(?:weakness|numbness|heaviness|paralysis)\s+(?:in|of|on)\s+(?:{PRON}\s+)?{ONE_SIDE_LIMB}\b",
    r"(?:left|right|l|r)[\s-]+sided\s+(?:weakness|numbness|paralysis|facial\s+droop|droop)\b",
    r"(?:hemipare(?:sis|tic)|hemipleg(?:ia|ic)|pronator\s+drift|arm\s+drift|facial\s+(?:palsy|weakness|asymmetry))\b",
    rf"(?:can'?t|cannot|unable\s+to|couldn'?t){S}(?:lift|raise|move|grip\s+with|use|feel){S}(?:{PRON}{S})?(?:(?:left|right){S})?(?:arm|arms|leg|hand)\b",
    rf"(?:dropping|dropped|drops)\s+(?:things|everything|stuff|(?:his|her|my)\s+(?:cup|phone|fork))(?:{gap(3)}(?:left|right)\s+hand)?",
    rf"(?:arm|leg|hand){S}(?:just\s+)?(?:gave\s+way|gave\s+out|stopped\s+working|won'?t\s+(?:work|move))\b",
    # Speech
    r"(?:aphasi\w*|dysarthri\w*|dysphasi\w*|expressive\s+aphasia|receptive\s+aphasia|word[\s-]finding\s+(?:difficult\w*|problems?|trouble))\b",
    rf"(?:speech|talking|words){S}(?:is\s+|was\s+|are\s+|were\s+|has\s+been\s+|became\s+|got\s+)?(?:garbled|jumbled|muddled|slow\s+and\s+slurr\w*|thick|off|strange|weird|nonsense)\b",
    rf"(?:can'?t|cannot|couldn'?t|unable\s+to|trouble|difficulty){S}(?:understand(?:ing)?{S}(?:what\s+)?(?:people|anyone|me|us|we)|get(?:ting)?{S}(?:{PRON}{S})?words?\s+out|say(?:ing)?\s+what\s+(?:he|she|i)\s+means?)\b",
    # Balance (sudden) and Eyes (sudden)
    rf"sudden(?:ly)?{gap(3)}(?:lost\s+(?:{PRON}\s+)?balance|loss\s+of\s+(?:balance|coordination)|off\s+balance|unsteady|can'?t\s+(?:walk|stand)|couldn'?t\s+(?:walk|stand)|falling\s+to\s+one\s+side|veering|staggering|uncoordinated|clumsy)\b",
    rf"sudden(?:ly)?{gap(3)}(?:double\s+vision|seeing\s+double|blurr(?:ed|y)\s+vision|loss\s+of\s+vision|vision\s+loss|lost\s+(?:{PRON}\s+)?vision|can'?t\s+see|half\s+(?:of\s+)?(?:my|his|her)\s+vision)\b",
    rf"(?:double\s+vision|seeing\s+double){gap(4)}(?:slurr\w*|droop\w*|weak\w*|numb\w*|can'?t\s+walk|off\s+balance)",
    rf"(?:vision|sight){S}(?:in\s+(?:one|my\s+(?:left|right)|his\s+(?:left|right)|her\s+(?:left|right))\s+eye\s+)?(?:went|goes|going|gone)\s+(?:black|dark|grey|gray|blank)\b",
    r"(?:curtain|shade|shadow)\s+(?:came\s+)?(?:down\s+)?over\s+(?:one|my|his|her)\s+(?:eye|vision)\b",
    r"amaurosis\s+fugax\b",
    # Face
    r"(?:face|smile|mouth|eyelid)\s+(?:on\s+one\s+side\s+)?(?:is\s+|looks\s+|went\s+|seems\s+)?(?:droop\w*|sagg\w*|lopsided|crooked|uneven|twisted)\b",
    rf"(?:drooling|dribbling)\s+(?:from|out\s+of)\s+(?:one|the)\s+side\s+of\s+(?:{PRON}\s+)?mouth\b",
    rf"(?:can'?t|cannot|unable\s+to){S}smile\s+(?:properly|on\s+one\s+side)\b",
    # clinical shorthand
    r"(?:acute\s+)?(?:focal\s+)?neuro(?:logical)?\s+deficits?\b",
    r"(?:code\s+stroke|stroke\s+alert|cerebrovascular\s+accident|transient\s+ischa?emic\s+attack)\b",
    r"(?-i:FAST|BEFAST|BE-FAST)\s+(?i:positive|\+)",
)
CONFUSED = (
    r"confus\w*\b(?!\s+(?:about|by|as\s+to|with\s+(?:the|my|your)|why|what|how|whether|if|on|regarding|over))",
    r"disorient\w*",
    r"(?:delirium|delirious)\b",
    r"altered\s+mental\s+status\b",
    r"(?-i:AMS)\b",
    rf"(?:doesn'?t|does\s+not|didn'?t|can'?t){S}(?:know|remember|recogni[sz]e){S}(?:what\s+(?:day|year)|where\s+(?:he|she|they|i)\s+(?:is|are|am|was)|who\s+(?:i|we)\s+(?:am|are)|(?:his|her|my)\s+own\s+name)\b",
)
# a change in behaviour without stated confusion: seen today (possible delirium)
BEHAVIOUR = (
    r"(?:not|isn'?t|wasn'?t)\s+(?:acting\s+like\s+)?(?:himself|herself|themselves|myself)\b",
    r"(?:acting|behaving)\s+(?:really\s+|very\s+|so\s+)?(?:strange|strangely|weird|weirdly|odd|oddly|off|out\s+of\s+character|bizarre|bizarrely)\b",
)
GRADUAL = (
    r"(?:increasingly|more\s+and\s+more|getting\s+more|becoming\s+more|gradually\s+(?:more\s+)?)\s*(?:forgetful|confused|muddled)\b"
    r"|(?:memory|forgetful\w*)\s+(?:\w+\s+){0,2}(?:getting\s+worse|worsening|declin\w*|going|slipping)\b"
    r"|(?:over|for)\s+(?:the\s+)?(?:past\s+|last\s+)?(?:few\s+|several\s+|\d+\s+)?(?:months|years)\b|dementia|alzheimer\w*"
)
NUMB_PART = r"(?:arm|arms|leg|legs|hand|face|cheek|lip|lips|tongue|side\s+of\s+(?:my|his|her|the)\s+(?:face|body))"
NUMBNESS = (
    rf"{NUMB_PART}{S}(?:is\s+|are\s+|feels?\s+|has\s+been\s+|have\s+been\s+|went\s+|gone\s+|going\s+|keeps\s+going\s+|got\s+)*(?:a\s+bit\s+|a\s+little\s+|slightly\s+|kind\s+of\s+|really\s+)?(?:numb|dead|without\s+feeling)\b",
    rf"numb(?:ness)?{S}(?:in|of|on|down){S}(?:{PRON}{S})?(?:(?:left|right|whole){S})?{NUMB_PART}\b",
    rf"(?:lost|loss\s+of|no){S}(?:feeling|sensation){S}in{S}(?:{PRON}{S})?(?:(?:left|right){S})?{NUMB_PART}\b",
)
TINGLING = (
    r"(?:tingl\w*|pins\s+and\s+needles|prickl\w*|burning\s+feet|paraesthesi\w*|paresthesi\w*)",
    rf"(?:hands?|fingers|feet|foot|toes|arms?|legs?){S}(?:keep\s+|keeps\s+)?(?:falling|fall|fell|going)\s+asleep\b",
    rf"(?:fingers|toes|feet|foot|fingertips|pinky|thumb|both\s+hands|hands){S}(?:are\s+|is\s+|feel\s+|feels\s+|have\s+been\s+|go\s+|get\s+|going\s+)*(?:a\s+bit\s+|a\s+little\s+|slightly\s+)?(?:numb|tingly|tingling)\b",
    rf"numb(?:ness)?{S}(?:in|of){S}(?:{PRON}{S})?(?:(?:left|right|both){S})?(?:fingers|toes|feet|foot|fingertips|pinky|thumb)\b",
    r"(?:carpal\s+tunnel|neuropathy)\b",
)

PROTOCOL = Protocol(
    name="stroke",
    title="Stroke, TIA or new neurological symptoms",
    sources=(BE_FAST, NHS_111, NICE_CKS),
    complaint=(*rule_patterns("stroke"), *BEFAST_EXTRA, *CONFUSED, *BEHAVIOUR, *NUMBNESS, *TINGLING),
    default="same_day",
    criteria=(
        Criterion(
            "befast_sign",
            "emergency",
            "BE-FAST sign now or in the last hours, even if gone (TIA): face droop, one-sided weakness/numbness, slurred or muddled speech",
            patterns=rule_patterns("stroke"),
            resolvable=False,
            source="BE-FAST",
        ),
        Criterion(
            "befast_balance_eyes_arm",
            "emergency",
            "Sudden loss of balance or vision, double vision, or one arm/leg weak, numb or heavy, even if gone (TIA)",
            patterns=BEFAST_EXTRA,
            resolvable=False,
            source="BE-FAST",
        ),
        Criterion(
            "sudden_numbness",
            "emergency",
            "Sudden numbness of the face, arm or leg",
            patterns=NUMBNESS,
            when=lambda f: f.onset_sudden,
            resolvable=False,
            source="BE-FAST",
        ),
        Criterion(
            "new_confusion",
            "emergency",
            "New or sudden confusion or disorientation (not gradual memory decline)",
            patterns=CONFUSED,
            unless=(GRADUAL,),
            resolvable=False,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "behaviour_change",
            "same_day",
            "Not themselves or acting strangely, without stated confusion or BE-FAST signs (possible delirium)",
            patterns=BEHAVIOUR,
            unless=(GRADUAL,),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "limb_or_face_numbness",
            "same_day",
            "Numbness of an arm, leg, hand or the face, not sudden, no weakness, face droop or speech change",
            patterns=NUMBNESS,
            source="NICE CKS",
        ),
        Criterion(
            "gradual_memory",
            "within_2_weeks",
            "Memory or confusion getting gradually worse over months (assess for dementia and reversible causes)",
            patterns=(
                r"(?:increasingly|more\s+and\s+more|getting\s+more|becoming\s+more|gradually\s+(?:more\s+)?)\s*(?:forgetful|confused|muddled)\b",
                r"(?:memory|forgetful\w*)\s+(?:\w+\s+){0,2}(?:getting\s+worse|worsening|declin\w*|going|slipping)\b",
                r"(?:memory\s+(?:loss|problems?|issues?)|forgetting\s+things|keeps\s+forgetting)\b",
                r"(?:worried|concerned)\s+about\s+(?:(?:my|his|her)\s+)?(?:\w+'s\s+)?memory\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "tingling_hands_feet",
            "within_2_weeks",
            "Tingling, pins and needles or numbness of the fingers, hands or feet without weakness",
            patterns=TINGLING,
            # the tingle before a cold sore is the lip's, not a nerve's
            unless=(r"cold\s+sores?|fever\s+blisters?|herpes|tingl\w*\s+(?:blister|spot|bump|sore)",),
            source="NICE CKS",
        ),
    ),
    home_care="Note when the tingling happens and what eases it; change position, avoid leaning on the elbow or wrist; call 911 at once if the face droops, an arm or leg becomes weak, or speech becomes slurred, even if it passes.",
    advice={
        "emergency": "Advise 911 now (possible stroke or TIA): note the time the symptoms started or the person was last well; nothing to eat or drink; do not drive.",
        "same_day": "Call the patient back today: same-day neurological assessment; advise 911 if weakness, face droop or speech change appear.",
        "within_2_weeks": "Offer a routine appointment within 2 weeks (examination, bloods: B12, glucose, thyroid).",
    },
)
