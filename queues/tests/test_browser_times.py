# ruff: noqa: F811
"""The times the browser writes are the server's one format: "Wed 02 Dec 14:20", 24 h, in the
facility's zone — not the browser's zone or locale (queues/static/clinflow/app.js CF.localText).

The browser runs in Tokyo with a US English locale; north is in New York. The item page's times
(rewritten by app.js from their datetime attribute) and the history line item.js adds after a claim
must read as the server prints them (queues.times.local_text), and the snooze field is New York's
wall clock."""

from __future__ import annotations

import re
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from queues.models import WorkItem
from queues.tests.test_browser import (  # noqa: F401  (fixtures)
    PASSWORD,
    VIEWPORT,
    chromium,
    item_for,
    model_file,
    orm,
    post_message,
    resolved_state,
    server,
    shot,
    site,
)
from queues.times import local_text

pytestmark = pytest.mark.browser
# the imported fixtures above are used by name (pytest), hence F811 off in this file

ONE_FORMAT = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d\d:\d\d$"
)
ZONE = "America/New_York"


def _north_in_new_york():
    from queues.models import Facility

    Facility.objects.filter(slug="north").update(timezone=ZONE)


def test_the_browser_writes_times_in_the_facility_s_zone_not_its_own(site, chromium):
    orm(_north_in_new_york)
    post_message(site, body="I have had a sore throat for two days.", subject="Throat", mrn="MRN-TZ-BROWSER")
    item = item_for("MRN-TZ-BROWSER")
    context = chromium.new_context(viewport=VIEWPORT, base_url=site["url"], timezone_id="Asia/Tokyo", locale="en-US")
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", "nurse")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/(work/)?$"))
    page.goto(f"/items/{item.pk}/")
    expect(page.locator("#live-status")).to_have_attribute("data-state", "live")
    assert page.locator("body").get_attribute("data-tz") == ZONE

    times = page.locator("time[data-local-time]")
    assert times.count() >= 2  # the message's time and the history
    for i in range(times.count()):
        text, at = times.nth(i).inner_text(), times.nth(i).get_attribute("datetime")
        assert ONE_FORMAT.match(text), text
        assert text == local_text(at, ZONE), (text, at)  # what the server prints, in New York

    page.click("#btn-claim")
    expect(page.locator("#claim-status")).to_contain_text("Claimed by you")
    added = page.locator("#history li").last.locator("time")
    expect(added).to_have_text(ONE_FORMAT)
    assert added.inner_text() == local_text(added.get_attribute("datetime"), ZONE)
    shot(page, "times-item-new-york-from-tokyo")

    # The snooze field is the facility's wall clock too: 2 h from now in New York, to the minute.
    wall = (timezone.now() + timedelta(hours=2)).astimezone(ZoneInfo(ZONE)).replace(second=0, microsecond=0)
    page.keyboard.press("s")
    page.fill("#sn-until", wall.strftime("%Y-%m-%dT%H:%M"))
    page.click("#form-snooze button[type=submit]")
    resolved_state(str(item.pk), "snoozed", page=page)
    snoozed_until = orm(lambda: WorkItem.objects.get(pk=item.pk).snoozed_until)
    assert snoozed_until == wall.astimezone(UTC), (snoozed_until, wall)
    page.goto(f"/items/{item.pk}/")
    expect(page.locator("#history")).to_contain_text(f"Snoozed until {local_text(wall, ZONE)}")
    context.close()
