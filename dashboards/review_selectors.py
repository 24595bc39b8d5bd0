"""Reads of the shadow evaluation review page (dashboards.review): who may review which workflow at
which facility, and the sampled cases with what the page shows of each.

The sample itself is dashboards.metrics.scores.shadow_cases (no patient identifiers, no message
text). What judging a case needs beyond it is read here by the cases' ids, a few fields each: the
triage message's subject and body (shown to the manager, audited by reviews.shadow_review_view_record),
the score's confidence and basis, the no-show threshold and the appointment's outcome. The patient's
name and MRN are never selected for the page; the MRN is read only for the audit record of the view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, F, Q
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from guardian.shortcuts import get_objects_for_user

from dashboards.filters import Filters
from dashboards.metrics import scores
from dashboards.models import ShadowReview
from queues.models import Facility, Workflow
from scheduling.models import NoShowScore, SchedulingPolicy
from triage.models import TriageScore
from vocabulary import URGENCY_CARE_LEVEL, CareLevel, Urgency, label

# The workflows whose AI outputs are stored beside what staff did, and the case type of each.
# results (rules, no model output kept per case) and documentation (no model yet) have none.
REVIEW_CASE_TYPES: dict[str, str] = {"triage": "triage_score", "scheduling": "noshow_score"}
CASE_TYPE_WORKFLOW: dict[str, str] = {v: k for k, v in REVIEW_CASE_TYPES.items()}
SAMPLE_SIZE = 20
PERIOD_DAYS = 365  # the sample is drawn from the cases scored in the last year
DEFAULT_NOSHOW_THRESHOLD = 0.3  # SchedulingPolicy.reminder_threshold's default
ORIGIN_LABELS = {"emr": "in the EMR", "clinflow": "in clinflow"}
OUTCOME_LABELS = {"no_show": "Did not attend (no-show)", "completed": "Attended", "cancelled": "Cancelled"}


@dataclass
class ReviewSample:
    """The page's cases (shadow_cases' dicts plus `detail` and `review`) and its summary counts."""

    cases: list[dict[str, Any]]
    reviewed: int
    agreed: int
    ai_staff_agree: int
    patients: list[str] = field(default_factory=list)  # for the audit record of the view only
    period_start: datetime | None = None
    period_end: datetime | None = None

    @property
    def size(self) -> int:
        return len(self.cases)


def review_facilities(*, user: Any, workflow: str) -> list[Facility]:
    """The facilities at which `user` manages `workflow` (guardian `queues.manage_workflow` on
    queues.Workflow), by name."""
    managed = get_objects_for_user(
        user, "queues.manage_workflow", klass=Workflow.objects.filter(name=workflow), accept_global_perms=False
    )
    return list(Facility.objects.filter(workflows__in=managed).order_by("name", "slug"))


def review_may_manage(*, user: Any, workflow: str, facility_id: int) -> bool:
    """Whether `user` manages `workflow` at this facility (the one check the page and the write
    service share)."""
    target = Workflow.objects.filter(name=workflow, facility_id=facility_id).first()
    return target is not None and bool(user.has_perm("queues.manage_workflow", target))


def review_sample(
    *, user: Any, workflow: str, facility: Facility, seed: str, now: datetime, size: int = SAMPLE_SIZE
) -> ReviewSample:
    """The reproducible sample of `seed` at `facility`, each case with what the page shows and
    `user`'s own review of it (None before one is saved). The caller has checked the permission."""
    case_type = REVIEW_CASE_TYPES[workflow]
    start = now - timedelta(days=PERIOD_DAYS)
    filters = Filters(workflow=workflow, facility_ids=(facility.pk,), start=start, end=now)
    cases = [dict(c, case_id=str(c["case_id"])) for c in scores.shadow_cases(filters, limit=size, seed=seed)]
    ids = [c["case_id"] for c in cases]
    details, patients = (_triage_details if workflow == "triage" else _noshow_details)(ids, facility)
    mine = ShadowReview.objects.filter(reviewer=user, case_type=case_type, case_id__in=ids)
    reviews = {r.case_id: r for r in mine}
    counts = mine.aggregate(reviewed=Count("id"), agreed=Count("id", filter=Q(verdict=ShadowReview.Verdict.AGREE)))
    for case in cases:
        case["detail"] = details.get(case["case_id"], {})
        case["review"] = reviews.get(case["case_id"])
        human = case.get("human") or {}
        case["staff"] = {
            "final_urgency": human.get("final_urgency"),
            "final_urgency_label": label(Urgency, human.get("final_urgency")),
            "origin": human.get("origin"),
            "origin_label": ORIGIN_LABELS.get(human.get("origin") or "", human.get("origin") or ""),
        }
    return ReviewSample(
        cases=cases,
        reviewed=counts["reviewed"],
        agreed=counts["agreed"],
        ai_staff_agree=sum(1 for c in cases if c.get("agrees")),  # of the (at most 20) sampled cases
        patients=patients,
        period_start=start,
        period_end=now,
    )


def _triage_details(ids: list[str], facility: Facility) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Per TriageScore id: the message's subject and body and the score's own fields. The MRNs
    (only for the audit record) come back apart from what the page renders."""
    rows = TriageScore.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()], facility=facility).values(
        "pk",
        "urgency",
        "care_level",
        "confidence",
        "protocol",
        "basis",
        "intent",
        "disposition",
        "rationale",
        "rollout",
        "model_version",
        subject=KeyTextTransform("subject", "event__data"),
        body=KeyTextTransform("body", "event__data"),
        channel=KeyTextTransform("channel", "event__data"),
        mrn=KeyTextTransform("mrn", KeyTransform("patient", "event__data")),
    )
    details: dict[str, dict[str, Any]] = {}
    patients: set[str] = set()
    for values in rows:  # at most SAMPLE_SIZE rows: shaping the page, not computing a metric
        row: dict[str, Any] = dict(values)
        mrn = row.pop("mrn")
        if mrn:
            patients.add(mrn)
        row["care_level"] = row["care_level"] or URGENCY_CARE_LEVEL.get(row["urgency"], "")
        row["care_level_label"] = label(CareLevel, row["care_level"])
        row["urgency_label"] = label(Urgency, row["urgency"])
        details[str(row.pop("pk"))] = row
    return details, sorted(patients)


def _noshow_details(ids: list[str], facility: Facility) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Per NoShowScore id: probability, factors, the facility's reminder threshold and the
    appointment's outcome (no patient identifiers but the MRN for the audit record)."""
    threshold = SchedulingPolicy.objects.filter(facility=facility).values_list("reminder_threshold", flat=True).first()
    rows = NoShowScore.objects.filter(
        pk__in=[int(i) for i in ids if i.isdigit()], appointment__facility=facility
    ).values(
        "pk",
        "probability",
        "factors",
        "rollout",
        "model_version",
        status=F("appointment__status"),
        starts_at=F("appointment__starts_at"),
        visit_type=F("appointment__visit_type"),
        department=F("appointment__department"),
        mrn=F("appointment__patient_mrn"),
    )
    details: dict[str, dict[str, Any]] = {}
    patients: set[str] = set()
    for values in rows:  # at most SAMPLE_SIZE rows
        row: dict[str, Any] = dict(values)
        patients.add(row.pop("mrn"))
        row["threshold"] = DEFAULT_NOSHOW_THRESHOLD if threshold is None else threshold
        row["flagged"] = row["probability"] >= row["threshold"]
        row["outcome_label"] = OUTCOME_LABELS.get(row["status"], row["status"])
        details[str(row.pop("pk"))] = row
    return details, sorted(patients)
