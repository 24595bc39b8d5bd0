"""Who may see which event fields: by the VIEWER's role, never by the item's kind (pure, no ORM).

A user's roles at a facility are the `Queue.role` values of the queues they may work there
(`queues.selectors.viewer_roles`). Each role may see some groups of event fields; a viewer with
several roles sees the union. Every role sees the patient's identity. The CONTRACT's `patient`
object has no contact fields (phone, e-mail): identity is all there is to show a scheduler.

| role          | message | lab | appointment | coding | documentation |
| ------------- | ------- | --- | ----------- | ------ | ------------- |
| nurse         | yes     | yes | yes         |        |               |
| clinical_ops  |         | yes | yes         |        | yes           |
| scheduler     |         |     | yes         |        |               |
| coder         |         |     |             | yes    |               |

Coders and clinical ops never see a patient message (issue 14): clinical ops works unsigned orders
and notes (`documentation`: whose signature is missing, on what), coders the coding findings of
closed encounters (`coding`: codes, documentation flags, documented time).

An item may only sit in a queue whose role may see the data its kind is about (`KIND_GROUP`):
messages only with nurses, lab results with nurses and clinical ops, scheduling suggestions also
with schedulers, unsigned orders and notes with clinical ops, coding findings with coders
(`role_may_hold`). Reassignment and a policy's `queue_map` are checked against that.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

MESSAGE = "message"
LAB = "lab"
APPOINTMENT = "appointment"
CODING = "coding"
DOCUMENTATION = "documentation"

FIELD_GROUPS: dict[str, tuple[str, ...]] = {
    MESSAGE: ("message_id", "channel", "subject", "body", "received_at", "department"),
    LAB: (
        "result_id",
        "code",
        "value",
        "unit",
        "reference_low",
        "reference_high",
        "abnormal_flag",
        "resulted_at",
        "ordering_provider_id",
    ),
    APPOINTMENT: (
        "appointment_id",
        "request_id",
        "department",
        "provider_id",
        "visit_type",
        "booked_at",
        "starts_at",
        "duration_min",
        "reminder_channel",
        "preferred_start",
        "preferred_end",
        "requested_at",
    ),
    CODING: (
        "encounter_id",
        "diagnoses",
        "procedures",
        "documentation_flags",
        "order_id",
        "order_type",
        "note_id",
        "note_type",
        "closed_at",
    ),
    DOCUMENTATION: (
        "order_id",
        "order_type",
        "ordered_at",
        "note_id",
        "note_type",
        "created_at",
        "encounter_id",
        "author_id",
        "signed_by",
        "signed_at",
    ),
}
PATIENT_IDENTITY = ("mrn", "name", "birth_date", "sex")

ROLE_GROUPS: dict[str, frozenset[str]] = {
    "nurse": frozenset({MESSAGE, LAB, APPOINTMENT}),
    "clinical_ops": frozenset({LAB, APPOINTMENT, DOCUMENTATION}),
    "scheduler": frozenset({APPOINTMENT}),
    "coder": frozenset({CODING}),
}

# The data an item of each kind is about: who may not see it may not hold the item.
KIND_GROUP = {
    "message": MESSAGE,
    "lab_result": LAB,
    "reminder_call": APPOINTMENT,
    "overbook": APPOINTMENT,
    "slot_offer": APPOINTMENT,
    "unsigned_order": DOCUMENTATION,
    "unsigned_note": DOCUMENTATION,
    "coding_dx_missing": CODING,
    "coding_dx_unspecified": CODING,
    "coding_em_time": CODING,
    "coding_modifier_missing": CODING,
    "coding_dx_not_billable": CODING,
}

# The role of each standard queue kind (queues.services.FACILITY_QUEUES creates them so), and the
# item kind each routing workflow makes: a policy's queue_map is checked with these.
QUEUE_KIND_ROLE = {
    "triage": "nurse",
    "review": "nurse",
    "results": "nurse",
    "scheduling": "scheduler",
    "coding": "coder",
    "clinical_ops": "clinical_ops",
}
WORKFLOW_ITEM_KIND = {"triage": "message", "results": "lab_result"}

# What of the AI output and of the audit trail a viewer who may not see the item's data is shown:
# rationale spans quote the message, dispositions and comments describe it.
SAFE_SCORE_FIELDS = ("urgency", "care_level", "intent", "tier", "confidence", "model", "model_version")
SAFE_HUMAN_FIELDS = ("decision", "final_urgency", "reason_code", "agrees_with_ai", "from", "to", "until")


# What a queue row, a websocket frame, an interrupt and a digest carry of an item
# (queues.representations.item_summary): only what every role may see — no event data, no AI rationale.
SUMMARY_FIELDS = frozenset(
    {
        "id",
        "queue",
        "kind",
        "title",
        "patient_mrn",
        "tier",
        "priority",
        "urgency",
        "human_review",
        "state",
        "due_at",
        "created_at",
        "updated_at",
        "claimed_by",
        "claimed_until",
        "alert_count",
        "event_count",
        "escalation_level",
        "confidence",
        "scored",
        "moved_to",
    }
)


def groups_for_roles(roles: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for role in roles:
        out |= ROLE_GROUPS.get(role, frozenset())
    return frozenset(out)


def fields_for_roles(roles: Iterable[str]) -> frozenset[str]:
    """The top-level event data fields these roles may see (the patient object is apart)."""
    return frozenset(f for group in groups_for_roles(roles) for f in FIELD_GROUPS[group])


def visible_data(data: dict[str, Any], roles: Iterable[str]) -> dict[str, Any]:
    """The part of an event's data these roles may see: their fields, and the patient's identity."""
    roles = tuple(roles)
    fields = fields_for_roles(roles)
    shown = {k: v for k, v in (data or {}).items() if k in fields}
    patient = (data or {}).get("patient") or {}
    shown["patient"] = {k: patient[k] for k in PATIENT_IDENTITY if k in patient} if roles else {}
    return shown


def may_see_messages(roles: Iterable[str]) -> bool:
    return MESSAGE in groups_for_roles(roles)


def may_see_kind(roles: Iterable[str], kind: str) -> bool:
    """May these roles see the data an item of this kind is about (its body, result, appointment)?"""
    group = KIND_GROUP.get(kind)
    return group is not None and group in groups_for_roles(roles)


def role_may_hold(role: str, kind: str) -> bool:
    """May a queue of this role hold items of this kind (its workers see what the item is about)?"""
    return may_see_kind((role,), kind)


def roles_that_may_hold(kind: str) -> list[str]:
    return sorted(role for role in ROLE_GROUPS if role_may_hold(role, kind))


def queue_kinds_for_workflow(workflow: str) -> list[str]:
    """The queue kinds a routing workflow may send its items to."""
    kind = WORKFLOW_ITEM_KIND.get(workflow)
    return [q for q, role in QUEUE_KIND_ROLE.items() if kind and role_may_hold(role, kind)]


def redact_score(score: dict[str, Any] | None, *, full: bool) -> dict[str, Any] | None:
    """The AI output as a viewer is shown it: whole if they may see the item's data, else only the
    urgency, tier and confidence (no rationale quoting the message, no disposition)."""
    if score is None or full:
        return score
    return {k: score[k] for k in SAFE_SCORE_FIELDS if k in score}


def redact_audit_data(data: dict[str, Any] | None, *, full: bool) -> dict[str, Any]:
    """An item's audit record as a viewer is shown it: whole if they may see the item's data, else
    without the AI output and the human's disposition and comment."""
    data = dict(data or {})
    if full:
        return data
    if "ai" in data:
        data["ai"] = redact_score(data["ai"], full=False)
    if isinstance(data.get("human"), dict):
        data["human"] = {k: v for k, v in data["human"].items() if k in SAFE_HUMAN_FIELDS}
    for key in ("disposition", "comment"):
        data.pop(key, None)
    return data
