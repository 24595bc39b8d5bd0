"""The escalation chain: SLA breach or unacknowledged interrupt → queue owner → facility on-call
(emergent/urgent) → on-call re-notified until someone acknowledges; and the delivery sweep that
delivers alerts whose deliver_item task was lost.

The pure rule (queues.routing) is tested without a database; the service tests drive the beat task
`queue_upkeep` directly and let time pass by moving the item's timestamps back (`pass_time`);
one test runs the chain through a real Celery worker process."""

import logging
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import F

from audit.models import AuditRecord
from clinflow.heartbeat import HEARTBEAT_KEY
from clinflow.tasks import worker_heartbeat
from clinflow.testing import celery_worker, wait_until
from queues import selectors, tasks
from queues.models import Facility, InterruptDelivery, WorkItem
from queues.representations import item_summary
from queues.routing import EscalationStep, escalation_due, escalation_next_level, escalation_on_undeliverable
from queues.services import delivery, items
from queues.tests.conftest import login
from queues.views import history_line

User = get_user_model()
T0 = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)
INTERVAL = 5 * MIN


# --- the pure rule -------------------------------------------------------------------------------
def due(**overrides):
    facts = {
        "tier": "task",
        "priority": 1,
        "state": "new",
        "level": 0,
        "due_at": T0 + 15 * MIN,
        "escalated_at": None,
        "acknowledged_at": None,
        "alerted_at": None,
        "now": T0,
        "interval": INTERVAL,
    }
    return escalation_due(**{**facts, **overrides})


def test_rule_an_emergent_task_goes_past_its_sla_to_the_owner_then_on_call_then_on_call_again():
    assert due(now=T0 + 14 * MIN) is None
    assert due(now=T0 + 15 * MIN) == EscalationStep(1, "sla_breach")
    at_owner = {"level": 1, "escalated_at": T0 + 15 * MIN}
    assert due(**at_owner, now=T0 + 19 * MIN) is None  # waits one interval for an acknowledgement
    assert due(**at_owner, now=T0 + 20 * MIN) == EscalationStep(2, "unacknowledged")
    at_oncall = {"level": 2, "escalated_at": T0 + 20 * MIN}
    assert due(**at_oncall, now=T0 + 24 * MIN) is None
    assert due(**at_oncall, now=T0 + 25 * MIN) == EscalationStep(2, "renotify")


def test_rule_an_acknowledgement_after_the_last_step_stops_the_chain_and_one_before_it_does_not():
    at_owner = {"level": 1, "escalated_at": T0, "now": T0 + 60 * MIN}
    assert due(**at_owner, acknowledged_at=T0 + MIN) is None
    assert due(**at_owner, acknowledged_at=T0 - MIN) == EscalationStep(2, "unacknowledged")
    assert due(level=2, escalated_at=T0, acknowledged_at=T0 + MIN, now=T0 + 60 * MIN) is None  # no more reminders


def test_rule_urgent_reaches_on_call_but_a_routine_breach_stays_with_the_owner():
    assert due(priority=2, level=1, escalated_at=T0, now=T0 + INTERVAL) == EscalationStep(2, "unacknowledged")
    assert due(priority=3, now=T0 + 15 * MIN) == EscalationStep(1, "sla_breach")
    assert due(priority=3, level=1, escalated_at=T0, now=T0 + 10 * INTERVAL) is None
    assert due(priority=4, level=1, escalated_at=T0, now=T0 + 10 * INTERVAL) is None


def test_rule_suggestions_never_escalate_and_snoozed_or_closed_items_wait():
    late = T0 + 60 * MIN
    assert due(tier="suggestion", now=late) is None
    assert due(tier="suggestion", level=1, escalated_at=T0, now=late) is None
    for state in ("snoozed", "resolved", "resolved_in_emr"):
        assert due(state=state, now=late) is None
    for state in ("new", "claimed", "escalated", "reassigned"):
        assert due(state=state, now=late) == EscalationStep(1, "sla_breach")


def test_rule_an_interrupt_nobody_acknowledges_escalates_after_the_interval():
    interrupt = {"tier": "interrupt", "alerted_at": T0, "due_at": T0 + 60 * MIN}
    assert due(**interrupt, now=T0 + 4 * MIN) is None
    assert due(**interrupt, now=T0 + INTERVAL) == EscalationStep(1, "unacknowledged")
    assert due(**interrupt, acknowledged_at=T0 + MIN, now=T0 + INTERVAL) is None
    assert due(**interrupt, acknowledged_at=T0 - MIN, now=T0 + INTERVAL) == EscalationStep(1, "unacknowledged")
    assert due(**interrupt, state="claimed", now=T0 + INTERVAL) is None  # someone is on it: only the SLA counts
    assert due(**{**interrupt, "alerted_at": None}, now=T0 + INTERVAL) is None  # not delivered yet
    assert due(tier="task", alerted_at=T0, due_at=T0 + 60 * MIN, now=T0 + INTERVAL) is None  # tasks: SLA only


def test_rule_a_person_escalating_takes_the_next_level_and_on_call_is_the_last():
    assert escalation_next_level(level=0, priority=3, manual=True) == 1
    assert escalation_next_level(level=1, priority=3, manual=True) == 2
    assert escalation_next_level(level=2, priority=3, manual=True) == 2
    assert escalation_next_level(level=1, priority=3) == 1
    assert escalation_next_level(level=1, priority=1) == 2


def test_rule_an_interrupt_that_reached_nobody_steps_up_unless_an_escalation_is_waiting():
    assert escalation_on_undeliverable(priority=1, level=0, escalated_at=None, acknowledged_at=None) == EscalationStep(
        1, "undeliverable"
    )
    assert escalation_on_undeliverable(priority=1, level=1, escalated_at=T0, acknowledged_at=None) is None
    assert escalation_on_undeliverable(
        priority=1, level=1, escalated_at=T0, acknowledged_at=T0 + MIN
    ) == EscalationStep(2, "undeliverable")


def test_the_rule_knows_the_open_states_of_the_model_except_snoozed():
    from queues.routing import ESCALATING_STATES

    assert set(ESCALATING_STATES) == set(WorkItem.OPEN_STATES) - {WorkItem.State.SNOOZED}


def test_history_lines_name_the_level_the_group_and_why():
    assert (
        history_line(
            "work_item.escalated",
            {
                "level": 2,
                "why": "unacknowledged",
                "to_group": "oncall-north",
                "reason": "escalation not acknowledged within 5 min",
            },
        )
        == "Escalated to oncall-north: escalation not acknowledged within 5 min · level 2 (facility on-call)"
    )
    assert history_line(
        "work_item.escalated",
        {"level": 2, "why": "renotify", "to_group": "oncall-north", "reason": "still not acknowledged"},
    ).startswith("Re-notified oncall-north: still not acknowledged")
    assert (
        history_line(
            "work_item.escalated",
            {"level": 1, "why": "manual", "to_group": "managers", "reason": "", "human": {"comment": ""}},
        )
        == "Escalated to managers · level 1 (queue owner)"
    )
    assert "superusers" in history_line("work_item.escalated", {"level": 2, "to_group": "superusers", "fallback": True})


# --- services on the database, driven by the beat task -----------------------------------------------
def pass_time(item, by=None):
    """As if `by` (default: one escalation interval and a second) had passed for this item: every
    timestamp of the item and its deliveries moves back by that much, keeping their order."""
    by = by or timedelta(minutes=settings.INTERRUPT_ESCALATE_MINUTES, seconds=1)
    fields = ("due_at", "created_at", "updated_at", "escalated_at", "acknowledged_at", "claimed_until", "snoozed_until")
    WorkItem.objects.filter(pk=item.pk).update(**{f: F(f) - by for f in fields})
    InterruptDelivery.objects.filter(item=item).update(
        delivered_at=F("delivered_at") - by, acknowledged_at=F("acknowledged_at") - by
    )


def breach(item):
    """Its SLA is over (and, like any alert that old, its delivery had time to run)."""
    pass_time(item, by=item.due_at - item.created_at + timedelta(seconds=1))


def online(user):
    delivery.presence_join(user=user, channel_name=f"ch-{user.username}")


def escalations(item, username=None):
    rows = InterruptDelivery.objects.filter(item=item, escalation=True)
    if username:
        rows = rows.filter(user__username=username)
    return list(rows.order_by("alert_no").values_list("user__username", "alert_no"))


def steps(item):
    return [
        (r.data["level"], r.data["why"], r.data["to_group"])
        for r in AuditRecord.objects.filter(action="work_item.escalated", object_id=str(item.pk)).order_by("pk")
    ]


@pytest.mark.django_db
def test_an_emergent_task_past_its_sla_escalates_to_the_owner_then_on_call_then_re_notifies(
    make_item, nurse, manager, oncall
):
    item = make_item(tier="task", urgency="emergent", priority=1)  # a policy that maps emergent to a task
    assert tasks.queue_upkeep()["escalated"] == 0
    breach(item)
    assert tasks.queue_upkeep()["escalated"] == 1
    item.refresh_from_db()
    assert (item.escalation_level, item.state) == (1, "escalated")
    assert escalations(item) == [("manager", 1001)]
    assert tasks.queue_upkeep()["escalated"] == 0  # one step per interval, never twice

    pass_time(item)
    assert tasks.queue_upkeep()["escalated"] == 1
    item.refresh_from_db()
    assert item.escalation_level == 2 and item_summary(item)["escalation_level"] == 2
    assert escalations(item, "oncall") == [("oncall", 1002)]

    pass_time(item)
    assert tasks.queue_upkeep()["escalated"] == 1
    assert escalations(item, "oncall") == [("oncall", 1002), ("oncall", 1003)]
    assert escalations(item, "manager") == [("manager", 1001)]  # the reminders go to on-call only
    assert steps(item) == [
        (1, "sla_breach", "north-managers"),
        (2, "unacknowledged", "oncall-north"),
        (2, "renotify", "oncall-north"),
    ]
    record = AuditRecord.objects.filter(action="work_item.escalated", object_id=str(item.pk)).order_by("pk").first()
    assert record.actor == "system" and record.data["notified"] == ["manager"] and record.data["ai"]["urgency"]


@pytest.mark.django_db
def test_acknowledging_the_escalation_interrupt_stops_the_chain(make_item, nurse, manager, oncall):
    item = make_item(tier="task", urgency="emergent", priority=1)
    breach(item)
    tasks.queue_upkeep()
    delivery.interrupt_acknowledge(delivery_id=InterruptDelivery.objects.get(item=item, user=manager).pk, user=manager)
    for _ in range(3):
        pass_time(item)
        assert tasks.queue_upkeep()["escalated"] == 0
    item.refresh_from_db()
    assert item.escalation_level == 1 and item.acknowledged_at > item.escalated_at
    assert escalations(item, "oncall") == []


@pytest.mark.django_db
def test_claiming_an_escalated_item_stops_the_chain(make_item, nurse, manager, oncall):
    item = make_item(tier="task", urgency="urgent", priority=2)
    breach(item)
    tasks.queue_upkeep()
    items.item_claim(item_id=item.pk, user=nurse)
    pass_time(item)
    assert tasks.queue_upkeep()["escalated"] == 0
    item.refresh_from_db()
    assert (item.escalation_level, item.state) == (1, "claimed")
    assert escalations(item, "oncall") == []


@pytest.mark.django_db
def test_a_claim_from_before_the_breach_does_not_stop_it_and_the_holder_keeps_the_item(
    make_item, nurse, manager, oncall
):
    item = make_item(tier="task", urgency="emergent", priority=1)
    items.item_claim(item_id=item.pk, user=nurse, minutes=120)
    breach(item)  # an hour later: the SLA is over, the lease still live
    assert tasks.queue_upkeep()["escalated"] == 1
    pass_time(item)
    assert tasks.queue_upkeep()["escalated"] == 1
    item.refresh_from_db()
    assert item.escalation_level == 2 and escalations(item, "oncall")
    assert (item.state, item.claimed_by) == ("claimed", nurse)  # the system notifies, it does not take the work


@pytest.mark.django_db
def test_a_routine_breach_stays_with_the_owner(make_item, nurse, manager, oncall):
    item = make_item(tier="task", urgency="routine", priority=3)
    breach(item)
    assert tasks.queue_upkeep()["escalated"] == 1
    for _ in range(3):
        pass_time(item)
        assert tasks.queue_upkeep()["escalated"] == 0
    item.refresh_from_db()
    assert item.escalation_level == 1
    assert escalations(item) == [("manager", 1001)]


@pytest.mark.django_db
def test_suggestions_never_escalate(make_item, nurse, manager, oncall):
    item = make_item(tier="suggestion", urgency="non_clinical", priority=4)
    breach(item)
    pass_time(item, by=timedelta(days=3))
    assert tasks.queue_upkeep()["escalated"] == 0
    item.refresh_from_db()
    assert item.escalation_level == 0 and escalations(item) == []


@pytest.mark.django_db
def test_an_unacknowledged_interrupt_goes_to_the_owner_then_on_call(make_item, nurse, manager, oncall):
    online(nurse)
    item = make_item(tier="interrupt", urgency="emergent", priority=1)
    delivery.item_deliver(item_id=item.pk)
    assert tasks.queue_upkeep()["escalated"] == 0
    pass_time(item)
    assert tasks.queue_upkeep()["escalated"] == 1
    pass_time(item)
    assert tasks.queue_upkeep()["escalated"] == 1
    item.refresh_from_db()
    assert item.escalation_level == 2
    assert [s[:2] for s in steps(item)] == [(1, "unacknowledged"), (2, "unacknowledged")]


@pytest.mark.django_db
def test_with_the_owner_offline_on_call_is_still_reached_and_sees_it_after_a_reload(make_item, nurse, manager, oncall):
    item = make_item(tier="interrupt", urgency="emergent", priority=1)  # nobody is online at all
    outcome = tasks.deliver_item(str(item.pk))
    assert outcome["interrupted"] == [] and outcome["escalated"]
    item.refresh_from_db()
    assert item.escalation_level == 1 and escalations(item) == [("manager", 1001)]
    pass_time(item)
    assert tasks.queue_upkeep()["escalated"] == 1
    assert escalations(item, "oncall") == [("oncall", 1002)]
    pending = login(oncall).get("/api/v1/interrupts/").json()
    assert [(p["item"]["id"], p["escalation"]) for p in pending] == [(str(item.pk), True)]
    assert "not acknowledged" in pending[0]["note"]


@pytest.mark.django_db
def test_a_facility_without_an_on_call_group_escalates_to_the_superusers_and_logs_an_error(
    make_item, manager, oncall, admin_user, caplog
):
    Facility.objects.filter(slug="north").update(oncall_group=None)
    item = make_item(tier="task", urgency="emergent", priority=1)
    breach(item)
    tasks.queue_upkeep()
    pass_time(item)
    with caplog.at_level(logging.ERROR, logger="queues.selectors"):
        assert tasks.queue_upkeep()["escalated"] == 1
    assert escalations(item, "admin") == [("admin", 1002)] and escalations(item, "oncall") == []
    assert steps(item)[-1] == (2, "unacknowledged", "superusers")
    assert any(r.levelno == logging.ERROR and "no on-call group" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_a_person_escalating_takes_the_next_level(make_item, nurse, manager, oncall):
    item = make_item(tier="task", urgency="routine", priority=3)
    nurse, manager = login(nurse), login(manager)
    first = nurse.post(
        f"/api/v1/items/{item.pk}/escalate", data={"comment": "needs a provider"}, content_type="application/json"
    ).json()
    assert (first["state"], first["escalation_level"]) == ("escalated", 1)
    second = manager.post(
        f"/api/v1/items/{item.pk}/escalate", data={"comment": "on-call, please"}, content_type="application/json"
    ).json()
    assert second["escalation_level"] == 2
    assert steps(item) == [(1, "manual", "north-managers"), (2, "manual", "oncall-north")]
    assert escalations(item) == [("manager", 1001), ("oncall", 1002)]
    assert InterruptDelivery.objects.get(item=item, user__username="oncall").reason == "escalated: on-call, please"


@pytest.mark.django_db
def test_a_lost_deliver_item_task_is_delivered_by_the_sweep(make_item, nurse, manager, oncall):
    online(nurse)
    # In a test that never commits, the item's on-commit deliver_item task never runs: it is lost.
    item = make_item(tier="interrupt", urgency="emergent", priority=1)
    assert item.delivered_alert_no == 0
    tasks.queue_upkeep()
    assert not InterruptDelivery.objects.filter(item=item).exists()  # not yet: the task may just be queued
    pass_time(item, by=timedelta(seconds=settings.DELIVERY_SWEEP_AFTER_SECONDS + 1))
    tasks.queue_upkeep()
    item.refresh_from_db()
    assert list(InterruptDelivery.objects.filter(item=item).values_list("user__username", "delivered_as")) == [
        ("nurse", "interrupt")
    ]
    assert item.delivered_alert_no == 1 and item.escalation_level == 0
    assert tasks.queue_upkeep()["redelivered"] == 0  # delivered once


@pytest.mark.django_db
def test_re_running_item_deliver_after_delivery_does_not_escalate(make_item, nurse, manager, oncall):
    online(nurse)
    item = make_item(tier="interrupt", urgency="emergent", priority=1)
    assert tasks.deliver_item(str(item.pk))["interrupted"] == ["nurse"]
    again = tasks.deliver_item(str(item.pk))  # the task redelivered, or the sweep racing it
    assert again["interrupted"] == [] and not again.get("escalated")
    item.refresh_from_db()
    assert (item.state, item.escalation_level) == ("new", 0)
    assert escalations(item) == [] and steps(item) == []


@pytest.mark.django_db
def test_seed_demo_gives_each_facility_an_on_call_group_with_a_member_who_follows_no_queue(demo):
    oncall = User.objects.get(username="oncall")
    assert oncall.check_password("demo-pass-123")
    for slug in ("north", "south"):
        assert Facility.objects.get(slug=slug).oncall_group.name == f"oncall-{slug}"
    assert sorted(oncall.groups.values_list("name", flat=True)) == ["oncall-north", "oncall-south"]
    assert not oncall.delivery.follow_all and not oncall.delivery.followed_queues.exists()
    # the manager follows the queues the managers own (issue 11: escalations have a human on the other end)
    followers = selectors.queue_followers(queue=Facility.objects.get(slug="north").queues.get(kind="triage"))
    assert sorted(u.username for u in followers) == ["manager", "nurse"]


# --- over the real parts: the beat task executed by a real Celery worker -----------------------------
def _upkeep_in_worker():
    """Run the beat task in the worker and wait until it has finished: with one worker process and
    prefetch 1 tasks run in order, so a heartbeat sent after it lands when it is done."""
    cache.delete(HEARTBEAT_KEY)
    tasks.queue_upkeep.delay()
    worker_heartbeat.delay()
    assert wait_until(lambda: cache.get(HEARTBEAT_KEY) is not None, timeout=60)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_running_queue_upkeep_delivers_a_lost_alert_and_runs_the_chain_until_acknowledged(
    make_item, nurse, manager, oncall
):
    online(nurse)
    with mock.patch("queues.services.delivery._enqueue_delivery"):  # the broker lost the delivery task
        item = make_item(tier="task", urgency="emergent", priority=1)
    delivery.preference_update(user=nurse, changes={"min_interrupt_tier": "task"})
    breach(item)
    with celery_worker():
        _upkeep_in_worker()
        item.refresh_from_db()
        assert (item.delivered_alert_no, item.escalation_level) == (1, 1)
        assert InterruptDelivery.objects.filter(item=item, user__username="nurse", escalation=False).exists()
        assert escalations(item) == [("manager", 1001)]

        pass_time(item)
        _upkeep_in_worker()
        assert escalations(item, "oncall") == [("oncall", 1002)]
        pass_time(item)
        _upkeep_in_worker()
        assert escalations(item, "oncall") == [("oncall", 1002), ("oncall", 1003)]

        delivery.interrupt_acknowledge(
            delivery_id=InterruptDelivery.objects.get(item=item, user=oncall, alert_no=1003).pk, user=oncall
        )
        pass_time(item)
        _upkeep_in_worker()
    item.refresh_from_db()
    assert item.escalation_level == 2
    assert escalations(item, "oncall") == [("oncall", 1002), ("oncall", 1003)]
    assert steps(item) == [
        (1, "sla_breach", "north-managers"),
        (2, "unacknowledged", "oncall-north"),
        (2, "renotify", "oncall-north"),
    ]
