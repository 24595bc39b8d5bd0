"""Template context for every page (settings TEMPLATES context_processors)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from queues.models import Queue
from queues.selectors import queues_for_user


def nav(request: HttpRequest) -> dict[str, Any]:
    """Which sections the top navigation offers this user."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    return {"nav_scheduling": queues_for_user(user=user).filter(kind=Queue.Kind.SCHEDULING).exists()}
