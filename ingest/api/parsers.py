"""Request bodies of the intake API: DRF parsers that refuse a body before any event logic sees it.

Each refusal is a problem document (clinflow/problems.py): a content type that is not accepted →
415, a body over the view's limit → 413, not JSON or nested too deeply → 400 `malformed-json`.
Values JSON allows but an event may not hold (NUL characters, lone surrogates, NaN/Infinity) are
refused later, field by field, by `ingest.schemas.validate_envelope` (400 naming each field).

DRF picks a parser by the request's Content-Type (`EventContentNegotiation`: an exact match of the
media type, parameters ignored) and skips parsing an empty body; `request_body` parses an empty body
too, so it is refused like any other bad body.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from typing import Any, ClassVar

from django.conf import settings
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import BaseParser, JSONParser
from rest_framework.request import Request

from clinflow import problems
from ingest.schemas import max_depth


def media_type_of(content_type: str | None) -> str:
    """`application/json; charset=utf-8` → `application/json` (lower case; "" when absent)."""
    return (content_type or "").split(";")[0].strip().lower()


class EventJSONParser(JSONParser):
    """JSON with the intake's limits: at most `settings.<max_bytes_setting>` bytes and
    `settings.EVENT_MAX_DEPTH` levels of nesting."""

    media_type = "application/json"
    max_bytes_setting: ClassVar[str] = "EVENT_MAX_BYTES"

    @property
    def max_bytes(self) -> int:
        return int(getattr(settings, self.max_bytes_setting))

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None) -> Any:
        raw: bytes = stream.read() if stream is not None else b""
        check_body_size(len(raw), max_bytes=self.max_bytes)
        try:
            parsed = json.loads(raw)
        except RecursionError:
            raise problems.MalformedJSON("The JSON is nested too deeply.") from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise problems.MalformedJSON(f"The body is not valid JSON: {exc}") from None
        limit = settings.EVENT_MAX_DEPTH
        if max_depth(parsed, limit) > limit:
            raise problems.MalformedJSON(f"The JSON is nested more than {limit} levels deep.")
        return parsed


class CloudEventParser(EventJSONParser):
    """One CloudEvent in structured mode."""

    media_type = "application/cloudevents+json"


class BatchJSONParser(EventJSONParser):
    """A JSON array of events, under the batch's byte limit."""

    max_bytes_setting = "BATCH_MAX_BYTES"


class CloudEventBatchParser(BatchJSONParser):
    """A CloudEvents batch."""

    media_type = "application/cloudevents-batch+json"


def check_body_size(length: int, *, max_bytes: int) -> None:
    if length > max_bytes:
        raise problems.PayloadTooLarge(f"The body is {length} bytes; the limit is {max_bytes}.")


class EventContentNegotiation(DefaultContentNegotiation):
    """The parser whose media type is exactly the request's (no wildcards), else a 415 problem that
    names the types accepted."""

    def select_parser(self, request: Request, parsers: list[BaseParser]) -> BaseParser:  # type: ignore[override]
        media = media_type_of(request.content_type)
        for parser in parsers:
            if parser.media_type == media:
                return parser
        accepted = " or ".join(sorted({parser.media_type for parser in parsers}))
        raise problems.UnsupportedMediaType(f"Content-Type {media or '(none)'!r} is not accepted; send {accepted}.")


def request_body(request: Request, *, max_bytes: int) -> Any:
    """The parsed body of an intake request.

    A declared Content-Length over `max_bytes` is refused before the body is read. DRF does not
    call a parser for an empty body (or one without a Content-Length): here it is parsed all the
    same, so it gets the same 415 / 400 as any other bad body.
    """
    length = request.META.get("CONTENT_LENGTH")
    if length and length.isdigit():
        check_body_size(int(length), max_bytes=max_bytes)
    if request.stream is not None:
        return request.data
    parser = EventContentNegotiation().select_parser(request, list(request.parsers or ()))
    return parser.parse(io.BytesIO(request._request.body), request.content_type, request.parser_context)
