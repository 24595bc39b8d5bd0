"""Reads of the queues app. Permission filtering lives here so no view can forget it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from guardian.shortcuts import get_objects_for_user

from queues.models import Queue, RoutingPolicy, WorkItem


def queues_for_user(*, user) -> QuerySet[Queue]:
    """The queues a user may work (guardian object permission, via user or group)."""
    if not user or not user.is_authenticated:
        return Queue.objects.none()
    return get_objects_for_user(user, "queues.work_queue", klass=Queue, accept_global_perms=False).select_related(
        "facility"
    )


def queues_with_open_counts(*, user) -> QuerySet[Queue]:
    return queues_for_user(user=user).annotate(
        open_count=Count("items", filter=Q(items__state__in=WorkItem.OPEN_STATES))
    ).order_by("facility__slug", "slug")


def queue_get_for_user(*, user, slug: str) -> Queue | None:
    return queues_for_user(user=user).filter(slug=slug).first()


ITEM_ORDER = ("tier_rank", "priority", "due_at", "created_at")


def items_for_queue(*, queue: Queue, state: str | None = None, tier: str | None = None) -> QuerySet[WorkItem]:
    """Items of a queue the caller already may see, ordered by tier, priority, due-by.
    `state=open` means every not-yet-resolved state."""
    items = WorkItem.objects.filter(queue=queue).select_related("queue", "claimed_by")
    if state == "open" or state is None:
        items = items.filter(state__in=WorkItem.OPEN_STATES)
    elif state != "all":
        items = items.filter(state=state)
    if tier:
        items = items.filter(tier=tier)
    return items.order_by(*ITEM_ORDER)


def item_get_for_user(*, user, item_id) -> WorkItem | None:
    """An item, only if the user may work its queue."""
    try:
        return (WorkItem.objects.select_related("queue__facility", "claimed_by", "event")
                .filter(pk=item_id, queue__in=queues_for_user(user=user)).first())
    except (ValueError, TypeError, ValidationError):
        return None


def policies_for_user(*, user) -> QuerySet[RoutingPolicy]:
    """Policies a user may edit: those of facilities whose queues are owned by one of its groups."""
    if not user or not user.is_authenticated:
        return RoutingPolicy.objects.none()
    facilities = Queue.objects.filter(owner_group__in=user.groups.all()).values("facility")
    policies = RoutingPolicy.objects.select_related("facility")
    return policies if user.is_superuser else policies.filter(facility__in=facilities)


# What of an item's triggering event each kind of work shows (a scheduling suggestion never
# carries a message body).
MESSAGE_FIELDS = ("message_id", "channel", "subject", "body", "received_at", "department")
LAB_FIELDS = ("result_id", "code", "value", "unit", "reference_low", "reference_high", "abnormal_flag",
              "resulted_at", "ordering_provider_id")
PATIENT_FIELDS = ("mrn", "name", "birth_date", "sex")

APPOINTMENT_FIELDS = ("appointment_id", "request_id", "department", "provider_id", "visit_type", "booked_at",
                      "starts_at", "duration_min", "reminder_channel", "preferred_start", "preferred_end",
                      "requested_at")


def visible_event_data(item: WorkItem) -> dict:
    """The triggering event's data a worker of this item's queue needs to act — nothing more
    (a scheduling suggestion never carries a message body)."""
    data = item.event.data
    if item.kind == WorkItem.Kind.MESSAGE:
        fields = MESSAGE_FIELDS
    elif item.kind == WorkItem.Kind.LAB_RESULT:
        fields = LAB_FIELDS
    else:
        fields = APPOINTMENT_FIELDS
    shown = {k: data[k] for k in fields if k in data}
    patient = data.get("patient") or {}
    shown["patient"] = {k: patient[k] for k in PATIENT_FIELDS if k in patient}
    return shown
