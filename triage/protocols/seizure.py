"""Seizure, convulsion or fit (NICE NG217 epilepsies; NHS 111 "epilepsy: what to do if someone has
a seizure" and febrile seizures).

911 (NHS: call 999) for a first seizure, one lasting more than 5 minutes or still going, repeated
seizures without recovery in between, not waking up or not breathing normally afterwards, an
injury, a seizure in water, in pregnancy or after a birth (eclampsia), after a head injury, and a
child's first febrile seizure. A seizure is an event that matters once over, so these criteria are
not "resolvable": "she had a seizure, she's fine now" still counts. A seizure in someone with
known epilepsy (or a child with earlier febrile seizures) that was brief and typical, with full
recovery, is discussed with a clinician today.
"""

import re

from triage.protocols.schema import Criterion, Protocol
from triage.protocols.sources import NHS_111, NICE_NG217, NICE_NG232
from triage.protocols.words import PRON, S, gap, rule_patterns
from triage.redflags.context import Doc, affirmed

# the red-flag "seizure" wording, with "seized up" / "seizing up" (a stiff back, an engine) left out
SEIZURE = (
    r"(?:seizure|seizures|siezure|siezures|seizur|seizer|seizers|seziure|seasure|seazure|sezure|seizing|siezing|seized|convulsion\w*|convulsing|convulsed|grand\s+mal|tonic[\s-]*clonic|postictal|post[\s-]ictal)\b(?!\s+up\b)",
    rf"having{S}(?:a\s+)?fit\b",
    r"(?:had|has\s+had|having|has|have|had\s+another|having\s+another)\s+(?:a\s+|an\s+|another\s+|two\s+|three\s+|several\s+)?(?:epileptic\s+|febrile\s+|big\s+|small\s+)?fits?\b(?!\s+(?:of\s+(?:coughing|rage|laughter|anger|giggles|crying)|in\b))",
    r"(?:started|starts|was|is|been|keeps|kept|began)\s+fitting\b",
    r"(?:absence|focal|febrile|epileptic|petit\s+mal)\s+(?:seizures?|episodes?|spells?|attacks?|fits?)\b",
    r"status\s+epilepticus\b",
    rf"(?:shaking|jerking|twitching|stiffened|stiff){S}(?:all\s+over\s+|uncontrollably\s+|violently\s+)?(?:and|then|with){S}(?:(?:his|her|their)\s+)?(?:was\s+|is\s+|went\s+)?(?:unresponsive|unconscious|eyes\s+rolled|not\s+responding|foaming|frothing)\b",
    rf"(?:shaking|jerking|twitching|stiffened|stiff){gap(4)}(?:eyes\s+rolled|(?:wasn'?t|isn'?t|not)\s+respond\w*|unresponsive|foaming\s+at\s+the\s+mouth)\b",
    rf"eyes\s+rolled\s+(?:back|up){gap(4)}(?:shaking|jerking|stiff\w*|unresponsive)\b",
)
# the red-flag rule is the tested source of the first two rows
assert rule_patterns("seizure")[1] == SEIZURE[1]
KNOWN = (
    r"(?:known|diagnosed)\s+(?:with\s+)?(?:epilep\w*|seizure\s+disorder|seizures)\b"
    r"|epilep\w*|seizure\s+disorder|(?:his|her|my|their)\s+(?:usual|normal|typical|regular)\s+(?:seizures?|fits?|episodes?)"
    r"|(?:usual|normal|typical|regular)\s+(?:seizures?|fits?|seizure)\b|like\s+(?:his|her|my|their)\s+(?:other|usual|previous)\s+(?:seizures?|ones)"
    r"|(?:history|hx|h/o)\s+of\s+(?:febrile\s+)?(?:seizures|convulsions|epilepsy|fits)\b"
    r"|(?:had|has\s+had|have\s+had)\s+(?:febrile\s+)?(?:seizures|convulsions|fits|them|these)\s+before\b"
    r"|more\s+(?:seizures\s+|fits\s+)?(?:than\s+(?:usual|normal)|often\s+than\s+usual)"
    r"|(?:keppra|levetiracetam|lamotrigine|lamictal|valpro\w*|depakote|epilim|carbamazepine|tegretol|phenytoin|dilantin|topiramate|topamax|lacosamide|vimpat|oxcarbazepine|trileptal|clobazam|brivaracetam|briviact|zonisamide|ethosuximide|perampanel|cenobamate)\b"
)
FIRST = (
    r"first\s+(?:ever\s+)?(?:seizure|convulsion|fit|febrile\s+(?:seizure|convulsion|fit))\b",
    r"(?:never|not\s+ever)\s+(?:had|have\s+had|has\s+had)\s+(?:a\s+|any\s+)?(?:seizures?|fits?|convulsions?)\s+before\b",
    rf"(?:seizure|seizures|convulsion|fit){gap(8)}(?:never|not\s+ever)\s+(?:had|have\s+had|has\s+had)\s+(?:one|them|it|that)\s+before\b",
    r"(?:seizure|seizures|convulsion|fit)\W+(?:\w+\W+){0,2}?first\s+(?:ever|one|time)\b",
    r"(?:new[\s-]onset|first[\s-]time|first\s+time)\s+(?:seizure|convulsion|fit)\b",
    r"(?:seizure|convulsion|fit)\s+for\s+the\s+first\s+time\b",
)
SEIZ = r"(?:seiz\w*|siez\w*|convuls\w*|fitting|fit)"
LONG = (
    rf"(?:still|keeps|kept|won'?t\s+stop|isn'?t\s+stopping|not\s+stopping|hasn'?t\s+stopped|ongoing|continuous|continuing)\s+(?:\w+\s+){{0,2}}?{SEIZ}\b",
    rf"{SEIZ}\s+(?:\w+\s+){{0,2}}?(?:won'?t|will\s+not|isn'?t|hasn'?t|has\s+not|not)\s+(?:stop|stopping|stopped|ending)\b",
    r"status\s+epilepticus\b",
    rf"{SEIZ}{gap(4)}(?:for|lasted|lasting|went\s+on\s+for|over|more\s+than|longer\s+than)\s+(?:about\s+|around\s+|almost\s+|nearly\s+|over\s+|more\s+than\s+)?(?P<min>\d{{1,2}}|five|six|seven|eight|ten|fifteen|twenty|thirty)\s*(?:\+\s*)?(?:minutes?|mins?)\b",
    r"(?P<min2>\d{1,2}|five|six|seven|eight|ten|fifteen|twenty|thirty)[\s-]*(?:minutes?|mins?)[\s-]+(?:long\s+)?(?:seizure|convulsion|fit)\b",
    r"(?:seizure|convulsion|fit)\s+(?:\w+\s+){0,3}?(?:longer|more)\s+than\s+(?:5|five)\s+(?:minutes?|mins?)\b",
)
REPEATED = (
    r"(?:another|second|third|2nd|3rd|two|three|four|[2-9]|several|multiple|many|repeated|recurrent|back[\s-]to[\s-]back|cluster\s+of)\s+(?:\w+\s+)?(?:seizures?|convulsions?|fits?)\b",
    rf"(?:seizures?|convulsions?|fits?|seiz\w*){gap(3)}(?:again|one\s+after\s+(?:another|the\s+other)|back[\s-]to[\s-]back|keeps\s+happening|in\s+a\s+row)\b",
    r"(?:keeps|kept|keep)\s+(?:having\s+(?:\w+\s+)?(?:seizures|fits|convulsions)|seizing|fitting|convulsing)\b",
    r"(?:(?:seizure|fit)\s+clusters?|cluster\s+seizures)\b",
)
AFTER_SEIZURE_UNWELL = (
    r"(?:not|isn'?t|hasn'?t|won'?t|wont|can'?t|cannot|couldn'?t)\s+(?:\w+\s+)?(?:waking|woken|wake|wake\s+up|come\s+round|come\s+around|coming\s+round|coming\s+to|respond\w*|rousable|arousable)\b",
    r"(?:still\s+)?(?:unresponsive|unconscious|unrousable)\b",
    r"(?:not|isn'?t|stopped)\s+breathing\b|(?:turned|turning|went|is|was|looks?|looked)\s+(?:blue|grey|gray|purple)\b|blue\s+lips\b",
    r"(?:not|isn'?t|hasn'?t|still\s+not)\s+(?:back\s+to\s+(?:normal|(?:him|her)self)|(?:him|her)self\s+again|recovered|fully\s+awake)\b",
    r"(?:still|remains?|very)\s+(?:confused|drowsy|out\s+of\s+it|groggy)\s+(?:\w+\s+){0,3}?(?:an?\s+|one\s+|two\s+|\d+\s+)(?:hours?|hrs?)\b",
    r"(?:breathing|breathes)\s+(?:is\s+)?(?:strange|odd|noisy|gurgling|not\s+normal|abnormal)\b",
)
_UNWELL = "|".join(AFTER_SEIZURE_UNWELL)
# the seizure and the failure to recover in one sentence ("the seizure stopped but he isn't waking
# up"): an `also` would be judged resolvable and miss it
NOT_WAKING = (
    rf"{SEIZ}{gap(10)}(?:{_UNWELL})",
    rf"(?:{_UNWELL}){gap(3)}(?:after|since|following)\s+(?:the\s+|a\s+|his\s+|her\s+|my\s+)?{SEIZ}",
)
INJURY_OR_WATER = (
    rf"(?:hit|banged|bumped|cut|split|hurt|injured|smacked){S}(?:{PRON}{S})?(?:head|face|chin|lip|mouth)\b",
    r"(?:in|into)\s+(?:the\s+)?(?:water|bath|bathtub|tub|pool|lake|sea)\b",
    r"(?:broke|broken|fractured)\s+(?:\w+\s+)?(?:arm|wrist|tooth|teeth|nose|leg|hip)\b",
)
HEAD_INJURY = (
    rf"(?:hit|hitting|bumped|banged|smacked|struck|whacked|cracked){S}(?:\w+{S}){{0,2}}?head\b|head\s+(?:injury|injuries|trauma)\b|concuss\w*"
    rf"|fell{gap(4)}(?:on|onto|hit|hitting|landed\s+on)\s+(?:{PRON}\s+)?head\b|(?-i:TBI)\b"
)


def _present(pattern: str):
    """A check: ``pattern`` is affirmed anywhere in the message, judged as an event that stays true
    once over. (An ``also`` is judged resolvable: in "he has epilepsy, had a seizure, he's fine
    now" the trailing "fine now" would cancel "epilepsy".)"""
    compiled = re.compile(r"\b(?:" + pattern + ")", re.I)

    def check(m: re.Match) -> bool:
        doc = Doc(m.string)
        return any(
            affirmed(doc, x.start(), x.end(), resolvable=False)
            for x in compiled.finditer(doc.text)
            if x.end() > x.start()
        )

    return check


RECOVERED = (
    r"(?:back\s+to\s+(?:normal|baseline|(?:him|her|my)self|usual)|recovered|fully\s+awake|awake\s+(?:and|now)|alert\s+(?:and|now)|talking\s+(?:normally|now)"
    r"|(?:fine|ok|okay|alright|all\s+right|normal|good)\s+now|(?:is|seems|was|feels?)\s+(?:fine|ok|okay|alright|normal|himself|herself)"
    r"|brief|short|quick|(?:his|her|my|their)\s+(?:usual|normal|typical|regular)|usual\s+(?:seizure|fit)s?|typical|like\s+(?:his|her|my|their)\s+(?:usual|other|previous)"
    r"|(?:lasted|lasting|for)\s+(?:about\s+|around\s+|less\s+than\s+|under\s+)?(?:a|one|1|2|3|two|three|a\s+couple\s+of|a\s+few|30|\d{1,2}\s+seconds?|few\s+seconds)\s*(?:minutes?|mins?|seconds?|secs?)?\b)"
)
_KNOWN = _present(KNOWN)
# recovery wording, found as written: "hx of epilepsy, had a typical seizure, back to baseline" puts
# it in the history scope; a failure to recover ("not back to normal") is the not_recovering criterion's
_RECOVERED_RE = re.compile(r"\b(?:" + RECOVERED + ")", re.I)


def _RECOVERED(m: re.Match) -> bool:
    return _RECOVERED_RE.search(m.string) is not None


def _not_over_weeks(m: re.Match) -> bool:
    """Repeated seizures today, not "two seizures this year" (more frequent seizures: not a cluster)."""
    after = m.string[m.end() : m.end() + 40]
    return (
        re.match(
            r"\W*(?:\w+\W+){0,2}?(?:this|a|per|each|every|in\s+the\s+(?:past|last))\s+(?:week|month|year)s?\b|\W*(?:in|over)\s+(?:\w+\s+)?(?:weeks|months|years)\b",
            after,
            re.I,
        )
        is None
    )


def _minutes_5_or_more(m: re.Match) -> bool:
    words = {"five": 5, "six": 6, "seven": 7, "eight": 8, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30}
    raw = m.groupdict().get("min") or m.groupdict().get("min2")
    if raw is None:
        return True
    value = int(raw) if raw.isdigit() else words.get(raw, 0)
    return value >= 5


PROTOCOL = Protocol(
    name="seizure",
    title="Seizure, convulsion or fit",
    sources=(NICE_NG217, NHS_111, NICE_NG232),
    complaint=SEIZURE,
    default="same_day",
    criteria=(
        Criterion(
            "long_seizure",
            "emergency",
            "Seizure lasting 5 minutes or more, or still going (status epilepticus)",
            patterns=LONG,
            check=_minutes_5_or_more,
            resolvable=False,
            source="NICE NG217",
        ),
        Criterion(
            "repeated_seizures",
            "emergency",
            "Repeated seizures or a cluster (another seizure before recovering, or more than usual)",
            patterns=REPEATED,
            check=_not_over_weeks,
            resolvable=False,
            source="NICE NG217",
        ),
        Criterion(
            "not_recovering",
            "emergency",
            "Not waking up, not breathing normally or not back to normal after the seizure",
            patterns=NOT_WAKING,
            resolvable=False,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "pregnancy_seizure",
            "emergency",
            "Seizure in pregnancy or after giving birth (eclampsia)",
            patterns=SEIZURE,
            when=lambda f: f.pregnant or f.postpartum,
            resolvable=False,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "seizure_after_head_injury",
            "emergency",
            "Seizure after a head injury",
            patterns=SEIZURE,
            check=_present(HEAD_INJURY),
            resolvable=False,
            source="NICE NG232",
        ),
        Criterion(
            "injured_or_in_water",
            "emergency",
            "Seizure with an injury, or in water",
            patterns=SEIZURE,
            check=_present("|".join(INJURY_OR_WATER)),
            resolvable=False,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "first_seizure",
            "emergency",
            "First seizure (including a child's first febrile seizure)",
            patterns=FIRST,
            resolvable=False,
            source="NICE NG217",
        ),
        Criterion(
            "seizure_not_known_epilepsy",
            "emergency",
            "Seizure in someone not known to have epilepsy or earlier febrile seizures, or not clearly brief, typical and recovered",
            patterns=SEIZURE,
            check=lambda m: not (_KNOWN(m) and _RECOVERED(m)),
            resolvable=False,
            source="NICE NG217",
        ),
        Criterion(
            "known_epilepsy_recovered",
            "same_day",
            "Known epilepsy (or earlier febrile seizures): a brief, typical seizure with full recovery",
            patterns=(
                *SEIZURE,
                # "hx of epilepsy, had a typical seizure": in one match, or the history scope covers the seizure
                rf"(?:history|hx|h/o|pmh|pmhx)\s*(?:of|:)?\s*(?:epilep\w*|seizure\s+disorder|seizures|febrile\s+seizures){gap(6)}(?:seizure|seizures|fit|convulsion)\b",
            ),
            check=lambda m: _KNOWN(m) and _RECOVERED(m),
            resolvable=False,
            source="NHS 111 / NHS.uk conditions",
        ),
    ),
    home_care=(
        "During a seizure: stay with the person, time it, move hard objects away, cushion the head, loosen tight clothing, "
        "put nothing in the mouth; afterwards roll them onto their side and let them rest until fully awake. Keep a seizure "
        "diary, take epilepsy medicines on time, get enough sleep. Call 911 if it lasts over 5 minutes, another follows, "
        "they are injured or do not wake up."
    ),
    advice={
        "emergency": "Advise 911 now. During a seizure: time it, move dangerous objects away, cushion the head, nothing in the mouth; afterwards put them on their side (recovery position) and stay with them.",
        "same_day": "Call the patient back today (known epilepsy, brief typical seizure, recovered): review triggers, missed doses and the epilepsy plan; advise 911 if another seizure follows or one lasts over 5 minutes.",
    },
)
