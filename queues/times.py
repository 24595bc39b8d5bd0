"""The one time format of the staff pages (pure): a facility's local time, 24 h ("Wed 02 Dec 14:20").

Queue rows, the item page's scheduling card and the scheduling review all print times through
`local_text`; an unreadable value, an unknown zone or a date at the edge of the calendar gives ""
(never an exception on a page)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

FORMAT = "%a %d %b %H:%M"


class HasTimezone(Protocol):
    timezone: str


def facility_tz(facility: HasTimezone | str | None) -> ZoneInfo:
    """The facility's time zone (or a zone name); UTC when it is not a known zone."""
    name = facility if isinstance(facility, str) or facility is None else facility.timezone
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_text(at: datetime | str | None, facility: HasTimezone | str | None) -> str:
    """`at` (a datetime, or an ISO string as events carry it) in the facility's local time, 24 h."""
    if isinstance(at, str):
        try:
            at = datetime.fromisoformat(at.replace("Z", "+00:00"))
        except ValueError:
            return ""
    if not isinstance(at, datetime) or at.tzinfo is None:
        return ""
    try:
        return at.astimezone(facility_tz(facility)).strftime(FORMAT)
    except (OverflowError, ValueError):  # year 1 or 9999 pushed off the calendar by the offset
        return ""
