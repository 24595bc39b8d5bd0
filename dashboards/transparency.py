"""The transparency page of a model version (`/models/<name>/<version>/`), readable by every staff
user: the ONC HTI-1 decision-support source attributes for predictive interventions (45 CFR
170.315(b)(11)), filled from the model registry (what it is, what it was trained on, its
development metrics, its state and content hash), from live monitoring here (the site's own
agreement / AUC, calibration and subgroup figures for this version, computed when the page is
opened, with their dates), and, for what only a person can write (purpose, cautioned out-of-scope
use, fairness approach, external validation, update schedule), from the reviewed fact sheet
(mlregistry.ModelFactSheet; the shipped text, marked not yet reviewed, until someone here reviews
it). Aggregates only: no patient data."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from dashboards.filters import Filters
from dashboards.metrics import scores
from mlregistry.models import ModelFactSheet, ModelVersion
from queues.models import Facility
from scheduling.services import MODEL_NAME as NOSHOW_MODEL
from triage.services import MODEL_NAME as TRIAGE_MODEL

WORKFLOW_OF = {TRIAGE_MODEL: "triage", NOSHOW_MODEL: "scheduling"}

SHIPPED: dict[str, dict[str, str]] = {
    TRIAGE_MODEL: {
        "output": (
            "For a patient portal message: a care level (emergency, same day, within 3 days, within 2 weeks, "
            "self care, administrative), the urgency that follows, an intent, a confidence, and the reasons "
            "(the complaint protocol criterion that decided, or the classifier's top terms)."
        ),
        "input_features": (
            "The message's subject and body only. The complaint protocols read symptoms, durations, vital signs "
            "and lab values written in the text, age band and pregnancy only where the patient writes them; the "
            "classifier reads word and word-pair counts (TF-IDF). No demographics, no record data."
        ),
        "purpose": (
            "Helps triage nurses order their work: it suggests how soon a patient message needs a clinician and "
            "puts possible emergencies first. Intended users: registered nurses working the facility's triage "
            "queue. A nurse reads every message and decides; the suggestion never replies to a patient."
        ),
        "out_of_scope": (
            "Not a diagnosis and not a substitute for clinical triage. Not for messages that are not from a "
            "patient or caregiver, for languages other than English, for paediatric telephone triage, or for "
            "deciding that a message need not be read. Turning it off (the kill switch) leaves every message a "
            "plain item for a nurse, first in first out."
        ),
        "fairness_approach": (
            "Complaint protocols (public triage guidance, cited per criterion) decide emergencies on explicit "
            "criteria, the same for every patient; the classifier may not call an emergency on its own. The "
            "model sees only the message text, not age, sex or other demographics. Disagreement with nurses is "
            "monitored here by version (agreement, false and missed escalation)."
        ),
        "external_validation": (
            "Evaluated on independent clinical vignettes the rules were not written from (see the project's "
            "triage evaluation); not validated on this site's population before use — the figures measured "
            "here, below, are the site's own."
        ),
        "update_schedule": (
            "Retrained from the site's own final decisions weekly (scheduled) or on demand; every retrained "
            "version is a candidate that runs in shadow beside the live one and goes live only when its owner "
            "promotes it, with a note. Rollback is one action."
        ),
    },
    NOSHOW_MODEL: {
        "output": (
            "For a booked appointment: the probability that the patient does not come, with the top factors in "
            "plain words. Above the facility's reminder threshold a scheduler is offered a reminder call; the "
            "expected attendance feeds overbooking suggestions within the supervisor's cap."
        ),
        "input_features": (
            "Known at booking: lead time (days from booking to start), weekday and hour of the appointment, the "
            "hour the booking was made, visit type, department, facility, reminder channel, age and sex when "
            "recorded, and the patient's own earlier appointments whose outcome was known before the booking "
            "(visits, no-shows, their rate, whether the last one was missed, days since the last one, "
            "cancellations); from a public-format file also its health and welfare flags and neighbourhood. "
            "The gradient-boosted version reads a many-valued category (the neighbourhood) as its smoothed "
            "no-show rate in the training data."
        ),
        "purpose": (
            "Helps schedulers and access-centre supervisors spend reminder calls and overbooking where they "
            "help. Intended users: schedulers and their supervisors. A person accepts or rejects every suggestion."
        ),
        "out_of_scope": (
            "Not for refusing, delaying or rationing care, for choosing which patients get appointments, or for "
            "any clinical decision. Not for facilities whose appointment history it was not trained or "
            "monitored on."
        ),
        "fairness_approach": (
            "Features are what is known at booking (lead time, the patient's own prior visits and no-shows, "
            "strictly before the booking, visit type, reminder channel, weekday, hour); age band and sex are "
            "inputs and their effect is shown per prediction. Discrimination and calibration are monitored by "
            "age band, sex and reminder channel (below), so a subgroup the model serves worse shows."
        ),
        "external_validation": (
            "Held-out evaluation on a later period and unseen patients; on a file in the public 'Medical "
            "Appointment No Shows' format (see the registry metrics). Not validated on this site's population "
            "before use — the figures measured here are the site's own."
        ),
        "update_schedule": (
            "Retrained from the site's appointment outcomes on demand or on a schedule; every version is a "
            "candidate until its owner promotes it after running it in shadow."
        ),
    },
}
REVIEWED_FIELDS = ("purpose", "out_of_scope", "fairness_approach", "external_validation", "update_schedule")


def _text_fields(name: str) -> tuple[dict[str, str], ModelFactSheet | None]:
    sheet = ModelFactSheet.objects.filter(name=name).first()
    shipped = SHIPPED.get(name, {})
    fields = {k: (getattr(sheet, k) if sheet and getattr(sheet, k) else shipped.get(k, "")) for k in REVIEWED_FIELDS}
    return fields, sheet if sheet and sheet.reviewed_at else None


def _measured(version: ModelVersion) -> dict[str, Any]:
    """The site's own figures for this version, computed now (from its first score to now)."""
    workflow = WORKFLOW_OF.get(version.name)
    if workflow is None:
        return {}
    facilities = tuple(Facility.objects.order_by("pk").values_list("pk", flat=True))
    if not facilities:
        return {}
    now = timezone.now()
    start = datetime(2000, 1, 1, tzinfo=UTC)
    f = Filters(workflow=workflow, facility_ids=facilities, start=start, end=now, model_version=str(version.version))
    out: dict[str, Any] = {"computed_at": now, "agreement": scores.shadow_agreement(f)}
    if workflow == "scheduling":
        out["by_month"] = scores.noshow_by_month(f)
        out["calibration"] = scores.noshow_calibration(f)
        out["subgroups"] = scores.noshow_subgroups(f)
    out["latency"] = scores.latency(f)
    return out


@login_required
@require_GET
def model_page(request: HttpRequest, name: str, version: int) -> HttpResponse:
    if not request.user.is_staff and not request.user.groups.exists():
        raise Http404  # staff only: a signed-in account with no role sees nothing here
    # the URL takes any digits; a version beyond the column's range is simply not there (no DB error)
    found = ModelVersion.objects.filter(name=name, version=version).first() if version < 2**31 else None
    if found is None:
        raise Http404
    text, reviewed = _text_fields(name)
    live = ModelVersion.objects.filter(name=name, state=ModelVersion.State.LIVE).order_by("-version").first()
    metrics = found.metrics if isinstance(found.metrics, dict) else {}
    headline = {
        k: metrics.get(k)
        for k in ("auc", "brier", "base_rate", "emergent_recall", "accuracy", "macro_f1", "n_train", "n_test")
        if metrics.get(k) is not None
    }
    return render(
        request,
        "dashboards/model.html",
        {
            "v": found,
            "live": live,
            "workflow": WORKFLOW_OF.get(name, ""),
            "output": SHIPPED.get(name, {}).get("output", ""),
            "input_features": SHIPPED.get(name, {}).get("input_features", ""),
            "text": text,
            "reviewed": reviewed,
            "training": found.training_data if isinstance(found.training_data, dict) else {},
            "headline": headline,
            "method": metrics.get("method", ""),
            "measured": _measured(found),
            "versions": ModelVersion.objects.filter(name=name).order_by("-version")[:10],
        },
    )
