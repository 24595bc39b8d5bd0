"""One valid example `data` per event type, for tests, docs and benchmarks (pure, no ORM)."""

from __future__ import annotations

import copy
import uuid
from typing import Any

PATIENT = {"mrn": "MRN123", "name": "Jane Doe", "birth_date": "1980-04-02", "sex": "female"}
T = "2026-11-25T08:00:00Z"

SAMPLE_DATA: dict[str, dict[str, Any]] = {
    "PatientMessageReceived": {
        "message_id": "m-1",
        "patient": PATIENT,
        "facility": "north",
        "department": "family-medicine",
        "channel": "portal",
        "subject": "Question",
        "body": "I have had a sore throat for two days.",
        "received_at": T,
    },
    "PatientMessageResolved": {
        "message_id": "m-1",
        "final_urgency": "routine",
        "disposition": "Booked a visit",
        "resolved_by": "nurse",
        "resolved_at": T,
    },
    "AppointmentRequested": {
        "request_id": "r-1",
        "patient": PATIENT,
        "facility": "north",
        "department": "cardiology",
        "visit_type": "follow-up",
        "reason": "BP check",
        "preferred_start": "2026-11-30T08:00:00Z",
        "preferred_end": "2026-12-04T17:00:00Z",
        "requested_at": T,
    },
    "AppointmentBooked": {
        "appointment_id": "a-1",
        "patient": PATIENT,
        "facility": "north",
        "department": "cardiology",
        "provider_id": "dr-lee",
        "visit_type": "follow-up",
        "booked_at": T,
        "starts_at": "2026-12-01T09:00:00Z",
        "duration_min": 20,
        "reminder_channel": "sms",
    },
    "AppointmentCancelled": {"appointment_id": "a-1", "at": T, "reason": "patient request"},
    "AppointmentCompleted": {"appointment_id": "a-1", "at": T},
    "AppointmentNoShow": {"appointment_id": "a-1", "at": T},
    "LabResultFinalized": {
        "result_id": "lab-1",
        "patient": PATIENT,
        "facility": "north",
        "ordering_provider_id": "dr-lee",
        "code": {"system": "http://loinc.org", "code": "2823-3", "display": "Potassium"},
        "value": 6.4,
        "unit": "mmol/L",
        "reference_low": 3.5,
        "reference_high": 5.1,
        "abnormal_flag": "HH",
        "resulted_at": T,
    },
    "ResultAcknowledged": {"result_id": "lab-1", "acknowledged_by": "dr-lee", "at": T},
    "OrderUnsigned": {
        "order_id": "o-1",
        "encounter_id": "e-1",
        "patient": PATIENT,
        "facility": "north",
        "author_id": "dr-lee",
        "order_type": "medication",
        "ordered_at": T,
    },
    "NoteUnsigned": {
        "note_id": "n-1",
        "encounter_id": "e-1",
        "patient": PATIENT,
        "facility": "north",
        "author_id": "dr-lee",
        "note_type": "progress",
        "created_at": T,
    },
    "OrderSigned": {
        "order_id": "o-1",
        "encounter_id": "e-1",
        "patient": PATIENT,
        "facility": "north",
        "signed_by": "dr-lee",
        "at": T,
    },
    "NoteSigned": {
        "note_id": "n-1",
        "encounter_id": "e-1",
        "patient": PATIENT,
        "facility": "north",
        "signed_by": "dr-lee",
        "at": T,
    },
    "EncounterClosed": {
        "encounter_id": "e-1",
        "patient": PATIENT,
        "facility": "north",
        "department": "cardiology",
        "provider_id": "dr-lee",
        "closed_at": T,
        "duration_min": 25,
        "diagnoses": [{"system": "ICD-10-CM", "code": "I10"}],
        "procedures": [{"system": "CPT", "code": "99214", "modifiers": []}],
        "documentation_flags": ["missing_ros"],
    },
}


def sample_event(
    event_type: str,
    *,
    event_id: str | None = None,
    source: str = "urn:emr:test",
    data: dict[str, Any] | None = None,
    **data_overrides: Any,
) -> dict[str, Any]:
    """A valid CloudEvent of `event_type` (data from SAMPLE_DATA, then `data`, then overrides)."""
    body = copy.deepcopy(SAMPLE_DATA[event_type])
    body.update(copy.deepcopy(data or {}))
    body.update(data_overrides)
    return {
        "specversion": "1.0",
        "id": event_id or str(uuid.uuid4()),
        "source": source,
        "type": event_type,
        "time": T,
        "dataschema": f"clinflow:{event_type}:1",
        "datacontenttype": "application/json",
        "data": body,
    }
