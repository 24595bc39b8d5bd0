"""Who may work an item, decided in the action: the owner / colleague / outsider trio, built with
factories (no demo seed), calling each service directly, then over the API and the page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from audit.models import AuditRecord
from clinflow import problems
from queues import selectors
from queues.models import WorkItem
from queues.services import items
from queues.tests.factories import PASSWORD, Trio, trio

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> Trio:
    return trio()


def _actions(people: Trio, user):
    item_id = people.item.pk
    return {
        "claim": lambda: items.item_claim(item_id=item_id, user=user),
        "release": lambda: items.item_release(item_id=item_id, user=user),
        "resolve": lambda: items.item_resolve(item_id=item_id, user=user, decision="accept"),
        "escalate": lambda: items.item_escalate(item_id=item_id, user=user),
        "snooze": lambda: items.item_snooze(item_id=item_id, user=user, until=timezone.now() + timedelta(hours=1)),
        # to a queue the user may work (their own facility's): the item itself is what they may not touch
        "reassign": lambda: items.item_reassign(
            item_id=item_id, user=user, queue_slug=selectors.queues_for_user(user=user)[0].slug
        ),
    }


@pytest.mark.parametrize("action", ["claim", "release", "resolve", "escalate", "snooze", "reassign"])
def test_the_outsider_is_refused_every_action_and_nothing_changes(people, action):
    with pytest.raises(problems.NotFound):
        _actions(people, people.outsider)[action]()
    item = WorkItem.objects.get(pk=people.item.pk)
    assert (item.state, item.claimed_by_id, item.escalation_level) == ("new", None, 0)
    assert not AuditRecord.objects.filter(object_id=str(item.pk), actor=people.outsider.username).exists()


def test_the_owner_claims_and_resolves_and_the_colleague_may_not_take_it_meanwhile(people):
    items.item_claim(item_id=people.item.pk, user=people.owner)
    with pytest.raises(problems.Conflict):
        items.item_resolve(item_id=people.item.pk, user=people.colleague, decision="accept")
    items.item_resolve(item_id=people.item.pk, user=people.owner, decision="accept")
    assert WorkItem.objects.get(pk=people.item.pk).state == "resolved"
    resolved = AuditRecord.objects.get(object_id=str(people.item.pk), action="work_item.resolved")
    assert resolved.actor == people.owner.username


def test_the_api_and_the_page_answer_the_outsider_404_and_the_colleague_200(people):
    outsider, colleague = Client(), Client()
    assert outsider.login(username=people.outsider.username, password=PASSWORD)
    assert colleague.login(username=people.colleague.username, password=PASSWORD)
    for path in (f"/api/v1/items/{people.item.pk}", f"/items/{people.item.pk}/"):
        assert outsider.get(path).status_code == 404, path
        assert colleague.get(path).status_code == 200, path
    claim = outsider.post(f"/api/v1/items/{people.item.pk}/claim", content_type="application/json")
    assert claim.status_code == 404 and claim["Content-Type"] == "application/problem+json"
