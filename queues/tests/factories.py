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

from ingest.models import Event
from ingest.samples import sample_event
from ingest.services import event_ingest
from ingest.tests.factories import IntegrationSourceFactory
from queues.models import Facility, Queue, RoutingPolicy, WorkItem
from queues.routing import Decision
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
    """A facility with its standard queues (owned by a "<slug>-managers" group) and its routing
    policies, made by `facility_setup` and `routing_policy_ensure`."""

    class Meta:
        model = Facility

    slug = factory.Sequence(lambda n: f"fac{n}")
    name = factory.LazyAttribute(lambda o: o.slug.title())

    @classmethod
    def _create(cls, model_class: type[Facility], *args: object, slug: str, name: str, **kwargs: object) -> Facility:
        owner = GroupFactory.create(name=f"{slug}-managers")
        facility, _ = facility_setup(slug=slug, name=name, owner_group=owner)
        for workflow in RoutingPolicy.Workflow.values:
            routing_policy_ensure(workflow=workflow, facility=facility)
        return facility


def staff(facility: Facility, *kinds: str, username: str | None = None) -> User:
    """A user who may work the facility's queues of these kinds (through a group, as in production)."""
    group = GroupFactory.create(name=f"{facility.slug}-{'-'.join(kinds) or 'none'}-staff")
    for kind in kinds:
        queue_grant(queue=Queue.objects.get(facility=facility, kind=kind), group=group)
    return UserFactory.create(username=username or f"u-{uuid.uuid4().hex[:8]}", groups=[group])


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
    ingested = event_ingest(
        source=source,
        envelope=sample_event(
            "PatientMessageReceived", source=source_uri, facility=facility.slug, patient={"mrn": mrn}
        ),
    )
    event = Event.objects.get(pk=ingested.event_id)
    routed = item_route(
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
        policy=RoutingPolicy.objects.get(workflow="triage", facility=facility),
    )
    assert routed.item is not None
    return routed.item


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
