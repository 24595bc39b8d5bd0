"""A clinflow work item as a FHIR R4 Task (what the EMR side reads to follow the work).

- status: new -> requested; claimed / escalated / reassigned -> in-progress; snoozed -> on-hold;
  resolved / resolved in the EMR -> completed.
- businessStatus: the item's state as the staff UI says it (and the decision once resolved).
- priority: emergent -> stat, urgent -> asap, routine and non-clinical -> routine.
- owner: the person who claimed it (by username) or else the queue (an identifier).
- focus: the event that made the item, as the FHIR resource it came from when it arrived over FHIR
  (``subject`` of the event), else its CloudEvents id; for: the patient's MRN.
- restriction.period.end: the due-by (SLA); authoredOn / lastModified: created / updated.
No message text, AI rationale or patient demographics beyond the MRN are included.
"""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B.task import Task

STATUS = {
    "new": "requested",
    "claimed": "in-progress",
    "escalated": "in-progress",
    "reassigned": "in-progress",
    "snoozed": "on-hold",
    "resolved": "completed",
    "resolved_in_emr": "completed",
}
PRIORITY = {"emergent": "stat", "urgent": "asap", "routine": "routine", "non_clinical": "routine"}
STATE_TEXT = {
    "new": "New",
    "claimed": "Claimed",
    "escalated": "Escalated",
    "reassigned": "Reassigned",
    "snoozed": "Snoozed",
    "resolved": "Resolved",
    "resolved_in_emr": "Resolved in the EMR",
}


def _instant(value) -> str | None:
    return value.isoformat() if value else None


def task_resource(item: Any, *, event_subject: str, event_source_id: str, claimed_by: str | None) -> dict[str, Any]:
    """The Task JSON of one work item (validated against the R4B Task model before it is returned)."""
    business = STATE_TEXT.get(item.state, item.state)
    if item.decision:
        business += f" ({item.decision})"
    focus: dict[str, Any] = (
        {"reference": event_subject}
        if event_subject.startswith(
            ("Communication/", "Appointment/", "DiagnosticReport/", "Observation/", "Task/", "ServiceRequest/")
        )
        else {"identifier": {"system": "urn:clinflow:event", "value": event_source_id[:255]}}
    )
    owner: dict[str, Any] = (
        {"identifier": {"system": "urn:clinflow:user", "value": claimed_by}, "display": claimed_by}
        if claimed_by
        else {"identifier": {"system": "urn:clinflow:queue", "value": item.queue.slug}, "display": item.queue.name}
    )
    body: dict[str, Any] = {
        "resourceType": "Task",
        "id": str(item.pk),
        "identifier": [{"system": "urn:clinflow:work-item", "value": str(item.pk)}],
        "status": STATUS.get(item.state, "requested"),
        "businessStatus": {"text": business},
        "intent": "order",
        "priority": PRIORITY.get(item.urgency, "routine"),
        "code": {"text": item.get_kind_display() if hasattr(item, "get_kind_display") else item.kind},
        "description": item.title,
        "focus": focus,
        "for": {"identifier": {"system": "urn:clinflow:mrn", "value": item.patient_mrn}},
        "authoredOn": _instant(item.created_at),
        "lastModified": _instant(item.updated_at),
        "owner": owner,
        "restriction": {"period": {"end": _instant(item.due_at)}},
    }
    if item.resolved_at:
        body["executionPeriod"] = {"start": _instant(item.created_at), "end": _instant(item.resolved_at)}
    Task.model_validate(body)  # what we send is valid R4
    return body
