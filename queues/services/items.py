"""Writes of work items: every change to a `WorkItem`, each one service `item_*`.

- From events (the apps that route them: triage, scheduling): `item_route` creates an item or folds
  the event into an open one of the same patient and reason; `item_refresh_suggestion`,
  `item_close_for_event`, `item_resolve_message_in_emr`.
- By people: `item_claim`, `item_release`, `item_resolve` (accept / override / dismiss / reject),
  `item_escalate`, `item_snooze`, `item_reassign`, `item_decide_batch`; `item_view_record` audits
  who was shown patient data. Each is audited with the AI output and the human decision side by
  side, and pushed live after commit.
- By the system (beat, delivery): the escalation chain — `item_escalate_step` (the step the sweep
  finds due), `item_escalate_undeliverable` (an interrupt that reached nobody), `item_escalate_due`
  (the sweep); the rules are pure, in queues.routing — and `item_wake_snoozed`,
  `item_release_expired_claims`.

Locking: every change takes the item row with SELECT ... FOR UPDATE — for a person through the
selector that checks they may work its queue (queues.selectors.item_lock) — so two people acting at
once are serialised and the second sees the first's result.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from audit.services import audit_record
from clinflow import problems
from queues import hooks, representations, routing, selectors, visibility
from queues.models import Facility, InterruptDelivery, Queue, RoutingPolicy, WorkItem, WorkItemEvent
from queues.publish import publish, queue_group
from queues.services import delivery
from queues.times import local_text
from vocabulary import TIER_RANK, URGENCIES

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from ingest.models import Event

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
    "not_scored": "Not scored: my own triage (the AI was off)",
    "other": "Other (comment required)",
}
# A coder's reasons for not following a coding finding (queues' coding kinds: WorkItem.CODING_KINDS);
# only those and "other" are accepted on a coding finding, and these only there.
CODING_OVERRIDE_REASONS = {
    "documentation_supports_code": "The documentation supports the code as billed",
    "payer_rule_differs": "The payer's rule differs from this check",
    "corrected_differently": "Corrected, but not as suggested",
    "provider_query_sent": "Provider queried; the code stands until the answer",
}
OVERRIDE_REASONS.update(CODING_OVERRIDE_REASONS)
DISMISS_REASONS = {
    "duplicate": "Duplicate",
    "handled_in_emr": "Already handled in the EMR",
    "not_actionable": "Not actionable",
    "wrong_patient_or_queue": "Wrong patient or queue",
}
UNDO_SECONDS = 10  # how long after a decision its maker may take it back
DECISIONS = ("accept", "override", "dismiss", "reject")  # reject: a scheduling suggestion, with a reason
MESSAGE_RECEIVED, MESSAGE_RESOLVED = "PatientMessageReceived", "PatientMessageResolved"


class ItemConflict(problems.Conflict):
    slug, title = "item-conflict", "The item changed"


# --- helpers ----------------------------------------------------------------------------------
def _locked(item_id: Any, user: User | None = None) -> WorkItem:
    """Lock the item through the selector that checks `user` may work its queue (the system when
    None). Another facility's or another role's item is a 404, whatever the caller."""
    item = selectors.item_lock(item_id=item_id, user=user)
    if item is None:
        raise problems.NotFound("No such item in a queue you may work." if user is not None else "No such item.")
    return item


def _push(item: WorkItem, frame_type: str) -> None:
    """After commit, the item's new state to its queue's live list, with the row's fields (what
    the work is) as the queue's role may see them. The frame is built now, inside the caller's
    transaction, so it shows the state this change committed."""
    data, tz_name = _frame_inputs(item)
    frame = representations.item_frame(item, frame_type, data=data, tz_name=tz_name, now=timezone.now())
    publish(group=queue_group(item.queue_id), frame=frame)


def _frame_inputs(item: WorkItem) -> tuple[dict[str, Any], str]:
    """The event data and the facility's time zone an item frame's row reads: from the relations
    the caller already loaded (item_route passes the event), else one query for both — never one
    per relation (representations run no queries)."""
    event_loaded = WorkItem.event.is_cached(item) or not item.event_id
    facility_loaded = Queue.facility.is_cached(item.queue)
    if not (event_loaded and facility_loaded):
        found = WorkItem.objects.filter(pk=item.pk).values_list("event__data", "queue__facility__timezone").first()
        if found is not None:
            return found[0] or {}, found[1] or "UTC"
    data = (item.event.data or {}) if item.event_id else {}
    return data, item.queue.facility.timezone


def _claim_is_live(item: WorkItem, now: datetime) -> bool:
    return bool(item.claimed_by_id and item.claimed_until and item.claimed_until > now)


def _require_open(item: WorkItem) -> None:
    if item.state not in WorkItem.OPEN_STATES:
        raise ItemConflict(f"The item is already {item.state}.")


def _require_not_claimed_by_other(item: WorkItem, user: User, now: datetime) -> None:
    if _claim_is_live(item, now) and item.claimed_by_id != user.pk:
        holder = item.claimed_by.username if item.claimed_by else "someone"
        raise ItemConflict(f"Claimed by {holder} until {local_text(item.claimed_until, item.queue.facility)}.")


def _audit(item: WorkItem, user: User, action: str, human: dict[str, Any]) -> None:
    audit_record(
        action=f"work_item.{action}",
        object_type="work_item",
        object_id=item.pk,
        actor=user.username,
        actor_type="user",
        data={"ai": item.score, "human": human, "queue": item.queue.slug, "state": item.state},
    )


# --- from events ------------------------------------------------------------------------------
@dataclass
class RoutedItem:
    item: WorkItem
    effect: str  # created | updated | realerted | existing


def item_dedupe_key(*, facility_id: int, kind: str, reason: str, patient_mrn: str) -> str:
    """patient + reason, readable when it fits its column (255), else a sha256 of it: a reason
    built from a long appointment or request id must never overflow the column."""
    key = f"{facility_id}:{kind}:{reason}:{patient_mrn}"
    if len(key) <= 255:
        return key
    return "sha256:" + hashlib.sha256(key.encode("utf-8", "backslashreplace")).hexdigest()


# An event the AI did not score (rollout off) is a plain human item: a task in the workflow's
# default queue at one priority, so its queue works them first in first out (due = arrival + the
# policy's SLA for that priority). Until a person has read it, it is treated as needing a clinician
# the same day (priority 2, urgency "urgent"): not scored is not low risk.
UNSCORED_PRIORITY = 2
UNSCORED_URGENCY = "urgent"


def item_unscored(
    *, event: Event, facility: Facility, kind: str, reason: str, patient_mrn: str, title: str, policy: RoutingPolicy
) -> RoutedItem:
    """The plain human item of an event while the workflow's AI is off: no score, no AI routing,
    marked not scored (`score` None, `rollout` off). A follow-up of the same patient and reason folds
    into the open one inside the policy's suppression window, as scored items do; idempotent per event."""
    defaults = routing.DEFAULTS[policy.workflow]
    queue_kind = (policy.queue_map or {}).get("*") or defaults["queue_map"]["*"]
    sla = (policy.sla_minutes or {}).get(str(UNSCORED_PRIORITY)) or defaults["sla_minutes"][str(UNSCORED_PRIORITY)]
    decision = routing.Decision("task", queue_kind, UNSCORED_PRIORITY, int(sla), False, "not scored: the AI is off")
    return item_route(
        event=event,
        facility=facility,
        kind=kind,
        reason=f"unscored:{reason}",
        patient_mrn=patient_mrn,
        title=title,
        urgency=UNSCORED_URGENCY,
        decision=decision,
        score=None,
        policy=policy,
        rollout="off",
    )


def item_route(
    *,
    event: Event,
    facility: Facility,
    kind: str,
    reason: str,
    patient_mrn: str,
    title: str,
    urgency: str,
    decision: routing.Decision,
    score: dict[str, Any] | None,
    policy: RoutingPolicy,
    suppression_minutes: int | None = None,
    rollout: str | None = None,
) -> RoutedItem:
    """Create the work item for an event, or fold the event into an open item of the same patient
    and reason inside the policy's suppression window (re-alerting only when urgency rises).

    Idempotent: an event already linked to an item returns that item (replays, redeliveries).
    Locking: the facility row is locked (SELECT ... FOR UPDATE) while looking for an open item to
    fold into; without it two workers scoring two messages of one patient at once would both see
    "no open item" and create two. `rollout` (default: the policy's) is recorded on a new item for
    the dashboards.
    """
    existing = WorkItemEvent.objects.filter(event=event, item__kind=kind).select_related("item").first()
    if existing:
        return RoutedItem(existing.item, "existing")
    now = timezone.now()
    dedupe_key = item_dedupe_key(facility_id=facility.pk, kind=kind, reason=reason, patient_mrn=patient_mrn)
    with transaction.atomic():
        Facility.objects.select_for_update().filter(pk=facility.pk).first()
        window = policy.suppression_minutes if suppression_minutes is None else suppression_minutes
        window_start = now - timedelta(minutes=window)
        open_item = (
            WorkItem.objects.select_for_update()
            .filter(dedupe_key=dedupe_key, state__in=WorkItem.OPEN_STATES, updated_at__gte=window_start)
            .order_by("-updated_at")
            .first()
            if window
            else None
        )
        if open_item:
            return _fold_into(
                open_item, event=event, urgency=urgency, decision=decision, score=score, policy=policy, now=now
            )
        # with its facility (same query): the item.created frame reads its time zone
        queue = Queue.objects.select_related("facility").get(facility=facility, kind=decision.queue_kind)
        item = WorkItem.objects.create(
            queue=queue,
            kind=kind,
            event=event,
            dedupe_key=dedupe_key,
            patient_mrn=patient_mrn[:64],
            title=title[:200],
            tier=decision.tier,
            tier_rank=TIER_RANK[decision.tier],
            priority=decision.priority,
            urgency=urgency,
            human_review=decision.human_review,
            score=score,
            model_version=str((score or {}).get("model_version") or "")[:64],
            policy_version=policy.version,
            received_at=event.received_at,
            rollout=rollout or policy.rollout,
            due_at=now + timedelta(minutes=decision.sla_minutes),
            created_at=now,
            updated_at=now,
        )
        WorkItemEvent.objects.create(item=item, event=event, effect=WorkItemEvent.Effect.CREATED)
        audit_record(
            action="work_item.created",
            object_type="work_item",
            object_id=item.pk,
            actor_type="ai",
            actor="routing",
            data={
                "event": str(event.pk),
                "queue": queue.slug,
                "tier": item.tier,
                "priority": item.priority,
                "reason": decision.reason,
                "policy_version": policy.version,
                "ai": score,
            },
        )
        _push(item, "item.created")
        delivery.item_schedule_delivery(item=item)
    return RoutedItem(item, "created")


def _fold_into(
    item: WorkItem,
    *,
    event: Event,
    urgency: str,
    decision: routing.Decision,
    score: dict[str, Any] | None,
    policy: RoutingPolicy,
    now: datetime,
) -> RoutedItem:
    rises = decision.priority < item.priority
    item.event_count += 1
    item.updated_at = now
    fields = ["event_count", "updated_at"]
    if rises:
        item.priority, item.urgency = decision.priority, urgency
        if TIER_RANK[decision.tier] < item.tier_rank:
            item.tier, item.tier_rank = decision.tier, TIER_RANK[decision.tier]
        item.due_at = min(item.due_at, now + timedelta(minutes=decision.sla_minutes))
        item.alert_count += 1
        item.score = score
        item.model_version = str((score or {}).get("model_version") or "")[:64]
        item.policy_version = policy.version
        fields += ["priority", "urgency", "tier", "tier_rank", "due_at", "alert_count", "score", "policy_version"]
        fields += ["model_version"]
    item.save(update_fields=fields)
    effect = WorkItemEvent.Effect.REALERTED if rises else WorkItemEvent.Effect.UPDATED
    WorkItemEvent.objects.create(item=item, event=event, effect=effect)
    audit_record(
        action=f"work_item.{effect}",
        object_type="work_item",
        object_id=item.pk,
        actor_type="ai",
        actor="routing",
        data={
            "event": str(event.pk),
            "urgency": urgency,
            "ai": score,
            "suppression_minutes": policy.suppression_minutes,
        },
    )
    _push(item, "item.updated")
    if rises:
        delivery.item_schedule_delivery(item=item)
    return RoutedItem(item, effect)


def item_refresh_suggestion(
    *, item: WorkItem, score: dict[str, Any], title: str, event: Event, due_at: datetime | None = None
) -> WorkItem:
    """A newer event changed an open suggestion's facts (a no-show risk, an overbooking plan): keep
    its AI output and title current — audited beside the old output, and pushed live. `due_at`: its
    new deadline, when the facts moved it (a reminder call follows its rescheduled appointment).
    Locking: the item row."""
    with transaction.atomic():
        locked = _locked(item.pk)
        moved = due_at is not None and due_at != locked.due_at
        if locked.state not in WorkItem.OPEN_STATES or (locked.score == score and not moved):
            return locked
        before = locked.score
        locked.score, locked.title, locked.updated_at = score, title[:200], timezone.now()
        fields = ["score", "title", "updated_at"]
        data: dict[str, Any] = {"event": str(event.pk), "ai": score, "ai_before": before}
        if moved:
            assert due_at is not None
            data["due_at"], data["due_at_before"] = due_at.isoformat(), locked.due_at.isoformat()
            locked.due_at = due_at
            fields.append("due_at")
        locked.save(update_fields=fields)
        audit_record(
            action="work_item.refreshed",
            object_type="work_item",
            object_id=locked.pk,
            actor_type="ai",
            actor=str(score.get("model") or "routing"),
            data=data,
        )
        _push(locked, "item.updated")
    return locked


def item_raise_priority(*, item: WorkItem, priority: int, urgency: str, reason: str, actor: str) -> WorkItem:
    """Raise an open item's priority (and urgency) without a new event: an unsigned order or note
    that aged past the next multiple of its threshold (the coding app's beat task). Never lowers it;
    re-alerts (alert_count + 1, delivery re-run), audited `work_item.realerted`, pushed live.
    Locking: the item row, so a person deciding at the same moment is serialised with it."""
    with transaction.atomic():
        locked = _locked(item.pk)
        if locked.state not in WorkItem.OPEN_STATES or priority >= locked.priority:
            return locked
        before = {"priority": locked.priority, "urgency": locked.urgency}
        locked.priority, locked.urgency, locked.updated_at = priority, urgency, timezone.now()
        locked.alert_count += 1
        locked.save(update_fields=["priority", "urgency", "updated_at", "alert_count"])
        audit_record(
            action="work_item.realerted",
            object_type="work_item",
            object_id=locked.pk,
            actor_type="ai",
            actor=actor,
            data={"reason": reason, "before": before, "priority": priority, "urgency": urgency},
        )
        _push(locked, "item.updated")
        delivery.item_schedule_delivery(item=locked)
    return locked


def item_close_for_event(*, item: WorkItem, event: Event, decision: str, actor: str) -> WorkItem:
    """Close an open item because the EMR did the work (ResultAcknowledged, a message resolved, an
    appointment cancelled or over): state `resolved_in_emr`, audited, pushed as `item.resolved`.

    Locking: the item row (SELECT ... FOR UPDATE), so a nurse resolving it at the same moment is
    serialised with the EMR: whoever comes second finds it closed. Idempotent (a replay is a no-op)."""
    with transaction.atomic():
        locked = _locked(item.pk)
        if locked.state not in WorkItem.OPEN_STATES:
            return locked
        _close_in_emr(locked, event=event, decision=decision, actor=actor)
    return locked


def _close_in_emr(
    locked: WorkItem, *, event: Event, decision: str, actor: str, extra: dict[str, Any] | None = None
) -> None:
    now = timezone.now()
    locked.state, locked.resolved_at, locked.decision, locked.updated_at = (
        WorkItem.State.RESOLVED_IN_EMR,
        now,
        decision,
        now,
    )
    locked.claimed_by = None
    locked.claimed_until = None
    locked.save(update_fields=["state", "resolved_at", "decision", "updated_at", "claimed_by", "claimed_until"])
    WorkItemEvent.objects.get_or_create(event=event, item=locked, defaults={"effect": WorkItemEvent.Effect.CLOSED})
    audit_record(
        action="work_item.closed_by_emr",
        object_type="work_item",
        object_id=locked.pk,
        actor=actor,
        actor_type="source",
        data={"event": str(event.pk), "event_type": event.type, "decision": decision, "by": actor, **(extra or {})},
    )
    _push(locked, "item.resolved")


def item_resolve_message_in_emr(*, item: WorkItem, event: Event, actor: str) -> WorkItem:
    """PatientMessageResolved for a message of `item` (the caller matched it within the sources the
    resolving source acts for). An item threads every message folded into it: it closes
    (`resolved_in_emr`) once each of its messages is resolved in the EMR; until then the resolution
    is linked to the item and recorded (audit `work_item.message_resolved_in_emr`, a history line)
    and the item stays open for the rest.

    A message counts as resolved when a PatientMessageResolved linked to the item names its
    message_id and comes from a source that may act for the message's source.
    Locking: the item row (SELECT ... FOR UPDATE): two resolutions of one thread processed at once are
    serialised, so the second sees the first and closes the item. Idempotent per resolution event."""
    from ingest.models import IntegrationSource
    from ingest.selectors import sources_acted_for

    with transaction.atomic():
        locked = _locked(item.pk)
        if locked.state not in WorkItem.OPEN_STATES or WorkItemEvent.objects.filter(item=locked, event=event).exists():
            return locked
        links = list(
            WorkItemEvent.objects.filter(
                item=locked, event__type__in=(MESSAGE_RECEIVED, MESSAGE_RESOLVED)
            ).select_related("event")
        )
        messages = [link.event for link in links if link.event.type == MESSAGE_RECEIVED]
        resolutions = [link.event for link in links if link.event.type == MESSAGE_RESOLVED] + [event]
        acting: dict[int, set[int]] = {}
        for resolution in resolutions:
            if resolution.integration_source_id not in acting:
                source = IntegrationSource.objects.get(pk=resolution.integration_source_id)
                acting[resolution.integration_source_id] = set(sources_acted_for(source=source))
        resolved = [
            m
            for m in messages
            if any(
                r.data.get("message_id") == m.data.get("message_id")
                and m.integration_source_id in acting[r.integration_source_id]
                for r in resolutions
            )
        ]
        counts = {"resolved": len(resolved), "messages": len(messages), "message_id": event.data.get("message_id")}
        if len(resolved) >= len(messages):
            _close_in_emr(locked, event=event, decision="resolved_in_emr", actor=actor, extra=counts)
            return locked
        WorkItemEvent.objects.create(item=locked, event=event, effect=WorkItemEvent.Effect.UPDATED)
        audit_record(
            action="work_item.message_resolved_in_emr",
            object_type="work_item",
            object_id=locked.pk,
            actor=actor,
            actor_type="source",
            data={"event": str(event.pk), "event_type": event.type, "by": actor, **counts},
        )
        _push(locked, "item.updated")
    return locked


def item_view_record(*, user: User, items: list[WorkItem], fields: list[str], action: str = "phi.viewed") -> None:
    """Record that `user` was shown patient data of these items (who, which, when)."""
    if not items:
        return
    audit_record(
        action=action,
        object_type="work_item",
        object_id=items[0].pk if len(items) == 1 else "many",
        actor=user.username,
        actor_type="user",
        data={
            "items": [str(i.pk) for i in items],
            "patients": sorted({i.patient_mrn for i in items}),
            "fields": fields,
        },
    )


# --- by people --------------------------------------------------------------------------------
def item_claim(*, item_id: Any, user: User, minutes: int | None = None) -> WorkItem:
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
                claimed_by=user,
                claimed_until=until,
                claimed_at=now,
                state=WorkItem.State.CLAIMED,
                updated_at=now,
                acknowledged_at=now,
                first_action_at=Coalesce(F("first_action_at"), Value(now)),
            )
        )
        item.refresh_from_db()
        if not claimed:
            _require_open(item)
            _require_not_claimed_by_other(item, user, now)
            raise ItemConflict("The item could not be claimed.")  # pragma: no cover - defensive
        _audit(item, user, "claimed", {"until": until.isoformat()})
        _push(item, "item.updated")
    return item


def item_release(*, item_id: Any, user: User) -> WorkItem:
    """Give up one's claim: the item is `new` again. Locking: the item row."""
    now = timezone.now()
    with transaction.atomic():
        item = _locked(item_id, user)
        _require_open(item)
        _require_not_claimed_by_other(item, user, now)
        item.claimed_by, item.claimed_until, item.state, item.updated_at = None, None, WorkItem.State.NEW, now
        item.save(update_fields=["claimed_by", "claimed_until", "state", "updated_at"])
        _audit(item, user, "released", {})
        _push(item, "item.updated")
    return item


def item_resolve(
    *,
    item_id: Any,
    user: User,
    decision: str,
    final_urgency: str | None = None,
    disposition: str | None = None,
    reason_code: str | None = None,
    comment: str = "",
) -> WorkItem:
    """Resolve with the human decision. accept = the AI's urgency and disposition; override = the
    human's urgency and disposition with a reason code (comment required for "other"); dismiss =
    duplicate or not actionable; reject = a scheduling suggestion, with a reason.

    Locking: the item row. The hooks other apps registered (queues.hooks.on_item_resolved: triage
    turns a message's final urgency into training labels) run in the same transaction."""
    errors = _decision_errors(decision, final_urgency, disposition, reason_code, comment)
    if errors:
        raise problems.ActionInvalid("The decision is incomplete.", errors=errors)
    now = timezone.now()
    with transaction.atomic():
        item = _locked(item_id, user)
        _require_open(item)
        _require_not_claimed_by_other(item, user, now)
        ai = item.score or {}
        # A plain item (the AI was off) has no suggestion: accepting one would record the placeholder
        # urgency as a decision that agrees with an AI that never ran.
        if item.score is None and decision == "accept":
            raise problems.ActionInvalid(
                "This item was not scored: there is no AI suggestion to accept.",
                errors=[{"field": "decision", "message": "set the urgency yourself: override, reason not_scored"}],
            )
        if item.score is not None and reason_code == "not_scored":
            raise problems.ActionInvalid(
                "This item was scored by the AI.",
                errors=[{"field": "reason_code", "message": "not_scored is for items the AI did not score"}],
            )
        coding = item.kind in WorkItem.CODING_KINDS
        if decision == "override" and reason_code != "other" and coding != (reason_code in CODING_OVERRIDE_REASONS):
            allowed = (
                [*CODING_OVERRIDE_REASONS, "other"]
                if coding
                else [r for r in OVERRIDE_REASONS if r not in CODING_OVERRIDE_REASONS]
            )
            raise problems.ActionInvalid(
                "This reason is not for this kind of item.",
                errors=[{"field": "reason_code", "message": f"must be one of: {', '.join(allowed)}"}],
            )
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
        item.resolved_by, item.decision_reason = user, (reason_code or "") if decision != "accept" else ""
        item.first_action_at = item.first_action_at or now
        item.claimed_by, item.claimed_until = None, None
        item.save(
            update_fields=[
                "state",
                "resolved_at",
                "updated_at",
                "decision",
                "final_urgency",
                "resolved_by",
                "decision_reason",
                "first_action_at",
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
            # None when there was no AI output to agree with (a plain item)
            "agrees_with_ai": (decision == "accept" or final_urgency == item.urgency) if item.score else None,
        }
        _audit(item, user, "resolved", human)
        hooks.dispatch_item_resolved(
            item=item, user=user, decision=decision, final_urgency=final_urgency or "", now=now
        )
        _push(item, "item.resolved")
    return item


def item_resolve_undo(*, item_id: Any, user: User) -> WorkItem:
    """Take back one's own decision within UNDO_SECONDS: the item is open again (unclaimed, state
    new), audited as `work_item.resolve_undone` with the decision undone. Anyone else's decision,
    or one older than the window, is a conflict.

    Locking: the item row (a second undo, or a decision by someone else meanwhile, waits and then
    finds the item open). The `on_item_reopened` hooks take back what the resolve hooks wrote
    (triage withdraws the training labels of the undone decision)."""
    from audit.models import AuditRecord

    now = timezone.now()
    with transaction.atomic():
        item = _locked(item_id, user)
        if item.state != WorkItem.State.RESOLVED or not item.resolved_at:
            raise ItemConflict("Only a resolved item can be undone.")
        if (now - item.resolved_at).total_seconds() > UNDO_SECONDS:
            raise ItemConflict("Too late to undo: the decision stands.")
        last = (
            AuditRecord.objects.filter(object_type="work_item", object_id=str(item.pk), action="work_item.resolved")
            .order_by("-seq")
            .first()
        )
        if last is None or last.actor != user.username:
            raise ItemConflict("Only the person who decided may undo it.")
        undone = (last.data or {}).get("human") or {}
        resolved_at = item.resolved_at
        item.state, item.resolved_at, item.updated_at = WorkItem.State.NEW, None, now
        item.decision, item.final_urgency = "", ""
        item.resolved_by, item.decision_reason = None, ""
        item.save(
            update_fields=[
                "state",
                "resolved_at",
                "updated_at",
                "decision",
                "final_urgency",
                "resolved_by",
                "decision_reason",
            ]
        )
        _audit(item, user, "resolve_undone", {"undone": undone})
        hooks.dispatch_item_reopened(item=item, user=user, resolved_at=resolved_at, now=now)
        _push(item, "item.updated")
    return item


def _decision_errors(
    decision: str,
    final_urgency: str | None,
    disposition: str | None,
    reason_code: str | None,
    comment: str,
) -> list[dict[str, str]]:
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


def item_snooze(*, item_id: Any, user: User, until: datetime) -> WorkItem:
    """Put the item aside until a time in the next 7 days (beat wakes it). Locking: the item row."""
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
        item.snooze_count += 1
        item.first_action_at = item.first_action_at or now
        item.save(
            update_fields=[
                "state",
                "snoozed_until",
                "updated_at",
                "claimed_by",
                "claimed_until",
                "snooze_count",
                "first_action_at",
            ]
        )
        _audit(item, user, "snoozed", {"until": until.isoformat()})
        _push(item, "item.updated")
    return item


def item_reassign(*, item_id: Any, user: User, queue_slug: str) -> WorkItem:
    """Move the item to another queue the user may work (never to a role that may not see it).
    Locking: the item row. The old queue's viewers are told it left (`moved_to`)."""
    now = timezone.now()
    target = selectors.queues_for_user(user=user).filter(slug=queue_slug).first()
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
        item.reassign_count += 1
        item.first_action_at = item.first_action_at or now
        item.save(
            update_fields=[
                "queue",
                "state",
                "updated_at",
                "claimed_by",
                "claimed_until",
                "reassign_count",
                "first_action_at",
            ]
        )
        _audit(item, user, "reassigned", {"from": source.slug, "to": target.slug})
        _push(item, "item.updated")
        # the old queue's viewers drop it
        publish(group=queue_group(source.pk), frame=representations.item_moved_frame(item, from_queue=source))
    return item


def item_decide_batch(
    *, item_ids: list[Any], user: User, decision: str, reason_code: str | None = None, comment: str = ""
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
            pk__in=item_ids, queue__in=selectors.queues_for_user(user=user), kind__in=WorkItem.SCHEDULING_KINDS
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


# --- the escalation chain ---------------------------------------------------------------------
def item_escalate(*, item_id: Any, user: User, comment: str = "") -> WorkItem:
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


def _escalation_apply(
    item: WorkItem,
    *,
    step: routing.EscalationStep,
    now: datetime,
    user: User | None = None,
    comment: str = "",
) -> None:
    """Take one escalation step on a locked item, in the caller's transaction: level and time on
    the item, an interrupt to every member of the target group, the audit record, the live push.
    A person's escalation hands the item over; the system's leaves a live claim with its holder."""
    previous = item.escalation_level
    if user is not None:
        reason = comment
    else:
        reason = routing.escalation_reason(
            why=step.why,
            previous_level=previous,
            due_text=local_text(item.due_at, item.queue.facility),
            interval_minutes=settings.INTERRUPT_ESCALATE_MINUTES,
        )
    item.escalation_level, item.escalated_at, item.updated_at = step.level, now, now
    fields = ["escalation_level", "escalated_at", "updated_at"]
    if user is not None and item.first_action_at is None:
        item.first_action_at = now
        fields.append("first_action_at")
    if user is not None or not _claim_is_live(item, now):
        item.state, item.claimed_by, item.claimed_until = WorkItem.State.ESCALATED, None, None
        fields += ["state", "claimed_by", "claimed_until"]
    item.save(update_fields=fields)
    InterruptDelivery.objects.filter(item=item, escalation=False, escalated_at__isnull=True).update(escalated_at=now)
    note = reason or f"escalated by {user.username if user is not None else 'the system'}"
    sent = delivery.item_escalation_notify(item=item, level=step.level, reason=note, now=now)
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
    _push(item, "item.updated")


def item_escalate_step(*, item_id: Any, now: datetime | None = None) -> routing.EscalationStep | None:
    """The system takes the escalation step that is due now, if any (queues.routing.escalation_due:
    an SLA breach, an interrupt or an escalation nobody acknowledged). Locking: the item row, and
    the decision is re-made on it, so two overlapping sweeps never take one step twice and an
    acknowledgement that commits first wins."""
    now = now or timezone.now()
    with transaction.atomic():
        item = selectors.item_lock(item_id=item_id)
        if item is None or item.state not in WorkItem.OPEN_STATES:
            return None
        alerted_at, acknowledged_at = selectors.item_escalation_facts(item=item)
        step = routing.escalation_due(
            tier=item.tier,
            priority=item.priority,
            state=item.state,
            level=item.escalation_level,
            due_at=item.due_at,
            escalated_at=item.escalated_at,
            acknowledged_at=acknowledged_at,
            alerted_at=alerted_at,
            now=now,
            interval=timedelta(minutes=settings.INTERRUPT_ESCALATE_MINUTES),
        )
        if step is not None:
            _escalation_apply(item, step=step, now=now)
    return step


def item_escalate_undeliverable(
    *, item_id: Any, alert_no: int, now: datetime | None = None
) -> routing.EscalationStep | None:
    """An interrupt's alert reached nobody as an interrupt (item_deliver said so): take the next
    step now (queues.routing.escalation_on_undeliverable), unless an escalation nobody has
    acknowledged yet is already running. Locking: the item row; the facts are checked again on it,
    so a delivery that reached someone meanwhile, or a second run, takes no step."""
    now = now or timezone.now()
    with transaction.atomic():
        item = selectors.item_lock(item_id=item_id)
        if item is None or item.state not in WorkItem.OPEN_STATES or item.tier != WorkItem.Tier.INTERRUPT:
            return None
        if selectors.item_alert_reached(item=item, alert_no=alert_no):
            return None
        step = routing.escalation_on_undeliverable(
            priority=item.priority,
            level=item.escalation_level,
            escalated_at=item.escalated_at,
            acknowledged_at=item.acknowledged_at,
        )
        if step is not None:
            _escalation_apply(item, step=step, now=now)
    return step


def item_escalate_due(*, now: datetime | None = None) -> int:
    """Beat: take every escalation step that is due (the candidates: queues.selectors; each decided
    again on its locked row by item_escalate_step, each in its own transaction)."""
    now = now or timezone.now()
    interval = timedelta(minutes=settings.INTERRUPT_ESCALATE_MINUTES)
    steps = 0
    for item_id in selectors.items_escalation_candidates(now=now, interval=interval):
        try:
            steps += item_escalate_step(item_id=item_id, now=now) is not None
        except Exception:  # one bad item must not hold up the others; the next sweep retries it
            logger.exception("escalation step of %s failed", item_id)
    return steps


# --- beat upkeep ------------------------------------------------------------------------------
def item_wake_snoozed(*, now: datetime | None = None) -> int:
    """Snoozed items whose time has come go back to `new` (and are pushed). Each item in its own
    transaction, on its locked row."""
    now = now or timezone.now()
    woken = 0
    for item_id in selectors.items_snoozed_due(now=now):
        with transaction.atomic():
            item = _locked(item_id)
            if item.state != WorkItem.State.SNOOZED:
                continue
            item.state, item.snoozed_until, item.updated_at = WorkItem.State.NEW, None, now
            item.save(update_fields=["state", "snoozed_until", "updated_at"])
            audit_record(action="work_item.woke", object_type="work_item", object_id=item.pk)
            _push(item, "item.updated")
            woken += 1
    return woken


def item_release_expired_claims(*, now: datetime | None = None) -> int:
    """Expired leases go back to `new` so every viewer sees the item is free again. Each item in
    its own transaction, on its locked row."""
    now = now or timezone.now()
    released = 0
    for item_id in selectors.items_claim_expired(now=now):
        with transaction.atomic():
            item = _locked(item_id)
            if item.state != WorkItem.State.CLAIMED or _claim_is_live(item, now):
                continue
            holder = item.claimed_by.username if item.claimed_by_id and item.claimed_by else None
            item.state, item.claimed_by, item.claimed_until, item.updated_at = WorkItem.State.NEW, None, None, now
            item.save(update_fields=["state", "claimed_by", "claimed_until", "updated_at"])
            audit_record(
                action="work_item.claim_expired", object_type="work_item", object_id=item.pk, data={"holder": holder}
            )
            _push(item, "item.updated")
            released += 1
    return released
