"""Factories for facilities, queues, staff and work items: a test builds only what it needs
instead of seeding the whole demo. They go through the services (facility_setup, queue_grant,
item_route), so what a test gets is what production code makes: guardian grants, audit records,
routing policies.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import factory
from django.contrib.auth.models import Group, User
from django.db import transaction

from ingest.models import Event
from ingest.samples import sample_event
from ingest.services import event_ingest
from ingest.tests.factories import IntegrationSourceFactory
from queues.models import Facility, Queue, RoutingPolicy, WorkItem
from queues.routing import Decision
from queues.services.delivery import preference_update
from queues.services.facilities import facility_setup, queue_grant
from queues.services.items import item_route
from queues.services.policies import routing_policy_ensure

PASSWORD = "factory-pass-123"


class GroupFactory(factory.django.DjangoModelFactory[Group]):
    class Meta:
        model = Group
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"group-{n}")


class UserFactory(factory.django.DjangoModelFactory[User]):
    """A staff user whose password is PASSWORD (tests hash with MD5: cheap)."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups(obj: User, create: bool, extracted: list[Group] | None, **kwargs: object) -> None:  # noqa: N805
        if create and extracted:
            obj.groups.add(*extracted)
        if create:
            obj.save()


class FacilityFactory(factory.django.DjangoModelFactory[Facility]):
    """A facility with its standard queues, owned by a "<slug>-managers" group that may work every
    one of them (as seed_demo's managers may), and its routing policies, made by `facility_setup`,
    `queue_grant` and `routing_policy_ensure`."""

    class Meta:
        model = Facility

    slug = factory.Sequence(lambda n: f"fac{n}")
    name = factory.LazyAttribute(lambda o: o.slug.title())

    @classmethod
    def _create(cls, model_class: type[Facility], *args: object, slug: str, name: str, **kwargs: object) -> Facility:
        owner = GroupFactory.create(name=f"{slug}-managers")
        facility, queues = facility_setup(slug=slug, name=name, owner_group=owner)
        for queue in queues.values():
            queue_grant(queue=queue, group=owner)
        for workflow in RoutingPolicy.Workflow.values:
            routing_policy_ensure(workflow=workflow, facility=facility)
        return facility


def staff(facility: Facility, *kinds: str, username: str | None = None) -> User:
    """A user who may work the facility's queues of these kinds (through a group, as in production)."""
    group = GroupFactory.create(name=f"{facility.slug}-{'-'.join(kinds) or 'none'}-staff")
    for kind in kinds:
        queue_grant(queue=Queue.objects.get(facility=facility, kind=kind), group=group)
    return UserFactory.create(username=username or f"u-{uuid.uuid4().hex[:8]}", groups=[group])


# The demo's facility names, so a page of a factory-made "north" reads as the demo's does.
FACILITY_NAMES = {"north": "North Hospital", "south": "South Clinic"}


def facility_for(slug: str) -> Facility:
    """The facility `slug`, made by FacilityFactory the first time a test or a fixture asks for it
    (so a fixture that routes items to "south" and a test that logs in a south nurse share one)."""
    return Facility.objects.filter(slug=slug).first() or FacilityFactory.create(
        slug=slug, name=FACILITY_NAMES.get(slug, slug.title())
    )


# The roles of seed_demo, one facility at a time: who may work which queues.
NURSE_QUEUES = (Queue.Kind.TRIAGE, Queue.Kind.REVIEW, Queue.Kind.RESULTS)
ONCALL_QUEUES = (*NURSE_QUEUES, Queue.Kind.CLINICAL_OPS)


def nurse(facility: Facility, *, username: str | None = None) -> User:
    """A nurse: works the facility's triage, review and results queues."""
    return staff(facility, *NURSE_QUEUES, username=username)


def _follow_no_queue(user: User) -> None:
    preference_update(user=user, changes={"follow_all": False})


def manager(*facilities: Facility, username: str | None = None) -> User:
    """A manager: a member of each facility's owner group "<slug>-managers" (which may work every
    queue there, edits the facility's policies and takes the first escalation step). Interrupted
    only by escalations: unlike seed_demo's manager (who follows the queues the managers own),
    they follow no queue."""
    owners = [Group.objects.get(name=f"{facility.slug}-managers") for facility in facilities]
    user = UserFactory.create(username=username or f"m-{uuid.uuid4().hex[:8]}", groups=owners)
    _follow_no_queue(user)
    return user


def oncall(*facilities: Facility, username: str | None = None) -> User:
    """The on-call role of each facility (the last step of the escalation chain, set by
    `facility_setup`): a member of its "oncall-<slug>" group, which may work the clinical queues.
    Follows no queue, as seed_demo's on-call user."""
    groups = []
    for facility in facilities:
        group = GroupFactory.create(name=f"oncall-{facility.slug}")
        owner = Group.objects.get(name=f"{facility.slug}-managers")
        _, queues = facility_setup(slug=facility.slug, name=facility.name, owner_group=owner, oncall_group=group)
        for kind in ONCALL_QUEUES:
            queue_grant(queue=queues[kind], group=group)
        facility.refresh_from_db(fields=["oncall_group"])
        groups.append(group)
    user = UserFactory.create(username=username or f"oc-{uuid.uuid4().hex[:8]}", groups=groups)
    _follow_no_queue(user)
    return user


def work_item(
    facility: Facility,
    *,
    queue_kind: str = Queue.Kind.TRIAGE,
    tier: str = WorkItem.Tier.TASK,
    urgency: str = WorkItem.Urgency.ROUTINE,
    priority: int = 3,
    mrn: str = "MRN-1",
    reason: str | None = None,
    source_uri: str = "urn:emr:factory",
) -> WorkItem:
    """A work item routed from a stored PatientMessageReceived event, as the triage app routes one
    (without running the model: the test picks the decision)."""
    source = IntegrationSourceFactory.create(source_uris=[source_uri])
    RoutingPolicy.objects.filter(workflow="triage", facility=facility).update(rollout="off")
    # One transaction: where processing runs at commit (transactional tests), it finds the event's
    # item already made (item_route is idempotent per event) instead of making a plain one first.
    with transaction.atomic():
        routed = _route_test_item(
            source=source,
            source_uri=source_uri,
            facility=facility,
            mrn=mrn,
            reason=reason,
            urgency=urgency,
            tier=tier,
            queue_kind=queue_kind,
            priority=priority,
        )
    assert routed.item is not None
    return routed.item


def _route_test_item(*, source, source_uri, facility, mrn, reason, urgency, tier, queue_kind, priority):
    ingested = event_ingest(
        source=source,
        envelope=sample_event(
            "PatientMessageReceived", source=source_uri, facility=facility.slug, patient={"mrn": mrn}
        ),
    )
    event = Event.objects.get(pk=ingested.event_id)
    return item_route(
        event=event,
        facility=facility,
        kind="message",
        reason=reason or f"symptom-{uuid.uuid4().hex[:8]}",
        patient_mrn=mrn,
        title="Message: symptom",
        urgency=urgency,
        decision=Decision(tier, queue_kind, priority, 60, False, "test"),
        score={
            "urgency": urgency,
            "confidence": 0.8,
            "disposition": "Reply within 1 business day.",
            "model": "triage-clf",
            "model_version": "1",
            "rationale": [],
            "tier": tier,
        },
        rollout="live",  # as a live workflow routes it (the policy is off only so ingest scores nothing)
        policy=RoutingPolicy.objects.get(workflow="triage", facility=facility),
    )


@dataclass(frozen=True)
class Trio:
    """The three people every permission test needs around one item: the `owner` who works it,
    a `colleague` who may work the same queue, and an `outsider` — staff of another facility who
    works the same kind of queue there (so only the facility, not the role, keeps them out)."""

    item: WorkItem
    owner: User
    colleague: User
    outsider: User


def trio(*, queue_kind: str = Queue.Kind.TRIAGE, tier: str = WorkItem.Tier.TASK) -> Trio:
    home, elsewhere = FacilityFactory.create(), FacilityFactory.create()
    return Trio(
        item=work_item(home, queue_kind=queue_kind, tier=tier),
        owner=staff(home, queue_kind, username=f"owner-{home.slug}"),
        colleague=staff(home, queue_kind, username=f"colleague-{home.slug}"),
        outsider=staff(elsewhere, queue_kind, username=f"outsider-{elsewhere.slug}"),
    )
