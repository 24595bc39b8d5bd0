"""Template tags of the coding app: the coding part of the shared item page."""

from __future__ import annotations

from typing import Any

from django import template

from coding.selectors import coding_card as _coding_card
from queues.models import WorkItem

register = template.Library()


@register.simple_tag
def coding_card(item: Any, data: Any = None) -> dict[str, Any] | None:
    """The finding or the signature task of a coding-app item, else None. `data` is the event data
    the viewer may see (queues.visibility, as the item page computed it); the item page has already
    checked that the user may work the item's queue."""
    if not isinstance(item, WorkItem):
        return None
    return _coding_card(item, data=data if isinstance(data, dict) else {})
