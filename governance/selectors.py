"""Reads of governance: what each workflow owner may govern, the policies' current values and their
version history with the diff of each change, the model versions of the models they own."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from audit.models import AuditRecord
from mlregistry.models import ModelVersion
from queues.models import Facility, RoutingPolicy, SiteControl, Workflow
from queues.selectors import site_control, workflows_managed
from queues.services.policies import routing_policy_ensure
from scheduling.models import SchedulingPolicy
from scheduling.services import MODEL_NAME as NOSHOW_MODEL
from scheduling.services import scheduling_policy_ensure
from triage.services import MODEL_NAME as TRIAGE_MODEL

GOVERNED = ("triage", "results", "scheduling")  # documentation has no AI yet
WORKFLOW_MODEL = {"triage": TRIAGE_MODEL, "scheduling": NOSHOW_MODEL}
HISTORY = 10


@dataclass
class Change:
    version: int | None
    at: str
    actor: str
    diff: list[tuple[str, Any, Any]]  # (field, before, after)
    reason: str = ""


@dataclass
class Governed:
    workflow: str
    facility: Facility
    policy: RoutingPolicy | SchedulingPolicy
    history: list[Change] = field(default_factory=list)


def may_switch_site(user: Any) -> bool:
    """The site-wide kill switch: a superuser, or whoever holds `queues.change_sitecontrol`."""
    return bool(user and user.is_authenticated and (user.is_superuser or user.has_perm("queues.change_sitecontrol")))


def governs(*, user: Any, workflow: str, facility: Facility) -> bool:
    return workflows_managed(user=user).filter(name=workflow, facility=facility).exists()


def owns_model(*, user: Any, name: str) -> bool:
    """A model serves every facility, so its owner manages its workflow at every facility that has it."""
    workflow = next((w for w, m in WORKFLOW_MODEL.items() if m == name), None)
    if workflow is None:
        return False
    everywhere = set(Workflow.objects.filter(name=workflow).values_list("facility_id", flat=True))
    mine = set(workflows_managed(user=user).filter(name=workflow).values_list("facility_id", flat=True))
    return bool(everywhere) and everywhere <= mine


def _diff(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    keys = [k for k in after if k not in ("version", "facility", "workflow")]
    return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


def _history(workflow: str, policy: RoutingPolicy | SchedulingPolicy) -> list[Change]:
    kind, action = (
        ("scheduling_policy", "scheduling_policy.changed") if workflow == "scheduling" else ("policy", "policy.changed")
    )
    records = (
        AuditRecord.objects.filter(object_type=kind, object_id=str(policy.pk))
        .filter(action__in=(action, "governance.rollout_set"))
        .order_by("-seq")[: HISTORY * 2]
    )
    changes: list[Change] = []
    reasons: dict[str, str] = {}
    for record in records:
        data = record.data or {}
        if record.action == "governance.rollout_set":
            reasons.setdefault(str(data.get("after") or ""), str(data.get("reason") or ""))
            continue
        before, after = data.get("before") or {}, data.get("after") or {}
        diff = _diff(before, after)
        changed_rollout = any(k == "rollout" for k, _, _ in diff)
        reason = reasons.pop(str(after.get("rollout") or ""), "") if changed_rollout else ""
        changes.append(
            Change(version=after.get("version"), at=record.at.isoformat(), actor=record.actor, diff=diff, reason=reason)
        )
    return changes[:HISTORY]


def governed_for(*, user: Any) -> list[Governed]:
    """Every (workflow, facility) the user governs, with its policy (made from the defaults the
    first time) and its recent changes."""
    out = []
    for wf in workflows_managed(user=user).filter(name__in=GOVERNED).order_by("facility__slug", "name"):
        policy: RoutingPolicy | SchedulingPolicy
        if wf.name == "scheduling":
            policy = scheduling_policy_ensure(facility=wf.facility)
        else:
            policy = routing_policy_ensure(workflow=wf.name, facility=wf.facility)
        out.append(Governed(workflow=wf.name, facility=wf.facility, policy=policy, history=_history(wf.name, policy)))
    order = {name: i for i, name in enumerate(GOVERNED)}
    out.sort(key=lambda g: (order[g.workflow], g.facility.slug))
    return out


def models_for(*, user: Any) -> list[dict[str, Any]]:
    """The models whose owner the user is, each with its versions (newest first)."""
    out = []
    for workflow, name in WORKFLOW_MODEL.items():
        if not owns_model(user=user, name=name):
            continue
        versions = list(ModelVersion.objects.filter(name=name).order_by("-version")[:20])
        out.append({"name": name, "workflow": workflow, "versions": versions})
    return out


def site() -> SiteControl:
    return site_control()
