"""The shape of a complaint protocol (pure data classes; no Django, no matching).

A protocol is what a telephone-triage nurse works through for one chief complaint: does the
complaint apply (``complaint`` patterns), then its criteria in order, most serious first, each with
the care level it sends the patient to, the words that express it and the public guidance it comes
from. When the complaint applies and no criterion fires, the protocol's ``default`` care level and
its ``home_care`` advice apply.

Patterns follow the red-flag matcher's conventions (``triage.redflags``): lower-case regexes
matched from a word boundary against the lower-cased text, a ``(?-i:...)`` part for a
case-sensitive abbreviation ("SOB", "CP"), an optional ``hit`` group for the span that is judged
(negation, history, someone else) and shown. A criterion fires only on an *affirmed* mention: "no
chest pain", "had chest pain last year", "my friend has chest pain" do not fire.

Three more ways to narrow a criterion:

* ``when``: a condition on the message's findings (``findings.Findings``: age band, pregnancy,
  immunosuppression, vital signs and lab values written in the text, NEWS2, duration, onset), e.g.
  ``when=lambda f: f.infant_under_3_months``. A criterion with ``when`` and no patterns fires on the
  findings alone (its span is the finding's);
* ``also``: further patterns, each of which must be affirmed somewhere in the message (fever *and*
  a stiff neck), each an alternation string;
* ``unless``: patterns that, affirmed anywhere in the message, stop the criterion (chest pain "only
  when I press on it" is not the cardiac criterion);
* ``check``: a test of the pattern's own match (a value threshold), as in the red-flag rules.

``ClinicalScore`` is a points score inside a protocol (FeverPAIN, Centor): items that add points
when present (or, ``absent=True``, when not affirmed), and thresholds that map the total to a care
level; it only counts when its protocol's complaint applies.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vocabulary import CARE_LEVELS

if TYPE_CHECKING:
    from triage.protocols.findings import Findings


@dataclass(frozen=True)
class Source:
    """A public guideline or rule a criterion comes from."""

    key: str  # short stable name: "NICE NG143"
    title: str
    url: str


@dataclass(frozen=True)
class Criterion:
    name: str  # stable inside its protocol (the rationale and the audit trail name it)
    care_level: str  # one of vocabulary.CARE_LEVELS
    text: str  # what the nurse checks, in one line: "Fever with a non-blanching rash"
    patterns: tuple[str, ...] = ()
    when: Callable[[Findings], bool] | None = None
    also: tuple[str, ...] = ()
    # patterns that, affirmed anywhere in the message, stop this criterion ("only when I press on it")
    unless: tuple[str, ...] = ()
    check: Callable[[re.Match], bool] | None = None
    exclude_after: str | None = None  # a pattern tested right after the match ("through my nose")
    # False for events that matter even when over ("had a seizure, it stopped now", "fainted")
    resolvable: bool = True
    source: str | None = None  # a Source key; None: the protocol's first source
    # for a criterion that fires on findings alone: the findings whose text the rationale shows
    # (keys of Findings.spans: "spo2", "temp_c", "blood_pressure", "age", "glucose", ...)
    shows: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.care_level not in CARE_LEVELS:
            raise ValueError(f"criterion {self.name!r}: care level {self.care_level!r} is not one of {CARE_LEVELS}")
        if not self.patterns and self.when is None:
            raise ValueError(f"criterion {self.name!r} needs patterns, a `when`, or both")


@dataclass(frozen=True)
class ScoreItem:
    name: str  # "tonsillar exudate"
    patterns: tuple[str, ...] = ()
    when: Callable[[Findings], bool] | None = None  # instead of / besides patterns: a finding
    points: int = 1
    absent: bool = False  # scores when NOT affirmed ("absence of cough")


@dataclass(frozen=True)
class ClinicalScore:
    name: str  # "FeverPAIN"
    items: tuple[ScoreItem, ...]
    # (minimum total, care level), checked highest minimum first; below every minimum: no effect
    thresholds: tuple[tuple[int, str], ...]
    source: str | None = None
    # only count the score when at least this many items are present (a bare "sore throat" with
    # "absence of cough" alone says little)
    min_present: int = 1


@dataclass(frozen=True)
class Protocol:
    name: str  # "chest_pain": stable; the work item folds follow-ups by patient + protocol
    title: str  # "Chest pain"
    sources: tuple[Source, ...]
    # patterns: the complaint is present (opens the protocol); empty for a protocol that only has
    # criteria on findings (vital signs, lab values), which then never applies by its default
    complaint: tuple[str, ...]
    default: str  # the care level when the complaint applies and no criterion fires
    criteria: tuple[Criterion, ...]
    home_care: str  # self-care advice shown when the protocol decides self_care (or its default applies)
    # the disposition text per care level; missing levels fall back to the general wording
    advice: dict[str, str] = field(default_factory=dict)
    scores: tuple[ClinicalScore, ...] = ()
    # patterns that, affirmed in the message, keep the default from applying: the complaint's
    # words belong to another complaint ("watery discharge" from the eyes is no genital complaint)
    default_unless: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.default not in CARE_LEVELS:
            raise ValueError(f"protocol {self.name!r}: default {self.default!r} is not a care level")
        names = [c.name for c in self.criteria]
        if len(names) != len(set(names)):
            raise ValueError(f"protocol {self.name!r}: criterion names repeat")
        keys = {s.key for s in self.sources}
        for c in self.criteria:
            if c.source is not None and c.source not in keys:
                raise ValueError(f"protocol {self.name!r}, criterion {c.name!r}: source {c.source!r} not listed")
        for s in self.scores:
            if s.source is not None and s.source not in keys:
                raise ValueError(f"protocol {self.name!r}, score {s.name!r}: source {s.source!r} not listed")
        if not self.sources:
            raise ValueError(f"protocol {self.name!r} cites no source")

    def source_of(self, key: str | None) -> Source:
        if key is None:
            return self.sources[0]
        return next(s for s in self.sources if s.key == key)
