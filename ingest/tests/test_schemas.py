"""The contract's schemas, without a database."""

import copy

import pytest

from ingest.samples import SAMPLE_DATA, sample_event
from ingest.schemas import EVENT_TYPES, SCHEMAS, json_schema, max_depth, openapi_components, validate_envelope

CATALOGUE = [
    "PatientMessageReceived",
    "PatientMessageResolved",
    "AppointmentRequested",
    "AppointmentBooked",
    "AppointmentCancelled",
    "AppointmentCompleted",
    "AppointmentNoShow",
    "LabResultFinalized",
    "ResultAcknowledged",
    "OrderUnsigned",
    "NoteUnsigned",
    "EncounterClosed",
    "OrderSigned",  # contract v1.5
    "NoteSigned",
]
REQUIRED = [(t, name) for (t, v), fields in SCHEMAS.items() for name, spec in fields.items() if spec.required]


def test_every_type_of_the_design_catalogue_has_a_v1_schema():
    assert sorted(CATALOGUE) == sorted(EVENT_TYPES)
    assert all((t, 1) in SCHEMAS for t in CATALOGUE)


@pytest.mark.parametrize("event_type", CATALOGUE)
def test_the_sample_of_each_type_is_valid(event_type):
    check = validate_envelope(sample_event(event_type))
    assert check.errors == []
    assert (check.type, check.version) == (event_type, 1)


@pytest.mark.parametrize(("event_type", "field"), REQUIRED)
def test_a_missing_required_field_is_named(event_type, field):
    event = sample_event(event_type)
    del event["data"][field]
    errors = validate_envelope(event).errors
    assert {"field": f"data.{field}", "message": "is required"} in errors


@pytest.mark.parametrize("event_type", [t for t in CATALOGUE if "patient" in SAMPLE_DATA[t]])
def test_a_patient_without_mrn_is_named(event_type):
    event = sample_event(event_type)
    del event["data"]["patient"]["mrn"]
    assert [e["field"] for e in validate_envelope(event).errors] == ["data.patient.mrn"]


@pytest.mark.parametrize(
    ("event_type", "field", "value", "message_part"),
    [
        ("PatientMessageReceived", "channel", "fax", "one of"),
        ("PatientMessageReceived", "body", 42, "string"),
        ("PatientMessageReceived", "received_at", "2026-11-25 08:00", "RFC 3339"),
        ("PatientMessageReceived", "received_at", "2026-11-25T08:00:00", "timezone"),
        ("PatientMessageReceived", "facility", "North Hospital", "slug"),
        ("PatientMessageResolved", "final_urgency", "critical", "one of"),
        ("AppointmentBooked", "duration_min", "20", "integer"),
        ("AppointmentBooked", "duration_min", 0, ">="),
        ("AppointmentBooked", "reminder_channel", "pigeon", "one of"),
        ("LabResultFinalized", "value", True, "number or"),
        ("LabResultFinalized", "abnormal_flag", "X", "one of"),
        ("LabResultFinalized", "reference_low", "3.5", "number"),
        ("LabResultFinalized", "code", "2823-3", "object"),
        ("EncounterClosed", "diagnoses", [{"system": "ICD-10-CM"}], "required"),
        ("EncounterClosed", "documentation_flags", "missing_ros", "list"),
        ("AppointmentNoShow", "at", "yesterday", "RFC 3339"),
    ],
)
def test_a_bad_value_is_named_with_its_path(event_type, field, value, message_part):
    event = sample_event(event_type)
    event["data"][field] = value
    errors = validate_envelope(event).errors
    assert errors, "expected an error"
    assert errors[0]["field"].startswith(f"data.{field}")
    assert message_part in errors[0]["message"]


def test_every_bad_field_is_reported_at_once():
    event = sample_event("PatientMessageReceived")
    del event["data"]["body"]
    event["data"]["channel"] = "fax"
    event["specversion"] = "0.3"
    fields = {e["field"] for e in validate_envelope(event).errors}
    assert fields == {"data.body", "data.channel", "specversion"}


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda e: e.pop("id"), "id"),
        (lambda e: e.update(id=""), "id"),
        (lambda e: e.pop("source"), "source"),
        (lambda e: e.pop("specversion"), "specversion"),
        (lambda e: e.update(type="PatientMessageSent"), "type"),
        (lambda e: e.pop("data"), "data"),
        (lambda e: e.update(data=[1, 2]), "data"),
        (lambda e: e.update(time="noon"), "time"),
        (lambda e: e.update(dataschema="clinflow:PatientMessageReceived:9"), "dataschema"),
        (lambda e: e.update(dataschema="clinflow:LabResultFinalized:1"), "dataschema"),
        (lambda e: e.update(datacontenttype="text/xml"), "datacontenttype"),
        (lambda e: e.update({"Bad-Attr": 1}), "Bad-Attr"),
    ],
)
def test_envelope_errors_are_named(mutate, field):
    event = sample_event("PatientMessageReceived")
    mutate(event)
    assert field in {e["field"] for e in validate_envelope(event).errors}


def test_dataschema_defaults_to_version_1_and_extensions_are_allowed():
    event = sample_event("PatientMessageReceived")
    del event["dataschema"]
    event["traceparent"] = "00-abc"
    event["data"]["future_optional_field"] = "kept"
    check = validate_envelope(event)
    assert check.ok and check.version == 1


def test_a_non_object_event_is_refused():
    assert validate_envelope([1]).errors[0]["message"] == "an event must be a JSON object"


def test_max_depth_stops_early_on_deep_nesting():
    deep: list = []
    node = deep
    for _ in range(10_000):
        node.append([])
        node = node[0]
    assert max_depth(deep, 32) == 33
    assert max_depth({"a": {"b": [1, {"c": 2}]}}, 32) == 4


def test_openapi_components_cover_every_type():
    comps = openapi_components()["schemas"]
    assert set(comps) == {f"{t}V1" for t in CATALOGUE} | {"CloudEvent"}
    schema = json_schema("PatientMessageReceived", 1)
    assert schema["properties"]["data"]["required"] == [
        "message_id",
        "patient",
        "facility",
        "channel",
        "body",
        "received_at",
    ]


def test_sample_event_overrides_do_not_leak_between_calls():
    a = sample_event("PatientMessageReceived", body="x")
    b = sample_event("PatientMessageReceived")
    assert a["data"]["body"] == "x" and b["data"]["body"] != "x"
    a["data"]["patient"]["mrn"] = "changed"
    assert copy.deepcopy(SAMPLE_DATA["PatientMessageReceived"]["patient"]["mrn"]) == "MRN123"
