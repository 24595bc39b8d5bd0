"""Reads of the triage app."""

from __future__ import annotations

from typing import Any

from queues.models import WorkItemEvent
from triage.models import TriageScore
from triage.services import score_public


def event_results(event) -> dict[str, Any]:
    """Score and work item of an event, for GET /api/v1/events/{id} (CONTRACT.md)."""
    body: dict[str, Any] = {}
    score = TriageScore.objects.filter(event=event).order_by("-created_at").first()
    if score is not None:
        body["score"] = score_public(score)
    link = WorkItemEvent.objects.filter(event=event).select_related("item__queue").order_by("pk").first()
    if link is not None:
        item = link.item
        body["work_item"] = {
            "id": str(item.pk),
            "queue": item.queue.slug,
            "tier": item.tier,
            "state": item.state,
            "effect": link.effect,
        }
        if score is None and item.score:
            body["score"] = item.score
    return body
