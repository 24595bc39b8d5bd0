"""Deterministic red-flag rules for nurse triage of patient messages.

Pure Python, no Django. ``find_red_flags(text)`` returns one :class:`RuleHit` per
rule that fires (its first *affirmed* occurrence), sorted by position.

How it works
------------
1. ``_RULES`` is the single table of rules. Each row has a stable rule name, an
   urgency (``"emergent"`` or ``"urgent"``) and the regex alternatives that tolerate
   patient phrasing, common misspellings and abbreviations. They are written in lower
   case and matched against the lower-cased text, each starting at a word boundary;
   an alternative with a ``(?-i:...)`` part is matched against the text as written, so
   abbreviations such as ``CP``/``SOB``/``SI``/``HI``/``LOC`` only match in capitals
   ("hi doctor" or "sob" in prose do not fire). Several rows may share one name. A row
   may add a ``check`` on the match (e.g. a temperature threshold), a ``companion``
   pattern that must also be affirmed somewhere in the message (e.g. fever *and* an
   infant under 3 months), or an ``exclude_after`` pattern ("can't breathe *through
   my nose*"). Events that stay red flags once over (a seizure that stopped, a faint,
   a TIA) are not "resolvable" (see ``_NOT_RESOLVABLE``).
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

Offsets always refer to the original text: the only normalisations (curly quotes
to straight ones, lower-casing) keep the length unchanged.

Speed: Python's ``re`` is slow at trying a large alternation at every position, so each
pattern is only tried (with ``.match``) at words starting with one of its literal
prefixes, which are read off the pattern's parse tree (see ``_candidates``). Tests check
this gives exactly the results of plain ``re.finditer(r"\b" + pattern)``.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from vocabulary import Urgency

RULESET_VERSION = "1"

EMERGENT = Urgency.EMERGENT.value
URGENT = Urgency.URGENT.value

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
    return rf"{S}(?:[\w'/]+(?:\.\w+)*{S}){{0,{n}}}?"


def gap_affirmative(n: int) -> str:
    """Like :func:`gap`, but none of the filler words may be a negation."""
    return (
        rf"{S}(?:(?!(?:[\w']*n't|not|no|never|dont|doesnt|didnt|wont|cant)\b)[\w'/]+(?:\.\w+)*{S})"
        rf"{{0,{n}}}?"
    )


def alt(*parts: str) -> str:
    return "(?:" + "|".join(parts) + ")"


CANT = r"(?:can'?t|cannot|can\s+not|could(?:n'?t|\s+not)|unable\s+to|not\s+able\s+to|no\s+longer\s+able\s+to)"
PRON = r"(?:my|his|her|their|the|our|your)"
BREATH = r"(?:breath|breathe|breathes|breathing|breth|brethe|breating|breathin|breahting|breatheing|breath[ei]ng)"
CHEST = r"(?:chest|chst|chets|cheast|chesst)"
PAIN = r"(?:pain|pains|pian|pane|paine|hurts?|hurting|ache|aches|aching)"
FEVER_WORD = r"(?:fever|fevers|feverish|feaver|fevor|fevr|fver|febrile|fiever)"
NUM = r"\d{2,3}(?:\.\d+)?"
TEMP_WORD_VALUE = (
    rf"(?:temp|temperature|tempature|tmax|{FEVER_WORD}|thermometer)"
    rf"(?:{S}(?:of|is|was|at|reading|read|reads|says|been|has|around|about|up|to|went|hit|"
    rf"reached|spiked|spiking|over|above|almost|nearly|like|a|an|rectal|oral|high|still)){{0,4}}"
    rf"{S}(?P<val>{NUM})(?:\s*(?:°|degrees?|deg))?(?:\s*(?P<unit>[fc])\b)?(?![\d/])"
)
TEMP_DEGREES = rf"(?P<val2>{NUM})\s*(?:°|degrees?|deg)(?:\s*(?P<unit2>[fc])\b)?"
# a bare reading such as "101.2" or "38.6": only temperature-looking decimals
TEMP_BARE = (
    r"(?P<val3>(?:10\d|11[0-2]|38|39|40|41)\.\d)(?<![$.,]\d\d\d\.\d)(?<![$.,]\d\d\.\d)(?![\d.%])"
    r"(?!\s*(?:lbs?|pounds|kg|mg|mcg|ml|units?|hours?|hrs?|min|weeks?|mm|cm|in\b|k\b))"
)
TEMP_VALUES = (TEMP_WORD_VALUE, TEMP_DEGREES, TEMP_BARE)
VOMIT = r"(?:vomit|vomits|vomiting|vomitting|vommiting|vomited|vomitted|throwing\s+up|threw\s+up|throw\s+up|puking|puked|emesis)"


def _fahrenheit(m: re.Match) -> float | None:
    """The temperature in a TEMP_VALUES match, in Fahrenheit (None when absent/implausible)."""
    for v, u in (("val", "unit"), ("val2", "unit2"), ("val3", "")):
        raw = m.groupdict().get(v)
        if raw:
            value = float(raw)
            unit = (m.group(u) or "").lower() if u else ""
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
        has_number = any(m.groupdict().get(g) for g in ("val", "val2", "val3"))
        return not has_number and re.search(FEVER_WORD + "|temp", m.group(0), re.I) is not None

    return check


def _high_fever(m: re.Match) -> bool:
    value = _fahrenheit(m)
    if value is not None:
        return value >= 103
    return m.groupdict().get("high") is not None


_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
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
class _Alternative:
    """One way a rule can fire: a pattern that starts at a word boundary."""

    source: str
    cased: bool  # matched against the text as written (it has a case-sensitive abbreviation)
    anchored: re.Pattern  # the pattern itself, tried with .match() where it can start
    # Literal prefixes (2+ characters) every match starts with, at a word start, when the
    # pattern has them; the pattern is then only tried at words that begin with one of them.
    leading: frozenset[str] | None
    scan: re.Pattern | None  # without leading literals: "[^\w]" + pattern, run over " " + text
    # One of these substrings occurs in every match (None: unknown). A scanned pattern only
    # runs when one occurs; an anchored one too, when they are more selective than its prefixes.
    literals: frozenset[str] | None


@dataclass(frozen=True)
class _Rule:
    """One row of the rule table (build rows with :func:`_rule`)."""

    name: str
    urgency: str
    alternatives: tuple[_Alternative, ...]
    check: Callable[[re.Match], bool] | None = None
    companion: re.Pattern | None = None  # must also be affirmed somewhere in the message
    companion_check: Callable[[re.Match], bool] | None = None
    exclude_after: re.Pattern | None = None  # tested right after the match
    # False for events that matter even when over ("had a seizure, it stopped now").
    resolvable: bool = True


def _rule(
    name, urgency, *alternatives, check=None, companion=None, companion_check=None, exclude_after=None, resolvable=True
) -> _Rule:
    compiled = []
    for source in alternatives:
        cased = "(?-i:" in source
        # case-sensitive abbreviations are rare and distinctive: scan for them when present
        leading = None if cased else _leading_literals(source)
        required = _required_literals(source)
        if leading and required and (required == leading or _selectivity(required) <= _selectivity(leading)):
            required = None  # the prefixes say it all
        compiled.append(
            _Alternative(
                source=source,
                cased=cased,
                anchored=re.compile(source),
                leading=leading,
                scan=None if leading else re.compile(r"[^\w]" + source),
                literals=required if leading else (_leading_literals(source) or required),
            )
        )
    return _Rule(
        name=name,
        urgency=urgency,
        alternatives=tuple(compiled),
        check=check,
        companion=re.compile(companion, re.IGNORECASE) if companion else None,
        companion_check=companion_check,
        exclude_after=re.compile(exclude_after) if exclude_after else None,
        resolvable=resolvable,
    )


# --- pattern analysis (speed only: tests check results equal a plain "\b" + finditer) --------
# Python's re tries an alternation at every position of the text, ~10 us per pattern for a
# 200-character message. Instead, each pattern's literal prefixes are worked out from its parse
# tree (CPython's own re._parser), and the pattern is only tried, with .match(), at word
# starts that begin with one of them. Patterns without such prefixes are scanned, and only
# when a literal they require occurs in the text.


def _parse(pattern: str):
    try:
        from re import _constants, _parser

        return _constants, _parser.parse(pattern, 0)
    except Exception:  # pragma: no cover - another Python: no shortcuts, same results
        return None, None


def _leading_literals(pattern: str) -> frozenset[str] | None:
    """Literal prefixes one of which starts every match, if usable as a word-start index key."""
    c, tree = _parse(pattern)
    if tree is None:
        return None

    def lead(items, ignore_case: bool) -> set[str] | None:
        prefix = ""
        for op, av in items:
            if op is c.LITERAL and not ignore_case:
                prefix += chr(av)
                continue
            inner: set[str] | None = None
            if op is c.SUBPATTERN:
                _group, add_flags, del_flags, sub = av
                case = (ignore_case or bool(add_flags & c.SRE_FLAG_IGNORECASE)) and not (
                    del_flags & c.SRE_FLAG_IGNORECASE
                )
                inner = lead(sub, case)
            elif op is c.BRANCH and not ignore_case:
                branches = [lead(branch, ignore_case) for branch in av[1]]
                inner = None if any(b is None for b in branches) else set().union(*branches)
            if inner is not None:
                return {prefix + x for x in inner}
            break
        return {prefix} if prefix else None

    found = lead(tree, False)
    if not found or any(len(x) < 2 or not _index_key(x).isalnum() for x in found):
        return None
    return frozenset(found)


def _selectivity(literals: frozenset[str]) -> int:
    return min(len(x) if x.isascii() else 3 for x in literals)


def _index_key(literal: str) -> str:
    return literal[:3]


def _required_literals(pattern: str) -> frozenset[str] | None:
    """Substrings one of which occurs in every match of ``pattern`` (None when unknown)."""
    c, tree = _parse(pattern)
    if tree is None:
        return None

    def score(candidate: frozenset[str] | None) -> int:
        # a non-ASCII character ("°") is as selective as a few letters
        return min(len(x) if x.isascii() else 3 for x in candidate) if candidate else 0

    def sequence(items, ignore_case: bool) -> frozenset[str] | None:
        best: frozenset[str] | None = None
        run: list[str] = []
        for op, av in [*items, (None, None)]:
            if op is c.LITERAL and not ignore_case:
                run.append(chr(av))
                continue
            if run:
                literal = frozenset({"".join(run)})
                best = literal if score(literal) > score(best) else best
                run = []
            found: frozenset[str] | None = None
            if op is c.BRANCH and not ignore_case:
                branches = [sequence(branch, ignore_case) for branch in av[1]]
                found = None if any(b is None for b in branches) else frozenset().union(*branches)
            elif op is c.SUBPATTERN:
                _group, add_flags, del_flags, sub = av
                case = (ignore_case or bool(add_flags & c.SRE_FLAG_IGNORECASE)) and not (
                    del_flags & c.SRE_FLAG_IGNORECASE
                )
                found = sequence(sub, case)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                found = sequence(av[2], ignore_case)
            if found is not None and score(found) > score(best):
                best = found
        return best

    result = sequence(tree, False)
    return result if score(result) >= 2 else None


FEVER_ANY = (
    *TEMP_VALUES,
    # the word alone, when no reading follows it (a reading is judged by its value)
    rf"{FEVER_WORD}\b(?!{S}(?:blister|reducer|medicine|meds))"
    rf"(?!(?:{S}(?:of|is|was|at|around|about|like|over|up\s+to))*{S}\d)",
    r"(?:has|have|had|running|with|got)\s+a\s+temp(?:erature)?\b(?!\W+(?:of\W+|is\W+|was\W+)?\d)",
)
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
# "after my stroke", "since his stroke": an earlier event, not a current one.
def not_after(word: str, *prefixes: str) -> str:
    """``word`` unless directly preceded by one of ``prefixes`` (the lookbehinds come after the
    literal so the regex engine can still scan quickly for the word)."""
    return word + "".join(f"(?<!{re.escape(p + word)})" for p in prefixes)


AFTER_MY = tuple(f"{w} {p} " for w in ("after", "since") for p in ("my", "his", "her", "the", "a", "their"))
PILLS = (
    r"(?:pills?|tablets?|meds|medications?|medicines?|gummies|capsules|sleeping\s+pills|tylenol|advil|"
    r"oxycodone|oxy|percocet|vicodin|opioids?|narcotics|xanax|ambien|benadryl|insulin)"
)

HEADACHE = r"(?:head\s?a[ckh]\w*|hea\w{0,2}che|hed\w?a?che|migraine|head\s+pain)\b"

CLINICAL_VERB = (
    r"(?i:endorses|endorsing|endorsed|reports|reporting|reported|having|has|with|active|passive|"
    r"positive\s+for|c/o|admits\s+to|admitted\s+to|expresses|expressing|denies|denied|denying|no)\s+"
)

BP_VALUE = rf"(?:{S}(?:\w+)){{0,4}}?{S}(?P<sys>\d{{2,3}})\s*(?:/|over)\s*(?P<dia>\d{{2,3}})\b"
GLUCOSE_VALUE = rf"(?:{S}(?:[a-z]+)){{0,4}}?{S}(?P<bg>\d{{2,4}})(?:s)?\b(?!\s*(?:/|over|mg\b(?!/)|units|mcg))"

_RULES: tuple[_Rule, ...] = (
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
        r"(?:lips|face|skin)\s+(?:are\s+|is\s+|look\s+|looks\s+|turning\s+|turned\s+|going\s+)?(?:blue|bluish|purple|grey|gray)\b",
        r"turning\s+blue\b",
        rf"{BREATH}{S}(?:really\s+|very\s+|super\s+|so\s+)fast\b",
        rf"(?:ribs{gap(2)}(?:sucking|pulling)\s+in|sucking\s+in{gap(2)}ribs|retractions|nostrils\s+(?:are\s+)?flaring|grunting\s+with\s+(?:each|every)\s+breath)",
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
        r"(?-i:TIA|CVA)\b",
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
        check=_fever_at_least(100.4),
        companion=INFANT_AGE,
        companion_check=_infant_check,
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
        rf"(?:took|taken|swallowed|ate){S}(?:extra|all{S}(?:of{S})?(?:{PRON}|of)|a{S}(?:whole{S})?(?:bunch|handful|bottle){S}of){gap(2)}{PILLS}\b",
        rf"(?:took|taken|swallowed|ate){S}a{S}(?:whole{S})?(?:bunch|handful|bottle){S}of{S}(?:{PRON}|\w+'s)\b",
        rf"(?:took|taken|swallowed|ate){S}(?:like{S}|about{S}|around{S}|maybe{S}|over{S}|almost{S})?(?:1[5-9]|[2-9]\d|\d{{3}}){S}(?:of{S}(?:{PRON}{S})?)?(?:\w+{S})?{PILLS}",
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
        check=_fever_at_least(100.4),
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
        check=_high_fever,
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
        check=_bp_crisis,
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
        check=_glucose_extreme,
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
        rf"(?:only\s+)?(?:one|1|two|2){S}wet{S}diapers?{S}(?:in|all|today)",
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
_RULES = tuple(dataclasses.replace(r, resolvable=False) if r.name in _NOT_RESOLVABLE else r for r in _RULES)

RULE_NAMES: tuple[str, ...] = tuple(dict.fromkeys(r.name for r in _RULES))

# Word-start index: key (first 3 letters of a leading literal) -> literal -> (rule, alternative).
_LEAD_INDEX: dict[str, dict[str, list[tuple[int, int]]]] = {}
# Scanned alternatives: required literal -> (rule, alternative); _SCAN_ALWAYS have none.
_SCAN_LITERALS: dict[tuple[bool, str], list[tuple[int, int]]] = {}
_SCAN_ALWAYS: list[tuple[int, int]] = []
for _i, _r in enumerate(_RULES):
    for _j, _a in enumerate(_r.alternatives):
        if _a.leading:
            for _literal in _a.leading:
                _LEAD_INDEX.setdefault(_index_key(_literal), {}).setdefault(_literal, []).append((_i, _j))
        elif _a.literals:
            for _literal in _a.literals:
                _SCAN_LITERALS.setdefault((_a.cased, _literal), []).append((_i, _j))
        else:
            _SCAN_ALWAYS.append((_i, _j))

_LEAD_KEYS = frozenset(_LEAD_INDEX)
_TOKEN = re.compile(r"\w+")


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _candidates(doc: _Doc) -> dict[int, list[tuple[int, int, int, re.Match]]]:
    """rule index -> its raw matches (start, end, match_end, match), in text order."""
    starts: dict[tuple[int, int], list[int]] = {}
    lower = doc.lower
    words = set(_TOKEN.findall(lower))
    keys = {word[:3] for word in words}  # the first 3 (and 2) letters of each word
    keys.update({word[:2] for word in words})
    for key in _LEAD_KEYS.intersection(keys):
        positions = []  # word starts beginning with the key
        p = lower.find(key)
        while p != -1:
            if p == 0 or not _is_word_char(lower[p - 1]):
                positions.append(p)
            p = lower.find(key, p + 1)
        for literal, targets in _LEAD_INDEX[key].items():
            hits = positions if literal == key else [p for p in positions if lower.startswith(literal, p)]
            if hits:
                for target in targets:
                    starts.setdefault(target, []).extend(hits)
    out: dict[int, list[tuple[int, int, int, re.Match]]] = {}
    for (rule, number), positions in starts.items():
        alternative = _RULES[rule].alternatives[number]
        if alternative.literals and not any(literal in lower for literal in alternative.literals):
            continue
        text = lower
        found = out.setdefault(rule, [])
        end = -1
        for p in sorted(set(positions)) if len(positions) > 1 else positions:
            if p < end:
                continue
            m = alternative.anchored.match(text, p)
            if m:
                end = m.end()
                found.append((*_spans(m, 0), m, number))
    scanned = set(_SCAN_ALWAYS)
    for (cased, literal), targets in _SCAN_LITERALS.items():
        if literal in (doc.text if cased else doc.lower):
            scanned.update(targets)
    for rule, number in scanned:
        alternative = _RULES[rule].alternatives[number]
        text = doc.text if alternative.cased else doc.lower
        found = out.setdefault(rule, [])
        for m in alternative.scan.finditer(" " + text):
            found.append((*_spans(m, -1), m, number))
    return {rule: _in_order(found) for rule, found in out.items()}


def _in_order(found: list[tuple]) -> list[tuple[int, int, int, re.Match]]:
    """Matches by start, then by the alternative's place in the rule (as one alternation would)."""
    found.sort(key=lambda c: (c[0], c[4]))
    return [c[:4] for c in found]


def _reference_candidates(doc: _Doc) -> dict[int, list[tuple[int, int, int, re.Match]]]:
    """The same as _candidates, the plain way: every alternative, "\\b" + pattern, finditer."""
    out: dict[int, list[tuple[int, int, int, re.Match]]] = {}
    for rule, row in enumerate(_RULES):
        found = []
        for number, alternative in enumerate(row.alternatives):
            text = doc.text if alternative.cased else doc.lower
            for m in re.finditer(r"\b" + alternative.source, text):
                found.append((*_spans(m, 0), m, number))
        out[rule] = _in_order(found)
    return out


def _spans(m: re.Match, shift: int) -> tuple[int, int, int]:
    """(start, end, match_end) in the original text. ``start, end`` is the ``hit`` group if the
    pattern has one, else the whole match. ``shift`` -1: a scan match, which carries one
    boundary character in front and ran over the text with one space prepended."""
    if "hit" in m.re.groupindex and m.group("hit") is not None:
        return m.start("hit") + shift, m.end("hit") + shift, m.end() + shift
    # a scan match's first character is the boundary character, whose padded offset is the
    # original offset of the match's first real character: the start needs no shift.
    return m.start(), m.end() + shift, m.end() + shift


def rule_names() -> tuple[str, ...]:
    """The stable rule identifiers, in table order."""
    return RULE_NAMES


# --------------------------------------------------------------------------------------
# Clause segmentation and NegEx-style context
# --------------------------------------------------------------------------------------

_BOUNDARY = re.compile(  # runs on the lower-cased text
    # (the look-behinds follow the first character, so re can scan quickly for it)
    r"[.!?](?<!\bdr.)(?<!\bmr.)(?<!\bms.)(?<!\bmrs.)(?<!\bst.)(?<!\bvs.)(?<!\bpt.)[.!?]*(?=\s|$)"
    r"|[;\n]|\s(?:but|however|although|though|whereas|except)\b"
)

# All context patterns below run on the lower-cased text.


def _word_pattern(source: str) -> re.Pattern:
    """A pattern whose matches start at a word: compiled behind ``[^\\w]`` for speed (as the
    rule patterns, see _candidates) and run with :func:`_word_matches`."""
    return re.compile(r"[^\w](?:" + source + ")")


def _word_matches(pattern: re.Pattern, text: str):
    """(start, end, match) of each match of a ``_word_pattern`` in ``text``, offsets into ``text``."""
    for m in pattern.finditer(" " + text):
        yield m.start(), m.end() - 1, m


# Ends a negation/experiencer scope inside a clause: a conjunction or a new first-person subject.
_TERM = (
    r"\b(?:but|however|although|though|yet|except|aside\s+from|apart\s+from|other\s+than|besides|"
    r"because|bc|b/c|cause|since|due\s+to|and\s+now|now|then|which|who|whereas|while|still|"
    r"endorses|endorsing|endorsed|reports|reporting|admits|admitted|c/o|complains|complaining|positive\s+for|"
    r"i|i'm|im|i've|ive|i'd|i'll|me)\b"
)
_TERM_RE = _word_pattern(_TERM)
# Ends a history/hypothetical scope: like _TERM but a bare "I" does not ("if I have chest pain").
_CTX_TERM = (
    r"\b(?:but|however|although|though|yet|except|because|bc|b/c|cause|due\s+to|now|which|whereas|"
    r"new|acute|acutely|sudden|suddenly|today|tonight|this\s+morning|currently|presents\s+with|here\s+for|"
    r"(?:and|,)\s+(?:(?:now|today|tonight|yesterday)\s+)?(?:i|i'm|im|i've|he|she|they|he's|she's|now|today|tonight|this\s+morning|yesterday))\b"
)
_CTX_TERM_RE = re.compile(_CTX_TERM)

# "don't", "cant", "hasnt" ... (but not the "nt" of "pregnant" or "urgent").
NT_WORD = (
    r"\b(?:(?:do|does|did|ca|could|would|should|wo|is|are|was|were|has|have|had|ai|need|must|might|sha)n't|"
    r"dont|doesnt|didnt|cant|wont|isnt|wasnt|havent|hasnt|hadnt|couldnt|wouldnt|shouldnt|arent|werent|aint)\b"
)
# Negation triggers. Group "near" triggers only count immediately before the match.
_NEG = _word_pattern(
    r"\b(?:no|never|none|nor|neither|without|w/o|denies|denied|deny|denying|negative\s+for|neg\s+for|"
    r"free\s+of|absence\s+of|ruled\s+out|no\s+longer|no\s+more|no\s+sign\s+of|no\s+signs\s+of|no\s+evidence\s+of)\b"
    r"|(?:\bnot|\bnever|" + NT_WORD + r")(?:\s+(?:really|even|actually|currently|recently|ever|been|yet|had|have|"
    r"got|always|usually|typically|seem\s+to|think\s+(?:i|he|she)|believe\s+(?:i|he|she)|(?:i|he|she|they)\s+\w+)){0,2}\s+(?:have|has|had|having|feel|feels|feeling|felt|"
    r"experience|experienced|experiencing|notice|noticed|noticing|see|seen|think|believe|been|any|complain\w*|"
    r"thinking|planning|intending|intend|want|wanting|going|gonna|"
    r"report\w*|show\w*|develop\w*|suffer\w*|with)\b"
    r"|(?P<near>\bnot\b|" + NT_WORD + ")",
)
_NEG_WINDOW = 6  # words between a trigger and the match
# Look like negations but are not ("no improvement", "not sure if", "can't tell if").
_PSEUDO = _word_pattern(
    r"(?:\bno\s+(?:worries|rush|hurry|problem\s+(?:with\s+)?(?:the\s+)?(?:appt|appointment|visit)|doubt|idea|clue|change|"
    r"improvement|better|relief|matter|sleep|appetite|energy|way)\b"
    r"|\bnot\s+(?:sure|certain|only|just|improving|improved|better|getting\s+better|going\s+away|gone|stopping|"
    r"helping|working|normal|right|good|great|okay|ok)\b"
    r"|"
    + NT_WORD
    + r"\s+(?:know|sure|tell|help|helped|helping|stop|go\s+away|gone\s+away|get\s+better|improve|improved|work|"
    r"worked|seem\s+to\s+help|understand|wait|care)\b"
    r"|\b(?:sure|wondering|wonder|know|unsure|ask\w*|see|check\w*|curious|tell|determine)\s+(?:if|whether)\b)"
    r"(?:\s+(?:if|whether)\b)?",
)
# Resolution after the match ("chest pain is gone", "... resolved").
_RESOLVED = re.compile(
    r"^\W*(?P<between>(?:[\w']+\W+){0,4}?)(?:gone|resolved|resolving|went\s+away|go\s+away|gone\s+away|subsided|"
    r"cleared\s+up|disappeared|stopped|ruled\s+out|denied|fine\s+now|all\s+better)\b"
    r"|^\s*[:\-=]+\s*(?:no|none|denies|denied|neg|negative|absent|0)\b"
    r"|^\s*\?\s*(?:no|none)\b",
)
_RESOLVED_NEXT = re.compile(
    r"^\s*,?\s*(?:but|however)\s+(?:it|that|this|they|those|the\s+pain|now\s+it)\s*(?:'s|s|is|has|have|was|had|went|did)?\s*"
    r"(?:been\s+|now\s+|since\s+|completely\s+|totally\s+|all\s+)?(?:gone|resolved|went\s+away|go\s+away|gone\s+away|"
    r"subsided|fine|ok|okay|stopped|cleared\s+up|better\s+now|passed)\b",
)
_NOT_BETWEEN = re.compile(r"\b(?:not|never|still)\b|" + NT_WORD)

# History, family history, hypotheticals, reading about it.
_CTX_PRE = _word_pattern(
    r"\b(?:history\s+of|hx\s+of|h/o|hx|pmh|pmhx|family\s+history|fam(?:ily)?\s+hx|fhx|fh\s+of|"
    r"died\s+(?:of|from)|passed\s+away\s+(?:of|from)|passed\s+(?:of|from)|death\s+from|lost\s+(?:him|her|them)\s+to|"
    r"used\s+to|previous|previously|prior|an\s+old|past\s+(?:medical\s+)?history|in\s+the\s+past|"
    r"read(?:ing)?\s+(?:about|that|an\s+article|a\s+post|online)|article\s+(?:about|on)|heard\s+about|"
    r"learn(?:ing|ed)?\s+about|researching|googled|googling|looked\s+up|watch(?:ing)?\s+(?:out\s+)?for|"
    r"look(?:ing)?\s+out\s+for|signs\s+of|symptoms\s+of|warning\s+signs|risk\s+(?:of|for)|chance\s+of|"
    r"prevent\w*|to\s+avoid|in\s+case|if|what\s+if|whenever|scared\s+of\s+(?:getting|having)|"
    r"afraid\s+of\s+(?:getting|having)|worried\s+about\s+(?:getting|having)|screen(?:ing|ed)?\s+for|"
    r"tested\s+for|evaluated\s+for|work[\s-]?up\s+for|follow[\s-]?up\s+(?:for|on|of|from|after)|f/u)\b",
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
)

# The nearest person mentioned before a match decides who is experiencing it.
_EXPERIENCER = _word_pattern(
    r"\b(?P<other>friends?|coworkers?|co-workers?|colleagues?|boss|neighbou?rs?|roommates?|classmates?|cousins?|"
    r"aunts?|uncles?|nieces?|nephews?|brothers?|sisters?|siblings?|"
    r"in-laws?|someone|somebody|a\s+(?:guy|lady|man|woman|person)|people|celebrity|character)\b"
    r"|\b(?P<self>i|i'm|im|i've|ive|i'd|me|myself|pt|patient|son|daughter|child|kid|baby|infant|newborn|toddler|"
    r"husband|wife|spouse|partner|boyfriend|girlfriend|mom|mother|mum|dad|father|parent|grandma|grandpa|"
    r"grandmother|grandfather|granny|nana|papa)\b",
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


def _after_last(window: str, terminator: re.Pattern) -> str:
    """The part of ``window`` after the last terminator."""
    cut = 0
    if terminator is _CTX_TERM_RE:
        for m in terminator.finditer(window):
            cut = m.end()
    else:
        for _start, cut, _m in _word_matches(terminator, window):  # noqa: B007 - the last one
            pass
    return window[cut:]


def _last_trigger(window: str, trigger: re.Pattern) -> tuple[int, int, re.Match] | None:
    """The last match of a ``_word_pattern`` trigger in ``window`` that is not part of a pseudo-trigger."""
    pseudo = [(a, b) for a, b, _m in _word_matches(_PSEUDO, window)]
    last = None
    for start, end, m in _word_matches(trigger, window):
        if not any(a < end and start < b for a, b in pseudo):
            last = (start, end, m)
    return last


def _negated(pre: str, post: str, next_clause: str, resolvable: bool) -> bool:
    scope = _after_last(pre, _TERM_RE)
    trigger = _last_trigger(scope, _NEG)
    if trigger is not None:
        _start, end, m = trigger
        distance = len(_WORD.findall(scope[end:]))
        if distance <= (1 if m.group("near") else _NEG_WINDOW):
            return True
    if not resolvable:
        return False
    resolved = _RESOLVED.match(post)
    if resolved and not _NOT_BETWEEN.search(resolved.group("between") or ""):
        return True
    return bool(next_clause) and _RESOLVED_NEXT.match(next_clause) is not None


def _in_context(pre: str, post: str) -> bool:
    scope = _after_last(pre, _CTX_TERM_RE)
    trigger = _last_trigger(scope, _CTX_PRE)
    if trigger is not None and len(_WORD.findall(scope[trigger[1] :])) <= _CTX_WINDOW:
        return True
    return _CTX_POST.match(post) is not None


def _other_experiencer(pre: str) -> bool:
    last = None
    for _start, _end, last in _word_matches(_EXPERIENCER, pre):  # noqa: B007 - we want the last one
        pass
    return last is not None and last.group("other") is not None


def _affirmed(doc: _Doc, start: int, end: int, resolvable: bool = True) -> bool:
    """True when the mention at [start, end) is asserted, current and about the patient."""
    clause_start, clause_end = doc.clause(start, end)
    text = doc.lower
    pre, post = text[clause_start:start], text[end:clause_end]
    next_clause = text[clause_end : clause_end + 60]
    return not (_negated(pre, post, next_clause, resolvable) or _in_context(pre, post) or _other_experiencer(pre))


def _span(m: re.Match) -> tuple[int, int]:
    """The span of a companion match: its ``hit`` group if any, else the whole match."""
    if "hit" in m.re.groupindex and m.group("hit") is not None:
        return m.span("hit")
    return m.span()


def _first_affirmed(doc: _Doc, pattern: re.Pattern, check) -> re.Match | None:
    for m in pattern.finditer(doc.text):
        if m.end() > m.start() and (check is None or check(m)) and _affirmed(doc, *_span(m)):
            return m
    return None


def find_red_flags(text: str, *, _reference: bool = False) -> list[RuleHit]:
    """Red-flag rule hits in ``text``: the first affirmed occurrence per rule, sorted by start.

    ``_reference=True`` matches every pattern the plain way (see _reference_candidates); tests
    use it to prove the fast path changes no result.
    """
    if not text:
        return []
    doc = _Doc(text)
    found: dict[str, RuleHit] = {}
    candidates = _reference_candidates(doc) if _reference else _candidates(doc)
    for index, found_matches in sorted(candidates.items()):
        rule = _RULES[index]
        companion_ok: bool | None = None
        for start, end, match_end, m in found_matches:
            if end <= start or (rule.check is not None and not rule.check(m)):
                continue
            if rule.exclude_after is not None and rule.exclude_after.match(doc.lower, match_end):
                continue
            if not _affirmed(doc, start, end, rule.resolvable):
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
