"""Scheduler pages: batch review of suggestions, and the capacity view (plotly)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from queues.services.items import OVERRIDE_REASONS, item_view_record
from scheduling import figures, selectors


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
            "groups": selectors.group_by_day_and_provider(items),
            "count": len(items),
            "reasons": OVERRIDE_REASONS,
            "page_config": {"me": request.user.username},
        },
    )


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
    chart = figures.capacity_figure(rows).to_html(
        full_html=False, include_plotlyjs=False, config={"displaylogo": False, "responsive": True}
    )
    return render(
        request,
        "scheduling/capacity.html",
        {
            "idle_seconds": settings.SESSION_COOKIE_AGE,
            "rows": rows,
            "chart": chart,
            "days": days,
            "start": start,
            "end": start + timedelta(days=days - 1),
            "page_config": {"me": request.user.username},
        },
    )


@require_GET
@cache_control(max_age=86400, public=True)
def plotly_js(request):
    """plotly.js from the installed plotly package (no CDN: hospital networks are often closed)."""
    from plotly.offline import get_plotlyjs

    return HttpResponse(get_plotlyjs(), content_type="application/javascript")
