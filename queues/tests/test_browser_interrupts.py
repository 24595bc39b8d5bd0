# ruff: noqa: F811
"""Issue 11, calm interrupts, in a real browser over the real stack (uvicorn, a Celery worker, the
triage model): an interrupt card says what the work is; "Acknowledge all" clears a stack of five;
escalations reach a manager as one summary with one sound and wait in the escalation inbox, not as
a stack of modals; the manager hears about each one once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from clinflow.testing import wait_until
from queues.tests.test_browser import (  # noqa: F401  (fixtures)
    chromium,
    item_for,
    model_file,
    open_queue,
    orm,
    post_message,
    server,
    shot,
    sign_in,
    site,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # see test_browser.py
]

EMERGENCIES = [
    ("Chest", "I have crushing chest pain and I can't breathe"),
    ("Face", "My face is drooping on one side and my speech is slurred since twenty minutes ago"),
    ("Sting", "After a bee sting my throat is swelling and I can't breathe"),
    ("Blood", "I am vomiting a lot of blood and feel faint"),
    ("Breath", "My lips are turning blue and I can't breathe"),
]


def _emergent_items(mrns: list[str]) -> list:
    from queues.models import WorkItem

    def all_routed():
        found = list(WorkItem.objects.filter(patient_mrn__in=mrns))
        return found if len(found) == len(mrns) else None

    return orm(lambda: wait_until(all_routed, timeout=60))


def test_acknowledge_all_clears_a_stack_of_five_interrupts_that_say_what_they_are(site, chromium):
    from playwright.sync_api import expect

    from audit.models import AuditRecord
    from queues.models import InterruptDelivery

    nurse = open_queue(sign_in(chromium, site["url"], "nurse"))
    mrns = []
    for n, (subject, body) in enumerate(EMERGENCIES):
        mrns.append(f"MRN-S{n}")
        post_message(site, subject=subject, body=body, mrn=mrns[-1])
    found = _emergent_items(mrns)
    assert all(i.tier == "interrupt" for i in found), [(i.patient_mrn, i.tier, i.urgency) for i in found]
    cards = nurse.locator("#interrupt-dialog .interrupt")
    expect(cards).to_have_count(5)
    chest = next(i for i in found if i.patient_mrn == "MRN-S0")
    first = nurse.locator(f'#interrupt-dialog .interrupt[data-item="{chest.pk}"]')
    expect(first.locator(".int-first-line")).to_have_text("\u201cI have crushing chest pain and I can't breathe\u201d")
    expect(first).to_contain_text("Ada Example")  # the patient's name (the event has one)
    expect(first.locator(".int-what")).to_contain_text("AI: ")
    expect(first.locator("button[data-ack-open]")).to_have_text("Open")
    ack_all = nurse.locator("#interrupt-ack-all")
    expect(ack_all).to_have_text("Acknowledge all (5)")
    shot(nurse, "int-1-stack-of-five")
    # rows that say what the work is never widen the page on a desktop either
    widths = nurse.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths
    ack_all.click()
    expect(cards).to_have_count(0)
    expect(nurse.locator("#interrupt-dialog")).not_to_be_visible()
    nurse.reload()
    expect(nurse.locator("#live-status")).to_have_attribute("data-state", "live")
    expect(nurse.locator("#interrupt-dialog .interrupt")).to_have_count(0)
    shot(nurse, "int-2-after-acknowledge-all")

    def facts():
        deliveries = InterruptDelivery.objects.filter(user__username="nurse", item__patient_mrn__in=mrns)
        audited = AuditRecord.objects.filter(action="interrupt.acknowledged", actor="nurse", data__bulk=True).count()
        return deliveries.count(), deliveries.filter(acknowledged_at__isnull=False).count(), audited

    assert orm(facts) == (5, 5, 5)


def test_escalations_reach_a_manager_once_as_a_summary_and_wait_in_the_inbox(site, chromium):
    from playwright.sync_api import expect

    from queues.models import InterruptDelivery
    from queues.services import delivery, items

    def quiet_manager():
        from django.contrib.auth import get_user_model

        manager = get_user_model().objects.get(username="manager")
        manager.delivery.followed_queues.clear()
        delivery.preference_update(user=manager, changes={"follow_all": False})

    orm(quiet_manager)
    manager = sign_in(chromium, site["url"], "manager")
    expect(manager.locator("#live-status")).to_have_attribute("data-state", "live")
    nurse = open_queue(sign_in(chromium, site["url"], "nurse"))
    mrns = []
    for n, (subject, body) in enumerate(EMERGENCIES[:3]):
        mrns.append(f"MRN-X{n}")
        post_message(site, subject=subject, body=body, mrn=mrns[-1])
    _emergent_items(mrns)
    expect(nurse.locator("#interrupt-dialog .interrupt")).to_have_count(3)
    beeps_before = int(manager.evaluate("document.body.dataset.beeps || '0'"))

    escalated = orm(items.item_escalate_due, now=timezone.now() + timedelta(minutes=10))
    assert escalated == 3
    summary = manager.locator("#escalation-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("#esc-summary-title")).to_have_text("3 escalations wait for you · 3 emergent")
    expect(manager.locator("#interrupt-dialog")).not_to_be_visible()  # no modal, no stack
    expect(manager.locator("#interrupt-dialog .interrupt")).to_have_count(0)
    expect(manager.locator("#nav-escalations-count")).to_contain_text("3")
    shot(manager, "esc-1-one-summary")
    beeps = int(manager.evaluate("document.body.dataset.beeps || '0'")) - beeps_before
    assert beeps == 1, beeps  # one sound for the burst

    manager.reload()  # heard once: a reload does not announce them again
    expect(manager.locator("#live-status")).to_have_attribute("data-state", "live")
    expect(manager.locator("#nav-escalations-count")).to_contain_text("3")
    manager.wait_for_timeout(500)
    expect(summary).to_be_hidden()
    assert int(manager.evaluate("document.body.dataset.beeps || '0'")) == 0

    manager.locator("#nav-escalations").click()
    manager.wait_for_url("**/escalations/")
    expect(manager.locator("h1")).to_have_text("Escalations")
    expect(manager.locator("#esc-waiting")).to_have_text("3")
    cards = manager.locator("#esc-waiting-list .esc-card")
    expect(cards).to_have_count(3)
    expect(cards.first.locator(".esc-first-line")).to_be_visible()
    shot(manager, "esc-2-inbox")
    cards.first.locator("button[data-esc-ack]").click()
    expect(cards).to_have_count(2)
    expect(manager.locator("#esc-waiting")).to_have_text("2")
    manager.locator("#esc-ack-all").click()
    expect(cards).to_have_count(0)
    expect(manager.locator("#esc-empty")).to_be_visible()
    expect(manager.locator("#nav-escalations-count")).to_be_hidden()
    manager.reload()
    expect(manager.locator(".esc-handled .esc-card")).to_have_count(3)
    shot(manager, "esc-3-inbox-handled")

    def acknowledged():
        rows = InterruptDelivery.objects.filter(user__username="manager", escalation=True)
        return rows.count(), rows.filter(acknowledged_at__isnull=False).count()

    assert orm(acknowledged) == (3, 3)  # (that this stops the chain: test_escalation_inbox.py, in real time)
