"""The "Dashboards" link of the top navigation: only for users who manage a workflow."""

from __future__ import annotations

from typing import Any

from django import template

from dashboards import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def manages_workflows(context: dict[str, Any]) -> bool:
    """Whether the signed-in user manages any workflow (one query, kept on the request)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return False
    if not hasattr(request, "_manages_workflows"):
        request._manages_workflows = selectors.manages_any(user=user)
    return bool(request._manages_workflows)
