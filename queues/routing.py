"""Routing, delivery and escalation decisions as pure functions (no ORM).

- Routing: where an AI output goes under a policy. The policy is data (queues.models.RoutingPolicy);
  these functions only read it, so the rules a workflow owner edits are the rules that run, and
  they are tested without a database.
- Delivery: which frames a socket gets, who may be interrupted and how (queues.services.delivery
  applies them).
- Escalation: which step an item needs now and how it reads (queues.services.items applies them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from queues import visibility
from vocabulary import ALERT_SEVERITIES as SEVERITIES
from vocabulary import CARE_LEVEL_URGENCY, CARE_LEVELS, INTENTS, SEVERITY_PRIORITY, TIERS, URGENCIES, URGENCY_PRIORITY

QUEUE_KINDS = ("triage", "review", "results", "scheduling", "coding", "clinical_ops")

DEFAULTS: dict[str, dict[str, Any]] = {
    "triage": {
        "rollout": "live",
        "review_threshold": 0.5,
        "tier_map": {
            "emergency": "interrupt",
            "same_day": "task",
            "within_3_days": "task",
            "within_2_weeks": "task",
            "self_care": "task",
            "administrative": "suggestion",
        },
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


SLA_MINUTES_MAX = 366 * 24 * 60  # a year

# The triage tier for a care level a policy's tier map does not name.
DEFAULT_TIER_BY_CARE_LEVEL: dict[str, str] = {
    "emergency": "interrupt",
    "same_day": "task",
    "within_3_days": "task",
    "within_2_weeks": "task",
    "self_care": "task",
    "administrative": "suggestion",
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


def route_triage(
    *,
    care_level: str,
    intent: str,
    confidence: float,
    policy: dict[str, Any],
    deterministic: bool = False,
    review: bool = False,
    why: str = "",
) -> Decision:
    """Where a scored patient message goes.

    The tier map decides by care level (by default only ``emergency`` interrupts); a policy written
    before care levels, keyed by urgency, still works (the urgency the care level stands for). A
    protocol criterion is deterministic: it never waits for review of the model. Otherwise
    confidence below the policy threshold — or a decision that asks for a person (``review``: the
    classifier wanting more than any protocol criterion says) — sends the item to the human review
    queue, never to silence: a suggestion there becomes at least a task.
    """
    urgency = CARE_LEVEL_URGENCY.get(care_level, care_level)
    priority = URGENCY_PRIORITY[urgency]
    tier_map = policy["tier_map"]
    tier = tier_map.get(care_level) or tier_map.get(urgency) or DEFAULT_TIER_BY_CARE_LEVEL.get(care_level, "task")
    if not deterministic and (review or confidence < float(policy["review_threshold"])):
        tier = "task" if tier == "suggestion" else tier
        reason = why if review else f"confidence {confidence:.2f} below {policy['review_threshold']}"
        return Decision(tier, "review", priority, _sla(policy, priority), True, reason)
    reason = f"{why}: {care_level} → {tier}" if why else f"{care_level} → {tier}"
    return Decision(tier, _queue(policy, intent), priority, _sla(policy, priority), False, reason)


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
    # triage: care levels (a policy from before them may still use urgencies)
    keys = (*CARE_LEVELS, *URGENCIES) if workflow == "triage" else SEVERITIES
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
            elif isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 < minutes <= SLA_MINUTES_MAX:
                # beyond a year, due = now + SLA overflows datetime and every event of the facility fails
                errors.append(
                    {"field": f"sla_minutes.{key}", "message": f"must be whole minutes between 1 and {SLA_MINUTES_MAX}"}
                )
    window = data.get("suppression_minutes")
    if isinstance(window, bool) or not isinstance(window, int) or not 0 <= window <= 7 * 24 * 60:
        errors.append({"field": "suppression_minutes", "message": "must be whole minutes between 0 and 10080"})
    return errors


# --- delivery ---------------------------------------------------------------------------------
PRESENCE_TIMEOUT_SECONDS = 90  # a browser pings every 30 s; a socket silent for longer is gone


def should_forward(frame: dict[str, Any], prefs: dict[str, Any]) -> bool:
    """Whether a queue-group frame goes to this user's socket now: a digest-mode user gets new
    suggestions only in the digest; everything else (state changes, claims, resolutions) flows."""
    item = frame.get("item") or {}
    if frame.get("type") == "item.created" and item.get("tier") == "suggestion":
        return prefs.get("suggestion_mode") != "digest"
    return True


def may_interrupt(*, tier: str, min_interrupt_tier: str) -> bool:
    """Whether a user's setting (`DeliveryPreference.min_interrupt_tier`) lets an item of this tier
    interrupt them."""
    if min_interrupt_tier == "never":
        return False
    if min_interrupt_tier == "task":
        return tier in ("task", "interrupt")
    return tier == "interrupt"


def holds_for_digest(*, tier: str, suggestion_mode: str) -> bool:
    """A suggestion waits for a digest-mode user's next digest."""
    return tier == "suggestion" and suggestion_mode == "digest"


def reaches_online_follower(*, tier: str, min_interrupt_tier: str) -> bool:
    """Whether an online follower is told about the item at all (beyond the live queue list): an
    interrupt always is (as a task if their settings say so), a task only if tasks may interrupt them."""
    return tier == "interrupt" or may_interrupt(tier=tier, min_interrupt_tier=min_interrupt_tier)


def interrupt_delivery(
    *, tier: str, min_interrupt_tier: str, over_cap: bool, care_level: str | None = None
) -> tuple[str, str]:
    """How an online follower gets the item: ("interrupt" | "task", the reason shown with a task).
    The hourly cap never demotes an `emergency` care level: emergencies always interrupt (the
    user's own minimum tier still applies); the cap applies to the rest."""
    if care_level == "emergency":
        over_cap = False
    if may_interrupt(tier=tier, min_interrupt_tier=min_interrupt_tier) and not over_cap:
        return "interrupt", ""
    if over_cap:
        return "task", "over your interrupt cap: delivered as a task"
    return "task", "your settings deliver interrupts as tasks"


def delivery_lane(*, tier: str, priority: int) -> str:
    """The delivery lane: "urgent" for an interrupt or an emergent item (ahead of any backlog), else "standard"."""
    return "urgent" if tier == "interrupt" or priority <= 1 else "standard"


def digest_due(
    *, last_digest_at: datetime | None, first_entry_at: datetime, digest_minutes: int, now: datetime
) -> bool:
    """A digest goes out once the user's interval has passed since the last one (or since the
    oldest held suggestion, for the first)."""
    return now >= (last_digest_at or first_entry_at) + timedelta(minutes=digest_minutes)


# --- escalation chain -------------------------------------------------------------------------
# 0 not escalated → 1 the queue's owner group → 2 the facility's on-call role (emergent and urgent
# only; a routine breach stays with the owner). At 2 on-call is re-notified every interval until a
# person acknowledges (interrupt ack or claim) after the last step.
ESCALATION_OWNER, ESCALATION_ONCALL = 1, 2
ESCALATION_LEVEL_NAMES = {ESCALATION_OWNER: "queue owner", ESCALATION_ONCALL: "facility on-call"}
ESCALATION_ALERT_BASE = 1000  # escalation delivery rows number their steps 1001, 1002, ... (one per step)
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


def escalation_alert_no(*, last: int | None) -> int:
    """The alert number of the next escalation step's deliveries (one per step, so a step never
    notifies anyone twice)."""
    return max(last or 0, ESCALATION_ALERT_BASE) + 1


def escalation_reason(*, why: str, previous_level: int, due_text: str, interval_minutes: int) -> str:
    """Why the system took a step, in words (the audit record, the interrupt's note); `due_text` is
    the due-by in the facility's time (queues.times.local_text, "" when unknown)."""
    if why == "sla_breach":
        return f"past its SLA (due {due_text})" if due_text else "past its SLA"
    if why == "unacknowledged":
        what = "interrupt" if previous_level == 0 else "escalation"
        return f"{what} not acknowledged within {interval_minutes} min"
    if why == "renotify":
        return f"still not acknowledged: on-call reminded every {interval_minutes} min"
    if why == "undeliverable":
        return "no one following the queue was online"
    return "escalated"
