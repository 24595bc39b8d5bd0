"""Reads of the queues app. Permission filtering lives here so no view can forget it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from guardian.shortcuts import get_objects_for_user

from queues import visibility
from queues.models import Queue, RoutingPolicy, WorkItem, WorkItemEvent


def queues_for_user(*, user) -> QuerySet[Queue]:
    """The queues a user may work (guardian object permission, via user or group)."""
    if not user or not user.is_authenticated:
        return Queue.objects.none()
    return get_objects_for_user(user, "queues.work_queue", klass=Queue, accept_global_perms=False).select_related(
        "facility"
    )


def queues_with_open_counts(*, user) -> QuerySet[Queue]:
    return (
        queues_for_user(user=user)
        .annotate(open_count=Count("items", filter=Q(items__state__in=WorkItem.OPEN_STATES)))
        .order_by("facility__slug", "slug")
    )


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
        return (
            WorkItem.objects.select_related("queue__facility", "claimed_by", "event")
            .filter(pk=item_id, queue__in=queues_for_user(user=user))
            .first()
        )
    except (ValueError, TypeError, ValidationError):
        return None


def item_lock(*, item_id, user=None) -> WorkItem | None:
    """The item row locked FOR UPDATE — for a person only if they may work its queue (None
    otherwise), so no caller of an action can skip the permission check. `user=None` is the system
    (beat upkeep, escalation steps). Must run inside a transaction.
    of=("self",): claimed_by is a nullable join, and PostgreSQL cannot lock its outer side."""
    items = WorkItem.objects.select_for_update(of=("self",)).select_related("queue", "claimed_by")
    if user is not None:
        items = items.filter(queue__in=queues_for_user(user=user))
    try:
        return items.filter(pk=item_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def policies_for_user(*, user) -> QuerySet[RoutingPolicy]:
    """Policies a user may edit: those of facilities whose queues are owned by one of its groups."""
    if not user or not user.is_authenticated:
        return RoutingPolicy.objects.none()
    facilities = Queue.objects.filter(owner_group__in=user.groups.all()).values("facility")
    policies = RoutingPolicy.objects.select_related("facility")
    return policies if user.is_superuser else policies.filter(facility__in=facilities)


def viewer_roles(*, user, facility) -> frozenset[str]:
    """A user's roles at a facility: the `Queue.role` of every queue they may work there. What of an
    event they are shown follows from these (queues.visibility), never from the item's kind."""
    return frozenset(queues_for_user(user=user).filter(facility=facility).values_list("role", flat=True))


def visible_event_data(item: WorkItem, *, roles) -> dict:
    """The triggering event's data a viewer with these roles may see (queues.visibility): a
    scheduler or coder never gets a message body, whatever queue the item sits in."""
    return visibility.visible_data(item.event.data, roles)


@dataclass(frozen=True)
class ItemMessage:
    """One patient message of an item, with its own AI output (`score`: None if never scored)."""

    event_id: str
    received_at: str
    subject: str
    body: str
    effect: str  # created | updated | realerted: what folding it in did to the item
    score: dict[str, Any] | None
    message_id: str
    channel: str

    @property
    def urgency(self) -> str | None:
        return (self.score or {}).get("urgency")


def item_messages(item: WorkItem) -> list[ItemMessage]:
    """Every patient message of an item — the one that made it and those folded into it — newest
    first, each with its own AI score (the latest TriageScore of that event). Two queries, whatever
    the number of messages.

    A message with no TriageScore of its own (routed without the triage app, e.g. by tests or an older
    install) is given the item's score snapshot if it is the one that set it: the newest message that
    made the item or raised its urgency (last folded in). Not filtered by viewer: a page or API shows it to a person
    only when `visibility.may_see_messages(roles)` (see `item_view_for_user`)."""
    from triage.models import TriageScore
    from triage.services import score_public

    links = list(
        WorkItemEvent.objects.filter(item=item, event__type="PatientMessageReceived")
        .select_related("event")
        .order_by("-event__received_at", "-pk")
    )
    scores: dict[Any, dict[str, Any]] = {}
    for score in TriageScore.objects.filter(event_id__in=[link.event_id for link in links]).order_by(
        "created_at", "pk"
    ):
        scores[score.event_id] = score_public(score)  # the latest model version wins
    raising = [link for link in links if link.effect in (WorkItemEvent.Effect.CREATED, WorkItemEvent.Effect.REALERTED)]
    setter = max(raising, key=lambda link: link.pk).event_id if raising else None  # the last one folded in
    out = []
    for link in links:
        data = link.event.data or {}
        score = scores.get(link.event_id) or (item.score if link.event_id == setter else None)
        out.append(
            ItemMessage(
                event_id=str(link.event_id),
                received_at=data.get("received_at") or link.event.received_at.isoformat(),
                subject=data.get("subject") or "",
                body=data.get("body") or "",
                effect=link.effect,
                score=score,
                message_id=data.get("message_id") or str(link.event_id),
                channel=data.get("channel") or "",
            )
        )
    return out


@dataclass(frozen=True)
class ItemView:
    """An item as one viewer may see it (the API's item detail and the item page both use this)."""

    roles: frozenset[str]
    full: bool  # the viewer may see the data the item is about (its messages, result, appointment)
    data: dict[str, Any]
    score: dict[str, Any] | None
    messages: list[ItemMessage] | None  # None: not a message item, or the viewer may not see bodies
    history: list[tuple[Any, dict[str, Any]]]  # (audit record, its data as this viewer may see it)


def item_view_for_user(*, user, item: WorkItem) -> ItemView:
    """What `user` (who may work the item's queue: see `item_get_for_user`) is shown of `item`:
    event fields by their roles at the item's facility, the AI output and history without message
    quotes unless they may see the item's data, and every message only if they may see bodies."""
    from audit.selectors import audit_records_for

    roles = viewer_roles(user=user, facility=item.queue.facility)
    full = visibility.may_see_kind(roles, item.kind)
    messages = (
        item_messages(item) if item.kind == WorkItem.Kind.MESSAGE and visibility.may_see_messages(roles) else None
    )
    history = [
        (r, visibility.redact_audit_data(r.data, full=full))
        for r in audit_records_for(object_type="work_item", object_id=item.pk)
    ]
    return ItemView(
        roles=roles,
        full=full,
        data=visible_event_data(item, roles=roles),
        score=visibility.redact_score(item.score, full=full),
        messages=messages,
        history=history,
    )
