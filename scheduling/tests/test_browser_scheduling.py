"""Scheduling pages in a real browser (Chromium through Playwright, real ASGI server and Celery
worker): a batch accept undone, the capacity chart drawn as SVG, and both pages at 390 px with no
sideways scrolling. Run: `pytest -m browser scheduling/tests/test_browser_scheduling.py`."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from clinflow.testing import wait_until
from queues.tests.test_browser import orm, post_envelope, shot, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def suggestions(site, noshow_model_file):
    """Three reminder calls for dr-lee at north (live no-show model, threshold 0), booked via the API."""
    from ingest.samples import sample_event
    from mlregistry.models import ModelVersion
    from queues.models import WorkItem
    from scheduling.models import SchedulingPolicy
    from scheduling.services import MODEL_NAME, scheduling_policy_update

    name, sha = noshow_model_file
    ModelVersion.objects.create(
        name=MODEL_NAME, version=1, state="live", path=name, sha256=sha, trained_at=timezone.now(), n_samples=1
    )
    policy = SchedulingPolicy.objects.get(facility__slug="north")
    scheduling_policy_update(policy=policy, changes={"reminder_threshold": 0.0}, actor="test")
    day = timezone.now().date() + timedelta(days=3)
    for i in range(3):
        envelope = sample_event(
            "AppointmentBooked",
            appointment_id=f"sched-u-{i}",
            provider_id="dr-lee",
            patient={"mrn": f"SCU-{i}", "name": f"Pat Example {i}", "birth_date": "1988-01-01", "sex": "female"},
            booked_at=timezone.now().isoformat(),
            starts_at=f"{day.isoformat()}T{9 + i:02d}:00:00+00:00",
            reminder_channel="phone",
        )
        post_envelope(site, envelope)
    assert wait_until(lambda: WorkItem.objects.filter(kind="reminder_call").count() == 3, timeout=60)
    return site


def no_sideways_scroll(page) -> tuple[int, int]:
    return page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")


def test_a_scheduler_accepts_a_batch_and_undoes_it(suggestions, chromium):
    from playwright.sync_api import expect

    from audit.models import AuditRecord
    from queues.models import WorkItem

    def states():
        return set(WorkItem.objects.filter(kind="reminder_call").values_list("state", flat=True))

    page = sign_in(chromium, suggestions["url"], "scheduler")
    page.goto("/scheduling/review/")
    group = page.locator("section.review-group", has_text="dr-lee")
    expect(group.locator("tbody tr")).to_have_count(3)
    expect(group).to_contain_text("Pat Example 0")
    expect(group).to_contain_text("Phone call")
    expect(group).not_to_contain_text("reminder_threshold")
    shot(page, "sched-1-review")
    page.check("#select-all")
    page.click("#accept-selected")
    expect(page.locator("#review-result")).to_contain_text("Accepted 3 suggestion(s).")
    expect(page.locator("section.review-group", has_text="dr-lee")).to_have_count(0)  # emptied card removed
    expect(page.locator("#review-count")).to_have_text("0")
    shot(page, "sched-2-accepted")
    assert orm(lambda: set(WorkItem.objects.filter(kind="reminder_call").values_list("state", flat=True))) == {
        "resolved"
    }
    page.click("#undo-batch")
    expect(page.locator("#review-result")).to_contain_text("Undone: 3 suggestion(s)")
    expect(page.locator("section.review-group", has_text="dr-lee").locator("tbody tr")).to_have_count(3)
    shot(page, "sched-3-undone")
    assert orm(states) == {"new"}
    reopened = orm(
        lambda: sorted(
            (r.actor, r.data["human"]["undo_of"]) for r in AuditRecord.objects.filter(action="work_item.reopened")
        )
    )
    assert reopened == [("scheduler", "accept")] * 3
    page.reload()  # the server agrees: all three are open again
    expect(page.locator("section.review-group", has_text="dr-lee").locator("tbody tr")).to_have_count(3)


def test_the_capacity_chart_has_an_svg_plot(suggestions, chromium):
    from playwright.sync_api import expect

    page = sign_in(chromium, suggestions["url"], "scheduler")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/scheduling/capacity/")
    expect(page.locator("#capacity-chart .main-svg").first).to_be_visible()
    expect(page.locator("#capacity-chart svg .bars path, #capacity-chart svg .point").first).to_be_attached()
    assert errors == []
    shot(page, "sched-4-capacity")


@pytest.mark.parametrize("path", ["/scheduling/review/", "/scheduling/capacity/"])
def test_scheduling_pages_fit_390_px_without_sideways_scrolling(suggestions, chromium, path):
    from playwright.sync_api import expect

    page = sign_in(chromium, suggestions["url"], "scheduler")
    page.set_viewport_size(PHONE)
    page.goto(path)
    if "capacity" in path:
        expect(page.locator("#capacity-chart .main-svg").first).to_be_visible()
        box = page.locator("#capacity-chart").bounding_box()
        assert box is not None and box["width"] <= PHONE["width"]
    else:
        expect(page.locator("tr.sched-card").first).to_be_visible()
    width, viewport = no_sideways_scroll(page)
    assert width <= viewport, f"{path} is {width} px wide at {viewport} px"
    shot(page, f"sched-5-390{path.strip('/').replace('/', '-')}")
