"""Writes of the queues app: facilities, queues and who may work them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm

from audit.services import audit_record
from clinflow import problems
from queues import routing
from queues.delivery import schedule_delivery
from queues.models import Facility, Queue, RoutingPolicy, RoutingPolicyVersion, WorkItem, WorkItemEvent
from queues.publish import publish_item
from queues.selectors import item_lock
from vocabulary import TIER_RANK

# Which queues every facility has: kind -> (role, name suffix).
FACILITY_QUEUES = {
    Queue.Kind.TRIAGE: (Queue.Role.NURSE, "nurse triage"),
    Queue.Kind.REVIEW: (Queue.Role.NURSE, "nurse review (low-confidence AI)"),
    Queue.Kind.RESULTS: (Queue.Role.NURSE, "results"),
    Queue.Kind.SCHEDULING: (Queue.Role.SCHEDULER, "scheduling"),
    Queue.Kind.CODING: (Queue.Role.CODER, "coding"),
    Queue.Kind.CLINICAL_OPS: (Queue.Role.CLINICAL_OPS, "clinical ops"),
}
QUEUE_SLUG_SUFFIX = {
    Queue.Kind.TRIAGE: "nurse-triage",
    Queue.Kind.REVIEW: "nurse-review",
    Queue.Kind.RESULTS: "results",
    Queue.Kind.SCHEDULING: "scheduling",
    Queue.Kind.CODING: "coding",
    Queue.Kind.CLINICAL_OPS: "clinical-ops",
}


def facility_setup(
    *, slug: str, name: str, owner_group: Group, oncall_group: Group | None = None
) -> tuple[Facility, dict[str, Queue]]:
    """Create (or update) a facility and its standard queues. Idempotent. `oncall_group` is the
    facility-wide on-call role, the last step of the escalation chain (left as it is when not given)."""
    defaults = {"name": name, **({"oncall_group": oncall_group} if oncall_group else {})}
    with transaction.atomic():
        facility, created = Facility.objects.update_or_create(slug=slug, defaults=defaults)
        queues = {}
        for kind, (role, label) in FACILITY_QUEUES.items():
            queue, _ = Queue.objects.update_or_create(
                facility=facility,
                kind=kind,
                defaults={
                    "slug": f"{slug}-{QUEUE_SLUG_SUFFIX[kind]}",
                    "name": f"{name} {label}",
                    "role": role,
                    "owner_group": owner_group,
                },
            )
            queues[kind] = queue
        if created:
            audit_record(
                action="facility.created",
                object_type="facility",
                object_id=facility.pk,
                data={
                    "slug": slug,
                    "queues": [q.slug for q in queues.values()],
                    "oncall_group": oncall_group.name if oncall_group else None,
                },
            )
    return facility, queues


def queue_grant(*, queue: Queue, group: Group, actor: str = "system") -> None:
    """Let every member of `group` see and work `queue`."""
    with transaction.atomic():
        assign_perm("queues.work_queue", group, queue)
        audit_record(
            action="queue.access_granted",
            object_type="queue",
            object_id=queue.pk,
            actor=actor,
            data={"group": group.name, "queue": queue.slug},
        )


# --- routing policy ---------------------------------------------------------------------------
def _policy_snapshot(policy: RoutingPolicy) -> dict:
    return {
        "workflow": policy.workflow,
        "facility": policy.facility.slug,
        "rollout": policy.rollout,
        "review_threshold": policy.review_threshold,
        "tier_map": policy.tier_map,
        "queue_map": policy.queue_map,
        "sla_minutes": policy.sla_minutes,
        "suppression_minutes": policy.suppression_minutes,
        "version": policy.version,
    }


def routing_policy_ensure(*, workflow: str, facility: Facility) -> RoutingPolicy:
    """The policy of a workflow at a facility, created from the defaults the first time."""
    policy = RoutingPolicy.objects.filter(workflow=workflow, facility=facility).select_related("facility").first()
    if policy:
        return policy
    defaults = routing.DEFAULTS[workflow]
    with transaction.atomic():
        policy, created = RoutingPolicy.objects.get_or_create(
            workflow=workflow,
            facility=facility,
            defaults={
                k: defaults[k]
                for k in ("rollout", "review_threshold", "tier_map", "queue_map", "sla_minutes", "suppression_minutes")
            },
        )
        if created:
            RoutingPolicyVersion.objects.create(
                policy=policy, version=1, snapshot=_policy_snapshot(policy), changed_by="system"
            )
            audit_record(
                action="policy.created", object_type="policy", object_id=policy.pk, data=_policy_snapshot(policy)
            )
    return policy


POLICY_FIELDS = ("rollout", "review_threshold", "tier_map", "queue_map", "sla_minutes", "suppression_minutes")


def routing_policy_update(*, policy: RoutingPolicy, changes: dict, actor: str) -> RoutingPolicy:
    """Change a policy: validate the whole result, bump the version, keep a snapshot, audit it.

    Locking: the policy row is locked so two owners editing at once get consecutive versions.
    Raises problems.ValidationProblem naming each bad field.
    """
    unknown = [k for k in changes if k not in POLICY_FIELDS]
    if unknown:
        raise problems.PolicyInvalid(
            "Unknown policy fields.", errors=[{"field": k, "message": "is not a policy field"} for k in unknown]
        )
    with transaction.atomic():
        locked = RoutingPolicy.objects.select_for_update(of=("self",)).select_related("facility").get(pk=policy.pk)
        before = _policy_snapshot(locked)
        proposed = {k: changes.get(k, getattr(locked, k)) for k in POLICY_FIELDS}
        errors = routing.validate_policy(locked.workflow, proposed)
        if errors:
            raise problems.PolicyInvalid("The policy is invalid.", errors=errors)
        for key, value in proposed.items():
            setattr(locked, key, value)
        locked.version += 1
        locked.updated_by = actor
        locked.save(update_fields=[*POLICY_FIELDS, "version", "updated_by", "updated_at"])
        after = _policy_snapshot(locked)
        RoutingPolicyVersion.objects.create(policy=locked, version=locked.version, snapshot=after, changed_by=actor)
        audit_record(
            action="policy.changed",
            object_type="policy",
            object_id=locked.pk,
            actor=actor,
            actor_type="user",
            data={"before": before, "after": after},
        )
    return locked


# --- work items -------------------------------------------------------------------------------
@dataclass
class RoutedItem:
    item: WorkItem | None
    effect: str  # created | updated | realerted | existing | none


def _item_lock(item: WorkItem) -> WorkItem:
    locked = item_lock(item_id=item.pk)
    if locked is None:  # pragma: no cover - items are never deleted (PROTECT)
        raise WorkItem.DoesNotExist(item.pk)
    return locked


def item_dedupe_key(*, facility_id: int, kind: str, reason: str, patient_mrn: str) -> str:
    """patient + reason, readable when it fits its column (255), else a sha256 of it: a reason
    built from a long appointment or request id must never overflow the column."""
    key = f"{facility_id}:{kind}:{reason}:{patient_mrn}"
    if len(key) <= 255:
        return key
    return "sha256:" + hashlib.sha256(key.encode("utf-8", "backslashreplace")).hexdigest()


def work_item_route(
    *,
    event,
    facility: Facility,
    kind: str,
    reason: str,
    patient_mrn: str,
    title: str,
    urgency: str,
    decision: routing.Decision,
    score: dict | None,
    policy: RoutingPolicy,
    suppression_minutes: int | None = None,
) -> RoutedItem:
    """Create the work item for an event, or fold the event into an open item of the same patient
    and reason inside the policy's suppression window (re-alerting only when urgency rises).

    Idempotent: an event already linked to an item returns that item (replays, redeliveries).
    Locking: the facility row is locked (SELECT ... FOR UPDATE) while looking for an open item to
    fold into; without it two workers scoring two messages of one patient at once would both see
    "no open item" and create two.
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
        queue = Queue.objects.get(facility=facility, kind=decision.queue_kind)
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
            policy_version=policy.version,
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
        publish_item(item, "item.created")
        schedule_delivery(item)
    return RoutedItem(item, "created")


def _fold_into(item: WorkItem, *, event, urgency, decision, score, policy, now) -> RoutedItem:
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
        item.policy_version = policy.version
        fields += ["priority", "urgency", "tier", "tier_rank", "due_at", "alert_count", "score", "policy_version"]
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
    publish_item(item, "item.updated")
    if rises:
        schedule_delivery(item)
    return RoutedItem(item, effect)


def work_item_suggestion_refresh(*, item: WorkItem, score: dict, title: str, event) -> WorkItem:
    """A newer event changed an open suggestion's facts (a no-show risk, an overbooking plan): keep
    its AI output and title current — audited beside the old output, and pushed live."""
    with transaction.atomic():
        locked = _item_lock(item)
        if locked.state not in WorkItem.OPEN_STATES or locked.score == score:
            return locked
        before = locked.score
        locked.score, locked.title, locked.updated_at = score, title[:200], timezone.now()
        locked.save(update_fields=["score", "title", "updated_at"])
        audit_record(
            action="work_item.refreshed",
            object_type="work_item",
            object_id=locked.pk,
            actor_type="ai",
            actor=str(score.get("model") or "routing"),
            data={"event": str(event.pk), "ai": score, "ai_before": before},
        )
        publish_item(locked, "item.updated")
    return locked


def work_item_close_for_event(*, item: WorkItem, event, decision: str, actor: str) -> WorkItem:
    """Close an open item because the EMR did the work (ResultAcknowledged, a message resolved, an
    appointment cancelled or over): state `resolved_in_emr`, audited, pushed as `item.resolved`.

    Locking: the item row (SELECT ... FOR UPDATE), so a nurse resolving it at the same moment is
    serialised with the EMR: whoever comes second finds it closed. Idempotent (a replay is a no-op)."""
    with transaction.atomic():
        locked = _item_lock(item)
        if locked.state not in WorkItem.OPEN_STATES:
            return locked
        _close_in_emr(locked, event=event, decision=decision, actor=actor)
    return locked


def _close_in_emr(locked: WorkItem, *, event, decision: str, actor: str, extra: dict | None = None) -> None:
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
    publish_item(locked, "item.resolved")


MESSAGE_RECEIVED, MESSAGE_RESOLVED = "PatientMessageReceived", "PatientMessageResolved"


def work_item_message_resolved_in_emr(*, item: WorkItem, event, actor: str) -> WorkItem:
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
        locked = _item_lock(item)
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
        publish_item(locked, "item.updated")
    return locked


def item_view_record(*, user, items: list[WorkItem], fields: list[str], action: str = "phi.viewed") -> None:
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
