"""Writes of routing policies: created from the defaults, changed with a new version each time."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from audit.services import audit_record
from clinflow import problems
from queues import routing
from queues.models import Facility, RoutingPolicy, RoutingPolicyVersion

POLICY_FIELDS = ("rollout", "review_threshold", "tier_map", "queue_map", "sla_minutes", "suppression_minutes")


def _policy_snapshot(policy: RoutingPolicy) -> dict[str, Any]:
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
    """The policy of a workflow at a facility, created from the defaults the first time (version 1,
    audited, in one transaction; get_or_create makes two workers creating it at once agree)."""
    policy = RoutingPolicy.objects.filter(workflow=workflow, facility=facility).select_related("facility").first()
    if policy:
        return policy
    defaults = routing.DEFAULTS[workflow]
    with transaction.atomic():
        policy, created = RoutingPolicy.objects.get_or_create(
            workflow=workflow,
            facility=facility,
            defaults={k: defaults[k] for k in POLICY_FIELDS},
        )
        if created:
            RoutingPolicyVersion.objects.create(
                policy=policy, version=1, snapshot=_policy_snapshot(policy), changed_by="system"
            )
            audit_record(
                action="policy.created", object_type="policy", object_id=policy.pk, data=_policy_snapshot(policy)
            )
    return policy


def routing_policy_update(*, policy: RoutingPolicy, changes: dict[str, Any], actor: str) -> RoutingPolicy:
    """Change a policy: validate the whole result, bump the version, keep a snapshot, audit it.

    Locking: the policy row is locked so two owners editing at once get consecutive versions.
    Raises problems.PolicyInvalid naming each bad field.
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
