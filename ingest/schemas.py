"""Versioned schemas of the event contract (../shared/CONTRACT.md), as data.

Pure module: no ORM. `validate_envelope` checks a parsed CloudEvents 1.0 structured event and its
`data` against the schema of its `type` and `dataschema` version, and returns every problem found as
`{"field": "data.patient.mrn", "message": "..."}` — the envelope's field paths — so a 400 can name
each bad field at once. `json_schema(type, version)` renders the same specs as JSON Schema for the
OpenAPI document, so the docs and the validator cannot drift apart.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from vocabulary import URGENCIES

SPECVERSION = "1.0"
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
EXTENSION_NAME_RE = re.compile(r"^[a-z0-9]{1,20}$")
DATASCHEMA_RE = re.compile(r"^clinflow:(?P<type>[A-Za-z]+):(?P<version>[0-9]+)$")
MAX_STRING = 100_000  # a message body may be long; the byte cap on the request bounds it anyway
INT32_MAX = 2**31 - 1  # PostgreSQL `integer`: the widest column an integer field lands in


@dataclass(frozen=True)
class F:
    """One field: kind is str | slug | datetime | date | int | number | scalar | bool | object | list."""

    kind: str
    required: bool = False
    choices: tuple[str, ...] | None = None
    max_length: int = 255
    fields: dict[str, F] | None = None  # for object, or list of objects
    items: str | None = None  # for list of scalars: "str"
    minimum: float | None = None
    maximum: float | None = None
    description: str = ""


PATIENT = F(
    "object",
    required=True,
    fields={
        "mrn": F("str", required=True, max_length=64, description="Medical record number"),
        "name": F("str", max_length=200),
        "birth_date": F("date"),
        "sex": F("str", choices=("female", "male", "other", "unknown")),
    },
)


def _patient(required: bool = True) -> F:
    return F(PATIENT.kind, required=required, fields=PATIENT.fields)


CODE = F(
    "object",
    required=True,
    fields={
        "system": F("str", max_length=200),
        "code": F("str", required=True, max_length=64),
        "display": F("str", max_length=200),
    },
)
OUTCOME = {
    "appointment_id": F("str", required=True),
    "at": F("datetime", required=True),
    "reason": F("str", max_length=500),
}


# (type, version) -> data fields. New versions are added beside old ones, never edited in place.
SCHEMAS: dict[tuple[str, int], dict[str, F]] = {
    ("PatientMessageReceived", 1): {
        "message_id": F("str", required=True),
        "patient": _patient(),
        "facility": F("slug", required=True, max_length=64),
        "department": F("slug", max_length=64),
        "channel": F("str", required=True, choices=("portal", "phone", "sms")),
        "subject": F("str", max_length=500),
        "body": F("str", required=True, max_length=MAX_STRING),
        "received_at": F("datetime", required=True),
    },
    ("PatientMessageResolved", 1): {
        "message_id": F("str", required=True),
        "final_urgency": F("str", required=True, choices=URGENCIES),
        "disposition": F("str", max_length=1000),
        "resolved_by": F("str", max_length=150),
        "resolved_at": F("datetime", required=True),
    },
    ("AppointmentRequested", 1): {
        "request_id": F("str", required=True),
        "patient": _patient(),
        "facility": F("slug", required=True, max_length=64),
        "department": F("slug", max_length=64),
        "visit_type": F("str", max_length=64),
        "reason": F("str", max_length=2000),
        "preferred_start": F("datetime"),
        "preferred_end": F("datetime"),
        "requested_at": F("datetime", required=True),
    },
    ("AppointmentBooked", 1): {
        "appointment_id": F("str", required=True),
        "patient": _patient(),
        "facility": F("slug", required=True, max_length=64),
        "department": F("slug", required=True, max_length=64),
        "provider_id": F("str", max_length=64),
        "visit_type": F("str", required=True, max_length=64),
        "booked_at": F("datetime", required=True),
        "starts_at": F("datetime", required=True),
        "duration_min": F("int", minimum=1, maximum=24 * 60, description="minutes, at most a day"),
        "reminder_channel": F("str", choices=("sms", "phone", "email", "none")),
    },
    ("AppointmentCancelled", 1): dict(OUTCOME),
    ("AppointmentCompleted", 1): dict(OUTCOME),
    ("AppointmentNoShow", 1): dict(OUTCOME),
    ("LabResultFinalized", 1): {
        "result_id": F("str", required=True),
        "patient": _patient(),
        "facility": F("slug", required=True, max_length=64),
        "ordering_provider_id": F("str"),
        "code": CODE,
        "value": F("scalar", required=True, description="number, or text such as 'positive' or '<0.01'"),
        "unit": F("str", max_length=64),
        "reference_low": F("number"),
        "reference_high": F("number"),
        "abnormal_flag": F("str", choices=("N", "L", "H", "LL", "HH", "A", "AA")),
        "resulted_at": F("datetime", required=True),
    },
    ("ResultAcknowledged", 1): {
        "result_id": F("str", required=True),
        "acknowledged_by": F("str", required=True, max_length=150),
        "at": F("datetime", required=True),
    },
    ("OrderUnsigned", 1): {
        "order_id": F("str", required=True),
        "encounter_id": F("str"),
        "patient": _patient(),
        "facility": F("slug", required=True, max_length=64),
        "author_id": F("str", required=True),
        "order_type": F("str"),
        "ordered_at": F("datetime", required=True),
    },
    ("NoteUnsigned", 1): {
        "note_id": F("str", required=True),
        "encounter_id": F("str"),
        "patient": _patient(),
        "facility": F("slug", required=True, max_length=64),
        "author_id": F("str", required=True),
        "note_type": F("str"),
        "created_at": F("datetime", required=True),
    },
    ("OrderSigned", 1): {
        # contract v1.1: **order_id**, **at**; v1.5 adds the optional rest
        "order_id": F("str", required=True),
        "at": F("datetime", required=True),
        "signed_by": F("str", max_length=150),
        "encounter_id": F("str"),
        "patient": _patient(required=False),
        "facility": F("slug", max_length=64),
    },
    ("NoteSigned", 1): {
        # contract v1.1: **note_id**, **at**; v1.5 adds the optional rest
        "note_id": F("str", required=True),
        "at": F("datetime", required=True),
        "signed_by": F("str", max_length=150),
        "encounter_id": F("str"),
        "patient": _patient(required=False),
        "facility": F("slug", max_length=64),
    },
    ("EncounterClosed", 1): {
        "encounter_id": F("str", required=True),
        "patient": _patient(),
        "facility": F("slug", required=True, max_length=64),
        "department": F("slug", max_length=64),
        "provider_id": F("str"),
        "closed_at": F("datetime", required=True),
        "duration_min": F("int", minimum=0, maximum=INT32_MAX),
        "diagnoses": F(
            "list",
            fields={"system": F("str", required=True), "code": F("str", required=True, max_length=16)},
        ),
        "procedures": F(
            "list",
            fields={
                "system": F("str", required=True),
                "code": F("str", required=True, max_length=16),
                "modifiers": F("list", items="str"),
            },
        ),
        "documentation_flags": F("list", items="str"),
    },
}

EVENT_TYPES: tuple[str, ...] = tuple(sorted({t for t, _ in SCHEMAS}))
LATEST_VERSION: dict[str, int] = {}
for _t, _v in SCHEMAS:
    LATEST_VERSION[_t] = max(_v, LATEST_VERSION.get(_t, 0))

DATETIME_MESSAGE = "must be an RFC 3339 date-time with a timezone offset, in years 1–9999 (UTC)"

ENVELOPE_ATTRIBUTES = {
    "specversion",
    "id",
    "source",
    "type",
    "time",
    "subject",
    "dataschema",
    "datacontenttype",
    "data",
}


def parse_datetime_strict(value: str) -> datetime | None:
    """RFC 3339 timestamp with a timezone offset whose UTC value lies in years 1–9999, else None.

    `0001-01-01T00:00:00+01:00` is year 0 in UTC: PostgreSQL stores it (as 1 BC) but Python cannot
    read it back, so one such value would break every later read of its row."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None or "T" not in text.upper():
        return None
    try:
        parsed.astimezone(UTC)
    except OverflowError:
        return None
    return parsed


def unstorable(value: Any, path: str, errors: list[dict[str, str]], *, limit: int = 100) -> None:
    """Values JSON allows but the database cannot hold (iterative walk over names and values):
    NUL characters, lone UTF-16 surrogates (not encodable as UTF-8) and NaN/Infinity (not JSON for
    PostgreSQL's jsonb). Each is named by its field path."""
    stack = [(value, path)]
    while stack and len(errors) < limit:
        node, where = stack.pop()
        if isinstance(node, str):
            problem = text_problem(node)
            if problem:
                errors.append({"field": where, "message": problem})
        elif isinstance(node, float):
            if not math.isfinite(node):
                errors.append({"field": where, "message": "must be a finite number (not NaN or Infinity)"})
        elif isinstance(node, dict):
            for key, child in node.items():
                child_path = f"{where}.{key}" if where else str(key)
                problem = text_problem(key)
                if problem:
                    shown = child_path.encode("utf-8", "backslashreplace").decode().replace("\x00", "\\u0000")
                    errors.append({"field": shown, "message": f"the name {problem[5:]}"})
                    continue
                stack.append((child, child_path))
        elif isinstance(node, list):
            stack.extend((child, f"{where}[{i}]") for i, child in enumerate(node))


def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored as text (a NUL, a lone surrogate), or None. Shared by every writer
    of free text a person types (reasons, notes)."""
    if "\x00" in text:
        return "must not contain NUL characters (\\u0000)"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "must not contain lone UTF-16 surrogates (invalid Unicode)"
    return None


def _is_date(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check(value: Any, spec: F, path: str, errors: list[dict[str, str]]) -> None:
    kind = spec.kind
    if kind in ("str", "slug"):
        if not isinstance(value, str):
            errors.append({"field": path, "message": "must be a string"})
        elif spec.required and not value.strip():
            errors.append({"field": path, "message": "must not be empty"})
        elif len(value) > spec.max_length:
            errors.append({"field": path, "message": f"must be at most {spec.max_length} characters"})
        elif kind == "slug" and not SLUG_RE.match(value):
            errors.append({"field": path, "message": "must be a slug (lowercase letters, digits, - and _)"})
        elif spec.choices and value not in spec.choices:
            errors.append({"field": path, "message": f"must be one of: {', '.join(spec.choices)}"})
    elif kind == "datetime":
        if parse_datetime_strict(value) is None:
            errors.append({"field": path, "message": DATETIME_MESSAGE})
    elif kind == "date":
        if not _is_date(value):
            errors.append({"field": path, "message": "must be a date (YYYY-MM-DD)"})
    elif kind in ("int", "number"):
        ok = isinstance(value, int) if kind == "int" else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok:
            errors.append({"field": path, "message": f"must be {'an integer' if kind == 'int' else 'a number'}"})
        elif spec.minimum is not None and value < spec.minimum:
            errors.append({"field": path, "message": f"must be >= {spec.minimum:g}"})
        elif kind == "int" and value > (ceiling := INT32_MAX if spec.maximum is None else spec.maximum):
            errors.append({"field": path, "message": f"must be <= {ceiling:g}"})
    elif kind == "scalar":
        if isinstance(value, bool) or not isinstance(value, (int, float, str)) or value == "":
            errors.append({"field": path, "message": "must be a number or a non-empty string"})
    elif kind == "bool":
        if not isinstance(value, bool):
            errors.append({"field": path, "message": "must be true or false"})
    elif kind == "object":
        if not isinstance(value, dict):
            errors.append({"field": path, "message": "must be an object"})
        else:
            _check_fields(value, spec.fields or {}, path, errors)
    elif kind == "list":
        if not isinstance(value, list):
            errors.append({"field": path, "message": "must be a list"})
        elif len(value) > 500:
            errors.append({"field": path, "message": "must have at most 500 entries"})
        else:
            for i, item in enumerate(value):
                item_spec = F("object", fields=spec.fields) if spec.fields else F(spec.items or "str")
                _check(item, item_spec, f"{path}[{i}]", errors)
    else:  # pragma: no cover - a programming error in SCHEMAS
        raise ValueError(f"unknown field kind {kind!r}")


def _check_fields(obj: dict, fields: dict[str, F], prefix: str, errors: list[dict[str, str]]) -> None:
    for name, spec in fields.items():
        path = f"{prefix}.{name}"
        if name not in obj or obj[name] is None:
            if spec.required:
                errors.append({"field": path, "message": "is required"})
            continue
        _check(obj[name], spec, path, errors)
    # Unknown fields inside `data` are kept: the contract grows by adding optional fields.


@dataclass
class EnvelopeCheck:
    errors: list[dict[str, str]] = field(default_factory=list)
    type: str | None = None
    version: int | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def validate_envelope(event: Any) -> EnvelopeCheck:
    """Validate one parsed event; returns its type/version and every error found."""
    result = EnvelopeCheck()
    errors = result.errors
    if not isinstance(event, dict):
        errors.append({"field": "", "message": "an event must be a JSON object"})
        return result
    unstorable(event, "", errors)
    if errors:  # the rest of the checks would only repeat these; nothing of it can be stored
        return result
    if event.get("specversion") != SPECVERSION:
        message = "is required" if "specversion" not in event else f"must be {SPECVERSION!r}"
        errors.append({"field": "specversion", "message": message})
    for name in ("id", "source"):
        value = event.get(name)
        if value is None:
            errors.append({"field": name, "message": "is required"})
        elif not isinstance(value, str) or not value.strip():
            errors.append({"field": name, "message": "must be a non-empty string"})
        elif len(value) > 255:
            errors.append({"field": name, "message": "must be at most 255 characters"})
    event_type = event.get("type")
    if event_type is None:
        errors.append({"field": "type", "message": "is required"})
    elif not isinstance(event_type, str):
        errors.append({"field": "type", "message": "must be a string"})
        event_type = None
    elif event_type not in LATEST_VERSION:
        errors.append({"field": "type", "message": f"unknown event type; one of: {', '.join(EVENT_TYPES)}"})
        event_type = None
    if "time" in event and event["time"] is not None and parse_datetime_strict(event["time"]) is None:
        errors.append({"field": "time", "message": DATETIME_MESSAGE})
    if "subject" in event and event["subject"] is not None:
        if not isinstance(event["subject"], str):
            errors.append({"field": "subject", "message": "must be a string"})
        elif len(event["subject"]) > 255:
            errors.append({"field": "subject", "message": "must be at most 255 characters"})
    ctype = event.get("datacontenttype")
    if ctype is not None and ctype != "application/json":
        errors.append({"field": "datacontenttype", "message": "must be 'application/json'"})
    if "data_base64" in event:
        errors.append({"field": "data_base64", "message": "binary data is not accepted; send JSON in 'data'"})
    for name in event:
        if name not in ENVELOPE_ATTRIBUTES and name != "data_base64" and not EXTENSION_NAME_RE.match(name):
            errors.append({"field": name, "message": "is not a valid CloudEvents attribute name"})

    version = LATEST_VERSION.get(event_type, 1) if event_type else None
    dataschema = event.get("dataschema")
    if dataschema is not None:
        match = DATASCHEMA_RE.match(dataschema) if isinstance(dataschema, str) else None
        if not match:
            errors.append({"field": "dataschema", "message": "must look like 'clinflow:<type>:<version>'"})
        elif event_type and match["type"] != event_type:
            errors.append({"field": "dataschema", "message": f"names type {match['type']!r}, not {event_type!r}"})
        elif event_type and (event_type, int(match["version"])) not in SCHEMAS:
            errors.append({"field": "dataschema", "message": f"unknown version {match['version']} of {event_type}"})
        elif event_type:
            version = int(match["version"])
    else:
        version = 1 if event_type else None

    data = event.get("data")
    if data is None:
        errors.append({"field": "data", "message": "is required"})
    elif not isinstance(data, dict):
        errors.append({"field": "data", "message": "must be a JSON object"})
    elif event_type and version is not None and (event_type, version) in SCHEMAS:
        _check_fields(data, SCHEMAS[(event_type, version)], "data", errors)

    result.type, result.version = event_type, version
    return result


def max_depth(value: Any, limit: int) -> int:
    """Nesting depth of parsed JSON, stopping early once past `limit` (iterative: no recursion)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                return deepest
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node if isinstance(v, (dict, list)))
    return deepest


# --- JSON Schema rendering for OpenAPI --------------------------------------------------------
_JSON_KINDS: dict[str, dict[str, Any]] = {
    "str": {"type": "string"},
    "slug": {"type": "string", "pattern": SLUG_RE.pattern},
    "datetime": {"type": "string", "format": "date-time"},
    "date": {"type": "string", "format": "date"},
    "int": {"type": "integer"},
    "number": {"type": "number"},
    "scalar": {"oneOf": [{"type": "number"}, {"type": "string"}]},
    "bool": {"type": "boolean"},
}


def _field_schema(spec: F) -> dict[str, Any]:
    if spec.kind == "object":
        return _object_schema(spec.fields or {})
    if spec.kind == "list":
        items = _object_schema(spec.fields) if spec.fields else dict(_JSON_KINDS[spec.items or "str"])
        return {"type": "array", "items": items}
    out = dict(_JSON_KINDS[spec.kind])
    if spec.kind in ("str", "slug"):
        out["maxLength"] = spec.max_length
    if spec.choices:
        out["enum"] = list(spec.choices)
    if spec.minimum is not None:
        out["minimum"] = spec.minimum
    if spec.kind == "int":
        out["maximum"] = INT32_MAX if spec.maximum is None else spec.maximum
    if spec.description:
        out["description"] = spec.description
    return out


def _object_schema(fields: dict[str, F]) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {name: _field_schema(spec) for name, spec in fields.items()},
        "additionalProperties": True,
    }
    required = [name for name, spec in fields.items() if spec.required]
    if required:
        schema["required"] = required
    return schema


def json_schema(event_type: str, version: int) -> dict[str, Any]:
    """The envelope + data JSON Schema of one event type and version."""
    return {
        "type": "object",
        "title": f"{event_type} v{version}",
        "required": ["specversion", "id", "source", "type", "data"],
        "properties": {
            "specversion": {"type": "string", "enum": [SPECVERSION]},
            "id": {"type": "string", "maxLength": 255},
            "source": {"type": "string", "maxLength": 255},
            "type": {"type": "string", "enum": [event_type]},
            "time": {"type": "string", "format": "date-time"},
            "subject": {"type": "string", "maxLength": 255},
            "dataschema": {"type": "string", "enum": [f"clinflow:{event_type}:{version}"]},
            "datacontenttype": {"type": "string", "enum": ["application/json"]},
            "data": _object_schema(SCHEMAS[(event_type, version)]),
        },
    }


def openapi_components() -> dict[str, Any]:
    """Components for drf-spectacular: one schema per (type, version) and a oneOf CloudEvent."""
    schemas = {f"{t}V{v}": json_schema(t, v) for t, v in sorted(SCHEMAS)}
    schemas["CloudEvent"] = {
        "oneOf": [{"$ref": f"#/components/schemas/{name}"} for name in sorted(schemas)],
        "discriminator": {"propertyName": "type"},
    }
    return {"schemas": schemas}
