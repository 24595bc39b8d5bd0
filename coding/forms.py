"""The documentation policy form: a manager types thresholds as lines `type: hours`; parsing turns
them into the policy's tables and names each bad line (the service validates the whole result)."""

from __future__ import annotations

import math
from typing import Any

from django.http import QueryDict

from coding import thresholds

MAX_TEXT = 5000


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def hours_lines(table: dict[str, Any]) -> str:
    """A table as the form shows it: `*` first, then the types in order."""
    keys = sorted(table, key=lambda k: (k != "*", k))
    return "\n".join(f"{k}: {table[k]:g}" if isinstance(table[k], int | float) else f"{k}: {table[k]}" for k in keys)


def parse_hours(text: str, field: str, errors: list[dict[str, str]]) -> dict[str, float]:
    table: dict[str, float] = {}
    if len(text) > MAX_TEXT:
        errors.append({"field": field, "message": f"at most {MAX_TEXT} characters"})
        return table
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, value = line.rpartition(":")
        name = name.strip().lower()
        hours = _number(value.strip()) if sep else None
        if not sep or not name or hours is None:
            errors.append({"field": field, "message": f"line {n}: write “type: hours”, e.g. “verbal: 48”"})
        elif name in table:
            errors.append({"field": field, "message": f"line {n}: “{name[:64]}” is listed twice"})
        else:
            table[name] = int(hours) if hours.is_integer() else hours
    return table


def policy_changes(post: QueryDict) -> tuple[dict[str, Any], list[dict[str, str]]]:
    errors: list[dict[str, str]] = []
    changes: dict[str, Any] = {
        "order_hours": parse_hours(str(post.get("order_hours", "")), "order_hours", errors),
        "note_hours": parse_hours(str(post.get("note_hours", "")), "note_hours", errors),
    }
    for field in ("urgent_multiple", "overdue_multiple"):
        value = _number(str(post.get(field, "")).strip())
        if value is None:
            errors.append({"field": field, "message": "must be a number"})
        else:
            changes[field] = value
    sla = str(post.get("coding_sla_hours", "")).strip()
    if not sla.isascii() or not sla.isdigit() or len(sla) > 6:
        errors.append({"field": "coding_sla_hours", "message": "must be a whole number of hours"})
    else:
        changes["coding_sla_hours"] = int(sla)
    return changes, errors


FIELD_LABELS = {
    "order_hours": "Orders",
    "note_hours": "Notes",
    "urgent_multiple": "Urgent at",
    "overdue_multiple": "Overdue at",
    "coding_sla_hours": "Coding findings due in",
}
DEFAULTS_TEXT = {
    "order_hours": hours_lines(thresholds.DEFAULT_ORDER_HOURS),
    "note_hours": hours_lines(thresholds.DEFAULT_NOTE_HOURS),
}
