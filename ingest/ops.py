"""The operations page (`/ops/`, staff only): what waits to be processed, the workers' heartbeats,
and the failed events with their errors and a Retry button. Counts from ingest.metrics (the
same numbers /metrics reports), failed events through ingest.selectors, the platform's heartbeat;
the retry is ingest.services.event_retry_failed (audited)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from clinflow import problems
from clinflow.heartbeat import heartbeats_by_worker
from ingest import selectors, services
from ingest.metrics import events_by_status, events_waiting

FAILED_PER_PAGE = 50


def _staff(request: HttpRequest) -> None:
    """Staff users only (the operators; the same people as the admin): anyone else is a 403."""
    if not request.user.is_staff:
        raise PermissionDenied("The operations page is for staff users.")


@login_required
@require_GET
def ops_page(request: HttpRequest) -> HttpResponse:
    _staff(request)
    waiting = events_waiting()
    oldest = waiting.oldest_received_at
    try:
        workers: list[Any] | None = heartbeats_by_worker(max_age=settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS)
    except Exception:  # Redis down: the page still shows what the database knows
        workers = None
    page = Paginator(selectors.events_failed(), FAILED_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "ingest/ops.html",
        {
            "by_status": events_by_status(),
            "waiting": waiting,
            "oldest_age_seconds": (timezone.now() - oldest).total_seconds() if oldest else None,
            "workers": workers,
            "heartbeat_max_age": settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS,
            "page": page,
        },
    )


@login_required
@require_POST
def ops_event_retry(request: HttpRequest, event_id: UUID) -> HttpResponse:
    """Retry one failed event (POST, CSRF-checked); the answer is a message on the page it came from.
    An event that is not failed any more (processed, or already retried) says so: never a 500."""
    _staff(request)
    try:
        attempts = services.event_retry_failed(event_id=event_id, actor=request.user.get_username())
    except problems.Problem as problem:
        messages.error(request, problem.detail)
    else:
        messages.success(request, f"Event {event_id} (after {attempts} attempts) is queued for processing again.")
    back = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=False):
        back = ""
    return HttpResponseRedirect(back if back.startswith("/ops/") else reverse("ops"))
