"""The staff UI end to end, in a real browser (Debian's Chromium through Playwright) against a real
ASGI server (uvicorn: pages, REST API, websocket) and a real Celery worker, on the test database.

Run apart from the rest of the suite: `pytest -m browser queues/tests/test_browser.py`.

- Playwright's sync API keeps an asyncio loop running in the test's thread while a browser is open,
  and Django's ORM refuses to run inside one (SynchronousOnlyOperation): while the browser is open,
  every database call of a test goes through `orm(...)`, which runs it in a helper thread.
- The server and the worker live for the whole module and cache content-type ids (guardian's
  permission lookups). A transactional test's flush re-creates content types with new ids, so the
  tests use `serialized_rollback=True`: after each flush Django restores the rows made by the
  migrations (content types, permissions) with their original ids.
- Screenshots of the key moments are saved in test-artifacts/.
"""

from __future__ import annotations

import json
import os
import re
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from clinflow.testing import ROOT, asgi_server, celery_worker, wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "demo-pass-123"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"
TIMEOUT_MS = 30_000  # the first event also loads the model in the worker
VIEWPORT = {"width": 1440, "height": 900}


def orm(fn, *args, **kwargs):
    """Run a database call in a helper thread (see the module docstring) and close its connection."""

    def run():
        try:
            return fn(*args, **kwargs)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


# --- fixtures ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def model_file():
    """Train the triage model once for this module (pure: no database), in a file of its own."""
    from mlregistry.services import models_dir
    from triage import classifier
    from triage.services import MODEL_NAME

    path = models_dir() / f"{MODEL_NAME}-browser-{os.getpid()}.skops"
    sha = classifier.save_model(classifier.train_triage_model(classifier.corpus_samples()), path)
    yield path.name, sha
    path.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def server(django_db_setup):
    """uvicorn + a Celery worker on the test database for the whole module, with a private Celery
    queue so that another test run on the same Redis cannot take this run's tasks."""
    name = str(connection.settings_dict["NAME"])
    assert "test" in Path(name).name, f"refusing to start servers on a non-test database {name!r}"
    queue_before = os.environ.get("CELERY_QUEUE")
    os.environ["CELERY_QUEUE"] = f"clinflow-browser-{os.getpid()}"
    try:
        with asgi_server() as url, celery_worker():
            yield url
    finally:
        if queue_before is None:
            os.environ.pop("CELERY_QUEUE", None)
        else:
            os.environ["CELERY_QUEUE"] = queue_before


@pytest.fixture
def site(server, transactional_db, model_file, settings):
    """Demo facilities and users, nurse3 (a second north nurse), a live model, an EMR source token.
    Runs before the browser starts, so it may use the ORM directly."""
    from ingest.services import source_create
    from mlregistry.models import ModelVersion
    from queues.models import Facility, RoutingPolicy
    from queues.services.policies import routing_policy_update
    from triage.services import MODEL_NAME

    settings.DEMO_PASSWORD = PASSWORD
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    name, sha = model_file
    ModelVersion.objects.create(
        name=MODEL_NAME, version=1, state="live", path=name, sha256=sha, trained_at=timezone.now(), n_samples=1
    )
    # Routing must not hinge on the classifier's exact confidence: no low-confidence review queue here.
    policy = RoutingPolicy.objects.get(workflow="triage", facility=Facility.objects.get(slug="north"))
    routing_policy_update(policy=policy, changes={"review_threshold": 0.0}, actor="test")
    # The server checks passwords with the default hashers (the suite's fast MD5 one is not among them).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    User = get_user_model()
    nurse3 = User.objects.create_user("nurse3")
    nurse3.groups.add(Group.objects.get(name="nurse-north"))
    for user in User.objects.filter(username__in=["nurse", "nurse3", "manager", "scheduler"]):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    _, token = source_create(name="browser-test-emr", types="all")
    return {"url": server, "token": token}


@pytest.fixture
def chromium(site):
    """Chromium for one test, stopped before the test's database flush (see the module docstring)."""
    from playwright.sync_api import expect, sync_playwright

    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)  # .ci/run installs it: in CI a browser test is never skipped
        pytest.skip(message)
    expect.set_options(timeout=TIMEOUT_MS)
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()


# --- helpers -----------------------------------------------------------------------------------
def sign_in(browser, base: str, username: str, *, clock: bool = False):
    context = browser.new_context(viewport=VIEWPORT, base_url=base)
    if clock:
        context.clock.install()
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    # nurses land on "My work" (issue 11), everyone else on the home page
    page.wait_for_url(re.compile(re.escape(base) + r"/(work/)?$"))
    return page


def open_queue(page, slug: str = "north-nurse-triage"):
    from playwright.sync_api import expect

    page.goto(f"/queues/{slug}/")
    expect(page.locator("#live-status")).to_have_attribute("data-state", "live")
    page.evaluate("""() => {
        window.__sameDocument = true;  // survives only as long as the page is not reloaded
        window.__arrivals = {};
        new MutationObserver(records => records.forEach(r => r.addedNodes.forEach(n => {
            const id = n.dataset && n.dataset.id;
            if (id && !(id in window.__arrivals)) window.__arrivals[id] = Date.now();
        }))).observe(document.getElementById("item-rows"), {childList: true});
    }""")
    return page


def post_envelope(site, envelope: dict) -> str:
    """POST one CloudEvent to the running server as the test's EMR source; its event id (202)."""
    request = urllib.request.Request(
        f"{site['url']}/api/v1/events",
        data=json.dumps(envelope).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {site['token']}", "Content-Type": "application/cloudevents+json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 202
        return json.loads(response.read())["event_id"]


def post_message(site, *, body: str, subject: str, mrn: str) -> str:
    from ingest.samples import sample_event

    envelope = sample_event(
        "PatientMessageReceived",
        facility="north",
        subject=subject,
        body=body,
        patient={"mrn": mrn, "name": "Ada Example", "birth_date": "1961-03-14", "sex": "female"},
    )
    return post_envelope(site, envelope)


def post_event(site, event_type: str, **data) -> str:
    from ingest.samples import sample_event

    envelope = sample_event(event_type, **data)
    return post_envelope(site, envelope)


def resolved_state(item_id, state: str = "resolved", page=None) -> None:
    """Wait until the page has moved on after its decision (to the next item or the list, with an
    undo for this one: `undo=<id>`) and the item is in this state in the database. Going back to
    the item before the page's own navigation lands would race with it."""
    from queues.models import WorkItem

    if page is not None:
        page.wait_for_url(re.compile(rf"[?&]undo={item_id}\b"))
    orm(lambda: wait_until(lambda: WorkItem.objects.get(pk=item_id).state == state, timeout=30))


def item_for(mrn: str):
    from queues.models import WorkItem

    return orm(lambda: wait_until(lambda: WorkItem.objects.filter(patient_mrn=mrn).first(), timeout=30))


def has_class(css_class: str):
    return re.compile(rf"(^|\s){re.escape(css_class)}(\s|$)")


def row(page, mrn: str):
    return page.locator("#item-rows tr.row", has_text=mrn)


# --- a. live arrival, claim seen by a colleague, override with a reason, audit -------------------
def test_a_nurse_sees_an_event_arrive_live_claims_it_and_overrides_it_with_a_reason(site, chromium):
    from playwright.sync_api import expect

    from audit.models import AuditRecord

    nurse = open_queue(sign_in(chromium, site["url"], "nurse"))
    colleague = open_queue(sign_in(chromium, site["url"], "nurse3"))
    count_before = int(nurse.locator('[data-count-for="north-nurse-triage"]').inner_text())
    shot(nurse, "a0-queue")

    post_message(
        site, subject="Rash", body="I have had an itchy rash on my arm for a week, it is getting bigger.", mrn="MRN-A1"
    )
    expect(row(nurse, "MRN-A1")).to_be_visible()
    expect(row(colleague, "MRN-A1")).to_be_visible()
    item = item_for("MRN-A1")
    assert nurse.evaluate("window.__sameDocument") is True  # arrived without a reload
    arrived_ms = nurse.evaluate("id => window.__arrivals[id]", str(item.pk))
    assert arrived_ms / 1000 - item.created_at.timestamp() < 1.0, "the row took more than a second to appear"
    nurse_row = row(nurse, "MRN-A1")
    expect(nurse_row.locator(".tier")).to_have_text("Task")  # tier in words, not colour alone
    expect(nurse_row.locator("time.sla")).to_contain_text("due in")
    expect(nurse_row.locator("time.age")).to_have_text("just now")
    expect(nurse.locator('[data-count-for="north-nurse-triage"]')).to_have_text(str(count_before + 1))
    shot(nurse, "a1-queue-item-arrived-live")

    # keyboard help, then the colleague opens the item in a second tab
    nurse.keyboard.press("?")
    expect(nurse.locator("#help")).to_be_visible()
    shot(nurse, "a2-shortcut-help")
    nurse.keyboard.press("Escape")
    expect(nurse.locator("#help")).to_be_hidden()
    colleague_item = colleague.context.new_page()
    colleague_item.goto(f"/items/{item.pk}/")
    expect(colleague_item.locator("#live-status")).to_have_attribute("data-state", "live")
    expect(colleague_item.locator("#claim-status")).to_have_text("Not claimed")

    # the nurse claims it from the list with the keyboard (j/k move the cursor, c claims)
    nurse.keyboard.press("j")
    expect(nurse.locator("#item-rows tr.row").first).to_have_class(has_class("is-cursor"))
    while "is-cursor" not in (nurse_row.get_attribute("class") or ""):
        nurse.keyboard.press("j")
    expect(nurse_row).to_be_focused()
    nurse.keyboard.press("c")
    expect(nurse_row.locator(".claimed-by")).to_have_text("nurse (you)")
    expect(nurse_row.locator("button[data-act]")).to_have_text("Release")
    # ... and the colleague sees it live, in the list and on the item page
    expect(row(colleague, "MRN-A1").locator(".claimed-by")).to_have_text("nurse")
    expect(row(colleague, "MRN-A1").locator("button[data-act]")).to_be_disabled()
    expect(colleague_item.locator("#live-note")).to_have_text("nurse claimed this item just now.")
    expect(colleague_item.locator("#btn-claim")).to_be_disabled()
    shot(colleague, "a3-colleague-sees-claim-live")
    colleague_item.click("#btn-accept")  # too late: the server says who holds it
    expect(colleague_item.locator("#action-error")).to_contain_text("Claimed by nurse until")
    shot(colleague_item, "a4-colleague-409-claimed-by-nurse")

    # the nurse overrides: o opens the item with the override form
    nurse.keyboard.press("o")
    nurse.wait_for_url(re.compile(rf"/items/{item.pk}/\?(?:.*&)?do=override"))  # the view rides along (?from=)
    expect(nurse.locator("#panel-override")).to_have_attribute("open", "")
    expect(nurse.locator(".ai-card")).to_contain_text("AI suggestion")
    expect(nurse.locator(".ai-card")).to_contain_text("triage-clf v1")
    # the care level and the complaint protocol that decided it, with the guideline it cites
    expect(nurse.locator(".ai-card")).to_contain_text("Care level")
    expect(nurse.locator(".ai-card")).to_contain_text("Self-care")
    expect(nurse.locator(".ai-card .why.protocol")).to_contain_text("Rash protocol")
    expect(nurse.locator(".ai-card .why.protocol a").first).to_have_attribute("href", re.compile(r"^https://"))
    expect(nurse.locator("#message-body")).to_have_text(
        "I have had an itchy rash on my arm for a week, it is getting bigger."
    )
    expect(nurse.locator("#message-body mark.hl").first).to_be_visible()  # the AI's terms, highlighted
    nurse.select_option("#ov-urgency", "urgent")
    nurse.fill("#ov-disposition", "Same-day visit: spreading rash needs to be seen today.")
    nurse.select_option("#ov-reason", "other")
    nurse.click("#form-override button[type=submit]")
    expect(nurse.locator("#err-comment")).to_have_text("A comment is required when the reason is “Other”.")
    expect(nurse.locator("#ov-comment")).to_have_attribute("aria-invalid", "true")
    shot(nurse, "a5-override-comment-required")
    nurse.fill("#ov-comment", "Spreading over a week; want eyes on it today.")
    nurse.click("#form-override button[type=submit]")
    # decide and move on (issue 11): the page goes on to the next item; the decision shows on its own page
    resolved_state(item.pk, page=nurse)
    nurse.goto(f"/items/{item.pk}/")
    expect(nurse.locator("#resolved-summary")).to_contain_text("resolved: override as urgent by nurse")
    resolved_line = nurse.locator("#history li.h-work_itemresolved")
    expect(resolved_line).to_contain_text("Decision: override")
    expect(resolved_line).to_contain_text("reason: Other (comment required)")
    expect(resolved_line).to_contain_text("AI had said Routine")
    shot(nurse, "a6-item-resolved-with-history")

    # the colleague's list drops it and the item page says so, live
    expect(row(colleague, "MRN-A1")).to_have_count(0)
    expect(colleague_item.locator("#live-note")).to_have_text("This item was resolved by someone else.")

    def audit():
        record = AuditRecord.objects.get(action="work_item.resolved", object_id=str(item.pk))
        return record.data, record.actor

    data, actor = orm(audit)
    assert actor == "nurse"
    assert data["ai"]["model"] == "triage-clf" and data["ai"]["urgency"] in ("routine", "urgent")
    assert data["human"] == {
        "decision": "override",
        "final_urgency": "urgent",
        "disposition": "Same-day visit: spreading rash needs to be seen today.",
        "reason_code": "other",
        "comment": "Spreading over a week; want eyes on it today.",
        "agrees_with_ai": data["ai"]["urgency"] == "urgent",
    }


# --- b. digest mode holds suggestions back for the digest ---------------------------------------
def test_b_a_digest_user_gets_a_suggestion_only_in_the_digest(site, chromium):
    from playwright.sync_api import expect

    from queues.models import DigestEntry
    from queues.services import delivery

    nurse = sign_in(chromium, site["url"], "nurse")
    nurse.goto("/settings/delivery/")
    nurse.check("input[name=suggestion_mode][value=digest]")
    nurse.select_option("select[name=digest_minutes]", "5")
    shot(nurse, "b0-delivery-settings")
    nurse.click("form.settings-form button[type=submit]")
    expect(nurse.locator(".banner-ok")).to_have_text("Your delivery settings are saved.")
    open_queue(nurse)
    colleague = open_queue(sign_in(chromium, site["url"], "nurse3"))  # immediate mode: the contrast

    post_message(
        site,
        subject="Question",
        body="Can you send me a copy of my last bill? I think I was charged twice.",
        mrn="MRN-B1",
    )
    expect(row(colleague, "MRN-B1")).to_be_visible()  # it did go out live ...
    expect(row(colleague, "MRN-B1").locator(".tier")).to_have_text("Suggestion")
    item = item_for("MRN-B1")
    assert orm(lambda: wait_until(lambda: DigestEntry.objects.filter(item=item, user__username="nurse").exists()))
    nurse.wait_for_timeout(1000)
    expect(row(nurse, "MRN-B1")).to_have_count(0)  # ... but not to the digest user
    expect(nurse.locator("#digest-panel")).to_be_hidden()
    shot(nurse, "b1-digest-user-no-live-suggestion")

    sent = orm(delivery.digests_build, now=timezone.now() + timedelta(minutes=6))
    assert sent == 1
    panel = nurse.locator("#digest-panel")
    expect(panel).to_be_visible()
    expect(panel.locator("#digest-items li")).to_have_count(1)
    expect(panel).to_contain_text("MRN-B1")
    expect(panel).to_contain_text("Message: billing admin")
    expect(panel.locator(".tier")).to_have_text("Suggestion")
    expect(row(nurse, "MRN-B1")).to_be_visible()  # and it joins the list
    expect(nurse.locator("#queue-count")).to_have_text("1")
    assert nurse.evaluate("window.__sameDocument") is True
    shot(nurse, "b2-digest-panel")


# --- c. an interrupt must be acknowledged; unacknowledged it escalates to the owner ---------------
def test_c_an_unacknowledged_interrupt_escalates_to_the_queue_owner(site, chromium):
    from playwright.sync_api import expect

    from audit.models import AuditRecord
    from queues.models import InterruptDelivery, WorkItem
    from queues.services import delivery, items

    def setup():
        users = get_user_model().objects
        delivery.preference_update(user=users.get(username="nurse3"), changes={"interrupt_cap_per_hour": 0})
        # seed_demo's manager follows the queues the managers own; here they follow none, so only the
        # escalation reaches them
        manager = users.get(username="manager")
        manager.delivery.followed_queues.clear()
        delivery.preference_update(user=manager, changes={"follow_all": False})

    orm(setup)
    nurse = open_queue(sign_in(chromium, site["url"], "nurse"))
    manager = open_queue(sign_in(chromium, site["url"], "manager"))
    capped = open_queue(sign_in(chromium, site["url"], "nurse3"))

    post_message(site, subject="Help", body="I have crushing chest pain and I can't breathe", mrn="MRN-C1")
    toast = nurse.locator("#interrupt-dialog .interrupt")
    expect(toast).to_be_visible()
    expect(toast.locator("h3")).to_have_text("Interrupt · Emergent")
    expect(toast).to_contain_text("MRN-C1")
    expect(toast.locator("button[data-ack]")).to_be_focused()
    assert int(nurse.evaluate("document.body.dataset.beeps || '0'")) >= 1  # sound on by default
    expect(row(nurse, "MRN-C1").locator(".tier")).to_have_text("Interrupt")
    shot(nurse, "c1-interrupt-toast")
    nurse.keyboard.press("Escape")  # Esc does not dismiss it: it must be acknowledged
    expect(toast).to_be_visible()
    # the cap never demotes an emergency care level (issue 11): nurse3, capped at 0, is interrupted too
    expect(capped.locator("#interrupt-dialog .interrupt")).to_contain_text("MRN-C1")
    shot(capped, "c2-over-cap-emergency-still-interrupts")
    # The manager owns the queue but follows none here: only an escalation interrupts them.
    expect(manager.locator("#interrupt-dialog .interrupt")).to_have_count(0)

    item = item_for("MRN-C1")
    escalated = orm(items.item_escalate_due, now=timezone.now() + timedelta(minutes=10))
    assert escalated == 1
    # issue 11: an escalation is one summary and an inbox entry, never a modal
    summary = manager.locator("#escalation-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("#esc-summary-title")).to_have_text("1 escalation waits for you · 1 emergent")
    expect(manager.locator("#interrupt-dialog")).not_to_be_visible()
    expect(row(nurse, "MRN-C1").locator(".escalation")).to_have_text("Escalated: queue owner")
    shot(manager, "c3-manager-escalation-summary")

    manager.locator("#esc-summary-open").click()
    manager.wait_for_url("**/escalations/")
    cards = manager.locator("#esc-waiting-list .esc-card")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("interrupt not acknowledged within")
    cards.first.locator("button[data-esc-ack]").click()
    expect(cards).to_have_count(0)
    toast.locator("button[data-ack]").click()
    expect(nurse.locator("#interrupt-dialog")).not_to_be_visible()
    nurse.reload()  # acknowledged interrupts do not come back
    expect(nurse.locator("#live-status")).to_have_attribute("data-state", "live")
    expect(nurse.locator("#interrupt-dialog .interrupt")).to_have_count(0)

    def facts():
        fresh = WorkItem.objects.get(pk=item.pk)
        deliveries = {
            (d.user.username, d.escalation, d.delivered_as, d.acknowledged_at is not None)
            for d in InterruptDelivery.objects.filter(item=item).select_related("user")
        }
        escalation_record = AuditRecord.objects.get(action="work_item.escalated", object_id=str(item.pk))
        return fresh.state, deliveries, escalation_record.actor, escalation_record.data

    state, deliveries, actor, data = orm(facts)
    assert state == "escalated" and actor == "system"
    assert data["ai"]["urgency"] == "emergent" and data["to_group"] == "managers"
    assert deliveries == {
        ("nurse", False, "interrupt", True),
        ("nurse3", False, "interrupt", False),
        ("manager", True, "interrupt", True),
    }


# --- an interrupt whose item closes goes away, live --------------------------------------------------
def test_an_item_resolved_in_the_emr_withdraws_its_pending_interrupt_live(site, chromium):
    from playwright.sync_api import expect

    nurse = open_queue(sign_in(chromium, site["url"], "nurse"))
    for mrn, message_id in (("MRN-W1", "m-w1"), ("MRN-W2", "m-w2")):
        post_event(
            site,
            "PatientMessageReceived",
            message_id=message_id,
            subject="Help",
            body="I have crushing chest pain and I can't breathe",
            patient={"mrn": mrn, "name": "Ada Example", "birth_date": "1961-03-14", "sex": "female"},
        )
    cards = nurse.locator("#interrupt-dialog .interrupt")
    expect(cards).to_have_count(2)
    first, second = str(item_for("MRN-W1").pk), str(item_for("MRN-W2").pk)
    shot(nurse, "w1-two-interrupts-pending")

    post_event(
        site,
        "PatientMessageResolved",
        message_id="m-w1",
        final_urgency="emergent",
        disposition="Sent to the ED by phone",
        resolved_by="dr-lee",
    )
    expect(nurse.locator(f'#interrupt-dialog .interrupt[data-item="{first}"]')).to_have_count(0)
    expect(row(nurse, "MRN-W1")).to_have_count(0)
    withdrawn = nurse.locator(f'#notices .notice-cleared[data-item="{first}"]')
    expect(withdrawn).to_contain_text("Interrupt withdrawn")
    expect(withdrawn).to_contain_text("resolved in the EMR")
    expect(cards).to_have_count(1)  # the other item's interrupt still waits
    expect(cards.first).to_have_attribute("data-item", second)
    assert nurse.evaluate("window.__sameDocument") is True  # live, not on a reload
    shot(nurse, "w2-interrupt-withdrawn-after-emr-resolution")

    stored = nurse.evaluate("() => JSON.parse(sessionStorage.getItem('cf.interrupts.nurse') || '[]')")
    assert [f["item"]["id"] for f in stored] == [second]
    post_event(
        site,
        "PatientMessageResolved",
        message_id="m-w2",
        final_urgency="emergent",
        disposition="Called 911",
        resolved_by="dr-lee",
    )
    expect(cards).to_have_count(0)
    expect(nurse.locator("#interrupt-dialog")).not_to_be_visible()
    nurse.reload()  # nothing comes back from sessionStorage or the server
    expect(nurse.locator("#live-status")).to_have_attribute("data-state", "live")
    nurse.wait_for_timeout(500)
    expect(cards).to_have_count(0)


# --- the queue row says how far up the escalation chain an item went ----------------------------------
def test_a_queue_row_shows_the_escalation_step_live_and_after_a_reload(site, chromium):
    from playwright.sync_api import expect

    from queues.services import items

    nurse = open_queue(sign_in(chromium, site["url"], "nurse"))
    post_message(site, subject="Help", body="I have crushing chest pain and I can't breathe", mrn="MRN-L1")
    expect(nurse.locator("#interrupt-dialog .interrupt")).to_be_visible()
    nurse_row = row(nurse, "MRN-L1")
    expect(nurse_row.locator(".tier")).to_have_text("Interrupt")
    expect(nurse_row.locator(".escalation")).to_have_count(0)
    item = item_for("MRN-L1")

    now = timezone.now()
    assert orm(items.item_escalate_due, now=now + timedelta(minutes=10)) == 1
    expect(nurse_row.locator(".escalation")).to_have_text("Escalated: queue owner")
    expect(nurse_row.locator(".state")).to_have_count(0)  # not "Escalated" twice
    assert orm(items.item_escalate_due, now=now + timedelta(minutes=30)) == 1
    expect(nurse_row.locator(".escalation")).to_have_text("Escalated: on-call")
    expect(nurse_row.locator(".escalation")).to_have_attribute("title", re.compile("on-call group"))
    assert nurse.evaluate("window.__sameDocument") is True
    shot(nurse, "l1-row-escalated-to-on-call")

    nurse.reload()  # the server-rendered row says the same
    expect(nurse.locator("#live-status")).to_have_attribute("data-state", "live")
    expect(row(nurse, "MRN-L1").locator(".escalation")).to_have_text("Escalated: on-call")
    nurse.goto(f"/items/{item.pk}/")
    expect(nurse.locator("#item-escalation")).to_have_text("Escalated: on-call")
    expect(nurse.locator("#escalate-target")).to_contain_text("Already with the facility on-call group")


# --- the other actions of the item page ----------------------------------------------------------
def test_dismiss_snooze_escalate_and_reassign_from_the_item_page(site, chromium):
    from playwright.sync_api import expect

    nurse = open_queue(sign_in(chromium, site["url"], "nurse"))
    for mrn in ("MRN-E1", "MRN-E2", "MRN-E3"):
        post_message(site, subject="Refill", body="I need a refill of my lisinopril, I have 3 days left.", mrn=mrn)
    for mrn in ("MRN-E1", "MRN-E2", "MRN-E3"):
        expect(row(nurse, mrn)).to_be_visible()
    ids = {mrn: str(item_for(mrn).pk) for mrn in ("MRN-E1", "MRN-E2", "MRN-E3")}

    nurse.goto(f"/items/{ids['MRN-E1']}/")
    nurse.keyboard.press("d")
    nurse.click("#form-dismiss button[type=submit]")
    expect(nurse.locator("#err-dismiss-reason_code")).to_have_text("Choose why you dismiss it.")
    nurse.check("#form-dismiss input[value=duplicate]")
    nurse.click("#form-dismiss button[type=submit]")
    resolved_state(ids["MRN-E1"], page=nurse)  # and the page moves on to the next item
    nurse.goto(f"/items/{ids['MRN-E1']}/")
    expect(nurse.locator("#resolved-summary")).to_contain_text("resolved: dismiss by nurse")

    nurse.goto(f"/items/{ids['MRN-E2']}/")
    nurse.keyboard.press("s")
    expect(nurse.locator("#sn-until")).to_be_focused()
    nurse.click("#form-snooze button[type=submit]")  # default: an hour from now
    resolved_state(ids["MRN-E2"], "snoozed", page=nurse)  # the page moves on; back to the item
    nurse.goto(f"/items/{ids['MRN-E2']}/")
    expect(nurse.locator("#history")).to_contain_text("Snoozed until")
    expect(nurse.locator("#item-state")).to_have_text("Snoozed")
    nurse.keyboard.press("e")
    nurse.fill("#es-comment", "Needs the prescriber today")
    nurse.click("#form-escalate button[type=submit]")
    resolved_state(ids["MRN-E2"], "escalated", page=nurse)
    nurse.goto(f"/items/{ids['MRN-E2']}/")
    expect(nurse.locator("#item-escalation")).to_have_text("Escalated: queue owner")
    expect(nurse.locator("#item-state")).to_be_hidden()  # the escalation label says it
    expect(nurse.locator("#history")).to_contain_text("Escalated to managers: Needs the prescriber today")

    nurse.goto(f"/items/{ids['MRN-E3']}/")
    nurse.keyboard.press("r")
    nurse.select_option("#ra-queue", "north-nurse-review")
    nurse.click("#form-reassign button[type=submit]")
    resolved_state(ids["MRN-E3"], "reassigned", page=nurse)
    nurse.goto(f"/items/{ids['MRN-E3']}/")
    expect(nurse.locator("#back-to-queue")).to_contain_text("nurse review")
    expect(nurse.locator("#item-state")).to_have_text("Reassigned")
    shot(nurse, "e1-item-reassigned")

    open_queue(nurse)
    expect(row(nurse, "MRN-E1")).to_have_count(0)
    expect(row(nurse, "MRN-E3")).to_have_count(0)
    expect(row(nurse, "MRN-E2").locator(".escalation")).to_have_text("Escalated: queue owner")
    open_queue(nurse, "north-nurse-review")
    expect(row(nurse, "MRN-E3").locator(".state")).to_have_text("Reassigned")


# --- idle sign-out --------------------------------------------------------------------------------
def test_an_idle_page_signs_the_user_out(site, chromium):
    from playwright.sync_api import expect

    page = open_queue(sign_in(chromium, site["url"], "nurse", clock=True))
    idle = settings.SESSION_COOKIE_AGE  # the server's too: both read SESSION_IDLE_SECONDS
    page.clock.fast_forward((idle - 30) * 1000)
    expect(page.locator("#idle-warning")).to_be_visible()
    expect(page.locator("#idle-warning")).to_contain_text("You will be signed out in")
    shot(page, "d1-idle-warning")
    page.clock.fast_forward(31_000)
    page.wait_for_url("**/accounts/login/?idle=1")
    expect(page.locator(".login-card")).to_contain_text("You were signed out after a period of inactivity.")
    page.goto("/queues/north-nurse-triage/")  # the session is really over
    assert "/accounts/login/" in page.url
    shot(page, "d2-signed-out-after-idle")


# --- scheduling: a scheduler batch-reviews suggestions --------------------------------------------
@pytest.fixture(scope="module")
def noshow_model_file():
    """A no-show model trained once for this module on a small synthetic history (no database)."""
    from mlregistry.services import models_dir
    from scheduling import data, noshow
    from scheduling.services import MODEL_NAME

    model, _ = noshow.train_noshow(data.synthetic_history(n_patients=600, days=200, seed=4))
    path = models_dir() / f"{MODEL_NAME}-browser-{os.getpid()}.skops"
    sha = noshow.save_model(model, path)
    yield path.name, sha
    path.unlink(missing_ok=True)


def test_a_scheduler_batch_reviews_and_accepts_several_suggestions(site, chromium, noshow_model_file):
    from playwright.sync_api import expect

    from audit.models import AuditRecord
    from ingest.samples import sample_event
    from mlregistry.models import ModelVersion
    from queues.models import WorkItem
    from scheduling.models import SchedulingPolicy
    from scheduling.services import MODEL_NAME, scheduling_policy_update

    def prepare():
        name, sha = noshow_model_file
        ModelVersion.objects.create(
            name=MODEL_NAME, version=1, state="live", path=name, sha256=sha, trained_at=timezone.now(), n_samples=1
        )
        policy = SchedulingPolicy.objects.get(facility__slug="north")
        scheduling_policy_update(policy=policy, changes={"reminder_threshold": 0.0}, actor="test")

    orm(prepare)
    day = timezone.now().date() + timedelta(days=3)
    for i in range(3):
        envelope = sample_event(
            "AppointmentBooked",
            appointment_id=f"sched-{i}",
            provider_id="dr-lee",
            patient={"mrn": f"SCH-{i}", "birth_date": "1988-01-01", "sex": "female"},
            booked_at=timezone.now().isoformat(),
            starts_at=f"{day.isoformat()}T{9 + i:02d}:00:00+00:00",
        )
        request = urllib.request.Request(
            f"{site['url']}/api/v1/events",
            data=json.dumps(envelope).encode(),
            method="POST",
            headers={"Authorization": f"Bearer {site['token']}", "Content-Type": "application/cloudevents+json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 202
    assert orm(lambda: wait_until(lambda: WorkItem.objects.filter(kind="reminder_call").count() == 3, timeout=60))

    scheduler = sign_in(chromium, site["url"], "scheduler")
    scheduler.goto("/scheduling/review/")
    group = scheduler.locator("section.review-group", has_text="dr-lee")
    expect(group.locator("tbody tr")).to_have_count(3)
    expect(group).to_contain_text("Reminder call")
    expect(group).to_contain_text("no-show")
    shot(scheduler, "s1-scheduler-batch-review")
    scheduler.check("#select-all")
    expect(scheduler.locator("#selected-count")).to_have_text("3")
    scheduler.click("#accept-selected")
    expect(scheduler.locator("#review-result")).to_contain_text("Accepted 3 suggestion(s).")
    expect(group.locator("tbody tr")).to_have_count(0)
    shot(scheduler, "s2-scheduler-accepted")

    def decisions():
        return sorted(
            (r.actor, r.data["human"]["decision"], r.data["ai"]["kind"])
            for r in AuditRecord.objects.filter(action="work_item.resolved")
        )

    assert orm(decisions) == [("scheduler", "accept", "reminder_call")] * 3
