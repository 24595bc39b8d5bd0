"""The shadow evaluation review page: a manager judges sampled AI decisions beside what staff did.

`GET /dashboards/<workflow>/review/?facility=<slug>&seed=<seed>` shows 20 cases sampled with
`seed` (dashboards.metrics.scores.shadow_cases); without a seed the page redirects to one, so a
reload, a save and the back button all show the same sample, and "New sample" is a new seed.
`POST` the same URL saves one verdict (a plain form: works without JavaScript, then redirects back
to the case; with htmx the case card and the summary are swapped in place).

Only managers of the workflow at the facility see it (403 otherwise, a POST of another facility's
case included: reviews.shadow_review_record checks the case's own facility). Bad parameters are a
400 page naming the field.
"""

from __future__ import annotations

import re
import secrets
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from clinflow import problems
from dashboards import review_selectors as selectors
from dashboards import reviews
from dashboards.filters import WORKFLOWS
from dashboards.models import ShadowReview
from queues.models import Facility

SEED = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,50}$")
# What the page shows of each case, named in the phi.viewed audit record.
FIELDS_SHOWN = {
    "triage": [
        "message_subject",
        "message_body",
        "ai_care_level",
        "ai_urgency",
        "ai_confidence",
        "ai_rationale",
        "ai_disposition",
        "final_urgency",
        "decided_in",
    ],
    "scheduling": ["noshow_probability", "noshow_factors", "reminder_threshold", "appointment_outcome"],
}


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))  # django_htmx's middleware sets it


class _BadParameter(Exception):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def _error_page(request: HttpRequest, *, status: int, title: str, errors: list[dict[str, str]]) -> HttpResponse:
    return render(request, "dashboards/review_error.html", {"title": title, "errors": errors}, status=status)


def _facility(request: HttpRequest, workflow: str, value: str | None) -> tuple[Facility, list[Facility]]:
    """The facility the page is about: the one named (which the user must manage the workflow at),
    else the first they manage it at. 400 for a malformed slug, 403 for any other."""
    managed = selectors.review_facilities(user=request.user, workflow=workflow)
    if value in (None, ""):
        if not managed:
            raise problems.Forbidden(f"You manage {workflow} at no facility.")
        return managed[0], managed
    if not SLUG.match(value):
        raise _BadParameter("facility", "must be a facility's slug (letters, digits, - and _)")
    for facility in managed:
        if facility.slug == value:
            return facility, managed
    # an unknown facility and one managed by others answer alike: nothing is learned by probing
    raise problems.Forbidden(f"You do not manage {workflow} at facility {value!r}.")


def _page_url(workflow: str, facility: Facility, seed: str, anchor: str = "") -> str:
    query = urlencode({"facility": facility.slug, "seed": seed})
    return f"{reverse('dashboards-review', args=[workflow])}?{query}{anchor}"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def review_page(request: HttpRequest, workflow: str) -> HttpResponse:
    if workflow not in WORKFLOWS:
        raise Http404("No such workflow.")
    params = request.POST if request.method == "POST" else request.GET
    try:
        facility, managed = _facility(request, workflow, params.get("facility"))
        seed = params.get("seed", "")
        if seed and not SEED.match(seed):
            raise _BadParameter("seed", "must be 1 to 32 letters, digits, - or _")
    except _BadParameter as bad:
        return _error_page(
            request,
            status=400,
            title="The review page's address is invalid",
            errors=[{"field": bad.field, "message": bad.message}],
        )
    except problems.Forbidden as refused:
        return _error_page(
            request, status=403, title="Not allowed", errors=[{"field": "facility", "message": refused.detail}]
        )

    if workflow not in selectors.REVIEW_CASE_TYPES:
        return render(
            request,
            "dashboards/review_none.html",
            {
                "workflow": workflow,
                "facility": facility,
                "facilities": managed,
            },
        )
    if not seed:
        return HttpResponseRedirect(_page_url(workflow, facility, secrets.token_hex(4)))
    if request.method == "POST":
        return _save(request, workflow, facility, managed, seed)
    return _render_page(request, workflow, facility, managed, seed)


def _render_page(
    request: HttpRequest, workflow: str, facility: Facility, managed: list[Facility], seed: str
) -> HttpResponse:
    sample = selectors.review_sample(
        user=request.user, workflow=workflow, facility=facility, seed=seed, now=timezone.now()
    )
    reviews.shadow_review_view_record(
        user=request.user,
        workflow=workflow,
        facility=facility,
        case_ids=[c["case_id"] for c in sample.cases],
        patients=sample.patients,
        fields=FIELDS_SHOWN[workflow],
    )
    return render(request, "dashboards/review.html", _context(workflow, facility, managed, seed, sample))


def _context(
    workflow: str, facility: Facility, managed: list[Facility], seed: str, sample: selectors.ReviewSample
) -> dict[str, Any]:
    return {
        "workflow": workflow,
        "facility": facility,
        "facility_tz": facility.timezone,
        "facilities": managed,
        "seed": seed,
        "sample": sample,
        "new_sample_url": _page_url(workflow, facility, secrets.token_hex(4)),
        "page_url": _page_url(workflow, facility, seed),
        "note_max": reviews.NOTE_MAX,
        "period_days": selectors.PERIOD_DAYS,
        "verdicts": ShadowReview.Verdict.choices,
    }


def _save(request: HttpRequest, workflow: str, facility: Facility, managed: list[Facility], seed: str) -> HttpResponse:
    """Save one verdict; the case's workflow must be this page's (400), its facility one the user
    manages it at (403, checked by the service on the stored case)."""
    case_type, case_id = request.POST.get("case_type", ""), request.POST.get("case_id", "")
    try:
        if case_type and case_type != selectors.REVIEW_CASE_TYPES[workflow]:
            raise reviews.ReviewInvalid(
                "The review is invalid.",
                errors=[
                    {
                        "field": "case_type",
                        "message": f"this page reviews {selectors.REVIEW_CASE_TYPES[workflow]} cases",
                    }
                ],
            )
        reviews.shadow_review_record(
            reviewer=request.user,
            case_type=case_type,
            case_id=case_id,
            verdict=request.POST.get("verdict", ""),
            note=request.POST.get("note", ""),
        )
    except problems.Problem as problem:
        errors = problem.errors or [{"field": "case", "message": problem.detail}]
        if _is_htmx(request):
            response = render(request, "dashboards/review_save_error.html", {"errors": errors}, status=problem.status)
            # into the case's error line (the form stays as typed); a malformed id: the page's
            target = f"#verdict-error-{case_id}" if case_id.isascii() and case_id.isdigit() else "#review-errors"
            response["HX-Retarget"], response["HX-Reswap"] = target, "innerHTML"
            return response
        return _error_page(request, status=problem.status, title=problem.title, errors=errors)
    if not _is_htmx(request):
        return HttpResponseRedirect(_page_url(workflow, facility, seed, f"#case-{case_id}"), status=303)
    # htmx: the case's verdict block, and the summary out of band. The page was audited when it
    # was shown; this answer holds no patient data (the message block is not re-rendered).
    sample = selectors.review_sample(
        user=request.user, workflow=workflow, facility=facility, seed=seed, now=timezone.now()
    )
    context = _context(workflow, facility, managed, seed, sample)
    index = next((i for i, c in enumerate(sample.cases) if c["case_id"] == case_id), None)
    if index is None:  # saved, but not a case of this sample: show the summary only
        return render(request, "dashboards/review_summary.html", {**context, "oob": True})
    return render(request, "dashboards/review_saved.html", {**context, "case": sample.cases[index], "index": index + 1})
