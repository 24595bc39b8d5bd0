"""What every match of a regex starts with, or must contain, read off its parse tree (speed only).

Python's re tries an alternation at every position of the text, ~10 us per pattern for a
200-character message. Instead, each pattern's literal prefixes are worked out from its parse
tree, and the pattern is only tried, with .match(), at word starts that begin with one of them.
Patterns without such prefixes are scanned, and only when a literal they require occurs in the
text (see ``matcher.WordIndex``).

CPython's private ``re._parser`` (with ``re._constants``) is the only parser of its own regex
syntax: the stdlib has no public way to get a pattern's parse tree (``sre_parse`` is a
deprecated alias of the same private module since 3.11, and ``re.DEBUG`` only prints). So this
module is the one place that touches it. Every answer here is an optimisation hint, never a
result: when the private parser is missing, raises, or fails the self-check below (another
Python, a CPython whose internals changed), every function answers None ("unknown") and the
matcher scans each pattern the plain way: slower, same hits. triage/tests/test_redflags.py
checks both paths against plain ``re.finditer(r"\\b" + pattern)``.
"""

from __future__ import annotations

import importlib
from typing import Any


def selectivity(literals: frozenset[str]) -> int:
    """How rare a set of literals is in text: its shortest member's length (non-ASCII counts 3)."""
    return min(len(x) if x.isascii() else 3 for x in literals)


def index_key(literal: str) -> str:
    """The word-start index key of a leading literal."""
    return literal[:3]


def _private_parser() -> tuple[Any, Any]:
    """CPython's regex opcode constants and parser (private modules: see the module docstring)."""
    return importlib.import_module("re._constants"), importlib.import_module("re._parser")


def _parse(pattern: str) -> tuple[Any, Any] | None:
    """(constants, parse tree) of ``pattern``, or None when the private parser is unusable."""
    try:
        constants, parser = _private_parser()
        return constants, parser.parse(pattern, 0)
    except Exception:  # another Python or changed internals: no shortcuts, same results
        return None


def _known_case(c: Any, add_flags: int, del_flags: int, ignore_case: bool) -> bool:
    """Whether a group with these inline flags matches case-insensitively."""
    return (ignore_case or bool(add_flags & c.SRE_FLAG_IGNORECASE)) and not (del_flags & c.SRE_FLAG_IGNORECASE)


def _leading(c: Any, tree: Any) -> frozenset[str] | None:
    def lead(items: Any, ignore_case: bool) -> set[str] | None:
        prefix = ""
        for op, av in items:
            if op is c.LITERAL and not ignore_case:
                prefix += chr(av)
                continue
            inner: set[str] | None = None
            if op is c.SUBPATTERN:
                _group, add_flags, del_flags, sub = av
                inner = lead(sub, _known_case(c, add_flags, del_flags, ignore_case))
            elif op is c.BRANCH and not ignore_case:
                branches = [lead(branch, ignore_case) for branch in av[1]]
                known = [b for b in branches if b is not None]
                inner = set().union(*known) if len(known) == len(branches) else None
            if inner is not None:
                return {prefix + x for x in inner}
            break
        return {prefix} if prefix else None

    found = lead(tree, False)
    if not found or any(len(x) < 2 or not index_key(x).isalnum() for x in found):
        return None
    return frozenset(found)


def _score(candidate: frozenset[str] | None) -> int:
    # a non-ASCII character ("°") is as selective as a few letters
    return selectivity(candidate) if candidate else 0


def _required(c: Any, tree: Any) -> frozenset[str] | None:
    def sequence(items: Any, ignore_case: bool) -> frozenset[str] | None:
        best: frozenset[str] | None = None
        run: list[str] = []
        for op, av in [*items, (None, None)]:
            if op is c.LITERAL and not ignore_case:
                run.append(chr(av))
                continue
            if run:
                literal = frozenset({"".join(run)})
                best = literal if _score(literal) > _score(best) else best
                run = []
            found: frozenset[str] | None = None
            if op is c.BRANCH and not ignore_case:
                branches = [sequence(branch, ignore_case) for branch in av[1]]
                known = [b for b in branches if b is not None]
                found = frozenset().union(*known) if len(known) == len(branches) else None
            elif op is c.SUBPATTERN:
                _group, add_flags, del_flags, sub = av
                found = sequence(sub, _known_case(c, add_flags, del_flags, ignore_case))
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                found = sequence(av[2], ignore_case)
            if found is not None and _score(found) > _score(best):
                best = found
        return best

    result = sequence(tree, False)
    return result if _score(result) >= 2 else None


def _analyse(pattern: str) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    parsed = _parse(pattern)
    if parsed is None:
        return None, None
    try:
        return _leading(*parsed), _required(*parsed)
    except Exception:  # a parse tree of another shape: no shortcuts, same results
        return None, None


def _self_check() -> bool:
    """The private parser gives the trees this module expects (else it is not used at all)."""
    return _analyse(r"(?:chest|chst)\s+(?i:pain)\b") == (frozenset({"chest", "chst"}), frozenset({"ch"})) and (
        _analyse(r"(?i:t)\d+\s*(?:degrees|deg)") == (None, frozenset({"deg"}))
    )


AVAILABLE = _self_check()  # False: every answer below is None (the slow, plain path)


def leading_literals(pattern: str) -> frozenset[str] | None:
    """Literal prefixes (2+ characters) one of which starts every match, if usable as a word-start
    index key; None when there are none or they cannot be worked out."""
    return _analyse(pattern)[0] if AVAILABLE else None


def required_literals(pattern: str) -> frozenset[str] | None:
    """Substrings one of which occurs in every match of ``pattern`` (None when unknown)."""
    return _analyse(pattern)[1] if AVAILABLE else None
