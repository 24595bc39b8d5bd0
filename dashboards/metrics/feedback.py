"""Feedback on the AI's output, after CDS Hooks' feedback (cds-hooks.org, "Feedback"): each work
item a person or the clock settled becomes one record — accepted, overridden (with the reason code;
a rejected suggestion is an override of it), dismissed (with the reason), or ignored (expired
untouched, or closed in the EMR before anyone here acted) — counted per model version in SQL and
exportable as records. Aggregated or per item, never with patient data (no MRN, no text)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Case, CharField, Count, DateTimeField, F, Q, QuerySet, Value, When

from dashboards.filters import Filters
from dashboards.metrics import items as item_metrics
from dashboards.metrics import sql
from dashboards.metrics.items import _ignored, _items
from dashboards.tables import Table
from queues.models import WorkItem

OUTCOMES = ("accepted", "overridden", "dismissed", "ignored")


def _outcome(now: datetime) -> Case:
    return Case(
        When(decision="accept", then=Value("accepted")),
        When(decision__in=("override", "reject"), then=Value("overridden")),
        When(decision="dismiss", then=Value("dismissed")),
        When(_ignored(now), then=Value("ignored")),
        default=Value(""),
        output_field=CharField(),
    )


def feedback_items(f: Filters) -> QuerySet[WorkItem]:
    """The filter's items (created in the period) that have an outcome, with `outcome` annotated."""
    return _items(f).annotate(outcome=_outcome(item_metrics._now())).exclude(outcome="")


def feedback(f: Filters) -> Table:
    columns = ["model_version", "feedback", *OUTCOMES, "acceptance_rate"]
    counts: dict[str, Any] = {"n": Count("id"), **{o: Count("id", filter=Q(outcome=o)) for o in OUTCOMES}}
    grouped: Any = feedback_items(f).values("model_version").annotate(**counts).order_by("model_version")
    found: list[dict[str, Any]] = [dict(r) for r in grouped]
    rows = [(r["model_version"], r["n"], *(r[o] for o in OUTCOMES), sql.rate(r["accepted"], r["n"])) for r in found]
    return Table(
        "feedback",
        "Feedback on the AI by model version",
        columns,
        rows,
        note=(
            "Items created in the period that were settled: accepted, overridden (a rejected suggestion counts as "
            "overridden), dismissed, or ignored (expired untouched, or closed in the EMR before anyone here acted). "
            "Plain items made while the AI was off have no model version (blank). The records are at "
            "/api/v1/feedback/<workflow> and as CSV."
        ),
    )


RECORD_COLUMNS = [
    "card",
    "queue",
    "kind",
    "model",
    "model_version",
    "rollout",
    "outcome",
    "reason_code",
    "outcome_timestamp",
    "created_at",
]


def feedback_records(f: Filters, *, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """One record per settled item, oldest first: `card` is the work item's id (the card the
    suggestion was shown on); `outcome_timestamp` when it was decided (or expired: its due time)."""
    rows = (
        feedback_items(f)
        .annotate(
            queue_slug=F("queue__slug"),
            at=Case(
                When(resolved_at__isnull=False, then=F("resolved_at")),
                default=F("due_at"),
                output_field=DateTimeField(),
            ),
        )
        .order_by("created_at", "id")
        .values(
            "id",
            "queue_slug",
            "kind",
            "score",
            "model_version",
            "rollout",
            "outcome",
            "decision_reason",
            "at",
            "created_at",
        )
    )[offset : offset + limit]
    out = []
    for r in rows:
        score = r["score"] if isinstance(r["score"], dict) else {}
        out.append(
            {
                "card": str(r["id"]),
                "queue": r["queue_slug"],
                "kind": r["kind"],
                "model": str(score.get("model") or ""),
                "model_version": r["model_version"],
                "rollout": r["rollout"],
                "outcome": r["outcome"],
                "reason_code": r["decision_reason"] if r["outcome"] in ("overridden", "dismissed") else "",
                "outcome_timestamp": r["at"].isoformat() if r["at"] else None,
                "created_at": r["created_at"].isoformat(),
            }
        )
    return out
