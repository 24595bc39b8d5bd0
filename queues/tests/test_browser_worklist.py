# ruff: noqa: F811
"""Issue 11 in a real browser: a nurse clears ten items from My work with the keyboard only
(overriding one), and at 390 px the queue, My work and item pages do not scroll sideways."""

from __future__ import annotations

import pytest

from queues.tests.test_browser import (  # noqa: F401  (fixtures)
    PASSWORD,
    chromium,
    item_for,
    model_file,
    orm,
    post_message,
    server,
    shot,
    site,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # see test_browser.py
]
# the imported fixtures above are used by name (pytest), hence F811 off in this file

MESSAGES = [
    ("Rash", "I have had an itchy rash on my arm for a week."),
    ("Refill", "Could I get a refill of my blood pressure tablets please?"),
    ("Cough", "Dry cough for three days, no fever."),
    ("Forms", "Please send the school form for my son."),
    ("Sore throat", "Sore throat for two days, can still swallow."),
    ("Back", "Lower back pain after lifting boxes yesterday."),
    ("Results", "Have my blood test results come back?"),
    ("Ear", "My ear has been aching since Monday."),
    ("Sleep", "I cannot sleep well lately, any advice?"),
    ("Knee", "My knee is swollen after a run last weekend."),
]


def sign_in(browser, base: str, username: str, *, viewport=None):
    context = browser.new_context(viewport=viewport or {"width": 1440, "height": 900}, base_url=base)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page


def _seed_ten(site) -> list:
    for n, (subject, body) in enumerate(MESSAGES):
        post_message(site, subject=subject, body=body, mrn=f"MRN-W{n}")
    return [item_for(f"MRN-W{n}") for n in range(len(MESSAGES))]


def test_a_nurse_clears_ten_items_from_my_work_with_the_keyboard_only_overriding_one(site, chromium):
    from playwright.sync_api import expect

    from audit.models import AuditRecord

    _seed_ten(site)
    page = sign_in(chromium, site["url"], "nurse")
    page.goto("/work/")
    expect(page.locator("h1")).to_have_text("My work")
    shot(page, "work-0-my-work")
    page.keyboard.press("j")
    page.keyboard.press("a")
    page.wait_for_url("**/items/**do=accept**")
    for n in range(10):
        before = page.url
        if n == 4:  # override this one, by keyboard only
            expect(page.locator("#live-status")).to_have_attribute("data-state", "live")
            page.keyboard.press("o")
            expect(page.locator("#ov-urgency")).to_be_focused()
            page.keyboard.type("u")  # Urgent
            page.keyboard.press("Tab")
            page.keyboard.type("Same-day visit.")
            page.keyboard.press("Tab")
            page.keyboard.type("c")  # Clinical judgement
            page.keyboard.press("Tab")
            page.keyboard.press("Tab")
            page.keyboard.press("Enter")
            shot(page, "work-2-override")
        elif n == 0:  # opened with do=accept from the list: the accept button has the focus
            expect(page.locator("#btn-accept")).to_be_focused()
            page.keyboard.press("Enter")
        else:  # a puts the focus on accept, Enter accepts
            expect(page.locator("#live-status")).to_have_attribute("data-state", "live")
            page.keyboard.press("a")
            expect(page.locator("#btn-accept")).to_be_focused()
            page.keyboard.press("Enter")
        page.wait_for_url(lambda url, before=before: url != before and "undo=" in url)
        page.wait_for_load_state()
        if n == 0:
            expect(page.locator("#btn-undo")).to_be_visible()
            shot(page, "work-1-next-item-with-undo")

    def decided():
        records = AuditRecord.objects.filter(action="work_item.resolved", actor="nurse")
        return [r.data["human"]["decision"] for r in records]

    decisions = orm(decided)
    assert len(decisions) == 10 and decisions.count("override") == 1
    shot(page, "work-3-after-ten")


@pytest.mark.parametrize("where", ["/work/", "/queues/north-nurse-triage/", "item"])
def test_staff_pages_fit_390_px_without_sideways_scrolling(site, chromium, where):
    post_message(site, subject="Rash", body="An itchy rash on my arm for a week, getting bigger.", mrn="MRN-P1")
    item = item_for("MRN-P1")
    page = sign_in(chromium, site["url"], "nurse", viewport={"width": 390, "height": 844})
    page.goto(f"/items/{item.pk}/" if where == "item" else where)
    page.wait_for_load_state()
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    shot(page, f"work-390-{where.strip('/').replace('/', '-') or 'item'}")
    assert widths[0] <= widths[1], widths
