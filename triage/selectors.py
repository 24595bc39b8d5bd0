"""Reads of the triage app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from queues.models import WorkItemEvent
from triage.models import TriageScore
from triage.representations import score_public, work_item_status

if TYPE_CHECKING:
    from ingest.models import Event


def event_results(event: Event) -> dict[str, Any]:
    """Score and work item of an event, for GET /api/v1/events/{id} (CONTRACT.md)."""
    body: dict[str, Any] = {}
    # the score that decided (a challenger's score beside it routes nothing and is not the event's)
    score = TriageScore.objects.filter(event=event).exclude(rollout="challenger").order_by("-created_at").first()
    if score is not None:
        body["score"] = score_public(score)
    link = WorkItemEvent.objects.filter(event=event).select_related("item__queue").order_by("pk").first()
    if link is not None:
        body["work_item"] = work_item_status(link)
        if score is None and link.item.score:
            body["score"] = link.item.score
    return body


def message_scores(event_ids: list[Any]) -> dict[Any, dict[str, Any]]:
    """The latest TriageScore of each of these events, as the event status shows it (the latest
    model version wins). Registered with queues (queues.hooks.provides_message_scores): each
    message of an item's thread is shown with its own score."""
    scores: dict[Any, dict[str, Any]] = {}
    for score in (
        TriageScore.objects.filter(event_id__in=event_ids).exclude(rollout="challenger").order_by("created_at", "pk")
    ):
        scores[score.event_id] = score_public(score)
    return scores
