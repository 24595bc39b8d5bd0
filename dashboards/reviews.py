"""Writes of the shadow evaluation review: a manager's verdict on one sampled AI decision, and the
audit record of what the review page showed them.

The audit record of a verdict carries the note's length and its sha256, not the note: the note is
free text a manager types about a patient's case (it may quote the message, name a symptom or the
patient), and the audit trail is append-only and hash-chained, so anything copied there can never be
corrected or erased and travels with every audit export. The note is kept with the case
(ShadowReview.note, editable by its author); the hash in the audit record still proves which text
was saved when, so an edited note is visible in the trail without the trail holding the text.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import AuditRecord
from audit.services import audit_record
from clinflow import problems
from dashboards.models import ShadowReview
from dashboards.review_selectors import CASE_TYPE_WORKFLOW, REVIEW_CASE_TYPES, review_may_manage
from queues.models import Facility
from scheduling.models import NoShowScore
from triage.models import TriageScore

NOTE_MAX = 2000
CASE_ID_MAX = 18  # digits of a BigAutoField id


class ReviewInvalid(problems.ValidationProblem):
    title = "The review is invalid"


def _text_errors(name: str, value: Any, *, max_length: int) -> list[dict[str, str]]:
    """A text field PostgreSQL can store: a str without NUL, without lone surrogates, short enough."""
    if not isinstance(value, str):
        return [{"field": name, "message": "must be text"}]
    if "\x00" in value:
        return [{"field": name, "message": "must not contain NUL characters"}]
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return [{"field": name, "message": "must be valid Unicode text (no lone surrogates)"}]
    if len(value) > max_length:
        return [{"field": name, "message": f"must be at most {max_length} characters (got {len(value)})"}]
    return []


def _case(case_type: str, case_id: str) -> tuple[Facility, str]:
    """The facility and model version of the stored score `case_id`, or 404."""
    found: tuple[int | None, str] | None
    if case_type == "triage_score":
        found = TriageScore.objects.filter(pk=int(case_id)).values_list("facility_id", "model_version").first()
    else:
        found = (
            NoShowScore.objects.filter(pk=int(case_id)).values_list("appointment__facility_id", "model_version").first()
        )
    if found is None or found[0] is None:
        raise problems.NotFound(f"There is no {case_type} case {case_id} to review.")
    return Facility.objects.get(pk=found[0]), found[1]


def shadow_review_record(*, reviewer: Any, case_type: str, case_id: str, verdict: str, note: str) -> ShadowReview:
    """Save `reviewer`'s verdict (agree / disagree with the AI) and note on one case, replacing
    their earlier one: one review per case and reviewer. Audited `shadow_review.recorded` in the
    same transaction.

    Validation: case_type, case_id, verdict and note are checked first (400 naming each bad field:
    NUL bytes and lone surrogates, which PostgreSQL cannot store, included); the case must exist
    (404) and the reviewer must manage the case's workflow at the case's facility (403; the
    facility is the stored score's, never one the request names).

    Locking: the reviewer's row for the case is locked (SELECT ... FOR UPDATE) before it is
    changed, so two saves of the same case by one manager (two tabs) are serialised; when there
    is no row yet both may try to INSERT: the unique constraint (shadow_review_once) refuses the
    second, which then updates the row the first made.
    """
    errors = _text_errors("case_type", case_type, max_length=32)
    if not errors and case_type not in CASE_TYPE_WORKFLOW:
        errors = [{"field": "case_type", "message": f"must be one of {', '.join(CASE_TYPE_WORKFLOW)}"}]
    id_errors = _text_errors("case_id", case_id, max_length=CASE_ID_MAX)
    if not id_errors and not (case_id.isascii() and case_id.isdigit()):
        id_errors = [{"field": "case_id", "message": "must be the id of a case (digits)"}]
    errors += id_errors
    verdict_errors = _text_errors("verdict", verdict, max_length=16)
    if not verdict_errors and verdict not in ShadowReview.Verdict.values:
        verdict_errors = [{"field": "verdict", "message": "choose agree or disagree"}]
    errors += verdict_errors
    errors += _text_errors("note", note, max_length=NOTE_MAX)
    if errors:
        raise ReviewInvalid("The review is invalid.", errors=errors)

    case_id = str(int(case_id))  # "007" and "7" are one case
    workflow = CASE_TYPE_WORKFLOW[case_type]
    facility, model_version = _case(case_type, case_id)
    if not review_may_manage(user=reviewer, workflow=workflow, facility_id=facility.pk):
        raise problems.Forbidden(f"You do not manage {workflow} at this case's facility.")

    now = timezone.now()
    key = {"case_type": case_type, "case_id": case_id, "reviewer": reviewer}
    with transaction.atomic():
        review = ShadowReview.objects.select_for_update().filter(**key).first()
        previous = review.verdict if review else None
        if review is None:
            try:
                with transaction.atomic():  # a savepoint: the other tab's INSERT may win the race
                    review = ShadowReview.objects.create(
                        **key,
                        workflow=workflow,
                        model_version=model_version,
                        facility=facility,
                        verdict=verdict,
                        note=note,
                        created_at=now,
                        updated_at=now,
                    )
            except IntegrityError:
                review = ShadowReview.objects.select_for_update().get(**key)
                previous = review.verdict
        if previous is not None:
            review.verdict, review.note, review.updated_at = verdict, note, now
            review.save(update_fields=["verdict", "note", "updated_at"])
        audit_record(
            action="shadow_review.recorded",
            object_type="shadow_review",
            object_id=review.pk,
            actor=reviewer.username,
            actor_type=AuditRecord.ActorType.USER,
            data={
                "workflow": workflow,
                "facility": facility.slug,
                "case_type": case_type,
                "case_id": case_id,
                "model_version": model_version,
                "verdict": verdict,
                "previous_verdict": previous,
                "note_length": len(note),
                "note_sha256": hashlib.sha256(note.encode("utf-8")).hexdigest(),
            },
        )
    return review


def shadow_review_view_record(
    *, user: Any, workflow: str, facility: Facility, case_ids: list[str], patients: list[str], fields: list[str]
) -> None:
    """Record that `user` was shown these cases' patient data on the review page (who, which
    patients, which fields, when), as queues.services.items.item_view_record does for items."""
    if not case_ids:
        return
    audit_record(
        action="phi.viewed",
        object_type="shadow_review_sample",
        object_id=case_ids[0] if len(case_ids) == 1 else "many",
        actor=user.username,
        actor_type=AuditRecord.ActorType.USER,
        data={
            "workflow": workflow,
            "facility": facility.slug,
            "case_type": REVIEW_CASE_TYPES[workflow],
            "cases": case_ids,
            "patients": patients,
            "fields": fields,
        },
    )
