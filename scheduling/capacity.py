"""Overbooking and slot suggestions for a provider's day (pure: no Django, no I/O).

``overbook_suggestions`` turns no-show probabilities into a number of extra bookings that stays
under the supervisor's cap; ``slot_suggestions`` lists free slots in a patient's preferred window,
leaving the slots held for urgent add-ons alone. Both only suggest: a scheduler decides.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

# Float products such as 10 * 1.1 land a hair off the integer; nudge before floor/ceil.
ALTERNATIVE_DAYS = 14  # how far past the preferred window a slot offer looks for the nearest free slot

_EPS = 1e-9


@dataclass(frozen=True)
class OverbookPlan:
    k: int  # extra bookings suggested (0 = none)
    expected_attendance: float  # of the booked appointments: sum(1 - p)
    usable_capacity: int  # capacity minus the slots held for urgent add-ons
    cap: int  # most appointments the supervisor allows on the day: floor(capacity x (1 + pct/100))
    held: int  # slots held for urgent add-ons: ceil(capacity x hold_urgent_share)
    booked: int
    expected_after: float  # expected attendance with the k extra bookings
    reason: str

    @property
    def expected(self) -> float:  # short alias of expected_attendance
        return self.expected_attendance

    @property
    def usable(self) -> int:  # short alias of usable_capacity
        return self.usable_capacity


def overbook_cap(capacity: int, max_overbook_pct: float) -> int:
    return math.floor(capacity * (1 + max_overbook_pct / 100) + _EPS)


def held_slots(capacity: int, hold_urgent_share: float) -> int:
    return min(capacity, math.ceil(capacity * hold_urgent_share - _EPS))


def overbook_suggestions(
    *,
    capacity: int,
    booked: Sequence[float],
    max_overbook_pct: float,
    hold_urgent_share: float,
    new_booking_p: float | None = None,
) -> OverbookPlan:
    """How many extra appointments to book on a provider-day, given its booked ones' no-show risks.

    ``booked`` holds one no-show probability per booked appointment; expected attendance is
    sum(1 - p). Usable capacity = capacity - ceil(capacity x hold_urgent_share) (slots held for
    urgent add-ons). Each extra booking is assumed to attend with probability 1 - ``new_booking_p``
    (default: the mean risk of the booked ones, 0 if none, at most 0.95). k is the largest number of
    extra bookings whose expected attendance does not push the total past usable capacity, and never
    more than cap - len(booked) with cap = floor(capacity x (1 + max_overbook_pct / 100)). No
    suggestion (k = 0) when expected attendance already meets usable capacity or the day is at the cap.
    """
    if capacity < 0:
        raise ValueError("capacity must be >= 0")
    if not 0 <= max_overbook_pct:
        raise ValueError("max_overbook_pct must be >= 0")
    if not 0 <= hold_urgent_share <= 1:
        raise ValueError("hold_urgent_share must be between 0 and 1")
    probabilities = [float(p) for p in booked]
    if any(not 0 <= p <= 1 for p in probabilities):  # also refuses NaN
        raise ValueError("no-show probabilities must be between 0 and 1")
    n = len(probabilities)
    expected = sum(1 - p for p in probabilities)
    held = held_slots(capacity, hold_urgent_share)
    usable = capacity - held
    cap = overbook_cap(capacity, max_overbook_pct)
    if new_booking_p is None:
        new_booking_p = sum(probabilities) / n if n else 0.0
    if not 0 <= new_booking_p <= 1:
        raise ValueError("new_booking_p must be between 0 and 1")
    attend = 1 - min(new_booking_p, 0.95)
    room = max(0, cap - n)
    gap = usable - expected

    def plan(k: int, reason: str) -> OverbookPlan:
        return OverbookPlan(
            k=k,
            expected_attendance=round(expected, 3),
            usable_capacity=usable,
            cap=cap,
            held=held,
            booked=n,
            expected_after=round(expected + k * attend, 3),
            reason=reason,
        )

    summary = (
        f"{n} booked, expected attendance {expected:.1f} of {usable} usable slots "
        f"({held} held for urgent add-ons); cap {cap}"
    )
    if gap <= _EPS:
        return plan(0, f"No extra booking: expected attendance already meets usable capacity. {summary}.")
    if room == 0:
        return plan(0, f"No extra booking: the day is at the supervisor's cap. {summary}.")
    wanted = math.floor(gap / attend + _EPS)
    k = min(wanted, room)
    if k == 0:
        return plan(0, f"No extra booking: one more would push expected attendance past usable capacity. {summary}.")
    limited = " (limited by the cap)" if k < wanted else ""
    return plan(
        k,
        f"Book up to {k} more{limited}: expected attendance would be {expected + k * attend:.1f} "
        f"of {usable} usable slots. {summary}.",
    )


def session_slots(start: datetime, end: datetime, slot_minutes: int) -> list[datetime]:
    """Start times of the whole slots of a session [start, end)."""
    if slot_minutes <= 0:
        raise ValueError("slot_minutes must be positive")
    step = timedelta(minutes=slot_minutes)
    slots = []
    t = start
    while t + step <= end:
        slots.append(t)
        t += step
    return slots


def slot_suggestions(
    *,
    preferred_start: datetime,
    preferred_end: datetime,
    sessions: Iterable[tuple[datetime, datetime, int]],
    booked_starts: set[datetime],
    held_share: float,
    limit: int = 5,
) -> list[datetime]:
    """Up to ``limit`` free slot starts, earliest first, whose whole slot lies in [preferred_start, preferred_end].

    ``sessions`` are (start, end, slot_minutes). In each session the last ceil(n_slots x held_share)
    slots are held for urgent add-ons and never suggested; a slot is taken when a booked appointment
    starts within it (``booked_starts``; so bookings off the slot grid block the slot they start in).
    Datetimes must all be timezone-aware (or all naive).
    """
    if not 0 <= held_share <= 1:
        raise ValueError("held_share must be between 0 and 1")
    taken = sorted(booked_starts)
    found: set[datetime] = set()
    for start, end, minutes in sessions:
        slots = session_slots(start, end, minutes)
        held = held_slots(len(slots), held_share)
        step = timedelta(minutes=minutes)
        for slot in slots[: len(slots) - held]:
            i = bisect.bisect_left(taken, slot)
            if i < len(taken) and taken[i] < slot + step:
                continue
            if preferred_start <= slot and slot + step <= preferred_end:
                found.add(slot)
    return sorted(found)[: max(0, limit)]
