"""Breathing difficulty, asthma and COPD flare-ups, wheeze (BTS/SIGN 158 acute asthma severity;
NICE NG115 COPD exacerbations; NICE CKS breathlessness; RCP NEWS2; NHS 111 breathing problems).

911 for severe distress (the red-flag "breathing" wording: can't breathe, gasping, struggling,
blue or grey lips, ribs sucking in, stridor, can't speak in full sentences), for a reliever that
is not helping, for breathlessness with SpO2 92% or less (COPD: below 88%), RR 25 or more, or an
asthma attack with HR 110 or more (BTS: acute severe asthma), for new or sudden breathlessness at
rest, and for breathlessness with a PE risk (recent surgery, long-haul travel, after a birth,
coughing blood). An asthma attack or wheeze that the reliever settles, a COPD flare and
breathlessness on exertion are seen today; a reliever needed more often than usual within 3
days; breathlessness on exertion for weeks within 2 weeks; a mild wheeze that is settling with
the usual inhaler is self-care.
"""

import re

from triage.protocols.schema import Criterion, Protocol
from triage.protocols.sources import BTS_SIGN_ASTHMA, NEWS2, NHS_111, NICE_CKS, NICE_NG115
from triage.protocols.words import BREATH, CANT, PRON, S, gap

# "can't breathe through my nose" is a blocked nose, not breathlessness (the red-flag rule's exclusion)
THROUGH_NOSE = rf"{S}(?:well\s+)?(?:through|thru|out\s+of|in\s+through){S}(?:{PRON}{S})?(?:nose|nostril)"

# severe respiratory distress (the red-flag "breathing" rule's severe wording, plus BTS/SIGN
# life-threatening and acute severe features)
SEVERE_DISTRESS = (
    rf"{CANT}{gap(2)}{BREATH}\b",
    rf"(?:struggling|struggle|struggles|labou?red|fighting|gasping|fight){gap(2)}(?:for\s+)?{BREATH}\b",
    rf"{BREATH}{S}(?:is\s+|has\s+been\s+|seems\s+)?(?:very\s+|really\s+|so\s+)?(?:labou?red|struggling|shallow\s+and\s+fast)\b",
    r"gasp(?:ing|ed)\s+for\s+(?:air|breath)\b",
    r"gasping\b",
    r"can'?t\s+get\s+(?:enough\s+)?air\b",
    r"(?:lips|face|skin|mouth|fingertips|fingers)\s+(?:are\s+|is\s+|look\s+|looks\s+|looked\s+|turning\s+|turned\s+|going\s+|gone\s+)?(?:kinda\s+|kind\s+of\s+|a\s+bit\s+|slightly\s+|sort\s+of\s+|really\s+)?(?:blue|bluish|purple|grey|gray|dusky)\b",
    r"(?:blue|bluish|grey|gray)\s+(?:lips|around\s+(?:the|his|her|my)\s+(?:lips|mouth))\b",
    r"turning\s+blue\b",
    r"cyano(?:sis|sed|tic)\b",
    rf"{BREATH}{S}(?:really\s+|very\s+|super\s+|so\s+)fast\b",
    rf"(?:ribs{gap(2)}(?:sucking|sucks|sucked|pulling|pulls|caving|caves)\s+in|sucking\s+in{gap(2)}ribs|retractions|(?:intercostal|subcostal|sternal)\s+recession|nostrils\s+(?:are\s+)?flaring|nasal\s+flaring|grunting\s+with\s+(?:each|every)\s+breath|head\s+bobbing)",
    r"(?:grunting|tracheal\s+tug|tripod(?:ing)?|accessory\s+muscle\s+use|using\s+accessory\s+muscles)\b",
    r"stridor\w*",
    r"(?:high[\s-]pitched|squeaky|crowing|harsh)\s+(?:noise|sound|whistle|squeak)\s+(?:when|as)\s+(?:he|she|they|i|the\s+baby)\s+(?:breathes?|breathing)\s+in\b",
    rf"{CANT}{gap(2)}(?:speak|talk|finish|say|complete|get\s+out){gap(3)}(?:full\s+|whole\s+|a\s+)?(?:sentences?|words?)\b",
    r"(?:too|so)\s+(?:breathless|short\s+of\s+breath|out\s+of\s+breath)\s+to\s+(?:talk|speak|eat|drink|feed|walk|lie\s+down)\b",
    r"(?:speaking|talking|speaks|talks)\s+(?:only\s+)?in\s+(?:single\s+|one\s+|two\s+|short\s+)?(?:words|phrases)\b",
    r"one\s+word\s+at\s+a\s+time\b",
    r"(?:unable\s+to|can'?t|cannot)\s+complete\s+sentences\b",
    r"silent\s+chest\b",
    r"(?:bad|badly|severe|severely|really\s+bad|constant|loud)\s+wheez\w*",
    r"wheez\w*\s+(?:really\s+|so\s+)?(?:badly|bad|severely|nonstop|constantly)\b",
    r"(?:can\s+)?(?:barely|hardly)\s+(?:talk|speak|breathe|breath|get\s+(?:a\s+)?(?:word|words|breath|air))\b",
    r"(?:suffocat\w*|smothering|drowning|air\s+hunger)\b",
    rf"(?:choking|choked){gap(4)}(?:can'?t|cannot|not|isn'?t)\s+(?:breathe|breathing|talk|cough|cry)\b",
    rf"(?:exhausted|tired\s+out|worn\s+out)\s+from{S}(?:trying\s+to\s+)?{BREATH}\b",
    rf"(?:drowsy|confused|floppy){gap(4)}(?:{BREATH}|wheez\w*|asthma)",
)
# breathlessness in general (the red-flag rule's remaining wording)
BREATHLESS = (
    r"short(?:ness|nes)?[\s-]*(?:of|o)\s+(?:breath|breathe|breth)\b",
    r"(?-i:SOB|S\.O\.B\.?)",
    r"sob\b(?:(?<=c/o sob)|(?<=w/ sob)|(?<=\+sob))",
    r"dyspn(?:o)?ea\b",
    r"breathless\w*",
    r"out\s+of\s+breath\b",
    rf"(?:trouble|difficulty|difficult|hard|hard\s+time|problems?|struggl\w*){gap(2)}{BREATH}\b",
    rf"{BREATH}{S}(?:is\s+|has\s+been\s+|seems\s+|feels\s+)?(?:very\s+|really\s+|so\s+)?(?:difficult|hard|heavy|fast|rapid|noisy)\b",
    rf"{CANT}{S}catch{S}(?:{PRON}{S})?breath\b",
    r"(?:get|gets|getting|got)\s+(?:\w+\s+)?winded\b",
    r"(?:tachypn(?:o)?ea|increased\s+work\s+of\s+breathing|respiratory\s+distress)\b",
)
WHEEZE = r"wheez\w*"
ASTHMA_WORSE = (
    r"asthma\s+(?:attack|flare\w*|exacerbation|episode)\b",
    r"asthma\s+(?:is\s+|has\s+been\s+)?(?:bad|worse|acting\s+up|flaring(?:\s+up)?|playing\s+up|getting\s+worse|kicking\s+in|really\s+bad)\b",
    r"(?:acute|flare\s+of|exacerbation\s+of|worsening)\s+(?:\w+\s+)?asthma\b",
    r"bronchospasm\b",
)
COPD = r"copd|emphysema|chronic\s+bronchitis"
COPD_WORSE = (
    r"(?:copd|emphysema|chronic\s+bronchitis)\s+(?:is\s+|has\s+been\s+)?(?:flare\w*|exacerbation|worse|bad|acting\s+up|flaring(?:\s+up)?|getting\s+worse|playing\s+up)\b",
    r"(?:exacerbation|flare)\s+of\s+(?:(?:his|her|my|their)\s+)?(?:copd|emphysema)\b",
    r"(?-i:AECOPD)",
    r"(?:started|starting|took|taking|using|on)\s+(?:(?:my|his|her)\s+)?(?:copd\s+)?rescue\s+pack\b",
)
RELIEVER = r"(?:inhaler|inhalers|puffer|pump|albuterol|salbutamol|ventolin|proair|pro\s+air|nebuli[sz]er|nebs?|reliever|rescue\s+inhaler|blue\s+inhaler|symbicort)"
RELIEVER_FAILING = (
    rf"{RELIEVER}{gap(3)}(?:isn'?t|is\s+not|not|doesn'?t|does\s+not|didn'?t|did\s+not|hasn'?t|has\s+not|wasn'?t|aren'?t|won'?t)\s+(?:really\s+|even\s+|been\s+)?(?:helping|working|help|work|helped|worked|doing\s+(?:anything|much)|making\s+(?:a|any)\s+difference|touching\s+it|lasting)\b",
    rf"(?:no|little|barely\s+any)\s+(?:relief|help|improvement|difference)\s+(?:from|with|after)\s+(?:{PRON}\s+)?(?:\w+\s+)?{RELIEVER}",
    rf"{RELIEVER}{gap(4)}(?:every|each)\s+(?:hour|half\s+hour|30\s+min\w*|20\s+min\w*|15\s+min\w*|few\s+minutes|10\s+min\w*)\b",
    rf"(?:10|ten|12|twelve|15|fifteen|20|twenty)\s+puffs\b{gap(4)}(?:no|not|still|without|didn'?t|isn'?t|hasn'?t)\b",
    rf"(?:used|taken|took|done|had){gap(3)}{RELIEVER}{gap(3)}(?:\d+|several|many|multiple|lots\s+of|so\s+many)\s+times\b{gap(4)}(?:no|not|still|without|didn'?t|isn'?t|hasn'?t)",
    rf"(?:used|taken|took|done|had){gap(3)}{RELIEVER}{gap(3)}(?:\d+|several|many|multiple)\s+times\b{gap(4)}(?:still|no)\b",
    rf"(?:still|even){S}(?:wheez\w*|breathless|short\s+of\s+breath|struggling){gap(3)}after{gap(3)}{RELIEVER}",
)
RELIEVER_4H = (
    rf"(?:need|needs|needed|needing|using|use|used|taking|take|took){gap(4)}{RELIEVER}{gap(3)}(?:every|each)\s+(?:2|3|4|two|three|four|couple\s+of|few)\s+(?:hours?|hrs?)\b",
    rf"(?:need|needs|needed|needing|using|use|used|taking){gap(4)}{RELIEVER}{gap(3)}more\s+(?:often\s+)?than\s+every\s+(?:4|four)\s+(?:hours?|hrs?)\b",
    rf"{RELIEVER}{gap(3)}(?:helps?|works?|helped|worked|help(?:ing|s)?)\s+(?:but|for\s+a\s+(?:bit|while|little)|only\s+for)\b",
    rf"{RELIEVER}{gap(3)}(?:wears?|wearing|wore)\s+off\b",
)
RELIEVER_MORE = (
    rf"(?:using|use|used|needing|need|taking){gap(4)}{RELIEVER}{gap(3)}more\s+(?:than\s+(?:usual|normal|before)|often|and\s+more|frequently)\b",
    rf"(?:using|use|used|needing|need|taking){gap(4)}{RELIEVER}{gap(3)}(?:\d|two|three|four|five|several|a\s+few|few|most|every)\s+(?:times\s+a\s+(?:day|week|night)|days\s+a\s+week|nights?)\b",
    r"asthma\s+(?:is\s+|has\s+been\s+)?(?:not|poorly|badly)\s+(?:well\s+)?controlled\b",
    rf"(?:waking|wakes|woke|waking\s+up){gap(3)}(?:at\s+night|in\s+the\s+night|every\s+night){gap(3)}(?:cough\w*|wheez\w*|{RELIEVER})",
)
PEAK_FLOW = rf"(?:peak\s+flow|pef|pefr)(?:{S}(?:is|was|at|down|to|of|only|now|about|around|reading|readings?|dropped|under|below)){{0,3}}{S}(?P<pct>\d{{1,3}})\s*%"
MILD_WHEEZE = r"(?:slight|slightly|mild|mildly|little|bit|tad|touch)\W+(?:bit\W+)?$"
IMPROVING = (
    rf"{RELIEVER}{gap(3)}(?:helps?|helping|helped|works?|working|worked|settles?|settled|clears?|cleared|sorts?\s+it)\b"
    r"|(?:improving|getting\s+better|settling|settled\s+down|easing|eased|better\s+(?:now|today|than\s+yesterday)|on\s+the\s+mend)\b"
)
EXERTIONAL = (
    r"(?:a\s+)?(?:little|bit|tad|touch)\s+(?:bit\s+)?(?:more\s+)?(?:short\s+of\s+breath|breathless|out\s+of\s+breath|winded|(?-i:SOB))"
    r"|(?:slightly|mildly|mild|somewhat)\s+(?:more\s+)?(?:short\s+of\s+breath|breathless\w*|out\s+of\s+breath|(?-i:SOB)|dyspn\w*|shortness)"
    r"|(?:on|with|during|after|from)\s+(?:exertion|exercise|exercising|activity|exertional|walking|running|climbing|sport|sports|the\s+stairs|stairs|hills?)\b"
    r"|when\s+(?:i\s+|he\s+|she\s+)?(?:walk|walks|walking|climb|climbing|go\s+up|going\s+up|exercis\w*|run|running|jog\w*|exert\w*|hurry|rush|do\s+(?:housework|chores|anything))\b"
    r"|(?:climbing|walking\s+up|going\s+up|up\s+(?:a\s+|the\s+)?(?:flight\s+of\s+)?)\s*(?:stairs|steps|hills?)\b|easily\b|exertional\s+(?:dyspn\w*|breathless\w*|(?-i:SOB))|(?-i:DOE)\b"
)
ORTHOPNOEA = (
    r"(?:when|if|while)\s+(?:i\s+|he\s+|she\s+)?(?:lie|lying|lay|laying)\s+(?:flat|down)|(?:lying|laying)\s+(?:flat|down)|at\s+night\s+in\s+bed"
    r"|(?:sleep|sleeping|need|needs)\s+(?:on|with)\s+(?:\d+|two|three|four|more|extra)\s+pillows|orthopn\w*|(?-i:PND)\b|paroxysmal\s+nocturnal"
)
PE_RISK = (
    r"(?:recent|had|after|since|following)\s+(?:an?\s+|my\s+|the\s+)?(?:surgery|operation|op\b|c[\s-]?section|knee\s+replacement|hip\s+replacement)"
    r"|(?:long|long[\s-]haul|\d+[\s-]?hour)\s+(?:flight|drive|car\s+ride|bus\s+ride|trip)|just\s+flew\s+back|"
    r"(?:calf|leg)\s+(?:is\s+)?(?:swollen|swelling|painful|tender|hot|red)|swollen\s+(?:calf|leg)|"
    r"cough(?:ing|ed)?\s+(?:up\s+)?blood|blood\s+in\s+(?:my\s+|his\s+|her\s+)?(?:phlegm|sputum|spit)|ha?emoptysis|"
    r"post[\s-]?partum|gave\s+birth|had\s+(?:my|the|a)\s+baby|(?-i:DVT)|blood\s+clot"
)


def _not_mild(m: re.Match) -> bool:
    """A wheeze not described as slight or mild ("a little wheezy" is the mild criterion's)."""
    return re.search(MILD_WHEEZE, m.string[max(0, m.start() - 20) : m.start()], re.I) is None


PROTOCOL = Protocol(
    name="breathing",
    title="Breathing difficulty, asthma or COPD flare-up",
    sources=(BTS_SIGN_ASTHMA, NICE_CKS, NEWS2, NICE_NG115, NHS_111),
    # "can't breathe through my nose" is not breathlessness
    complaint=(
        *(p + rf"(?!{THROUGH_NOSE})" for p in (*BREATHLESS, rf"{CANT}{gap(2)}{BREATH}\b")),
        r"gasping\b",
        WHEEZE,
        *ASTHMA_WORSE,
        *COPD_WORSE,
        r"stridor\w*",
        rf"{BREATH}{S}(?:is\s+|sounds\s+)?(?:noisy|rattly|wheezy|tight|off)\b",
        rf"{RELIEVER}{gap(3)}(?:isn'?t|not|doesn'?t|didn'?t)\s+(?:helping|working)\b",
    ),
    default="same_day",
    criteria=(
        Criterion(
            "severe_distress",
            "emergency",
            "Severe breathing difficulty: can't breathe or speak in full sentences, gasping, blue/grey lips, ribs sucking in, stridor",
            patterns=SEVERE_DISTRESS,
            exclude_after=THROUGH_NOSE,
            source="BTS/SIGN asthma",
        ),
        Criterion(
            "reliever_not_helping",
            "emergency",
            "Asthma/COPD reliever not helping (or needed every hour / 10 puffs without relief)",
            patterns=RELIEVER_FAILING,
            source="BTS/SIGN asthma",
        ),
        Criterion(
            "peak_flow_severe",
            "emergency",
            "Peak flow below 50% of best or predicted, or in the red zone of the action plan",
            patterns=(
                PEAK_FLOW,
                r"(?:peak\s+flow|pef|pefr)\b(?:\s+\w+){0,4}?\s+(?:below|under|less\s+than)\s+(?:half|50\s*%)",
                r"(?:peak\s+flow\s+(?:is\s+|in\s+(?:the\s+)?)?|in\s+(?:the\s+|my\s+)?)red\s+zone\b",
            ),
            check=lambda m: m.groupdict().get("pct") is None or int(m.group("pct")) < 50,
            source="BTS/SIGN asthma",
        ),
        Criterion(
            "breathless_low_spo2",
            "emergency",
            "Breathless with SpO2 92% or lower (COPD: below 88%)",
            patterns=(*BREATHLESS, WHEEZE, *ASTHMA_WORSE, *COPD_WORSE, rf"{CANT}{gap(2)}{BREATH}\b"),
            when=lambda f: f.spo2 is not None and f.spo2 <= 92,
            unless=(COPD,),
            source="RCP NEWS2",
        ),
        Criterion(
            "copd_low_spo2",
            "emergency",
            "COPD, breathless, SpO2 below 88% (below the BTS target range of 88-92%)",
            patterns=(*BREATHLESS, WHEEZE, *COPD_WORSE),
            when=lambda f: f.spo2 is not None and f.spo2 < 88,
            also=(COPD,),
            source="NICE NG115",
        ),
        Criterion(
            "breathless_fast_rr",
            "emergency",
            "Breathless with a respiratory rate of 25 or more (adult)",
            patterns=(*BREATHLESS, WHEEZE, *ASTHMA_WORSE, *COPD_WORSE),
            when=lambda f: f.resp_rate is not None and f.resp_rate >= 25 and not f.is_child,
            source="RCP NEWS2",
        ),
        Criterion(
            "acute_severe_asthma_hr",
            "emergency",
            "Asthma attack with a heart rate of 110 or more (BTS/SIGN acute severe asthma)",
            patterns=(WHEEZE, *ASTHMA_WORSE),
            when=lambda f: f.heart_rate is not None and f.heart_rate >= 110 and not f.is_child,
            source="BTS/SIGN asthma",
        ),
        Criterion(
            "breathless_pe_risk",
            "emergency",
            "Breathless with a PE risk: recent surgery, long-haul travel, a swollen calf, after a birth, or coughing blood",
            patterns=BREATHLESS,
            also=(PE_RISK,),
            exclude_after=THROUGH_NOSE,
            source="NICE CKS",
        ),
        Criterion(
            "sudden_breathless",
            "emergency",
            "Breathlessness that came on suddenly",
            patterns=BREATHLESS,
            when=lambda f: f.onset_sudden,
            exclude_after=THROUGH_NOSE,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "breathless_at_rest",
            "emergency",
            "Short of breath / difficulty breathing now, not only on exertion or mild",
            patterns=BREATHLESS,
            unless=(EXERTIONAL, ORTHOPNOEA),
            exclude_after=THROUGH_NOSE,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "reliever_every_4_hours",
            "same_day",
            "Reliever needed every 4 hours or more often, or wearing off (asthma attack, moderate)",
            patterns=RELIEVER_4H,
            source="BTS/SIGN asthma",
        ),
        Criterion(
            "peak_flow_moderate",
            "same_day",
            "Peak flow 50-75% of best, or in the yellow zone of the action plan",
            patterns=(
                PEAK_FLOW,
                r"(?:peak\s+flow\s+(?:is\s+|in\s+(?:the\s+)?)?|in\s+(?:the\s+|my\s+)?)(?:yellow|amber)\s+zone\b",
            ),
            check=lambda m: m.groupdict().get("pct") is None or 50 <= int(m.group("pct")) <= 75,
            source="BTS/SIGN asthma",
        ),
        Criterion(
            "asthma_attack",
            "same_day",
            "Asthma attack, flare-up or wheeze that the reliever is settling (moderate asthma)",
            patterns=(*ASTHMA_WORSE, WHEEZE),
            check=_not_mild,
            # "a few scattered wheezes that clear on coughing" (bronchitis) is no asthma attack
            unless=(r"(?:clear|clears|clearing|cleared)\s+(?:on|with|after)\s+cough\w*",),
            source="BTS/SIGN asthma",
        ),
        Criterion(
            "copd_exacerbation",
            "same_day",
            "COPD flare-up: more breathless, more or discoloured sputum, rescue pack started",
            patterns=(
                *COPD_WORSE,
                r"(?:more|increased|extra)\s+(?:sputum|phlegm|mucus|mucous)\b",
                r"(?:sputum|phlegm|mucus|mucous)\s+(?:is\s+|has\s+)?(?:turned\s+|gone\s+|changed\s+)?(?:green|yellow|darker|discolou?red|changed\s+colou?r)\b",
                r"(?:green|yellow)\s+(?:sputum|phlegm|mucus|mucous)\b",
            ),
            also=(COPD,),
            source="NICE NG115",
        ),
        Criterion(
            "exertional_new",
            "same_day",
            "Breathless on exertion or mildly breathless, new or getting worse (less than 2 weeks)",
            patterns=BREATHLESS,
            when=lambda f: f.duration_days is None or f.duration_days < 14,
            also=(EXERTIONAL,),
            exclude_after=THROUGH_NOSE,
            source="NICE CKS",
        ),
        Criterion(
            "breathless_lying_flat",
            "same_day",
            "Breathless lying flat or waking breathless at night (possible heart failure)",
            patterns=BREATHLESS,
            also=(ORTHOPNOEA,),
            exclude_after=THROUGH_NOSE,
            source="NICE CKS",
        ),
        Criterion(
            "reliever_more_than_usual",
            "within_3_days",
            "Reliever needed more than usual / 3 or more times a week, or night waking (poorly controlled asthma)",
            patterns=RELIEVER_MORE,
            source="BTS/SIGN asthma",
        ),
        Criterion(
            "mild_wheeze",
            "within_3_days",
            "Slight wheeze, not clearly settling",
            patterns=(r"(?:slight|slightly|mild|mildly|a\s+little|a\s+bit|a\s+tad|a\s+touch)\s+(?:bit\s+)?wheez\w*",),
            unless=(IMPROVING,),
            source="BTS/SIGN asthma",
        ),
        Criterion(
            "exertional_chronic",
            "within_2_weeks",
            "Breathless on exertion for 2 weeks or more, no breathlessness at rest",
            patterns=BREATHLESS,
            when=lambda f: f.duration_days is not None and f.duration_days >= 14,
            also=(EXERTIONAL,),
            exclude_after=THROUGH_NOSE,
            source="NICE CKS",
        ),
        Criterion(
            "mild_wheeze_settling",
            "self_care",
            "Slight wheeze that the usual inhaler settles, improving",
            patterns=(r"(?:slight|slightly|mild|mildly|a\s+little|a\s+bit|a\s+tad|a\s+touch)\s+(?:bit\s+)?wheez\w*",),
            also=(IMPROVING,),
            source="BTS/SIGN asthma",
        ),
    ),
    home_care=(
        "Sit upright and keep calm; take the reliever inhaler as your asthma action plan says (salbutamol through a spacer, "
        "1 puff every 30-60 seconds, up to 10 puffs); avoid smoke, cold air and other triggers; keep using your preventer. "
        "Call 911 if you can't speak in full sentences, your lips look blue or grey, or the reliever isn't helping; call back "
        "today if you need the reliever every 4 hours or more, and book an asthma review if you use it 3 or more times a week."
    ),
    advice={
        "emergency": "Advise 911 now (severe breathing difficulty); use the reliever (up to 10 puffs through a spacer) while waiting, sit upright.",
        "same_day": "Call the patient back today; same-day assessment of the breathing (asthma/COPD flare: check peak flow, consider steroids per action plan).",
        "within_3_days": "Offer an appointment within 3 days (asthma review: inhaler technique, preventer, action plan); advise 911 if breathing gets hard.",
        "within_2_weeks": "Offer a routine appointment for breathlessness on exertion (examination, ECG, spirometry, bloods as needed).",
    },
)
