"""Reads of the queues app. Permission filtering lives here so no view can forget it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Case, Count, F, IntegerField, Max, Min, Q, QuerySet, Value, When
from django.utils import timezone
from guardian.shortcuts import get_objects_for_user, get_users_with_perms

from queues import hooks, routing, visibility
from queues.models import (
    Connection,
    DeliveryPreference,
    DigestEntry,
    InterruptDelivery,
    Queue,
    RoutingPolicy,
    SiteControl,
    Workflow,
    WorkItem,
    WorkItemEvent,
)
from vocabulary import URGENCY_PRIORITY

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)


def queues_for_user(*, user: User) -> QuerySet[Queue]:
    """The queues a user may work (guardian object permission, via user or group)."""
    if not user or not user.is_authenticated:
        return Queue.objects.none()
    return get_objects_for_user(user, "queues.work_queue", klass=Queue, accept_global_perms=False).select_related(
        "facility"
    )


def queues_with_open_counts(*, user: User) -> QuerySet[Queue]:
    return (
        queues_for_user(user=user)
        .annotate(open_count=Count("items", filter=Q(items__state__in=WorkItem.OPEN_STATES)))
        .order_by("facility__slug", "slug")
    )


def queue_get_for_user(*, user: User, slug: str) -> Queue | None:
    return queues_for_user(user=user).filter(slug=slug).first()


ITEM_ORDER = ("tier_rank", "priority", "due_at", "created_at")


def items_for_queue(*, queue: Queue, state: str | None = None, tier: str | None = None) -> QuerySet[WorkItem]:
    """Items of a queue the caller already may see, ordered by tier, priority, due-by.
    `state=open` means every not-yet-resolved state."""
    items = WorkItem.objects.filter(queue=queue).select_related("queue__facility", "claimed_by", "event")
    if state == "open" or state is None:
        items = items.filter(state__in=WorkItem.OPEN_STATES)
    elif state != "all":
        items = items.filter(state=state)
    if tier:
        items = items.filter(tier=tier)
    return items.order_by(*ITEM_ORDER)


def queues_with_work_counts(*, user: User, now: datetime | None = None) -> QuerySet[Queue]:
    """The user's queues with open, emergent and overdue counts (one query: the sidebar)."""
    now = now or timezone.now()
    open_q = Q(items__state__in=WorkItem.OPEN_STATES)
    return queues_with_open_counts(user=user).annotate(
        emergent_count=Count("items", filter=open_q & Q(items__urgency="emergent")),
        overdue_count=Count("items", filter=open_q & Q(items__due_at__lt=now)),
    )


def items_my_work(
    *,
    user: User,
    queue_slug: str = "",
    urgency: str = "",
    overdue: bool = False,
    now: datetime | None = None,
) -> QuerySet[WorkItem]:
    """ "My work": the open items of every queue the user may work, emergent first (so the review
    queue's emergent items sit on top), then due-by; filtered by queue slug, urgency, overdue."""
    now = now or timezone.now()
    items = WorkItem.objects.filter(
        queue__in=queues_for_user(user=user), state__in=WorkItem.OPEN_STATES
    ).select_related("queue__facility", "claimed_by", "event")
    if queue_slug:
        items = items.filter(queue__slug=queue_slug)
    if urgency:
        items = items.filter(urgency=urgency)
    if overdue:
        items = items.filter(due_at__lt=now)
    rank = Case(
        *(When(urgency=key, then=Value(value)) for key, value in URGENCY_PRIORITY.items()),
        default=Value(9),
        output_field=IntegerField(),
    )
    return items.annotate(urgency_rank=rank).order_by("urgency_rank", F("due_at").asc(nulls_last=True), "created_at")


def item_next_in_view(*, user: User, item: WorkItem, view_from: str) -> WorkItem | None:
    """The next open item of the view the user came from ("my-work", else the item's own queue),
    in that view's order, after this one (the first one if this one is no longer in the list)."""
    if view_from == "my-work":
        candidates = list(items_my_work(user=user).values_list("pk", flat=True)[:500])
    else:
        candidates = list(items_for_queue(queue=item.queue, state="open").values_list("pk", flat=True)[:500])
    if item.pk in candidates:
        index = candidates.index(item.pk)
        rest = candidates[index + 1 :] + candidates[:index]
    else:
        rest = candidates
    return WorkItem.objects.filter(pk=rest[0]).first() if rest else None


def viewer_roles_by_facility(*, user: User) -> dict[int, frozenset[str]]:
    """A user's roles at each facility they work (one query), for `visibility.visible_data`."""
    roles: dict[int, set[str]] = {}
    for facility_id, role in queues_for_user(user=user).values_list("facility_id", "role"):
        roles.setdefault(facility_id, set()).add(role)
    return {key: frozenset(value) for key, value in roles.items()}


def item_get_for_user(*, user: User, item_id) -> WorkItem | None:
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


def policies_for_user(*, user: User) -> QuerySet[RoutingPolicy]:
    """Policies a user may edit: those of facilities whose queues are owned by one of its groups."""
    if not user or not user.is_authenticated:
        return RoutingPolicy.objects.none()
    facilities = Queue.objects.filter(owner_group__in=user.groups.all()).values("facility")
    policies = RoutingPolicy.objects.select_related("facility")
    return policies if user.is_superuser else policies.filter(facility__in=facilities)


def viewer_roles(*, user: User, facility) -> frozenset[str]:
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
    only when `visibility.may_see_messages(roles)` (see `item_view_for_user`). The scores come from
    the apps that registered with `queues.hooks.provides_message_scores` (triage)."""
    links = list(
        WorkItemEvent.objects.filter(item=item, event__type="PatientMessageReceived")
        .select_related("event")
        .order_by("-event__received_at", "-pk")
    )
    scores = hooks.message_scores(link.event_id for link in links)
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


def item_view_for_user(*, user: User, item: WorkItem) -> ItemView:
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
        for r in audit_records_for(object_type="work_item", object_id=str(item.pk))
    ]
    return ItemView(
        roles=roles,
        full=full,
        data=visible_event_data(item, roles=roles),
        score=visibility.redact_score(item.score, full=full),
        messages=messages,
        history=history,
    )


# --- delivery: preferences, presence, followers, interrupts ------------------------------------
def preference_for(*, user: User) -> DeliveryPreference:
    """A user's delivery controls: their saved row, or the defaults (unsaved) if they never changed
    them. Never writes."""
    prefs = DeliveryPreference.objects.filter(user=user).first()
    return prefs if prefs is not None else DeliveryPreference(user=user)


def preferences_for(*, users: list) -> dict[int, DeliveryPreference]:
    """`preference_for` of many users in one query, by user id."""
    saved = {p.user_id: p for p in DeliveryPreference.objects.filter(user__in=users)}
    return {u.pk: saved.get(u.pk) or DeliveryPreference(user=u) for u in users}


def preference_followed_queues(*, prefs: DeliveryPreference) -> list[Queue]:
    """The queues a user picked to follow (none while their controls are the unsaved defaults)."""
    if prefs.pk is None:
        return []
    return list(prefs.followed_queues.order_by("slug"))


def connected_user_ids(*, now: datetime | None = None) -> set[int]:
    """Users with a live socket (one that pinged within PRESENCE_TIMEOUT_SECONDS)."""
    cutoff = (now or timezone.now()) - timedelta(seconds=routing.PRESENCE_TIMEOUT_SECONDS)
    return set(Connection.objects.filter(last_seen__gte=cutoff).values_list("user_id", flat=True))


def queue_followers(*, queue: Queue) -> list[User]:
    """Active users who may work the queue and follow it (everyone follows by default)."""
    # without attach_perms guardian returns a queryset of users (its stubs also allow a list of names)
    holders = cast(
        "QuerySet[User]", get_users_with_perms(queue, with_group_users=True, only_with_perms_in=["work_queue"])
    )
    followers = get_user_model().objects.filter(pk__in=[u.pk for u in holders], is_active=True)
    followers = followers.filter(
        Q(delivery__isnull=True) | Q(delivery__follow_all=True) | Q(delivery__followed_queues=queue)
    ).distinct()
    return list(followers)


def interrupts_recent_count(*, user: User, since: datetime) -> int:
    """Interrupts (not tasks) delivered to the user since `since`: what their hourly cap counts."""
    return InterruptDelivery.objects.filter(
        user=user, delivered_as=InterruptDelivery.As.INTERRUPT, delivered_at__gte=since
    ).count()


def item_alert_reached(*, item: WorkItem, alert_no: int) -> bool:
    """Someone took this alert of the item as an interrupt (in any delivery run)."""
    return InterruptDelivery.objects.filter(
        item=item, alert_no=alert_no, escalation=False, delivered_as=InterruptDelivery.As.INTERRUPT
    ).exists()


def interrupts_pending_for(*, user: User) -> list[InterruptDelivery]:
    """Interrupts shown to the user and not yet acknowledged, of items still open (a reloaded page
    shows them again)."""
    return list(
        InterruptDelivery.objects.filter(
            user=user,
            delivered_as=InterruptDelivery.As.INTERRUPT,
            acknowledged_at__isnull=True,
            item__state__in=WorkItem.OPEN_STATES,
        )
        .select_related("item__queue__facility", "item__claimed_by", "item__event")
        .order_by("delivered_at")
    )


def items_lost_delivery(*, cutoff: datetime, limit: int = 200) -> list[tuple[Any, int]]:
    """(item id, alert number) of open items whose current alert was raised before `cutoff` and
    that per-user delivery never ran for (their deliver_item task was lost), most urgent first."""
    return list(
        WorkItem.objects.filter(
            state__in=WorkItem.OPEN_STATES, delivered_alert_no__lt=F("alert_count"), updated_at__lte=cutoff
        )
        .order_by("tier_rank", "priority", "updated_at")
        .values_list("pk", "alert_count")[:limit]
    )


def digests_pending(*, user_ids: set[int]) -> list[tuple[DeliveryPreference, list[DigestEntry]]]:
    """Of these users, those with suggestions held for a digest: (their controls, the held entries
    oldest first)."""
    pending = set(DigestEntry.objects.filter(delivered_at__isnull=True).values_list("user_id", flat=True).distinct())
    out = []
    for prefs in DeliveryPreference.objects.filter(user_id__in=pending & user_ids).select_related("user"):
        entries = list(
            DigestEntry.objects.filter(user=prefs.user, delivered_at__isnull=True)
            .select_related("item__queue", "item__claimed_by")
            .order_by("created_at")
        )
        if entries:
            out.append((prefs, entries))
    return out


# --- escalation -------------------------------------------------------------------------------
class EscalationRecipients(NamedTuple):
    group: str  # the group's name ("superusers" for the fallback)
    users: list[Any]
    fallback: bool  # no on-call group with an active member: the superusers


def escalation_recipients(*, item: WorkItem, level: int) -> EscalationRecipients:
    """Who an escalation step interrupts. Level 1 is the queue's owner group; level 2 the
    facility's on-call group, or, when the facility has none (or nobody active in it), the active
    superusers, so the chain never ends in nobody (logged as an error: someone must fix it)."""
    if level < routing.ESCALATION_ONCALL:
        owner = item.queue.owner_group
        users = list(owner.user_set.filter(is_active=True))
        if not users:
            logger.error(
                "escalation of item %s reaches nobody: owner group %r of %s has no active member",
                item.pk,
                owner.name,
                item.queue.slug,
            )
        return EscalationRecipients(owner.name, users, False)
    facility = item.queue.facility
    oncall = facility.oncall_group
    users = list(oncall.user_set.filter(is_active=True)) if oncall else []
    if oncall is not None and users:
        return EscalationRecipients(oncall.name, users, False)
    logger.error(
        "facility %s has no on-call group with an active member: escalating item %s to the superusers",
        facility.slug,
        item.pk,
    )
    superusers = list(get_user_model().objects.filter(is_superuser=True, is_active=True))
    return EscalationRecipients("superusers", superusers, True)


def item_escalation_last_alert_no(*, item: WorkItem) -> int | None:
    """The alert number of the item's last escalation step (None before the first)."""
    return InterruptDelivery.objects.filter(item=item, escalation=True).aggregate(m=Max("alert_no"))["m"]


def item_escalation_facts(*, item: WorkItem) -> tuple[datetime | None, datetime | None]:
    """(alerted_at, acknowledged_at) for queues.routing.escalation_due: when the current alert
    first interrupted someone, and the last acknowledgement — the item's own, or a delivery's
    acknowledged before items recorded acknowledged_at."""
    facts = InterruptDelivery.objects.filter(item=item).aggregate(
        alerted_at=Min(
            "delivered_at",
            filter=Q(escalation=False, alert_no=item.alert_count, delivered_as=InterruptDelivery.As.INTERRUPT),
        ),
        acknowledged_at=Max("acknowledged_at"),
    )
    acknowledged = max((t for t in (item.acknowledged_at, facts["acknowledged_at"]) if t), default=None)
    return facts["alerted_at"], acknowledged


def items_escalation_candidates(*, now: datetime, interval: timedelta, limit: int = 500) -> list[Any]:
    """Ids of items that may need an escalation step now — SLA breaches, interrupts nobody
    acknowledged, escalations nobody acknowledged. These queries only narrow the candidates down:
    each one is decided again on its locked row (queues.routing.escalation_due)."""
    since = now - interval
    live = WorkItem.objects.filter(state__in=routing.ESCALATING_STATES, tier__in=("task", "interrupt"))
    breached = live.filter(escalation_level=0, due_at__lte=now)  # index item_state_due
    unacknowledged = (
        InterruptDelivery.objects.filter(
            escalation=False,
            delivered_as=InterruptDelivery.As.INTERRUPT,
            acknowledged_at__isnull=True,
            delivered_at__lte=since,
            alert_no=F("item__alert_count"),
            item__escalation_level=0,
            item__tier="interrupt",
            item__state__in=routing.ESCALATING_STATES,
        )
        .filter(Q(item__acknowledged_at__isnull=True) | Q(item__acknowledged_at__lt=F("delivered_at")))
        .values_list("item_id", flat=True)
        .distinct()
    )
    waiting = (
        live.filter(escalation_level__gte=1, escalated_at__lte=since)
        .filter(Q(acknowledged_at__isnull=True) | Q(acknowledged_at__lte=F("escalated_at")))
        .filter(Q(escalation_level__gte=2) | Q(priority__lte=routing.ONCALL_MAX_PRIORITY))
    )
    return list(
        dict.fromkeys(
            [
                *breached.order_by("priority", "due_at").values_list("pk", flat=True)[:limit],
                *list(unacknowledged[:limit]),
                *waiting.order_by("priority", "escalated_at").values_list("pk", flat=True)[:limit],
            ]
        )
    )


# --- beat upkeep ------------------------------------------------------------------------------
def items_snoozed_due(*, now: datetime, limit: int = 1000) -> list[Any]:
    """Ids of snoozed items whose time has come."""
    return list(
        WorkItem.objects.filter(state=WorkItem.State.SNOOZED, snoozed_until__lte=now).values_list("pk", flat=True)[
            :limit
        ]
    )


def items_claim_expired(*, now: datetime, limit: int = 1000) -> list[Any]:
    """Ids of claimed items whose lease has run out."""
    return list(
        WorkItem.objects.filter(state=WorkItem.State.CLAIMED, claimed_until__lte=now).values_list("pk", flat=True)[
            :limit
        ]
    )


# --- the escalation inbox ----------------------------------------------------------------------
@dataclass
class EscalationEntry:
    """One escalated item in a user's inbox: its latest escalation delivery to the user, and every
    delivery of it still to acknowledge (a later step may have reached the same person again)."""

    item: WorkItem
    latest: InterruptDelivery
    pending_ids: list[int]


def escalations_for(*, user: User, since: datetime) -> tuple[list[EscalationEntry], list[EscalationEntry]]:
    """The user's escalation inbox (one query): (waiting, handled). Waiting: escalations not yet
    acknowledged whose item is still open, most serious care first, then oldest; handled: the rest
    delivered since `since`, newest first (acknowledged, or their item closed meanwhile)."""
    rows = (
        InterruptDelivery.objects.filter(user=user, escalation=True)
        .filter(Q(acknowledged_at__isnull=True, item__state__in=WorkItem.OPEN_STATES) | Q(delivered_at__gte=since))
        .select_related("item__queue__facility", "item__event", "item__claimed_by")
        .order_by("delivered_at", "pk")
    )
    by_item: dict[Any, EscalationEntry] = {}
    for delivery in rows:
        entry = by_item.get(delivery.item_id)
        if entry is None:
            entry = by_item[delivery.item_id] = EscalationEntry(delivery.item, delivery, [])
        entry.latest = delivery
        if delivery.acknowledged_at is None and delivery.item.state in WorkItem.OPEN_STATES:
            entry.pending_ids.append(delivery.pk)
    waiting = sorted(
        (e for e in by_item.values() if e.pending_ids),
        key=lambda e: (URGENCY_PRIORITY.get(e.item.urgency, 9), e.latest.delivered_at),
    )
    handled = sorted(
        (e for e in by_item.values() if not e.pending_ids), key=lambda e: e.latest.delivered_at, reverse=True
    )
    return waiting, handled


def escalations_waiting_count(*, user: User) -> int:
    """How many items wait in the user's escalation inbox (the navigation's badge; one query)."""
    return (
        InterruptDelivery.objects.filter(
            user=user, escalation=True, acknowledged_at__isnull=True, item__state__in=WorkItem.OPEN_STATES
        )
        .values("item_id")
        .distinct()
        .count()
    )


def escalation_recipient_anywhere(*, user: User) -> bool:
    """Whether an escalation step can reach the user: a member of a queue's owner group or of a
    facility's on-call group, or a superuser (the chain's last resort)."""
    if user.is_superuser:
        return True
    return user.groups.filter(Q(owned_queues__isnull=False) | Q(oncall_for__isnull=False)).exists()


# --- the AI kill switch ---------------------------------------------------------------------------


def site_control() -> SiteControl:
    """The site-wide switch (an unsaved default when it was never set: AI allowed)."""
    return SiteControl.objects.filter(pk=1).first() or SiteControl(pk=1)


def rollout_effective(rollout: str) -> str:
    """The rollout a workflow runs under for the next event: its own (a policy's live / shadow /
    off), or off while the site-wide kill switch is engaged. Read per event (one primary-key query),
    so a flip takes effect for the next event in every worker."""
    if rollout != "off" and SiteControl.objects.filter(pk=1, ai_off=True).exists():
        return "off"
    return rollout


QUEUE_WORKFLOW: dict[str, str] = {
    Queue.Kind.TRIAGE: "triage",
    Queue.Kind.REVIEW: "triage",
    Queue.Kind.RESULTS: "results",
}


def ai_off_notices(*, user: User, worked_queues: set[tuple[str, int]] | None = None) -> list[str]:
    """The banners staff see while the AI of a queue they work is off: the site-wide switch, or the
    triage / results rollout at a facility of theirs. `worked_queues`: the (kind, facility id) of the
    user's queues when the caller has them (the nav does); one or two queries."""
    site = SiteControl.objects.filter(pk=1, ai_off=True).first()
    follow = "New messages and results are plain items, not scored: work them in the order they came."
    if site is not None:
        because = f" ({site.reason})" if site.reason else ""
        return [f"The AI is off across the site{because}. {follow}"]
    if worked_queues is None:
        worked_queues = set(queues_for_user(user=user).order_by().values_list("kind", "facility_id").distinct())
    worked = {(QUEUE_WORKFLOW[kind], facility_id) for kind, facility_id in worked_queues if kind in QUEUE_WORKFLOW}
    if not worked:
        return []
    off = (
        RoutingPolicy.objects.filter(
            rollout=RoutingPolicy.Rollout.OFF,
            facility_id__in={f for _, f in worked},
            workflow__in={w for w, _ in worked},
        )
        .select_related("facility")
        .order_by("facility__name", "workflow")
    )
    notices = []
    for policy in off:
        if (policy.workflow, policy.facility_id) not in worked:
            continue
        because = f" ({policy.rollout_reason})" if policy.rollout_reason else ""
        what = "messages" if policy.workflow == "triage" else "results"
        notices.append(
            f"The {policy.workflow} AI is off at {policy.facility.name}{because}. New {what} are plain items, "
            "not scored: work them in the order they came."
        )
    return notices


# --- who manages (governs) which workflow ------------------------------------------------------------
MANAGE_WORKFLOW = "queues.manage_workflow"


def workflows_managed(*, user: Any) -> QuerySet[Workflow]:
    """The Workflow rows (workflow x facility) the user manages, through a group or directly
    (guardian `queues.manage_workflow`): who sees a workflow's dashboards and governs its rollout."""
    if not user or not user.is_authenticated:
        return Workflow.objects.none()
    return get_objects_for_user(user, MANAGE_WORKFLOW, klass=Workflow, accept_global_perms=False).select_related(
        "facility"
    )
