"""The one time format of the scheduling pages (pure): a facility's local time, 24 h."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ALTERNATIVE_DAYS = 14  # how far past the preferred window a slot offer looks for the nearest free slot


class HasTimezone(Protocol):
    timezone: str


def facility_tz(facility: HasTimezone) -> ZoneInfo:
    """The facility's time zone (UTC when its setting is not a known zone)."""
    try:
        return ZoneInfo(facility.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_text(at: datetime, facility: HasTimezone) -> str:
    """One time format: the facility's local time, 24 h (`Wed 02 Dec 14:20`)."""
    return f"{at.astimezone(facility_tz(facility)):%a %d %b %H:%M}"
