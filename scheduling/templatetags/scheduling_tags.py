"""Template tags of the scheduling app: the scheduling part of the shared item page."""

from __future__ import annotations

from typing import Any

from django import template

from queues.models import WorkItem
from queues.selectors import viewer_roles
from scheduling.selectors import suggestion_card

register = template.Library()


@register.simple_tag
def scheduling_card(item: Any, user: Any) -> dict[str, Any] | None:
    """The suggestion as the scheduler reads it (patient and contact for the roles that may call,
    local times, policy in words, the offer), or None for an item that is not a scheduling one.
    The item page has already checked the user may work the item's queue."""
    if not isinstance(item, WorkItem) or item.kind not in WorkItem.SCHEDULING_KINDS or user is None:
        return None
    return suggestion_card(item, roles=viewer_roles(user=user, facility=item.queue.facility))
