"""Deterministic red-flag rules for nurse triage of patient messages.

Pure Python, no Django. ``find_red_flags(text)`` returns one :class:`RuleHit` per
rule that fires (its first *affirmed* occurrence), sorted by position.

How it works
------------
1. ``_RULES`` is the single table of rules. Each entry has a stable rule name, an
   urgency (``"emergent"`` or ``"urgent"``) and a compiled, case-insensitive regex
   that tolerates patient phrasing, common misspellings and abbreviations
   (abbreviations such as ``CP``/``SOB``/``SI``/``LOC`` are matched case-sensitively
   with ``(?-i:...)`` so that "hi" or "sob" in ordinary prose does not fire).
   Several entries may share one name (alternative ways a rule can fire). An entry
   may add a ``check`` on the match (e.g. a temperature threshold), a ``companion``
   pattern that must also be affirmed somewhere in the message (e.g. fever *and*
   an infant under 3 months), or an ``exclude_after`` pattern ("can't breathe
   *through my nose*").
2. Every candidate match is then checked in its clause (sentence or clause,
   ending at ``. ! ? ; newline``, `` but ``, `` however ``, `` although ``...),
   NegEx style:

   * **negation** before the match ("no", "denies", "without", "never", "not
     having", "don't have", "no longer have" ...) within a short word window
     (which covers short lists: "no SOB or CP"); a few triggers ("not", "n't")
     only count right before the match. Pseudo-negations ("no improvement",
     "not sure if", "can't tell if") are ignored, and negation words inside the
     match itself ("can't breathe", "won't stop bleeding") never negate it;
   * **resolution** after the match ("chest pain is gone", "went away",
     "resolved", "but it's gone now");
   * **history / hypothetical / reading** context ("history of", "family history",
     "died of", "used to", "if", "watch for", "reading about", "... years ago",
     "... as a child", "seizure meds", "stroke prevention");
   * **experiencer**: when the nearest person mentioned before the match is
     someone other than the patient or a plausible caregiver-reported patient
     ("my friend fainted", "a coworker has chest pain") the rule does not fire;
     "my son can't breathe", "her husband says she can't breathe" do fire.

Offsets always refer to the original text: the only normalisation (curly quotes
to straight ones) keeps the length unchanged.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

RULESET_VERSION = "1"

EMERGENT = "emergent"
URGENT = "urgent"

__all__ = ["RULESET_VERSION", "RuleHit", "find_red_flags", "rule_names"]


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


# --------------------------------------------------------------------------------------
# Pattern building blocks
# --------------------------------------------------------------------------------------

# A separator between words that stays inside one sentence.
S = r"[^\w.!?;\n]+"


def gap(n: int = 2) -> str:
    """Between two key words: a separator plus up to ``n`` filler words."""
    return rf"{S}(?:[\w'/]+{S}){{0,{n}}}?"


def alt(*parts: str) -> str:
    return "(?:" + "|".join(parts) + ")"


NT = r"(?:n'?t|\s+not)"  # "can't", "cant", "can not"
CANT = r"(?:can'?t|cannot|can\s+not|could(?:n'?t|\s+not)|unable\s+to|not\s+able\s+to|no\s+longer\s+able\s+to)"
PRON = r"(?:my|his|her|their|the|our|your)"
BREATH = r"(?:breath|breathe|breathes|breathing|breth|brethe|breating|breathin|breahting|breatheing|breath[ei]ng)"
CHEST = r"(?:chest|chst|chets|cheast|chesst)"
PAIN = r"(?:pain|pains|pian|pian|pane|paine|hurts?|hurting|ache|aches|aching)"
FEVER_WORD = r"(?:fever|fevers|feverish|feaver|fevor|fevr|fver|febrile|fiever)"
NUM = r"\d{2,3}(?:\.\d+)?"
TEMP_VALUE = (
    rf"(?:temp|temperature|tempature|tmax|{FEVER_WORD}|thermometer)"
    rf"(?:{S}(?:of|is|was|at|reading|read|reads|says|been|has|around|about|up|to|went|hit|"
    rf"reached|spiked|spiking|over|above|almost|nearly|like|a|an|rectal|oral|high|still)){{0,4}}"
    rf"{S}(?P<val>{NUM})(?:\s*(?:°|degrees?|deg))?(?:\s*(?P<unit>[fc])\b)?(?![\d/])"
    rf"|(?P<val2>{NUM})\s*(?:°|degrees?|deg)(?:\s*(?P<unit2>[fc])\b)?"
)
VOMIT = r"(?:vomit|vomits|vomiting|vomitting|vommiting|vomited|vomitted|throwing\s+up|threw\s+up|throw\s+up|puking|puked|emesis)"


def _fahrenheit(m: re.Match) -> float | None:
    """The temperature in a TEMP_VALUE match, in Fahrenheit (None when absent/implausible)."""
    for v, u in (("val", "unit"), ("val2", "unit2")):
        raw = m.groupdict().get(v)
        if raw:
            value = float(raw)
            unit = (m.group(u) or "").lower()
            if unit == "c" or (not unit and value < 45):
                value = value * 9 / 5 + 32
            return value if 90 <= value <= 110 else None
    return None


def _fever_at_least(threshold_f: float) -> Callable[[re.Match], bool]:
    """A check: the match names a fever, or states a temperature >= threshold."""

    def check(m: re.Match) -> bool:
        value = _fahrenheit(m)
        if value is not None:
            return value >= threshold_f
        has_number = any(m.groupdict().get(g) for g in ("val", "val2"))
        return not has_number and re.search(FEVER_WORD + "|temp", m.group(0), re.I) is not None

    return check


def _high_fever(m: re.Match) -> bool:
    value = _fahrenheit(m)
    if value is not None:
        return value >= 103
    return m.group("high") is not None


_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}


def _infant_under_3_months(m: re.Match) -> bool:
    """Companion check for infant_fever: the stated age is at most 90 days."""
    if m.group("newborn"):
        return True
    raw = (m.group("n") or "").lower()
    count = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)
    if count is None:
        return False
    unit = m.group("u").lower()
    if unit.startswith("d"):
        return count <= 90
    if unit.startswith("w"):
        return count <= 12
    return count <= 2  # months


def _bp_crisis(m: re.Match) -> bool:
    return int(m.group("sys")) >= 180 or int(m.group("dia")) >= 120


def _glucose_extreme(m: re.Match) -> bool:
    value = int(m.group("bg"))
    return value < 55 or 400 < value < 1500


# --------------------------------------------------------------------------------------
# The rule table
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    """One row of the rule table (build rows with :func:`_rule`)."""

    name: str
    urgency: str
    # Alternatives without abbreviations run, without IGNORECASE (3-4x faster), on the
    # lower-cased text; alternatives with a case-sensitive part ``(?-i:...)`` run with
    # IGNORECASE on the text as written.
    pattern: re.Pattern | None
    cased_pattern: re.Pattern | None
    check: Callable[[re.Match], bool] | None = None
    companion: re.Pattern | None = None  # must also be affirmed somewhere in the message
    companion_check: Callable[[re.Match], bool] | None = None
    exclude_after: re.Pattern | None = None  # tested right after the match
    # Pre-filter: the patterns only run when one of these substrings occurs in the text
    # (lower-case ones in the lower-cased text, others as written). Every alternative must
    # contain one; a test checks that the filter never changes a result.
    keywords: tuple[str, ...] = ()
    cased_keywords: tuple[str, ...] = ()

    def may_match(self, doc: _Doc) -> bool:
        return any(k in doc.lower for k in self.keywords) or any(k in doc.text for k in self.cased_keywords)

    def candidates(self, doc: _Doc) -> list[re.Match]:
        """Raw matches of both patterns, in text order."""
        found = list(self.pattern.finditer(doc.lower)) if self.pattern else []
        if self.cased_pattern:
            found.extend(self.cased_pattern.finditer(doc.text))
            found.sort(key=lambda m: m.start())
        return found


def _kw(keywords: str) -> tuple[str, ...]:
    """Pre-filter keywords, ``|``-separated (see ``_Rule.keywords``)."""
    return tuple(keywords.split("|"))


def _rule(name, urgency, words, *alternatives, check=None, companion=None, companion_check=None,
          exclude_after=None) -> _Rule:
    plain = [a for a in alternatives if "(?-i:" not in a]
    cased = [a for a in alternatives if "(?-i:" in a]
    return _Rule(
        name=name,
        urgency=urgency,
        keywords=tuple(w for w in words if w == w.lower()),
        cased_keywords=tuple(w for w in words if w != w.lower()),
        pattern=re.compile(r"\b" + alt(*plain)) if plain else None,
        cased_pattern=re.compile(r"\b" + alt(*cased), re.IGNORECASE) if cased else None,
        check=check,
        companion=re.compile(companion, re.IGNORECASE) if companion else None,
        companion_check=companion_check,
        exclude_after=re.compile(exclude_after) if exclude_after else None,
    )


FEVER_ANY = alt(TEMP_VALUE, rf"\b{FEVER_WORD}\b(?!{S}(?:blister|reducer|medicine|meds))",
                r"\b(?:has|have|had|running|with|got)\s+a\s+temp(?:erature)?\b(?!\W+(?:of\W+|is\W+|was\W+)?\d)")
INFANT_AGE = alt(
    r"\b(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"[\s-]*(?P<u>days?|d|weeks?|wks?|wk|w|months?|mos?|mths?)[\s-]*old\b",
    r"\b(?:baby|infant|son|daughter|he|she|newborn)\s+(?:is\s+)?(?:only\s+|just\s+)?"
    r"(?P<n2>\d{1,2})\s*(?P<u2>days?|weeks?|wks?)\b(?!\s+(?:pregnant|along))",
    r"\b(?P<newborn>newborn|new\s+born|neonate|neonatal)\b",
)


def _infant_check(m: re.Match) -> bool:
    if m.group("n2"):
        count, unit = int(m.group("n2")), m.group("u2").lower()
        return count <= (90 if unit.startswith("d") else 12)
    return _infant_under_3_months(m)


PREGNANT = alt(
    r"\b(?:pregnant|pregnancy|pregnent|pregant|pregnat|prenant|preggo|preggers|expecting\s+(?:a\s+baby|twins))\b",
    r"\b\d{1,2}\s*(?:weeks?|wks?|w)\s*(?:pregnant|along|gestation|pg|preg)\b",
    r"\b(?:i'?m|im|i\s+am|she'?s|she\s+is)\s+\d{1,2}\s*(?:weeks?|wks?)\b(?!\s+(?:old|ago|postpartum|post))",
    r"\b(?:first|second|third|1st|2nd|3rd)\s+trimester\b",
)

# "endorses SI": the hit (and its negation scope) is the abbreviation only, via group "hit".
CLINICAL_VERB = (r"(?:endorses|endorsing|endorsed|reports|reporting|reported|having|has|with|active|passive|"
                 r"positive\s+for|c/o|admits\s+to|admitted\s+to|expresses|expressing|denies|denied|denying|no)\s+")

_RULES: tuple[_Rule, ...] = (
    # ---- emergent -------------------------------------------------------------------
    _rule("chest_pain", EMERGENT,
          _kw("chest|chst|chets|cheast|CP|heart attack|angina|arm|shoulder|jaw"),
          rf"{CHEST}{gap()}(?:{PAIN}|pressure|tight|tightness|tightening|heaviness|heavy|discomfort|squeezing|crushing|pian)\b",
          rf"(?:pain|pressure|tightness|heaviness|squeezing|discomfort|crushing|ache|aching){S}(?:in|on|across|around){S}(?:{PRON}{S})?(?:center\s+of\s+(?:{PRON}\s+)?)?{CHEST}\b",
          r"(?-i:CP)\b",
          r"heart\s+attack\b",
          r"angina\b",
          rf"(?:pain|ache|pressure|tightness)\b{gap(2)}(?:radiating|radiates|going|goes|shooting|spreading|spreads|moving)\s+(?:down|to|into|up)\s+(?:{PRON}\s+)?(?:left|l)\s+(?:arm|shoulder|jaw)\b"),
    _rule("breathing", EMERGENT,
          _kw("brea|breth|SOB|S.O.B|sob|dyspn|gasp|wheez|air|blue|purple|grey|gray|short"),
          rf"{CANT}{gap(2)}{BREATH}\b",
          rf"(?:trouble|difficulty|difficult|hard|hard\s+time|struggling|struggle|struggles|problems?|labou?red|fighting|gasping){gap(2)}{BREATH}\b",
          rf"{BREATH}{S}(?:is\s+|has\s+been\s+|seems\s+)?(?:very\s+|really\s+|so\s+)?(?:labou?red|difficult|hard|struggling|shallow\s+and\s+fast)\b",
          rf"short(?:ness|nes)?[\s-]*(?:of|o)\s+(?:breath|breathe|breth)\b",
          r"(?-i:SOB|S\.O\.B\.?)",
          r"(?<=c/o )sob\b", r"(?<=w/ )sob\b", r"(?<=\+)sob\b", r"(?<=\bno )sob\b", r"(?<=denies )sob\b",
          r"dyspn(?:o)?ea\b",
          r"gasp(?:ing|ed)\s+for\s+(?:air|breath)\b", r"gasping\b",
          r"(?:bad|badly|severe|severely|really\s+bad|constant|loud)\s+wheez\w*",
          r"wheez\w*\s+(?:really\s+|so\s+)?(?:badly|bad|severely|a\s+lot|nonstop|constantly)\b",
          r"can'?t\s+get\s+(?:enough\s+)?air\b",
          r"(?:lips|face|skin)\s+(?:are\s+|is\s+|look\s+|looks\s+|turning\s+|turned\s+|going\s+)?(?:blue|bluish|purple|grey|gray)\b",
          r"turning\s+blue\b",
          exclude_after=rf"{S}(?:well\s+)?(?:through|thru|out\s+of|in\s+through){S}(?:{PRON}{S})?(?:nose|nostril)"),
    _rule("stroke", EMERGENT,
          _kw("face|smile|mouth|droop|sagg|lopsided|crooked|uneven|facial|slur|weak|numb|paraly|limp|move|feel|lift|side|sudden|speaking|talking|words|stroke|TIA|CVA"),
          rf"(?:face|smile|mouth){gap(2)}(?:droop\w*|sagging|saggy|uneven|lopsided|crooked)",
          rf"(?:droop\w*|sagging|lopsided|crooked|uneven){gap(2)}(?:face|mouth|smile)\b",
          r"facial\s+droop\w*",
          rf"slurr?(?:ed|ing|y){gap(2)}(?:speech|words|talking|speaking)\b",
          rf"(?:speech|words|talking){gap(2)}slurr?(?:ed|ing|y)\b",
          r"slurring\b", r"slurred\b",
          rf"(?:weak\w*|numb\w*|paralyz\w*|limp|can'?t\s+(?:move|feel|lift)){gap(4)}(?:one\s+side|(?:left|right)\s+side|half{S}(?:of{S})?(?:{PRON}{S})?body|(?:left|right)\s+arm\s+and\s+(?:left\s+|right\s+)?leg)\b",
          r"one[\s-]*sided\s+(?:weakness|numbness|paralysis)\b",
          rf"(?:one|left|right)\s+side{S}(?:of{S}(?:{PRON}{S})?(?:body|face){S})?(?:is\s+|went\s+|feels\s+|has\s+gone\s+)?(?:weak|numb|limp|paralyzed|dead|drooping)\b",
          r"sudden(?:ly)?\s+(?:onset\s+)?(?:of\s+)?(?:weakness|numbness)\b",
          rf"sudden(?:ly)?{gap(1)}(?:confus\w*|disoriented)",
          rf"(?:can'?t|cannot|trouble|difficulty|hard\s+time){S}(?:speaking|talking\s+right|get(?:ting)?{S}(?:{PRON}{S})?words\s+out|find(?:ing)?{S}(?:{PRON}{S})?words)\b",
          r"words\s+(?:are\s+|were\s+)?(?:coming\s+out\s+)?(?:jumbled|garbled|wrong)\b",
          r"(?<!post-)(?<!post )(?<!heat )(?<!sun)(?<!sun )(?<!brush )(?<!back)(?<!breast)stroke\b(?!\s+of\s+(?:luck|genius|midnight))",
          r"mini[\s-]*stroke\b", r"(?-i:TIA|CVA)\b"),
    _rule("severe_bleeding", EMERGENT,
          _kw("bleed|bled|soak|blood|hematemesis|hemoptysis|haematemesis"),
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
          rf"(?:gushing|spurting|pouring|squirting){S}blood\b",
          rf"blood{S}(?:is\s+)?(?:gushing|spurting|pouring|squirting|everywhere)\b"),
    _rule("suicidal", EMERGENT,
          _kw("suicid|sucidal|kill|life|it all|dead|die|dying|death|live|alive|be here|wake|exist|self|harm|overdos|o.d|od|purpose|intentional|SI"),
          r"suicid\w*", r"suicidle\b", r"suicial\b", r"sucidal\b",
          rf"kill{S}(?:my\s*self|meself|myslef)\b",
          rf"(?:end|ending|take|taking){S}(?:my\s+(?:own\s+)?life|it\s+all)\b",
          rf"thoughts{S}(?:of|about){S}(?:dying|death|suicide|not\s+being\s+(?:here|alive))\b",
          r"(?:better\s+off\s+dead|better\s+off\s+without\s+me|wish\s+i\s+(?:was|were)\s+dead|want\s+to\s+die|wanna\s+die)\b",
          rf"(?:don'?t|dont|do\s+not|doesn'?t|does\s+not){S}want{S}to{S}(?:live|be\s+alive|be\s+here\s+anymore|wake\s+up|exist)\b",
          rf"(?:hurt|hurting|harm|harming|cut|cutting){S}(?:my\s*self|herself|himself)\b",
          r"self[\s-]*harm\w*",
          rf"(?:overdos\w*|o\.?d\.?){S}on{S}purpose\b", r"intentional(?:ly)?\s+overdos\w*",
          rf"took{gap(3)}(?:pills|tablets){gap(2)}(?:on\s+purpose|to\s+(?:die|end\s+it))",
          r"(?-i:(?<=\+)SI)\b",
          r"(?-i:SI)(?=\s*(?:/|and|&|,)\s*(?-i:HI)\b)",
          r"(?-i:SI)(?=\s+(?:with|w/|w)\s+(?:a\s+)?plan)"),
    _rule("suicidal", EMERGENT,
          _kw("SI"), CLINICAL_VERB + r"(?-i:(?P<hit>SI))\b(?!\s+joint)"),
    _rule("homicidal", EMERGENT,
          _kw("kill|hurt|harm|shoot|stab|strangl|murder|homicid|thoughts|HI"),
          rf"(?:want|wanna|going|gonna|thinking\s+about|thoughts?\s+(?:of|about)|urges?|plan(?:ning)?|feel\s+like)(?:\s+to)?{S}(?:\w+{S})?(?:kill|hurt|harm|shoot|stab|strangle|murder)(?:ing)?{S}(?:someone|somebody|some\s+one|him|her|them|people|others|everyone|everybody|my\s+(?:husband|wife|boss|son|daughter|kids?|children|baby|mom|mother|dad|father|family|partner|boyfriend|girlfriend|neighbou?r|coworker|roommate|brother|sister)|the\s+(?:baby|kids?|neighbou?r|boss))\b",
          r"homicid\w*",
          rf"thoughts{S}of{S}(?:harming|hurting|killing){S}(?:others|someone|other\s+people|people)\b",
          r"(?-i:(?<=\+)HI)\b",
          r"(?-i:(?<=SI/)HI|(?<=SI )HI|(?<=SI and )HI|(?<=SI & )HI|(?<=SI, )HI|(?<=SI / )HI)\b"),
    _rule("homicidal", EMERGENT,
          _kw("HI"), CLINICAL_VERB + r"(?-i:(?P<hit>HI))\b"),
    _rule("anaphylaxis", EMERGENT,
          _kw("throat|tongue|lip|mouth|swell|swollen|anaph|anafal|allergic|hives|epi"),
          rf"throat{gap(4)}(?:closing|closing\s+up|swelling|swollen|swelled|tightening|constricting|closing\s+off)\b",
          rf"(?:tongue|lips?|mouth){gap(2)}(?:swell\w*|swollen|puff\w*|tingling\s+and\s+swell\w*)",
          rf"swell\w*{S}(?:of|in|on){S}(?:{PRON}{S})?(?:tongue|lips?|throat|mouth)\b",
          r"ana?ph(?:y|i)la(?:x|ct)\w*", r"anaphalax\w*", r"anafalax\w*", r"anaphylatic\b",
          rf"allergic\s+reaction{gap(6)}(?:swell\w*|swollen|hives{gap(4)}(?:{BREATH}|throat)|{BREATH}|throat|wheez\w*)",
          rf"hives{gap(6)}(?:{BREATH}|wheez\w*|throat|tongue|lips?)\b",
          rf"(?:used|gave|give|given|needed|had\s+to\s+use|administered|injected){gap(2)}epi[\s-]?pen\b"),
    _rule("syncope", EMERGENT,
          _kw("faint|feint|fant|out|syncop|conscious|concious|concsious|unresponsive|uncounscious|collapsed|limp|wake|LOC"),
          r"(?:fainted|feinted|fanted|faintd|fainting|feinting)\b(?!\s+(?:goats?))",
          r"(?:passed|passing|past|pasted)\s+out\b", r"pass\s+out\s+cold\b",
          r"(?:blacked|blacking)\s+out\b",
          r"syncop\w*",
          r"(?-i:LOC)\b",
          rf"(?:lost|loss\s+of|losing|lose|lost\s+all){S}(?:conscious\w*|conciousness|concsiousness)",
          r"(?:unconscious|unresponsive|uncounscious)\b",
          r"(?:collapsed|went\s+limp)\b",
          rf"(?:can'?t|cannot|couldn'?t|won'?t|not\s+able\s+to|unable\s+to|hard\s+to){S}wake{S}(?:him|her|them|my\s+\w+)?\s*up\b",
          rf"(?:won'?t|will\s+not){S}wake\s+up\b"),
    _rule("severe_abdominal_pain", EMERGENT,
          _kw("stomach|stomac|stomch|tummy|belly|abd|gut|lower right|rlq|ruq|doubled"),
          rf"(?:severe|severly|sever|worst|unbearable|unbearible|excruciating|extreme|intense|agoniz\w*|10/10|10\s+out\s+of\s+10){gap(2)}(?:stomach|stomache|stomachache|stomac|stomch|tummy|belly|abdominal|abdomen|abd|gut|lower\s+right|rlq|ruq){S}?(?:{PAIN}|cramps?|cramping)?\b",
          rf"(?:stomach|stomache|stomachache|abdominal|abdomen|abd|belly|tummy)(?:{S}(?:{PAIN}|cramps?|cramping))?{S}(?:is{S}|has{S}been{S}|getting{S}|so{S}|feels{S})?(?:\w+{S})?(?:severe|unbearable|unbearible|excruciating|10/10|10\s+out\s+of\s+10|the\s+worst|agoniz\w*)\b",
          rf"rigid{S}(?:{PRON}{S})?(?:abdomen|belly|stomach|abd)\b",
          rf"(?:abdomen|belly|stomach|abd){S}(?:is{S}|feels{S})?(?:rigid|hard\s+as\s+a\s+rock|rock\s+hard|board[\s-]*like)\b",
          rf"doubled\s+over{S}(?:in|with|from){S}(?:the\s+)?pain\b"),
    _rule("infant_fever", EMERGENT,
          _kw("fever|feaver|fevor|fevr|fver|febrile|fiever|temp|tmax|thermometer|°|deg"), FEVER_ANY, check=_fever_at_least(100.4),
          companion=INFANT_AGE, companion_check=_infant_check),
    _rule("pregnancy_bleeding", EMERGENT,
          _kw("bleed|bled|spott|blood|red|clot"),
          r"(?<!nose)(?<!nose )(?<!gum )(?:bleeding|bleed|bled|spotting|spotted)\b(?!\s+(?:gums?|nose))",
          rf"(?:blood|red){S}(?:when\s+i\s+wipe|(?:in|on){S}(?:{PRON}{S})?(?:underwear|pad|panties|toilet|tissue))",
          rf"(?:passing|passed){S}(?:\w+{S})?clots?\b", r"blood\s+clots?\s+(?:coming\s+out|vaginally)\b",
          companion=PREGNANT),
    _rule("pregnancy_bleeding", EMERGENT,
          _kw("miscar|misscar|losing"),
          r"(?:miscarr\w*|misscarr\w*|miscarage\w*|losing\s+(?:the|my)\s+baby)\b"),
    _rule("seizure", EMERGENT,
          _kw("seiz|siez|seizer|sezi|seas|seaz|sezure|convuls|grand mal|tonic|ictal|fit"),
          r"(?:seizure|seizures|siezure|siezures|seizur|seizer|seizers|seziure|seasure|seazure|sezure|seizing|siezing|seized|convulsion\w*|convulsing|convulsed|grand\s+mal|tonic[\s-]*clonic|postictal|post[\s-]ictal)\b",
          rf"having{S}(?:a\s+)?fit\b"),
    _rule("severe_headache", EMERGENT,
          _kw("worst|thunder|sudden|headache|head ache"),
          rf"worst{gap(2)}(?:headache|head\s+ache|hedache|headach|migraine|head\s+pain){gap(5)}(?:life|ever|had)\b",
          r"thunder\s*clap\w*",
          rf"sudden(?:ly)?{gap(2)}(?:severe|excruciating|explosive|terrible|worst){gap(1)}(?:headache|head\s+ache|head\s+pain)\b",
          rf"(?:headache|head\s+ache){gap(3)}(?:stiff\s+neck|neck\s+is\s+stiff)\b"),
    _rule("head_injury_with_symptoms", EMERGENT,
          _kw("head|concus|TBI|fell"),
          rf"(?:hit|hitting|bumped|banged|smacked|struck|slammed|whacked|cracked){S}(?:\w+{S}){{0,2}}?head\b",
          r"head\s+(?:injury|injuries|trauma|wound|first)\b", r"headfirst\b",
          r"(?:concussion|concusion|concussed)\b", r"(?-i:TBI)\b",
          rf"fell{gap(4)}(?:on|onto|hit|hitting|landed\s+on)\s+(?:{PRON}\s+)?head\b",
          companion=alt(rf"\b{VOMIT}", r"\b(?:confus\w*|disoriented|drowsy|very\s+sleepy|so\s+sleepy|lethargic|dazed)\b",
                        r"\b(?:passed\s+out|blacked\s+out|knocked\s+out|unconscious|(?-i:LOC|\+LOC)|lost\s+consciousness)\b",
                        r"\b(?:hard|difficult|can'?t|won'?t)\s+(?:to\s+)?wake\b", r"\bseiz\w*",
                        r"\bslurr\w*", r"\b(?:blurry|blurred|double)\s+vision\b",
                        rf"\b(?:worst|severe|worsening|bad){S}headache\b", r"\bheadache\s+(?:is\s+)?getting\s+worse\b",
                        r"\bunequal\s+pupils\b", r"\bblood\s+thinners?\b",
                        r"\b(?:eliquis|xarelto|warfarin|coumadin|apixaban|rivaroxaban|plavix)\b",
                        r"\b(?:acting|not\s+acting){S}(?:strange|weird|right|normal)\w*",
                        r"\bbleeding\s+from\s+(?:his\s+|her\s+|my\s+|the\s+)?(?:ear|ears|nose)\b",
                        r"\bclear\s+fluid\b", r"\bmemory\s+loss\b", r"\bcan'?t\s+remember\b")),
    _rule("overdose_poisoning", EMERGENT,
          _kw("too many|bunch|handful|bottle|overdos|overdoes|over dosed|od'd|OD|swallow|drank|drunk|ate|ingest|chewed|got into|drinking|eating|poison|accidental"),
          rf"(?:took|taken|take|taking|swallowed|ate|had){gap(2)}(?:too\s+many|way\s+too\s+many|a\s+(?:whole\s+)?(?:bunch|handful|bottle))(?:{S}(?:of\s+)?(?:{PRON}{S})?(?:\w+{S})?(?:pills?|tablets?|meds|medications?|gummies|capsules))?\b",
          r"(?<!food )(?:overdos\w*|overdoes|over\s+dosed|od'd|(?-i:OD(?:'d)?))\b(?!\s+on\s+purpose)",
          rf"(?:swallowed|drank|drunk|ate|ingested|chewed|got\s+into|drinking|eating){gap(3)}(?:bleach|detergent|laundry\s+pod|tide\s+pod|pods?|battery|batteries|button\s+battery|magnets?|antifreeze|rat\s+poison|poison|drain\s+cleaner|cleaner|chemicals?|lighter\s+fluid|gasoline|windshield\s+fluid|mouthwash|pesticide|weed\s+killer|(?:\w+\s+)?pills)\b",
          r"(?<!food )(?:poisoned|poisoning)\b",
          r"poison\s+control\b",
          rf"accidental(?:ly)?{gap(2)}(?:ingest\w*|swallow\w*|overdos\w*)"),
    _rule("sepsis_signs", EMERGENT,
          _kw("sepsis|septic"), r"(?:sepsis|septic|septicemia|septicaemia)\b(?!\s+tank)"),
    _rule("sepsis_signs", EMERGENT,
          _kw("fever|feaver|fevor|fevr|fver|febrile|fiever|temp|tmax|thermometer|°|deg"), FEVER_ANY, check=_fever_at_least(100.4),
          companion=alt(r"\b(?:confus\w*|disoriented|delirious|not\s+making\s+sense|lethargic|altered)\b",
                        r"\b(?:hard|difficult)\s+to\s+wake\b", r"\brigou?rs\b",
                        rf"\b(?:shaking|uncontrollable|violent){S}(?:chills|shaking)\b",
                        r"\bshaking\s+uncontrollabl\w*", r"\bmottled\b")),
    _rule("vision_loss", EMERGENT,
          _kw("sudden|vision|sight|see|blind|curtain|shade|shadow"),
          rf"sudden(?:ly)?{gap(2)}(?:vision\s+loss|loss\s+of\s+(?:vision|sight)|blind\w*|lost{S}(?:{PRON}{S})?(?:vision|sight)|can'?t\s+see)\b",
          rf"(?:lost|losing|lose){S}(?:the{S}|my{S}|his{S}|her{S}|all{S})?(?:vision|sight|eyesight){S}(?:in|out\s+of){S}(?:{PRON}{S}|one{S})?(?:left{S}|right{S})?eye\b",
          rf"(?:can'?t|cannot|can\s+not|couldn'?t){S}see{S}(?:anything{S})?out{S}of{S}(?:{PRON}{S}|one{S})?(?:left{S}|right{S})?eye\b",
          r"(?:went|gone|going)\s+blind\b",
          rf"(?:curtain|shade|shadow){gap(3)}(?:over|across|coming\s+down){gap(2)}(?:eye|vision)\b"),
    # ---- urgent ---------------------------------------------------------------------
    _rule("high_fever", URGENT,
          _kw("high|spik|fever|feaver|fevor|fevr|fver|febrile|fiever|temp|tmax|thermometer|°|deg"),
          rf"(?P<high>(?:very\s+|really\s+|super\s+)?(?:high|spiking|spiked\s+a)){S}(?:grade{S})?(?:{FEVER_WORD}|temp|temperature)\b",
          TEMP_VALUE, check=_high_fever),
    _rule("persistent_vomiting", URGENT,
          _kw("keep|vomit|throw|threw|puk|emesis|N/V|N&V"),
          rf"{CANT}{gap(1)}keep{S}(?:anything|any\s*thing|any{S}(?:fluids|liquids|water|food)|fluids|liquids|water|food|it|down|\w+\s+down)",
          rf"{VOMIT}{gap(2)}(?:non[\s-]?stop|constantly|all\s+(?:day|night)|every\s+(?:hour|\d+\s+minutes)|for\s+(?:\d+|two|three|four|several)\s+days)\b",
          r"(?:intractable|persistent|projectile|uncontrollable)\s+(?:vomit\w*|emesis|(?-i:N/V))",
          rf"(?-i:N/V|N&V){S}(?:x|for){S}?(?:\d+|two|three|several){S}?(?:days?|d)\b"),
    _rule("gi_bleeding", URGENT,
          _kw("blood|black|tarry|maroon|melena|hematochezia|rectal|bleed|poop|pass|BRBPR"),
          rf"blood{S}(?:in|on){S}(?:{PRON}{S})?(?:stool|stools|poop|poo|bm|bowel\s+movements?|diaper|toilet\s+paper)\b",
          r"bloody\s+(?:stool|stools|poop|diarrh\w*|bm|bowel\s+movements?)\b",
          rf"(?:black|tarry|maroon){S}(?:and{S})?(?:tarry{S})?(?:stool|stools|poop|bm)\b",
          r"(?:melena|hematochezia|(?-i:BRBPR))\b",
          rf"(?:rectal\s+bleeding|bleeding{S}from{S}(?:{PRON}{S})?(?:rectum|butt|bottom|anus))\b",
          rf"(?:pooping|pooped|passing){S}blood\b"),
    _rule("hypertensive_crisis", URGENT,
          _kw("bp|b/p|pressure|reading"),
          rf"(?:bp|b/p|blood\s+pressure|pressure|readings?)(?:{S}(?:\w+)){{0,4}}?{S}(?P<sys>\d{{2,3}})\s*(?:/|over)\s*(?P<dia>\d{{2,3}})\b",
          check=_bp_crisis),
    _rule("glucose_extreme", URGENT,
          _kw("sugar|glucose|reading|meter|BS|BG|CBG|FSBS"),
          rf"(?:blood\s+sugars?|sugars?|glucose|(?-i:BS|BG|CBG|FSBS)|reading|meter)(?:{S}(?:[a-z]+)){{0,4}}?{S}(?P<bg>\d{{2,4}})(?:s)?\b(?!\s*(?:/|over|mg\b(?!/)|units|mcg))",
          check=_glucose_extreme),
    _rule("decreased_fetal_movement", URGENT,
          _kw("baby|fetus|little one|fetal"),
          rf"(?:baby|fetus|little\s+one){S}(?:\w+{S})?(?:hasn'?t|has\s+not|hasnt|isn'?t|is\s+not|isnt|not|stopped|hardly|barely|has\s+barely|has\s+stopped){S}(?:been{S})?(?:moving|moved|kicking|kicked|move)\b",
          rf"(?:decreased|reduced|less|fewer|no){S}(?:fetal|baby|the\s+baby'?s?){S}(?:movements?|moving|kicks?|kicking)\b",
          rf"(?:decreased|reduced)\s+(?:fetal\s+)?movements?\b",
          rf"(?:haven'?t|havent|have\s+not|not|can'?t|cannot|don'?t|didn'?t){S}(?:felt|feel|feeling|felt\s+the){S}(?:the{S}|my{S})?baby{S}(?:move|moving|kick)"),
    _rule("urinary_retention", URGENT,
          _kw("pee|urinat|void|bladder"),
          rf"{CANT}{gap(2)}(?:pee|urinate|void|empty{S}(?:{PRON}{S})?bladder)\b",
          rf"(?:haven'?t|havent|hasn'?t|hasnt|have\s+not|has\s+not|not){S}(?:been{S}able{S}to{S})?(?:peed|urinated|voided|pee|urinate){S}(?:in|for|since){S}(?:over{S})?(?:\d+|a|twelve|twenty|a\s+whole)\b"),
    _rule("dehydration", URGENT,
          _kw("diaper|sunken|dehydrat|tears|urine"),
          rf"no{S}wet{S}diapers?\b",
          rf"(?:only\s+)?(?:one|1|two|2){S}wet{S}diapers?{S}(?:in|all|today)",
          r"sunken\s+(?:soft\s+spot|fontanel\w*|eyes)\b",
          r"(?:severe(?:ly)?|very)\s+dehydrated\b",
          rf"no{S}(?:tears{S}when{S}crying|urine{S}(?:output{S})?(?:in|for|since))"),
)

RULE_NAMES: tuple[str, ...] = tuple(dict.fromkeys(r.name for r in _RULES))


def rule_names() -> tuple[str, ...]:
    """The stable rule identifiers, in table order."""
    return RULE_NAMES


# --------------------------------------------------------------------------------------
# Clause segmentation and NegEx-style context
# --------------------------------------------------------------------------------------

_BOUNDARY = re.compile(  # runs on the lower-cased text
    r"(?<!\bdr)(?<!\bmr)(?<!\bms)(?<!\bmrs)(?<!\bst)(?<!\bvs)(?<!\bpt)[.!?]+(?=\s|$)"
    r"|[;\n]|\s(?:but|however|although|though|whereas|except)\b"
)

# Ends a negation/experiencer scope inside a clause: a conjunction or a new first-person subject.
_TERM = (r"\b(?:but|however|although|though|yet|except|aside\s+from|apart\s+from|other\s+than|besides|"
         r"because|bc|b/c|cause|since|due\s+to|and\s+now|now|then|which|who|whereas|while|still|"
         r"endorses|endorsing|endorsed|reports|reporting|admits|admitted|c/o|complains|complaining|positive\s+for|"
         r"i|i'm|im|i've|ive|i'd|i'll|me)\b")
_LAST_TERM = re.compile(r"(?s:.*)" + _TERM, re.IGNORECASE)
# Ends a history/hypothetical scope: like _TERM but a bare "I" does not ("if I have chest pain").
_CTX_TERM = (r"\b(?:but|however|although|though|yet|except|because|bc|b/c|cause|due\s+to|now|which|whereas|"
             r"(?:and|,)\s+(?:(?:now|today|tonight|yesterday)\s+)?(?:i|i'm|im|i've|he|she|they|he's|she's|now|today|tonight|this\s+morning|yesterday))\b")
_LAST_CTX_TERM = re.compile(r"(?s:.*)" + _CTX_TERM, re.IGNORECASE)

# "don't", "cant", "hasnt" ... (but not the "nt" of "pregnant" or "urgent").
NT_WORD = (r"(?:\b\w+n't|\b(?:dont|doesnt|didnt|cant|wont|isnt|wasnt|havent|hasnt|hadnt|couldnt|wouldnt|"
           r"shouldnt|arent|werent|aint))\b")
# Negation triggers. Group "near" triggers only count immediately before the match.
_NEG = re.compile(
    r"\b(?:no|never|none|nor|neither|without|w/o|denies|denied|deny|denying|negative\s+for|neg\s+for|"
    r"free\s+of|absence\s+of|ruled\s+out|no\s+longer|no\s+more|no\s+sign\s+of|no\s+signs\s+of|no\s+evidence\s+of)\b"
    r"|(?:\bnot|\bnever|" + NT_WORD + r")(?:\s+\w+){0,2}?\s+(?:have|has|had|having|feel|feels|feeling|felt|"
    r"experience|experienced|experiencing|notice|noticed|noticing|see|seen|think|believe|been|any|complain\w*|"
    r"report\w*|show\w*|develop\w*|suffer\w*|with)\b"
    r"|(?P<near>\bnot\b|" + NT_WORD + ")",
    re.IGNORECASE,
)
_NEG_WINDOW = 6  # words between a trigger and the match
# Look like negations but are not ("no improvement", "not sure if", "can't tell if").
_PSEUDO = re.compile(
    r"(?:\bno\s+(?:worries|rush|hurry|problem\s+(?:with\s+)?(?:the\s+)?(?:appt|appointment|visit)|doubt|idea|clue|change|"
    r"improvement|better|relief|matter|sleep|appetite|energy|way)\b"
    r"|\bnot\s+(?:sure|certain|only|just|improving|improved|better|getting\s+better|going\s+away|gone|stopping|"
    r"helping|working|normal|right|good|great|okay|ok)\b"
    r"|" + NT_WORD + r"\s+(?:know|sure|tell|help|helped|helping|stop|go\s+away|gone\s+away|get\s+better|improve|improved|work|"
    r"worked|seem\s+to\s+help|understand|wait|care)\b"
    r"|\b(?:sure|wondering|wonder|know|unsure|ask\w*|see|check\w*|curious|tell|determine)\s+(?:if|whether)\b)"
    r"(?:\s+(?:if|whether)\b)?",
    re.IGNORECASE,
)
# Resolution after the match ("chest pain is gone", "... resolved").
_RESOLVED = re.compile(
    r"^\W*(?P<between>(?:[\w']+\W+){0,4}?)(?:gone|resolved|resolving|went\s+away|go\s+away|gone\s+away|subsided|"
    r"cleared\s+up|disappeared|stopped|ruled\s+out|denied|fine\s+now|all\s+better)\b"
    r"|^\s*[:\-=]+\s*(?:no|none|denies|denied|neg|negative|absent|0)\b"
    r"|^\s*\?\s*(?:no|none)\b",
    re.IGNORECASE,
)
_RESOLVED_NEXT = re.compile(
    r"^\s*,?\s*(?:but|however)\s+(?:it|that|this|they|those|the\s+pain|now\s+it)\s*(?:'s|s|is|has|have|was|had|went|did)?\s*"
    r"(?:been\s+|now\s+|since\s+|completely\s+|totally\s+|all\s+)?(?:gone|resolved|went\s+away|go\s+away|gone\s+away|"
    r"subsided|fine|ok|okay|stopped|cleared\s+up|better\s+now|passed)\b",
    re.IGNORECASE,
)
_NOT_BETWEEN = re.compile(r"\b(?:not|never|still)\b|" + NT_WORD, re.IGNORECASE)

# History, family history, hypotheticals, reading about it.
_CTX_PRE = re.compile(
    r"\b(?:history\s+of|hx\s+of|h/o|hx|pmh|pmhx|family\s+history|fam(?:ily)?\s+hx|fhx|fh\s+of|(?-i:FH)|"
    r"died\s+(?:of|from)|passed\s+away\s+(?:of|from)|passed\s+(?:of|from)|death\s+from|lost\s+(?:him|her|them)\s+to|"
    r"used\s+to|previous|previously|prior|an\s+old|past\s+(?:medical\s+)?history|in\s+the\s+past|"
    r"read(?:ing)?\s+(?:about|that|an\s+article|a\s+post|online)|article\s+(?:about|on)|heard\s+about|"
    r"learn(?:ing|ed)?\s+about|researching|googled|googling|looked\s+up|watch(?:ing)?\s+(?:out\s+)?for|"
    r"look(?:ing)?\s+out\s+for|signs\s+of|symptoms\s+of|warning\s+signs|risk\s+(?:of|for)|chance\s+of|"
    r"prevent\w*|to\s+avoid|in\s+case|if|what\s+if|whenever|scared\s+of\s+(?:getting|having)|"
    r"afraid\s+of\s+(?:getting|having)|worried\s+about\s+(?:getting|having)|screen(?:ing|ed)?\s+for|"
    r"tested\s+for|evaluated\s+for|work[\s-]?up\s+for|follow[\s-]?up\s+(?:for|on|of|from|after)|f/u|"
    r"(?:after|since)\s+(?:my|his|her|the|a)\s+(?=(?:stroke|seizure|heart\s+attack|overdose|concussion)\W*$))\b",
    re.IGNORECASE,
)
_CTX_WINDOW = 6
_CTX_POST = re.compile(
    r"^\W*(?:[\w']+\W+)?(?:med|meds|medication|medications|medicine|prescriptions?|refills?|rx|pills?|tablets?|"
    r"disorder|history|hx|risk|risks|prevention(?!\s+(?:hot)?line|\s+number)|precautions|screening|clinic|"
    r"specialist|neurologist|cardiologist|appointment|appt|follow[\s-]?up|f/u|class|education|work[\s-]?up|"
    r"protocol|action\s+plan|survivor|support\s+group|insurance|claim|paperwork|form|study|awareness)\b"
    r"|^\W*(?:[\w']+\W+){0,5}?(?:years?\s+ago|yrs?\s+ago|months\s+ago|decades?\s+ago|long\s+time\s+ago|last\s+year|"
    r"as\s+a\s+(?:child|kid|teen|teenager|baby|toddler)|when\s+(?:i|he|she)\s+was\s+(?:a\s+)?(?:kid|child|little|young|"
    r"teen|teenager|baby|\d+)|in\s+(?:19|20)\d\d|back\s+in|in\s+the\s+past|years\s+back|runs\s+in\s+(?:the|my|our)\s+family|"
    r"at\s+(?:the\s+)?age\s+(?:of\s+)?\d+|in\s+(?:my|his|her)\s+(?:teens|twenties|thirties|forties|fifties|\d0s))\b",
    re.IGNORECASE,
)

# The nearest person mentioned before a match decides who is experiencing it.
_EXPERIENCER = re.compile(
    r"\b(?P<other>friends?|coworkers?|co-workers?|colleagues?|boss|neighbou?rs?|roommates?|classmates?|cousins?|"
    r"aunts?|uncles?|nieces?|nephews?|grandma|grandpa|grandmother|grandfather|granny|brothers?|sisters?|siblings?|"
    r"in-laws?|someone|somebody|a\s+(?:guy|lady|man|woman|person)|people|celebrity|character)\b"
    r"|\b(?P<self>i|i'm|im|i've|ive|i'd|me|myself|pt|patient|son|daughter|child|kid|baby|infant|newborn|toddler|"
    r"husband|wife|spouse|partner|boyfriend|girlfriend|mom|mother|mum|dad|father|parent)\b",
    re.IGNORECASE,
)

_WORD = re.compile(r"[\w']+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


class _Doc:
    """The normalised text, its lower-cased twin and lazily computed clause boundaries."""

    __slots__ = ("text", "lower", "_starts", "_ends")

    def __init__(self, text: str) -> None:
        self.text = text.translate(_QUOTES)  # same length as the original
        lower = self.text.lower()
        if len(lower) != len(self.text):  # a few characters lower-case to two; keep offsets
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in self.text)
        self.lower = lower
        self._starts: list[int] | None = None
        self._ends: list[int] = []

    def clause(self, start: int, end: int) -> tuple[int, int]:
        if self._starts is None:
            self._starts, self._ends = [], []
            for m in _BOUNDARY.finditer(self.lower):
                self._starts.append(m.start())
                self._ends.append(m.end())
        i = bisect.bisect_right(self._ends, start) - 1
        clause_start = self._ends[i] if i >= 0 else 0
        j = bisect.bisect_left(self._starts, end)
        clause_end = self._starts[j] if j < len(self._starts) else len(self.text)
        return clause_start, clause_end


def _last_trigger(window: str, trigger: re.Pattern) -> re.Match | None:
    pseudo = [m.span() for m in _PSEUDO.finditer(window)]
    last = None
    for m in trigger.finditer(window):
        if not any(a < m.end() and m.start() < b for a, b in pseudo):
            last = m
    return last


def _negated(pre: str, post: str, next_clause: str) -> bool:
    cut = _LAST_TERM.match(pre)
    scope = pre[cut.end():] if cut else pre
    trigger = _last_trigger(scope, _NEG)
    if trigger is not None:
        distance = len(_WORD.findall(scope[trigger.end():]))
        if distance <= (1 if trigger.group("near") else _NEG_WINDOW):
            return True
    resolved = _RESOLVED.match(post)
    if resolved and not _NOT_BETWEEN.search(resolved.group("between") or ""):
        return True
    return bool(next_clause) and _RESOLVED_NEXT.match(next_clause) is not None


def _in_context(pre: str, post: str) -> bool:
    cut = _LAST_CTX_TERM.match(pre)
    scope = pre[cut.end():] if cut else pre
    trigger = _last_trigger(scope, _CTX_PRE)
    if trigger is not None and len(_WORD.findall(scope[trigger.end():])) <= _CTX_WINDOW:
        return True
    return _CTX_POST.match(post) is not None


def _other_experiencer(pre: str) -> bool:
    last = None
    for last in _EXPERIENCER.finditer(pre):  # noqa: B007 - we want the last one
        pass
    return last is not None and last.group("other") is not None


def _affirmed(doc: _Doc, start: int, end: int) -> bool:
    """True when the mention at [start, end) is asserted, current and about the patient."""
    clause_start, clause_end = doc.clause(start, end)
    text = doc.text
    pre, post = text[clause_start:start], text[end:clause_end]
    next_clause = text[clause_end:clause_end + 60]
    return not (_negated(pre, post, next_clause) or _in_context(pre, post) or _other_experiencer(pre))


def _span(m: re.Match) -> tuple[int, int]:
    """The reported span: the ``hit`` group when the pattern has one, else the whole match."""
    if "hit" in m.re.groupindex and m.group("hit") is not None:
        return m.span("hit")
    return m.span()


def _first_affirmed(doc: _Doc, pattern: re.Pattern, check) -> re.Match | None:
    for m in pattern.finditer(doc.text):
        if m.end() > m.start() and (check is None or check(m)) and _affirmed(doc, *_span(m)):
            return m
    return None


def find_red_flags(text: str, *, _prefilter: bool = True) -> list[RuleHit]:
    """Red-flag rule hits in ``text``: the first affirmed occurrence per rule, sorted by start.

    ``_prefilter=False`` skips the keyword pre-filter (for tests proving it changes nothing).
    """
    if not text:
        return []
    doc = _Doc(text)
    found: dict[str, RuleHit] = {}
    for rule in _RULES:
        if _prefilter and not rule.may_match(doc):
            continue
        companion_ok: bool | None = None
        for m in rule.candidates(doc):
            if m.end() == m.start() or (rule.check is not None and not rule.check(m)):
                continue
            if rule.exclude_after is not None and rule.exclude_after.match(doc.lower, m.end()):
                continue
            start, end = _span(m)
            if not _affirmed(doc, start, end):
                continue
            if rule.companion is not None:
                if companion_ok is None:
                    companion_ok = _first_affirmed(doc, rule.companion, rule.companion_check) is not None
                if not companion_ok:
                    break
            previous = found.get(rule.name)
            if previous is None or start < previous.span[0]:
                found[rule.name] = RuleHit(rule.name, rule.urgency, (start, end), text[start:end])
            break
    return sorted(found.values(), key=lambda hit: (hit.span[0], hit.rule))
