"""Shared building blocks for writing protocols (pure): the red-flag matcher's separators and
spelling variants, and the tuned red-flag rules themselves, so a protocol criterion can reuse a rule
that already has its table tests (``rule_patterns("stroke")``) instead of repeating it.

Conventions (see ``triage.redflags``): patterns are lower-case regexes matched from a word boundary
against the lower-cased text; ``S`` separates words inside one sentence, ``gap(n)`` allows up to
``n`` filler words, ``(?-i:SOB)`` matches an abbreviation only in capitals.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from triage.redflags.patterns import (
    BREATH,
    CANT,
    CHEST,
    FEVER_ANY,
    FEVER_WORD,
    HEADACHE,
    PAIN,
    PILLS,
    PRON,
    TEMP_VALUES,
    VOMIT,
    S,
    alt,
    fever_at_least,
    gap,
    gap_affirmative,
    high_fever,
    not_after,
)
from triage.redflags.rules import RULES, Rule

__all__ = [
    "BREATH",
    "CANT",
    "CHEST",
    "FEVER_ANY",
    "FEVER_WORD",
    "HEADACHE",
    "PAIN",
    "PILLS",
    "PRON",
    "TEMP_VALUES",
    "VOMIT",
    "S",
    "alt",
    "fever_at_least",
    "gap",
    "gap_affirmative",
    "high_fever",
    "not_after",
    "rule",
    "rule_patterns",
    "SEVERE",
    "severe",
]

# severity words patients and clinicians use
SEVERE = r"(?:severe|severely|sever|worst|unbearable|excruciating|extreme|intense|terrible|awful|agoni[sz]ing|10/10|10\s+out\s+of\s+10|9/10|crushing)"


def severe() -> str:
    return SEVERE


def rule(name: str) -> Rule:
    """The red-flag rule of this name (the first row, when several share it)."""
    for r in RULES:
        if r.name == name:
            return r
    raise KeyError(name)


def rule_patterns(name: str) -> tuple[str, ...]:
    """Every pattern of the red-flag rule(s) of this name, in table order (only rows without a
    check or companion: those rows need their own criterion, see ``rule_criterion_kwargs``)."""
    out: list[str] = []
    for r in RULES:
        if r.name == name and r.check is None and r.companion is None:
            out.extend(r.patterns)
    if not out:
        raise KeyError(name)
    return tuple(out)


def rule_check(name: str) -> Callable[[re.Match], bool] | None:
    return rule(name).check
