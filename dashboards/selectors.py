"""Reads of the dashboards: which workflows, facilities and queues a user manages, and the choices
of the filter form. Permission filtering lives here (guardian `queues.manage_workflow` on
queues.Workflow, per facility), so no page or API view can forget it."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from dashboards.filters import WORKFLOW_QUEUE_KINDS, WORKFLOWS
from queues import selectors as queue_selectors
from queues.models import Facility, Queue, Workflow, WorkItem
from scheduling.models import NoShowScore
from triage.models import TriageScore

MANAGE = queue_selectors.MANAGE_WORKFLOW


def workflows_managed(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[Workflow]:
    """The Workflow rows (workflow x facility) the user manages, through a group or directly."""
    return queue_selectors.workflows_managed(user=user)


def manages_any(*, user: AbstractBaseUser | AnonymousUser) -> bool:
    return workflows_managed(user=user).exists()


def managed_map(*, user: AbstractBaseUser | AnonymousUser) -> dict[str, list[Facility]]:
    """workflow name -> the facilities (by slug) where the user manages it, workflows in page order."""
    found: dict[str, list[Facility]] = defaultdict(list)
    for workflow in workflows_managed(user=user).order_by("facility__slug"):
        found[workflow.name].append(workflow.facility)
    return {name: found[name] for name in WORKFLOWS if found.get(name)}


def facilities_managed(*, user: AbstractBaseUser | AnonymousUser, workflow: str) -> list[Facility]:
    """The facilities where the user manages `workflow`, by slug."""
    return [w.facility for w in workflows_managed(user=user).filter(name=workflow).order_by("facility__slug")]


def workflow_queues(*, workflow: str, facility_ids: list[int] | tuple[int, ...]) -> QuerySet[Queue]:
    """The workflow's queues at these facilities (the queue filter's choices)."""
    return (
        Queue.objects.filter(facility_id__in=facility_ids, kind__in=WORKFLOW_QUEUE_KINDS[workflow])
        .select_related("facility")
        .order_by("facility__slug", "slug")
    )


def queue_by_slug(*, slug: str) -> Queue | None:
    return Queue.objects.select_related("facility").filter(slug=slug).first()


def facility_by_slug(*, slug: str) -> Facility | None:
    return Facility.objects.filter(slug=slug).first()


def model_versions(*, workflow: str, facility_ids: list[int] | tuple[int, ...]) -> list[str]:
    """The model versions stored for the workflow at these facilities (the model version filter's
    choices): on its work items, and on the triage or no-show scores it shows. One query."""
    versions = (
        WorkItem.objects.filter(queue__facility_id__in=facility_ids, queue__kind__in=WORKFLOW_QUEUE_KINDS[workflow])
        .exclude(model_version="")
        .values_list("model_version")
        .order_by()
    )
    if workflow == "triage":
        versions = versions.union(
            TriageScore.objects.filter(facility_id__in=facility_ids).values_list("model_version").order_by()
        )
    elif workflow == "scheduling":
        versions = versions.union(
            NoShowScore.objects.filter(appointment__facility_id__in=facility_ids)
            .values_list("model_version")
            .order_by()
        )
    else:
        versions = versions.distinct()
    return sorted({v for (v,) in versions if v}, key=_version_key)


def _version_key(version: str) -> tuple[int, int | str]:
    return (0, int(version)) if version.isdigit() else (1, version)
