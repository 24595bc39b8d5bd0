"""Pattern building blocks for the red-flag rules (pure): word separators, spelling variants,
numeric readings and the checks that judge them (a temperature threshold, an infant's age, a blood
pressure or glucose value). The rule table (``rules.py``) is written with these."""

from __future__ import annotations

import re
from collections.abc import Callable

# A separator between words that stays inside one sentence.
S = r"[^\w.!?;\n]+"


def gap(n: int = 2) -> str:
    """Between two key words: a separator plus up to ``n`` filler words, none of them a negation
    ("the cut is not infected" is no "cut ... infected")."""
    return gap_affirmative(n)


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


def fever_at_least(threshold_f: float) -> Callable[[re.Match], bool]:
    """A check: the match names a fever, or states a temperature >= threshold."""

    def check(m: re.Match) -> bool:
        value = _fahrenheit(m)
        if value is not None:
            return value >= threshold_f
        has_number = any(m.groupdict().get(g) for g in ("val", "val2", "val3"))
        return not has_number and re.search(FEVER_WORD + "|temp", m.group(0), re.I) is not None

    return check


def high_fever(m: re.Match) -> bool:
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


def bp_crisis(m: re.Match) -> bool:
    return int(m.group("sys")) >= 180 or int(m.group("dia")) >= 120


def glucose_extreme(m: re.Match) -> bool:
    value = int(m.group("bg"))
    return value < 55 or 400 < value < 1500


# --- phrasings several rules share ----------------------------------------------------

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


def infant_check(m: re.Match) -> bool:
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
    r"oxycodone|oxy|percocet|vicodin|opioids?|narcotics|xanax|ambien|benadryl|insulin|"
    r"paracetamol|acetaminophen|panadol|ibuprofen|aspirin|sertraline|amitriptyline|antidepressants?)"
)

HEADACHE = r"(?:head\s?a[ckh]\w*|hea\w{0,2}che|hed\w?a?che|migraine|head\s+pain)\b"

CLINICAL_VERB = (
    r"(?i:endorses|endorsing|endorsed|reports|reporting|reported|having|has|with|active|passive|"
    r"positive\s+for|c/o|admits\s+to|admitted\s+to|expresses|expressing|denies|denied|denying|no)\s+"
)

BP_VALUE = rf"(?:{S}(?:\w+)){{0,4}}?{S}(?P<sys>\d{{2,3}})\s*(?:/|over)\s*(?P<dia>\d{{2,3}})\b"
GLUCOSE_VALUE = rf"(?:{S}(?:[a-z]+)){{0,4}}?{S}(?P<bg>\d{{2,4}})(?:s)?\b(?!\s*(?:/|over|mg\b(?!/)|units|mcg))"
