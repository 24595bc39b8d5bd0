"""The facts the manager dashboards aggregate, kept on each work item by the item services, and who
manages a workflow (queues.Workflow, object permission `queues.manage_workflow`)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from audit.models import AuditRecord
from queues.models import InterruptDelivery, Workflow
from queues.services import delivery, facilities, items
from queues.tests import factories

pytestmark = pytest.mark.django_db


def test_a_claim_is_the_first_action_and_starts_the_handling_clock(make_item, nurse):
    item = make_item()
    assert (item.first_action_at, item.claimed_at, item.model_version) == (None, None, "1")
    first = items.item_claim(item_id=item.pk, user=nurse)
    assert first.first_action_at is not None and first.claimed_at == first.first_action_at
    items.item_release(item_id=item.pk, user=nurse)
    again = items.item_claim(item_id=item.pk, user=nurse)
    # the first action stays the first; the claim clock restarts with the new claim
    assert again.first_action_at == first.first_action_at and again.claimed_at > first.claimed_at


def test_a_decision_records_who_decided_and_why_and_undo_takes_it_back(make_item, nurse):
    item = make_item()
    resolved = items.item_resolve(item_id=item.pk, user=nurse, decision="dismiss", reason_code="duplicate", comment="")
    assert (resolved.resolved_by, resolved.decision_reason) == (nurse, "duplicate")
    assert resolved.first_action_at == resolved.resolved_at  # decided without a claim first
    undone = items.item_resolve_undo(item_id=item.pk, user=nurse)
    assert (undone.resolved_by, undone.decision_reason, undone.decision) == (None, "", "")
    assert undone.first_action_at == resolved.first_action_at  # it was touched, undo or not


def test_an_accept_keeps_no_reason_code(make_item, nurse):
    item = make_item()
    resolved = items.item_resolve(item_id=item.pk, user=nurse, decision="accept", reason_code="duplicate")
    assert (resolved.decision, resolved.decision_reason) == ("accept", "")


def test_snoozes_and_reassignments_are_counted(make_item, nurse):
    item = make_item()
    items.item_snooze(item_id=item.pk, user=nurse, until=timezone.now() + timedelta(hours=1))
    items.item_snooze(item_id=item.pk, user=nurse, until=timezone.now() + timedelta(hours=2))
    review = item.queue.facility.queues.get(kind="review")
    moved = items.item_reassign(item_id=item.pk, user=nurse, queue_slug=review.slug)
    assert (moved.snooze_count, moved.reassign_count) == (2, 1)
    assert moved.first_action_at is not None


def test_an_interrupt_acknowledgement_is_a_first_action(make_item, nurse):
    item = make_item(tier="interrupt")
    sent = InterruptDelivery.objects.create(
        item=item, user=nurse, delivered_as="interrupt", delivered_at=timezone.now()
    )
    delivery.interrupt_acknowledge(delivery_id=sent.pk, user=nurse)
    item.refresh_from_db()
    assert item.first_action_at == item.acknowledged_at is not None


def test_a_persons_escalation_is_a_first_action_the_systems_is_not(make_item, nurse):
    by_system = make_item()
    items.item_escalate_step(item_id=by_system.pk, now=by_system.due_at + timedelta(minutes=1))
    by_system.refresh_from_db()
    assert by_system.escalation_level == 1 and by_system.first_action_at is None
    by_person = make_item()
    items.item_escalate(item_id=by_person.pk, user=nurse, comment="needs a doctor")
    by_person.refresh_from_db()
    assert by_person.first_action_at is not None


def test_every_facility_has_its_four_workflows_managed_by_the_queue_owner(north):
    workflows = Workflow.objects.filter(facility=north)
    assert sorted(w.name for w in workflows) == ["documentation", "results", "scheduling", "triage"]
    boss = factories.manager(north)
    assert all(boss.has_perm("queues.manage_workflow", w) for w in workflows)
    granted = AuditRecord.objects.filter(action="workflow.manager_granted", data__facility=north.slug)
    assert granted.count() == 4


def test_a_workflow_manager_grant_is_per_workflow_and_revocable(north, nurse):
    triage = Workflow.objects.get(facility=north, name="triage")
    results = Workflow.objects.get(facility=north, name="results")
    leads = Group.objects.create(name="triage-leads")
    nurse.groups.add(leads)
    assert not nurse.has_perm("queues.manage_workflow", triage)
    facilities.workflow_grant(workflow=triage, group=leads, actor="admin")
    nurse = type(nurse).objects.get(pk=nurse.pk)  # permission caches are per instance
    assert nurse.has_perm("queues.manage_workflow", triage)
    assert not nurse.has_perm("queues.manage_workflow", results)
    facilities.workflow_revoke(workflow=triage, group=leads, actor="admin")
    nurse = type(nurse).objects.get(pk=nurse.pk)
    assert not nurse.has_perm("queues.manage_workflow", triage)
    actions = list(
        AuditRecord.objects.filter(object_type="workflow", object_id=str(triage.pk), actor="admin")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["workflow.manager_granted", "workflow.manager_revoked"]


def test_setting_a_facility_up_again_grants_nothing_more(north):
    before = AuditRecord.objects.filter(action="workflow.manager_granted").count()
    owner = Group.objects.get(name=f"{north.slug}-managers")
    facilities.facility_setup(slug=north.slug, name=north.name, owner_group=owner)
    assert AuditRecord.objects.filter(action="workflow.manager_granted").count() == before
    assert Workflow.objects.filter(facility=north).count() == 4
