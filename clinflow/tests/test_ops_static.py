"""Static files and pages travel compressed and cacheable: WhiteNoise serves collected, hashed files
with gzip or brotli and a year's immutable Cache-Control; pages are gzipped, but never for a request
that could be a BREACH probe (cross-site, or cookies without Sec-Fetch-Site); the favicon is there."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client, override_settings

YEAR = 365 * 24 * 3600


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """Our own static files collected into a private STATIC_ROOT, as `make run` does (the admin's,
    DRF's and the API docs' files are left out only to keep the test quick)."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root):
        call_command(
            "collectstatic",
            interactive=False,
            verbosity=0,
            ignore_patterns=["admin", "rest_framework", "drf_spectacular_sidecar"],
        )
        yield root


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _max_age(response) -> int:
    match = re.search(r"max-age=(\d+)", response.get("Cache-Control", ""))
    return int(match.group(1)) if match else 0


def _source(name: str) -> bytes:
    path = finders.find(name)
    assert path, name
    with open(path, "rb") as fh:
        return fh.read()


def test_a_hashed_static_file_is_served_gzipped_with_a_far_future_cache_header(collected):
    url = static("clinflow/app.css")
    assert re.search(r"/app\.[0-9a-f]{12}\.css$", url), url
    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(_body(response)) == _source("clinflow/app.css")
    assert _max_age(response) >= YEAR
    assert "immutable" in response["Cache-Control"]
    assert "Accept-Encoding" in response["Vary"]


def test_a_browser_that_takes_brotli_gets_brotli(collected):
    response = Client().get(static("clinflow/app.js"), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert brotli.decompress(_body(response)) == _source("clinflow/app.js")


def test_an_unhashed_static_name_is_not_cached_forever(collected):
    response = Client().get("/static/clinflow/app.css", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]
    assert _max_age(response) < YEAR


def test_a_static_name_missing_from_the_manifest_falls_back_to_its_plain_url(collected):
    assert static("clinflow/not-collected-anywhere.css").endswith("/static/clinflow/not-collected-anywhere.css")


@pytest.mark.django_db
def test_a_page_for_a_signed_in_user_comes_gzipped(nurse, collected):
    client = Client()
    client.force_login(nurse)
    response = client.get("/work/", HTTP_ACCEPT_ENCODING="gzip, br", HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    page = gzip.decompress(response.content).decode()
    assert "<html" in page and nurse.username in page
    assert "Accept-Encoding" in response["Vary"] and "Sec-Fetch-Site" in response["Vary"]


@pytest.mark.django_db
@pytest.mark.parametrize("site", ["cross-site", "same-site"])
def test_a_page_is_never_compressed_for_a_request_from_another_site(nurse, site):
    client = Client()
    client.force_login(nurse)
    response = client.get("/work/", HTTP_ACCEPT_ENCODING="gzip", HTTP_SEC_FETCH_SITE=site)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert "<html" in response.content.decode()


@pytest.mark.django_db
def test_a_request_with_a_session_cookie_but_no_fetch_metadata_is_not_compressed(nurse):
    client = Client()
    client.force_login(nurse)
    response = client.get("/work/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


@pytest.mark.django_db
def test_a_cookieless_client_gets_compressed_answers():
    response = Client().get("/accounts/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "<form" in gzip.decompress(response.content).decode()


@pytest.mark.django_db
def test_the_favicon_is_linked_from_every_page_and_served(collected):
    page = Client().get("/accounts/login/").content.decode()
    match = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page)
    assert match, "base.html links no SVG favicon"
    response = Client().get(match.group(1))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in _body(response)


def test_favicon_ico_is_answered_at_the_site_root():
    response = Client().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert _body(response)[:4] == b"\x00\x00\x01\x00"  # an ICO header, not an HTML error page
