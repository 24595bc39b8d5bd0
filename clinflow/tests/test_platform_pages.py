"""The API documentation pages are served from our own static files, never from a CDN."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_api_doc_pages_load_their_scripts_locally(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'<script[^>]+src="([^"]+)"', html)
    assert sources, html
    assert all(src.startswith("/static/drf_spectacular_sidecar/") for src in sources), sources
    assert "cdn" not in html.lower()
