"""Writes of facilities and their queues, and who may work each queue."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from guardian.shortcuts import assign_perm

from audit.services import audit_record
from queues.models import Facility, Queue, Workflow

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
    Each of its workflows (triage, results, scheduling, documentation) exists too, and when the
    workflow is new `owner_group` manages it (workflow_grant). One transaction; audited when
    the facility is new."""
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
        for workflow_name in Workflow.Name.values:
            workflow, new = Workflow.objects.get_or_create(facility=facility, name=workflow_name)
            if new:  # the queues' owner manages a new workflow; later grants are the site's to make
                workflow_grant(workflow=workflow, group=owner_group)
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


def workflow_grant(*, workflow: Workflow, group: Group, actor: str = "system") -> None:
    """Let every member of `group` manage `workflow`: see its dashboards, its shadow review
    (guardian object permission `queues.manage_workflow`), audited."""
    with transaction.atomic():
        assign_perm("queues.manage_workflow", group, workflow)
        audit_record(
            action="workflow.manager_granted",
            object_type="workflow",
            object_id=workflow.pk,
            actor=actor,
            data={"group": group.name, "workflow": workflow.name, "facility": workflow.facility.slug},
        )


def workflow_revoke(*, workflow: Workflow, group: Group, actor: str = "system") -> None:
    """Take the manager permission on `workflow` away from `group`, audited."""
    from guardian.shortcuts import remove_perm

    with transaction.atomic():
        remove_perm("queues.manage_workflow", group, workflow)
        audit_record(
            action="workflow.manager_revoked",
            object_type="workflow",
            object_id=workflow.pk,
            actor=actor,
            data={"group": group.name, "workflow": workflow.name, "facility": workflow.facility.slug},
        )
