"""Dizziness, vertigo and fainting (NICE CG109 transient loss of consciousness; NICE CKS vertigo
and sudden sensorineural hearing loss; BE-FAST; NHS 111 dizziness and fainting).

911 for a faint (the red-flag "syncope" wording; a faint matters once over, so these criteria are
not "resolvable") with chest pain, palpitations, breathlessness, during exertion or lying down,
without warning, with an injury, in someone with heart disease, over 65, pregnant or on an
anticoagulant, and for any faint without a clear everyday trigger; for someone still
unresponsive; for dizziness or vertigo with neurological signs (can't walk or stand, double
vision, slurred speech, one-sided weakness: the central causes a HINTS exam looks for), with
chest pain or palpitations, a systolic BP under 90, or bleeding. An uncomplicated faint with a
clear trigger (blood test, standing long, heat, pain) and full recovery is seen today (NICE
CG109); vertigo with sudden hearing loss, or with vomiting that won't settle, today; new
vertigo, or vertigo with tinnitus, within 3 days; dizzy spells on and off for weeks within 2
weeks; brief light-headedness on standing up is self-care.
"""

import re

from triage.protocols.schema import Criterion, Protocol
from triage.protocols.sources import BE_FAST, NHS_111, NICE_CG109, NICE_CKS
from triage.protocols.words import CHEST, PAIN, S, gap, rule_patterns
from triage.redflags.context import Doc, affirmed

_ALMOST = re.compile(
    r"(?:almost|nearly|about\s+to|going\s+to|gonna|might|would|could|like\s+(?:i|he|she)(?:'d|\s+(?:was|were|am|is|might|would|could))?(?:\s+going\s+to)?|felt\s+like|feel\s+like|feels\s+like|as\s+if\s+(?:i|he|she)(?:'d|\s+(?:was|were|would|might))?|without|no|not|never|didn'?t|did\s+not)\W*$"
)


def _real_faint(m: re.Match) -> bool:
    """A faint that happened, not "almost fainted" / "felt like I would pass out"."""
    return _ALMOST.search(m.string[max(0, m.start() - 40) : m.start()].lower()) is None


def _present(pattern: str):
    """Whether ``pattern`` is affirmed anywhere in the message, judged as an event that stays true
    once over ("fainted in the heat, she's fine now": the heat still counts). An ``also`` would be
    judged resolvable, and the trailing "fine now" would cancel it."""
    compiled = re.compile(r"\b(?:" + pattern + ")", re.I)

    def present(text: str) -> bool:
        doc = Doc(text)
        return any(
            affirmed(doc, m.start(), m.end(), resolvable=False)
            for m in compiled.finditer(doc.text)
            if m.end() > m.start()
        )

    return present


# the red-flag "syncope" wording
SYNCOPE = rule_patterns("syncope")
DIZZY = (
    r"(?:dizzy|dizziness|dizzyness|dizy|dizzie|dizzines)\b",
    r"(?:light[\s-]?headed\w*|lightheaded\w*|woozy|wooziness)\b",
    r"(?:vertigo|vertiginous)\b",
    rf"(?:room|everything|world|ceiling|my\s+head){S}(?:is\s+|was\s+|keeps\s+|started\s+|feels\s+like\s+it'?s\s+)?(?:spinning|spins|spun|moving|tilting|whirling)\b",
    r"(?:spinning|spinny|whirling)\s+(?:feeling|sensation)\b",
    r"(?:off[\s-]balance|unsteady\s+on\s+(?:my|his|her)\s+feet|unsteady|wobbly\s+on\s+(?:my|his|her)\s+feet)\b",
    r"(?:feel|feeling|feels|felt)\s+(?:really\s+|very\s+|a\s+bit\s+|kind\s+of\s+)?faint\b",
    r"(?:almost|nearly)\s+(?:fainted|passed\s+out|blacked\s+out|collapsed)\b",
    r"(?:pre[\s-]?syncop\w*|near[\s-]syncop\w*)",
    r"(?:bppv|benign\s+(?:paroxysmal\s+)?positional\s+vertigo|labyrinthitis|vestibular\s+neuritis|meniere'?s)\b",
)
UNRESPONSIVE = (
    # unconscious now: "was unconscious for ten seconds, back to normal" is a faint that is over
    r"(?:still|is|remains|now|currently)\s+(?:unconscious|unresponsive|uncounscious|unrousable)\b",
    r"(?:unconscious|unresponsive|unrousable)\s+(?:now|still)\b",
    rf"(?:can'?t|cannot|couldn'?t|won'?t|not\s+able\s+to|unable\s+to|hard\s+to){S}wake{S}(?:him|her|them|my\s+\w+)?\s*up\b",
    rf"(?:won'?t|will\s+not|isn'?t|is\s+not|hasn'?t|not){S}(?:wak(?:e|ing)\s+up|waking|come\s+round|coming\s+round|responding|breathing)\b",
    r"(?:still\s+)?(?:out\s+cold|not\s+responding)\b",
)
RED_FEATURES = (
    rf"{CHEST}{gap()}(?:{PAIN}|pressure|tight\w*|discomfort)|(?:pain|pressure|tightness)\s+in\s+(?:my\s+|his\s+|her\s+|the\s+)?chest|(?-i:CP)\b"
    r"|palpitat\w*|heart\s+(?:was\s+|is\s+|started\s+|kept\s+)?(?:racing|pounding|fluttering|skipping|beating\s+(?:fast|really\s+fast|irregular\w*|out\s+of)|going\s+(?:really\s+)?fast)|racing\s+heart|irregular\s+(?:heart\s*beat|pulse)"
    r"|short(?:ness)?\s+of\s+breath|breathless\w*|(?-i:SOB)\b|can'?t\s+breathe"
    r"|(?:while|when|during|after)\s+(?:i\s+was\s+|he\s+was\s+|she\s+was\s+)?(?:exercis\w*|running|jogging|playing\s+(?:football|soccer|basketball|sport\w*)|at\s+the\s+gym|working\s+out|swimming|climbing|on\s+the\s+treadmill|exert\w*|sport|sports|practice)"
    r"|(?:while|when)\s+(?:i\s+was\s+|he\s+was\s+|she\s+was\s+)?(?:lying\s+down|asleep|sleeping|in\s+bed|sitting\s+down|driving)"
    r"|(?:no|without\s+(?:any\s+)?)\s*warning|out\s+of\s+(?:the\s+)?(?:blue|nowhere)|just\s+dropped"
    r"|(?:heart\s+(?:condition|disease|failure|problems?|murmur|attack)|pacemaker|(?-i:ICD)\b|defibrillator|cardiomyopathy|long\s+(?:qt|QT)|arrhythmia|afib|a[\s-]?fib|atrial\s+fibrillation|(?-i:AF)\b|valve\s+(?:disease|replacement)|aortic\s+stenosis)"
    r"|(?:sudden\s+(?:cardiac\s+)?death|died\s+suddenly)"
    r"|(?:hit|banged|bumped|cut|split|hurt|injured|smacked)\s+(?:(?:my|his|her)\s+)?(?:head|face|chin)|head\s+injury|broke\s+(?:a|my|his|her)"
    r"|(?:confus\w*|disorient\w*|not\s+making\s+sense|drowsy)\s+(?:after|since|afterwards|now)"
    r"|bit\s+(?:(?:his|her|my)\s+)?tongue|wet\s+(?:himself|herself|myself)|lost\s+control\s+of\s+(?:(?:his|her|my)\s+)?bladder"
    r"|(?:black|tarry)\s+(?:stool|stools|poop)|(?:vomit\w*|throwing\s+up|threw\s+up)\s+blood|bleeding\s+(?:heavily|a\s+lot)|heavy\s+bleeding"
    r"|severe\s+(?:head\s?ache|headache|stomach\s+pain|abdominal\s+pain|belly\s+pain)|worst\s+headache"
)
VASOVAGAL = (
    r"(?:blood\s+(?:test|draw|drawn|work|donation)|(?:took|taking|drew|drawing|take)\s+(?:(?:my|his|her|some)\s+)?blood|giving\s+blood|donating\s+blood|(?:a|the|my|his|her)\s+(?:needle|injection|shot|jab|vaccine|vaccination|flu\s+shot)|having\s+(?:blood|an?\s+injection|a\s+shot)"
    r"|sight\s+of\s+blood|saw\s+(?:the\s+)?blood|seeing\s+blood"
    r"|standing\s+(?:for\s+(?:a\s+)?long|for\s+hours|in\s+(?:the\s+)?(?:heat|sun|line|queue|church|assembly))|stood\s+up\s+(?:too\s+)?(?:quickly|fast|suddenly)|(?:stand|standing|got|getting)\s+up\s+(?:too\s+)?(?:quickly|fast)"
    r"|(?:hot|heat|sun|sauna|hot\s+shower|hot\s+bath|crowded|stuffy)|(?:hadn'?t|had\s+not|didn'?t|did\s+not|haven'?t|not)\s+(?:eaten|eat|had\s+(?:breakfast|lunch|anything\s+to\s+eat))|skipped\s+(?:breakfast|lunch|meals?)|dehydrat\w*"
    r"|(?:while|when|after)\s+(?:peeing|urinating|having\s+a\s+(?:wee|pee))|(?:stubbed|banged)\s+(?:(?:my|his|her)\s+)?(?:toe|elbow)|(?:period\s+)?cramps"
    r"|vasovagal|simple\s+faint|(?:pierc\w*|tattoo))\b"
)
# NICE CG109 1.1.4.2: brief jerking can occur in an uncomplicated faint and does not by itself mean
# epilepsy; jerking counts as a red flag only in a faint without a clear everyday trigger
JERKING = r"jerk\w*|twitch\w*|shaking|convuls\w*|fitting"
_RED = _present(RED_FEATURES)
_JERKING = _present(JERKING)
_TRIGGER = _present(VASOVAGAL)


def _faint_with_red_flag(m: re.Match) -> bool:
    return _real_faint(m) and (_RED(m.string) or (_JERKING(m.string) and not _TRIGGER(m.string)))


def _faint_unexplained(m: re.Match) -> bool:
    return _real_faint(m) and not _TRIGGER(m.string)


def _faint_with_trigger(m: re.Match) -> bool:
    return _real_faint(m) and _TRIGGER(m.string)


NEURO = (
    r"(?:can'?t|cannot|unable\s+to|couldn'?t)\s+(?:walk|stand|stand\s+up|sit\s+up)(?:\s+(?:straight|without|on\s+(?:my|his|her)\s+own))?"
    r"|double\s+vision|seeing\s+double|slurr\w*|trouble\s+(?:speaking|talking|swallowing)|(?:face|mouth)\s+(?:is\s+)?droop\w*|facial\s+droop"
    r"|(?:weak\w*|numb\w*)\s+(?:on\s+one\s+side|in\s+(?:my|his|her|one)\s+(?:arm|leg|face|hand))|(?:left|right|one)\s+(?:arm|leg|side|hand)\s+(?:is\s+|went\s+|feels\s+)?(?:weak|numb|heavy|dead)"
    r"|(?:falling|fall|falls|leaning|veering|pulled)\s+to\s+(?:one|the\s+(?:left|right))\s+side|(?:worst|sudden\s+severe|severe\s+new)\s+head\s?ache"
    r"|(?:new\s+)?(?:ataxia|ataxic|dysarthri\w*|diplopia|nystagmus\s+(?:that\s+)?(?:changes|vertical|direction[\s-]changing)|vertical\s+nystagmus|skew\s+deviation|direction[\s-]changing\s+nystagmus|positive\s+(?:hints|HINTS)|(?-i:HINTS)\s+(?:(?i:positive|central|concerning)))"
)
HEARING_LOSS = r"(?:sudden(?:ly)?\s+)?(?:hearing\s+loss|loss\s+of\s+hearing|lost\s+(?:the\s+|my\s+|his\s+|her\s+|some\s+)?hearing|can'?t\s+hear(?:\s+(?:out\s+of|in|from|well))?|deaf\w*|(?:muffled|reduced|decreased|dulled)\s+hearing|hearing\s+(?:is\s+|went\s+)?(?:muffled|gone|reduced|worse))"
TINNITUS = r"tinnitus|ringing\s+in\s+(?:my\s+|his\s+|her\s+|the\s+|one\s+)?ears?|(?:buzzing|roaring|whooshing)\s+in\s+(?:my\s+|his\s+|her\s+|the\s+|one\s+)?ears?|ears?\s+(?:is\s+|are\s+|feels?\s+)?(?:full|blocked|ringing)|fullness\s+in\s+(?:my\s+|the\s+|one\s+)?ear"
VERTIGO = (
    r"(?:vertigo|vertiginous)\b",
    rf"(?:room|everything|world|ceiling){S}(?:is\s+|was\s+|keeps\s+|started\s+|feels\s+like\s+it'?s\s+)?(?:spinning|spins|spun|tilting|whirling)\b",
    r"(?:spinning|spinny|whirling)\s+(?:feeling|sensation)\b",
    r"(?:labyrinthitis|vestibular\s+neuritis|meniere'?s)\b",
    r"(?:bppv|benign\s+(?:paroxysmal\s+)?positional\s+vertigo)\b",
)
VOMIT_PERSISTENT = (
    r"(?:can'?t|cannot|couldn'?t|unable\s+to)\s+(?:keep\s+(?:anything|any\s*thing|fluids|water|food|it)\s*(?:down)?|stop\s+(?:vomiting|throwing\s+up))"
    r"|(?:vomit\w*|throwing\s+up|puking)\s+(?:non[\s-]?stop|constantly|all\s+(?:day|night)|every\s+(?:hour|time)|repeatedly|over\s+and\s+over)"
    r"|(?:constant|non[\s-]?stop|continuous)\s+(?:vertigo|spinning|dizziness)"
)
ORTHOSTATIC = (
    rf"(?:dizzy|light[\s-]?headed|lightheaded|woozy|head\s+rush|head\s+spins?|see\s+stars|black\s+spots?|vision\s+(?:goes\s+|went\s+)?(?:dark|black|grey|gray)){gap(4)}(?:when|whenever|if|after|every\s+time)\s+(?:i\s+|he\s+|she\s+)?(?:stand|stood|get\s+up|got\s+up|getting\s+up|standing\s+up|sit\s+up|sat\s+up|bend\s+down|bending)",
    rf"(?:stand|stood|get|got|getting|standing)\s+up\s+(?:too\s+)?(?:quickly|fast|suddenly){gap(4)}(?:dizzy|light[\s-]?headed|lightheaded|woozy|head\s+rush|see\s+stars)",
    r"(?:head\s+rush|head\s+rushes|orthostatic\s+(?:hypotension|dizziness)|postural\s+(?:hypotension|dizziness))\b",
)
MILD_PASSING = (
    r"(?:only\s+)?(?:for\s+)?(?:a\s+)?(?:few|couple\s+of)\s+seconds|passes\s+(?:quickly|straight\s+away|after\s+a\s+(?:second|moment|few))|goes\s+away\s+(?:quickly|after\s+a\s+(?:second|moment|few))"
    r"|(?:brief|briefly|momentary|momentarily|quick|a\s+second|a\s+moment)|(?:mild|mildly|slight|slightly|a\s+(?:little|bit))\s+(?:dizzy|light[\s-]?headed|lightheaded)"
    r"|(?:hot\s+(?:day|weather)|not\s+drinking\s+enough|hadn'?t\s+(?:eaten|drunk)|skipped\s+(?:a\s+)?meals?|hungover|hangover|dehydrat\w*)"
)
RECURRENT = (
    r"(?:dizzy|dizziness|light[\s-]?headed\w*|vertigo)\s+(?:spells?|episodes?|attacks?)\s+(?:\w+\s+){0,3}?(?:on\s+and\s+off|for\s+(?:weeks|months)|keep\s+(?:happening|coming\s+back))"
    r"|(?:on\s+and\s+off|off\s+and\s+on|comes\s+and\s+goes|keeps\s+coming\s+back|every\s+(?:few\s+days|week|day)|for\s+(?:weeks|months|the\s+past\s+(?:few\s+)?(?:weeks|months)))"
)
ON_NEW_MED = (
    r"(?:since|after)\s+(?:i\s+|he\s+|she\s+)?(?:start\w*|began|changed|switched|increased|upped|doubled)\s+(?:(?:my|his|her|the|a)\s+)?(?:new\s+)?(?:\w+\s+)?(?:medication|medicine|meds|pills?|tablets?|dose|blood\s+pressure\s+(?:pills?|meds|medication)|amlodipine|lisinopril|losartan|metoprolol|atenolol|tamsulosin|flomax|gabapentin|pregabalin|sertraline|trazodone)"
    r"|(?:new|started)\s+(?:on\s+)?(?:blood\s+pressure\s+(?:pills?|meds|medication)|(?:bp|b/p)\s+(?:meds|pills?|medication))"
)

PROTOCOL = Protocol(
    name="dizziness",
    title="Dizziness, vertigo or fainting",
    sources=(NICE_CG109, NICE_CKS, BE_FAST, NHS_111),
    complaint=(*SYNCOPE, *DIZZY),
    default="within_3_days",
    criteria=(
        Criterion(
            "still_unresponsive",
            "emergency",
            "Unconscious or unresponsive now, or can't be woken",
            patterns=UNRESPONSIVE,
            resolvable=False,
            source="NICE CG109",
        ),
        Criterion(
            "faint_red_flags",
            "emergency",
            "Faint with chest pain, palpitations, breathlessness, during exertion or lying down, without warning, with an injury, jerking or bleeding, or with heart disease",
            patterns=SYNCOPE,
            check=_faint_with_red_flag,
            resolvable=False,
            source="NICE CG109",
        ),
        Criterion(
            "faint_risk_group",
            "emergency",
            "Faint in someone over 65, pregnant or on an anticoagulant",
            patterns=SYNCOPE,
            check=_real_faint,
            when=lambda f: f.older_adult or f.pregnant or f.anticoagulated,
            resolvable=False,
            source="NICE CG109",
        ),
        Criterion(
            "faint_unexplained",
            "emergency",
            "Fainted or passed out without a clear everyday trigger (blood test, standing long, heat, pain)",
            patterns=SYNCOPE,
            check=_faint_unexplained,
            resolvable=False,
            source="NICE CG109",
        ),
        Criterion(
            "dizzy_neuro_signs",
            "emergency",
            "Dizziness or vertigo with can't walk or stand, double vision, slurred speech, face droop or one-sided weakness (central cause)",
            patterns=DIZZY,
            also=(NEURO,),
            resolvable=False,
            source="BE-FAST",
        ),
        Criterion(
            "dizzy_cardiac",
            "emergency",
            "Dizziness with chest pain, palpitations or breathlessness",
            patterns=DIZZY,
            also=(
                rf"{CHEST}{gap()}(?:{PAIN}|pressure|tight\w*|discomfort)|(?:pain|pressure|tightness)\s+in\s+(?:my\s+|his\s+|her\s+|the\s+)?chest|(?-i:CP)\b"
                r"|palpitat\w*|heart\s+(?:is\s+|was\s+|keeps\s+)?(?:racing|pounding|fluttering|skipping|beating\s+(?:fast|really\s+fast|irregular\w*|out\s+of))|racing\s+heart|irregular\s+(?:heart\s*beat|pulse)"
                r"|short(?:ness)?\s+of\s+breath|breathless\w*|(?-i:SOB)\b|can'?t\s+breathe",
            ),
            source="NICE CG109",
        ),
        Criterion(
            "near_faint_cardiac",
            "emergency",
            "Nearly fainting with palpitations, a racing heart, chest pain or breathlessness",
            patterns=(
                r"(?:almost|nearly)\s+(?:fainted|passed\s+out|blacked\s+out|collapsed)\b",
                r"(?:feel|feeling|feels|felt)\s+(?:really\s+|very\s+|a\s+bit\s+|kind\s+of\s+)?faint\b",
                r"(?:felt|feel|feeling)\s+like\s+(?:i|he|she)(?:'d|'m|\s+(?:was|were|am|is|would|might|could))?\s+(?:going\s+to\s+|gonna\s+|about\s+to\s+)?(?:faint|pass\s+out|black\s+out|collapse)\b",
                r"(?:pre[\s-]?syncop\w*|near[\s-]syncop\w*)",
            ),
            also=(
                rf"{CHEST}{gap()}(?:{PAIN}|pressure|tight\w*|discomfort)|(?:pain|pressure|tightness)\s+in\s+(?:my\s+|his\s+|her\s+|the\s+)?chest|(?-i:CP)\b"
                r"|palpitat\w*|heart\s+(?:is\s+|was\s+|keeps\s+)?(?:racing|pounding|fluttering|skipping|beating\s+(?:fast|really\s+fast|irregular\w*|out\s+of))|racing\s+heart|irregular\s+(?:heart\s*beat|pulse)"
                r"|short(?:ness)?\s+of\s+breath|breathless\w*|(?-i:SOB)\b|can'?t\s+breathe",
            ),
            source="NICE CG109",
        ),
        Criterion(
            "dizzy_low_bp",
            "emergency",
            "Dizziness with a systolic blood pressure below 90",
            patterns=DIZZY,
            when=lambda f: f.systolic_min is not None and f.systolic_min < 90,
            shows=("blood_pressure_low",),
            source="NICE CG109",
        ),
        Criterion(
            "dizzy_bleeding",
            "emergency",
            "Dizziness with black stools, vomiting blood or heavy bleeding",
            patterns=DIZZY,
            also=(
                r"(?:black|tarry)\s+(?:stool|stools|poop|poo)|(?:vomit\w*|throwing\s+up|threw\s+up|coughing\s+up)\s+blood|bleeding\s+(?:heavily|a\s+lot|badly)|heavy\s+bleeding|soak\w*\s+through",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "uncomplicated_faint",
            "same_day",
            "Faint with a clear trigger (blood test, needle, standing long, heat, pain) and full recovery (NICE CG109: uncomplicated faint)",
            patterns=SYNCOPE,
            check=_faint_with_trigger,
            resolvable=False,
            source="NICE CG109",
        ),
        Criterion(
            "vertigo_hearing_loss",
            "same_day",
            "Vertigo or dizziness with sudden hearing loss in one ear (sudden sensorineural hearing loss: ENT within 24 hours)",
            patterns=DIZZY,
            also=(HEARING_LOSS,),
            source="NICE CKS",
        ),
        Criterion(
            "vertigo_persistent_vomiting",
            "same_day",
            "Vertigo or dizziness with vomiting that won't settle, or constant vertigo",
            patterns=DIZZY,
            also=(VOMIT_PERSISTENT,),
            source="NICE CKS",
        ),
        Criterion(
            "near_faint",
            "within_3_days",
            "Nearly fainted or felt faint, recovered, no warning features",
            patterns=(
                r"(?:almost|nearly)\s+(?:fainted|passed\s+out|blacked\s+out|collapsed)\b",
                r"(?:feel|feeling|feels|felt)\s+(?:really\s+|very\s+|a\s+bit\s+|kind\s+of\s+)?faint\b",
                r"(?:pre[\s-]?syncop\w*|near[\s-]syncop\w*)",
                r"(?:felt|feel|feeling)\s+like\s+(?:i|he|she)(?:'d|'m|\s+(?:was|were|am|is|would|might|could))?\s+(?:going\s+to\s+|gonna\s+|about\s+to\s+)?(?:faint|pass\s+out|black\s+out|collapse)\b",
            ),
            source="NICE CG109",
        ),
        Criterion(
            "vertigo_with_tinnitus",
            "within_3_days",
            "Vertigo with ringing or fullness in the ear, no sudden hearing loss",
            patterns=VERTIGO,
            also=(TINNITUS,),
            source="NICE CKS",
        ),
        Criterion(
            "new_vertigo",
            "within_3_days",
            "Vertigo (a spinning sensation), new, no neurological signs",
            patterns=VERTIGO,
            unless=(
                r"(?:my|his|her)\s+(?:usual|normal|typical|old)\s+(?:bppv|vertigo)|(?:bppv|vertigo)\s+(?:is\s+)?(?:back|again|flar\w*|acting\s+up)|(?:doing|did|done|tried)\s+(?:the\s+)?(?:epley|brandt)",
            ),
            source="NICE CKS",
        ),
        Criterion(
            "dizzy_on_new_medication",
            "within_3_days",
            "Dizziness since starting or changing a medication (blood pressure tablets and others)",
            patterns=DIZZY,
            also=(ON_NEW_MED,),
            source="NICE CKS",
        ),
        Criterion(
            "recurrent_dizziness",
            "within_2_weeks",
            "Dizzy spells on and off for weeks, none now with warning features",
            patterns=DIZZY,
            also=(RECURRENT,),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "known_bppv",
            "self_care",
            "Known BPPV / vertigo back as before, no new features (Epley or Brandt-Daroff exercises)",
            patterns=(
                r"(?:my|his|her)\s+(?:usual|normal|typical|old)\s+(?:bppv|vertigo)\b",
                r"(?:bppv|vertigo)\s+(?:is\s+)?(?:back|again|flar\w*|acting\s+up)\b",
                r"(?:doing|did|done|tried)\s+(?:the\s+)?(?:epley|brandt)",
            ),
            source="NICE CKS",
        ),
        Criterion(
            "brief_on_standing",
            "self_care",
            "Brief light-headedness on standing up, or mild dizziness from heat, missed meals or not drinking, passing quickly",
            patterns=ORTHOSTATIC,
            unless=(RECURRENT,),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "mild_passing_dizziness",
            "self_care",
            "Mild dizziness that passes quickly, from heat, missed meals or not drinking",
            patterns=DIZZY,
            also=(MILD_PASSING,),
            unless=(RECURRENT,),
            source="NHS 111 / NHS.uk conditions",
        ),
    ),
    home_care=(
        "Sit or lie down as soon as you feel dizzy and stay there until it passes; get up slowly (sit on the edge of the bed first); "
        "drink plenty of fluids and don't skip meals; avoid driving, ladders and alcohol while dizzy. Call back if dizzy spells keep "
        "coming back or last longer; call 911 if you faint with chest pain or palpitations, or dizziness comes with double vision, "
        "slurred speech, weakness or you can't walk."
    ),
    advice={
        "emergency": "Advise 911 now (faint or dizziness with warning features); lie flat with legs raised, don't drive.",
        "same_day": "Call the patient back today: same-day assessment (ECG and lying/standing BP after a faint; ENT the same day for sudden hearing loss).",
        "within_3_days": "Offer an appointment within 3 days (vertigo: Dix-Hallpike / HINTS examination; review medications).",
        "within_2_weeks": "Offer a routine appointment within 2 weeks for recurrent dizziness (lying/standing BP, ECG, medication review).",
    },
)
