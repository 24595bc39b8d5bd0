"""Writes of governance: the AI kill switch, per workflow and facility and for the whole site.

Off means no AI, not no work: with a workflow off, triage messages and lab results become plain
human items in the workflow's default queue, not scored, first in first out (triage.services,
queues.services.items.item_unscored); scheduling makes no suggestions. The switch is read per
event (queues.selectors.rollout_effective), so it takes effect for the next event in every worker;
items already open stay workable. Every flip is audited with its reason and shown to staff of the
queue as a banner (queues.selectors.ai_off_notices).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from clinflow import problems
from ingest.schemas import text_problem
from mlregistry.models import ModelVersion
from mlregistry.services import LifecycleError, model_rollback, model_state_set
from queues.models import Facility, RoutingPolicy, SiteControl
from queues.services.policies import routing_policy_ensure, routing_policy_update
from scheduling.models import SchedulingPolicy
from scheduling.services import scheduling_policy_ensure, scheduling_policy_update

WORKFLOWS = ("triage", "results", "scheduling")
ROLLOUTS = ("off", "shadow", "live")
REASON_MAX = 500


def _reason(reason: Any) -> str:
    """A required, printable reason of at most 500 characters (it is shown to staff)."""
    if not isinstance(reason, str) or not reason.strip():
        raise problems.PolicyInvalid(
            "A reason is required.", errors=[{"field": "reason", "message": "say why (it is shown to staff)"}]
        )
    text = reason.strip()
    problem = text_problem(text)
    if problem:
        raise problems.PolicyInvalid("The reason is not valid text.", errors=[{"field": "reason", "message": problem}])
    if len(text) > REASON_MAX:
        raise problems.PolicyInvalid(
            "The reason is too long.", errors=[{"field": "reason", "message": f"at most {REASON_MAX} characters"}]
        )
    return text


def rollout_set(*, workflow: str, facility: Facility, rollout: str, reason: str, actor: str) -> str:
    """Set a workflow's rollout at a facility (off is the kill switch), with a reason; returns the
    previous rollout. Versioned and audited by the policy's own update, plus `governance.rollout_set`
    with the reason. Raises problems.PolicyInvalid for an unknown workflow, rollout or a bad reason."""
    errors = []
    if workflow not in WORKFLOWS:
        errors.append({"field": "workflow", "message": f"must be one of: {', '.join(WORKFLOWS)}"})
    if rollout not in ROLLOUTS:
        errors.append({"field": "rollout", "message": "must be off, shadow or live"})
    if errors:
        raise problems.PolicyInvalid("The rollout change is invalid.", errors=errors)
    text = _reason(reason)
    with transaction.atomic():
        if workflow == "scheduling":
            scheduling = scheduling_policy_ensure(facility=facility)
            before = scheduling.rollout
            if before != rollout:
                scheduling_policy_update(policy=scheduling, changes={"rollout": rollout}, actor=actor)
            object_type, object_id = "scheduling_policy", scheduling.pk
        else:
            policy = routing_policy_ensure(workflow=workflow, facility=facility)
            before = policy.rollout
            if before != rollout:
                policy = routing_policy_update(policy=policy, changes={"rollout": rollout}, actor=actor)
            RoutingPolicy.objects.filter(pk=policy.pk).update(rollout_reason=text, rollout_changed_at=timezone.now())
            object_type, object_id = "policy", policy.pk
        audit_record(
            action="governance.rollout_set",
            object_type=object_type,
            object_id=object_id,
            actor=actor,
            actor_type="user",
            data={
                "workflow": workflow,
                "facility": facility.slug,
                "before": before,
                "after": rollout,
                "reason": text,
                "kill_switch": rollout == "off",
            },
        )
    return before


def site_switch(*, ai_off: bool, reason: str, actor: str) -> SiteControl:
    """Engage (ai_off) or release the site-wide kill switch, with a reason, audited."""
    text = _reason(reason)
    with transaction.atomic():
        control, _ = SiteControl.objects.select_for_update().get_or_create(pk=1)
        before = control.ai_off
        control.ai_off, control.reason = ai_off, text
        control.changed_by, control.changed_at = actor, timezone.now()
        control.save()
        audit_record(
            action="governance.site_switch",
            object_type="site",
            object_id=1,
            actor=actor,
            actor_type="user",
            data={"before": {"ai_off": before}, "after": {"ai_off": ai_off}, "reason": text},
        )
    return control


def policy_set(*, workflow: str, facility: Facility, changes: dict[str, Any], actor: str) -> list[str]:
    """Save the settings a governance form posted for a workflow at a facility: only the fields that
    differ, through the policy's own validated, versioned, audited update. Returns the changed field
    names (empty: nothing to save). Raises problems.PolicyInvalid naming each bad field."""
    policy: RoutingPolicy | SchedulingPolicy
    if workflow == "scheduling":
        policy = scheduling_policy_ensure(facility=facility)
    else:
        policy = routing_policy_ensure(workflow=workflow, facility=facility)
    changed = {k: v for k, v in changes.items() if getattr(policy, k) != v}
    if changed and isinstance(policy, SchedulingPolicy):
        scheduling_policy_update(policy=policy, changes=changed, actor=actor)
    elif changed and isinstance(policy, RoutingPolicy):
        routing_policy_update(policy=policy, changes=changed, actor=actor)
    return sorted(changed)


MODEL_ACTIONS = {
    "shadow": ModelVersion.State.SHADOW,
    "promote": ModelVersion.State.LIVE,
    "retire": ModelVersion.State.RETIRED,
    "candidate": ModelVersion.State.CANDIDATE,
}
PK_MAX = 2**63 - 1


def model_act(*, name: str, action: str, version_id: str, actor: str, note: str) -> ModelVersion:
    """One lifecycle action on model `name` from the governance page: rollback, or a state for the
    version with this registry id (a string from the form: anything but a valid id of this model is
    a LifecycleError naming `version`, never a database error)."""
    if action == "rollback":
        return model_rollback(name=name, actor=actor, note=note)
    if action not in MODEL_ACTIONS:
        raise LifecycleError("choose shadow, promote, retire or rollback", field="action")
    text = str(version_id or "")
    pk = int(text) if text.isascii() and text.isdigit() and len(text) <= 19 else 0
    version = ModelVersion.objects.filter(name=name, pk=pk).first() if 0 < pk <= PK_MAX else None
    if version is None:
        raise LifecycleError("no such version of this model", field="version")
    return model_state_set(version_id=version.pk, state=MODEL_ACTIONS[action], actor=actor, note=note, action=action)
