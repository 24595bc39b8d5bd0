"""Issue 8 item 3: every schema limit matches the column its value lands in, and an event with every
field at its limit is processed, not retried five times into `failed`."""

import pytest
from django.apps import apps

from ingest import schemas
from ingest.models import Event
from ingest.services import Outcome, event_ingest, event_process
from ingest.tests.factories import IntegrationSourceFactory

pytestmark = pytest.mark.django_db

# (event type, field path in data) -> (model, column) it is stored in. "*" = every type.
LANDS_IN = {
    ("*", "patient.mrn"): ("queues.WorkItem", "patient_mrn"),
    ("*", "facility"): ("queues.Facility", "slug"),
    ("PatientMessageReceived", "message_id"): ("triage.TriageLabel", "message_id"),
    ("PatientMessageResolved", "message_id"): ("triage.TriageLabel", "message_id"),
    ("PatientMessageResolved", "final_urgency"): ("triage.TriageLabel", "final_urgency"),
    ("PatientMessageResolved", "resolved_by"): ("triage.TriageLabel", "labelled_by"),
    ("AppointmentBooked", "appointment_id"): ("scheduling.Appointment", "appointment_id"),
    ("AppointmentBooked", "patient.mrn"): ("scheduling.Appointment", "patient_mrn"),
    ("AppointmentBooked", "patient.sex"): ("scheduling.Appointment", "sex"),
    ("AppointmentBooked", "department"): ("scheduling.Appointment", "department"),
    ("AppointmentBooked", "provider_id"): ("scheduling.Appointment", "provider_id"),
    ("AppointmentBooked", "visit_type"): ("scheduling.Appointment", "visit_type"),
    ("AppointmentBooked", "duration_min"): ("scheduling.Appointment", "duration_min"),
    ("AppointmentBooked", "reminder_channel"): ("scheduling.Appointment", "reminder_channel"),
    ("LabResultFinalized", "result_id"): ("triage.ResultAlertState", "result_id"),
    ("LabResultFinalized", "patient.mrn"): ("triage.ResultAlertState", "patient_mrn"),
    ("LabResultFinalized", "code.code"): ("triage.ResultAlertState", "code"),
    ("ResultAcknowledged", "result_id"): ("triage.ResultAlertState", "result_id"),
    ("ResultAcknowledged", "acknowledged_by"): ("triage.ResultAlertState", "acknowledged_by"),
}
ENVELOPE_LANDS_IN = {"id": "source_event_id", "source": "source", "subject": "subject"}


def _fields(specs, prefix=""):
    for name, spec in specs.items():
        path = f"{prefix}{name}"
        if spec.kind == "object":
            yield from _fields(spec.fields or {}, path + ".")
        else:
            yield path, spec


def _column(event_type, path):
    target = LANDS_IN.get((event_type, path)) or LANDS_IN.get(("*", path))
    if target is None:
        return None
    model, column = target
    return apps.get_model(model)._meta.get_field(column)


def test_every_schema_limit_fits_the_column_it_lands_in():
    checked = 0
    for (event_type, _version), specs in schemas.SCHEMAS.items():
        for path, spec in _fields(specs):
            column = _column(event_type, path)
            if column is None:
                continue
            checked += 1
            where = f"{event_type} data.{path} -> {column.model.__name__}.{column.name}"
            if spec.kind in ("str", "slug"):
                widest = max(map(len, spec.choices)) if spec.choices else spec.max_length
                assert widest <= column.max_length, f"{where}: schema allows {widest}, column holds {column.max_length}"
            elif spec.kind == "int":
                ceiling = schemas.INT32_MAX if spec.maximum is None else spec.maximum
                assert ceiling <= 2**31 - 1, where
    assert checked >= 20
    for attribute, column in ENVELOPE_LANDS_IN.items():
        assert Event._meta.get_field(column).max_length >= 255, attribute


def _widest(spec, path, facility):
    """A value at the limit of its spec (the longest string, the largest number)."""
    if path.endswith("facility"):
        return facility
    if spec.kind == "object":
        return {k: _widest(s, f"{path}.{k}", facility) for k, s in (spec.fields or {}).items()}
    if spec.kind == "list":
        item = _widest(schemas.F("object", fields=spec.fields), path, facility) if spec.fields else "c" * 255
        return [item]
    if spec.choices:
        return max(spec.choices, key=len)
    return {
        "str": lambda: "s" * spec.max_length,
        "slug": lambda: "d" * spec.max_length,
        "datetime": lambda: "2026-11-25T08:00:00+14:00",
        "date": lambda: "1900-01-01",
        "int": lambda: int(schemas.INT32_MAX if spec.maximum is None else spec.maximum),
        "number": lambda: 1e308,
        "scalar": lambda: "9" * 255,
        "bool": lambda: True,
    }[spec.kind]()


@pytest.mark.parametrize("event_type", schemas.EVENT_TYPES)
def test_an_event_with_every_field_at_its_limit_is_processed(event_type, north, live_model):
    source = IntegrationSourceFactory()
    data = {name: _widest(spec, name, "north") for name, spec in schemas.SCHEMAS[(event_type, 1)].items()}
    envelope = {
        "specversion": "1.0",
        "id": "i" * 255,
        "source": "u" * 255,
        "type": event_type,
        "subject": "j" * 255,
        "time": "0001-01-01T00:00:00Z",
        "data": data,
    }
    result = event_ingest(source=source, envelope=envelope)
    assert result.outcome is Outcome.CREATED
    outcome = event_process(event_id=result.event_id)
    event = Event.objects.get(pk=result.event_id)
    assert (outcome, event.status) == ("processed", "processed"), event.last_error
