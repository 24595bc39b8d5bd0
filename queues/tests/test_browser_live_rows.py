# ruff: noqa: F811
"""Live rows in a real browser: a nurse on My work sees a message posted by the EMR appear without
a reload, saying what the work is (complaint, patient name and age), in the place the page's own
order gives it (urgency, then due-by), with the sidebar count up by one; after a reload the
server-rendered row says the same as the live one."""

from __future__ import annotations

import pytest

from queues.tests.test_browser import (  # noqa: F401  (fixtures)
    chromium,
    item_for,
    model_file,
    orm,
    post_event,
    server,
    shot,
    sign_in,
    site,
)

pytestmark = pytest.mark.browser
# the imported fixtures above are used by name (pytest), hence F811 off in this file

TRIAGE = "north-nurse-triage"


def post(site, *, mrn: str, name: str, birth_date: str, subject: str, body: str) -> None:
    post_event(
        site,
        "PatientMessageReceived",
        facility="north",
        subject=subject,
        body=body,
        patient={"mrn": mrn, "name": name, "birth_date": birth_date, "sex": "female"},
    )


def server_order(username: str) -> list[str]:
    """The MRNs of My work in the order the server gives them (queues.selectors.items_my_work)."""
    from django.contrib.auth import get_user_model

    from queues import selectors

    user = get_user_model().objects.get(username=username)
    return list(selectors.items_my_work(user=user).values_list("patient_mrn", flat=True))


def page_rows(page) -> list[dict[str, str]]:
    return page.evaluate("""() => Array.from(document.querySelectorAll('#item-rows tr.row')).map(r => ({
        mrn: r.querySelector('.c-mrn').textContent.trim(),
        queue: r.querySelector('.c-queue').textContent.trim(),
        what: r.querySelector('.r-what').innerText.replace(/\\s+/g, ' ').trim(),
        ai: (r.querySelector('.ai-mark') || {}).textContent || '',
    }))""")


def test_a_nurse_on_my_work_sees_a_posted_message_arrive_with_its_complaint_and_patient_in_place(site, chromium):
    from playwright.sync_api import expect

    from queues.models import WorkItem

    # already waiting: an emergency and an administrative request (the new message belongs between)
    post(
        site,
        mrn="MRN-LV1",
        name="Edith Clarke",
        birth_date="1958-02-10",
        subject="Chest",
        body="Crushing chest pain spreading to my left arm and I am sweating.",
    )
    post(
        site,
        mrn="MRN-LV3",
        name="Mary Jackson",
        birth_date="1980-06-01",
        subject="Form",
        body="Please send the school form for my son.",
    )
    first, admin = item_for("MRN-LV1"), item_for("MRN-LV3")
    assert (first.urgency, admin.urgency) == ("emergent", "non_clinical"), "the test needs one of each"

    page = sign_in(chromium, site["url"], "nurse")
    page.goto("/work/")
    expect(page.locator("#live-status")).to_have_attribute("data-state", "live")
    expect(page.locator("#item-rows tr.row")).to_have_count(2)
    page.evaluate("() => { window.__sameDocument = true; }")  # gone if the page reloads
    count = page.locator(f'[data-count-for="{TRIAGE}"]')
    expect(count).to_have_text("2")
    shot(page, "live-rows-0-before")

    post(
        site,
        mrn="MRN-LV2",
        name="Katherine Johnson",
        birth_date="1981-11-20",  # 45 on the day of this run (2026-12-03) or later
        subject="Throat",
        body="Sore throat for two days, can still swallow.",
    )
    arrived = page.locator("#item-rows tr.row", has_text="MRN-LV2")
    expect(arrived).to_be_visible()
    expect(arrived.locator(".r-patient")).to_have_text("Katherine Johnson, 45 y")
    expect(arrived.locator(".r-complaint")).to_contain_text("Sore throat")
    expect(arrived.locator(".r-snippet")).to_have_text("Sore throat for two days, can still swallow.")
    expect(arrived.locator(".c-queue")).to_contain_text("nurse triage")
    expect(arrived.locator(".ai-mark")).to_contain_text("AI:")
    expect(count).to_have_text("3")
    assert page.evaluate("() => window.__sameDocument === true"), "the page reloaded"
    shot(page, "live-rows-1-arrived")

    live = page_rows(page)
    assert [r["mrn"] for r in live] == ["MRN-LV1", "MRN-LV2", "MRN-LV3"]  # urgency order: in between
    assert [r["mrn"] for r in live] == orm(server_order, "nurse")
    assert orm(lambda: WorkItem.objects.get(patient_mrn="MRN-LV2").urgency) == "routine"

    page.reload()
    expect(page.locator("#item-rows tr.row")).to_have_count(3)
    rendered = page_rows(page)
    assert rendered == live  # the server's row and the live one say the same
    shot(page, "live-rows-2-after-reload")
