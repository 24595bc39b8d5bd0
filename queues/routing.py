"""Routing decisions as pure functions of an AI output and a policy (no ORM).

The policy is data (queues.models.RoutingPolicy); these functions only read it, so the rules a
workflow owner edits are the rules that run, and they are tested without a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from queues import visibility
from vocabulary import ALERT_SEVERITIES as SEVERITIES
from vocabulary import INTENTS, SEVERITY_PRIORITY, TIERS, URGENCIES, URGENCY_PRIORITY

QUEUE_KINDS = ("triage", "review", "results", "scheduling", "coding", "clinical_ops")

DEFAULTS: dict[str, dict[str, Any]] = {
    "triage": {
        "rollout": "live",
        "review_threshold": 0.5,
        "tier_map": {"emergent": "interrupt", "urgent": "task", "routine": "task", "non_clinical": "suggestion"},
        "queue_map": {"*": "triage"},
        "sla_minutes": {"1": 15, "2": 120, "3": 1440, "4": 2880},
        "suppression_minutes": 120,
    },
    "results": {
        "rollout": "live",
        "review_threshold": 0.0,
        "tier_map": {"critical": "interrupt", "abnormal": "task"},
        "queue_map": {"*": "results"},
        "sla_minutes": {"1": 30, "2": 1440},
        "suppression_minutes": 1440,
    },
}


@dataclass(frozen=True)
class Decision:
    tier: str
    queue_kind: str
    priority: int
    sla_minutes: int
    human_review: bool
    reason: str


def _sla(policy: dict[str, Any], priority: int) -> int:
    table = policy.get("sla_minutes") or {}
    return int(table.get(str(priority), max((int(v) for v in table.values()), default=1440)))


def route_triage(*, urgency: str, intent: str, confidence: float, red_flag: bool, policy: dict[str, Any]) -> Decision:
    """Where a scored patient message goes.

    Red-flag rule hits always interrupt and never wait for human review of the model (they are
    deterministic). Otherwise confidence below the policy threshold sends the item to the human
    review queue — never to silence: a suggestion there becomes at least a task.
    """
    priority = URGENCY_PRIORITY[urgency]
    if red_flag:
        return Decision("interrupt", _queue(policy, intent), priority, _sla(policy, priority), False, "red flag rule")
    tier = policy["tier_map"].get(urgency, "task")
    if confidence < float(policy["review_threshold"]):
        tier = "task" if tier == "suggestion" else tier
        return Decision(
            tier,
            "review",
            priority,
            _sla(policy, priority),
            True,
            f"confidence {confidence:.2f} below {policy['review_threshold']}",
        )
    return Decision(tier, _queue(policy, intent), priority, _sla(policy, priority), False, f"{urgency} → {tier}")


def route_result(*, severity: str, policy: dict[str, Any]) -> Decision | None:
    """Where an abnormal or critical lab result goes; None for a normal one (no work)."""
    if severity not in SEVERITIES:
        return None
    priority = SEVERITY_PRIORITY[severity]
    tier = policy["tier_map"].get(severity, "task")
    return Decision(tier, _queue(policy, "*"), priority, _sla(policy, priority), False, f"{severity} result → {tier}")


def _queue(policy: dict[str, Any], key: str) -> str:
    qmap = policy.get("queue_map") or {}
    return qmap.get(key) or qmap.get("*") or "triage"


def validate_policy(workflow: str, data: dict[str, Any]) -> list[dict[str, str]]:
    """Every problem with a proposed policy, as {"field", "message"}."""
    errors: list[dict[str, str]] = []
    if workflow not in DEFAULTS:
        return [{"field": "workflow", "message": f"must be one of: {', '.join(DEFAULTS)}"}]
    keys = URGENCIES if workflow == "triage" else SEVERITIES
    if data.get("rollout") not in ("off", "shadow", "live"):
        errors.append({"field": "rollout", "message": "must be off, shadow or live"})
    threshold = data.get("review_threshold")
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 <= threshold <= 1:
        errors.append({"field": "review_threshold", "message": "must be a number between 0 and 1"})
    tier_map = data.get("tier_map")
    if not isinstance(tier_map, dict):
        errors.append({"field": "tier_map", "message": "must be an object"})
    else:
        for key, tier in tier_map.items():
            if key not in keys:
                errors.append({"field": f"tier_map.{key}", "message": f"unknown key; one of: {', '.join(keys)}"})
            elif tier not in TIERS:
                errors.append({"field": f"tier_map.{key}", "message": f"must be one of: {', '.join(TIERS)}"})
    queue_map = data.get("queue_map")
    if not isinstance(queue_map, dict) or not queue_map:
        errors.append({"field": "queue_map", "message": "must be a non-empty object"})
    else:
        for key, kind in queue_map.items():
            if key != "*" and key not in INTENTS:
                errors.append({"field": f"queue_map.{key}", "message": "must be '*' or an intent"})
            elif kind not in QUEUE_KINDS:
                errors.append({"field": f"queue_map.{key}", "message": f"must be one of: {', '.join(QUEUE_KINDS)}"})
            elif kind not in visibility.queue_kinds_for_workflow(workflow):
                # the queue's role could not see what the items are about (a scheduler, a message body)
                errors.append(
                    {
                        "field": f"queue_map.{key}",
                        "message": (
                            f"a {visibility.QUEUE_KIND_ROLE[kind]} queue may not hold {workflow} items; one of: "
                            f"{', '.join(visibility.queue_kinds_for_workflow(workflow))}"
                        ),
                    }
                )
    sla = data.get("sla_minutes")
    if not isinstance(sla, dict) or not sla:
        errors.append({"field": "sla_minutes", "message": "must be a non-empty object of priority → minutes"})
    else:
        for key, minutes in sla.items():
            if key not in ("1", "2", "3", "4"):
                errors.append({"field": f"sla_minutes.{key}", "message": "priority must be 1..4"})
            elif isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
                errors.append({"field": f"sla_minutes.{key}", "message": "must be a positive whole number of minutes"})
    window = data.get("suppression_minutes")
    if isinstance(window, bool) or not isinstance(window, int) or not 0 <= window <= 7 * 24 * 60:
        errors.append({"field": "suppression_minutes", "message": "must be whole minutes between 0 and 10080"})
    return errors


# --- escalation chain -------------------------------------------------------------------------
# 0 not escalated → 1 the queue's owner group → 2 the facility's on-call role (emergent and urgent
# only; a routine breach stays with the owner). At 2 on-call is re-notified every interval until a
# person acknowledges (interrupt ack or claim) after the last step.
ESCALATION_OWNER, ESCALATION_ONCALL = 1, 2
ONCALL_MAX_PRIORITY = 2  # emergent (1) and urgent (2) reach on-call
ESCALATING_STATES = ("new", "claimed", "escalated", "reassigned")  # open and not snoozed by a person


@dataclass(frozen=True)
class EscalationStep:
    level: int  # the level the item goes to; equal to the current one at 2: a re-notification
    why: str  # sla_breach | unacknowledged | renotify | undeliverable | manual


def escalation_acknowledged(*, escalated_at: datetime | None, acknowledged_at: datetime | None) -> bool:
    """A person acknowledged the item after its last escalation step."""
    return acknowledged_at is not None and (escalated_at is None or acknowledged_at > escalated_at)


def escalation_next_level(*, level: int, priority: int, manual: bool = False) -> int:
    """The level the next step takes. On-call is for emergent/urgent items (a person escalating by
    hand may take any item there); it is the last level, so a step there re-notifies it."""
    if level < ESCALATION_OWNER:
        return ESCALATION_OWNER
    if manual or priority <= ONCALL_MAX_PRIORITY:
        return ESCALATION_ONCALL
    return ESCALATION_OWNER


def escalation_due(
    *,
    tier: str,
    priority: int,
    state: str,
    level: int,
    due_at: datetime | None,
    escalated_at: datetime | None,
    acknowledged_at: datetime | None,
    alerted_at: datetime | None,
    now: datetime,
    interval: timedelta,
) -> EscalationStep | None:
    """The escalation step an item needs now, or None.

    Level 0: a task or interrupt past its SLA (`due_at`), or an interrupt nobody acknowledged (or
    claimed) within `interval` of being delivered (`alerted_at`: the first interrupt of its current
    alert). Suggestions never escalate; snoozed and closed items wait. Level 1 and 2: if nobody
    acknowledged it within `interval` of the last step, the next one (routine stays with the owner).
    """
    if tier not in ("task", "interrupt") or state not in ESCALATING_STATES:
        return None
    if level < ESCALATION_OWNER:
        if due_at is not None and now >= due_at:
            return EscalationStep(ESCALATION_OWNER, "sla_breach")
        if (
            tier == "interrupt"
            and alerted_at is not None
            and now >= alerted_at + interval
            and state != "claimed"
            and not (acknowledged_at is not None and acknowledged_at >= alerted_at)
        ):
            return EscalationStep(ESCALATION_OWNER, "unacknowledged")
        return None
    if escalation_acknowledged(escalated_at=escalated_at, acknowledged_at=acknowledged_at):
        return None
    if escalated_at is not None and now < escalated_at + interval:
        return None
    target = escalation_next_level(level=level, priority=priority)
    if target == level and level < ESCALATION_ONCALL:
        return None  # a routine item stays with its owner
    return EscalationStep(target, "renotify" if target == level else "unacknowledged")


def escalation_on_undeliverable(
    *, priority: int, level: int, escalated_at: datetime | None, acknowledged_at: datetime | None
) -> EscalationStep | None:
    """An interrupt (or re-alert) that reached nobody: take the next step now, unless an
    escalation nobody has acknowledged yet is already running (the sweep carries that on)."""
    if level >= ESCALATION_OWNER and not escalation_acknowledged(
        escalated_at=escalated_at, acknowledged_at=acknowledged_at
    ):
        return None
    return EscalationStep(escalation_next_level(level=level, priority=priority), "undeliverable")
