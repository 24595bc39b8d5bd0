"""The intake's body parsers and content negotiation, called directly (ingest/api/parsers.py), and
the exact problem documents they give over HTTP (CONTRACT.md: 413 / 415 / 400)."""

from __future__ import annotations

import io
import json
import math

import pytest
from django.conf import settings
from rest_framework.test import APIRequestFactory

from clinflow import problems
from ingest.api import parsers

CE = "application/cloudevents+json"
BATCH = "application/cloudevents-batch+json"


def _parse(parser_class: type[parsers.EventJSONParser], raw: bytes):
    return parser_class().parse(io.BytesIO(raw), parser_class.media_type, {})


# --- parsers ----------------------------------------------------------------------------------
def test_a_json_body_is_parsed():
    assert _parse(parsers.CloudEventParser, b'{"id": "x", "n": [1, 2.5, null]}') == {"id": "x", "n": [1, 2.5, None]}


def test_a_body_over_the_event_limit_is_payload_too_large(settings):
    settings.EVENT_MAX_BYTES = 1024
    raw = json.dumps({"x": "y" * 1100}).encode()
    with pytest.raises(problems.PayloadTooLarge) as caught:
        _parse(parsers.EventJSONParser, raw)
    assert caught.value.status == 413
    assert caught.value.detail == f"The body is {len(raw)} bytes; the limit is 1024."


def test_the_batch_parsers_use_the_batch_limit(settings):
    settings.EVENT_MAX_BYTES, settings.BATCH_MAX_BYTES = 1024, 4096
    raw = json.dumps([{"x": "y" * 2000}]).encode()
    assert _parse(parsers.CloudEventBatchParser, raw) == [{"x": "y" * 2000}]
    assert _parse(parsers.BatchJSONParser, raw) == [{"x": "y" * 2000}]
    with pytest.raises(problems.PayloadTooLarge):
        _parse(parsers.CloudEventParser, raw)


@pytest.mark.parametrize("raw", [b"{not json", b"\xff\xfe", b'{"a": 1} trailing', b"NaN-ish", b""])
def test_a_body_that_is_not_json_is_malformed(raw):
    with pytest.raises(problems.MalformedJSON) as caught:
        _parse(parsers.CloudEventParser, raw)
    assert caught.value.status == 400 and caught.value.detail.startswith("The body is not valid JSON: ")


def test_json_nested_deeper_than_the_limit_is_malformed(settings):
    settings.EVENT_MAX_DEPTH = 4
    assert _parse(parsers.CloudEventParser, b'{"a": {"b": {"c": 1}}}')
    with pytest.raises(problems.MalformedJSON, match="nested more than 4 levels deep"):
        _parse(parsers.CloudEventParser, b'{"a": {"b": {"c": {"d": {"e": 1}}}}}')


def test_json_too_deep_for_the_decoder_is_malformed_not_a_crash():
    with pytest.raises(problems.MalformedJSON) as caught:
        _parse(parsers.CloudEventParser, b"[" * 100_000 + b"]" * 100_000)
    assert "nested" in caught.value.detail


def test_values_json_allows_but_events_may_not_hold_pass_the_parser():
    """NUL, lone surrogates and NaN are refused per field by the envelope schema (400 naming each)."""
    parsed = _parse(parsers.CloudEventParser, b'{"a": "x\\u0000", "b": "\\ud800", "c": NaN}')
    assert parsed["a"] == "x\x00" and parsed["b"] == "\ud800" and math.isnan(parsed["c"])


# --- content negotiation ----------------------------------------------------------------------
def _request(content_type: str | None):
    from rest_framework.request import Request

    return Request(APIRequestFactory().generic("POST", "/api/v1/events", "{}", content_type=content_type or ""))


EVENT_PARSERS = [parsers.CloudEventParser(), parsers.EventJSONParser()]


@pytest.mark.parametrize(
    ("content_type", "chosen"),
    [
        (CE, parsers.CloudEventParser),
        ("application/json", parsers.EventJSONParser),
        ("application/json; charset=utf-8", parsers.EventJSONParser),
        ("Application/CloudEvents+JSON", parsers.CloudEventParser),
    ],
)
def test_the_parser_is_chosen_by_the_exact_media_type(content_type, chosen):
    parser = parsers.EventContentNegotiation().select_parser(_request(content_type), EVENT_PARSERS)
    assert type(parser) is chosen


@pytest.mark.parametrize(
    ("content_type", "named"),
    [("text/plain", "'text/plain'"), ("*/*", "'*/*'"), ("application/*", "'application/*'"), (None, "'(none)'")],
)
def test_any_other_media_type_is_unsupported_naming_the_accepted_ones(content_type, named):
    with pytest.raises(problems.UnsupportedMediaType) as caught:
        parsers.EventContentNegotiation().select_parser(_request(content_type), EVENT_PARSERS)
    assert caught.value.status == 415
    assert caught.value.detail == f"Content-Type {named} is not accepted; send {CE} or application/json."


# --- over HTTP: the same problem documents as before the parsers moved --------------------------
def _post(client, token, raw: bytes, content_type: str | None, path="/api/v1/events", **extra):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}", **extra}
    # the test client drops Content-Type for an empty body: set it as a real client would
    return client.generic(
        "POST", path, raw, content_type=content_type or "", CONTENT_TYPE=content_type or "", **headers
    )


def _problem(status: int, slug: str, title: str, detail: str) -> dict:
    return {"type": problems.TYPE_BASE + slug, "title": title, "status": status, "detail": detail}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "content_type", "accepted"),
    [
        ("/api/v1/events", "text/plain", f"{CE} or application/json"),
        ("/api/v1/events/batch", "application/xml", f"{BATCH} or application/json"),
        ("/api/v1/events/batch", CE, f"{BATCH} or application/json"),
    ],
)
def test_http_wrong_content_type_is_the_415_problem(client, source, path, content_type, accepted):
    response = _post(client, source.token, b"{}", content_type, path=path)
    assert response.status_code == 415 and response["Content-Type"] == "application/problem+json"
    detail = f"Content-Type {content_type!r} is not accepted; send {accepted}."
    assert response.json() == _problem(415, "unsupported-media-type", "Unsupported content type", detail)


@pytest.mark.django_db
@pytest.mark.parametrize("raw", [b"", b"{}"])
def test_http_no_content_type_is_415_even_for_an_empty_body(client, source, raw):
    response = _post(client, source.token, raw, None)
    assert response.status_code == 415
    assert response.json()["detail"] == f"Content-Type '(none)' is not accepted; send {CE} or application/json."


@pytest.mark.django_db
def test_http_an_empty_body_is_the_malformed_json_problem(client, source):
    response = _post(client, source.token, b"", CE)
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    detail = "The body is not valid JSON: Expecting value: line 1 column 1 (char 0)"
    assert response.json() == _problem(400, "malformed-json", "The body is not valid JSON", detail)


@pytest.mark.django_db
def test_http_a_declared_length_over_the_limit_is_413_before_the_content_type(client, source):
    declared = str(settings.EVENT_MAX_BYTES + 1)
    response = _post(client, source.token, b"{}", "text/plain", CONTENT_LENGTH=declared)
    assert response.status_code == 413
    detail = f"The body is {declared} bytes; the limit is {settings.EVENT_MAX_BYTES}."
    assert response.json() == _problem(413, "payload-too-large", "The body is too large", detail)


@pytest.mark.django_db
def test_http_a_body_over_the_limit_is_413(client, source):
    raw = json.dumps({"x": "y" * settings.EVENT_MAX_BYTES}).encode()
    response = _post(client, source.token, raw, CE)
    detail = f"The body is {len(raw)} bytes; the limit is {settings.EVENT_MAX_BYTES}."
    assert response.json() == _problem(413, "payload-too-large", "The body is too large", detail)


@pytest.mark.django_db
def test_http_nan_in_an_event_is_a_400_naming_the_field(client, source):
    from ingest.samples import sample_event

    raw = json.dumps(sample_event("LabResultFinalized", value=float("nan"))).encode()
    response = _post(client, source.token, raw, CE)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["data.value"]


@pytest.mark.django_db
def test_http_the_token_is_checked_before_the_body(client):
    response = _post(client, "cfs_unknown", b"not json", "text/plain")
    assert response.status_code == 401
