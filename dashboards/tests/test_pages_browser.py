"""Every workflow dashboard in a real browser (Debian's Chromium through Playwright) against a real
ASGI server (uvicorn) on the test database, as a manager, over four weeks of history: every chart is
drawn by plotly.js (served by clinflow, no CDN) from its JSON block, no console error, and a
full-page screenshot of each page in CLINFLOW_VAR_DIR/artifacts/dashboards-<workflow>.png.

Run apart from the rest of the suite: `pytest -m browser dashboards/tests/test_pages_browser.py`.
The history is demo.history's generator at a small scale, made before the browser starts
(Playwright's sync API and the ORM do not share a thread: see queues/tests/test_browser.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from clinflow.testing import asgi_server
from dashboards import registry
from dashboards.filters import WORKFLOWS
from queues.tests.test_browser_pages import AXE, PHONE, page_problems, phone_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "dash-pass-123"
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
VIEWPORT = {"width": 1440, "height": 900}
DAYS, SCALE = 28, 0.02  # about 40 new messages, results and bookings a day


@pytest.fixture(scope="module")
def server(django_db_setup):
    name = str(connection.settings_dict["NAME"])
    assert "test" in Path(name).name, f"refusing to start a server on a non-test database {name!r}"
    with asgi_server() as url:
        yield url


@pytest.fixture
def history(server, transactional_db, settings):
    """The demo's facilities and people (seed_demo), then four weeks of generated history at a small
    scale (demo.history: shadow, off and live periods, a model change, an overload week at the end).
    Runs before the browser starts, so it may use the ORM directly."""
    from django.contrib.auth import get_user_model

    from demo.history import generate_history

    settings.DEMO_PASSWORD = PASSWORD
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    result = generate_history(days=DAYS, scale=SCALE, seed=4)
    # the server checks passwords with the default hashers (the suite's fast MD5 one is not among them)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    manager = get_user_model().objects.get(username="manager")
    manager.set_password(PASSWORD)
    manager.save(update_fields=["password"])
    return {"url": server, "counts": result.counts}


@pytest.fixture
def chromium(history):
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()


def test_every_workflow_dashboard_draws_all_its_charts(history, chromium):
    """...and passes axe (no critical or serious finding) on a desktop and on a 390 px phone."""
    from playwright.sync_api import expect

    assert AXE.exists(), f"{AXE} is missing: run `make setup` (npm ci installs axe-core)"
    base = history["url"]
    artifacts = Path(settings.VAR_DIR) / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(viewport=VIEWPORT, base_url=base)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    external: list[str] = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith((base, "ws://127.0.0.1")) else None)
    page.goto("/accounts/login/")
    page.fill("#id_username", "manager")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")

    page.goto("/dashboards/")
    expect(page.locator(".dash-entry")).to_have_count(len(WORKFLOWS))
    problems = page_problems(page, label="index")
    for workflow in WORKFLOWS:
        page.goto(f"/dashboards/{workflow}/")
        metrics = registry.WORKFLOW_METRICS[workflow]
        charts = page.locator(".dash-chart")
        expect(charts).to_have_count(len(metrics))
        expect(page.locator(".dash-chart[data-rendered=true]")).to_have_count(len(metrics), timeout=30_000)
        for name in metrics:
            chart = page.locator(f"#metric-{name} .dash-chart")
            expect(chart.locator(".main-svg").first).to_be_attached()
            assert chart.bounding_box()["height"] >= 150, name
        page.screenshot(path=str(artifacts / f"dashboards-{workflow}.png"), full_page=True)
        problems += page_problems(page, label=f"{workflow} (desktop)")
        # a phone: no sideways scrolling, the header on one line, no blocking axe finding
        page.set_viewport_size(PHONE)
        page.reload()
        expect(page.locator(".dash-chart[data-rendered=true]")).to_have_count(len(metrics), timeout=30_000)
        expect(page.locator("#live-status")).to_have_attribute("data-state", "live")
        problems += phone_problems(page, label=f"{workflow} (390 px)") + page_problems(
            page, label=f"{workflow} (390 px)"
        )
        page.screenshot(path=str(artifacts / f"dashboards-{workflow}-390.png"), full_page=True)
        page.set_viewport_size(VIEWPORT)
    assert not problems, "\n".join(problems)
    assert not errors, errors
    assert not external, external  # plotly.js and everything else from clinflow itself
    context.close()
