"""Which metrics each workflow's dashboard shows, in page order, and building them.

The catalog of every metric's columns and meaning is /docs/DASHBOARDS.md; dashboards.figures draws
each one, the CSV export and /api/v1/metrics/ serve the same Table.
"""

from __future__ import annotations

from collections.abc import Callable

from dashboards.filters import Filters
from dashboards.metrics import feedback, items, scores
from dashboards.tables import Table

Metric = Callable[[Filters], Table]

METRICS: dict[str, Metric] = {
    "turnaround": items.turnaround,
    "backlog": items.backlog,
    "neglect": items.neglect,
    "decisions": items.decisions,
    "feedback": feedback.feedback,
    "override_reasons": items.override_reasons,
    "escalation": items.escalation,
    "escalation_cases": items.escalation_cases,
    "interrupts": items.interrupts,
    "handling": items.handling,
    "suppression": items.suppression,
    "negative_signals": items.negative_signals,
    "noshow_by_month": scores.noshow_by_month,
    "noshow_calibration": scores.noshow_calibration,
    "noshow_subgroups": scores.noshow_subgroups,
    "drift": scores.drift,
    "latency": scores.latency,
    "shadow_agreement": scores.shadow_agreement,
}

WORKFLOW_METRICS: dict[str, tuple[str, ...]] = {
    "triage": (
        "negative_signals",
        "turnaround",
        "backlog",
        "neglect",
        "decisions",
        "feedback",
        "override_reasons",
        "escalation",
        "escalation_cases",
        "interrupts",
        "handling",
        "suppression",
        "shadow_agreement",
        "drift",
        "latency",
    ),
    "results": (
        "negative_signals",
        "turnaround",
        "backlog",
        "neglect",
        "decisions",
        "feedback",
        "override_reasons",
        "escalation",
        "escalation_cases",
        "interrupts",
        "suppression",
    ),
    "scheduling": (
        "negative_signals",
        "backlog",
        "neglect",
        "decisions",
        "feedback",
        "override_reasons",
        "noshow_by_month",
        "noshow_calibration",
        "noshow_subgroups",
        "shadow_agreement",
        "drift",
        "latency",
    ),
    "documentation": (
        "negative_signals",
        "turnaround",
        "backlog",
        "neglect",
        "decisions",
        "feedback",
        "override_reasons",
    ),
}


def metric_build(name: str, f: Filters) -> Table:
    return METRICS[name](f)


def page_tables(f: Filters) -> list[Table]:
    """Every table of the workflow's dashboard page, in page order."""
    return [METRICS[name](f) for name in WORKFLOW_METRICS[f.workflow]]
