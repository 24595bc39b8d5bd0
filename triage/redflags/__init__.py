"""Deterministic red-flag rules for nurse triage of patient messages.

Pure Python, no Django. ``find_red_flags(text)`` returns one :class:`RuleHit` per
rule that fires (its first *affirmed* occurrence), sorted by position.

How it works
------------
1. ``rules.RULES`` is the single table of rules. Each row has a stable rule name, an
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
   a TIA) are not "resolvable" (see ``rules._NOT_RESOLVABLE``).
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
prefixes, which are read off the pattern's parse tree (``prefixes.py``, the one place that
uses CPython's private regex parser, with a plain fallback; ``matcher.WordIndex``). Tests check
this gives exactly the results of plain ``re.finditer(r"\b" + pattern)``.

Modules: ``patterns`` (building blocks: separators, spelling variants, readings and their
checks), ``rules`` (the table, ``RuleHit``, ``RULESET_VERSION``), ``prefixes`` (pattern
analysis, speed only), ``context`` (clauses, negation, history, experiencer), ``matcher``
(the word-start index and ``find_red_flags``).
"""

from triage.redflags.matcher import find_red_flags
from triage.redflags.rules import RULESET_VERSION, RuleHit, rule_names

__all__ = ["RULESET_VERSION", "RuleHit", "find_red_flags", "rule_names"]
