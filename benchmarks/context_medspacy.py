#!/usr/bin/env python3
"""Would medspaCy (TargetMatcher + ConText) serve triage better than ``triage/redflags``' hand-written context?

    python3 -m venv /tmp/mspacy/.venv && /tmp/mspacy/.venv/bin/pip install medspacy==1.3.1
    /tmp/mspacy/.venv/bin/python benchmarks/context_medspacy.py          # from the repository root

A throw-away comparison, run in a virtualenv of its own so the project's environment never gets spaCy.
It needs no spaCy model (medspaCy runs on a blank English pipeline) and nothing but PyPI. Without
medspaCy installed it prints the two lines above and exits 0.

What is compared, on the labelled phrasings of ``triage/tests/test_redflags.py`` (its ``CASES`` table,
read from the file's syntax tree, so pytest is not needed; the module is imported only as a fallback):

(a) the project: ``triage.redflags.find_red_flags(text)``;
(b) medspaCy 1.3.1: ``medspacy.load()``'s tokenizer and PyRuSH sentence splitter, a TargetMatcher and
    ConText with medspaCy's **default English ConText rules** (negation, possible, historical,
    hypothetical, family). A mention is a hit when it is not ``is_negated``, not ``is_historical``, not
    ``is_hypothetical`` and not ``is_family`` (``is_uncertain`` does not veto: "I think I'm having a
    heart attack" must fire in triage).

Fairness decisions, so that the comparison measures the *context* logic and not concept coverage:

* Same concepts. One ``TargetRule`` per regex alternative of every row of ``rules.RULES``, with
  ``pattern=r"\\b" + alternative`` (medspaCy's RegexMatcher, ``re.IGNORECASE`` on the text as written:
  the same matches as the project's lower-case matching; the ``(?-i:CP)``-style abbreviations stay
  case-sensitive). Literal phrases would have lost the misspellings and variants the table tolerates.
* The parts of a row that are not context are applied to medspaCy's spans exactly as the project does:
  the ``check`` (temperature, blood pressure, glucose thresholds), ``exclude_after`` ("can't breathe
  *through my nose*") and the ``companion`` (fever *and* an infant under 3 months), the companion being
  a TargetRule of its own that ConText must also leave affirmed.
* Two patterns (``denies SI``-style) report only their ``hit`` group, leaving the verb in front to the
  context; a small pipe between TargetMatcher and ConText narrows those spans the same way.
* Spans go to a span group (``result_type="group"``, ``prune=False``) and ConText reads that group:
  with the default ``doc.ents`` output, overlapping matches of *different* rules ("hives ... hard to
  breathe") would be pruned to one, which would penalise medspaCy for something the project does not
  ask of it.
* The same curly-quote normalisation as the project (same length, so offsets are unchanged).
* PyRuSH logs every sentence through loguru at DEBUG level; loguru's default stderr handler is removed
  so the terminal is not flooded (the formatting work inside PyRuSH stays in the timings).
* Two ConText settings are scored: medspaCy's defaults, and ``prune_on_target_overlap=True``, which
  drops modifiers that sit inside a target. With the default, the "n't" in "can't breathe" negates the
  mention itself (medspaCy's own guard, ``tuple_overlaps``, misses a modifier strictly inside a
  target); the project never lets words inside a match negate it. The better of the two is the one
  whose disagreements are listed. "targets only" (no context at all) is shown as a floor, and a
  what-if row where FAMILY is no veto (medspaCy's family list holds "son", "husband", "mom": the
  caregivers who write in for the patient) shows what tuning that one category would buy.

Reported: accuracy of "fires or not" (and of the exact rule set, which is what the tests assert), by
kind of phrasing (negation, history, hypothetical, other experiencer, plain positives, caregiver
positives, plain negatives: the kind is read off cue words, see ``_kind``), the disagreements with a
few examples each and the ConText modifiers that caused them; then speed (messages/s, ms/message,
each timed for at least ``--seconds`` over the same texts) and the installed size of spaCy + medspaCy.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import importlib.metadata as metadata
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))

TESTS = ROOT / "triage" / "tests" / "test_redflags.py"
VENV = "/tmp/mspacy/.venv"
INSTALL = (
    f"python3 -m venv {VENV} && {VENV}/bin/pip install medspacy==1.3.1\n"
    f"{VENV}/bin/python benchmarks/context_medspacy.py   # from {ROOT}"
)
# The project's normalisation (triage/redflags/context.py): same length, offsets unchanged.
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
SPAN_GROUP = "medspacy_spans"
COMPANION = "COMPANION"

Case = tuple[str, frozenset[str]]


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


# --- the labelled phrasings ------------------------------------------------------------------------


def _eval_case_node(node: ast.expr) -> Case:
    """One ``(text, R("a", "b") | NONE)`` tuple of the CASES table."""

    def names(expr: ast.expr) -> frozenset[str]:
        if isinstance(expr, ast.Name) and expr.id == "NONE":
            return frozenset()
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id == "R":
            return frozenset(ast.literal_eval(arg) for arg in expr.args)
        raise ValueError(f"unexpected expectation {ast.dump(expr)}")

    if not (isinstance(node, ast.Tuple) and len(node.elts) == 2):
        raise ValueError(f"unexpected case {ast.dump(node)}")
    text = ast.literal_eval(node.elts[0])
    if not isinstance(text, str):
        raise ValueError("case text is not a string")
    return text, names(node.elts[1])


def load_cases() -> tuple[list[Case], str]:
    """The CASES table of the red-flag tests: parsed (no pytest needed), else imported."""
    try:
        tree = ast.parse(TESTS.read_text(encoding="utf-8"))
        for stmt in tree.body:
            if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "CASES" for t in stmt.targets):
                if not isinstance(stmt.value, ast.List):
                    raise ValueError("CASES is not a list literal")
                return [_eval_case_node(e) for e in stmt.value.elts], "parsed from the syntax tree"
        raise ValueError("no CASES assignment")
    except (ValueError, SyntaxError) as exc:
        log(f"could not parse CASES ({exc}); importing the test module instead")
        module = importlib.import_module("triage.tests.test_redflags")
        return [(text, frozenset(expected)) for text, expected in module.CASES], "imported"


# Kinds of phrasing, read off cue words (first match wins); a few texts are placed by hand.
_NEG_CUE = re.compile(
    r"\b(?:no|not|never|none|nobody|denies|denied|deny|without|don't|dont|isn't|gone|went\s+away|stopped|resolved)\b"
)
_HISTORY_CUE = re.compile(
    r"\b(?:history|hx|years\s+ago|as\s+a\s+(?:child|teenager|kid)|died\s+of|used\s+to|last\s+(?:summer|year)|after\s+my)\b"
)
_HYPOTHETICAL_CUE = re.compile(
    r"\b(?:if|what\s+if|in\s+case|reading\s+about|online|watch\s+for|prevention|risk\s+of)\b"
)
_OTHER_CUE = re.compile(r"\b(?:friend|coworker|co-worker|colleague|neighbou?r|roommate|someone|brother|sister)\b")
_CAREGIVER_CUE = re.compile(
    r"\b(?:son|daughter|child|kid|baby|infant|newborn|toddler|husband|wife|mom|mother|dad|father|grandmother|"
    r"grandma|she|he|her|his|pt's\s+mother)\b"
)
_KIND_OVERRIDES = {
    "this bill is not making sense to me": "plain negatives",  # a wording, not a negated symptom
    "baby is kicking a lot today, just curious if normal": "plain negatives",
    "I need a refill of my seizure medication": "hypothetical",  # medication, not an event
    "need a refill on my epipen before school starts": "hypothetical",
}
KINDS = (
    "negation",
    "history",
    "hypothetical",
    "other experiencer",
    "plain positives",
    "caregiver positives",
    "plain negatives",
)


def _kind(text: str, expected: frozenset[str]) -> str:
    if text in _KIND_OVERRIDES:
        return _KIND_OVERRIDES[text]
    lower = text.lower()
    if expected:
        return "caregiver positives" if _CAREGIVER_CUE.search(lower) else "plain positives"
    for kind, cue in (
        ("negation", _NEG_CUE),
        ("history", _HISTORY_CUE),
        ("hypothetical", _HYPOTHETICAL_CUE),
        ("other experiencer", _OTHER_CUE),
    ):
        if cue.search(lower):
            return kind
    return "plain negatives"


# --- medspaCy ---------------------------------------------------------------------------------------


_NARROWERS: dict[str, Callable] = {}  # pipeline key -> its hit-group narrowing step


def _import_medspacy():
    try:
        import medspacy
        from medspacy.target_matcher import TargetRule
        from spacy.language import Language
    except ImportError:
        return None
    if not Language.has_factory("redflags_hit_groups"):

        def make_hit_groups(nlp, name: str, key: str):
            return _NARROWERS[key]

        Language.factory("redflags_hit_groups", default_config={"key": ""}, func=make_hit_groups)
    return medspacy, TargetRule


class MedspacyRedFlags:
    """The project's rule table as medspaCy TargetRules, with medspaCy's default ConText rules."""

    def __init__(self, rules, *, prune_on_target_overlap: bool) -> None:
        medspacy, TargetRule = _import_medspacy()
        self.rules = rules
        self.nlp = medspacy.load(medspacy_enable=["medspacy_tokenizer", "medspacy_pyrush"])
        matcher = self.nlp.add_pipe(
            "medspacy_target_matcher", config={"result_type": "group", "span_group_name": SPAN_GROUP, "prune": False}
        )
        self.context = self.nlp.add_pipe(
            "medspacy_context",
            config={
                "input_span_type": "group",
                "span_group_name": SPAN_GROUP,
                "prune_on_target_overlap": prune_on_target_overlap,
            },
        )
        # spaCy keys a span's extension attributes (``span._.target_rule`` too) by its character
        # offsets, so identical spans of two rules share them: the rule behind a span is found again
        # from its label (the rule name) and the regexes of that name's rows instead.
        target_rules = []
        self.rows_by_name: dict[str, list[int]] = defaultdict(list)
        self.refind: dict[tuple[int, int], re.Pattern[str]] = {}  # (row, alternative | -1 companion)
        for row, rule in enumerate(rules):
            self.rows_by_name[rule.name].append(row)
            for alt, source in enumerate(rule.patterns):
                pattern = r"\b" + source
                self.refind[row, alt] = re.compile(pattern, re.IGNORECASE)  # as medspaCy's RegexMatcher
                target_rules.append(TargetRule(f"{rule.name}:{row}.{alt}", rule.name, pattern=pattern))
            if rule.companion is not None:
                self.refind[row, -1] = rule.companion
                target_rules.append(
                    TargetRule(f"{rule.name}:{row}.companion", f"{COMPANION}:{row}", pattern=rule.companion.pattern)
                )
        matcher.add(target_rules)
        self.has_hit = {key: "hit" in p.groupindex for key, p in self.refind.items()}
        # A few patterns report only their ``hit`` group ("denies SI" -> "SI"), so that the verb in
        # front stays context. Narrow those spans the same way before ConText sees them.
        _NARROWERS[str(id(self))] = self._narrow_hit_groups
        self.nlp.add_pipe("redflags_hit_groups", config={"key": str(id(self))}, before="medspacy_context")
        self.n_target_rules = len(target_rules)
        self.n_context_rules = len(self.context.rules)
        self.refind_misses = 0

    @staticmethod
    def affirmed(span, veto_family: bool = True) -> bool:
        ext = span._
        return not (ext.is_negated or ext.is_historical or ext.is_hypothetical or (veto_family and ext.is_family))

    def _matches(self, text: str, span, key: tuple[int, int]):
        """The regex matches behind a span (which may have been widened to token boundaries)."""
        hit = self.has_hit[key]
        for m in self.refind[key].finditer(text, 0 if hit else span.start_char):
            if m.start() >= span.end_char:
                break
            start, end = m.span("hit") if hit and m.group("hit") is not None else m.span()
            if end > start and span.start_char <= start and end <= span.end_char:
                yield m

    def _narrow_hit_groups(self, doc):
        if SPAN_GROUP not in doc.spans:
            return doc
        out = []
        for span in doc.spans[SPAN_GROUP]:
            narrowed = None
            for row in self.rows_by_name.get(span.label_, ()):
                for alt in range(len(self.rules[row].patterns)):
                    if not self.has_hit[row, alt]:
                        continue
                    m = self.refind[row, alt].match(doc.text, span.start_char)
                    if m and m.end() == span.end_char and m.group("hit") is not None:
                        narrowed = doc.char_span(*m.span("hit"), label=span.label_, alignment_mode="expand")
                        break
                if narrowed is not None:
                    break
            out.append(narrowed if narrowed is not None else span)
        doc.spans[SPAN_GROUP] = out
        return doc

    def spans(self, text: str):
        doc = self.nlp(text.translate(QUOTES))
        return doc, list(doc.spans[SPAN_GROUP]) if SPAN_GROUP in doc.spans else []

    def _rows_ok(self, text: str, lower: str, span) -> list[int]:
        """The rows of the span's rule whose regex, check and exclude_after accept it."""
        rows = []
        found = False
        for row in self.rows_by_name[span.label_]:
            rule = self.rules[row]
            for alt in range(len(rule.patterns)):
                for m in self._matches(text, span, (row, alt)):
                    found = True
                    if rule.check is not None and not rule.check(m):
                        continue
                    if (
                        rule.exclude_after is not None
                        and len(lower) == len(text)
                        and rule.exclude_after.match(lower, m.end())
                    ):
                        continue
                    rows.append(row)
                    break
                if rows and rows[-1] == row:
                    break
        if not found:
            self.refind_misses += 1
        return rows

    def fired(self, text: str, *, use_context: bool = True, veto_family: bool = True, doc_spans=None) -> set[str]:
        doc, spans = doc_spans if doc_spans is not None else self.spans(text)
        text, lower = doc.text, doc.text.lower()

        def affirmed(span) -> bool:
            return not use_context or self.affirmed(span, veto_family)

        companion_rows: set[int] = set()
        rule_spans = []
        for span in spans:
            if span.label_.startswith(COMPANION):
                row = int(span.label_.split(":", 1)[1])
                if row in companion_rows or not affirmed(span):
                    continue
                check = self.rules[row].companion_check
                if check is None or any(check(m) for m in self._matches(text, span, (row, -1))):
                    companion_rows.add(row)
            else:
                rule_spans.append(span)
        out: set[str] = set()
        for span in rule_spans:
            if span.label_ in out or not affirmed(span):
                continue
            for row in self._rows_ok(text, lower, span):
                if self.rules[row].companion is None or row in companion_rows:
                    out.add(span.label_)
                    break
        return out

    def explain(self, text: str) -> str:
        """The target spans of a message with the ConText modifiers attached to each."""
        _doc, spans = self.spans(text)
        parts = []
        for span in spans:
            label = span.label_
            if label.startswith(COMPANION):
                label = f"companion of {self.rules[int(label.split(':', 1)[1])].name}"
            mods = dict.fromkeys(
                f"{m.category} {str(span.doc[m.modifier_span[0] : m.modifier_span[1]])!r}" for m in span._.modifiers
            )
            parts.append(f"{label} {span.text!r}" + (f" <- {', '.join(mods)}" if mods else ""))
        return "; ".join(dict.fromkeys(parts)) if parts else "no target span"


# --- scoring ----------------------------------------------------------------------------------------


def _score(name: str, cases: list[Case], fired: list[set[str]]) -> dict:
    binary = [bool(f) == bool(exp) for f, (_, exp) in zip(fired, cases, strict=True)]
    exact = [f == exp for f, (_, exp) in zip(fired, cases, strict=True)]
    pos = [ok for ok, (_, exp) in zip(binary, cases, strict=True) if exp]
    neg = [ok for ok, (_, exp) in zip(binary, cases, strict=True) if not exp]
    return {
        "name": name,
        "binary": sum(binary),
        "exact": sum(exact),
        "pos": (sum(pos), len(pos)),
        "neg": (sum(neg), len(neg)),
        "n": len(cases),
        "ok": binary,
    }


def _pct(k: int, n: int) -> str:
    return f"{k}/{n} ({100 * k / n:5.1f}%)" if n else "-"


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(r):
        return "  ".join(
            str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )

    return "\n".join([line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)])


def _project_without_context(find_red_flags, texts: list[str]) -> list[set[str]]:
    """The project's rule hits with every mention taken as affirmed (its context switched off)."""
    from triage.redflags import context, matcher

    saved = matcher.affirmed, context.affirmed
    matcher.affirmed = context.affirmed = lambda doc, start, end, resolvable=True: True
    try:
        return [{hit.rule for hit in find_red_flags(text)} for text in texts]
    finally:
        matcher.affirmed, context.affirmed = saved


# --- speed ------------------------------------------------------------------------------------------


def _time(fn: Callable[[str], object], texts: list[str], seconds: float) -> tuple[float, int]:
    for text in texts:  # warm-up pass
        fn(text)
    n = 0
    start = time.perf_counter()
    while True:
        for text in texts:
            fn(text)
        n += len(texts)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return elapsed, n


def _stage_times(system: MedspacyRedFlags, texts: list[str], seconds: float) -> dict[str, float]:
    """Seconds per message spent in the tokenizer, each pipe and the post-filter (one timed loop)."""
    totals: dict[str, float] = defaultdict(float)
    n = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text in texts:
            t0 = time.perf_counter()
            doc = system.nlp.make_doc(text.translate(QUOTES))
            t1 = time.perf_counter()
            totals["tokenizer"] += t1 - t0
            for name, proc in system.nlp.pipeline:
                t0 = time.perf_counter()
                doc = proc(doc)
                t1 = time.perf_counter()
                totals[name] += t1 - t0
            t0 = time.perf_counter()
            spans = list(doc.spans[SPAN_GROUP]) if SPAN_GROUP in doc.spans else []
            system.fired(text, doc_spans=(doc, spans))
            totals["rule checks + companions (post-filter)"] += time.perf_counter() - t0
        n += len(texts)
    return {k: v / n for k, v in totals.items()}


# --- installed size ---------------------------------------------------------------------------------


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _closure(root: str) -> list[metadata.Distribution]:
    """The installed distributions ``root`` needs (markers evaluated, extras ignored)."""
    try:
        from packaging.requirements import Requirement
    except ImportError:  # pragma: no cover - spaCy depends on packaging
        Requirement = None
    seen: dict[str, metadata.Distribution] = {}
    todo = [root]
    while todo:
        name = _canonical(todo.pop())
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[name] = dist
        for req in dist.requires or []:
            if Requirement is not None:
                r = Requirement(req)
                if r.marker is not None and not r.marker.evaluate({"extra": ""}):
                    continue
                todo.append(r.name)
            elif "extra ==" not in req:
                todo.append(re.split(r"[\s;<>=!~\[(]", req, maxsplit=1)[0])
    return list(seen.values())


def _size(dist: metadata.Distribution) -> int:
    total = 0
    for f in dist.files or []:
        try:
            total += Path(str(dist.locate_file(f))).stat().st_size
        except OSError:
            pass
    return total


def _project_venv_dists() -> set[str] | None:
    """Distribution names installed in the project's own .venv (read-only), if it is there."""
    found = sorted((ROOT / ".venv" / "lib").glob("python3*/site-packages"))
    if not found:
        return None
    return {_canonical(d.metadata["Name"]) for d in metadata.distributions(path=[str(found[-1])]) if d.metadata["Name"]}


def _mb(n: int) -> str:
    return f"{n / 1e6:6.1f} MB"


# --- main -------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=2.0, help="minimum timed seconds per system")
    parser.add_argument("--examples", type=int, default=4, help="examples shown per kind of disagreement")
    args = parser.parse_args()

    if _import_medspacy() is None:
        print("medspaCy is not installed in this interpreter. Install it in a virtualenv of its own and rerun:\n")
        print(INSTALL)
        return 0

    log(f"python {sys.version.split()[0]}, medspacy {metadata.version('medspacy')}, spacy {metadata.version('spacy')}")
    try:
        from loguru import logger

        logger.remove()  # PyRuSH logs every sentence at DEBUG level to stderr otherwise
    except ImportError:
        pass

    t0 = time.perf_counter()
    from triage.redflags import find_red_flags
    from triage.redflags.rules import RULES

    log(f"imported triage.redflags in {1000 * (time.perf_counter() - t0):.0f} ms ({len(RULES)} rows)")

    cases, how = load_cases()
    texts = [text for text, _ in cases]
    n_pos = sum(1 for _, exp in cases if exp)
    log(
        f"{len(cases)} labelled phrasings from {TESTS.relative_to(ROOT)} ({how}): "
        f"{n_pos} fire, {len(cases) - n_pos} do not"
    )
    kinds = [_kind(text, exp) for text, exp in cases]

    t0 = time.perf_counter()
    _import_medspacy()
    log("building the medspaCy pipelines ...")
    default = MedspacyRedFlags(RULES, prune_on_target_overlap=False)
    build_ms = 1000 * (time.perf_counter() - t0)
    pruned = MedspacyRedFlags(RULES, prune_on_target_overlap=True)
    log(
        f"pipeline {default.nlp.pipe_names} (+ medspacy tokenizer), {default.n_target_rules} TargetRules, "
        f"{default.n_context_rules} default ConText rules; first build {build_ms:.0f} ms"
    )

    log("scoring the project's find_red_flags ...")
    project_fired = [{hit.rule for hit in find_red_flags(text)} for text in texts]
    log("scoring medspaCy (defaults; prune_on_target_overlap=True; targets only; FAMILY not a veto) ...")
    default_docs = [default.spans(text) for text in texts]
    default_fired = [default.fired(text, doc_spans=ds) for text, ds in zip(texts, default_docs, strict=True)]
    targets_only = [
        default.fired(text, doc_spans=ds, use_context=False) for text, ds in zip(texts, default_docs, strict=True)
    ]
    pruned_docs = [pruned.spans(text) for text in texts]
    pruned_fired = [pruned.fired(text, doc_spans=ds) for text, ds in zip(texts, pruned_docs, strict=True)]
    no_family = [
        pruned.fired(text, doc_spans=ds, veto_family=False) for text, ds in zip(texts, pruned_docs, strict=True)
    ]
    scores = [
        _score("project find_red_flags", cases, project_fired),
        _score("medspaCy ConText, defaults", cases, default_fired),
        _score("medspaCy ConText, prune_on_target_overlap", cases, pruned_fired),
        _score("medspaCy targets only (no context)", cases, targets_only),
        _score("what-if: pruned, FAMILY no veto", cases, no_family),
    ]
    misses = default.refind_misses + pruned.refind_misses
    if misses:
        log(f"warning: {misses} spans whose regex match could not be found again (treated as not firing)")
    # Fairness self-check: with context switched off on both sides the two must find the same concepts.
    no_context = _project_without_context(find_red_flags, texts)
    same = [i for i, (a, b) in enumerate(zip(no_context, targets_only, strict=True)) if a == b]
    log(
        f"same concepts: with context switched off, the project and medspaCy's TargetMatcher give the same "
        f"rule set on {len(same)}/{len(texts)} phrasings"
    )
    for i in sorted(set(range(len(texts))) - set(same))[:5]:
        log(f"  differs: {texts[i]!r}: project {sorted(no_context[i])}, medspaCy {sorted(targets_only[i])}")

    print()
    print(f"== Accuracy on {len(cases)} phrasings of the red-flag tests ==")
    print(
        _table(
            ["system", "fires-or-not", "fires when it should", "silent when it should", "exact rule set"],
            [
                [s["name"], _pct(s["binary"], s["n"]), _pct(*s["pos"]), _pct(*s["neg"]), _pct(s["exact"], s["n"])]
                for s in scores
            ],
        )
    )

    best = max(scores[1:3], key=lambda s: s["binary"])
    best_system, best_fired = (default, default_fired) if best is scores[1] else (pruned, pruned_fired)
    print()
    print("== Fires-or-not accuracy by kind of phrasing ==")
    rows = []
    for kind in KINDS:
        idx = [i for i, k in enumerate(kinds) if k == kind]
        if idx:
            rows.append([kind, str(len(idx)), *(_pct(sum(sc["ok"][i] for i in idx), len(idx)) for sc in scores)])
    print(
        _table(["kind", "n", "project", "medspaCy defaults", "medspaCy pruned", "targets only", "no FAMILY veto"], rows)
    )

    print()
    print(f"== Disagreements on fires-or-not, project vs medspaCy ({best['name'].removeprefix('medspaCy ')}) ==")
    by_kind: dict[str, list[int]] = defaultdict(list)
    for i, (p, m) in enumerate(zip(project_fired, best_fired, strict=True)):
        if bool(p) != bool(m):
            by_kind[kinds[i]].append(i)
    total = sum(len(v) for v in by_kind.values())
    right = sum(1 for v in by_kind.values() for i in v if scores[0]["ok"][i])
    print(f"{total} disagreements; the project is right on {right}, medspaCy on {total - right}")
    for kind in KINDS:
        idx = by_kind.get(kind, [])
        if not idx:
            continue
        project_right = sum(1 for i in idx if scores[0]["ok"][i])
        print(
            f"\n-- {kind}: {len(idx)} (project right on {project_right}, medspaCy right on {len(idx) - project_right})"
        )
        for i in idx[: args.examples]:
            text, expected = cases[i]
            want = "should fire " + ",".join(sorted(expected)) if expected else "should not fire"
            got_p = ",".join(sorted(project_fired[i])) or "nothing"
            got_m = ",".join(sorted(best_fired[i])) or "nothing"
            print(f"   {text!r}  [{want}]")
            print(f"      project: {got_p} | medspaCy: {got_m} | spans: {best_system.explain(text)}")
        if len(idx) > args.examples:
            print(f"   ... and {len(idx) - args.examples} more")

    print()
    log(f"timing each system over the same {len(texts)} texts for at least {args.seconds:g} s ...")

    def project(text: str) -> object:
        return find_red_flags(text)

    timings = [
        ("project find_red_flags", *_time(project, texts, args.seconds)),
        ("medspaCy nlp(text) + rule checks", *_time(best_system.fired, texts, args.seconds)),
    ]

    def medspacy_pipe(batch: list[str]) -> None:
        for doc in best_system.nlp.pipe([t.translate(QUOTES) for t in batch], batch_size=64):
            best_system.fired(doc.text, doc_spans=(doc, list(doc.spans[SPAN_GROUP]) if SPAN_GROUP in doc.spans else []))

    elapsed, n = _time(lambda batch: medspacy_pipe(batch), [texts], args.seconds)  # type: ignore[arg-type]
    timings.append(("medspaCy nlp.pipe(batch=64) + rule checks", elapsed, n * len(texts)))
    log("per-stage breakdown of the medspaCy pipeline ...")
    stages = _stage_times(best_system, texts, args.seconds)

    base = timings[0][2] / timings[0][1]
    print()
    print(f"== Speed over the same {len(texts)} texts (avg {sum(map(len, texts)) / len(texts):.0f} chars) ==")
    print(
        _table(
            ["system", "messages", "seconds", "msg/s", "ms/msg", "x slower than project"],
            [
                [
                    name,
                    str(n),
                    f"{elapsed:.2f}",
                    f"{n / elapsed:,.0f}",
                    f"{1000 * elapsed / n:.3f}",
                    f"{base / (n / elapsed):.1f}",
                ]
                for name, elapsed, n in timings
            ],
        )
    )
    print()
    print(
        _table(
            ["medspaCy stage", "ms/msg", "share"],
            [[k, f"{1000 * v:.3f}", f"{100 * v / sum(stages.values()):.0f}%"] for k, v in stages.items()],
        )
    )

    print()
    print("== Dependency weight ==")
    spacy_closure = {_canonical(d.metadata["Name"]): d for d in _closure("spacy")}
    med_closure = {_canonical(d.metadata["Name"]): d for d in _closure("medspacy")}
    extra = {k: d for k, d in med_closure.items() if k not in spacy_closure}
    sizes = {k: _size(d) for k, d in med_closure.items()}
    project_dists = _project_venv_dists()
    rows = [
        ["spacy 3.7 and what it pulls in", str(len(spacy_closure)), _mb(sum(sizes[k] for k in spacy_closure))],
        ["what medspacy adds on top", str(len(extra)), _mb(sum(sizes[k] for k in extra))],
        ["total (pip install medspacy==1.3.1)", str(len(med_closure)), _mb(sum(sizes.values()))],
    ]
    if project_dists is not None:
        new = [k for k in med_closure if k not in project_dists]
        rows.append(["  of which not already in the project's .venv", str(len(new)), _mb(sum(sizes[k] for k in new))])
    redflags = sum(p.stat().st_size for d in ("triage/redflags", "vocabulary") for p in (ROOT / d).glob("*.py"))
    rows.append(["project: triage/redflags + vocabulary (.py)", "0 deps", f"{redflags / 1e3:6.1f} kB"])
    print(_table(["", "distributions", "installed"], rows))
    biggest = sorted(sizes.items(), key=lambda kv: -kv[1])[:8]
    print("largest: " + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in biggest))
    print()
    log("done")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
