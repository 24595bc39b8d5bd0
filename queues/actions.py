"""Human actions on work items: claim, release, resolve (accept / override / dismiss), escalate,
snooze, reassign. Each is one service call, audited with the AI output and the human decision side
by side, and pushed live after commit. Also the escalation chain (a person's escalation and the
steps beat takes; the rule itself is pure, in queues.routing) and the rest of beat's upkeep.

Locking: every action takes the item row with SELECT ... FOR UPDATE (or a conditional UPDATE for the
claim) so two nurses acting at once are serialised and the second sees the first's result.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Min, Q
from django.utils import timezone

from audit.services import audit_record
from clinflow import problems
from queues import routing, visibility
from queues.models import InterruptDelivery, Queue, WorkItem
from queues.publish import publish_item
from queues.selectors import item_lock, queues_for_user
from vocabulary import URGENCIES

logger = logging.getLogger(__name__)

# Modelled on CDS Hooks feedback `overrideReasons` (a coded reason the clinician gives for not
# following a card's suggestion).
OVERRIDE_REASONS = {
    "clinical_judgement": "Clinical judgement differs from the suggestion",
    "patient_context": "Patient context the AI did not have",
    "already_addressed": "Already addressed (phone call, visit, EMR in-basket)",
    "patient_declined": "Patient declined",
    "not_applicable": "Suggestion does not apply to this patient",
    "incorrect_data": "Based on incorrect or incomplete data",
    "other": "Other (comment required)",
}
DISMISS_REASONS = {"duplicate": "Duplicate", "not_actionable": "Not actionable"}
DECISIONS = ("accept", "override", "dismiss", "reject")  # reject: a scheduling suggestion, with a reason


class ItemConflict(problems.Conflict):
    slug, title = "item-conflict", "The item changed"


def _locked(item_id: Any, user=None) -> WorkItem:
    """Lock the item through the selector that checks `user` may work its queue (the system when
    None). Another facility's or another role's item is a 404, whatever the caller."""
    item = item_lock(item_id=item_id, user=user)
    if item is None:
        raise problems.NotFound("No such item in a queue you may work." if user is not None else "No such item.")
    return item


def _claim_is_live(item: WorkItem, now: datetime) -> bool:
    return bool(item.claimed_by_id and item.claimed_until and item.claimed_until > now)


def _require_open(item: WorkItem) -> None:
    if item.state not in WorkItem.OPEN_STATES:
        raise ItemConflict(f"The item is already {item.state}.")


def _require_not_claimed_by_other(item: WorkItem, user, now: datetime) -> None:
    if _claim_is_live(item, now) and item.claimed_by_id != user.pk:
        raise ItemConflict(f"Claimed by {item.claimed_by.username} until {item.claimed_until:%H:%M} UTC.")


def _audit(item: WorkItem, user, action: str, human: dict[str, Any]) -> None:
    audit_record(
        action=f"work_item.{action}",
        object_type="work_item",
        object_id=item.pk,
        actor=user.username,
        actor_type="user",
        data={"ai": item.score, "human": human, "queue": item.queue.slug, "state": item.state},
    )


def item_claim(*, item_id: Any, user, minutes: int | None = None) -> WorkItem:
    """Lease the item to `user` for N minutes (renewing their own lease is allowed).

    Locking: the row is locked through the permission selector, so two nurses claiming at the same
    moment are serialised; the conditional UPDATE then matches only an unclaimed, expired or already
    theirs claim, and the second nurse gets a 409 naming the holder.
    A claim is an acknowledgement (`acknowledged_at`): it stops the item's escalation chain.
    """
    now = timezone.now()
    until = now + timedelta(minutes=minutes or settings.CLAIM_MINUTES)
    with transaction.atomic():
        item = _locked(item_id, user)  # permission first: an outsider learns nothing, changes nothing
        claimed = (
            WorkItem.objects.filter(pk=item.pk, state__in=WorkItem.OPEN_STATES)
            .filter(Q(claimed_by__isnull=True) | Q(claimed_until__lte=now) | Q(claimed_by=user))
            .update(
                claimed_by=user, claimed_until=until, state=WorkItem.State.CLAIMED, updated_at=now, acknowledged_at=now
            )
        )
        item.refresh_from_db()
        if not claimed:
            _require_open(item)
            _require_not_claimed_by_other(item, user, now)
            raise ItemConflict("The item could not be claimed.")  # pragma: no cover - defensive
        _audit(item, user, "claimed", {"until": until.isoformat()})
        publish_item(item, "item.updated")
    return item


def item_release(*, item_id: Any, user) -> WorkItem:
    now = timezone.now()
    with transaction.atomic():
        item = _locked(item_id, user)
        _require_open(item)
        _require_not_claimed_by_other(item, user, now)
        item.claimed_by, item.claimed_until, item.state, item.updated_at = None, None, WorkItem.State.NEW, now
        item.save(update_fields=["claimed_by", "claimed_until", "state", "updated_at"])
        _audit(item, user, "released", {})
        publish_item(item, "item.updated")
    return item


def item_resolve(
    *,
    item_id: Any,
    user,
    decision: str,
    final_urgency: str | None = None,
    disposition: str | None = None,
    reason_code: str | None = None,
    comment: str = "",
) -> WorkItem:
    """Resolve with the human decision. accept = the AI's urgency and disposition; override = the
    human's urgency and disposition with a reason code (comment required for "other"); dismiss =
    duplicate or not actionable. A message's final urgency becomes a training label."""
    errors = _decision_errors(decision, final_urgency, disposition, reason_code, comment)
    if errors:
        raise problems.ActionInvalid("The decision is incomplete.", errors=errors)
    now = timezone.now()
    with transaction.atomic():
        item = _locked(item_id, user)
        _require_open(item)
        _require_not_claimed_by_other(item, user, now)
        ai = item.score or {}
        if decision == "reject" and item.kind not in WorkItem.SCHEDULING_KINDS:
            raise problems.ActionInvalid(
                "Only scheduling suggestions are rejected; override or dismiss.",
                errors=[{"field": "decision", "message": "reject is for suggestions"}],
            )
        if decision == "accept":
            final_urgency, disposition = item.urgency, ai.get("disposition", "")
        elif decision in ("dismiss", "reject"):
            final_urgency = final_urgency or ""
        item.state, item.resolved_at, item.updated_at = WorkItem.State.RESOLVED, now, now
        item.decision, item.final_urgency = decision, final_urgency or ""
        item.claimed_by, item.claimed_until = None, None
        item.save(
            update_fields=[
                "state",
                "resolved_at",
                "updated_at",
                "decision",
                "final_urgency",
                "claimed_by",
                "claimed_until",
            ]
        )
        human = {
            "decision": decision,
            "final_urgency": final_urgency or None,
            "disposition": disposition,
            "reason_code": reason_code,
            "comment": comment,
            "agrees_with_ai": decision == "accept" or (final_urgency == item.urgency),
        }
        _audit(item, user, "resolved", human)
        if item.kind == WorkItem.Kind.MESSAGE and final_urgency and decision in ("accept", "override"):
            _record_label(item, user, final_urgency, now)
        publish_item(item, "item.resolved")
    return item


def _record_label(item: WorkItem, user, final_urgency: str, now: datetime) -> None:
    """Training labels from a nurse's accept/override of a message item: one label per message.

    An item threads every message of the patient on one reason folded into it, and the decision
    (final urgency F) is about the messages that set the item's urgency at resolution: each message
    whose own AI urgency equals the item's urgency is labelled F — the newest of them always. A
    message the AI rated lower than the thread (superseded by a later, more urgent one) is NOT
    labelled by this decision: the nurse judged the thread at its highest urgency, not that
    message, and labelling it F would teach the model a calm message was emergent. If no message's
    own score matches (scores missing), the newest message is labelled (an item without message
    links, from before they existed: its first message)."""
    from queues.selectors import item_messages
    from triage.models import TriageLabel

    messages = item_messages(item)  # newest first
    decided = (
        [(m.message_id, m.event_id) for m in messages if m.urgency == item.urgency]
        or [(m.message_id, m.event_id) for m in messages[:1]]
        or [((item.event.data or {}).get("message_id") or str(item.event_id), item.event_id)]
    )
    for message_id, event_id in decided:
        TriageLabel.objects.update_or_create(
            message_id=message_id,
            origin=TriageLabel.Origin.CLINFLOW,
            defaults={
                "final_urgency": final_urgency,
                "labelled_by": user.username,
                "labelled_at": now,
                "message_event_id": event_id,
            },
        )


def _decision_errors(decision, final_urgency, disposition, reason_code, comment) -> list[dict[str, str]]:
    errors = []
    if decision not in DECISIONS:
        return [{"field": "decision", "message": f"must be one of: {', '.join(DECISIONS)}"}]
    if decision == "override":
        if final_urgency not in URGENCIES:
            errors.append({"field": "final_urgency", "message": f"must be one of: {', '.join(URGENCIES)}"})
        if not (disposition or "").strip():
            errors.append({"field": "disposition", "message": "is required when overriding"})
        if reason_code not in OVERRIDE_REASONS:
            errors.append({"field": "reason_code", "message": f"must be one of: {', '.join(OVERRIDE_REASONS)}"})
        elif reason_code == "other" and not (comment or "").strip():
            errors.append({"field": "comment", "message": "is required when the reason is 'other'"})
    if decision == "reject":
        if reason_code not in OVERRIDE_REASONS:
            errors.append({"field": "reason_code", "message": f"must be one of: {', '.join(OVERRIDE_REASONS)}"})
        elif reason_code == "other" and not (comment or "").strip():
            errors.append({"field": "comment", "message": "is required when the reason is 'other'"})
    if decision == "dismiss" and reason_code not in DISMISS_REASONS:
        errors.append({"field": "reason_code", "message": f"must be one of: {', '.join(DISMISS_REASONS)}"})
    if final_urgency and final_urgency not in URGENCIES:
        errors.append({"field": "final_urgency", "message": f"must be one of: {', '.join(URGENCIES)}"})
    if len(comment or "") > 2000:
        errors.append({"field": "comment", "message": "must be at most 2000 characters"})
    return errors


def item_escalate(*, item_id: Any, user, comment: str = "") -> WorkItem:
    """A person escalates: the item takes the next level of the chain (queue owner group, then
    the facility on-call role, where a further escalation re-notifies), whose members get an
    interrupt. The person's claim ends (they hand it over). Locking: the item row."""
    now = timezone.now()
    with transaction.atomic():
        item = _locked(item_id, user)
        _require_open(item)
        _require_not_claimed_by_other(item, user, now)
        level = routing.escalation_next_level(level=item.escalation_level, priority=item.priority, manual=True)
        _escalation_apply(item, step=routing.EscalationStep(level, "manual"), now=now, user=user, comment=comment)
    return item


ESCALATION_LEVEL_NAMES = {1: "queue owner", 2: "facility on-call"}


def _escalation_reason(item: WorkItem, step: routing.EscalationStep, previous_level: int) -> str:
    minutes = settings.INTERRUPT_ESCALATE_MINUTES
    if step.why == "sla_breach":
        return f"past its SLA (due {item.due_at:%H:%M} UTC)"
    if step.why == "unacknowledged":
        what = "interrupt" if previous_level == 0 else "escalation"
        return f"{what} not acknowledged within {minutes} min"
    if step.why == "renotify":
        return f"still not acknowledged: on-call reminded every {minutes} min"
    if step.why == "undeliverable":
        return "no one following the queue was online"
    return "escalated"


def _escalation_apply(
    item: WorkItem, *, step: routing.EscalationStep, now: datetime, user=None, comment: str = ""
) -> None:
    """Take one escalation step on a locked item, in the caller's transaction: level and time on
    the item, an interrupt to every member of the target group, the audit record, the live push.
    A person's escalation hands the item over; the system's leaves a live claim with its holder."""
    from queues.delivery import escalation_notify

    previous = item.escalation_level
    reason = comment if user is not None else _escalation_reason(item, step, previous)
    item.escalation_level, item.escalated_at, item.updated_at = step.level, now, now
    fields = ["escalation_level", "escalated_at", "updated_at"]
    if user is not None or not _claim_is_live(item, now):
        item.state, item.claimed_by, item.claimed_until = WorkItem.State.ESCALATED, None, None
        fields += ["state", "claimed_by", "claimed_until"]
    item.save(update_fields=fields)
    InterruptDelivery.objects.filter(item=item, escalation=False, escalated_at__isnull=True).update(escalated_at=now)
    note = reason or f"escalated by {user.username}"
    sent = escalation_notify(item=item, level=step.level, reason=note, now=now)
    audit_record(
        action="work_item.escalated",
        object_type="work_item",
        object_id=item.pk,
        actor=user.username if user is not None else "system",
        actor_type="user" if user is not None else "system",
        data={
            "ai": item.score,
            "human": {"comment": comment} if user is not None else {},
            "level": step.level,
            "from_level": previous,
            "why": step.why,
            "reason": reason,
            "to_group": sent["to_group"],
            "notified": sent["notified"],
            "fallback": sent["fallback"],
            "queue": item.queue.slug,
            "state": item.state,
        },
    )
    publish_item(item, "item.updated")


def item_escalation_step(
    *, item_id: Any, trigger: str = "sweep", now: datetime | None = None
) -> routing.EscalationStep | None:
    """The system takes the escalation step that is due now, if any: trigger "sweep" (beat:
    queues.routing.escalation_due) or "undeliverable" (an interrupt that reached nobody:
    escalation_on_undeliverable). Locking: the item row, and the decision is re-made on it, so two
    overlapping sweeps never take one step twice and an acknowledgement that commits first wins."""
    now = now or timezone.now()
    with transaction.atomic():
        item = item_lock(item_id=item_id)
        if item is None or item.state not in WorkItem.OPEN_STATES:
            return None
        if trigger == "undeliverable":
            step = routing.escalation_on_undeliverable(
                priority=item.priority,
                level=item.escalation_level,
                escalated_at=item.escalated_at,
                acknowledged_at=item.acknowledged_at,
            )
        else:
            facts = InterruptDelivery.objects.filter(item=item).aggregate(
                alerted_at=Min(
                    "delivered_at",
                    filter=Q(escalation=False, alert_no=item.alert_count, delivered_as=InterruptDelivery.As.INTERRUPT),
                ),
                acknowledged_at=Max("acknowledged_at"),
            )
            # A delivery acknowledged before items recorded acknowledged_at counts too.
            acknowledged = max((t for t in (item.acknowledged_at, facts["acknowledged_at"]) if t), default=None)
            step = routing.escalation_due(
                tier=item.tier,
                priority=item.priority,
                state=item.state,
                level=item.escalation_level,
                due_at=item.due_at,
                escalated_at=item.escalated_at,
                acknowledged_at=acknowledged,
                alerted_at=facts["alerted_at"],
                now=now,
                interval=timedelta(minutes=settings.INTERRUPT_ESCALATE_MINUTES),
            )
        if step is not None:
            _escalation_apply(item, step=step, now=now)
    return step


def item_snooze(*, item_id: Any, user, until: datetime) -> WorkItem:
    now = timezone.now()
    if until <= now or until > now + timedelta(days=7):
        raise problems.ActionInvalid(
            "Snooze until a time in the next 7 days.",
            errors=[{"field": "until", "message": "must be in the next 7 days"}],
        )
    with transaction.atomic():
        item = _locked(item_id, user)
        _require_open(item)
        _require_not_claimed_by_other(item, user, now)
        item.state, item.snoozed_until, item.updated_at = WorkItem.State.SNOOZED, until, now
        item.claimed_by, item.claimed_until = None, None
        item.save(update_fields=["state", "snoozed_until", "updated_at", "claimed_by", "claimed_until"])
        _audit(item, user, "snoozed", {"until": until.isoformat()})
        publish_item(item, "item.updated")
    return item


def item_reassign(*, item_id: Any, user, queue_slug: str) -> WorkItem:
    """Move the item to another queue the user may work (never to a role that may not see it)."""
    now = timezone.now()
    target = queues_for_user(user=user).filter(slug=queue_slug).first()
    if target is None:
        raise problems.ActionInvalid(
            "Unknown queue.", errors=[{"field": "queue", "message": "is not a queue you may work"}]
        )
    with transaction.atomic():
        item = _locked(item_id, user)
        _require_open(item)
        _require_not_claimed_by_other(item, user, now)
        if target.pk == item.queue_id:
            raise problems.ActionInvalid(
                "The item is already in that queue.", errors=[{"field": "queue", "message": "is the item's queue"}]
            )
        if target.facility_id != item.queue.facility_id:  # the patient's data stays with its facility
            raise problems.ActionInvalid(
                "An item stays in its own facility's queues.",
                errors=[{"field": "queue", "message": "belongs to another facility than the item"}],
            )
        if not visibility.role_may_hold(target.role, item.kind):
            allowed = ", ".join(visibility.roles_that_may_hold(item.kind)) or "none"
            raise problems.ActionInvalid(
                f"A {target.role} queue may not hold a {item.kind.replace('_', ' ')} item.",
                errors=[
                    {
                        "field": "queue",
                        "message": f"its role ({target.role}) may not see this item's data; roles that may: {allowed}",
                    }
                ],
            )
        source = item.queue
        item.queue, item.state, item.updated_at = target, WorkItem.State.REASSIGNED, now
        item.claimed_by, item.claimed_until = None, None
        item.save(update_fields=["queue", "state", "updated_at", "claimed_by", "claimed_until"])
        _audit(item, user, "reassigned", {"from": source.slug, "to": target.slug})
        publish_item(item, "item.updated")
        # the old queue's viewers drop it
        transaction.on_commit(lambda: _announce_removed(source, item))
    return item


def _announce_removed(queue: Queue, item: WorkItem) -> None:
    from queues.publish import item_summary, queue_group, send_to_group

    summary = item_summary(item)
    summary["queue"] = queue.slug
    summary["moved_to"] = item.queue.slug
    send_to_group(queue_group(queue.pk), {"type": "item.resolved", "item": summary})


# --- periodic upkeep (beat) -------------------------------------------------------------------
def items_wake_snoozed(*, now: datetime | None = None) -> int:
    """Snoozed items whose time has come go back to `new` (and are pushed)."""
    now = now or timezone.now()
    woken = 0
    for item_id in WorkItem.objects.filter(state=WorkItem.State.SNOOZED, snoozed_until__lte=now).values_list(
        "pk", flat=True
    )[:1000]:
        with transaction.atomic():
            item = _locked(item_id)
            if item.state != WorkItem.State.SNOOZED:
                continue
            item.state, item.snoozed_until, item.updated_at = WorkItem.State.NEW, None, now
            item.save(update_fields=["state", "snoozed_until", "updated_at"])
            audit_record(action="work_item.woke", object_type="work_item", object_id=item.pk)
            publish_item(item, "item.updated")
            woken += 1
    return woken


def items_release_expired_claims(*, now: datetime | None = None) -> int:
    """Expired leases go back to `new` so every viewer sees the item is free again."""
    now = now or timezone.now()
    released = 0
    for item_id in WorkItem.objects.filter(state=WorkItem.State.CLAIMED, claimed_until__lte=now).values_list(
        "pk", flat=True
    )[:1000]:
        with transaction.atomic():
            item = _locked(item_id)
            if item.state != WorkItem.State.CLAIMED or _claim_is_live(item, now):
                continue
            holder = item.claimed_by.username if item.claimed_by_id else None
            item.state, item.claimed_by, item.claimed_until, item.updated_at = WorkItem.State.NEW, None, None, now
            item.save(update_fields=["state", "claimed_by", "claimed_until", "updated_at"])
            audit_record(
                action="work_item.claim_expired", object_type="work_item", object_id=item.pk, data={"holder": holder}
            )
            publish_item(item, "item.updated")
            released += 1
    return released


def items_escalate_due(*, now: datetime | None = None) -> int:
    """Beat: take every escalation step that is due — SLA breaches, interrupts nobody acknowledged,
    escalations nobody acknowledged (the rule: queues.routing.escalation_due). These queries only
    narrow down the candidates; each is decided again on its locked row by item_escalation_step."""
    now = now or timezone.now()
    since = now - timedelta(minutes=settings.INTERRUPT_ESCALATE_MINUTES)
    live = WorkItem.objects.filter(state__in=routing.ESCALATING_STATES, tier__in=("task", "interrupt"))
    breached = live.filter(escalation_level=0, due_at__lte=now)  # index item_state_due
    unacknowledged = (
        InterruptDelivery.objects.filter(
            escalation=False,
            delivered_as=InterruptDelivery.As.INTERRUPT,
            acknowledged_at__isnull=True,
            delivered_at__lte=since,
            alert_no=F("item__alert_count"),
            item__escalation_level=0,
            item__tier="interrupt",
            item__state__in=routing.ESCALATING_STATES,
        )
        .filter(Q(item__acknowledged_at__isnull=True) | Q(item__acknowledged_at__lt=F("delivered_at")))
        .values_list("item_id", flat=True)
        .distinct()
    )
    waiting = (
        live.filter(escalation_level__gte=1, escalated_at__lte=since)
        .filter(Q(acknowledged_at__isnull=True) | Q(acknowledged_at__lte=F("escalated_at")))
        .filter(Q(escalation_level__gte=2) | Q(priority__lte=routing.ONCALL_MAX_PRIORITY))
    )
    candidates = dict.fromkeys(
        [
            *breached.order_by("priority", "due_at").values_list("pk", flat=True)[:500],
            *list(unacknowledged[:500]),
            *waiting.order_by("priority", "escalated_at").values_list("pk", flat=True)[:500],
        ]
    )
    steps = 0
    for item_id in candidates:
        try:
            steps += item_escalation_step(item_id=item_id, now=now) is not None
        except Exception:  # one bad item must not hold up the others; the next sweep retries it
            logger.exception("escalation step of %s failed", item_id)
    return steps


def items_decide_batch(
    *, item_ids: list[Any], user, decision: str, reason_code: str | None = None, comment: str = ""
) -> dict[str, Any]:
    """Accept or reject many scheduling suggestions in one action; each one is decided (and audited)
    on its own, so one that changed meanwhile is reported without undoing the others."""
    if decision not in ("accept", "reject"):
        raise problems.ActionInvalid(
            "Batch decisions are accept or reject.",
            errors=[{"field": "decision", "message": "must be accept or reject"}],
        )
    errors = _decision_errors(decision, None, None, reason_code, comment)
    if errors:
        raise problems.ActionInvalid("The decision is incomplete.", errors=errors)
    visible = set(
        WorkItem.objects.filter(
            pk__in=item_ids, queue__in=queues_for_user(user=user), kind__in=WorkItem.SCHEDULING_KINDS
        ).values_list("pk", flat=True)
    )
    done, failed = [], []
    for item_id in item_ids:
        key = str(item_id)
        if not any(str(v) == key for v in visible):
            failed.append({"id": key, "detail": "not a suggestion you may decide"})
            continue
        try:
            item_resolve(item_id=item_id, user=user, decision=decision, reason_code=reason_code, comment=comment)
            done.append(key)
        except problems.Problem as exc:
            failed.append({"id": key, "detail": exc.detail})
    return {"decided": done, "failed": failed}
