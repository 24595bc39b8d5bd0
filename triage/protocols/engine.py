"""Running the protocols over a message (pure): every protocol's complaint, criteria and score items
are compiled into one red-flag matcher table (``triage.redflags.matcher.WordIndex``, so they share
its negation / history / experiencer handling and its word-start speed-up), the message's findings
are read once, and the highest care level any criterion reaches decides.

Order of decision
-----------------
1. A criterion (or a clinical score's threshold) that fires: the highest care level wins; between
   equals, the one that appears first in the text.
2. Otherwise, if a protocol's complaint is present: the highest default among those protocols.
3. Otherwise no protocol applies (``Assessment.care_level`` is None) and the caller decides (the
   classifier, under the limits of ``triage.decision``).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from triage.protocols.findings import Findings, read_findings
from triage.protocols.schema import ClinicalScore, Criterion, Protocol, Source
from triage.redflags.context import Doc, first_affirmed
from triage.redflags.matcher import WordIndex, hits_in
from triage.redflags.rules import Rule
from vocabulary import CARE_LEVEL_RANK, CareLevel

# Modules of this package that are not protocols.
_NOT_PROTOCOLS = {"engine", "findings", "schema", "sources", "words"}

GENERAL_ADVICE: dict[str, str] = {
    CareLevel.EMERGENCY: "Call the patient now: advise 911 or the nearest emergency department.",
    CareLevel.SAME_DAY: "Call the patient back today and arrange a same-day assessment.",
    CareLevel.WITHIN_3_DAYS: "Offer an appointment within 3 days; advise to call back if it gets worse.",
    CareLevel.WITHIN_2_WEEKS: "Offer a routine appointment (within 2 weeks).",
    CareLevel.SELF_CARE: "Reply with home-care advice; no visit needed unless it gets worse.",
    CareLevel.ADMINISTRATIVE: "No clinical action: route to the front desk or billing.",
}


@dataclass(frozen=True)
class ProtocolHit:
    """One criterion (or score threshold, or a protocol's default) that applies to the message."""

    protocol: str
    protocol_title: str
    criterion: str  # the criterion's name; "default" for the default, the score's name for a score
    criterion_text: str
    care_level: str
    source: Source
    span: tuple[int, int] | None
    text: str
    kind: str = "criterion"  # criterion | score | default
    order: int = 0  # the criterion's place in its protocol (between equals, the earlier one decides)

    def as_dict(self) -> dict[str, Any]:
        """A rationale entry of kind ``protocol`` (CONTRACT.md v1.1)."""
        return {
            "kind": "protocol",
            "protocol": self.protocol,
            "protocol_title": self.protocol_title,
            "criterion": self.criterion,
            "criterion_text": self.criterion_text,
            "care_level": self.care_level,
            "source": self.source.key,
            "source_title": self.source.title,
            "source_url": self.source.url,
            "span": [self.span[0], self.span[1]] if self.span else None,
            "text": self.text,
            "basis": self.kind,
        }


@dataclass(frozen=True)
class Assessment:
    care_level: str | None  # None: no protocol applies
    decided_by: ProtocolHit | None
    hits: tuple[ProtocolHit, ...]  # every criterion / score that fired, most serious first
    protocols: tuple[str, ...]  # the protocols whose complaint or criteria apply, in text order
    findings: Findings
    disposition: str
    home_care: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def protocol(self) -> str | None:
        """The protocol that decided (folding follow-ups uses it)."""
        return self.decided_by.protocol if self.decided_by else None

    @property
    def by_criterion(self) -> bool:
        """A criterion or score decided (not merely a protocol's default)."""
        return self.decided_by is not None and self.decided_by.kind != "default"


def load_protocols() -> tuple[Protocol, ...]:
    """Every module of this package that defines ``PROTOCOL``, by name."""
    found = []
    for info in pkgutil.iter_modules([str(Path(__file__).resolve().parent)]):
        if info.name in _NOT_PROTOCOLS or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__package__}.{info.name}")
        protocol = getattr(module, "PROTOCOL", None)
        if isinstance(protocol, Protocol):
            found.append(protocol)
    names = [p.name for p in found]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"protocol names repeat: {sorted(duplicates)}")
    return tuple(sorted(found, key=lambda p: p.name))


@dataclass(frozen=True)
class _Compiled:
    index: WordIndex
    # rule name -> what it stands for
    criteria: dict[str, tuple[Protocol, Criterion]]
    complaints: dict[str, Protocol]
    score_items: dict[str, tuple[Protocol, ClinicalScore, int]]
    also: dict[str, tuple[re.Pattern[str], ...]]
    unless: dict[str, tuple[re.Pattern[str], ...]]
    default_unless: dict[str, tuple[re.Pattern[str], ...]]
    findings_only: tuple[tuple[Protocol, Criterion], ...]
    by_name: dict[str, Protocol]


def compile_protocols(protocols: tuple[Protocol, ...]) -> _Compiled:
    rules: list[Rule] = []
    criteria: dict[str, tuple[Protocol, Criterion]] = {}
    complaints: dict[str, Protocol] = {}
    score_items: dict[str, tuple[Protocol, ClinicalScore, int]] = {}
    also: dict[str, tuple[re.Pattern[str], ...]] = {}
    unless: dict[str, tuple[re.Pattern[str], ...]] = {}
    findings_only: list[tuple[Protocol, Criterion]] = []
    for p in protocols:
        if p.complaint:
            name = f"{p.name}/"
            rules.append(Rule(name=name, urgency=p.default, patterns=p.complaint))
            complaints[name] = p
        for c in p.criteria:
            name = f"{p.name}/{c.name}"
            if c.also:
                also[name] = tuple(re.compile(r"\b(?:" + a + ")", re.IGNORECASE) for a in c.also)
            if c.unless:
                unless[name] = tuple(re.compile(r"\b(?:" + u + ")", re.IGNORECASE) for u in c.unless)
            if not c.patterns:
                findings_only.append((p, c))
                continue
            rules.append(
                Rule(
                    name=name,
                    urgency=c.care_level,
                    patterns=c.patterns,
                    check=c.check,
                    exclude_after=re.compile(c.exclude_after) if c.exclude_after else None,
                    resolvable=c.resolvable,
                )
            )
            criteria[name] = (p, c)
        for s in p.scores:
            for i, item in enumerate(s.items):
                if item.patterns:
                    name = f"{p.name}#{s.name}#{i}"
                    rules.append(Rule(name=name, urgency=CareLevel.SELF_CARE.value, patterns=item.patterns))
                    score_items[name] = (p, s, i)
    by_name = {p.name: p for p in protocols}
    default_unless = {
        p.name: tuple(re.compile(r"\b(?:" + u + ")", re.IGNORECASE) for u in p.default_unless)
        for p in protocols
        if p.default_unless
    }
    return _Compiled(
        WordIndex(rules), criteria, complaints, score_items, also, unless, default_unless, tuple(findings_only), by_name
    )


PROTOCOLS: tuple[Protocol, ...] = load_protocols()
_TABLE = compile_protocols(PROTOCOLS)


def _also_ok(doc: Doc, name: str, table: _Compiled, resolvable: bool = True) -> bool:
    """Every ``also`` pattern affirmed somewhere, and no ``unless`` pattern (judged as the criterion
    is: an event that matters even when over — "had a seizure, fine now" — stays affirmed)."""
    also = table.also.get(name, ())
    if not all(first_affirmed(doc, pattern, None, resolvable) is not None for pattern in also):
        return False
    unless = table.unless.get(name, ())
    return not any(first_affirmed(doc, pattern, None, resolvable) is not None for pattern in unless)


def _when_ok(criterion: Criterion | Any, findings: Findings) -> bool:
    return criterion.when is None or bool(criterion.when(findings))


def _shown(doc: Doc, criterion: Criterion, findings: Findings) -> tuple[tuple[int, int] | None, str]:
    for key in criterion.shows:
        span = findings.spans.get(key)
        if span:
            raw = doc.original[span[0] : span[1]]
            start = span[0] + len(raw) - len(raw.lstrip())
            shown = raw.strip()
            return (start, start + len(shown)), shown
    return None, ""


def assess(text: str, *, _table: _Compiled | None = None) -> Assessment:
    """The protocols' verdict on one message (see the module docstring). ``_table``: another
    compiled set (``compile_protocols``), e.g. one protocol alone in its table test."""
    table = _TABLE if _table is None else _table
    doc = Doc(text or "")
    findings = read_findings(doc)
    raw = hits_in(doc, table.index) if text else []
    hits: list[ProtocolHit] = []
    applying: dict[str, int] = {}  # protocol -> first position
    complaint_at: dict[str, tuple[int, int]] = {}
    present_items: dict[str, tuple[int, int]] = {}
    for hit in raw:
        if hit.rule in table.complaints:
            p = table.complaints[hit.rule]
            applying.setdefault(p.name, hit.span[0])
            complaint_at[p.name] = hit.span
        elif hit.rule in table.criteria:
            p, c = table.criteria[hit.rule]
            if not _when_ok(c, findings) or not _also_ok(doc, hit.rule, table, c.resolvable):
                continue
            applying.setdefault(p.name, hit.span[0])
            hits.append(
                ProtocolHit(
                    p.name,
                    p.title,
                    c.name,
                    c.text,
                    c.care_level,
                    p.source_of(c.source),
                    hit.span,
                    hit.text,
                    order=p.criteria.index(c),
                )
            )
        elif hit.rule in table.score_items:
            present_items[hit.rule] = hit.span
    for p, c in table.findings_only:
        if _when_ok(c, findings) and _also_ok(doc, f"{p.name}/{c.name}", table, c.resolvable):
            span, shown = _shown(doc, c, findings)
            applying.setdefault(p.name, span[0] if span else len(doc.text))
            hits.append(
                ProtocolHit(
                    p.name,
                    p.title,
                    c.name,
                    c.text,
                    c.care_level,
                    p.source_of(c.source),
                    span,
                    shown,
                    order=p.criteria.index(c),
                )
            )
    protocols_in_table = table.by_name
    for name in list(applying):
        p = protocols_in_table[name]
        for s in p.scores:
            scored = _score(p, s, present_items, findings)
            if scored is not None:
                hits.append(scored)

    # most serious first; between equals, the protocol met first in the text, then its earlier criterion
    def rank(h: ProtocolHit) -> tuple[int, bool, int, int]:
        # between equal levels a criterion beats a default: it is the one a nurse can check
        return (-CARE_LEVEL_RANK[h.care_level], h.kind == "default", applying.get(h.protocol, 10**9), h.order)

    hits.sort(key=rank)
    order = tuple(sorted(applying, key=lambda n: applying[n]))
    # Each protocol that applies says one level: its highest criterion, else (its complaint present)
    # its default; the most serious of those decides. A mild criterion of one protocol never hides
    # another protocol's higher default ("sore throat, mild" beside an unexplained chest pain).
    verdicts: dict[str, ProtocolHit] = {}
    for h in hits:
        verdicts.setdefault(h.protocol, h)

    def explained(span: tuple[int, int], name: str) -> bool:
        """The complaint's words are part of another protocol's criterion ("mosquito bite on my leg
        is swollen" is the bite's local reaction, not a swollen leg): in the same clause."""
        start, end = doc.clause(*span)
        return any(h.span and h.span[0] < end and start < h.span[1] and h.protocol != name for h in hits)

    for name in order:
        if name in verdicts or name not in complaint_at or explained(complaint_at[name], name):
            continue
        p = protocols_in_table[name]
        if any(first_affirmed(doc, pattern, None) is not None for pattern in table.default_unless.get(name, ())):
            continue
        span = complaint_at[name]
        verdicts[name] = ProtocolHit(
            p.name,
            p.title,
            "default",
            f"{p.title}: none of the protocol's red-flag criteria",
            p.default,
            p.sources[0],
            span,
            doc.original[span[0] : span[1]],
            kind="default",
            order=len(p.criteria),
        )
    decided: ProtocolHit | None = min(verdicts.values(), key=rank) if verdicts else None
    if decided is None:
        return Assessment(None, None, (), order, findings, "")
    protocol = protocols_in_table[decided.protocol]
    level = decided.care_level
    advice = protocol.advice.get(level) or GENERAL_ADVICE[level]
    home_care = protocol.home_care if level == CareLevel.SELF_CARE else ""
    disposition = f"{advice} {home_care}".strip() if home_care else advice
    return Assessment(level, decided, tuple(hits), order, findings, disposition, home_care)


def _score(
    p: Protocol, s: ClinicalScore, present: dict[str, tuple[int, int]], findings: Findings
) -> ProtocolHit | None:
    total = 0
    shown: list[str] = []
    n_present = 0
    first: tuple[int, int] | None = None
    for i, item in enumerate(s.items):
        span = present.get(f"{p.name}#{s.name}#{i}")
        is_present = span is not None or (item.when is not None and bool(item.when(findings)))
        if item.absent:
            if not is_present:
                total += item.points
                shown.append(f"no {item.name}")
            continue
        if is_present:
            total += item.points
            n_present += 1
            shown.append(item.name)
            if span and (first is None or span[0] < first[0]):
                first = span
    if n_present < s.min_present:
        return None
    for minimum, level in sorted(s.thresholds, key=lambda t: -t[0]):
        if total >= minimum:
            text = f"{s.name} {total}: " + ", ".join(shown)
            return ProtocolHit(p.name, p.title, s.name, text, level, p.source_of(s.source), first, text, kind="score")
    return None
