"""Helpers for the protocols' table tests: each protocol has a table of phrasings that must reach
its level (lay and clinical wording) and phrasings that must not (negated, historical, someone
else, milder). Run over the whole protocol set, as production does, so a neighbour protocol that
over-fires shows up too."""

from __future__ import annotations

from triage.protocols import assess
from vocabulary import CARE_LEVEL_RANK


def explain(text: str) -> str:
    a = assess(text)
    hits = "; ".join(f"{h.protocol}/{h.criterion}={h.care_level} [{h.text!r}]" for h in a.hits)
    return f"care_level={a.care_level} decided_by={a.decided_by and (a.decided_by.protocol, a.decided_by.criterion)} hits: {hits or '-'}"


def reaches(text: str, level: str, protocol: str | None = None, criterion: str | None = None) -> None:
    """The message is assessed at exactly ``level`` (decided by this protocol / criterion when named)."""
    a = assess(text)
    assert a.care_level == level, f"{text!r}: wanted {level}; {explain(text)}"
    if protocol is not None:
        assert a.decided_by is not None and a.decided_by.protocol == protocol, f"{text!r}: {explain(text)}"
    if criterion is not None:
        assert a.decided_by is not None and a.decided_by.criterion == criterion, f"{text!r}: {explain(text)}"


def stays_below(text: str, level: str) -> None:
    """The message is assessed below ``level`` (or no protocol applies)."""
    a = assess(text)
    assert a.care_level is None or CARE_LEVEL_RANK[a.care_level] < CARE_LEVEL_RANK[level], (
        f"{text!r}: must stay below {level}; {explain(text)}"
    )


def not_by(text: str, protocol: str, criterion: str | None = None) -> None:
    """This protocol's criterion (any, when not named) does not fire on the message."""
    a = assess(text)
    fired = [h for h in a.hits if h.protocol == protocol and (criterion is None or h.criterion == criterion)]
    assert not fired, f"{text!r}: {protocol}/{criterion or '*'} must not fire; {explain(text)}"
