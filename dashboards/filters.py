"""The filters every dashboard metric takes (pure; no Django)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

WORKFLOWS = ("triage", "results", "scheduling", "documentation")

# Which queue kinds (queues.Queue.Kind) and work item kinds (queues.WorkItem.Kind) a workflow covers.
WORKFLOW_QUEUE_KINDS = {
    "triage": ("triage", "review"),
    "results": ("results",),
    "scheduling": ("scheduling",),
    "documentation": ("coding", "clinical_ops"),
}
WORKFLOW_ITEM_KINDS = {
    "triage": ("message",),
    "results": ("lab_result",),
    "scheduling": ("reminder_call", "overbook", "slot_offer"),
    "documentation": (),
}


@dataclass(frozen=True)
class Filters:
    """`facility_ids` is always the facilities the viewer manages this workflow at (never empty:
    the view refuses first); `queue_ids` empty means all the workflow's queues there; [start, end)
    is the period; `model_version` "" means every version."""

    workflow: str
    facility_ids: tuple[int, ...]
    start: datetime
    end: datetime
    queue_ids: tuple[int, ...] = ()
    model_version: str = ""

    @property
    def queue_kinds(self) -> tuple[str, ...]:
        return WORKFLOW_QUEUE_KINDS[self.workflow]

    @property
    def item_kinds(self) -> tuple[str, ...]:
        return WORKFLOW_ITEM_KINDS[self.workflow]
