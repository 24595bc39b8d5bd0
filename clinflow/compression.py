"""gzip for responses our views render (static files are WhiteNoise's, pre-compressed), never where
BREACH could read a secret out of them.

BREACH needs three things: a response compressed together with a secret (our pages carry a CSRF
token and patient data), attacker-chosen text reflected into the same response, and an attacker who
can make the victim's browser send many requests with its cookies and watch the sizes. The third
only happens cross-site. So a response is compressed only when the browser says the request came
from our own pages or from the user (`Sec-Fetch-Site: same-origin` or `none`; every current browser
sends it), or when the request carries no session or CSRF cookie at all (an API client with a
bearer token or curl: nothing ambient to steal). A browser's cross-site or same-site request
(`cross-site`, `same-site`), or a cookie-carrying request without the header, is sent uncompressed.
Django's own defences stay on top: the CSRF token in a page is masked afresh in every response and
GZipMiddleware pads each response with random bytes (Heal The Breach)."""

from __future__ import annotations

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

COMPRESSIBLE_FETCH_SITES = frozenset({"same-origin", "none"})


def compression_is_safe(request) -> bool:
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site.strip().lower() in COMPRESSIBLE_FETCH_SITES
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and settings.CSRF_COOKIE_NAME not in cookies


class SameOriginGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, applied only when `compression_is_safe`."""

    def process_response(self, request, response):
        # The answer depends on this header too, so a cache must not hand a compressed copy to a
        # cross-site request.
        patch_vary_headers(response, ("Sec-Fetch-Site",))
        if not compression_is_safe(request):
            return response
        return super().process_response(request, response)
