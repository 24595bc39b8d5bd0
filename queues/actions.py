"""Human actions on work items: claim, release, resolve (accept / override / dismiss), escalate,
snooze, reassign. Each is one service call, audited with the AI output and the human decision side
by side, and pushed live after commit.

Locking: every action takes the item row with SELECT ... FOR UPDATE (or a conditional UPDATE for the
claim) so two nurses acting at once are serialised and the second sees the first's result.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from audit.services import audit_record
from clinflow import problems
from queues.models import Queue, WorkItem
from queues.publish import publish_item
from queues.routing import URGENCIES
from queues.selectors import queues_for_user

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


def _locked(item_id: Any) -> WorkItem:
    # of=("self",): claimed_by is a nullable join, and PostgreSQL cannot lock its outer side.
    item = (WorkItem.objects.select_for_update(of=("self",)).select_related("queue", "claimed_by")
            .filter(pk=item_id).first())
    if item is None:
        raise problems.NotFound("No such item.")
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
    audit_record(action=f"work_item.{action}", object_type="work_item", object_id=item.pk, actor=user.username,
                 actor_type="user", data={"ai": item.score, "human": human, "queue": item.queue.slug,
                                          "state": item.state})


def item_claim(*, item_id: Any, user, minutes: int | None = None) -> WorkItem:
    """Lease the item to `user` for N minutes (renewing their own lease is allowed).

    The conditional UPDATE is the lock: of two nurses claiming at the same moment exactly one
    UPDATE matches (unclaimed, expired, or already theirs); the other gets a 409 naming the holder.
    """
    now = timezone.now()
    until = now + timedelta(minutes=minutes or settings.CLAIM_MINUTES)
    with transaction.atomic():
        claimed = (
            WorkItem.objects.filter(pk=item_id, state__in=WorkItem.OPEN_STATES)
            .filter(Q(claimed_by__isnull=True) | Q(claimed_until__lte=now) | Q(claimed_by=user))
            .update(claimed_by=user, claimed_until=until, state=WorkItem.State.CLAIMED, updated_at=now)
        )
        item = _locked(item_id)
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
        item = _locked(item_id)
        _require_open(item)
        _require_not_claimed_by_other(item, user, now)
        item.claimed_by, item.claimed_until, item.state, item.updated_at = None, None, WorkItem.State.NEW, now
        item.save(update_fields=["claimed_by", "claimed_until", "state", "updated_at"])
        _audit(item, user, "released", {})
        publish_item(item, "item.updated")
    return item


def item_resolve(*, item_id: Any, user, decision: str, final_urgency: str | None = None,
                 disposition: str | None = None, reason_code: str | None = None, comment: str = "") -> WorkItem:
    """Resolve with the human decision. accept = the AI's urgency and disposition; override = the
    human's urgency and disposition with a reason code (comment required for "other"); dismiss =
    duplicate or not actionable. A message's final urgency becomes a training label."""
    errors = _decision_errors(decision, final_urgency, disposition, reason_code, comment)
    if errors:
        raise problems.ValidationProblem("The decision is incomplete.", errors=errors)
    now = timezone.now()
    with transaction.atomic():
        item = _locked(item_id)
        _require_open(item)
        _require_not_claimed_by_other(item, user, now)
        ai = item.score or {}
        if decision == "reject" and item.kind not in WorkItem.SCHEDULING_KINDS:
            raise problems.ValidationProblem("Only scheduling suggestions are rejected; override or dismiss.",
                                             errors=[{"field": "decision", "message": "reject is for suggestions"}])
        if decision == "accept":
            final_urgency, disposition = item.urgency, ai.get("disposition", "")
        elif decision in ("dismiss", "reject"):
            final_urgency = final_urgency or ""
        item.state, item.resolved_at, item.updated_at = WorkItem.State.RESOLVED, now, now
        item.decision, item.final_urgency = decision, final_urgency or ""
        item.claimed_by, item.claimed_until = None, None
        item.save(update_fields=["state", "resolved_at", "updated_at", "decision", "final_urgency",
                                 "claimed_by", "claimed_until"])
        human = {"decision": decision, "final_urgency": final_urgency or None, "disposition": disposition,
                 "reason_code": reason_code, "comment": comment,
                 "agrees_with_ai": decision == "accept" or (final_urgency == item.urgency)}
        _audit(item, user, "resolved", human)
        if item.kind == WorkItem.Kind.MESSAGE and final_urgency and decision in ("accept", "override"):
            _record_label(item, user, final_urgency, now)
        publish_item(item, "item.resolved")
    return item


def _record_label(item: WorkItem, user, final_urgency: str, now: datetime) -> None:
    from triage.models import TriageLabel

    message_id = (item.event.data or {}).get("message_id") or str(item.event_id)
    TriageLabel.objects.update_or_create(
        message_id=message_id, origin=TriageLabel.Origin.CLINFLOW,
        defaults={"final_urgency": final_urgency, "labelled_by": user.username, "labelled_at": now,
                  "message_event": item.event},
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


def item_escalate(*, item_id: Any, user, comment: str = "", actor_type: str = "user") -> WorkItem:
    """Hand the item to the queue's owner group; they get an interrupt."""
    now = timezone.now()
    with transaction.atomic():
        item = _locked(item_id)
        _require_open(item)
        if user is not None:
            _require_not_claimed_by_other(item, user, now)
        item.state, item.updated_at = WorkItem.State.ESCALATED, now
        item.claimed_by, item.claimed_until = None, None
        item.save(update_fields=["state", "updated_at", "claimed_by", "claimed_until"])
        who = user.username if user is not None else "system"
        audit_record(action="work_item.escalated", object_type="work_item", object_id=item.pk, actor=who,
                     actor_type=actor_type, data={"ai": item.score, "human": {"comment": comment},
                                                  "to_group": item.queue.owner_group.name})
        publish_item(item, "item.updated")
        from queues.delivery import notify_owner_group

        notify_owner_group(item, reason=comment or "escalated")
    return item


def item_snooze(*, item_id: Any, user, until: datetime) -> WorkItem:
    now = timezone.now()
    if until <= now or until > now + timedelta(days=7):
        raise problems.ValidationProblem("Snooze until a time in the next 7 days.",
                                         errors=[{"field": "until", "message": "must be in the next 7 days"}])
    with transaction.atomic():
        item = _locked(item_id)
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
        raise problems.ValidationProblem("Unknown queue.", errors=[{"field": "queue",
                                                                    "message": "is not a queue you may work"}])
    with transaction.atomic():
        item = _locked(item_id)
        _require_open(item)
        _require_not_claimed_by_other(item, user, now)
        if target.pk == item.queue_id:
            raise problems.ValidationProblem("The item is already in that queue.",
                                             errors=[{"field": "queue", "message": "is the item's queue"}])
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
            "pk", flat=True)[:1000]:
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
            "pk", flat=True)[:1000]:
        with transaction.atomic():
            item = _locked(item_id)
            if item.state != WorkItem.State.CLAIMED or _claim_is_live(item, now):
                continue
            holder = item.claimed_by.username if item.claimed_by_id else None
            item.state, item.claimed_by, item.claimed_until, item.updated_at = WorkItem.State.NEW, None, None, now
            item.save(update_fields=["state", "claimed_by", "claimed_until", "updated_at"])
            audit_record(action="work_item.claim_expired", object_type="work_item", object_id=item.pk,
                         data={"holder": holder})
            publish_item(item, "item.updated")
            released += 1
    return released


def items_decide_batch(*, item_ids: list[Any], user, decision: str, reason_code: str | None = None,
                       comment: str = "") -> dict[str, Any]:
    """Accept or reject many scheduling suggestions in one action; each one is decided (and audited)
    on its own, so one that changed meanwhile is reported without undoing the others."""
    if decision not in ("accept", "reject"):
        raise problems.ValidationProblem("Batch decisions are accept or reject.",
                                         errors=[{"field": "decision", "message": "must be accept or reject"}])
    errors = _decision_errors(decision, None, None, reason_code, comment)
    if errors:
        raise problems.ValidationProblem("The decision is incomplete.", errors=errors)
    visible = set(WorkItem.objects.filter(pk__in=item_ids, queue__in=queues_for_user(user=user),
                                          kind__in=WorkItem.SCHEDULING_KINDS).values_list("pk", flat=True))
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
