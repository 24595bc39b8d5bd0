"""Finding red flags: where each rule's patterns match (fast, through a word-start index), then
which of those matches are affirmed in their clause (``context.py``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from triage.redflags.context import Doc, affirmed, first_affirmed
from triage.redflags.prefixes import index_key, leading_literals, required_literals, selectivity
from triage.redflags.rules import RULES, Rule, RuleHit

# rule index -> its raw matches (start, end, match_end, match), in text order
Candidates = dict[int, list[tuple[int, int, int, re.Match[str]]]]
# the same with the alternative's number, to sort by (see _in_order)
_Numbered = list[tuple[int, int, int, re.Match[str], int]]

_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Alternative:
    """One way a rule can fire: a pattern that starts at a word boundary, compiled for speed."""

    source: str
    cased: bool  # matched against the text as written (it has a case-sensitive abbreviation)
    anchored: re.Pattern[str]  # the pattern itself, tried with .match() where it can start
    # Literal prefixes (2+ characters) every match starts with, at a word start, when the
    # pattern has them; the pattern is then only tried at words that begin with one of them.
    leading: frozenset[str] | None
    scan: re.Pattern[str] | None  # without leading literals: "[^\w]" + pattern, run over " " + text
    # One of these substrings occurs in every match (None: unknown). A scanned pattern only
    # runs when one occurs; an anchored one too, when they are more selective than its prefixes.
    literals: frozenset[str] | None

    @classmethod
    def compile(cls, source: str) -> Alternative:
        cased = "(?-i:" in source
        # case-sensitive abbreviations are rare and distinctive: scan for them when present
        leading = None if cased else leading_literals(source)
        required = required_literals(source)
        if leading and required and (required == leading or selectivity(required) <= selectivity(leading)):
            required = None  # the prefixes say it all
        return cls(
            source=source,
            cased=cased,
            anchored=re.compile(source),
            leading=leading,
            # grouped, so a pattern with a top-level "|" keeps the boundary on every branch
            scan=None if leading else re.compile(r"[^\w](?:" + source + ")"),
            literals=required if leading else (leading_literals(source) or required),
        )


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


class WordIndex:
    """The rule table compiled for matching: each pattern is tried only at word starts that begin
    with one of its literal prefixes, or scanned for when a literal it requires occurs."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules: tuple[Rule, ...] = tuple(rules)
        self.alternatives = tuple(tuple(Alternative.compile(p) for p in rule.patterns) for rule in self.rules)
        # Word-start index: key (first 3 letters of a leading literal) -> literal -> (rule, alternative).
        self.lead_index: dict[str, dict[str, list[tuple[int, int]]]] = {}
        # Scanned alternatives: required literal -> (rule, alternative); scan_always have none.
        self.scan_literals: dict[tuple[bool, str], list[tuple[int, int]]] = {}
        self.scan_always: list[tuple[int, int]] = []
        for i, alternatives in enumerate(self.alternatives):
            for j, a in enumerate(alternatives):
                if a.leading:
                    for literal in a.leading:
                        self.lead_index.setdefault(index_key(literal), {}).setdefault(literal, []).append((i, j))
                elif a.literals:
                    for literal in a.literals:
                        self.scan_literals.setdefault((a.cased, literal), []).append((i, j))
                else:
                    self.scan_always.append((i, j))
        self.lead_keys = frozenset(self.lead_index)

    def candidates(self, doc: Doc) -> Candidates:
        """rule index -> its raw matches (start, end, match_end, match), in text order."""
        starts: dict[tuple[int, int], list[int]] = {}
        lower = doc.lower
        words = set(_TOKEN.findall(lower))
        keys = {word[:3] for word in words}  # the first 3 (and 2) letters of each word
        keys.update({word[:2] for word in words})
        for key in self.lead_keys.intersection(keys):
            positions = []  # word starts beginning with the key
            p = lower.find(key)
            while p != -1:
                if p == 0 or not _is_word_char(lower[p - 1]):
                    positions.append(p)
                p = lower.find(key, p + 1)
            for literal, targets in self.lead_index[key].items():
                hits = positions if literal == key else [p for p in positions if lower.startswith(literal, p)]
                if hits:
                    for target in targets:
                        starts.setdefault(target, []).extend(hits)
        out: dict[int, _Numbered] = {}
        for (rule, number), positions in starts.items():
            alternative = self.alternatives[rule][number]
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
        scanned = set(self.scan_always)
        for (cased, literal), targets in self.scan_literals.items():
            if literal in (doc.text if cased else doc.lower):
                scanned.update(targets)
        for rule, number in scanned:
            alternative = self.alternatives[rule][number]
            assert alternative.scan is not None  # only alternatives without leading literals are scanned
            text = doc.text if alternative.cased else doc.lower
            found = out.setdefault(rule, [])
            for m in alternative.scan.finditer(" " + text):
                found.append((*_spans(m, -1), m, number))
        return {rule: _in_order(found) for rule, found in out.items()}


def reference_candidates(rules: Sequence[Rule], doc: Doc) -> Candidates:
    """The same as WordIndex.candidates, the plain way: every pattern, "\\b" + pattern, finditer."""
    out: Candidates = {}
    for rule, row in enumerate(rules):
        found: _Numbered = []
        for number, source in enumerate(row.patterns):
            text = doc.text if "(?-i:" in source else doc.lower
            for m in re.finditer(r"\b(?:" + source + ")", text):
                found.append((*_spans(m, 0), m, number))
        out[rule] = _in_order(found)
    return out


def _in_order(found: _Numbered) -> list[tuple[int, int, int, re.Match[str]]]:
    """Matches by start, then by the alternative's place in the rule (as one alternation would)."""
    found.sort(key=lambda c: (c[0], c[4]))
    return [c[:4] for c in found]


def _spans(m: re.Match[str], shift: int) -> tuple[int, int, int]:
    """(start, end, match_end) in the original text. ``start, end`` is the ``hit`` group if the
    pattern has one, else the whole match. ``shift`` -1: a scan match, which carries one
    boundary character in front and ran over the text with one space prepended."""
    if "hit" in m.re.groupindex and m.group("hit") is not None:
        return m.start("hit") + shift, m.end("hit") + shift, m.end() + shift
    # a scan match's first character is the boundary character, whose padded offset is the
    # original offset of the match's first real character: the start needs no shift.
    return m.start(), m.end() + shift, m.end() + shift


INDEX = WordIndex(RULES)


def find_red_flags(text: str, *, _reference: bool = False, _index: WordIndex | None = None) -> list[RuleHit]:
    """Red-flag rule hits in ``text``: the first affirmed occurrence per rule, sorted by start.

    Test hooks: ``_reference=True`` matches every pattern the plain way (see reference_candidates),
    ``_index`` uses another compiled table (one built without the private parser, say); tests use
    them to prove the fast path changes no result.
    """
    if not text:
        return []
    return hits_in(Doc(text), INDEX if _index is None else _index, _reference=_reference)


def hits_in(doc: Doc, index: WordIndex, *, _reference: bool = False) -> list[RuleHit]:
    """``find_red_flags`` on a prepared ``Doc`` with any compiled table (the complaint protocols
    compile their criteria into one, see triage.protocols.engine)."""
    text = doc.original
    found: dict[str, RuleHit] = {}
    candidates = reference_candidates(index.rules, doc) if _reference else index.candidates(doc)
    for number, found_matches in sorted(candidates.items()):
        rule = index.rules[number]
        companion_ok: bool | None = None
        for start, end, match_end, m in found_matches:
            if end <= start or (rule.check is not None and not rule.check(m)):
                continue
            if rule.exclude_after is not None and rule.exclude_after.match(doc.lower, match_end):
                continue
            if not affirmed(doc, start, end, rule.resolvable):
                continue
            if rule.companion is not None:
                if companion_ok is None:
                    companion_ok = first_affirmed(doc, rule.companion, rule.companion_check) is not None
                if not companion_ok:
                    break
            previous = found.get(rule.name)
            if previous is None or start < previous.span[0]:
                found[rule.name] = RuleHit(rule.name, rule.urgency, (start, end), text[start:end])
            break
    return sorted(found.values(), key=lambda hit: (hit.span[0], hit.rule))
