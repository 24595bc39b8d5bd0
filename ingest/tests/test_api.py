"""The event intake API through the test client: CONTRACT.md's answers, case by case."""

import json

import pytest
from django.conf import settings

from audit.models import AuditRecord
from ingest.models import Event
from ingest.samples import SAMPLE_DATA, sample_event
from ingest.services import source_revoke
from ingest.tests.factories import IntegrationSourceFactory

pytestmark = pytest.mark.django_db
CE = "application/cloudevents+json"


def post(client, body, token, *, path="/api/v1/events", content_type=CE, raw=None):
    data = raw if raw is not None else json.dumps(body)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(path, data=data, content_type=content_type, **headers)


@pytest.mark.parametrize("event_type", sorted(SAMPLE_DATA))
def test_each_event_type_is_accepted_with_202_and_stored(
    client, source, event_type, django_capture_on_commit_callbacks
):
    event = sample_event(event_type)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = post(client, event, source.token)
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["status"] == "received"
    assert body["status_url"] == f"/api/v1/events/{body['event_id']}"
    stored = Event.objects.get(pk=body["event_id"])
    assert (stored.type, stored.source_event_id, stored.data) == (event_type, event["id"], event["data"])
    assert AuditRecord.objects.filter(action="event.ingested", object_id=body["event_id"]).count() == 1
    assert len(callbacks) == 1  # the enqueue waits for the commit


@pytest.mark.parametrize("event_type", sorted(SAMPLE_DATA))
def test_each_event_type_invalid_gets_400_naming_the_field_and_stores_nothing(client, source, event_type):
    event = sample_event(event_type)
    first_required = next(iter(SAMPLE_DATA[event_type]))
    del event["data"][first_required]
    response = post(client, event, source.token)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert {"field": f"data.{first_required}", "message": "is required"} in body["errors"]
    assert body["status"] == 400 and body["type"].endswith("/validation")
    assert Event.objects.count() == 0
    assert not AuditRecord.objects.filter(action="event.ingested").exists()


def test_plain_application_json_is_accepted_too(client, source):
    assert (
        post(client, sample_event("AppointmentNoShow"), source.token, content_type="application/json").status_code
        == 202
    )


@pytest.mark.parametrize("header", [None, "Bearer cfs_unknown", "Basic abc", "Bearer", "Token x y"])
def test_missing_or_bad_token_is_401(client, source, header):
    kwargs = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.post(
        "/api/v1/events", data=json.dumps(sample_event("AppointmentNoShow")), content_type=CE, **kwargs
    )
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["type"].endswith("/unauthenticated")
    assert Event.objects.count() == 0


def test_revoked_token_is_401(client, source):
    source_revoke(source=source)
    assert post(client, sample_event("AppointmentNoShow"), source.token).status_code == 401


def test_type_not_allowed_for_the_source_is_403(client):
    scheduling_only = IntegrationSourceFactory(allowed_types=["AppointmentBooked"])
    response = post(client, sample_event("PatientMessageReceived"), scheduling_only.token)
    assert response.status_code == 403
    assert "PatientMessageReceived" in response.json()["detail"]
    assert post(client, sample_event("AppointmentBooked"), scheduling_only.token).status_code == 202
    assert Event.objects.count() == 1


def test_same_event_again_is_200_with_the_original_answer(client, source):
    event = sample_event("PatientMessageReceived")
    first = post(client, event, source.token)
    again = post(client, event, source.token)
    assert again.status_code == 200
    assert again.json() == first.json()
    assert Event.objects.count() == 1
    assert AuditRecord.objects.filter(action="event.ingested").count() == 1


def test_key_order_does_not_make_a_different_body(client, source):
    event = sample_event("PatientMessageReceived")
    reordered = dict(reversed(list(event.items())))
    post(client, event, source.token)
    assert post(client, reordered, source.token).status_code == 200


def test_same_id_different_body_is_409_and_the_original_is_kept(client, source):
    event = sample_event("PatientMessageReceived")
    post(client, event, source.token)
    changed = json.loads(json.dumps(event))
    changed["data"]["body"] = "something else"
    response = post(client, changed, source.token)
    assert response.status_code == 409
    assert response.json()["type"].endswith("/conflict")
    assert Event.objects.get().data["body"] == event["data"]["body"]


def test_same_source_and_id_from_another_integration_source_is_409(client, source):
    event = sample_event("PatientMessageReceived")
    post(client, event, source.token)
    # Two tokens an admin deliberately bound to the same source URI (e.g. a rotated interface engine)
    assert post(client, event, IntegrationSourceFactory(source_uris=[event["source"]]).token).status_code == 409


def test_another_source_cannot_send_as_a_source_uri_already_in_use(client, source):
    event = sample_event("PatientMessageReceived")
    post(client, event, source.token)
    response = post(client, event, IntegrationSourceFactory().token)  # unbound: would bind on first use
    assert response.status_code == 403
    assert response.json()["errors"] == [{"field": "source", "message": "is not a source URI this token is bound to"}]


def test_same_id_from_a_different_cloudevents_source_is_a_different_event(client):
    source = IntegrationSourceFactory(source_uris=["urn:emr:test", "urn:emr:other"])
    event = sample_event("PatientMessageReceived", event_id="same-id")
    other = sample_event("PatientMessageReceived", event_id="same-id", source="urn:emr:other")
    assert post(client, event, source.token).status_code == 202
    assert post(client, other, source.token).status_code == 202


@pytest.mark.parametrize("ctype", ["text/plain", "application/xml", "multipart/form-data; boundary=x"])
def test_wrong_content_type_is_415(client, source, ctype):
    response = post(client, None, source.token, content_type=ctype, raw=b"hello")
    assert response.status_code == 415
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("raw", [b"{not json", b"\xff\xfe", b'{"a": 1} trailing', b"NaN-ish"])
def test_non_json_is_400(client, source, raw):
    response = post(client, None, source.token, raw=raw)
    assert response.status_code == 400
    assert response.json()["type"].endswith("/malformed-json")


def test_an_empty_body_is_400(client, source):
    # The test client drops Content-Type for an empty body; set it as a real client would.
    response = client.post(
        "/api/v1/events", data=b"", content_type=CE, CONTENT_TYPE=CE, HTTP_AUTHORIZATION=f"Bearer {source.token}"
    )
    assert response.status_code == 400


def test_deeply_nested_json_is_400_not_500(client, source):
    raw = b"[" * 100_000 + b"]" * 100_000
    response = post(client, None, source.token, raw=raw)
    assert response.status_code in (400, 413)
    event = sample_event("PatientMessageReceived")
    nested: dict = {}
    node = nested
    for _ in range(50):
        node["x"] = {}
        node = node["x"]
    event["data"]["extra"] = nested
    response = post(client, event, source.token)
    assert response.status_code == 400
    assert "nested" in response.json()["detail"]


def test_oversized_body_is_413(client, source):
    event = sample_event("PatientMessageReceived", body="x" * (settings.EVENT_MAX_BYTES + 10))
    response = post(client, event, source.token)
    assert response.status_code == 413
    assert Event.objects.count() == 0


def test_an_array_at_the_single_endpoint_is_400(client, source):
    response = post(client, [sample_event("AppointmentNoShow")], source.token)
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "an event must be a JSON object"


# --- batch ------------------------------------------------------------------------------------
def post_batch(client, events, token):
    return post(client, events, token, path="/api/v1/events/batch", content_type="application/cloudevents-batch+json")


def test_batch_with_mixed_events_stores_the_good_and_reports_the_bad(client, source):
    good1 = sample_event("PatientMessageReceived")
    bad = sample_event("LabResultFinalized")
    del bad["data"]["value"]
    bad["data"]["abnormal_flag"] = "??"
    good2 = sample_event("AppointmentBooked")
    response = post_batch(client, [good1, bad, good2], source.token)
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["status"] for r in results] == [202, 400, 202]
    assert [r["index"] for r in results] == [0, 1, 2]
    assert {e["field"] for e in results[1]["errors"]} == {"data.value", "data.abnormal_flag"}
    assert set(Event.objects.values_list("source_event_id", flat=True)) == {good1["id"], good2["id"]}
    assert AuditRecord.objects.filter(action="event.ingested").count() == 2


def test_batch_repeats_and_conflicts_answer_per_event(client, source):
    stored = sample_event("PatientMessageReceived")
    first = post(client, stored, source.token).json()
    conflicting = json.loads(json.dumps(stored))
    conflicting["data"]["body"] = "changed"
    new = sample_event("AppointmentNoShow")
    not_allowed_src = IntegrationSourceFactory(allowed_types=["AppointmentNoShow", "PatientMessageReceived"])
    response = post_batch(client, [stored, conflicting, new, new, sample_event("EncounterClosed")], source.token)
    results = response.json()["results"]
    assert [r["status"] for r in results] == [200, 409, 202, 200, 202]
    assert results[0]["event_id"] == first["event_id"]
    assert results[2]["event_id"] == results[3]["event_id"]
    assert Event.objects.count() == 3
    forbidden = post_batch(client, [sample_event("EncounterClosed")], not_allowed_src.token).json()["results"]
    assert forbidden[0]["status"] == 403


def test_batch_must_be_an_array_of_at_most_the_limit(client, source, settings):
    assert post_batch(client, sample_event("AppointmentNoShow"), source.token).status_code == 400
    settings.BATCH_MAX_EVENTS = 3
    response = post_batch(client, [sample_event("AppointmentNoShow") for _ in range(4)], source.token)
    assert response.status_code == 413
    assert Event.objects.count() == 0


def test_batch_of_1000_is_accepted(client, source, django_capture_on_commit_callbacks):
    events = [sample_event("AppointmentNoShow") for _ in range(1000)]
    with django_capture_on_commit_callbacks(execute=False):
        response = post_batch(client, events, source.token)
    assert response.status_code == 200
    assert {r["status"] for r in response.json()["results"]} == {202}
    assert Event.objects.count() == 1000


def test_batch_needs_a_token(client):
    assert post_batch(client, [sample_event("AppointmentNoShow")], None).status_code == 401


# --- status -----------------------------------------------------------------------------------
def test_status_shows_the_event_to_its_own_source_only(client, source):
    event_id = post(client, sample_event("PatientMessageReceived"), source.token).json()["event_id"]
    response = client.get(f"/api/v1/events/{event_id}", HTTP_AUTHORIZATION=f"Bearer {source.token}")
    assert response.status_code == 200
    body = response.json()
    assert body["event_id"] == event_id and body["type"] == "PatientMessageReceived"
    assert body["status"] in ("received", "processed") and "attempts" in body and "last_error" in body
    other = IntegrationSourceFactory()
    assert client.get(f"/api/v1/events/{event_id}", HTTP_AUTHORIZATION=f"Bearer {other.token}").status_code == 404
    assert client.get(f"/api/v1/events/{event_id}").status_code == 401


def test_openapi_schema_and_docs_are_served_with_the_event_schemas(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    doc = json.loads(response.content)
    assert "PatientMessageReceivedV1" in doc["components"]["schemas"]
    assert "/api/v1/events" in doc["paths"] and "/api/v1/events/batch" in doc["paths"]
    assert client.get("/api/docs/").status_code == 200
    # v1.1: the event status documents the score's care level and its protocol rationale
    status = doc["paths"]["/api/v1/events/{event_id}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert status["schema"]["$ref"].endswith("/EventStatus")
    score = doc["components"]["schemas"]["Score"]["properties"]
    care = doc["components"]["schemas"][score["care_level"]["allOf"][0]["$ref"].rsplit("/", 1)[1]]
    assert care["enum"] == ["emergency", "same_day", "within_3_days", "within_2_weeks", "self_care", "administrative"]
    assert "urgency follows from it" in score["care_level"]["description"]
    entry = doc["components"]["schemas"]["RationaleEntry"]["properties"]
    assert {"protocol", "criterion", "source", "span", "text"} <= set(entry)
