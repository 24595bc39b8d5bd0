"""Reads of the FHIR endpoints."""

from __future__ import annotations

import uuid
from typing import Any

from ingest.models import IntegrationSource
from ingest.selectors import sources_acted_for
from queues.models import WorkItem


def item_for_source(*, source: IntegrationSource, item_id: Any) -> tuple[WorkItem, str | None] | None:
    """A work item this source may follow: made from its own event, or from the event of a source it
    acts for (IntegrationSource.acts_for); with the username of whoever claimed it. None otherwise."""
    try:
        pk = uuid.UUID(str(item_id))
    except (ValueError, TypeError, AttributeError):
        return None
    item = (
        WorkItem.objects.select_related("queue", "event", "claimed_by")
        .filter(pk=pk, event__integration_source_id__in=sources_acted_for(source=source))
        .first()
    )
    if item is None:
        return None
    return item, (item.claimed_by.username if item.claimed_by_id and item.claimed_by else None)
