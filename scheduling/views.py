"""Scheduler pages: batch review of suggestions, and the capacity view (plotly)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from queues.services.items import OVERRIDE_REASONS, item_view_record
from scheduling import figures, selectors, services


@login_required
def review_page(request):
    """Open suggestions grouped by day and provider, with risk, factors and the policy behind each;
    select many → accept / reject with a reason in one action."""
    facilities = selectors.scheduling_facilities_for_user(user=request.user)
    if not facilities:
        raise Http404("You work no scheduling queue.")
    items = list(selectors.suggestions_for_review(user=request.user)[:500])
    item_view_record(user=request.user, items=items, fields=["appointment", "risk"], action="phi.listed")
    return render(
        request,
        "scheduling/review.html",
        {
            "idle_seconds": settings.SESSION_COOKIE_AGE,
            "groups": selectors.review_groups(user=request.user, items=items),
            "count": len(items),
            "undo_minutes": services.UNDO_MINUTES,
            "reasons": OVERRIDE_REASONS,
            "page_config": {"me": request.user.username},
        },
    )


MAX_UNDO = 500  # as many as the review page lists


@login_required
@require_POST
def review_undo(request):
    """Undo the scheduler's own batch accept or reject: {"items": [ids]} → {"reopened", "failed"}.
    Bad input is a 400 with the field named, never a 500."""
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        body = None
    ids = body.get("items") if isinstance(body, dict) else None
    if not isinstance(ids, list) or not ids or len(ids) > MAX_UNDO or not all(isinstance(i, str) for i in ids):
        return JsonResponse(
            {
                "title": "The undo request is invalid.",
                "errors": [{"field": "items", "message": f"must be a list of 1 to {MAX_UNDO} item ids"}],
            },
            status=400,
        )
    if not selectors.scheduling_facilities_for_user(user=request.user):
        return JsonResponse({"title": "You work no scheduling queue."}, status=404)
    return JsonResponse(services.suggestions_undo(item_ids=ids, user=request.user))


@login_required
def capacity_page(request):
    """Per provider and day: booked vs expected attendance vs capacity (and the overbook cap)."""
    facilities = selectors.scheduling_facilities_for_user(user=request.user)
    if not facilities:
        raise Http404("You work no scheduling queue.")
    try:
        days = max(1, min(int(request.GET.get("days", 10)), 31))
    except ValueError:
        days = 10
    start = timezone.now().date()
    rows = selectors.capacity_rows(facility_ids=facilities, start=start, days=days)
    # The figure goes to the page as JSON (json_script), drawn by capacity.js after plotly.js has
    # loaded: an inline Plotly.newPlot would run before the library and never draw.
    chart = json.loads(figures.capacity_figure(rows).to_json())
    return render(
        request,
        "scheduling/capacity.html",
        {
            "idle_seconds": settings.SESSION_COOKIE_AGE,
            "rows": rows,
            "chart": chart,
            "plotly_version": _plotly_version(),
            "days": days,
            "start": start,
            "end": start + timedelta(days=days - 1),
            "page_config": {"me": request.user.username},
        },
    )


def _plotly_version() -> str:
    import plotly

    return str(plotly.__version__)


def _plotly_file() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


@require_GET
@cache_control(max_age=365 * 86400, public=True, immutable=True)
def plotly_js(request):
    """plotly.min.js as shipped in the installed plotly package (no CDN: hospital networks are often
    closed). The page links it with the package version in the query, so browsers fetch it once
    per version and cache it for a year."""
    path = _plotly_file()
    if not path.exists():  # pragma: no cover - a plotly install without its bundled library
        from plotly.offline import get_plotlyjs

        return HttpResponse(get_plotlyjs(), content_type="application/javascript")
    return FileResponse(path.open("rb"), content_type="application/javascript")
