"""Fever in children (NICE NG143 fever in under 5s, traffic-light system; applied to children under
16, with AAP HealthyChildren fever advice for the older child).

Every criterion needs a child (an age under 16, or words such as "my son", "baby", "toddler") with
a fever (a fever word, or a reading of 38 C / 100.4 F or more). RED features go to 911: an infant
under 3 months with a fever, pale/mottled/ashen/blue colour, no response to social cues, does not
wake or stay awake, a weak high-pitched or continuous cry, grunting, a respiratory rate over 60,
chest indrawing, reduced skin turgor, a non-blanching rash, a bulging fontanelle, neck stiffness,
status epilepticus, focal neurological signs or seizures. AMBER features are seen the same day:
3-6 months with 39 C or more, pallor reported by the parent, not responding normally or not
smiling, reduced activity, nasal flaring, fast breathing for the age, SpO2 95% or less, crackles,
dry mucous membranes, poor feeding in infants, reduced urine output, capillary refill of 3 s or
more, fever for 5 days or more, rigors, a swollen limb or joint, not bearing weight (and, from the
AAP, 40 C / 104 F or more, or a child with a weak immune system). GREEN (normal colour, responding
normally, smiling, awake, moist mouth, drinking) is home care, the protocol's default.

Adult fever is the ``fever`` protocol.
"""

from triage.protocols.rash import FEVER_ALSO, NON_BLANCHING, febrile
from triage.protocols.schema import Criterion, Protocol, Source
from triage.protocols.sources import AAP, NHS_111, NICE_NG143
from triage.protocols.words import BREATH, FEVER_WORD, PRON, S, gap_affirmative, rule_patterns
from triage.redflags.patterns import INFANT_AGE, infant_check

UKHSA_MENB_FEVER = Source(
    "UKHSA MenB fever",
    "UKHSA: Using paracetamol to prevent and treat fever after MenB vaccination (fever in the first 48 hours is expected)",
    "https://www.gov.uk/government/publications/menb-vaccine-and-paracetamol",
)
# vaccines given within the last day or two (a time is said): the fever that follows is expected
RECENT_VACCINES = (
    r"(?:immuni[sz]ations?|vaccin\w*|jabs?|shots|injections|men\s?b)(?:\s*\([^)]{0,100}\))?\s+(?:(?:were\s+|was\s+)?(?:given\s+)?)?"
    r"(?:today|this\s+(?:morning|afternoon)|yesterday|last\s+night|earlier\s+today|at\s+\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|h)?\b)"
    r"|(?:had|got|received|given)\s+(?:(?:his|her|their|the)\s+)?(?:\w+\s+){0,3}?(?:immuni[sz]ations?|vaccin\w*|jabs?|shots)\s+(?:today|this\s+(?:morning|afternoon)|yesterday)"
)
_KID = (
    r"(?:son|daughter|baby|babies|bub|kid|kids|child|children|toddler|infant|newborn|boy|girl|grandson|granddaughter|"
    r"little\s+one|preschooler|neonate|twins?|stepson|stepdaughter)"
)
# an age under 16 in the words (years 0-15, or any number of months, weeks or days)
_CHILD_AGE = (
    r"(?:(?:[1-9]|1[0-5])(?:\.\d)?[\s-]*(?:years?|yrs?|y)[\s-]*old|(?:[1-9]|1[0-5])\s*(?:yo|y/o|y\.o\.)|"
    r"\d{1,2}[\s-]*(?:months?|mos?|mths?|mo|weeks?|wks?|wk|days?)[\s-]*old|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[\s-]*(?:years?|months?|weeks?)[\s-]*old)"
)
_FEVERISH = (
    rf"(?:{FEVER_WORD}|temp|temperature|pyrexi\w*|pyrexial|hot\s+to\s+(?:the\s+)?touch|burning\s+up|high\s+temp\w*)"
)

COMPLAINT = (
    rf"{_KID}\b{gap_affirmative(8)}{_FEVERISH}",
    rf"{_CHILD_AGE}\b{gap_affirmative(8)}{_FEVERISH}",
    r"(?:febrile|feverish|pyrexial)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:infant|child|toddler|neonate|baby|kid|boy|girl|\d+[\s-]*(?:year|month|week|yo))",
    rf"{FEVER_WORD}\s+in\s+(?:a|an|my|our|his|her|the)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?{_KID}\b",
    r"(?:pediatric|paediatric)\s+fever\b",
)


def _child(f) -> bool:
    return f.is_child and febrile(f)


def _pair(level: str, name: str, text: str, patterns: tuple[str, ...], source: str, when=None, **kwargs):
    """The criterion twice: with a fever word (or reading) affirmed in the text, and with a
    temperature reading of 38 C or more (a reading counts even where a clinician's note puts a
    word after it that the context rules read as history, e.g. "T 38.6, cap refill 3 s")."""
    when = when or _child
    return (
        Criterion(name, level, text, patterns=patterns, when=when, also=(FEVER_ALSO,), source=source, **kwargs),
        Criterion(
            f"{name}_reading",
            level,
            f"{text} (temperature 38 C or more)",
            patterns=patterns,
            when=lambda f: when(f) and f.temp_c is not None and f.temp_c >= 38.0,
            source=source,
            **kwargs,
        ),
    )


def _red(name: str, text: str, *patterns: str, source: str = "NICE NG143", **kwargs) -> tuple[Criterion, ...]:
    return _pair("emergency", name, text, patterns, source, **kwargs)


def _amber(name: str, text: str, *patterns: str, source: str = "NICE NG143", **kwargs) -> tuple[Criterion, ...]:
    return _pair("same_day", name, text, patterns, source, **kwargs)


def _tachypnoea(f) -> bool:
    rr, age = f.resp_rate, f.age_years
    if rr is None or age is None or not _child(f):
        return False
    return (0.5 <= age < 1 and rr > 50) or (age >= 1 and rr > 40)


def _cap_refill_3s(m) -> bool:
    value = m.groupdict().get("crt")
    return value is None or float(value) >= 3


_CRITERIA = (
    # ---- RED: emergency -----------------------------------------------------------------
    _red(
        "infant_under_3_months",
        "Infant under 3 months with a temperature of 38 C (100.4 F) or more",
        INFANT_AGE,
        check=infant_check,
        when=febrile,
        unless=(RECENT_VACCINES,),
    ),
    Criterion(
        "infant_under_3_months_age",
        "emergency",
        "Infant under 3 months (age stated) with a temperature of 38 C (100.4 F) or more",
        when=lambda f: f.infant_under_3_months and febrile(f),
        also=(FEVER_ALSO,),
        unless=(RECENT_VACCINES,),
        shows=("temp_c", "age"),
        source="NICE NG143",
    ),
    # UKHSA: fever in the 48 hours after the infant vaccines (MenB) is expected; still a call back
    # today (NG143's other red features, judged on their own, still send the baby to the ED)
    Criterion(
        "infant_fever_after_vaccines",
        "same_day",
        "Infant under 3 months with a fever within a day of the routine vaccines (expected after MenB; check today)",
        when=lambda f: (f.infant_under_3_months or f.age_years is None) and febrile(f),
        patterns=(RECENT_VACCINES,),
        also=(FEVER_ALSO,),
        source="UKHSA MenB fever",
    ),
    _red(
        "colour_red",
        "Pale, mottled, ashen or blue skin, lips or tongue",
        r"(?:mottled|mottling|ashen|cyanos\w*|cyanotic|blotchy\s+(?:and\s+)?(?:blue|purple))\b",
        rf"(?:lips|skin|face|tongue|hands|feet|fingers){gap_affirmative(3)}(?:blue|bluish|blu|purple|grey|gray|grayish|greyish|dusky)\b",
        r"(?:turning|turned|going|gone|looks?|looking)\s+(?:a\s+bit\s+)?(?:blue|bluish|grey|gray|ashen|dusky)\b",
        r"(?:very|really|deathly|ghostly|extremely|so)\s+pale\b",
        r"(?:white|pale)\s+as\s+a\s+(?:sheet|ghost)\b",
    ),
    _red(
        "no_response_social_cues",
        "No response to social cues, appears ill to a healthcare professional, floppy",
        r"no\s+response\s+to\s+(?:social\s+cues|voice|stimul\w*)",
        r"(?:not|isn'?t|is\s+not|doesn'?t|does\s+not|won'?t|wont)\s+(?:really\s+)?(?:respond\w*|react\w*)\s+to\s+(?:me|us|anything|anyone|his\s+name|her\s+name|voice|touch|(?:my|our)\s+voice)",
        r"unresponsive\b",
        r"(?:floppy|limp|like\s+a\s+rag\s+doll)\b",
        r"(?:appears|looks)\s+(?:very\s+|really\s+|seriously\s+)?(?:ill|toxic|septic)\b",
        r"(?:doesn'?t|does\s+not|didn'?t)\s+(?:seem\s+to\s+)?(?:recogni[sz]e|know)\s+(?:me|us)\b",
    ),
    _red(
        "does_not_wake",
        "Does not wake, or does not stay awake when roused",
        r"(?:won'?t|wont|will\s+not|doesn'?t|does\s+not|can'?t|cannot|not)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:wake|waking|stay\s+awake|rouse)\b",
        r"(?:can'?t|cannot|couldn'?t)\s+(?:get|keep)\s+(?:him|her|them|the\s+baby|my\s+\w+)\s+(?:to\s+)?(?:wake|awake|up)\b",
        r"(?:hard|difficult|impossible)\s+to\s+(?:wake|rouse|arouse|keep\s+awake)\b",
        r"(?:keeps?|keeping)\s+(?:passing\s+out|losing\s+consciousness)\b",
    ),
    _red(
        "abnormal_cry",
        "Weak, high-pitched or continuous cry",
        r"(?:high[\s-]*pitched|shrill|weak|feeble|moaning|whimpering)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:cry|crying|scream\w*|wail\w*)",
        r"(?:crying|screaming)\s+(?:non[\s-]?stop|continuously|constantly|inconsolabl\w*|for\s+hours)\b",
        r"(?:won'?t|wont|will\s+not|can'?t)\s+stop\s+(?:crying|screaming)\b",
        r"(?:inconsolable|inconsolably|continuous\s+cry\w*)\b",
    ),
    _red(
        "grunting",
        "Grunting with each breath",
        r"grunt(?:ing|s|ed)?\b",
    ),
    Criterion(
        "resp_rate_over_60",
        "emergency",
        "Respiratory rate over 60 breaths a minute",
        when=lambda f: _child(f) and f.resp_rate is not None and f.resp_rate > 60,
        also=(FEVER_ALSO,),
        shows=("resp_rate",),
        source="NICE NG143",
    ),
    _red(
        "chest_indrawing",
        "Moderate or severe chest indrawing (ribs sucking in)",
        r"(?:chest|subcostal|intercostal|sternal)\s+(?:wall\s+)?(?:indrawing|recession|retractions?)\b",
        r"(?:indrawing|recessions?|retractions)\b",
        rf"(?:ribs|skin\s+between\s+(?:{PRON}\s+)?ribs|tummy|belly|chest){gap_affirmative(3)}(?:sucking|sucks|pulling|pulls|caving|sinking)\s+in\b",
        rf"(?:sucking|pulling)\s+in{gap_affirmative(2)}(?:ribs|chest|under\s+(?:the\s+|his\s+|her\s+)?ribs)\b",
    ),
    _red(
        "reduced_skin_turgor",
        "Reduced skin turgor (skin stays tented when pinched)",
        r"(?:reduced|poor|decreased|low)\s+(?:skin\s+)?turgor\b",
        r"(?:skin\s+)?tenting\b",
        r"skin\s+(?:stays?|staying)\s+(?:pinched|tented|up)\b",
    ),
    _red("non_blanching_rash", "Non-blanching rash", *NON_BLANCHING),
    _red(
        "bulging_fontanelle",
        "Bulging fontanelle",
        r"bulg\w*\s+(?:soft\s+spot|fontanel\w*)",
        r"(?:soft\s+spot|fontanel\w*)\s+(?:on\s+(?:his|her|their|the)\s+head\s+)?(?:is\s+|looks\s+|seems\s+|feels\s+)?(?:bulg\w*|swollen|tense|raised|puffed\s+up)",
    ),
    _red(
        "neck_stiffness",
        "Neck stiffness",
        r"stiff\s+neck\b",
        r"neck\s+(?:is\s+|feels\s+|seems\s+)?(?:very\s+)?(?:stiff|rigid)\b",
        r"(?:neck\s+stiffness|nuchal\s+rigidity|meningism\w*|neck\s+rigidity)\b",
        r"(?:can'?t|cannot|won'?t|unable\s+to)\s+(?:bend|move|put|touch)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){0,2}(?:neck|chin\s+to\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?chest|head\s+forward)\b",
        r"(?:hurts|pain)\s+to\s+(?:bend|move)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?neck\b",
    ),
    _red(
        "status_epilepticus",
        "Status epilepticus (a seizure lasting 5 minutes or more, or one after another)",
        r"status\s+epilepticus\b",
        rf"(?:seizure|seizing|fitting|convuls\w*|shaking|jerking){gap_affirmative(4)}(?:for|over|more\s+than|longer\s+than)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:[5-9]|[1-9]\d|five|ten|fifteen|twenty)\s*(?:\+\s*)?(?:min|mins|minutes)\b",
        r"(?:seizure|fit|convulsion)\s+(?:won'?t|will\s+not|isn'?t|hasn'?t|not)\s+(?:stop|stopping|stopped)\b",
        r"(?:seizure|fit|convulsion)s?\s+(?:one\s+after\s+(?:another|the\s+other)|back\s+to\s+back)\b",
    ),
    _red(
        "focal_neurology",
        "Focal neurological signs or focal seizures",
        r"focal\s+(?:neuro\w*|seizure\w*|deficit\w*|signs?|weakness|fit)\b",
        rf"(?:weak\w*|numb\w*|paralys\w*|twitch\w*|jerk\w*|limp){gap_affirmative(3)}(?:one\s+side|(?:left|right)\s+side|(?:one|left|right)\s+(?:arm|leg|hand))\b",
        rf"(?:one|left|right)\s+(?:side|arm|leg|hand){gap_affirmative(3)}(?:weak|numb|limp|twitch\w*|jerk\w*|shaking|paralys\w*)\b",
        rf"(?:face|mouth|smile){gap_affirmative(2)}(?:droop\w*|lopsided)\b",
    ),
    # ---- AMBER: same day ----------------------------------------------------------------
    Criterion(
        "infant_3_to_6_months_39",
        "same_day",
        "Infant aged 3-6 months with a temperature of 39 C (102.2 F) or more",
        when=lambda f: f.infant_3_to_6_months and f.temp_c is not None and f.temp_c >= 39.0,
        shows=("temp_c", "age"),
        source="NICE NG143",
    ),
    _amber(
        "pallor",
        "Pallor of skin, lips or tongue reported by the parent or carer",
        r"(?:pale|pallor|pasty|washed\s+out|white\s+(?:lips|face))\b",
    ),
    _amber(
        "not_responding_normally",
        "Not responding normally to social cues, no smile",
        r"(?:not|isn'?t|is\s+not|doesn'?t|does\s+not)\s+(?:responding|reacting|acting|behaving)\s+(?:normally|like\s+(?:usual|normal|him\w*|her\w*))",
        r"(?:not|isn'?t|won'?t|wont|hasn'?t|doesn'?t|stopped)\s+(?:smil\w*)\b",
        r"no\s+(?:smile|smiles|smiling)\b",
        r"(?:not|isn'?t)\s+(?:him|her)self\b",
        r"not\s+acting\s+(?:like\s+)?(?:him|her)self\b",
        r"(?:glassy[\s-]*eyed|staring\s+(?:blankly|into\s+space)|in\s+a\s+daze|dazed|out\s+of\s+it)\b",
    ),
    _amber(
        "reduced_activity",
        "Reduced activity, very sleepy, wakes only with prolonged stimulation",
        r"(?:reduced|decreased|less)\s+(?:activity|active)\b",
        r"(?:lethargic|lethargy|listless|sluggish|drowsy|very\s+sleepy|so\s+sleepy|really\s+sleepy)\b",
        r"(?:not|isn'?t|won'?t|hasn'?t\s+been|hasn'?t|doesn'?t\s+want\s+to)\s+(?:playing|play|moving\s+much|interested\s+in\s+(?:anything|toys|playing))\b",
        r"(?:just\s+)?(?:lying|laying|lies)\s+(?:there|around|on\s+the\s+couch|in\s+bed)\s+(?:all\s+day|doing\s+nothing|not\s+moving)\b",
        r"(?:only\s+)?wakes?\s+(?:only\s+)?(?:with|after)\s+(?:prolonged|a\s+lot\s+of)\s+(?:stimulation|shaking|effort)\b",
        r"sleeping\s+(?:all\s+(?:day|the\s+time)|much\s+more\s+than\s+usual|a\s+lot\s+more)\b",
    ),
    _amber(
        "nasal_flaring",
        "Nasal flaring",
        r"(?:nasal|nose|nostril)s?\s+(?:are\s+|is\s+)?flar\w*",
        r"flar\w*\s+(?:(?:his|her|the)\s+)?(?:nostrils|nose)\b",
    ),
    Criterion(
        "tachypnoea",
        "same_day",
        "Fast breathing for age (RR over 50 at 6-12 months, over 40 over 12 months)",
        when=_tachypnoea,
        also=(FEVER_ALSO,),
        shows=("resp_rate",),
        source="NICE NG143",
    ),
    _amber(
        "fast_breathing",
        "Breathing fast or hard (parent's report), tachypnoea",
        rf"{BREATH}{S}(?:(?:is|seems|looks|really|very|so|super|a\s+bit|kind\s+of|quite)\s+){{0,2}}(?:fast|quick|rapid|hard|heavy|funny|weird)\b",
        rf"(?:fast|rapid|quick|heavy|laboured|labored|noisy)\s+{BREATH}\b",
        r"(?:tachypn\w*|tachypnoeic|tachypneic)\b",
        r"panting\b",
    ),
    Criterion(
        "spo2_95_or_less",
        "same_day",
        "Oxygen saturation 95% or less in air",
        when=lambda f: _child(f) and f.spo2 is not None and f.spo2 <= 95,
        also=(FEVER_ALSO,),
        shows=("spo2",),
        source="NICE NG143",
    ),
    _amber("crackles", "Crackles in the chest", r"(?:crackles|crackling|crepitations|creps|rales)\b"),
    _amber(
        "dry_mucous_membranes",
        "Dry mucous membranes, no tears, sunken eyes",
        r"dry\s+(?:mucous\s+membranes|mucosa|mm|mouth|lips|tongue)\b",
        r"(?:mouth|lips|tongue)\s+(?:is\s+|are\s+|looks?\s+|seems?\s+)?(?:very\s+|really\s+)?(?:dry|parched|cracked|sticky)\b",
        r"no\s+tears\b",
        r"sunken\s+(?:eyes|soft\s+spot|fontanel\w*)\b",
        r"(?:won'?t|wont|will\s+not|isn'?t|not|refus\w*|hasn'?t)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:drink\w*|take\s+(?:any\s+)?fluids|taking\s+(?:any\s+)?fluids)\b",
    ),
    _amber(
        "poor_feeding_infant",
        "Poor feeding in an infant",
        r"(?:poor|not|reduced|refus\w*|won'?t|wont|isn'?t|hasn'?t|stopped|off\s+(?:his|her|their))\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:feeding|feeds?|nursing|nurse|breast\s*feeding|breastfeed|bottle|bottles|formula|eat|eating)\b",
        r"feeding\s+(?:poorly|badly|less|very\s+little)\b",
        when=lambda f: _child(f) and (f.infant or (f.age_years is not None and f.age_years < 1)),
    ),
    _amber(
        "reduced_urine_output",
        "Reduced urine output (fewer wet nappies/diapers)",
        *rule_patterns("dehydration"),
        r"(?:fewer|less|not\s+many|barely\s+any|hardly\s+any|only\s+(?:one|two|1|2))\s+wet\s+(?:diapers?|nappies|nappy)\b",
        r"(?:not|hasn'?t|hasnt|hasn'?t\s+been|not\s+been)\s+(?:peeing|peed|weeing|urinat\w*|wetting)\b",
        r"(?:reduced|decreased|low|poor)\s+urine\s+output\b",
        r"oliguri\w*",
        r"(?:dry|no\s+wet)\s+(?:diapers?|nappies|nappy)\b",
    ),
    _amber(
        "cap_refill_3s",
        "Capillary refill time of 3 seconds or more",
        r"(?-i:CRT)\s*(?:(?:is|of|was|=|:|>)\s*)?(?P<crt>\d(?:\.\d)?)\s*(?:s|sec|secs|seconds)\b",
        r"cap(?:illary)?\s*refill\s*(?:time\s*)?(?:is\s+|of\s+|was\s+|=\s*|:\s*|>\s*)?(?P<crt>\d(?:\.\d)?)\s*(?:s|sec|secs|seconds)\b",
        r"(?:prolonged|delayed|slow|sluggish)\s+cap(?:illary)?\s*refill\b",
        r"cap(?:illary)?\s*refill\s+(?:is\s+)?(?:prolonged|delayed|slow)\b",
        check=_cap_refill_3s,
    ),
    _amber(
        "fever_5_days",
        "Fever for 5 days or more",
        rf"{_FEVERISH}",
        when=lambda f: _child(f) and f.duration_days is not None and f.duration_days >= 5,
    ),
    _amber(
        "rigors",
        "Rigors (shaking chills)",
        r"rigou?rs\b",
        rf"(?:shaking|uncontrollable|violent){S}(?:chills|shivers|shivering|shaking)\b",
        r"(?:shivering|shaking)\s+(?:uncontrollabl\w*|violently|all\s+over)\b",
    ),
    _amber(
        "swollen_limb_joint",
        "Swelling of a limb or joint",
        r"(?:swollen|swelling\s+(?:of|in)(?:\s+(?:his|her|the|their))?)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:joint|knee|ankle|leg|arm|hip|elbow|wrist|foot|hand|limb)\b",
        r"(?:joint|knee|ankle|leg|arm|hip|elbow|wrist|limb)\s+(?:is\s+|looks\s+|has\s+)?(?:red\s+and\s+)?(?:swollen|swelling|puffy)\b",
    ),
    _amber(
        "not_weight_bearing",
        "Not using a limb or not bearing weight",
        r"non[\s-]*weight[\s-]*bearing\b",
        r"(?:won'?t|wont|will\s+not|can'?t|cannot|isn'?t|not|refus\w*)\s+(?:to\s+)?(?:walk|walking|stand|standing|bear\s+weight|put\s+(?:any\s+)?weight|use\s+(?:his|her|the)\s+(?:arm|leg))\b",
        r"(?:limping|limp\s+on)\b",
    ),
    Criterion(
        "temp_40",
        "same_day",
        "Temperature of 40 C (104 F) or more",
        when=lambda f: f.is_child and f.temp_c is not None and f.temp_c >= 40.0,
        shows=("temp_c",),
        source="AAP HealthyChildren",
    ),
    _amber(
        "immunosuppressed_child",
        "Fever in a child with a weak immune system (chemotherapy, sickle cell, no spleen, transplant)",
        rf"{_FEVERISH}",
        when=lambda f: _child(f) and f.immunosuppressed,
        source="AAP HealthyChildren",
    ),
    # ---- GREEN: home care ---------------------------------------------------------------
    Criterion(
        "green_features",
        "self_care",
        "Normal colour, responds normally, content or smiling, stays awake, moist mouth, drinking",
        patterns=(
            r"(?:playing|plays|played|running\s+around|laughing|smiling|smiles|giggling|chatty|babbling)\b",
            r"(?:acting|seems|seeming|looks|behaving)\s+(?:totally\s+|completely\s+|pretty\s+|mostly\s+)?(?:normal|normally|fine|ok|okay|himself|herself|well|happy|like\s+(?:him|her)self)\b",
            r"(?:drinking|feeding|nursing|eating)\s+(?:well|fine|ok|okay|normally|good|alright)\b",
            r"(?:normal|good|pink)\s+colou?r\b",
            r"moist\s+(?:mucous\s+membranes|mucosa|mm|mouth)\b",
            r"(?:alert|content|consolable|interactive)\b",
            r"(?:wet|plenty\s+of\s+wet|normal\s+wet)\s+(?:diapers|nappies)\b",
        ),
        when=_child,
        also=(FEVER_ALSO,),
        source="NICE NG143",
    ),
)

CRITERIA = tuple(c for item in _CRITERIA for c in (item if isinstance(item, tuple) else (item,)))

PROTOCOL = Protocol(
    name="fever_child",
    title="Fever in a child",
    sources=(NICE_NG143, AAP, NHS_111, UKHSA_MENB_FEVER),
    complaint=COMPLAINT,
    default="self_care",
    criteria=CRITERIA,
    home_care=(
        "Give paracetamol (acetaminophen) or ibuprofen by weight if the child is distressed (not both at once, no "
        "aspirin), offer regular drinks (breastfeed as usual), dress lightly, and check on them during the night. "
        "Do not sponge with cold water. Call back the same day if the fever lasts 5 days, the child gets worse, stops "
        "drinking, has fewer wet nappies, or you are worried; call 911 for a rash that does not fade under a glass, "
        "a stiff neck, breathing problems, blue or mottled skin, a fit, or a child who is floppy or hard to wake."
    ),
    advice={
        "emergency": "Advise 911 / the emergency department now: a NICE NG143 RED feature in a febrile child.",
        "same_day": "Arrange a same-day face-to-face assessment (NICE NG143 AMBER feature); advise 911 if any RED "
        "feature appears.",
    },
)
