"""Output shapes of the queues app: every JSON body and websocket frame, built in one place and used
by the API, the pages and the websocket alike (no ORM queries beyond the relations the caller
loaded).

- `item_summary`: what a queue row, the items API and every item frame show of an item (no
  message body, no AI rationale: only what every role may see, see queues.visibility).
- `row_details`: what the work is (complaint, rule, snippet, patient, lab, appointment), from the
  event data the viewer may see (pure).
- `interrupt_frame`: one interrupt, the same keys live over the socket and from
  /api/v1/interrupts/ after a reload (INTERRUPT_KEYS).
- policies, delivery preferences, digests, the socket's `hello`.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from queues import visibility
from queues.times import local_text
from vocabulary import CareLevel, Urgency, label

if TYPE_CHECKING:
    from queues.models import DeliveryPreference, InterruptDelivery, Queue, RoutingPolicy, WorkItem
    from queues.selectors import ItemView


# --- work items -------------------------------------------------------------------------------
def item_summary(item: WorkItem) -> dict[str, Any]:
    """What a queue list row and a websocket frame show of an item (no message body)."""
    return {
        "id": str(item.pk),
        "queue": item.queue.slug if hasattr(item, "queue") and item.queue_id else None,
        "kind": item.kind,
        "title": item.title,
        "patient_mrn": item.patient_mrn,
        "tier": item.tier,
        "priority": item.priority,
        "urgency": item.urgency,
        "human_review": item.human_review,
        "state": item.state,
        "due_at": item.due_at.isoformat() if item.due_at else None,
        "created_at": item.created_at.isoformat() if item.created_at else None,
        "updated_at": item.updated_at.isoformat() if item.updated_at else None,
        "claimed_by": item.claimed_by.username if item.claimed_by_id and item.claimed_by else None,
        "claimed_until": item.claimed_until.isoformat() if item.claimed_until else None,
        "alert_count": item.alert_count,
        "event_count": item.event_count,
        "escalation_level": item.escalation_level,  # 0 none, 1 queue owner, 2 facility on-call
        "confidence": (item.score or {}).get("confidence"),
        "scored": item.score is not None,  # false: a plain item, made while the AI was off
    }


def patient_age(birth_date: str | None, today: date) -> int | None:
    """Whole years from an ISO birth date (None when missing or malformed)."""
    try:
        born = date.fromisoformat(str(birth_date)[:10])
    except (TypeError, ValueError):
        return None
    if born > today:  # a birth date in the future is a typo, not an age
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def lab_test_name(code: Any) -> str:
    """A lab test as a person reads it: a coding's display (else its code), or a plain string code."""
    if isinstance(code, dict):
        return str(code.get("display") or code.get("code") or "")
    return str(code or "")


_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,64}")
# Scores from fixed rules rather than a registered model: no transparency page of their own
RULE_ENGINES = frozenset({"results-rules", "coding-rules", "signature-rules"})


def model_url(score: dict[str, Any] | None) -> str:
    """The transparency page (/models/<name>/<version>/) of the registered model that made this
    score; "" for a plain item, a rules-only score, or a name/version that cannot be one."""
    score = score or {}
    name, version = str(score.get("model") or ""), str(score.get("model_version") or "")
    if name in RULE_ENGINES or not _SLUG.fullmatch(name) or not (version.isascii() and version.isdigit()):
        return ""
    return f"/models/{name}/{int(version)}/"


def row_details(item: WorkItem, *, data: dict[str, Any], now: datetime, tz_name: str) -> dict[str, Any]:
    """What the work is, for a row (pure: from the item's score and the event data this viewer may
    see): the protocol/complaint that decided, the rule that fired, the message snippet (only if
    `data` holds the body, i.e. the viewer's role may see it), patient name and age, lab test /
    value / flag, appointment time in the facility's zone and the no-show risk."""
    score = item.score or {}
    rationale = [r for r in score.get("rationale") or [] if isinstance(r, dict)]
    protocol = next((r for r in rationale if r.get("kind") == "protocol"), None)
    rule = next((r for r in rationale if r.get("kind") == "rule"), None)
    raw_patient = data.get("patient")
    patient: dict[str, Any] = raw_patient if isinstance(raw_patient, dict) else {}
    body = " ".join(str(data.get("body") or "").split())
    care_level = score.get("care_level")
    out: dict[str, Any] = {
        "care_level": care_level or "",
        "ai_label": (
            f"AI: {label(CareLevel, care_level)}"
            if care_level
            else f"AI: {label(Urgency, item.urgency)}"
            if item.score
            else "Not scored"
        ),
        "complaint": (
            f"{protocol.get('protocol_title') or score.get('protocol') or ''}: {protocol.get('criterion_text', '')}"
            if protocol
            else str(score.get("protocol") or "").replace("_", " ")
        ).strip(": "),
        "rule_text": str(rule.get("rule", "")).replace("_", " ") if rule else "",
        "snippet": (body[:117] + "…") if len(body) > 120 else body,
        "patient_name": str(patient.get("name") or ""),
        "patient_age": patient_age(patient.get("birth_date"), now.date()),
        "lab": None,
        "appointment": None,
        "model_url": model_url(score),
    }
    if item.kind == "lab_result" or "result_id" in data:
        value = " ".join(str(data.get(k)) for k in ("value", "unit") if data.get(k) not in (None, ""))
        out["lab"] = {"test": lab_test_name(data.get("code")), "value": value, "flag": data.get("abnormal_flag") or ""}
    if "appointment_id" in data or "request_id" in data:
        risk = score.get("risk", score.get("confidence"))
        out["appointment"] = {
            "at": local_text(data.get("starts_at") or data.get("preferred_start"), tz_name),
            "risk": f"{risk:.0%}" if isinstance(risk, int | float) else "",
        }
    return out


def item_frame(
    item: WorkItem,
    frame_type: str,
    *,
    data: dict[str, Any] | None = None,
    tz_name: str = "UTC",
    now: datetime | None = None,
) -> dict[str, Any]:
    """`item.created` / `item.updated` / `item.resolved` to the item's queue group, and with the
    item's event `data` (and `now`) an optional `row` key: what the row says of the work (`item_row_fields`),
    so a row that arrives or changes live reads like a server-rendered one.

    One frame goes to the whole group, so it cannot be cut per viewer. Everyone in a queue's group
    may work that queue (queues.consumers joins only `selectors.queues_for_user`), so everyone in it
    holds the queue's role: the row is built from the event data visible to that role alone
    (`visibility.visible_data(data, {queue.role})`). A viewer with more roles at the facility sees
    no more live than the queue's role allows (the page shows the rest after a reload); a role that
    may not see message bodies (scheduling, coding) never gets a snippet. Times are in the
    facility's zone (`tz_name`), ages at `now`. Pure: the caller passes `data` and `tz_name` (the
    publish site loads them in at most one query, see queues.services.items._push)."""
    frame: dict[str, Any] = {"type": frame_type, "item": item_summary(item)}
    if data is not None and now is not None:
        frame["row"] = item_row_fields(item, data=data, tz_name=tz_name, now=now)
    return frame


def item_row_fields(item: WorkItem, *, data: dict[str, Any], tz_name: str, now: datetime) -> dict[str, Any]:
    """The `row` of an item frame: `row_details` from the event data the queue's role may see,
    and the queue's name (My work's queue column)."""
    shown = visibility.visible_data(data, (item.queue.role,))
    return {**row_details(item, data=shown, now=now, tz_name=tz_name), "queue_name": item.queue.name}


def item_moved_frame(item: WorkItem, *, from_queue: Queue) -> dict[str, Any]:
    """To the queue an item was reassigned away from: its viewers drop it (`moved_to` says where)."""
    return {
        "type": "item.resolved",
        "item": {**item_summary(item), "queue": from_queue.slug, "moved_to": item.queue.slug},
    }


def item_detail(item: WorkItem, view: ItemView) -> dict[str, Any]:
    """GET /api/v1/items/{id}: the summary, the AI output, the event data and history as this
    viewer may see them, and the thread's messages for roles that may see bodies."""
    body = {
        **item_summary(item),
        "facility": item.queue.facility.slug,
        "score": view.score,
        "event": {"id": str(item.event_id), "type": item.event.type, "data": view.data},
        "decision": item.decision or None,
        "final_urgency": item.final_urgency or None,
        "history": [
            {"at": r.at.isoformat(), "action": r.action, "actor": r.actor, "actor_type": r.actor_type, "data": data}
            for r, data in view.history
        ],
    }
    if view.messages is not None:  # only for roles that may see message bodies
        body["messages"] = [
            {
                "event_id": m.event_id,
                "received_at": m.received_at,
                "subject": m.subject,
                "body": m.body,
                "effect": m.effect,
                "score": m.score,
            }
            for m in view.messages
        ]
    return body


def queue_body(queue: Queue) -> dict[str, Any]:
    """A queue in GET /api/v1/queues/ (annotated with `open_count` by the selector)."""
    return {
        "slug": queue.slug,
        "name": queue.name,
        "role": queue.role,
        "kind": queue.kind,
        "facility": queue.facility.slug,
        "open_count": getattr(queue, "open_count", None),
    }


# --- policies ---------------------------------------------------------------------------------
def policy_body(policy: RoutingPolicy) -> dict[str, Any]:
    return {
        "id": policy.pk,
        "workflow": policy.workflow,
        "facility": policy.facility.slug,
        "rollout": policy.rollout,
        "review_threshold": policy.review_threshold,
        "tier_map": policy.tier_map,
        "queue_map": policy.queue_map,
        "sla_minutes": policy.sla_minutes,
        "suppression_minutes": policy.suppression_minutes,
        "version": policy.version,
        "updated_by": policy.updated_by,
        "updated_at": policy.updated_at.isoformat(),
    }


# --- delivery ---------------------------------------------------------------------------------
def preferences_dict(prefs: DeliveryPreference) -> dict[str, Any]:
    """A user's delivery controls: the socket's `hello` and `prefs.changed`, the audit record."""
    return {
        "suggestion_mode": prefs.suggestion_mode,
        "digest_minutes": prefs.digest_minutes,
        "interrupt_cap_per_hour": prefs.interrupt_cap_per_hour,
        "min_interrupt_tier": prefs.min_interrupt_tier,
        "sound": prefs.sound,
        "follow_all": prefs.follow_all,
    }


def preferences_body(prefs: DeliveryPreference, *, followed: list[str]) -> dict[str, Any]:
    """GET/PUT /api/v1/me/delivery: the controls and the slugs of the queues followed."""
    return {**preferences_dict(prefs), "followed_queues": sorted(followed)}


def prefs_changed_frame(prefs: DeliveryPreference) -> dict[str, Any]:
    return {"type": "prefs.changed", "prefs": preferences_dict(prefs)}


def hello_frame(*, username: str, queues: list[str], prefs: dict[str, Any]) -> dict[str, Any]:
    """The socket's first frame: which queues it follows (the page re-syncs on every one)."""
    return {"type": "hello", "user": username, "queues": queues, "prefs": prefs}


INTERRUPT_KEYS = frozenset(
    {"type", "delivery", "delivered_as", "escalation", "level", "note", "sound", "delivered_at", "item", "what"}
)
WHAT_KEYS = frozenset(
    {"complaint", "rule", "first_line", "patient_name", "patient_age", "ai_label", "model_url", "lab", "appointment"}
)
FIRST_LINE_CHARS = 140


def first_line(body: Any) -> str:
    """The first non-blank line of a message body, whitespace collapsed, cut to FIRST_LINE_CHARS."""
    for line in str(body or "").splitlines():
        text = " ".join(line.split())
        if text:
            return text if len(text) <= FIRST_LINE_CHARS else text[: FIRST_LINE_CHARS - 1] + "…"
    return ""


def interrupt_what(item: WorkItem, *, data: dict[str, Any], now: datetime, tz_name: str) -> dict[str, Any]:
    """What an interrupt card says of the work, for ONE recipient: the complaint or protocol that
    decided, the rule that fired, the AI's marking, patient name and age, and the first line of the
    message — only if `data` (the event data this recipient's roles may see, queues.visibility)
    holds the body. Lab and appointment cards get the row's test/value/flag and local time."""
    details = row_details(item, data=data, now=now, tz_name=tz_name)
    return {
        "complaint": details["complaint"],
        "rule": details["rule_text"],
        "first_line": first_line(data.get("body")),
        "patient_name": details["patient_name"],
        "patient_age": details["patient_age"],
        "ai_label": details["ai_label"],
        "model_url": details["model_url"],
        "lab": details["lab"],
        "appointment": details["appointment"],
    }


def interrupt_what_for(item: WorkItem, *, roles, now: datetime) -> dict[str, Any]:
    """`interrupt_what` for a recipient with these roles at the item's facility (the caller loaded
    item.event and item.queue.facility)."""
    data = visibility.visible_data(item.event.data or {}, roles) if item.event_id else {}
    return interrupt_what(item, data=data, now=now, tz_name=item.queue.facility.timezone)


def interrupt_frame(delivery: InterruptDelivery, *, sound: bool, what: dict[str, Any] | None = None) -> dict[str, Any]:
    """One interrupt (or one delivered as a task), from its delivery row: the same frame live over
    the socket and in /api/v1/interrupts/ after a reload. `note` is the reason recorded on the row;
    `level` the item's escalation level for an escalation (None otherwise); `sound` the user's
    setting, always on for an escalation; `what` the card's text for this recipient
    (`interrupt_what`; {} when the caller has none)."""
    item = delivery.item
    return {
        "type": "interrupt",
        "delivery": delivery.pk,
        "delivered_as": delivery.delivered_as,
        "escalation": delivery.escalation,
        "level": item.escalation_level if delivery.escalation else None,
        "note": delivery.reason,
        "sound": bool(delivery.escalation or sound),
        "delivered_at": delivery.delivered_at.isoformat(),
        "item": item_summary(item),
        "what": what or {},
    }


def digest_frame(*, items: list[WorkItem], at: datetime) -> dict[str, Any]:
    """A digest-mode user's held suggestions."""
    return {"type": "digest", "items": [item_summary(i) for i in items], "at": at.isoformat()}
