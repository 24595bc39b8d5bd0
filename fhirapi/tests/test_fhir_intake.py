"""FHIR R4 intake through the real endpoint (/api/v1/fhir): the official samples map onto events,
Bundles answer per entry, every refusal is an OperationOutcome naming the element, resends are
repeats, and the source token's types and facilities apply as on the event API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from ingest.models import Event
from ingest.tests.factories import IntegrationSourceFactory
from queues.tests.factories import facility_for

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.json").read_text())


@pytest.fixture
def north():
    return facility_for("north")


@pytest.fixture
def source(north):
    facility_for("south")
    return IntegrationSourceFactory(facilities=["north"])


def post(source, body, path="/api/v1/fhir", *, raw=None, ctype="application/fhir+json", token=None, **params):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token or source.token}")
    data = raw if raw is not None else json.dumps(body)
    query = "?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else ""
    response = client.generic("POST", path + query, data, content_type=ctype)
    assert response["Content-Type"].startswith("application/fhir+json"), response["Content-Type"]
    return response.status_code, response.json()


def expressions(body) -> list[str]:
    return [e for i in body.get("issue", []) for e in i.get("expression", [])]


def diagnostics(body) -> str:
    return " | ".join(i.get("diagnostics", "") for i in body.get("issue", []))


# --- the official samples ------------------------------------------------------------------------
def test_the_communication_sample_becomes_a_patient_message(source):
    status, body = post(source, sample("Communication-example"))
    assert status == 201, body
    event = Event.objects.get(type="PatientMessageReceived")
    assert event.source_event_id.startswith("fhir:Communication/example/_history/")
    assert event.data["patient"] == {"mrn": "Patient/example"}  # kept as an identifier, not rejected
    assert event.data["body"].startswith("Patient 1 has a very high serum potassium")
    assert event.data["received_at"] == "2014-12-12T18:01:11-08:00" and event.data["facility"] == "north"
    assert "the source's only facility" in diagnostics(body)
    # a resend is a repeat: 200, nothing stored twice
    again, body2 = post(source, sample("Communication-example"))
    assert again == 200 and "already received" in diagnostics(body2)
    assert Event.objects.count() == 1


def test_the_appointment_sample_is_booked_with_its_patient_provider_and_duration(source):
    status, body = post(source, sample("Appointment-example"), "/api/v1/fhir/Appointment")
    assert status == 201, body
    data = Event.objects.get(type="AppointmentBooked").data
    assert data["appointment_id"] == "Appointment/example"
    assert data["patient"] == {"mrn": "Patient/example", "name": "Peter James Chalmers"}
    assert (data["starts_at"], data["duration_min"], data["provider_id"]) == (
        "2013-12-10T09:00:00Z",
        120,
        "Practitioner/example",
    )
    assert data["department"] == "general-practice" and data["booked_at"] == "2013-10-10T00:00:00Z"


def test_the_report_sample_without_its_observation_is_accepted_and_says_what_is_missing(source):
    status, body = post(source, sample("DiagnosticReport-102"))
    assert status == 200
    assert "Observation/bmd not included" in diagnostics(body)
    assert not Event.objects.exists()


def signature_task(**changes) -> dict:
    """The Task sample as an EMR asks for a signature: code approve, owned by the author."""
    task = sample("Task-example1")
    task["code"] = {"coding": [{"system": "http://hl7.org/fhir/CodeSystem/task-code", "code": "approve"}]}
    task["owner"] = {"reference": "Practitioner/dr-lee"}
    task.update(changes)
    return task


def test_the_task_sample_is_lab_fulfilment_not_a_signature(source):
    """Task-example1 asks a lab to fulfil a lipid order its author already signed (its Provenance):
    accepted, nothing to track."""
    status, body = post(source, sample("Task-example1"))
    assert status == 200 and "not a signature task" in diagnostics(body)
    assert not Event.objects.exists()


def test_a_signature_task_is_an_unsigned_order_until_completed(source):
    status, body = post(source, signature_task())
    assert status == 201, body
    data = Event.objects.get(type="OrderUnsigned").data
    assert data["order_id"] == "ServiceRequest/lipid" and data["author_id"] == "Practitioner/dr-lee"
    assert data["ordered_at"] == "2016-10-31T08:25:05+10:00"
    status, _ = post(source, signature_task(status="completed"))
    signed = Event.objects.get(type="OrderSigned").data
    assert status == 201 and signed["order_id"] == "ServiceRequest/lipid"
    assert signed["at"] == "2016-10-31T09:45:05+10:00" and signed["signed_by"] == "Practitioner/dr-lee"


def test_the_patient_asking_is_never_the_author_who_must_sign(source):
    task = signature_task(requester={"reference": "Patient/example"})
    task.pop("owner")
    status, body = post(source, task)
    assert status == 422 and expressions(body) == ["Task.owner"]
    task["owner"] = {"reference": "Practitioner/dr-kim"}
    assert post(source, task)[0] == 201
    assert Event.objects.get().data["author_id"] == "Practitioner/dr-kim"


def test_a_note_to_sign_is_an_unsigned_note(source):
    task = signature_task(focus={"reference": "DocumentReference/note-7"})
    task["code"] = {"text": "Sign the discharge summary"}
    assert post(source, task)[0] == 201
    data = Event.objects.get(type="NoteUnsigned").data
    assert data["note_id"] == "DocumentReference/note-7" and data["note_type"] == "Sign the discharge summary"


# --- appointments by status ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("status", "event_type"),
    [
        ("proposed", "AppointmentRequested"),
        ("pending", "AppointmentRequested"),
        ("cancelled", "AppointmentCancelled"),
        ("noshow", "AppointmentNoShow"),
        ("fulfilled", "AppointmentCompleted"),
    ],
)
def test_an_appointment_maps_by_its_status(source, status, event_type):
    appt = sample("Appointment-example")
    appt["status"] = status
    code, body = post(source, appt)
    assert code == 201, body
    assert list(Event.objects.values_list("type", flat=True)) == [event_type]


def test_an_arrived_appointment_is_accepted_with_nothing_to_do(source):
    appt = sample("Appointment-example")
    appt["status"] = "arrived"
    code, body = post(source, appt)
    assert code == 200 and "nothing for clinflow to act on" in diagnostics(body)
    assert not Event.objects.exists()


# --- results ----------------------------------------------------------------------------------------
def _potassium(oid="k1", value=6.4, status="final"):
    return {
        "resourceType": "Observation",
        "id": oid,
        "status": status,
        "code": {"coding": [{"system": "http://loinc.org", "code": "2823-3", "display": "Potassium"}]},
        "subject": {"reference": "Patient/p1"},
        "issued": "2026-11-30T08:00:00Z",
        "valueQuantity": {"value": value, "unit": "mmol/L"},
        "interpretation": [
            {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": "HH"}]}
        ],
        "referenceRange": [{"low": {"value": 3.5, "unit": "mmol/L"}, "high": {"value": 5.1, "unit": "mmol/L"}}],
    }


def test_a_report_with_contained_observations_makes_one_result_per_value(source):
    report = {
        "resourceType": "DiagnosticReport",
        "id": "bmp-1",
        "status": "final",
        "code": {"text": "Basic metabolic panel"},
        "subject": {"reference": "Patient/p1"},
        "issued": "2026-11-30T08:00:00Z",
        "contained": [
            _potassium("k"),
            {**_potassium("na", 139), "code": {"coding": [{"system": "http://loinc.org", "code": "2951-2"}]}},
            {**_potassium("note"), "valueQuantity": None, "valueString": None},  # no value
        ],
        "result": [{"reference": "#k"}, {"reference": "#na"}, {"reference": "#note"}],
    }
    report["contained"][2].pop("valueQuantity")
    report["contained"][2].pop("valueString")
    code, body = post(source, report)
    assert code == 201, body
    results = {e.data["code"]["code"]: e.data for e in Event.objects.filter(type="LabResultFinalized")}
    assert set(results) == {"2823-3", "2951-2"}
    k = results["2823-3"]
    assert (k["value"], k["unit"], k["abnormal_flag"], k["reference_low"], k["reference_high"]) == (
        6.4,
        "mmol/L",
        "HH",
        3.5,
        5.1,
    )
    assert "no value" in diagnostics(body)
    assert post(source, report)[0] == 200  # the resend: repeats, nothing new
    assert Event.objects.filter(type="LabResultFinalized").count() == 2


def test_a_date_too_vague_for_a_clinical_timestamp_is_refused_at_its_element(source):
    obs = _potassium()
    obs.pop("issued")
    obs["effectiveDateTime"] = "2026-11"  # valid FHIR (a year-month), too vague for a result time
    code, body = post(source, obs)
    assert code == 422 and expressions(body) == ["Observation.effectiveDateTime"]


def test_a_preliminary_observation_is_not_a_finalized_result(source):
    code, body = post(source, _potassium(status="preliminary"))
    assert code == 200 and "only final results" in diagnostics(body)
    assert not Event.objects.exists()


# --- Bundles ---------------------------------------------------------------------------------------
def _bundle(kind, *resources, full_urls=None):
    return {
        "resourceType": "Bundle",
        "type": kind,
        "entry": [
            {"fullUrl": (full_urls or {}).get(i, f"urn:uuid:00000000-0000-0000-0000-00000000000{i}"), "resource": r}
            for i, r in enumerate(resources)
        ],
    }


def test_a_batch_answers_each_entry_and_one_bad_entry_does_not_fail_the_others(source):
    bad = sample("Communication-example")
    bad["id"] = "bad"
    bad["payload"] = [{"contentString": "   "}]  # valid FHIR, but no text to read
    bundle = _bundle("batch", sample("Communication-example"), bad, _potassium())
    code, body = post(source, bundle)
    assert code == 200 and body["type"] == "batch-response"
    statuses = [e["response"]["status"] for e in body["entry"]]
    assert statuses == ["201 Created", "422 Unprocessable Entity", "201 Created"]
    assert expressions(body["entry"][1]["response"]["outcome"]) == ["Bundle.entry[1].resource.payload"]
    assert body["entry"][0]["response"]["location"].startswith("/api/v1/events/")
    assert Event.objects.count() == 2


def test_a_transaction_is_all_or_nothing(source):
    bad = _potassium("k2")
    bad["issued"] = "2026-11"  # not a FHIR instant
    code, body = post(source, _bundle("transaction", sample("Communication-example"), bad))
    assert code == 400
    assert expressions(body) == ["Bundle.entry[1].resource.issued"]
    assert not Event.objects.exists()
    code, body = post(source, _bundle("transaction", sample("Communication-example"), _potassium()))
    assert code == 200 and body["type"] == "transaction-response"
    assert [e["response"]["status"] for e in body["entry"]] == ["201 Created", "201 Created"]
    assert Event.objects.count() == 2


def test_a_bundle_resolves_the_patient_and_the_reports_observations(source):
    patient = {
        "resourceType": "Patient",
        "id": "p9",
        "identifier": [
            {
                "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}]},
                "value": "MRN-9",
            }
        ],
        "name": [{"given": ["Ann"], "family": "Lee"}],
        "birthDate": "1950-12-03",
        "gender": "female",
    }
    obs = _potassium("k9")
    obs["subject"] = {"reference": "urn:uuid:p"}
    report = {
        "resourceType": "DiagnosticReport",
        "status": "final",
        "code": {"text": "Potassium"},
        "subject": {"reference": "urn:uuid:p"},
        "result": [{"reference": "urn:uuid:o"}],
    }
    bundle = _bundle("transaction", patient, obs, report, full_urls={0: "urn:uuid:p", 1: "urn:uuid:o", 2: "urn:uuid:r"})
    code, body = post(source, bundle)
    assert code == 200, body
    statuses = [e["response"]["status"] for e in body["entry"]]
    assert statuses == ["200 OK", "200 OK", "201 Created"]  # patient: context; observation: part of the report
    (event,) = Event.objects.filter(type="LabResultFinalized")
    assert event.data["patient"] == {"mrn": "MRN-9", "name": "Ann Lee", "birth_date": "1950-12-03", "sex": "female"}
    # the report's Observation is the same event whether sent inside its report or alone
    assert event.source_event_id.startswith("fhir:Observation/k9/_history/")
    code, body = post(source, bundle)  # the resend: a repeat of the same event
    assert code == 200 and list(Event.objects.filter(type="LabResultFinalized")) == [event]


def test_an_observation_sent_alone_and_then_inside_its_report_is_one_event(source):
    assert post(source, _potassium("k5"))[0] == 201
    report = {
        "resourceType": "DiagnosticReport",
        "id": "r5",
        "status": "final",
        "code": {"text": "Potassium"},
        "subject": {"reference": "Patient/p1"},
        "result": [{"reference": "Observation/k5"}],
    }
    code, body = post(source, _bundle("batch", report, _potassium("k5")))
    assert code == 200, body
    assert Event.objects.filter(type="LabResultFinalized").count() == 1
    assert "already received" in diagnostics(body["entry"][0]["response"]["outcome"])


def test_other_resources_are_context_in_a_bundle_and_the_orderer_comes_from_the_request(source):
    request = {
        "resourceType": "ServiceRequest",
        "id": "lab-7",
        "status": "active",
        "intent": "order",
        "subject": {"reference": "Patient/p1"},
        "requester": {"reference": "Practitioner/dr-lee"},
    }
    obs = _potassium("k7") | {
        "basedOn": [{"reference": "ServiceRequest/lab-7"}],
        "performer": [{"reference": "Organization/lab"}],
    }
    code, body = post(source, _bundle("transaction", request, obs))
    assert code == 200, body
    assert [e["response"]["status"] for e in body["entry"]] == ["200 OK", "201 Created"]
    assert Event.objects.get().data["ordering_provider_id"] == "Practitioner/dr-lee"  # not the lab


def test_components_valuedatetime_and_positive_interpretations(source):
    bp = {
        "resourceType": "Observation",
        "id": "bp",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9"}]},
        "subject": {"reference": "Patient/p1"},
        "effectiveDateTime": "2026-11-30T08:00:00Z",
        "component": [
            {
                "code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
                "valueQuantity": {"value": 182, "unit": "mmHg"},
                "interpretation": [{"coding": [{"code": "H"}]}],
            },
            {
                "code": {"coding": [{"system": "http://loinc.org", "code": "8462-4"}]},
                "valueQuantity": {"value": 96, "unit": "mmHg"},
            },
        ],
    }
    assert post(source, bp)[0] == 201
    results = {e.data["code"]["code"]: e.data for e in Event.objects.all()}
    assert set(results) == {"8480-6", "8462-4"} and results["8480-6"]["abnormal_flag"] == "H"
    assert results["8480-6"]["result_id"] == "Observation/bp#component-0"
    culture = _potassium("bc") | {"interpretation": [{"coding": [{"code": "POS"}]}]}
    culture.pop("valueQuantity")
    culture["valueCodeableConcept"] = {"text": "Staphylococcus aureus"}
    assert post(source, culture)[0] == 201
    assert Event.objects.get(data__result_id="Observation/bc").data["abnormal_flag"] == "A"


def test_a_booked_appointment_without_created_is_booked_when_received_and_a_resend_repeats(source):
    appt = sample("Appointment-example")
    appt.pop("created")
    code, body = post(source, appt)
    assert code == 201 and "when clinflow first received it" in diagnostics(body)
    assert post(source, appt)[0] == 200
    assert Event.objects.count() == 1


def test_delete_and_get_entries_are_not_supported(source):
    bundle = {
        "resourceType": "Bundle",
        "type": "batch",
        "entry": [
            {"request": {"method": "DELETE", "url": "Patient/1"}},
            {
                "fullUrl": "urn:uuid:c",
                "resource": sample("Communication-example"),
                "request": {"method": "POST", "url": "Communication"},
            },
        ],
    }
    code, body = post(source, bundle)
    assert code == 200
    first = body["entry"][0]["response"]
    assert first["status"].startswith("422") and expressions(first["outcome"]) == ["Bundle.entry[0].request.method"]
    assert body["entry"][1]["response"]["status"] == "201 Created"


def test_a_bundle_of_another_type_is_refused_at_bundle_type(source):
    code, body = post(source, _bundle("collection", sample("Communication-example")))
    assert code == 400 and expressions(body) == ["Bundle.type"]


# --- refusals: each an OperationOutcome naming the element -----------------------------------------
def test_invalid_fhir_names_the_element(source):
    comm = sample("Communication-example")
    comm["payload"][0]["bogus"] = 1
    code, body = post(source, comm)
    assert code == 400 and expressions(body) == ["Communication.payload[0].bogus"]
    comm = sample("Communication-example")
    comm["sent"] = "12/12/2014"
    comm.pop("received")
    code, body = post(source, comm)
    assert code == 400 and expressions(body) == ["Communication.sent"]
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("text", "element"),
    [
        ("chest pain\x00", "Communication.payload[0].contentString"),
        ("lone \ud800 surrogate", "Communication.payload[0].contentString"),
    ],
)
def test_text_an_event_may_not_hold_is_refused_at_its_fhir_element(source, text, element):
    comm = sample("Communication-example")
    comm["payload"] = [{"contentString": text}]
    raw = json.dumps(comm).encode()  # \u escapes: valid JSON carrying the hostile character
    code, body = post(source, None, raw=raw)
    assert code == 400, body
    assert expressions(body) == [element]
    assert not Event.objects.exists()


def test_a_patient_identifier_longer_than_its_column_is_refused(source):
    comm = sample("Communication-example")
    comm["subject"] = {"reference": "Patient/" + "x" * 60}
    code, body = post(source, comm)
    assert code == 422 and expressions(body) == ["Communication.subject"]


def test_a_subject_that_is_not_a_patient_is_refused(source):
    comm = sample("Communication-example")
    comm["subject"] = {"reference": "Group/ward-3"}
    code, body = post(source, comm)
    assert code == 422 and expressions(body) == ["Communication.subject"]


def test_an_unsupported_resource_and_a_url_mismatch(source):
    code, body = post(source, {"resourceType": "Medication", "id": "m"})
    assert code == 422 and "not accepted on its own" in diagnostics(body)
    assert body["issue"][0]["code"] == "not-supported"
    code, body = post(source, {"resourceType": "NoSuchThing", "id": "m"})
    assert code == 400 and "not a FHIR R4 resource type" in diagnostics(body)
    code, body = post(source, sample("Communication-example"), "/api/v1/fhir/Appointment")
    assert code == 400 and expressions(body) == ["resourceType"]
    code, body = post(source, ["not", "a", "resource"])
    assert code == 400


def test_the_same_version_with_other_content_is_a_conflict(source):
    comm = sample("Communication-example")
    comm["meta"] = {"versionId": "3"}
    assert post(source, comm)[0] == 201
    comm["payload"] = [{"contentString": "something else"}]
    code, body = post(source, comm)
    assert code == 409 and expressions(body) == ["Communication.meta.versionId"]
    comm["meta"] = {"versionId": "4"}
    assert post(source, comm)[0] == 201  # a new version is a new event


def test_auth_media_type_and_malformed_json_answer_operation_outcomes(source):
    client = APIClient()
    response = client.post("/api/v1/fhir", json.dumps(sample("Task-example1")), content_type="application/fhir+json")
    assert response.status_code == 401 and response.json()["resourceType"] == "OperationOutcome"
    code, body = post(source, None, raw=b"hello", ctype="text/plain")
    assert code == 415 and body["issue"][0]["code"] == "not-supported"
    code, body = post(source, None, raw=b"{not json")
    assert code == 400 and body["issue"][0]["code"] == "structure"
    code, body = post(source, None, raw=b"")
    assert code == 400


def test_the_source_tokens_types_and_facilities_apply(north):
    facility_for("south")
    narrow = IntegrationSourceFactory(allowed_types=["AppointmentBooked"], facilities=["north"])
    code, body = post(narrow, sample("Communication-example"))
    assert code == 403 and body["issue"][0]["code"] == "forbidden"
    code, body = post(narrow, sample("Appointment-example"), facility="south")
    assert code == 403  # a facility this source may not send for
    assert post(narrow, sample("Appointment-example"))[0] == 201
    code, body = post(narrow, sample("Appointment-example"), facility="no-such")
    assert code == 400 and expressions(body) == ["facility"]


def test_a_resource_names_its_facility_with_the_extension(source):
    everywhere = IntegrationSourceFactory(facilities=["*"])
    comm = sample("Communication-example")
    comm["extension"] = [{"url": "http://clinflow.org/fhir/StructureDefinition/facility", "valueCode": "south"}]
    code, body = post(everywhere, comm)
    assert code == 201 and Event.objects.get().data["facility"] == "south"
    comm["extension"][0]["valueCode"] = "atlantis"
    comm["id"] = "other"
    code, body = post(everywhere, comm)
    assert code == 422 and expressions(body) == ["Communication.extension[0]"]


def test_a_second_source_sending_the_same_resource_makes_its_own_event(source):
    other = IntegrationSourceFactory(facilities=["north"])
    assert post(source, sample("Communication-example"))[0] == 201
    assert post(other, sample("Communication-example"))[0] == 201
    assert Event.objects.count() == 2
    assert len({e.integration_source_id for e in Event.objects.all()}) == 2
