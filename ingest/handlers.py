"""Per-type processing handlers: the registry that Celery's process_event dispatches through.

Apps register what they do with an event type in their AppConfig.ready():

    @handles("PatientMessageReceived")
    def score_message(event) -> dict | None: ...

A handler runs inside the transaction that marks the event processed, must be idempotent (replays and
redeliveries re-run it) and returns a small JSON-able summary for the audit record. A type with no
handler is processed as "stored only".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Handler = Callable[[Any], dict | None]
_HANDLERS: dict[str, list[Handler]] = {}
LaneCheck = Callable[[dict], bool]
_URGENT_CHECKS: dict[str, list[LaneCheck]] = {}


def handles(*event_types: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        for event_type in event_types:
            bucket = _HANDLERS.setdefault(event_type, [])
            if func not in bucket:
                bucket.append(func)
        return func

    return register


def handlers_for(event_type: str) -> list[Handler]:
    return list(_HANDLERS.get(event_type, []))


def dispatch(event: Any) -> dict[str, Any]:
    funcs = handlers_for(event.type)
    if not funcs:
        return {"handled_by": []}
    summary: dict[str, Any] = {"handled_by": [f"{f.__module__}.{f.__name__}" for f in funcs]}
    for func in funcs:
        summary.update(func(event) or {})
    return summary


def urgent_if(*event_types: str) -> Callable[[LaneCheck], LaneCheck]:
    """Register a cheap, pure pre-check run at intake (no database): True means the event may be an
    emergency and goes to the urgent lane, which workers drain first. Apps register theirs in
    ready() like handlers (triage: red-flag rules on a message, critical lab values)."""

    def register(func: LaneCheck) -> LaneCheck:
        for event_type in event_types:
            bucket = _URGENT_CHECKS.setdefault(event_type, [])
            if func not in bucket:
                bucket.append(func)
        return func

    return register


def lane_for(event_type: str | None, data: Any) -> str:
    """ "urgent" or "standard". A check that raises counts as urgent: when in doubt, go first."""
    for check in _URGENT_CHECKS.get(event_type or "", []):
        try:
            if check(data):
                return "urgent"
        except Exception:
            return "urgent"
    return "standard"


class PermanentError(Exception):
    """A handler error that retrying cannot fix (unknown facility, bad reference): the event goes
    straight to `failed` with this message, visible and replayable once the cause is fixed."""
