"""The one time format of the staff pages, as template filters (queues.times.local_text).

    {% load clinflow_times %}
    {{ h.at|local:item.queue.facility }}     -> "Wed 02 Dec 14:20" in the facility's zone, 24 h
    {{ value|local_if_time:facility }}       -> the same for a date-time, any other value unchanged

`local` takes a datetime or an ISO 8601 string and a facility (or a zone name); anything it cannot
place on the facility's clock (None, garbage, a naive datetime, a date pushed off the calendar by
the zone's offset) gives "", never an exception on a page."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django import template

from queues.times import local_text

register = template.Library()

ISO_DATETIME = re.compile(r"^\d{4}-\d\d-\d\d[T ]\d\d:\d\d")


@register.filter(name="local")
def local(value: Any, facility: Any = None) -> str:
    """`value` in the facility's local time, 24 h; "" when it is not a time with a zone."""
    if not isinstance(value, datetime | str):
        return ""
    return local_text(value, _zone(facility))


@register.filter(name="local_if_time")
def local_if_time(value: Any, facility: Any = None) -> Any:
    """A date-time (object or ISO string) in the one format, "" when it cannot be placed on the
    facility's clock (as `local`); any other value (a number, a date, free text) as it is."""
    if isinstance(value, datetime) or (isinstance(value, str) and ISO_DATETIME.match(value)):
        return local_text(value, _zone(facility))
    return value


def _zone(facility: Any) -> Any:
    """A facility (anything with a string `timezone`), a zone name, or UTC for anything else."""
    if isinstance(facility, str):
        return facility
    zone = getattr(facility, "timezone", None)
    return zone if isinstance(zone, str) else None
