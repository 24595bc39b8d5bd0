# ruff: noqa: F811
"""One time format on every staff page: the facility's local time, 24 h ("Wed 02 Dec 14:20").

The template filters `local` / `local_if_time` (queues.templatetags.clinflow_times) print every
absolute time the pages show; hostile values give "" (or stay as they are when they are not times),
never an exception. The pages' visible text carries no raw ISO timestamp (attributes may)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from queues import routing
from queues.models import Facility, WorkItem
from queues.services.items import item_claim, item_escalate, item_snooze
from queues.templatetags.clinflow_times import local, local_if_time
from queues.tests.conftest import login
from queues.tests.factories import staff
from scheduling.tests.conftest import clinic, noshow_file, noshow_live, source  # noqa: F401  (fixtures)
from scheduling.tests.test_review_actionable import every_kind, new_york  # noqa: F401  (fixtures)

# the imported fixtures (a New York clinic with one open suggestion of each scheduling kind) are
# used by name (pytest), hence F811 off in this file
RAW_ISO = re.compile(r"\d{4}-\d\d-\d\dT")
TWELVE_HOUR = re.compile(r"\d:\d\d\s*[AP]M\b")


class _VisibleText(HTMLParser):
    """The text a person sees: element text without scripts and styles (attributes are not text)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def assert_one_time_format(html: str, where: str) -> None:
    text = visible_text(html)
    iso = RAW_ISO.search(text)
    assert iso is None, (
        f"{where}: raw ISO time in the visible text: …{text[max(0, iso.start() - 60) : iso.end() + 30]}…"
    )
    assert not TWELVE_HOUR.search(text), f"{where}: a 12-hour time"
    assert not re.search(r"\d\d:\d\d UTC", text), f"{where}: a time printed in UTC"


# --- the filter (pure) -------------------------------------------------------------------------
def render(value, tz) -> str:
    return Template("{% load clinflow_times %}{{ value|local:tz }}").render(Context({"value": value, "tz": tz}))


def test_local_prints_the_facility_s_time_24h_from_a_datetime_an_iso_string_or_a_facility():
    at = datetime(2026, 12, 2, 19, 20, tzinfo=UTC)
    assert local(at, "America/New_York") == "Wed 02 Dec 14:20"
    assert local("2026-12-02T19:20:00Z", "America/New_York") == "Wed 02 Dec 14:20"
    assert local("2026-12-02T20:20:00+01:00", Facility(timezone="America/New_York")) == "Wed 02 Dec 14:20"
    assert local(at, "Asia/Kolkata") == "Thu 03 Dec 00:50"  # the day changes with the zone
    assert local(datetime(2026, 12, 2, 13, 5, tzinfo=UTC), "UTC") == "Wed 02 Dec 13:05"  # 13, not 1 PM
    assert render(at, "America/New_York") == "Wed 02 Dec 14:20"


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "garbage",
        "2026-13-45T99:99:00Z",
        "<script>alert(1)</script>",
        12345,
        3.5,
        ["2026-12-02T19:20:00Z"],
        {"at": "2026-12-02T19:20:00Z"},
        date(2026, 12, 2),  # a day is no time
        datetime(2026, 12, 2, 19, 20),  # naive: no zone to convert from
        "2026-12-02T19:20:00",  # naive ISO
        datetime(1, 1, 1, 0, 0, tzinfo=UTC),  # New York is still in year 0
        "0001-01-01T00:00:00Z",
    ],
)
def test_local_gives_nothing_for_what_it_cannot_place_on_the_clock(value):
    assert local(value, "America/New_York") == ""
    assert render(value, "America/New_York") == ""


def test_local_at_the_edges_of_the_calendar_is_text_or_nothing_never_an_error():
    end = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
    assert local(end, "America/New_York") == "Fri 31 Dec 18:59"
    assert local(end, "Asia/Tokyo") == ""  # would be year 10000
    assert local("9999-12-31T23:59:00Z", "Asia/Tokyo") == ""
    assert local(datetime(1, 1, 1, 0, 0, tzinfo=UTC), "UTC") == "Mon 01 Jan 00:00"


def test_local_follows_daylight_saving_time_in_both_directions():
    berlin = "Europe/Berlin"  # 2026: CEST from 29 March 01:00 UTC to 25 October 01:00 UTC
    assert local(datetime(2026, 3, 29, 0, 30, tzinfo=UTC), berlin) == "Sun 29 Mar 01:30"
    assert local(datetime(2026, 3, 29, 1, 30, tzinfo=UTC), berlin) == "Sun 29 Mar 03:30"  # 02:xx never happens
    assert local(datetime(2026, 10, 25, 0, 30, tzinfo=UTC), berlin) == "Sun 25 Oct 02:30"  # CEST
    assert local(datetime(2026, 10, 25, 1, 30, tzinfo=UTC), berlin) == "Sun 25 Oct 02:30"  # CET: 02:30 again
    # the same wall time in the zone the value came from is converted, not re-labelled
    assert local(datetime(2026, 7, 1, 12, 0, tzinfo=ZoneInfo(berlin)), "UTC") == "Wed 01 Jul 10:00"


@pytest.mark.parametrize("zone", [None, "", "No/Such_Zone", "../../etc/passwd", 42, object(), Facility(timezone="")])
def test_an_unknown_zone_reads_as_utc(zone):
    assert local("2026-12-02T19:20:00Z", zone) == "Wed 02 Dec 19:20"


def test_local_if_time_formats_times_and_leaves_every_other_value_as_it_is():
    assert local_if_time("2026-12-02T19:20:00Z", "America/New_York") == "Wed 02 Dec 14:20"
    assert local_if_time(datetime(2026, 12, 2, 19, 20, tzinfo=UTC), "UTC") == "Wed 02 Dec 19:20"
    for other in (20, 0.5, "sms", "2026-12-02", "", None, ["a"], "cardiology follow-up"):
        assert local_if_time(other, "UTC") == other
    assert local_if_time("2026-12-02T19:20:00", "UTC") == ""  # a naive time names no zone
    assert local_if_time("2026-12-02T99:99:00Z", "UTC") == ""  # looks like a time, is not one


# --- the pages ---------------------------------------------------------------------------------
@pytest.fixture
def new_york_items(make_item, north, nurse):
    """Open items at north (in New York), one claimed and one snoozed, so the history shows both."""
    Facility.objects.filter(pk=north.pk).update(timezone="America/New_York")
    claimed, snoozed = make_item(mrn="MRN-TZ1"), make_item(mrn="MRN-TZ2")
    item_claim(item_id=claimed.pk, user=nurse)
    item_snooze(item_id=snoozed.pk, user=nurse, until=timezone.now() + timedelta(hours=3))
    return claimed, snoozed


@pytest.mark.django_db
def test_the_item_page_prints_every_time_in_the_facility_s_zone(new_york_items, nurse):
    claimed, snoozed = new_york_items
    client = login(nurse)
    for item in (claimed, snoozed):
        item = WorkItem.objects.select_related("queue__facility", "event").get(pk=item.pk)
        html = client.get(f"/items/{item.pk}/").content.decode()
        assert_one_time_format(html, f"item {item.patient_mrn}")
        received = item.event.data["received_at"]
        assert local(received, "America/New_York") in visible_text(html)  # the message's time, local
        assert f">{local(item.created_at, 'America/New_York')}</time>" in html  # the history
        assert 'data-tz="America/New_York"' in html  # for the times the browser writes
    claimed_html = client.get(f"/items/{claimed.pk}/").content.decode()
    claimed.refresh_from_db()
    assert f"Claimed until {local(claimed.claimed_until, 'America/New_York')}" in claimed_html
    snoozed_html = client.get(f"/items/{snoozed.pk}/").content.decode()
    snoozed.refresh_from_db()
    assert f"Snoozed until {local(snoozed.snoozed_until, 'America/New_York')}" in snoozed_html


@pytest.mark.django_db
def test_my_work_a_queue_and_the_settings_show_no_raw_iso_time(new_york_items, nurse):
    client = login(nurse)
    for path in ("/work/", "/queues/north-nurse-triage/", "/settings/delivery/", "/"):
        page = client.get(path, follow=True)
        assert page.status_code == 200, path
        html = page.content.decode()
        assert_one_time_format(html, path)
        assert 'data-tz="America/New_York"' in html, path


@pytest.mark.django_db
def test_the_escalation_inbox_shows_no_raw_iso_time(new_york_items, nurse, manager):
    try:
        path = reverse("escalation-inbox")
    except NoReverseMatch:
        pytest.skip("no escalation inbox in this tree")
    claimed, _ = new_york_items
    item_escalate(item_id=claimed.pk, user=nurse, comment="Needs a doctor today")
    page = login(manager).get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "MRN-TZ1" in html  # the escalation is there, with its time
    assert_one_time_format(html, "escalation inbox")


@pytest.mark.django_db
def test_the_scheduling_review_and_its_item_pages_show_no_raw_iso_time(every_kind, scheduler, manager):
    for user in (scheduler, manager):
        client = login(user)
        review = client.get("/scheduling/review/")
        assert review.status_code == 200
        assert_one_time_format(review.content.decode(), f"review as {user.username}")
        for kind, item in every_kind.items():
            html = client.get(f"/items/{item.pk}/").content.decode()
            assert_one_time_format(html, f"{kind} item as {user.username}")


@pytest.mark.django_db
def test_a_claim_conflict_names_the_claim_s_end_in_the_facility_s_time(new_york_items, nurse):
    claimed, _ = new_york_items
    claimed.refresh_from_db()
    colleague = login(staff(claimed.queue.facility, "triage"))
    refused = colleague.post(f"/api/v1/items/{claimed.pk}/claim", data={}, content_type="application/json")
    assert refused.status_code == 409
    until = local(claimed.claimed_until, "America/New_York")
    assert refused.json()["detail"] == f"Claimed by nurse until {until}."


def test_an_sla_escalation_says_when_the_item_was_due_in_the_words_it_is_given():
    reason = routing.escalation_reason(
        why="sla_breach", previous_level=0, due_text="Wed 02 Dec 14:20", interval_minutes=5
    )
    assert reason == "past its SLA (due Wed 02 Dec 14:20)"
    assert routing.escalation_reason(why="sla_breach", previous_level=0, due_text="", interval_minutes=5) == (
        "past its SLA"
    )
