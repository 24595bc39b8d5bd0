"""Request parsers of the staff API (settings REST_FRAMEWORK DEFAULT_PARSER_CLASSES)."""

from __future__ import annotations

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class SafeJSONParser(JSONParser):
    """DRF's JSON parser, but JSON nested deeper than Python's recursion limit is a 400 naming the
    problem, not a RecursionError (a 500). The event intake has its own parser (ingest.api.parsers)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("The JSON is nested too deeply.") from None
