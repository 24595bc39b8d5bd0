"""Signature thresholds for unsigned orders and notes, and how an unsigned one escalates as it ages
(pure: no Django). The policy is data per facility (`coding.models.DocumentationPolicy`), edited by
the manager who owns the facility's documentation workflow; these are its defaults and its rules.

Defaults (hours from `ordered_at` / `created_at` until a clinical-ops task appears), and where they
come from. Federal rules set some of them; the rest is the medical staff's bylaws, so a site sets its
own and these defaults are a starting point:
- orders `*`, `verbal`, `telephone`: 48 h. CMS Conditions of Participation require every order,
  verbal ones included, to be "dated, timed, and authenticated promptly" (42 CFR 482.24(c)(1)); until
  2012 42 CFR 482.23(c)(3)(iii) gave verbal orders 48 hours where state law sets no limit, and 48 h
  is still the common bylaw and state default. The Joint Commission (RC.02.03.07, EP 4) asks that
  verbal orders be authenticated within the time frame law and regulation define.
- notes `h&p`: 24 h. A history and physical is completed and documented no later than 24 hours after
  admission (42 CFR 482.22(c)(5)(i), 482.24(c)(4)(i)(A); Joint Commission PC.01.02.03).
- notes `procedure`: 24 h. An operative report is written or dictated immediately after surgery and
  signed by the surgeon (42 CFR 482.51(b)(6); Joint Commission RC.02.01.03).
- notes `discharge`: 720 h (30 days). The medical record, with its discharge summary, is completed
  within 30 days after discharge (42 CFR 482.24(c)(4)(viii)).
- notes `*`, `progress`, `telephone`, `consult`: 72 h. No federal rule; 72 hours is a common
  medical-staff bylaw limit for signing routine documentation.

Escalation: below the threshold nothing appears (an order signed in time never makes a task). At 1x
the threshold it is a task (priority 3, routine); at `urgent_multiple` x (default 2) it is raised to
priority 2, urgent; at `overdue_multiple` x (default 4) its SLA ends (the item's due-by), and the
queues escalation chain takes it to the queue's owner. Priority never goes down.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

DEFAULT_ORDER_HOURS: dict[str, float] = {"*": 48, "verbal": 48, "telephone": 48}
DEFAULT_NOTE_HOURS: dict[str, float] = {
    "*": 72,
    "progress": 72,
    "telephone": 72,
    "consult": 72,
    "h&p": 24,
    "procedure": 24,
    "discharge": 720,
}
DEFAULT_URGENT_MULTIPLE = 2.0
DEFAULT_OVERDUE_MULTIPLE = 4.0
DEFAULT_CODING_SLA_HOURS = 72  # a coding finding's due-by: before a typical bill hold ends

MAX_HOURS = 24 * 90  # a threshold beyond 90 days is not a signature rule
MAX_TYPES = 50
MAX_TYPE_LENGTH = 64
MAX_MULTIPLE = 50

# level: (priority, urgency) of the task at that level
LEVELS: dict[int, tuple[int, str]] = {1: (3, "routine"), 2: (2, "urgent")}


def threshold_hours(table: dict[str, Any], doc_type: str) -> float:
    """The threshold for a type (case-insensitive), else the table's `*`, else the built-in `*`."""
    key = (doc_type or "").strip().lower()
    value = table.get(key, table.get("*"))
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 72.0


@dataclass(frozen=True)
class Stage:
    level: int  # 0 no task yet, 1 task, 2 urgent
    next_at: datetime | None  # when the next level begins (None: the last level)
    overdue_at: datetime  # the item's due-by: overdue_multiple x the threshold


def stage(
    *, started_at: datetime, now: datetime, threshold_h: float, urgent_multiple: float, overdue_multiple: float
) -> Stage:
    """Where an unsigned document of this age stands (pure)."""
    threshold = timedelta(hours=threshold_h)
    task_at = started_at + threshold
    urgent_at = started_at + threshold * urgent_multiple
    overdue_at = started_at + threshold * overdue_multiple
    if now < task_at:
        return Stage(0, task_at, overdue_at)
    if now < urgent_at:
        return Stage(1, urgent_at, overdue_at)
    return Stage(2, None, overdue_at)


def sla_minutes(*, overdue_at: datetime, now: datetime) -> int:
    """Minutes from now to the due-by (at least 1: an item already past it is due at once)."""
    return max(1, math.ceil((overdue_at - now).total_seconds() / 60))


def _hours_table(value: Any, field: str, errors: list[dict[str, str]]) -> None:
    if not isinstance(value, dict) or not value:
        errors.append({"field": field, "message": "must be a non-empty table of type → hours"})
        return
    if "*" not in value:
        errors.append({"field": f"{field}.*", "message": "is required: the threshold for any other type"})
    if len(value) > MAX_TYPES:
        errors.append({"field": field, "message": f"at most {MAX_TYPES} types"})
    for key, hours in value.items():
        where = f"{field}.{str(key)[:MAX_TYPE_LENGTH]}"
        if not isinstance(key, str) or not key.strip() or len(key) > MAX_TYPE_LENGTH:
            errors.append({"field": field, "message": f"each type is 1-{MAX_TYPE_LENGTH} characters"})
        elif key != key.strip().lower():
            errors.append({"field": where, "message": "types are lower case, without surrounding spaces"})
        elif isinstance(hours, bool) or not isinstance(hours, int | float) or not math.isfinite(hours):
            errors.append({"field": where, "message": "must be a number of hours"})
        elif not 1 <= hours <= MAX_HOURS:
            errors.append({"field": where, "message": f"must be between 1 and {MAX_HOURS} hours"})


def validate_policy(data: dict[str, Any]) -> list[dict[str, str]]:
    """Every problem of a whole proposed policy, as {"field", "message"}."""
    errors: list[dict[str, str]] = []
    _hours_table(data.get("order_hours"), "order_hours", errors)
    _hours_table(data.get("note_hours"), "note_hours", errors)
    urgent, overdue = data.get("urgent_multiple"), data.get("overdue_multiple")
    for field, value in (("urgent_multiple", urgent), ("overdue_multiple", overdue)):
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            errors.append({"field": field, "message": "must be a number"})
        elif not 1 < value <= MAX_MULTIPLE:
            errors.append({"field": field, "message": f"must be above 1 and at most {MAX_MULTIPLE}"})
    if not any(e["field"] in ("urgent_multiple", "overdue_multiple") for e in errors):
        if not urgent < overdue:  # type: ignore[operator]
            errors.append({"field": "overdue_multiple", "message": "must be larger than the urgent multiple"})
    sla = data.get("coding_sla_hours")
    if isinstance(sla, bool) or not isinstance(sla, int) or not 1 <= sla <= 24 * 30:
        errors.append({"field": "coding_sla_hours", "message": "must be a whole number of hours, 1 to 720"})
    return errors
