"""A manager's shadow review of 20 cases, end to end in a real browser (issue 12, "Done when"):
Chromium (Playwright) against a real ASGI server on the test database, over a history of 24
shadow-scored messages with staff decisions built with the ORM (dashboards/tests/test_review.py).

The manager signs in, opens the review page, records a verdict and a note on every case (19 with
htmx in place, the last one in a second browser context with JavaScript off: the plain form POST),
sees the summary say 20 of 20, reloads and finds every verdict and note kept; then the rows and the
audit records are checked. Screenshot: CLINFLOW_VAR_DIR/artifacts/shadow-review.png.
Run apart from the rest of the suite: `pytest -m browser dashboards/tests/test_review_browser.py`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from clinflow.testing import asgi_server
from queues.tests.test_browser import CHROMIUM, CHROMIUM_ARGS, PASSWORD, TIMEOUT_MS, VIEWPORT, orm
from queues.tests.test_browser_pages import PHONE, page_problems, width_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(scope="module")
def server(django_db_setup):
    """uvicorn on the test database (no Celery worker: nothing here is enqueued)."""
    name = str(connection.settings_dict["NAME"])
    assert "test" in Path(name).name, f"refusing to start a server on a non-test database {name!r}"
    with asgi_server() as url:
        yield url


@pytest.fixture
def site(server, transactional_db, settings):
    """north with its manager (password PASSWORD, hashed as the server checks it) and 24 shadow
    cases with staff labels. Made before the browser starts, so the ORM is used directly."""
    from dashboards.tests.test_review import shadow_history
    from queues.tests import factories

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    north = factories.facility_for("north")
    manager = factories.manager(north, username="manager")
    manager.set_password(PASSWORD)
    manager.save(update_fields=["password"])
    history = shadow_history(north, n=24)
    return {"url": server, "manager": manager, "history": history}


@pytest.fixture
def chromium():
    """Chromium for one test (as queues.tests.test_browser's, without its demo `site`): request it
    after the data fixture, so the browser stops before the test's database flush."""
    import os

    from playwright.sync_api import expect, sync_playwright

    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    expect.set_options(timeout=TIMEOUT_MS)
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()


def sign_in(browser, base: str, *, javascript: bool = True):
    context = browser.new_context(viewport=VIEWPORT, base_url=base, java_script_enabled=javascript)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", "manager")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(re.escape(base) + r"/(work/)?$"))
    return page


def verdict_for(i: int) -> str:
    return "disagree" if i % 4 == 0 else "agree"


def test_a_managers_shadow_review_of_20_cases_works_end_to_end(site, chromium):
    from playwright.sync_api import expect

    from audit.models import AuditRecord
    from dashboards.models import ShadowReview

    page = sign_in(chromium, site["url"])
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    page.goto("/dashboards/triage/review/?facility=north")  # redirects to a seeded sample
    expect(page).to_have_url(re.compile(r"/dashboards/triage/review/\?facility=north&seed=[0-9a-f]{8}$"))
    sample_url = page.url
    cases = page.locator("article.review-case")
    expect(cases).to_have_count(20)
    expect(page.locator("#summary-reviewed")).to_have_text("0")
    ids = [cases.nth(i).get_attribute("data-case-id") for i in range(20)]
    notes = {
        case_id: f"Note {i}: {'too high' if verdict_for(i) == 'disagree' else 'fits the criteria'}"
        for i, case_id in enumerate(ids)
    }
    first = cases.first
    expect(first.locator(".msg-body")).not_to_be_empty()
    expect(first.locator(".ai-urgency")).not_to_be_empty()
    expect(first.locator(".staff-urgency")).not_to_be_empty()
    expect(first.locator(".staff-origin")).to_have_text(re.compile(r"in (the EMR|clinflow)"))

    # 19 cases with htmx: the verdict block and the summary change in place (no reload)
    page.evaluate("() => { window.__samePage = true; }")
    for i, case_id in enumerate(ids[:19]):
        card = page.locator(f"#case-{case_id}")
        card.locator(f"input[name=verdict][value={verdict_for(i)}]").check()
        card.locator("textarea[name=note]").fill(notes[case_id])
        card.get_by_role("button", name="Save").click()
        expect(card.locator(".saved-verdict")).to_have_attribute("data-verdict", verdict_for(i))
        expect(page.locator("#summary-reviewed")).to_have_text(str(i + 1))
    assert page.evaluate("() => window.__samePage") is True
    expect(page.locator("#summary-reviewed")).to_have_text("19")

    # the last one without JavaScript: a plain form POST, redirected back to the case
    plain = sign_in(chromium, site["url"], javascript=False)
    plain.goto(sample_url)
    last = plain.locator(f"#case-{ids[19]}")
    last.locator(f"input[name=verdict][value={verdict_for(19)}]").check()
    last.locator("textarea[name=note]").fill(notes[ids[19]])
    last.get_by_role("button", name="Save").click()
    expect(plain).to_have_url(re.compile(re.escape(sample_url) + f"#case-{ids[19]}$"))
    expect(plain.locator("#summary-reviewed")).to_have_text("20")
    plain.context.close()

    # reload: the same sample, every verdict and note kept, 20 of 20
    page.reload()
    expect(page.locator(".saved-verdict")).to_have_count(20)
    expect(page.locator("#review-summary")).to_contain_text("Reviewed 20 of 20")
    agreed = sum(1 for i in range(20) if verdict_for(i) == "agree")
    expect(page.locator("#summary-agreed")).to_have_text(str(agreed))
    assert [cases.nth(i).get_attribute("data-case-id") for i in range(20)] == ids
    for i, case_id in enumerate(ids):
        card = page.locator(f"#case-{case_id}")
        expect(card.locator(".saved-verdict")).to_have_attribute("data-verdict", verdict_for(i))
        expect(card.locator(f"input[name=verdict][value={verdict_for(i)}]")).to_be_checked()
        expect(card.locator("textarea[name=note]")).to_have_value(notes[case_id])
    artifacts = Path(settings.VAR_DIR) / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(artifacts / "shadow-review.png"), full_page=True)
    assert problems == []

    # what was stored: one row per case, and the audit trail
    def stored():
        rows = {
            r.case_id: (r.verdict, r.note, r.workflow, r.facility.slug)
            for r in ShadowReview.objects.filter(reviewer__username="manager").select_related("facility")
        }
        recorded = list(AuditRecord.objects.filter(action="shadow_review.recorded").values_list("data", flat=True))
        viewed = list(AuditRecord.objects.filter(action="phi.viewed", actor="manager").values_list("data", flat=True))
        return rows, recorded, viewed

    rows, recorded, viewed = orm(stored)
    assert rows == {case_id: (verdict_for(i), notes[case_id], "triage", "north") for i, case_id in enumerate(ids)}
    assert sorted(r["case_id"] for r in recorded) == sorted(ids)
    for r in recorded:
        assert r["verdict"] == rows[r["case_id"]][0] and r["note_length"] == len(notes[r["case_id"]])
        assert "note" not in r and notes[r["case_id"]] not in str(r)
    # shown four times: the first view, the no-JavaScript page before and after its save, the reload
    assert len(viewed) == 4 and all(v["cases"] == ids and "message_body" in v["fields"] for v in viewed)


@pytest.fixture
def generated_site(server, transactional_db, settings):
    """The demo seed (its manager, password PASSWORD) and 60 days of demo/history.py's history."""
    import os

    from django.core.management import call_command

    from demo.history import generate_history

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    settings.DEMO_PASSWORD = PASSWORD
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    generate_history(days=60, scale=0.02, seed=3)
    return {"url": server}


@pytest.mark.parametrize("workflow", ["triage", "scheduling"])
def test_the_review_pages_render_a_generated_history(generated_site, chromium, workflow):
    """What a manager sees over generated cases (real rationale and factor shapes): 20 cards, each
    with the AI's output and what staff did or what happened, no console error, no serious axe
    violation, no sideways scrolling on a phone; screenshots of each."""
    from playwright.sync_api import expect

    page = sign_in(chromium, generated_site["url"])
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(f"/dashboards/{workflow}/review/?facility=north&seed=demo1")
    cases = page.locator("article.review-case")
    expect(cases).to_have_count(20)
    expect(page.locator(".review-ai .why li").first).to_be_visible()
    expect(page.locator(".agreement")).to_have_count(20)
    expect(page.locator("#review-summary")).to_contain_text("Reviewed 0 of 20")
    artifacts = Path(settings.VAR_DIR) / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(artifacts / f"shadow-review-{workflow}-generated.png"), full_page=True)
    # axe-core: no critical or serious violation, on a desktop window and on a 390 px phone
    problems += page_problems(page, label=f"{workflow} desktop")
    page.set_viewport_size(PHONE)
    problems += page_problems(page, label=f"{workflow} phone") + width_problems(page, label=f"{workflow} phone")
    page.screenshot(path=str(artifacts / f"shadow-review-{workflow}-phone.png"))
    assert problems == []
