"""No-show features (pure): only what is known when the appointment is booked, with a leakage guard
on the patient's history (see the package docstring)."""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from scheduling.appts import LABELLED, Appt, known_before, outcome_known_at

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LEAD_BANDS = (
    (0, "same day"),
    (1, "1-2 days"),
    (3, "3-7 days"),
    (8, "8-14 days"),
    (15, "15-30 days"),
    (31, "31-60 days"),
    (61, "61+ days"),
)
AGE_BANDS = ((0, "0-11"), (12, "12-17"), (18, "18-29"), (30, "30-44"), (45, "45-64"), (65, "65-79"), (80, "80+"))
LEAD_DAYS_CAP, AGE_CAP = 180, 100
# Shrinkage of the patient's own no-show rate towards PRIOR_RATE, worth PRIOR_WEIGHT visits.
PRIOR_RATE, PRIOR_WEIGHT = 0.2, 2.0


class LeakageError(ValueError):
    """A feature would use an appointment whose outcome was not known at booking time."""


def patient_history_features(appt: Appt, history: Sequence[Appt]) -> dict[str, Any]:
    """Counts over the patient's earlier appointments, as known when ``appt`` was booked.

    ``history`` must hold only this patient's appointments whose outcome was known before
    ``appt.booked_at`` (``history_before`` selects them). Raises ``LeakageError`` if any started at
    or after ``appt.booked_at`` (or, time estimated, on a day not over by then), or is ``appt``
    itself; ``ValueError`` if one belongs to another patient. Appointments with no outcome recorded
    are ignored.
    """
    for h in history:
        if h.appointment_id == appt.appointment_id:
            raise LeakageError(f"appointment {appt.appointment_id} is in its own history")
        if h.patient_id != appt.patient_id:
            raise ValueError(f"history appointment {h.appointment_id} belongs to another patient")
        if not known_before(h, appt.booked_at):
            raise LeakageError(
                f"history appointment {h.appointment_id} (starts {h.starts_at.isoformat()}) was not over when "
                f"appointment {appt.appointment_id} was booked ({appt.booked_at.isoformat()})"
            )
    visits = sorted((h for h in history if h.outcome in LABELLED), key=lambda h: (h.starts_at, h.appointment_id))
    n = len(visits)
    no_shows = sum(h.outcome == "no_show" for h in visits)
    return {
        "prior_visits": n,
        "prior_no_shows": no_shows,
        "prior_attended": n - no_shows,
        "prior_cancellations": sum(h.outcome == "cancelled" for h in history),
        "prior_no_show_rate": no_shows / n if n else 0.0,
        "last_was_no_show": bool(visits) and visits[-1].outcome == "no_show",
    }


def lead_days(appt: Appt) -> int:
    """Calendar days from booking to start, in ``starts_at``'s timezone (0 = same day; never negative)."""
    booked = appt.booked_at.astimezone(appt.starts_at.tzinfo)
    return max(0, (appt.starts_at.date() - booked.date()).days)


def _band(value: int, bands: tuple[tuple[int, str], ...]) -> str:
    label = bands[0][1]
    for low, name in bands:
        if value >= low:
            label = name
    return label


def age_band(age: int | None) -> str:
    return "unknown" if age is None or age < 0 else _band(age, AGE_BANDS)


def appointment_features(appt: Appt, history: Sequence[Appt]) -> dict[str, float | str]:
    """The model's input for one appointment: booking-time facts + ``patient_history_features``."""
    lead = lead_days(appt)
    hist = patient_history_features(appt, history)
    n, no_shows = hist["prior_visits"], hist["prior_no_shows"]
    booked = appt.booked_at.astimezone(appt.starts_at.tzinfo)
    features: dict[str, float | str] = {
        "lead_band": _band(lead, LEAD_BANDS),
        "lead_log": math.log1p(lead),
        # numeric twins of the bands: trees find their own cut points (the logistic head gets a
        # little slope within a band); the booking's hour of day is known when it is made
        "lead_days": float(min(lead, LEAD_DAYS_CAP)),
        "booked_hour": float(booked.hour),
        "weekday": WEEKDAYS[appt.starts_at.weekday()],
        "hour": "unknown" if appt.extra.get("_time_estimated") else f"{appt.starts_at.hour:02d}",
        "visit_type": appt.visit_type or "unknown",
        "department": appt.department or "unknown",
        "hist_none": float(n == 0),
        "hist_visits_log": math.log1p(n),
        "hist_no_shows": float(min(no_shows, 5)),
        "hist_rate": (no_shows + PRIOR_RATE * PRIOR_WEIGHT) / (n + PRIOR_WEIGHT),
        "hist_last_no_show": float(hist["last_was_no_show"]),
        "hist_cancellations_log": math.log1p(hist["prior_cancellations"]),
    }
    # Not recorded -> key left out: the model treats it as the training average (no contribution).
    if appt.age is not None and appt.age >= 0:
        features["age_band"] = age_band(appt.age)
        features["age_years"] = float(min(appt.age, AGE_CAP))
    if history:
        last = max(h.starts_at for h in history)
        features["hist_days_since_last"] = math.log1p(max(0.0, (appt.booked_at - last).total_seconds() / 86400))
    if appt.sex:
        features["sex"] = appt.sex.upper()
    if appt.facility:
        features["facility"] = appt.facility
    if appt.reminder_channel:
        features["reminder"] = appt.reminder_channel
    for key in sorted(appt.extra):
        value = appt.extra[key]
        if key.startswith("_") or value is None:
            continue
        features[f"x_{key}"] = float(value) if isinstance(value, bool | int | float) else str(value)
    return features


def _label(appt: Appt) -> int | None:
    return {"no_show": 1, "attended": 0}.get(appt.outcome or "")


def build_features(appts: Sequence[Appt]) -> tuple[list[dict[str, float | str]], list[int | None]]:
    """Features of every appointment (input order) computed from the others in ``appts``, and labels
    (1 = no-show, 0 = attended, None = cancelled or not known yet).

    Each appointment's history is the same patient's appointments in ``appts`` whose outcome was
    known at its ``booked_at`` — so adding a later appointment, or changing its outcome, never
    changes an earlier booking's features (a test proves it).
    """
    by_patient: dict[str, list[Appt]] = defaultdict(list)
    for a in appts:
        by_patient[a.patient_id].append(a)
    ordered: dict[str, tuple[list[Appt], list[datetime]]] = {}
    for pid, items in by_patient.items():
        items.sort(key=lambda h: (outcome_known_at(h), h.starts_at, h.appointment_id))
        ordered[pid] = (items, [outcome_known_at(h) for h in items])
    features = []
    for a in appts:
        items, known = ordered[a.patient_id]
        # candidates: outcome known at or before booking; then the strict start test
        cut = bisect.bisect_right(known, a.booked_at)
        history = [h for h in items[:cut] if h.appointment_id != a.appointment_id and h.starts_at < a.booked_at]
        features.append(appointment_features(a, history))
    return features, [_label(a) for a in appts]
