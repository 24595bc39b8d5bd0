"""Appointments as the scoring code sees them (pure): plain data built from an ORM row or a CSV row,
and which of a patient's other appointments were over, outcome known, when one was booked.

Shared by the no-show model (``scheduling.noshow``), the duration model (``scheduling.duration``)
and the public-CSV / synthetic data (``scheduling.data``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

OUTCOMES = ("attended", "no_show", "cancelled")
LABELLED = ("attended", "no_show")


@dataclass
class Appt:
    """One appointment as the scoring code sees it (plain data, built from an ORM row or a CSV row).

    ``extra`` holds site- or source-specific flags that become features (keys starting with "_" are
    metadata, not features: ``_time_estimated`` marks a ``starts_at`` whose clock time is made up).
    """

    appointment_id: str
    patient_id: str
    booked_at: datetime
    starts_at: datetime
    age: int | None
    sex: str | None
    visit_type: str
    department: str
    provider_id: str | None
    reminder_channel: str | None
    duration_min: int | None
    outcome: str | None = None  # "attended" | "no_show" | "cancelled" | None (not known yet)
    extra: dict = field(default_factory=dict)
    facility: str | None = None

    def __post_init__(self) -> None:
        if self.booked_at.tzinfo is None or self.starts_at.tzinfo is None:
            raise ValueError(f"appointment {self.appointment_id}: booked_at and starts_at must be timezone-aware")
        if self.outcome is not None and self.outcome not in OUTCOMES:
            raise ValueError(f"appointment {self.appointment_id}: outcome must be one of {OUTCOMES} or None")


def outcome_known_at(appt: Appt) -> datetime:
    """When the appointment's outcome became known: its start, or the end of its day when the
    clock time is estimated (``extra["_time_estimated"]``, e.g. the public CSV's date-only days)."""
    if appt.extra.get("_time_estimated"):
        day = appt.starts_at.replace(hour=0, minute=0, second=0, microsecond=0)
        return day + timedelta(days=1)
    return appt.starts_at


def known_before(h: Appt, booked_at: datetime) -> bool:
    return h.starts_at < booked_at and outcome_known_at(h) <= booked_at


def history_before(appt: Appt, appts: Iterable[Appt]) -> list[Appt]:
    """The patient's other appointments whose outcome was known when ``appt`` was booked (the
    history ``patient_history_features`` accepts), oldest first."""
    return sorted(
        (
            h
            for h in appts
            if h.patient_id == appt.patient_id
            and h.appointment_id != appt.appointment_id
            and known_before(h, appt.booked_at)
        ),
        key=lambda h: (h.starts_at, h.appointment_id),
    )
