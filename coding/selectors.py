"""Reads of the coding app: what the beat must look at, who governs a facility's documentation
policy (the managers of its `documentation` workflow: guardian `queues.manage_workflow`), the
policy's history, and the coding card of an item page."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from coding.models import DocumentationPolicy, DocumentationPolicyVersion, UnsignedDocument
from queues.models import Facility, Workflow, WorkItem
from queues.selectors import workflows_managed

DOCUMENTATION = Workflow.Name.DOCUMENTATION


def unsigned_due(*, now: datetime, limit: int = 1000) -> list[int]:
    """Unsigned documents whose next level is due, oldest first (index `unsigned_next_check`)."""
    return list(
        UnsignedDocument.objects.filter(next_check_at__lte=now, signed_at__isnull=True)
        .order_by("next_check_at")
        .values_list("pk", flat=True)[:limit]
    )


def facilities_governed(*, user: Any) -> list[Facility]:
    """Facilities whose documentation policy the user may edit (they manage its documentation workflow)."""
    return [w.facility for w in workflows_managed(user=user).filter(name=DOCUMENTATION).order_by("facility__slug")]


def governs(*, user: Any, facility: Facility) -> bool:
    return workflows_managed(user=user).filter(name=DOCUMENTATION, facility=facility).exists()


def policy_history(*, policy: DocumentationPolicy, limit: int = 20) -> list[DocumentationPolicyVersion]:
    return list(policy.versions.order_by("-version")[:limit])


def _entries(value: Any) -> list[dict[str, Any]]:
    """Code entries as the card lists them (strings only; anything else an EMR sent is skipped)."""
    out = []
    for entry in value if isinstance(value, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("code"), str):
            mods = entry.get("modifiers")
            out.append(
                {
                    "code": entry["code"],
                    "system": str(entry.get("system") or ""),
                    "modifiers": [m for m in mods if isinstance(m, str)] if isinstance(mods, list) else [],
                }
            )
    return out


def coding_card(item: WorkItem, *, data: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The finding (coders) or the signature task (clinical ops) as the item page shows it; None
    for other kinds. `data` is the event data the viewer may see. The caller has checked the user
    may work the item's queue, whose role may hold the kind (queues.visibility), so the score is
    theirs to read."""
    score = item.score or {}
    data = data or {}
    if item.kind in WorkItem.CODING_KINDS and isinstance(score.get("finding"), dict):
        finding = score["finding"]
        flags = data.get("documentation_flags")
        return {
            "diagnoses": _entries(data.get("diagnoses")),
            "procedures": _entries(data.get("procedures")),
            "flags": [f for f in flags if isinstance(f, str)] if isinstance(flags, list) else [],
            "closed_at": data.get("closed_at") if isinstance(data.get("closed_at"), str) else "",
            "kind": "finding",
            "title": finding.get("title", ""),
            "rule": finding.get("rule", ""),
            "evidence": finding.get("evidence", ""),
            "fix": finding.get("fix", ""),
            "source": finding.get("source", ""),
            "codes": finding.get("codes") or [],
            "suggestions": finding.get("suggestions") or [],
            "claim_blocking": bool(finding.get("claim_blocking")),
            "encounter_id": score.get("encounter_id", ""),
        }
    if item.kind in WorkItem.SIGNATURE_KINDS:
        return {
            "kind": "signature",
            "threshold_hours": score.get("threshold_hours"),
            "started_at": score.get("started_at", ""),
            "overdue_at": score.get("overdue_at", ""),
            "urgent_multiple": score.get("urgent_multiple"),
            "overdue_multiple": score.get("overdue_multiple"),
            "policy_version": score.get("policy_version"),
            "fix": score.get("disposition", ""),
        }
    return None
