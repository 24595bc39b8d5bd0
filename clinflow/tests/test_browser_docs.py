"""The API documentation works on a closed network: Swagger UI (/api/docs/) lists the operations and
ReDoc (/api/redoc/) renders them, in a real browser against a real ASGI server, with every request
to any other host aborted — and none attempted. Run apart: `pytest -m browser clinflow/tests/test_browser_docs.py`.
Screenshots go to test-artifacts/."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from clinflow.testing import asgi_server
from queues.tests.test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS  # one browser setup

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def server(django_db_setup):
    # The docs need no data: the server only has to run on the (migrated) test database.
    with asgi_server() as url:
        yield url


@pytest.fixture
def offline_page(server):
    """A page whose every request to a host other than the test server is aborted and recorded."""
    from playwright.sync_api import sync_playwright

    here = urlsplit(server).netloc
    outside: list[str] = []

    def only_the_test_server(route):
        url = route.request.url
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != here:
            outside.append(url)
            route.abort()
        else:
            route.continue_()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.route("**/*", only_the_test_server)
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            yield page, outside, errors
        finally:
            browser.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_swagger_ui_lists_the_operations_with_the_outside_network_blocked(server, offline_page):
    page, outside, errors = offline_page
    response = page.goto(f"{server}/api/docs/")
    assert response is not None and response.status == 200
    page.locator(".opblock-summary-path", has_text="/api/v1/events").first.wait_for()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any(p.strip().startswith("/api/v1/items/") for p in paths), paths
    assert page.locator(".info .title").first.inner_text().startswith("clinflow API")
    _shot(page, "api-docs-swagger")
    assert outside == [], f"requests left the test server: {outside}"
    assert errors == []


def test_redoc_renders_with_the_outside_network_blocked(server, offline_page):
    page, outside, errors = offline_page
    response = page.goto(f"{server}/api/redoc/")
    assert response is not None and response.status == 200
    page.locator("h1", has_text="clinflow API").first.wait_for()
    operation = page.locator("[data-section-id^='operation/']").first
    operation.wait_for()
    assert page.locator("[data-section-id^='operation/']").count() >= 10
    _shot(page, "api-docs-redoc")
    assert outside == [], f"requests left the test server: {outside}"
    assert errors == []
