"""Reads of the scheduling app (permission filtering through the queues the user may work)."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from queues.models import Queue, WorkItem
from queues.selectors import queues_for_user, viewer_roles
from queues.times import local_text
from scheduling import capacity
from scheduling.capacity import ALTERNATIVE_DAYS
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
        .select_related("queue__facility", "claimed_by", "event")
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
    for score in NoShowScore.objects.filter(appointment__in=appts).exclude(rollout="challenger").order_by("created_at"):
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


# --- batch review: what a scheduler needs to act on a suggestion ---------------------------------
CONTACT_ROLES = frozenset({"scheduler", "manager"})  # may see whom to call and how
KIND_LABELS = {"reminder_call": "Reminder call", "overbook": "Overbook", "slot_offer": "Slot offer"}
POLICY_LABELS = {
    "reminder_threshold": "Reminder call from",
    "max_overbook_pct": "Overbooking cap",
    "hold_urgent_share": "Held for urgent visits",
    "version": "Policy version",
}
CHANNEL_LABELS = {"sms": "Text message (SMS)", "phone": "Phone call", "email": "Email", "none": "No reminder set up"}


def policy_labels(policy: dict[str, Any] | None) -> list[tuple[str, str]]:
    """A suggestion's policy values in words: [("Reminder call from", "30% risk"), ...]."""
    out = []
    order = list(POLICY_LABELS)  # the bounds first, the version last, whatever the stored order
    items = sorted((policy or {}).items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    for key, value in items:
        if key == "reminder_threshold" and isinstance(value, (int, float)):
            text = f"{value:.0%} no-show risk"
        elif key == "max_overbook_pct" and isinstance(value, (int, float)):
            text = f"{value:g}% above the slots"
        elif key == "hold_urgent_share" and isinstance(value, (int, float)):
            text = f"{value:.0%} of the slots"
        else:
            text = str(value)
        out.append((POLICY_LABELS.get(key, key.replace("_", " ").capitalize()), text))
    return out


def _parse(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def suggestion_card(item: WorkItem, *, roles: frozenset[str]) -> dict[str, Any]:
    """One suggestion as the review page and the item page show it (pure but for the event's data,
    which the caller loads with the item)."""
    facility = item.queue.facility
    score = item.score or {}
    raw = item.event.data if item.event_id else None
    data: dict[str, Any] = raw if isinstance(raw, dict) else {}
    found = data.get("patient")
    patient: dict[str, Any] = found if isinstance(found, dict) else {}
    contact = None
    if roles & CONTACT_ROLES and item.kind != WorkItem.Kind.OVERBOOK:
        channel = str(data.get("reminder_channel") or "")
        contact = {
            "name": patient.get("name") or "",
            "mrn": patient.get("mrn") or item.patient_mrn,
            "channel": CHANNEL_LABELS.get(channel, channel or "Not given"),
            "number": patient.get("phone") or "",
        }
    starts = _parse(score.get("starts_at")) or _parse(data.get("starts_at"))
    slots = [t for t in (_parse(s) for s in score.get("slots") or []) if t is not None]
    alternative = _parse(score.get("alternative"))
    if item.kind == WorkItem.Kind.SLOT_OFFER:
        if slots:
            offer = "Offer " + ", ".join(local_text(t, facility) for t in slots)
        elif alternative:
            offer = f"No free slot in the window. Nearest: {local_text(alternative, facility)}"
        else:
            offer = f"No slot within {score.get('alternative_days') or ALTERNATIVE_DAYS} days"
    else:
        offer = ""
    return {
        "id": str(item.pk),
        "item": item,
        "kind": item.kind,
        "kind_label": KIND_LABELS.get(item.kind, item.kind),
        "title": item.title,
        "disposition": score.get("disposition") or "",
        "contact": contact,
        "appointment": local_text(starts, facility) if starts else "",
        "appointment_iso": starts.isoformat() if starts else "",
        "provider": score.get("provider_id") or data.get("provider_id") or "",
        "visit_type": data.get("visit_type") or "",
        "risk": score.get("risk"),
        "k": score.get("k"),
        "expected_attendance": score.get("expected_attendance"),
        "usable_capacity": score.get("usable_capacity"),
        "factors": score.get("factors") or [],
        "policy": policy_labels(score.get("policy")),
        "offer": offer,
        "due": local_text(item.due_at, facility),
        "due_iso": item.due_at.isoformat(),
        "tz": facility.timezone or "UTC",
    }


def review_groups(*, user: User, items: list[WorkItem]) -> list[dict[str, Any]]:
    """The review page's cards, grouped by day and provider, with the viewer's roles applied."""
    roles_at: dict[int, frozenset[str]] = {}
    cards = []
    for item in items:
        fid = item.queue.facility_id
        if fid not in roles_at:
            roles_at[fid] = viewer_roles(user=user, facility=item.queue.facility)
        cards.append(suggestion_card(item, roles=roles_at[fid]))
    groups = group_by_day_and_provider(items)
    by_id = {c["id"]: c for c in cards}
    return [{**g, "cards": [by_id[str(i.pk)] for i in g["items"]]} for g in groups]
