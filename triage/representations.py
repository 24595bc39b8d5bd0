"""The JSON shapes triage hands out: the score in the event status, on work items and in the audit
trail, and the event status's work-item block. Pure: rows in, dicts out, no queries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from triage import disposition
from vocabulary import URGENCY_CARE_LEVEL

if TYPE_CHECKING:
    from queues.models import WorkItemEvent
    from triage.models import TriageScore
    from triage.results import Severity


def score_public(score: TriageScore) -> dict[str, Any]:
    """A message's score as CONTRACT.md shows it in the event status (also stored on its work item)."""
    return {
        "urgency": score.urgency,
        "care_level": score.care_level or URGENCY_CARE_LEVEL.get(score.urgency),
        "protocol": score.protocol or None,
        "intent": score.intent,
        "confidence": score.confidence,
        "basis": score.basis or None,
        "tier": score.tier or None,
        "rationale": score.rationale,
        "findings": score.findings or {},
        "disposition": score.disposition,
        "model": score.model_name,
        "model_version": score.model_version,
        "ruleset_version": score.ruleset_version,
        "latency_ms": score.latency_ms,
        "rollout": score.rollout,
    }


def result_score_public(*, severity: Severity, tier: str) -> dict[str, Any]:
    """A lab result's score (the results rules, not a model), in the shape of a message's score."""
    return {
        "urgency": "emergent" if severity.level == "critical" else "urgent",
        "care_level": "emergency" if severity.level == "critical" else "same_day",
        "severity": severity.level,
        "rationale": [{"kind": "result", "text": r} for r in severity.reasons],
        "disposition": disposition.result_disposition(severity=severity.level),
        "model": "results-rules",
        "model_version": "1",
        "confidence": 1.0,
        "tier": tier,
    }


def work_item_status(link: WorkItemEvent) -> dict[str, Any]:
    """The `work_item` block of the event status: the item an event made or updated, and how."""
    item = link.item
    return {
        "id": str(item.pk),
        "queue": item.queue.slug,
        "tier": item.tier,
        "state": item.state,
        "effect": link.effect,
    }
