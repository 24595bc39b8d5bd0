"""How well triage sends people to the right place, measured on cases it was not written from.

    python -m triage.evaluation [CASES.csv ...] [--style clinician|patient|caregiver] [--show-misses]

Each CSV has at least ``text`` and ``care_level`` columns (``style``, ``id``, ``condition`` are
shown when present). The shipped sets (``triage/data/eval/``) were written by hand by separate
authors who saw neither the protocols nor the training corpus (a test checks no text of them is in
the corpus; the classifier never trains on them). ``dev_cases.csv`` is the development set: its
misses were studied and the protocols improved from them. Each later set (``holdout``, ``test``,
``final``, ``last``, ``sixth``, ``seventh``) was measured once untouched — those first numbers are
the honest ones and are listed in ``data/eval/README.md`` — and then studied too. A new claim needs a
new set, written by someone who has seen neither the protocols nor these cases. The
classifier is trained fresh from the shipped corpus (``triage.classifier.corpus_samples``), so the
report depends on nothing but the repository. Pure: no database.

The report: six-level care-level accuracy; three-level accuracy (emergency / see a clinician /
self-care, as Semigran et al., BMJ 2015 compare symptom checkers); emergency recall; over-triage
(a self_care or within_2_weeks case sent to emergency); under-triage (an emergency sent below
same_day); the confusion matrix; and, with ``--show-misses``, every case off by a level band.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vocabulary import CARE_LEVEL_RANK, CARE_LEVEL_THREE, CARE_LEVELS

EVAL_DIR = Path(__file__).resolve().parent / "data" / "eval"
# each measured once untouched (data/eval/README.md has those numbers), then studied and the protocols
# improved from their misses
DEFAULT_SETS = tuple(
    EVAL_DIR / f"{name}_cases.csv" for name in ("dev", "holdout", "test", "final", "last", "sixth", "seventh")
)
THREE = ("emergency", "clinician", "self_care")


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    care_level: str
    style: str = ""
    condition: str = ""


@dataclass(frozen=True)
class Outcome:
    case: Case
    predicted: str
    decided_by: str  # protocol/criterion, protocol/default, or classifier


def load_cases(path: str | Path) -> list[Case]:
    with Path(path).open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    cases = []
    for n, row in enumerate(rows, 1):
        level = (row.get("care_level") or "").strip()
        if level not in CARE_LEVELS:
            raise ValueError(f"{path}: row {n}: care_level {level!r} is not one of {', '.join(CARE_LEVELS)}")
        cases.append(
            Case(
                id=row.get("id") or f"{Path(path).stem}-{n}",
                text=row["text"],
                care_level=level,
                style=row.get("style") or "",
                condition=row.get("condition") or "",
            )
        )
    return cases


def run(cases: Sequence[Case], model: Any, *, progress: bool = False) -> list[Outcome]:
    """Score every case the way a message is scored in production (triage.services.score_text)."""
    from triage.scoring import score_text

    out = []
    for i, case in enumerate(cases, 1):
        result = score_text(text=case.text, model=model)
        protocol_entries = [r for r in result["rationale"] if r.get("kind") == "protocol"]
        if result["basis"] in ("protocol", "protocol_default") and protocol_entries:
            by = f"{protocol_entries[0]['protocol']}/{protocol_entries[0]['criterion']}"
        else:
            by = result["basis"]
        out.append(Outcome(case, result["care_level"], by))
        if progress and (i % 25 == 0 or i == len(cases)):
            print(f"  scored {i}/{len(cases)}", file=sys.stderr, flush=True)
    return out


def report(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    n = len(outcomes)
    exact = sum(o.predicted == o.case.care_level for o in outcomes)
    three = sum(CARE_LEVEL_THREE[o.predicted] == CARE_LEVEL_THREE[o.case.care_level] for o in outcomes)
    emergencies = [o for o in outcomes if o.case.care_level == "emergency"]
    caught = sum(o.predicted == "emergency" for o in emergencies)
    mild = [o for o in outcomes if o.case.care_level in ("self_care", "within_2_weeks")]
    self_care = [o for o in outcomes if o.case.care_level == "self_care"]
    over = sum(o.predicted == "emergency" for o in mild)
    under = sum(CARE_LEVEL_RANK[o.predicted] < CARE_LEVEL_RANK["same_day"] for o in emergencies)
    confusion: dict[str, dict[str, int]] = {t: dict.fromkeys(CARE_LEVELS, 0) for t in CARE_LEVELS}
    for o in outcomes:
        confusion[o.case.care_level][o.predicted] += 1
    three_confusion: dict[str, dict[str, int]] = {t: dict.fromkeys(THREE, 0) for t in THREE}
    for o in outcomes:
        three_confusion[CARE_LEVEL_THREE[o.case.care_level]][CARE_LEVEL_THREE[o.predicted]] += 1
    return {
        "n": n,
        "care_level_accuracy": round(exact / n, 3) if n else None,
        "three_level_accuracy": round(three / n, 3) if n else None,
        "emergency_recall": f"{caught}/{len(emergencies)}",
        "over_triage": f"{over}/{len(mild)}",
        "self_care_to_emergency": f"{sum(o.predicted == 'emergency' for o in self_care)}/{len(self_care)}",
        "under_triage": f"{under}/{len(emergencies)}",
        "decided_by": dict(
            Counter(o.decided_by.split("/")[1] if "/" in o.decided_by else o.decided_by for o in outcomes)
        ),
        "confusion": confusion,
        "three_level_confusion": three_confusion,
    }


def format_report(title: str, r: dict[str, Any]) -> str:
    lines = [
        f"== {title}: {r['n']} cases",
        f"care-level accuracy (6 levels)      {r['care_level_accuracy']}",
        f"three-level accuracy                {r['three_level_accuracy']}   (emergency / see a clinician / self-care)",
        f"emergency recall                    {r['emergency_recall']}",
        f"self-care sent to emergency         {r['self_care_to_emergency']}",
        f"over-triage (self_care, within_2_weeks -> emergency)  {r['over_triage']}",
        f"under-triage (emergency -> below same_day)           {r['under_triage']}",
        f"decided by                          {r['decided_by']}",
        "confusion (rows: labelled, columns: predicted)",
    ]
    short = {"emergency": "emerg", "same_day": "same", "within_3_days": "3d", "within_2_weeks": "2w"}
    short.update({"self_care": "self", "administrative": "admin"})
    lines.append(" " * 16 + "".join(f"{short[c]:>7}" for c in CARE_LEVELS))
    for t in CARE_LEVELS:
        lines.append(f"{t:>16}" + "".join(f"{r['confusion'][t][c]:>7}" for c in CARE_LEVELS))
    lines.append("three levels")
    lines.append(" " * 16 + "".join(f"{c:>11}" for c in THREE))
    for t in THREE:
        lines.append(f"{t:>16}" + "".join(f"{r['three_level_confusion'][t][c]:>11}" for c in THREE))
    return "\n".join(lines)


def misses(outcomes: Iterable[Outcome]) -> list[str]:
    out = []
    for o in outcomes:
        if CARE_LEVEL_THREE[o.predicted] != CARE_LEVEL_THREE[o.case.care_level]:
            out.append(
                f"  {o.case.id} [{o.case.style}] {o.case.care_level} -> {o.predicted} by {o.decided_by}"
                f" ({o.case.condition}): {o.case.text[:140]}"
            )
    return out


def train_model() -> Any:
    from triage import classifier

    samples: list[tuple[str, ...]] = list(classifier.corpus_samples())
    return classifier.train_triage_model(samples)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m triage.evaluation", description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="*", help="CSV files (default: the shipped dev and holdout sets)")
    parser.add_argument("--style", help="only cases of this style (clinician, patient, caregiver)")
    parser.add_argument("--show-misses", action="store_true", help="list the cases off by a level band")
    args = parser.parse_args(argv)
    paths = [Path(p) for p in args.cases] or [p for p in DEFAULT_SETS if p.exists()]
    started = time.perf_counter()
    print("training the classifier from the shipped corpus ...", file=sys.stderr, flush=True)
    model = train_model()
    print(f"  trained in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    for path in paths:
        cases = load_cases(path)
        if args.style:
            cases = [c for c in cases if c.style == args.style]
        print(f"scoring {len(cases)} cases of {path.name} ...", file=sys.stderr, flush=True)
        outcomes = run(cases, model, progress=True)
        print(format_report(path.name + (f" ({args.style})" if args.style else ""), report(outcomes)))
        for style in sorted({c.style for c in cases if c.style}):
            part = [o for o in outcomes if o.case.style == style]
            r = report(part)
            print(
                f"   {style:<10} n={r['n']:<4} 6-level {r['care_level_accuracy']}  3-level {r['three_level_accuracy']}"
                f"  emergency recall {r['emergency_recall']}  self-care->emergency {r['self_care_to_emergency']}"
            )
        if args.show_misses:
            print("\n".join(misses(outcomes)) or "  (no case off by a level band)")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
