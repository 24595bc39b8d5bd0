"""Factories for scheduling: provider sessions (capacity is data a manager edits: no service writes
it) and the facility's scheduling policy, made by `scheduling_policy_ensure` and changed by
`scheduling_policy_update`."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import factory
from django.utils import timezone

from queues.models import Facility
from scheduling.models import ProviderSession, SchedulingPolicy
from scheduling.services import scheduling_policy_ensure, scheduling_policy_update


class ProviderSessionFactory(factory.django.DjangoModelFactory[ProviderSession]):
    """One bookable session (`facility` is required): 08:00–12:00 UTC the day after tomorrow, 20-minute
    slots, unless the test says otherwise."""

    class Meta:
        model = ProviderSession

    provider_id = "dr-lee"
    department = "cardiology"
    starts_at = factory.LazyFunction(
        lambda: datetime.combine(timezone.now().date() + timedelta(days=2), time(8), tzinfo=UTC)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=4))
    slot_minutes = 20


def provider_sessions(
    facility: Facility,
    provider_id: str = "dr-lee",
    department: str = "cardiology",
    *,
    days: range = range(-7, 21),
) -> list[ProviderSession]:
    """A provider's weekday sessions 08:00–12:00 and 13:00–17:00 UTC (12 + 12 slots of 20 minutes a
    day) from `days` before to after today, as seed_demo gives its providers."""
    today = timezone.now().date()
    sessions = []
    for offset in days:
        day: date = today + timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        for start, end in ((time(8), time(12)), (time(13), time(17))):
            sessions.append(
                ProviderSessionFactory.create(
                    facility=facility,
                    provider_id=provider_id,
                    department=department,
                    starts_at=datetime.combine(day, start, tzinfo=UTC),
                    ends_at=datetime.combine(day, end, tzinfo=UTC),
                )
            )
    return sessions


def scheduling_policy(facility: Facility, *, actor: str = "manager", **changes: Any) -> SchedulingPolicy:
    """The facility's scheduling policy (made with its defaults the first time), with these changes
    applied through the service: validated, versioned and audited."""
    policy = scheduling_policy_ensure(facility=facility)
    return scheduling_policy_update(policy=policy, changes=changes, actor=actor) if changes else policy
