"""Extension points of the queues app, for the apps built on it (queues never imports them).

Apps register in their AppConfig.ready(), as they do with ingest.handlers for event types:

    hooks.on_item_resolved(label_record_for_item)      # triage: training labels
    hooks.on_item_reopened(label_withdraw_for_item)    # triage: an undone decision teaches nothing
    hooks.provides_message_scores(message_scores)      # triage: each message's own AI score

- `on_item_resolved`: called inside the transaction of a person's resolution (item_resolve), after
  the item is saved and audited, with keyword arguments item, user, decision, final_urgency ("" if
  none) and now. A hook that raises rolls the resolution back: keep them to writes that belong with
  it.
- `on_item_reopened`: called inside the transaction of an undo (item_resolve_undo), with keyword
  arguments item, user (who undid their own decision), resolved_at (when that decision was taken)
  and now, so an app can take back what its `on_item_resolved` hook wrote for it.
- `provides_message_scores`: given event ids, returns {event_id: score dict} for those it scored
  (queues.selectors.item_messages shows each message of a thread with its own score).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from queues.models import WorkItem

ItemResolvedHook = Callable[..., None]
MessageScores = Callable[[list[Any]], dict[Any, dict[str, Any]]]
_ITEM_RESOLVED: list[ItemResolvedHook] = []
_ITEM_REOPENED: list[ItemResolvedHook] = []
_MESSAGE_SCORES: list[MessageScores] = []


def on_item_resolved(func: ItemResolvedHook) -> ItemResolvedHook:
    """Register `func(*, item, user, decision, final_urgency, now)` (idempotent; usable as a decorator)."""
    if func not in _ITEM_RESOLVED:
        _ITEM_RESOLVED.append(func)
    return func


def dispatch_item_resolved(*, item: WorkItem, user: User, decision: str, final_urgency: str, now: datetime) -> None:
    for func in list(_ITEM_RESOLVED):
        func(item=item, user=user, decision=decision, final_urgency=final_urgency, now=now)


def on_item_reopened(func: ItemResolvedHook) -> ItemResolvedHook:
    """Register `func(*, item, user, resolved_at, now)` (idempotent; usable as a decorator)."""
    if func not in _ITEM_REOPENED:
        _ITEM_REOPENED.append(func)
    return func


def dispatch_item_reopened(*, item: WorkItem, user: User, resolved_at: datetime, now: datetime) -> None:
    for func in list(_ITEM_REOPENED):
        func(item=item, user=user, resolved_at=resolved_at, now=now)


def provides_message_scores(func: MessageScores) -> MessageScores:
    """Register a provider of per-message AI scores (idempotent; usable as a decorator)."""
    if func not in _MESSAGE_SCORES:
        _MESSAGE_SCORES.append(func)
    return func


def message_scores(event_ids: Iterable[Any]) -> dict[Any, dict[str, Any]]:
    """{event_id: score} from every provider (a later provider wins for an event both scored)."""
    ids = list(event_ids)
    scores: dict[Any, dict[str, Any]] = {}
    for func in list(_MESSAGE_SCORES):
        scores.update(func(ids))
    return scores


def registered() -> dict[str, list[Callable[..., Any]]]:
    """What is registered (for tests and the curious)."""
    return {"item_resolved": list(_ITEM_RESOLVED), "message_scores": list(_MESSAGE_SCORES)}
