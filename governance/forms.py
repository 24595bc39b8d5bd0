"""The governance page's forms: what a browser posts, turned into the services' arguments, with a
message per bad field (the services validate again: a form is a convenience, not the guard)."""

from __future__ import annotations

import json
import math
from typing import Any

ROUTING_NUMBERS: dict[str, type] = {"review_threshold": float, "suppression_minutes": int}
ROUTING_JSON = ("tier_map", "queue_map", "sla_minutes")
SCHEDULING_NUMBERS: dict[str, type] = {
    "reminder_threshold": float,
    "max_overbook_pct": float,
    "hold_urgent_share": float,
}


def _number(raw: Any, kind: type, field: str, errors: list[dict[str, str]]) -> Any:
    text = str(raw or "").strip()
    try:
        value = kind(text)
    except (TypeError, ValueError):
        errors.append({"field": field, "message": f"must be a {'whole ' if kind is int else ''}number"})
        return None
    if isinstance(value, float) and not math.isfinite(value):
        errors.append({"field": field, "message": "must be a finite number"})
        return None
    return value


def policy_changes(workflow: str, post: Any) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The policy fields from a POST (only those the form shows), and field errors."""
    errors: list[dict[str, str]] = []
    changes: dict[str, Any] = {}
    numbers = SCHEDULING_NUMBERS if workflow == "scheduling" else ROUTING_NUMBERS
    for key, kind in numbers.items():
        if key in post:
            value = _number(post.get(key), kind, key, errors)
            if value is not None:
                changes[key] = value
    if workflow != "scheduling":
        for key in ROUTING_JSON:
            if key not in post:
                continue
            try:
                value = json.loads(post.get(key) or "")
            except ValueError as exc:
                errors.append({"field": key, "message": f"is not valid JSON ({getattr(exc, 'msg', exc)})"})
                continue
            if not isinstance(value, dict):
                errors.append({"field": key, "message": "must be a JSON object"})
                continue
            changes[key] = value
    return changes, errors


def note_of(post: Any, key: str = "reason") -> str:
    return str(post.get(key) or "")
