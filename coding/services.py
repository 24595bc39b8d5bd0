"""Writes of the coding app: the documentation policy, unsigned orders and notes (tasks for clinical
ops that escalate as they age and close when signed), and coding findings of closed encounters
(tasks for coders). Work items are made and changed only through queues.services.items."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from clinflow import problems
from coding import rules, thresholds
from coding.models import DocumentationPolicy, DocumentationPolicyVersion, UnsignedDocument
from ingest.handlers import PermanentError
from ingest.models import Event
from ingest.schemas import parse_datetime_strict, text_problem
from ingest.selectors import sources_acted_for
from queues.models import Facility, Queue, RoutingPolicy, WorkItem, WorkItemEvent
from queues.routing import Decision
from queues.services.items import item_close_for_event, item_raise_priority, item_refresh_suggestion, item_route
from queues.services.policies import routing_policy_ensure

POLICY_FIELDS = ("order_hours", "note_hours", "urgent_multiple", "overdue_multiple", "coding_sla_hours")
SIGNATURE_MODEL = "signature-rules"
CODING_MODEL = "coding-rules"
RULESET_VERSION = "1"
# A re-sent EncounterClosed of the same encounter folds into the open finding for this long.
ENCOUNTER_FOLD_MINUTES = 30 * 24 * 60
KIND_OF_RULE = {rule: f"coding_{rule}" for rule in rules.RULES}
UNSIGNED = {
    "OrderUnsigned": (UnsignedDocument.Kind.ORDER, "order_id", "order_type", "ordered_at"),
    "NoteUnsigned": (UnsignedDocument.Kind.NOTE, "note_id", "note_type", "created_at"),
}
SIGNED = {"OrderSigned": ("order", "order_id"), "NoteSigned": ("note", "note_id")}


# --- policy -----------------------------------------------------------------------------------
def policy_snapshot(policy: DocumentationPolicy) -> dict[str, Any]:
    return {k: getattr(policy, k) for k in POLICY_FIELDS} | {"version": policy.version}


def documentation_policy_ensure(*, facility: Facility) -> DocumentationPolicy:
    """The facility's policy, made from the defaults the first time (version 1, audited)."""
    policy = DocumentationPolicy.objects.filter(facility=facility).first()
    if policy is not None:
        return policy
    with transaction.atomic():
        policy, created = DocumentationPolicy.objects.get_or_create(facility=facility)
        if created:
            DocumentationPolicyVersion.objects.create(
                policy=policy, version=1, snapshot=policy_snapshot(policy), changed_by="system"
            )
            audit_record(
                action="documentation_policy.created",
                object_type="documentation_policy",
                object_id=policy.pk,
                data={"facility": facility.slug, **policy_snapshot(policy)},
            )
    return policy


def documentation_policy_update(
    *, policy: DocumentationPolicy, changes: dict[str, Any], actor: str
) -> DocumentationPolicy:
    """Change the thresholds (the whole result validated: coding.thresholds.validate_policy), bump
    the version, keep a snapshot, audit before/after. Open unsigned documents of the facility are
    re-staged by the next beat run under the new thresholds (priority never goes down).
    Locking: the policy row (two managers saving at once: the second builds on the first)."""
    errors = [
        {"field": key, "message": "is not a documentation policy field"} for key in changes if key not in POLICY_FIELDS
    ]
    for table in ("order_hours", "note_hours"):
        for key in changes.get(table) or {}:
            if isinstance(key, str) and (problem := text_problem(key)):
                errors.append({"field": table, "message": f"a type {problem[5:]}"})
    if errors:
        raise problems.PolicyInvalid("The documentation policy is invalid.", errors=errors)
    with transaction.atomic():
        locked = DocumentationPolicy.objects.select_for_update().get(pk=policy.pk)
        before = policy_snapshot(locked)
        proposed = {k: before[k] for k in POLICY_FIELDS} | changes
        errors = thresholds.validate_policy(proposed)
        if errors:
            raise problems.PolicyInvalid("The documentation policy is invalid.", errors=errors)
        changed = [k for k in POLICY_FIELDS if proposed[k] != before[k]]
        if not changed:
            return locked
        for key in changed:
            setattr(locked, key, proposed[key])
        locked.version += 1
        locked.updated_by = actor[:150]
        locked.save(update_fields=[*changed, "version", "updated_by", "updated_at"])
        after = policy_snapshot(locked)
        DocumentationPolicyVersion.objects.create(
            policy=locked, version=locked.version, snapshot=after, changed_by=actor
        )
        audit_record(
            action="documentation_policy.changed",
            object_type="documentation_policy",
            object_id=locked.pk,
            actor=actor,
            actor_type="user",
            data={"facility": locked.facility.slug, "changed": changed, "before": before, "after": after},
        )
        UnsignedDocument.objects.filter(
            facility_id=locked.facility_id, signed_at__isnull=True, started_at__isnull=False
        ).update(next_check_at=timezone.now())
    return locked


# --- helpers ------------------------------------------------------------------------------------
def _facility(slug: str) -> Facility:
    facility = Facility.objects.filter(slug=slug).first()
    if facility is None:
        raise PermanentError(f"unknown facility {slug!r}; create it, then replay the event")
    return facility


def _when(value: Any) -> datetime | None:
    return parse_datetime_strict(value) if isinstance(value, str) else None


def _mrn(data: dict[str, Any]) -> str:
    patient = data.get("patient")
    return str(patient.get("mrn") or "")[:64] if isinstance(patient, dict) else ""


def _text(value: Any, limit: int) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _routing_policy(facility: Facility) -> RoutingPolicy:
    # item_route records a routing policy's version on the item: the facility's triage policy, as
    # scheduling does; the rules' own policy version is in the item's score.
    return routing_policy_ensure(workflow=RoutingPolicy.Workflow.TRIAGE, facility=facility)


# --- unsigned orders and notes ------------------------------------------------------------------
def unsigned_received(*, event: Event) -> dict[str, Any]:
    """OrderUnsigned / NoteUnsigned: track the document (one row per source, kind and id: a repeat
    report is the same row, its clock not restarted) and, if it is already past its threshold, make
    the clinical-ops task at once; else the beat task makes it when it gets there.
    Locking: the document row, so a signature processed at the same moment is serialised with it."""
    kind, id_field, type_field, at_field = UNSIGNED[event.type]
    data = event.data
    facility = _facility(data["facility"])
    started = _when(data.get(at_field))
    if started is None:  # pragma: no cover - validate_envelope refuses such an event
        raise PermanentError(f"{at_field} is not a timestamp")
    with transaction.atomic():
        doc, created = UnsignedDocument.objects.select_for_update().get_or_create(
            integration_source=event.integration_source,
            kind=kind,
            doc_id=str(data[id_field]),
            defaults={"facility": facility},
        )
        outcome = "tracked" if created else "repeat"
        if created or doc.unsigned_event_id is None:  # new, or signed before this report arrived
            doc.facility = facility
            doc.patient_mrn = _mrn(data)
            doc.doc_type = _text(data.get(type_field), 255)
            doc.author_id = _text(data.get("author_id"), 255)
            doc.encounter_id = _text(data.get("encounter_id"), 255)
            doc.started_at = started
            doc.unsigned_event = event
            doc.save(
                update_fields=[
                    "facility",
                    "patient_mrn",
                    "doc_type",
                    "author_id",
                    "encounter_id",
                    "started_at",
                    "unsigned_event",
                ]
            )
            if doc.signed_at is not None:
                outcome = "already_signed"
        if doc.signed_at is not None:
            return {"unsigned": outcome, "work_item": None}
        item = _advance(doc, now=timezone.now())
    return {"unsigned": outcome, "level": doc.level, "work_item": str(item.pk) if item else None}


def _title(doc: UnsignedDocument, threshold_h: float) -> str:
    what = f"{doc.doc_type} {doc.kind}" if doc.doc_type else doc.kind
    by = f" by {doc.author_id}" if doc.author_id else ""
    return f"Unsigned {what}{by} (sign within {threshold_h:g} h)"[:200]


def _advance(doc: UnsignedDocument, *, now: datetime) -> WorkItem | None:
    """Stage a locked, unsigned document at `now`: make its task at 1x the threshold, raise it at the
    urgent multiple, and set when to look again. Returns its item (None below the threshold)."""
    assert doc.started_at is not None and doc.unsigned_event is not None and doc.facility is not None
    policy = documentation_policy_ensure(facility=doc.facility)
    table = policy.order_hours if doc.kind == UnsignedDocument.Kind.ORDER else policy.note_hours
    threshold_h = thresholds.threshold_hours(table, doc.doc_type)
    where = thresholds.stage(
        started_at=doc.started_at,
        now=now,
        threshold_h=threshold_h,
        urgent_multiple=policy.urgent_multiple,
        overdue_multiple=policy.overdue_multiple,
    )
    doc.next_check_at = where.next_at
    item = doc.item
    if where.level > 0:
        priority, urgency = thresholds.LEVELS[where.level]
        age_h = (now - doc.started_at).total_seconds() / 3600
        why = f"{doc.kind} unsigned {age_h:.0f} h; threshold {threshold_h:g} h (policy v{policy.version})"
        if item is None:
            item = _unsigned_item(
                doc, policy=policy, threshold_h=threshold_h, priority=priority, urgency=urgency, why=why
            )
            doc.item = item
        elif where.level > doc.level:
            item_raise_priority(
                item=item,
                priority=priority,
                urgency=urgency,
                reason=f"{why}: {policy.urgent_multiple:g}x the threshold",
                actor=SIGNATURE_MODEL,
            )
        doc.level = max(doc.level, where.level)
    doc.save(update_fields=["next_check_at", "item", "level"])
    return item


def _unsigned_item(
    doc: UnsignedDocument, *, policy: DocumentationPolicy, threshold_h: float, priority: int, urgency: str, why: str
) -> WorkItem:
    now = timezone.now()
    assert doc.started_at is not None and doc.unsigned_event is not None and doc.facility is not None
    where = thresholds.stage(
        started_at=doc.started_at,
        now=now,
        threshold_h=threshold_h,
        urgent_multiple=policy.urgent_multiple,
        overdue_multiple=policy.overdue_multiple,
    )
    author = doc.author_id or "the author"
    score = {
        "model": SIGNATURE_MODEL,
        "ruleset_version": f"policy v{policy.version}",
        "urgency": urgency,
        "tier": "task",
        "disposition": f"Ask {author} to sign the {doc.doc_type or doc.kind} {doc.kind} in the EMR",
        "rationale": [{"kind": "rule", "rule": _short(f"{why} → ask {author} to sign"), "urgency": urgency}],
        "threshold_hours": threshold_h,
        "started_at": doc.started_at.isoformat(),
        "overdue_at": where.overdue_at.isoformat(),
        "urgent_multiple": policy.urgent_multiple,
        "overdue_multiple": policy.overdue_multiple,
        "policy_version": policy.version,
    }
    kind = WorkItem.Kind.UNSIGNED_ORDER if doc.kind == UnsignedDocument.Kind.ORDER else WorkItem.Kind.UNSIGNED_NOTE
    routed = item_route(
        event=doc.unsigned_event,
        facility=doc.facility,
        kind=kind,
        reason=f"{kind}:{doc.integration_source_id}:{doc.doc_id}",
        patient_mrn=doc.patient_mrn,
        title=_title(doc, threshold_h),
        urgency=urgency,
        decision=Decision(
            "task",
            Queue.Kind.CLINICAL_OPS,
            priority,
            thresholds.sla_minutes(overdue_at=where.overdue_at, now=now),
            False,
            why,
        ),
        score=score,
        policy=_routing_policy(doc.facility),
        suppression_minutes=0,  # one item per document: the document row is the de-duplication
        rollout="live",
    )
    return routed.item


def unsigned_advance(*, doc_id: int, now: datetime | None = None) -> str:
    """The beat's step for one document: re-stage it if its next level is due. Idempotent: a second
    run finds `next_check_at` moved on. Locking: the document row (a signature at the same moment
    is serialised with it: whoever is second sees the first's result)."""
    now = now or timezone.now()
    with transaction.atomic():
        doc = (
            UnsignedDocument.objects.select_for_update(of=("self",))
            .select_related("facility", "unsigned_event", "item")
            .filter(pk=doc_id)
            .first()
        )
        if doc is None or doc.signed_at is not None or doc.started_at is None or doc.unsigned_event is None:
            return "gone"
        if doc.next_check_at is None or doc.next_check_at > now:
            return "not_due"
        _advance(doc, now=now)
    return f"level {doc.level}"


def unsigned_signed(*, event: Event) -> dict[str, Any]:
    """OrderSigned / NoteSigned: mark the document signed and close its clinical-ops task
    (`resolved_in_emr`). Only documents reported by the signing source, or by a source it may act
    for (`ingest.selectors.sources_acted_for`), are matched; with none, the signature is kept under
    the signing source (with its facility, if the event names one), so a report of the same
    document arriving after it makes no task.
    Locking: the document rows, then each item row (queues.services.items.item_close_for_event)."""
    kind, id_field = SIGNED[event.type]
    data = event.data
    doc_id = str(data[id_field])
    # contract v1.1/v1.5: `at` (required); `facility`, `patient`, `signed_by` are optional
    signed_at = _when(data.get("at")) or _when(data.get("signed_at")) or timezone.now()
    signed_by = _text(data.get("signed_by"), 150)
    sources = sources_acted_for(source=event.integration_source)
    closed: list[str] = []
    with transaction.atomic():
        docs = list(
            UnsignedDocument.objects.select_for_update(of=("self",))
            .select_related("item")
            .filter(kind=kind, doc_id=doc_id, integration_source_id__in=sources)
            .order_by("pk")
        )
        if not docs:  # signed before (or without) its report: keep the signature under this source
            facility = _facility(data["facility"]) if data.get("facility") else None
            doc, _ = UnsignedDocument.objects.get_or_create(
                integration_source=event.integration_source,
                kind=kind,
                doc_id=doc_id,
                defaults={"facility": facility, "patient_mrn": _mrn(data)},
            )
            docs = [doc]
        for doc in docs:
            if doc.signed_at is None:
                doc.signed_at, doc.signed_by, doc.signed_event, doc.next_check_at = signed_at, signed_by, event, None
                doc.save(update_fields=["signed_at", "signed_by", "signed_event", "next_check_at"])
            if doc.item is not None and doc.item.state in WorkItem.OPEN_STATES:
                item_close_for_event(
                    item=doc.item, event=event, decision="signed_in_emr", actor=event.integration_source.name
                )
                closed.append(str(doc.item.pk))
    return {"signed": [d.doc_id for d in docs], "closed_items": closed}


# --- coding findings ------------------------------------------------------------------------------
def finding_score(finding: rules.Finding, *, encounter_id: str, urgency: str) -> dict[str, Any]:
    return {
        "model": CODING_MODEL,
        "ruleset_version": RULESET_VERSION,
        "urgency": urgency,
        "tier": "task",
        "disposition": finding.fix,
        # the row's "Rule:" line (queues.representations.row_details): what was found and the fix
        "rationale": [{"kind": "rule", "rule": _short(f"{finding.evidence} → {finding.fix}"), "urgency": urgency}],
        "finding": finding.as_dict(),
        "encounter_id": encounter_id,
    }


def encounter_checked(*, event: Event) -> dict[str, Any]:
    """EncounterClosed: run the coding rules (coding.rules, pure) and put each finding in the
    facility's coder queue — one item per rule and encounter: a re-sent encounter folds into the open
    finding (its evidence refreshed), and a finding the re-sent encounter no longer has closes
    (`corrected_in_emr`) — but only items of this source or of one it may act for.
    Idempotent per event (item_route links the event once per item kind)."""
    data = event.data
    facility = _facility(data["facility"])
    policy = documentation_policy_ensure(facility=facility)
    encounter_id = str(data["encounter_id"])
    findings = rules.check_encounter(data)
    made: dict[str, str] = {}
    for finding in findings:
        kind = KIND_OF_RULE[finding.rule]
        priority, urgency = (3, "routine") if finding.claim_blocking else (4, "non_clinical")
        score = finding_score(finding, encounter_id=encounter_id, urgency=urgency)
        title = f"{finding.title}: {', '.join(finding.codes) or encounter_id}"
        routed = item_route(
            event=event,
            facility=facility,
            kind=kind,
            reason=f"{finding.rule}:{event.integration_source_id}:{encounter_id}",
            patient_mrn=_mrn(data),
            title=title,
            urgency=urgency,
            decision=Decision("task", Queue.Kind.CODING, priority, policy.coding_sla_hours * 60, False, finding.title),
            score=score,
            policy=_routing_policy(facility),
            suppression_minutes=ENCOUNTER_FOLD_MINUTES,
            rollout="live",
        )
        item = routed.item
        if routed.effect in ("updated", "existing") and item.score != score and item.state in WorkItem.OPEN_STATES:
            item = item_refresh_suggestion(item=item, score=score, title=title, event=event)
        made[finding.rule] = str(item.pk)
    corrected = []
    stale = (
        WorkItemEvent.objects.filter(
            event__type="EncounterClosed",
            event__data__encounter_id=encounter_id,
            event__integration_source_id__in=sources_acted_for(source=event.integration_source),
            item__kind__in=WorkItem.CODING_KINDS,
            item__state__in=WorkItem.OPEN_STATES,
            item__queue__facility=facility,
        )
        .exclude(item__kind__in=[KIND_OF_RULE[f.rule] for f in findings])
        .select_related("item")
        .order_by("pk")
    )
    for item in {link.item_id: link.item for link in stale}.values():
        item_close_for_event(item=item, event=event, decision="corrected_in_emr", actor=event.integration_source.name)
        corrected.append(str(item.pk))
    return {"coding_findings": made, "corrected_items": corrected}
