"""Reads of the scheduling app (permission filtering through the queues the user may work)."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from queues.models import Queue, WorkItem
from queues.selectors import queues_for_user
from scheduling import capacity
from scheduling.models import Appointment, NoShowScore, ProviderSession, SchedulingPolicy

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def scheduling_facilities_for_user(*, user: User) -> list[int]:
    return list(queues_for_user(user=user).filter(kind=Queue.Kind.SCHEDULING).values_list("facility_id", flat=True))


def suggestions_for_review(*, user: User) -> QuerySet[WorkItem]:
    """Open scheduling suggestions in the scheduling queues the user may work."""
    return (
        WorkItem.objects.filter(
            queue__in=queues_for_user(user=user).filter(kind=Queue.Kind.SCHEDULING),
            kind__in=WorkItem.SCHEDULING_KINDS,
            state__in=WorkItem.OPEN_STATES,
        )
        .select_related("queue__facility", "claimed_by")
        .order_by("due_at", "priority")
    )


def group_by_day_and_provider(items) -> list[dict[str, Any]]:
    """[{"day", "provider", "items": [...]}] sorted by day then provider."""
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for item in items:
        score = item.score or {}
        groups[(score.get("day") or item.due_at.date().isoformat(), score.get("provider_id") or "—")].append(item)
    return [{"day": day, "provider": provider, "items": rows} for (day, provider), rows in sorted(groups.items())]


def capacity_rows(*, facility_ids: list[int], start: date, days: int) -> list[dict[str, Any]]:
    """Per provider and day: slots, booked, expected attendance (1 − latest no-show risk), cap."""
    begin = datetime.combine(start, datetime.min.time(), tzinfo=UTC)
    end = begin + timedelta(days=days)
    slots: dict[tuple[str, date], int] = defaultdict(int)
    facility_of: dict[str, int] = {}
    for s in ProviderSession.objects.filter(facility_id__in=facility_ids, starts_at__gte=begin, starts_at__lt=end):
        slots[(s.provider_id, s.starts_at.date())] += s.slots
        facility_of[s.provider_id] = s.facility_id
    appts = list(
        Appointment.objects.filter(
            facility_id__in=facility_ids, starts_at__gte=begin, starts_at__lt=end, status=Appointment.Status.BOOKED
        ).exclude(provider_id="")
    )
    risk: dict[int, float] = {}
    for score in NoShowScore.objects.filter(appointment__in=appts).order_by("created_at"):
        risk[score.appointment_id] = score.probability
    booked: dict[tuple[str, date], int] = defaultdict(int)
    expected: dict[tuple[str, date], float] = defaultdict(float)
    for a in appts:
        key = (a.provider_id, a.starts_at.date())
        booked[key] += 1
        expected[key] += 1 - risk.get(a.pk, 0.0)
        facility_of.setdefault(a.provider_id, a.facility_id)
    caps = {p.facility_id: p.max_overbook_pct for p in SchedulingPolicy.objects.filter(facility_id__in=facility_ids)}
    rows = []
    for key in sorted(set(slots) | set(booked), key=lambda k: (k[1], k[0])):
        provider, day = key
        facility_id = facility_of.get(provider)
        pct = caps.get(facility_id, 0.0) if facility_id is not None else 0.0
        rows.append(
            {
                "provider_id": provider,
                "day": day,
                "slots": slots.get(key, 0),
                "booked": booked.get(key, 0),
                "expected": expected.get(key, 0.0),
                "cap": capacity.overbook_cap(slots.get(key, 0), pct),
            }
        )
    return rows
