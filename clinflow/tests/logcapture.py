"""Capture log output exactly as the configured formatter renders it (settings.LOGGING's
"structured" formatter: structlog's ProcessorFormatter, JSON), for tests that read the lines."""

from __future__ import annotations

import contextlib
import io
import json
import logging
from collections.abc import Iterator
from typing import Any, cast

from django.conf import settings


class Captured:
    def __init__(self, stream: io.StringIO) -> None:
        self.stream = stream

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    def lines(self) -> list[dict[str, Any]]:
        """Every line, parsed (a line that is not one JSON object fails the test here)."""
        return [json.loads(line) for line in self.text.splitlines() if line.strip()]

    def events(self, message: str) -> list[dict[str, Any]]:
        return [line for line in self.lines() if line.get("event") == message]


@contextlib.contextmanager
def captured_logs(level: int = logging.DEBUG) -> Iterator[Captured]:
    """A handler with the configured formatter on the root logger, at `level`, for the block."""
    config = dict(cast(dict[str, Any], settings.LOGGING)["formatters"]["structured"])
    factory = config.pop("()")
    handler = logging.StreamHandler(io.StringIO())
    handler.setFormatter(factory(**config))
    handler.setLevel(level)
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(min(previous, level))
    try:
        yield Captured(handler.stream)
    finally:
        root.removeHandler(handler)
        root.setLevel(previous)
