"""Structured logs: one JSON object per line on stderr, from structlog and from stdlib logging alike.

settings.LOGGING routes every stdlib record through structlog's ProcessorFormatter, so Django's,
Celery's and our own `logging.getLogger(...)` lines come out in the same JSON shape as
`structlog.get_logger(...)` lines with key-value fields. Imported by settings, so it imports
neither Django nor prometheus-client.

PHI never belongs in a log line: code logs ids (event id, item id, model version), never patient
data. `scrub_phi` is the safety net for a mistake: any field whose key names patient data
(`PHI_KEYS`, at any depth of nested dicts and lists) is replaced by "[redacted]" before the line is
rendered. It cannot read free text: a stdlib message built with `%s` from a patient's message is
not caught, which is why the rule is to log ids.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

import structlog

REDACTED = "[redacted]"

# Keys whose values are patient data (or may carry it: an event's `data`, a message's `text`).
PHI_KEYS = frozenset(
    {
        "address",
        "birth_date",
        "birthdate",
        "body",
        "data",
        "dob",
        "email",
        "envelope",
        "family",
        "first_name",
        "full_name",
        "given",
        "last_name",
        "message_text",
        "mrn",
        "name",
        "patient",
        "patient_mrn",
        "patient_name",
        "phone",
        "subject",
        "text",
        "title",
    }
)


def _scrub(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: REDACTED if str(k).lower() in PHI_KEYS else _scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(v) for v in value]
    return value


def scrub_phi(_logger: Any, _method: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """structlog processor: mask the values of PHI keys, at any depth ("event", the message, stays)."""
    for key in list(event_dict):
        if key.startswith("_"):  # ProcessorFormatter's own (_record, _from_structlog)
            continue
        if key.lower() in PHI_KEYS:
            event_dict[key] = REDACTED
        elif isinstance(event_dict[key], Mapping | list | tuple):
            event_dict[key] = _scrub(event_dict[key])
    return event_dict


# Run for every line, whether it came from structlog or from stdlib logging ("foreign").
SHARED_PROCESSORS: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    structlog.stdlib.ExtraAdder(),
    scrub_phi,
]


def formatter(*, json: bool = True) -> dict[str, Any]:
    """The settings.LOGGING formatter: structlog's ProcessorFormatter rendering JSON (or, for a
    developer's terminal, key=value text) after the shared processors."""
    renderer: Any = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(colors=False)
    return {
        "()": structlog.stdlib.ProcessorFormatter,
        "foreign_pre_chain": SHARED_PROCESSORS,
        "processors": [
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            renderer,
        ],
    }


def configure() -> None:
    """structlog's own loggers hand their event dicts to stdlib logging (and so to LOGGING's
    handlers and ProcessorFormatter): one pipeline, one format, one place that scrubs."""
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *SHARED_PROCESSORS,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    return structlog.stdlib.get_logger(name)
