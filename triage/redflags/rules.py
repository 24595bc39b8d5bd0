"""The red-flag rule table (pure data): each row a stable rule name, an urgency and the regex
alternatives that tolerate patient phrasing, misspellings and abbreviations (see the package
docstring for the row options). ``RULESET_VERSION`` changes whenever a row's meaning does."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from triage.redflags.patterns import (
    AFTER_MY,
    BP_VALUE,
    BREATH,
    CANT,
    CHEST,
    CLINICAL_VERB,
    FEVER_ANY,
    FEVER_WORD,
    GLUCOSE_VALUE,
    HEADACHE,
    INFANT_AGE,
    PAIN,
    PILLS,
    PREGNANT,
    PRON,
    TEMP_VALUES,
    VOMIT,
    S,
    alt,
    bp_crisis,
    fever_at_least,
    gap,
    gap_affirmative,
    glucose_extreme,
    high_fever,
    infant_check,
    not_after,
)
from vocabulary import Urgency

RULESET_VERSION = "1"

EMERGENT = Urgency.EMERGENT.value
URGENT = Urgency.URGENT.value


@dataclass(frozen=True)
class RuleHit:
    rule: str
    urgency: str  # "emergent" or "urgent"
    span: tuple[int, int]
    text: str

    def as_dict(self) -> dict:
        return {
            "kind": "rule",
            "rule": self.rule,
            "urgency": self.urgency,
            "span": [self.span[0], self.span[1]],
            "text": self.text,
        }


@dataclass(frozen=True)
class Rule:
    """One row of the rule table (build rows with :func:`_rule`)."""

    name: str
    urgency: str
    # The ways the rule can fire: patterns matched from a word boundary, lower-case against the
    # lower-cased text unless they hold a "(?-i:" part (then against the text as written).
    patterns: tuple[str, ...]
    check: Callable[[re.Match], bool] | None = None
    companion: re.Pattern | None = None  # must also be affirmed somewhere in the message
    companion_check: Callable[[re.Match], bool] | None = None
    exclude_after: re.Pattern | None = None  # tested right after the match
    # False for events that matter even when over ("had a seizure, it stopped now").
    resolvable: bool = True


def _rule(
    name: str,
    urgency: str,
    *patterns: str,
    check: Callable[[re.Match], bool] | None = None,
    companion: str | None = None,
    companion_check: Callable[[re.Match], bool] | None = None,
    exclude_after: str | None = None,
    resolvable: bool = True,
) -> Rule:
    return Rule(
        name=name,
        urgency=urgency,
        patterns=patterns,
        check=check,
        companion=re.compile(companion, re.IGNORECASE) if companion else None,
        companion_check=companion_check,
        exclude_after=re.compile(exclude_after) if exclude_after else None,
        resolvable=resolvable,
    )


RULES: tuple[Rule, ...] = (
    # ---- emergent -------------------------------------------------------------------
    _rule(
        "chest_pain",
        EMERGENT,
        rf"{CHEST}{gap()}(?:{PAIN}|pressure|tight|tightness|tightening|heaviness|heavy|discomfort|squeezing|crushing|pian)\b",
        rf"(?:pain|pressure|tightness|heaviness|squeezing|discomfort|crushing|ache|aching){S}(?:in|on|across|around){S}(?:{PRON}{S})?(?:(?:center|centre|middle)\s+of\s+(?:{PRON}\s+)?)?{CHEST}\b",
        r"(?-i:CP)\b",
        r"heart\s+attack\b",
        rf"{CHEST}{gap(5)}(?:someone|something|an?\s+\w+){gap(2)}(?:sitting|standing|stepping|squeez\w*|crush\w*)\b",
        r"angina\b",
        rf"(?:pain|ache|pressure|tightness)\b{gap(2)}(?:radiating|radiates|going|goes|shooting|spreading|spreads|moving)\s+(?:down|to|into|up)\s+(?:{PRON}\s+)?(?:left|l)\s+(?:arm|shoulder|jaw)\b",
    ),
    _rule(
        "breathing",
        EMERGENT,
        rf"{CANT}{gap(2)}{BREATH}\b",
        rf"(?:trouble|difficulty|difficult|hard|hard\s+time|struggling|struggle|struggles|problems?|labou?red|fighting|gasping){gap(2)}{BREATH}\b",
        rf"{BREATH}{S}(?:is\s+|has\s+been\s+|seems\s+)?(?:very\s+|really\s+|so\s+)?(?:labou?red|difficult|hard|struggling|shallow\s+and\s+fast)\b",
        r"short(?:ness|nes)?[\s-]*(?:of|o)\s+(?:breath|breathe|breth)\b",
        r"(?-i:SOB|S\.O\.B\.?)",
        r"sob\b(?:(?<=c/o sob)|(?<=w/ sob)|(?<=\+sob)|(?<=\bno sob)|(?<=denies sob))",
        r"dyspn(?:o)?ea\b",
        r"gasp(?:ing|ed)\s+for\s+(?:air|breath)\b",
        r"gasping\b",
        r"(?:bad|badly|severe|severely|really\s+bad|constant|loud)\s+wheez\w*",
        r"wheez\w*\s+(?:really\s+|so\s+)?(?:badly|bad|severely|a\s+lot|nonstop|constantly)\b",
        r"can'?t\s+get\s+(?:enough\s+)?air\b",
        r"(?:lips|face|skin)\s+(?:are\s+|is\s+|look\s+|looks\s+|looked\s+|turning\s+|turned\s+|going\s+)?(?:kinda\s+|kind\s+of\s+|a\s+bit\s+|slightly\s+|sort\s+of\s+|really\s+)?(?:blue|bluish|purple|grey|gray)\b",
        r"turning\s+blue\b",
        rf"{BREATH}{S}(?:really\s+|very\s+|super\s+|so\s+)fast\b",
        rf"(?:ribs{gap(2)}(?:sucking|sucks|sucked|pulling|pulls|caving|caves)\s+in|sucking\s+in{gap(2)}ribs|retractions|nostrils\s+(?:are\s+)?flaring|grunting\s+with\s+(?:each|every)\s+breath)",
        exclude_after=rf"{S}(?:well\s+)?(?:through|thru|out\s+of|in\s+through){S}(?:{PRON}{S})?(?:nose|nostril)",
    ),
    _rule(
        "stroke",
        EMERGENT,
        rf"(?:face|smile|mouth){gap(2)}(?:droop\w*|sagging|saggy|uneven|lopsided|crooked)",
        rf"(?:droop\w*|sagging|lopsided|crooked|uneven){gap(2)}(?:face|mouth|smile)\b",
        r"facial\s+droop\w*",
        rf"slurr?(?:ed|ing|y){gap(2)}(?:speech|words|talking|speaking)\b",
        rf"(?:speech|words|talking){gap(2)}slurr?(?:ed|ing|y)\b",
        r"slurring\b",
        r"slurred\b",
        rf"(?:weak\w*|numb\w*|paralyz\w*|limp|can'?t\s+(?:move|feel|lift)){gap(4)}(?:one\s+side|(?:left|right)\s+side|half{S}(?:of{S})?(?:{PRON}{S})?body|(?:left|right)\s+arm\s+and\s+(?:left\s+|right\s+)?leg)\b",
        r"one[\s-]*sided\s+(?:weakness|numbness|paralysis)\b",
        rf"(?:one|left|right)\s+side{S}(?:of{S}(?:{PRON}{S})?(?:body|face){S})?(?:is\s+|went\s+|feels\s+|has\s+gone\s+)?(?:weak|numb|limp|paralyzed|dead|drooping)\b",
        r"sudden(?:ly)?\s+(?:onset\s+)?(?:of\s+)?(?:weakness|numbness)\b",
        rf"(?:can'?t|cannot|unable\s+to|couldn'?t){S}(?:move|lift|raise|feel){S}(?:{PRON}{S})?(?:left|right){S}(?:arm|leg)\b",
        rf"(?:he|she|they|mom|dad|pt|patient|husband|wife|mother|father|grandma|grandpa|son|daughter|i)(?:'s|{S}is|{S}was|{S}has{S}been|{S}keeps|{S}started)?{S}(?:\w+{S})?not{S}making{S}(?:any{S})?sense\b",
        r"not(?<=, not)\s+making\s+(?:any\s+)?sense\b(?!\s+to\s+(?:me|us))",
        r"(?:talking|speaking)\s+(?:nonsense|gibberish)\b",
        rf"(?:doesn'?t|does\s+not|didn'?t){S}(?:know|recogni[sz]e){S}(?:where{S}(?:he|she|they){S}(?:is|are|was)|(?:me|us|anyone))\b",
        rf"sudden(?:ly)?{gap(1)}(?:confus\w*|disoriented)",
        rf"(?:can'?t|cannot|couldn'?t|trouble|difficulty|hard\s+time){S}(?:speaking|talking\s+right|get(?:ting)?{S}(?:{PRON}{S})?words\s+out|find(?:ing)?{S}(?:{PRON}{S}|the{S})?words?)\b",
        rf"(?:words|speech|sentences){S}(?:\w+{S})?(?:stopped|stop|weren'?t|aren'?t|isn'?t|wasn'?t){S}making{S}(?:any{S})?sense\b",
        r"words\s+(?:are\s+|were\s+)?(?:coming\s+out\s+)?(?:jumbled|garbled|wrong)\b",
        rf"(?:words|speech|talking|voice){S}(?:sound|sounds|sounding|is|are|seems?){S}(?:\w+{S})?(?:funny|weird|strange|off|wrong|garbled|drunk)\b",
        rf"(?:can'?t|cannot|unable\s+to|couldn'?t){S}walk{S}straight\b",
        not_after("stroke", *AFTER_MY, "post-", "post ", "heat ", "sun", "sun ", "brush ", "back", "breast")
        + r"\b(?!\s+of\s+(?:luck|genius|midnight))",
        r"mini[\s-]*stroke\b",
        r"(?-i:TIA|CVA)\b(?!\s+(?i:tenderness|angle))",
    ),
    _rule(
        "severe_bleeding",
        EMERGENT,
        rf"(?:won'?t|wont|will\s+not|can'?t|cant|cannot|can\s+not|doesn'?t|isn'?t|is\s+not|not|couldn'?t|hasn'?t|haven'?t){S}(?:been\s+able\s+to\s+)?(?:get\s+(?:it|the\s+bleeding)\s+to\s+)?stop(?:ped|ping)?{S}(?:the\s+)?(?:bleeding|bleed)\b",
        rf"(?:bleeding|bleed){S}(?:still\s+)?(?:won'?t|wont|will\s+not|doesn'?t|isn'?t|is\s+not|hasn'?t|has\s+not|not)\s+(?:stop|stopping|stopped|slowing|slow)",
        rf"(?:bleeding|bleed|bled){S}(?:very\s+|really\s+|so\s+)?(?:heavily|heavy|a\s+lot|profusely|badly|everywhere|like\s+crazy|through)\b",
        r"(?:heavy|profuse|massive|uncontrolled|severe)\s+bleeding\b",
        rf"soak(?:ed|ing){S}(?:through|thru){gap(3)}(?:pads?|towels?|gauze|bandages?|shirt|clothes)",
        rf"soak(?:ed|ing){S}(?:through|thru)\b",
        rf"soak(?:ed|ing){S}(?:a|one|\d+){S}pads?\b",
        rf"(?:{VOMIT}|cough(?:ing|ed)?(?:\s+up)?|spit(?:ting)?\s+up){gap(2)}(?:blood|bloood|bloody)\b",
        rf"blood{S}in{S}(?:{PRON}{S})?(?:vomit|throw\s+up|puke|spit)\b",
        r"(?:hematemesis|hemoptysis|haematemesis)\b",
        r"(?:so\s+much|lots?\s+of|tons?\s+of|too\s+much)\s+blood\b(?!\s+(?:work|tests?|drawn|pressure|sugar|thinners?))",
        rf"(?:nose\s*bleed|bleeding{S}from{S}(?:{PRON}{S})?nose|blood{S}from{S}(?:{PRON}{S})?nose){gap(4)}(?:for{S})?(?:over{S}|more{S}than{S})?(?:an|1|2|3|one|two|three){S}hours?\b",
        rf"(?:gushing|spurting|pouring|squirting){S}blood\b",
        rf"blood{S}(?:is\s+)?(?:gushing|spurting|pouring|squirting|everywhere)\b",
    ),
    _rule(
        "suicidal",
        EMERGENT,
        r"suicid\w*",
        r"suicidle\b",
        r"suicial\b",
        r"sucidal\b",
        rf"kill(?:ing)?{S}(?:my\s*self|meself|myslef)\b",
        rf"(?:thinking|thought|thoughts){S}(?:about|of){S}ending{S}it(?:{S}all)?\b",
        rf"(?:no|don'?t\s+see\s+the|dont\s+see\s+the){S}point{S}(?:in{S}|of{S})?(?:living|going\s+on|being\s+alive)\b",
        rf"(?:end|ending|take|taking){S}(?:my\s+(?:own\s+)?life|it\s+all)\b",
        rf"thoughts{S}(?:of|about){S}(?:dying|death|suicide|not\s+being\s+(?:here|alive))\b",
        r"no\s+way\s+out\b",
        r"(?:better\s+off\s+dead|better\s+off\s+without\s+me|wish\s+i\s+(?:was|were)\s+dead|want\s+to\s+die|wanna\s+die)\b",
        rf"(?:don'?t|dont|do\s+not|doesn'?t|does\s+not){S}want{S}to{S}(?:live|be\s+alive|be\s+here\s+anymore|wake\s+up|exist)\b",
        rf"(?:hurt|hurting|harm|harming|cut|cutting){S}(?:my\s*self|herself|himself)\b",
        r"self[\s-]*harm\w*",
        rf"(?:overdos\w*|o\.?d\.?){S}on{S}purpose\b",
        r"intentional(?:ly)?\s+overdos\w*",
        rf"took{gap(3)}(?:pills|tablets){gap(2)}(?:on\s+purpose|to\s+(?:die|end\s+it))",
        rf"(?:took|swallowed|ate|drank){gap(5)}on\s+purpose\b",
        r"(?-i:(?<=\+)SI)\b",
        r"(?-i:SI)(?=\s*(?:/|(?i:and)|&|,)\s*HI\b)",
        r"(?-i:SI)(?=\s+(?i:(?:with|w/|w)\s+(?:a\s+)?plan))",
    ),
    _rule("suicidal", EMERGENT, CLINICAL_VERB + r"(?-i:(?P<hit>SI))\b(?!\s+joint)"),
    _rule(
        "homicidal",
        EMERGENT,
        rf"(?:wants?|wanted|wanting|wanna|going|gonna|thinking\s+about|thoughts?\s+(?:of|about)|urges?|plan(?:ning)?|feel\s+like)(?:\s+to)?{S}(?:\w+{S})?(?:kill|hurt|harm|shoot|stab|strangle|murder)(?:ing)?{S}(?:someone|somebody|some\s+one|him|her|them|people|others|everyone|everybody|(?:my|his|her|their)\s+(?:husband|wife|boss|son|daughter|kids?|children|baby|mom|mother|dad|father|family|partner|boyfriend|girlfriend|neighbou?r|coworker|roommate|brother|sister)|the\s+(?:baby|kids?|neighbou?r|boss))\b",
        r"homicid\w*",
        rf"thoughts{S}of{S}(?:harming|hurting|killing){S}(?:others|someone|other\s+people|people)\b",
        r"(?-i:(?<=\+)HI)\b",
        r"(?-i:(?<=SI/)HI|(?<=SI )HI|(?<=SI and )HI|(?<=SI & )HI|(?<=SI, )HI|(?<=SI / )HI)\b",
    ),
    _rule("homicidal", EMERGENT, CLINICAL_VERB + r"(?-i:(?P<hit>HI))\b"),
    _rule(
        "anaphylaxis",
        EMERGENT,
        rf"throat{gap(4)}(?:closing|closing\s+up|swelling|swollen|swelled|tightening|constricting|closing\s+off)\b",
        rf"(?:tongue|lips?|mouth){gap(2)}(?:swell\w*|swollen|puff\w*|tingling\s+and\s+swell\w*)",
        rf"swell\w*{S}(?:of|in|on){S}(?:{PRON}{S})?(?:tongue|lips?|throat|mouth)\b",
        r"(?:anaph|anph)(?:y|i)la(?:x|ct)\w*",
        r"anaphalax\w*",
        r"anafalax\w*",
        r"anaphylatic\b",
        rf"allergic\s+reaction{gap(6)}(?:swell\w*|swollen|hives{gap(4)}(?:{BREATH}|throat)|{BREATH}|throat|wheez\w*)",
        rf"hives{gap(6)}(?:{BREATH}|wheez\w*|throat|tongue|lips?)\b",
        rf"(?:used|gave|give|given|needed|had\s+to\s+use|administered|injected){gap(2)}epi[\s-]?pen\b",
    ),
    _rule(
        "syncope",
        EMERGENT,
        r"(?:fainted|feinted|fanted|faintd|fainting|feinting)\b(?!\s+(?:goats?))",
        r"(?:passed|passing|past|pasted)\s+out\b",
        r"pass\s+out\s+cold\b",
        r"(?:blacked|blacking)\s+out\b",
        r"syncop\w*",
        r"(?-i:LOC)\b",
        rf"(?:lost|loss\s+of|losing|lose|lost\s+all){S}(?:conscious\w*|conciousness|concsiousness)",
        r"(?:unconscious|unresponsive|uncounscious)\b",
        r"(?:collapsed|went\s+limp)\b",
        rf"found{S}(?:(?:him|her|them|mom|dad|pt){S})?(?:lying{S})?(?:on{S}(?:the{S})?floor|down|unresponsive)\b",
        rf"(?:can'?t|cannot|couldn'?t|won'?t|not\s+able\s+to|unable\s+to|hard\s+to){S}wake{S}(?:him|her|them|my\s+\w+)?\s*up\b",
        rf"(?:won'?t|will\s+not){S}wake\s+up\b",
    ),
    _rule(
        "severe_abdominal_pain",
        EMERGENT,
        rf"(?:severe|severly|sever|worst|unbearable|unbearible|excruciating|extreme|intense|agoniz\w*){gap(2)}(?:stomach|stomache|stomachache|stomac|stomch|tummy|belly|abdominal|abdomen|abd|gut|lower\s+right|rlq|ruq){S}?(?:{PAIN}|cramps?|cramping)?\b",
        rf"(?:10/10|10\s+out\s+of\s+10){gap(2)}(?:stomach|stomache|stomachache|stomac|stomch|tummy|belly|abdominal|abdomen|abd|gut|lower\s+right|rlq|ruq){S}?(?:{PAIN}|cramps?|cramping)?\b",
        rf"(?:severe|severly|sever|worst|unbearable|unbearible|excruciating|extreme|intense|agoniz\w*){S}(?:pain|cramps?|cramping){S}(?:in|on){S}(?:{PRON}{S})?(?:(?:lower|upper|right|left){S}){{0,2}}(?:stomach|abdomen|belly|tummy|abd|side)\b",
        rf"(?:stomach|stomache|stomachache|abdominal|abdomen|abd|belly|tummy)(?:{S}(?:{PAIN}|cramps?|cramping))?{S}(?:is{S}|has{S}been{S}|getting{S}|so{S}|feels{S})?(?:\w+{S})?(?:severe|unbearable|unbearible|excruciating|10/10|10\s+out\s+of\s+10|the\s+worst|agoniz\w*)\b",
        rf"rigid{S}(?:{PRON}{S})?(?:abdomen|belly|stomach|abd)\b",
        rf"(?:abdomen|belly|stomach|abd){gap(3)}(?:rigid|hard\s+as\s+a\s+rock|rock\s+hard|board[\s-]*like)\b",
        rf"doubled\s+over{S}(?:in|with|from){S}(?:the\s+)?pain\b",
    ),
    _rule(
        "infant_fever",
        EMERGENT,
        *FEVER_ANY,
        check=fever_at_least(100.4),
        companion=INFANT_AGE,
        companion_check=infant_check,
    ),
    _rule(
        "pregnancy_bleeding",
        EMERGENT,
        alt(
            *(not_after(w, "nose", "nose ", "gum ", "gums ") for w in ("bleeding", "bleed", "bled")),
            "spotting",
            "spotted",
        )
        + r"\b(?!\s+(?:gums?|nose))",
        rf"(?:blood|red){S}(?:when\s+i\s+wipe|(?:in|on){S}(?:{PRON}{S})?(?:underwear|pad|panties|toilet|tissue))",
        rf"(?:passing|passed){S}(?:\w+{S})?clots?\b",
        r"blood\s+clots?\s+(?:coming\s+out|vaginally)\b",
        companion=PREGNANT,
    ),
    _rule("pregnancy_bleeding", EMERGENT, r"(?:miscarr\w*|misscarr\w*|miscarage\w*|losing\s+(?:the|my)\s+baby)\b"),
    _rule(
        "seizure",
        EMERGENT,
        r"(?:seizure|seizures|siezure|siezures|seizur|seizer|seizers|seziure|seasure|seazure|sezure|seizing|siezing|seized|convulsion\w*|convulsing|convulsed|grand\s+mal|tonic[\s-]*clonic|postictal|post[\s-]ictal)\b",
        rf"having{S}(?:a\s+)?fit\b",
    ),
    _rule(
        "severe_headache",
        EMERGENT,
        rf"worst{gap(2)}{HEADACHE}{gap(5)}(?:life|ever|had)\b",
        r"thunder\s*clap\w*",
        rf"sudden(?:ly)?{gap(2)}(?:severe|excruciating|explosive|terrible|worst){gap(1)}{HEADACHE}",
        rf"{HEADACHE}{gap(3)}(?:stiff\s+neck|neck\s+is\s+stiff)\b",
    ),
    _rule(
        "head_injury_with_symptoms",
        EMERGENT,
        rf"(?:hit|hitting|bumped|banged|smacked|struck|slammed|whacked|cracked){S}(?:\w+{S}){{0,2}}?head\b",
        r"head\s+(?:injury|injuries|trauma|wound|first)\b",
        r"headfirst\b",
        r"(?:concussion|concusion|concussed)\b",
        r"(?-i:TBI)\b",
        rf"fell{gap(4)}(?:on|onto|hit|hitting|landed\s+on)\s+(?:{PRON}\s+)?head\b",
        rf"(?:fell|fallen|tripped|slipped){gap(6)}head{S}(?:is{S})?(?:bleeding|bleeds|cut|gash|swollen|bump)",
        companion=alt(
            rf"\b{VOMIT}",
            r"\b(?:confus\w*|disoriented|drowsy|sleepy|lethargic|dazed)\b",
            r"\bthrown\s+up\b",
            r"\b(?:passed\s+out|blacked\s+out|knocked\s+out|unconscious|(?-i:LOC|\+LOC)|lost\s+consciousness)\b",
            r"\b(?:hard|difficult|can'?t|won'?t)\s+(?:to\s+)?wake\b",
            r"\bseiz\w*",
            r"\bslurr\w*",
            r"\b(?:blurry|blurred|double)\s+vision\b",
            rf"\b(?:worst|severe|worsening|bad){S}headache\b",
            r"\bheadache\s+(?:is\s+)?getting\s+worse\b",
            r"\bunequal\s+pupils\b",
            r"\bblood\s+thinners?\b",
            r"\b(?:eliquis|xarelto|warfarin|coumadin|apixaban|rivaroxaban|plavix)\b",
            r"\b(?:acting|not\s+acting){S}(?:strange|weird|right|normal)\w*",
            r"\bbleeding\s+from\s+(?:his\s+|her\s+|my\s+|the\s+)?(?:ear|ears|nose)\b",
            r"\bclear\s+fluid\b",
            r"\bmemory\s+loss\b",
            r"\bcan'?t\s+remember\b",
        ),
    ),
    _rule(
        "overdose_poisoning",
        EMERGENT,
        rf"(?:took|taken|take|taking|swallowed|ate|had){gap(2)}(?:too\s+many|way\s+too\s+many)(?:{S}(?:of\s+)?(?:{PRON}{S})?(?:\w+{S})?{PILLS})?\b",
        rf"(?:took|taken|swallowed|ate){S}(?:extra(?!{S}strength)|all{S}(?:of{S})?(?:{PRON}|of)|a{S}(?:whole{S})?(?:bunch|handful|bottle){S}of){gap(2)}{PILLS}\b",
        rf"(?:took|taken|swallowed|ate){S}a{S}(?:whole{S})?(?:bunch|handful|bottle){S}of{S}(?:{PRON}|\w+'s)\b",
        rf"(?:took|taken|swallowed|ate){S}(?:a{S}|the{S}|my{S}|his{S}|her{S})(?:whole{S}|full{S}|entire{S})(?:box|packet|pack|strip|bottle|container|blister\s+pack){S}of\b",
        rf"(?:took|taken|swallowed|ate){S}(?:a{S}|the{S}|two{S}|2{S})(?:box|boxes|packet|packets|packs?|strips?)\s+of{gap(2)}{PILLS}\b",
        rf"(?:button|coin|round|little|watch|remote|lithium)\s+(?:\w+\s+)?batter(?:y|ies){gap(10)}(?:swallow\w*|ate|eaten|in\s+(?:her|his|their)\s+mouth)\b",
        rf"(?:took|taken|swallowed|swallowing|taking|ate){S}(?:like{S}|about{S}|around{S}|maybe{S}|over{S}|almost{S})?(?:1[5-9]|[2-9]\d|\d{{3}}|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|a\s+hundred){S}(?:of{S}(?:{PRON}{S})?)?(?:\w+{S}){{0,2}}{PILLS}(?:{S}(?:tablets?|pills?|capsules?|caplets?))?",
        r"(?:too\s+much|double|extra|twice\s+the)\s+(?:\w+\s+)?insulin\b",
        rf"(?:took|injected|gave|did|used){S}(?:{PRON}{S}|\w+'s{S})?insulin{gap(5)}(?:twice|double|two\s+times|2x|again|too\s+much)\b",
        r"(?:overdos\w*|overdoes|over\s+dosed|od'd)\b(?!\s+on\s+purpose)",
        r"(?-i:OD(?:'d)?)\b(?!\s+(?i:on\s+purpose))",
        rf"(?:took|swallowed|ate|drank){gap(5)}on\s+purpose\b",
        rf"(?:swallowed|drank|drunk|ate|ingested|chewed|got\s+into|drinking|eating){gap(10)}(?:bleach|detergent|laundry\s+pod|tide\s+pod|pods?|battery|batteries|button\s+battery|magnets?|antifreeze|rat\s+poison|poison|drain\s+cleaner|cleaner|chemicals?|lighter\s+fluid|gasoline|windshield\s+fluid|mouthwash|pesticide|weed\s+killer|(?:\w+\s+)?pills)\b",
        r"(?:poisoned|poisoning)\b(?<!food poisoned)(?<!food poisoning)",
        r"poison\s+control\b",
        rf"accidental(?:ly)?{gap(2)}(?:ingest\w*|swallow\w*|overdos\w*)",
    ),
    _rule("sepsis_signs", EMERGENT, r"(?:sepsis|septic|septicemia|septicaemia)\b(?!\s+tank)"),
    _rule(
        "sepsis_signs",
        EMERGENT,
        *FEVER_ANY,
        check=fever_at_least(100.4),
        companion=alt(
            r"\b(?:confus\w*|disoriented|delirious|not\s+making\s+sense|lethargic|altered)\b",
            r"\b(?:hard|difficult)\s+to\s+wake\b",
            r"\brigou?rs\b",
            rf"\b(?:shaking|uncontrollable|violent){S}(?:chills|shaking)\b",
            r"\bshaking\s+uncontrollabl\w*",
            r"\bmottled\b",
        ),
    ),
    _rule(
        "preeclampsia_signs",
        EMERGENT,
        rf"(?:seeing{S}spots|spots{S}in{S}(?:{PRON}{S})?vision|flashing{S}lights|blurr(?:y|ed){S}vision|vision{S}changes)\b",
        rf"(?:severe|bad|terrible|pounding|awful|worst){gap(1)}{HEADACHE}",
        rf"{HEADACHE}{gap(3)}(?:won'?t|will\s+not|doesn'?t|not){S}(?:go\s+away|going\s+away|stop|get\s+better|help)",
        rf"pain{S}under{S}(?:{PRON}{S})?(?:right{S})?ribs\b",
        rf"(?:face|hands){S}(?:and{S}(?:hands|face){S})?(?:are{S}|is{S})?(?:suddenly{S})?(?:swollen|swelling|puffy)\b",
        companion=alt(
            r"\b(?:[2-4]\d)\s*(?:weeks?|wks?|w)\s*(?:pregnant|along|gestation|pg|preg)?\b(?!\s+(?:old|ago|postpartum))",
            r"\b(?:second|third|2nd|3rd)\s+trimester\b",
            r"\bpost\s*partum\b|\bpostpartum\b",
            r"\b(?:i'?m|im|i\s+am|she'?s|she\s+is)\s+(?:[2-4]\d)\s*(?:weeks?|wks?)\b",
        ),
    ),
    _rule(
        "sent_to_emergency",
        EMERGENT,
        rf"(?:told|said|says|saying|advised|instructed|recommended|directed|called|call){gap_affirmative(12)}"
        rf"(?:go|head|come)\s+(?:straight\s+|right\s+|directly\s+|in\s+)?to\s+(?:the\s+)?"
        rf"(?:er|e\.r\.?|emergency\s+room|emergency\s+department|emergency|ed|hospital)\b",
    ),
    _rule(
        "heart_rate_extreme",
        EMERGENT,
        rf"(?:heart\s*rate|pulse(?!\s*ox)|heart(?:{S}is)?{S}(?:racing|pounding|beating|going))(?:{S}[a-z]+){{0,4}}?{S}(?P<hr>\d{{2,3}})\b(?![-/%\d])(?!\s*(?:mg|lbs?|units))",
        r"(?-i:HR)(?i:\s*(?:is|was|of|at|=|:|~)?\s*(?:up\s+to\s+|over\s+|around\s+|in\s+the\s+)?)(?P<hr>\d{2,3})\b(?![-/%\d])",
        check=lambda m: int(m.group("hr")) >= 150 or 20 <= int(m.group("hr")) <= 40,
    ),
    _rule(
        "low_oxygen",
        EMERGENT,
        rf"(?:o2|oxygen|sats?|saturation|pulse\s*ox(?:imeter)?|spo2)(?:{S}[a-z]+){{0,4}}?{S}(?P<o2>\d{{2}})\s*%?(?!\d)(?!\s*(?:/|mg|lbs?|years?|yo\b))",
        check=lambda m: 50 <= int(m.group("o2")) < 90,
    ),
    _rule(
        "vision_loss",
        EMERGENT,
        rf"sudden(?:ly)?{gap(2)}(?:vision\s+loss|loss\s+of\s+(?:vision|sight)|blind\w*|lost{S}(?:{PRON}{S})?(?:vision|sight)|can'?t\s+see)\b",
        rf"(?:lost|losing|lose){S}(?:the{S}|my{S}|his{S}|her{S}|all{S})?(?:vision|sight|eyesight){S}(?:in|out\s+of){S}(?:{PRON}{S}|one{S})?(?:left{S}|right{S})?eye\b",
        rf"(?:can'?t|cannot|can\s+not|couldn'?t){S}see{S}(?:anything{S})?out{S}of{S}(?:{PRON}{S}|one{S})?(?:left{S}|right{S})?eye\b",
        r"(?:went|gone|going)\s+blind\b",
        rf"(?:curtain|shade|shadow){gap(3)}(?:over|across|coming\s+down){gap(2)}(?:eye|vision)\b",
    ),
    # ---- urgent ---------------------------------------------------------------------
    _rule(
        "high_fever",
        URGENT,
        rf"(?P<high>(?:very|really|super)\s+(?:high|spiking|spiked\s+a)|high|spiking|spiked\s+a){S}(?:grade{S})?(?:{FEVER_WORD}|temp|temperature)\b",
        *TEMP_VALUES,
        check=high_fever,
    ),
    _rule(
        "persistent_vomiting",
        URGENT,
        rf"{CANT}{gap(1)}keep{S}(?:anything|any\s*thing|any{S}(?:fluids|liquids|water|food)|fluids|liquids|water|food|it|down|\w+\s+down)",
        rf"{VOMIT}{gap(2)}(?:non[\s-]?stop|constantly|all\s+(?:day|night)|every\s+(?:hour|\d+\s+minutes)|for\s+(?:\d+|two|three|four|several)\s+days)\b",
        r"(?:intractable|persistent|projectile|uncontrollable)\s+(?:vomit\w*|emesis)",
        r"(?i:intractable|persistent|projectile|uncontrollable)\s+(?-i:N/V)",
        rf"(?-i:N/V|N&V){S}(?i:(?:x|for){S}?(?:\d+|two|three|several){S}?(?:days?|d))\b",
    ),
    _rule(
        "gi_bleeding",
        URGENT,
        rf"blood{S}(?:in|on){S}(?:{PRON}{S})?(?:stool|stools|poop|poo|bm|bowel\s+movements?|diaper|toilet\s+paper)\b",
        r"bloody\s+(?:stool|stools|poop|diarrh\w*|bm|bowel\s+movements?)\b",
        rf"(?:black|tarry|maroon){S}(?:and{S})?(?:tarry{S})?(?:stool|stools|poop|bm)\b",
        r"(?:melena|hematochezia)\b",
        r"(?-i:BRBPR)\b",
        rf"(?:rectal\s+bleeding|bleeding{S}from{S}(?:{PRON}{S})?(?:rectum|butt|bottom|anus))\b",
        rf"(?:pooping|pooped|passing){S}blood\b",
    ),
    _rule(
        "hypertensive_crisis",
        URGENT,
        rf"(?:blood\s+pressure|pressure|readings?){BP_VALUE}",
        rf"(?:bp|b/p){BP_VALUE}",
        check=bp_crisis,
    ),
    _rule(
        "severe_hypoglycemia",
        EMERGENT,
        rf"(?:blood\s+sugars?|sugars?|glucose|reading|meter){GLUCOSE_VALUE}",
        rf"(?-i:BS|BG|CBG|FSBS)(?i:{GLUCOSE_VALUE})",
        check=lambda m: int(m.group("bg")) < 70,
        companion=alt(
            r"\b(?:confus\w*|disoriented|not\s+making\s+sense|slurr\w*|unresponsive|passed\s+out|"
            r"seiz\w*|can'?t\s+wake|won'?t\s+wake|hard\s+to\s+wake|not\s+responding)\b",
            r"\b(?:juice|glucose\s+tabs?|sugar|candy|eating)\W+(?:\w+\W+){0,2}?(?:isn'?t|is\s+not|not|didn'?t|did\s+not)\s+help\w*",
        ),
    ),
    _rule(
        "glucose_extreme",
        URGENT,
        rf"(?:blood\s+sugars?|sugars?|glucose|reading|meter){GLUCOSE_VALUE}",
        rf"(?-i:BS|BG|CBG|FSBS)(?i:{GLUCOSE_VALUE})",
        check=glucose_extreme,
    ),
    _rule(
        "decreased_fetal_movement",
        URGENT,
        rf"(?:baby|fetus|little\s+one){S}(?:\w+{S})?(?:hasn'?t|has\s+not|hasnt|isn'?t|is\s+not|isnt|not|stopped|hardly|barely|has\s+barely|has\s+stopped){S}(?:been{S})?(?:moving|moved|kicking|kicked|move)\b",
        rf"(?:decreased|reduced|less|fewer|no){S}(?:fetal|baby|the\s+baby'?s?){S}(?:movements?|moving|kicks?|kicking)\b",
        r"(?:decreased|reduced)\s+(?:fetal\s+)?movements?\b",
        rf"(?:haven'?t|havent|have\s+not|not|can'?t|cannot|don'?t|didn'?t){S}(?:felt|feel|feeling|felt\s+the){S}(?:the{S}|my{S})?baby{S}(?:move|moving|kick)",
    ),
    _rule(
        "urinary_retention",
        URGENT,
        rf"{CANT}{gap(2)}(?:pee|urinate|void|empty{S}(?:{PRON}{S})?bladder)\b",
        rf"(?:haven'?t|havent|hasn'?t|hasnt|have\s+not|has\s+not|not){S}(?:been{S}able{S}to{S})?(?:peed|urinated|voided|pee|urinate){S}(?:in|for|since){S}(?:over{S})?(?:\d+|a|twelve|twenty|a\s+whole)\b",
    ),
    _rule(
        "dehydration",
        URGENT,
        rf"no{S}wet{S}diapers?\b",
        rf"(?:only\s+)?(?:one|1|two|2){S}wet{S}(?:diapers?|nappy|nappies){S}(?:in|all|today)",
        r"sunken\s+(?:soft\s+spot|fontanel\w*|eyes)\b",
        r"(?:severe(?:ly)?|very)\s+dehydrated\b",
        rf"no{S}(?:tears{S}when{S}crying|urine{S}(?:output{S})?(?:in|for|since))",
    ),
)

# Events that stay red flags once over: a seizure that stopped, a faint, a TIA that resolved.
_NOT_RESOLVABLE = {
    "stroke",
    "suicidal",
    "homicidal",
    "syncope",
    "seizure",
    "head_injury_with_symptoms",
    "overdose_poisoning",
    "vision_loss",
}
RULES = tuple(dataclasses.replace(r, resolvable=False) if r.name in _NOT_RESOLVABLE else r for r in RULES)

RULE_NAMES: tuple[str, ...] = tuple(dict.fromkeys(r.name for r in RULES))


def rule_names() -> tuple[str, ...]:
    """The stable rule identifiers, in table order."""
    return RULE_NAMES
