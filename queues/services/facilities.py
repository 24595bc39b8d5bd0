"""Writes of facilities and their queues, and who may work each queue."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from guardian.shortcuts import assign_perm

from audit.services import audit_record
from queues.models import Facility, Queue

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
    facility-wide on-call role, the last step of the escalation chain (left as it is when not given).
    One transaction; audited when the facility is new."""
    defaults = {"name": name, **({"oncall_group": oncall_group} if oncall_group else {})}
    with transaction.atomic():
        facility, created = Facility.objects.update_or_create(slug=slug, defaults=defaults)
        queues: dict[str, Queue] = {}
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
    """Let every member of `group` see and work `queue` (guardian object permission), audited."""
    with transaction.atomic():
        assign_perm("queues.work_queue", group, queue)
        audit_record(
            action="queue.access_granted",
            object_type="queue",
            object_id=queue.pk,
            actor=actor,
            data={"group": group.name, "queue": queue.slug},
        )
