"""Template context for every page (settings TEMPLATES context_processors)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from queues.models import Queue
from queues.selectors import (
    ai_off_notices,
    escalation_recipient_anywhere,
    escalations_waiting_count,
    queues_for_user,
)


def nav(request: HttpRequest) -> dict[str, Any]:
    """Which sections the top navigation offers this user."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    # One query for both: the kinds of queue the user works and their facilities' zones. The page's
    # zone (body data-tz, for times the browser writes) is the zone of the facilities the user works
    # (the first zone name in order if they span several); an item page names its own facility's.
    worked = set(
        queues_for_user(user=user).order_by().values_list("kind", "facility_id", "facility__timezone").distinct()
    )
    zones = sorted({zone for _, _, zone in worked if zone})
    waiting = escalations_waiting_count(user=user)
    return {
        "nav_scheduling": any(kind == Queue.Kind.SCHEDULING for kind, _, _ in worked),
        "facility_tz": zones[0] if zones else "UTC",
        # the escalation inbox: for whoever an escalation step can reach, and anyone one did reach
        "nav_escalations": waiting > 0 or escalation_recipient_anywhere(user=user),
        "escalations_waiting": waiting,
        "ai_off_notices": ai_off_notices(user=user, worked_queues={(kind, f) for kind, f, _ in worked}),
    }
