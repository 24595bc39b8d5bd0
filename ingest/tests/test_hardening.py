"""Issue 8, items 1-5: the failure paths a fault-injection and penetration run found at intake and in
processing. Each test here failed on the code before the fix."""

import json
import threading
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DataError, connection, connections
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from audit.models import AuditRecord
from ingest import handlers, leases, services
from ingest.models import Event, IntegrationSource
from ingest.samples import sample_event
from ingest.services import event_ingest, event_process, events_sweep_stuck
from ingest.tests.factories import IntegrationSourceFactory

pytestmark = pytest.mark.django_db
CE = "application/cloudevents+json"
postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="only PostgreSQL stores timestamps Python cannot read"
)


def post(client, body, token, *, path="/api/v1/events", raw=None, content_type=CE):
    data = raw if raw is not None else json.dumps(body)
    return client.post(path, data=data, content_type=content_type, HTTP_AUTHORIZATION=f"Bearer {token}")


def stored(source) -> int:
    return Event.objects.filter(integration_source=source).count()


# --- 1. a poison timestamp ------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
@pytest.mark.parametrize("where", ["time", "data.received_at"])
def test_a_timestamp_outside_years_1_to_9999_in_utc_is_a_400_naming_the_field(client, source, value, where):
    event = sample_event("PatientMessageReceived")
    if where == "time":
        event["time"] = value
    else:
        event["data"]["received_at"] = value
    response = post(client, event, source.token)
    assert response.status_code == 400, response.content
    assert [e["field"] for e in response.json()["errors"]] == [where]
    assert response.json()["title"] == "The event is invalid"
    assert stored(source) == 0


def _poison(event_id, column="time"):
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE ingest_event SET {column} = %s WHERE id = %s", ["0001-01-01 00:00:00+01", event_id])


@postgres_only
def test_a_row_with_an_unreadable_timestamp_is_processed_answered_and_shown(client, source, calls, admin_client):
    result = event_ingest(source=source, envelope=sample_event("AppointmentNoShow"))
    _poison(result.event_id)
    assert event_process(event_id=result.event_id) == "processed"
    assert calls == [result.event_id]
    response = client.get(f"/api/v1/events/{result.event_id}", HTTP_AUTHORIZATION=f"Bearer {source.token}")
    assert response.status_code == 200 and response.json()["status"] == "processed"
    assert admin_client.get(f"/admin/ingest/event/{result.event_id}/change/").status_code == 200
    assert admin_client.get("/admin/ingest/event/").status_code == 200


@postgres_only
def test_the_sweep_goes_on_past_a_poison_row(source, settings):
    ids = [event_ingest(source=source, envelope=sample_event("AppointmentNoShow")).event_id for _ in range(3)]
    long_ago = timezone.now() - timedelta(seconds=settings.EVENT_STUCK_AFTER_SECONDS * 3)
    Event.objects.filter(pk__in=ids).update(
        status="processing", attempts=1, processing_started_at=long_ago, lease_until=long_ago
    )
    _poison(ids[1])
    result = events_sweep_stuck()
    assert result["stuck_processing"] == 3 and result["errors"] == 0
    assert set(Event.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"received"}


def test_a_row_that_cannot_be_read_ends_failed_or_retried_never_stuck_processing(source, monkeypatch, settings):
    settings.EVENT_MAX_ATTEMPTS = 1
    result = event_ingest(source=source, envelope=sample_event("AppointmentNoShow"))
    real = Event.objects.select_related

    class Unreadable:
        def get(self, **kwargs):
            raise DataError("timestamp too small (before year 1)")

    monkeypatch.setattr(Event.objects, "select_related", lambda *a: Unreadable())
    assert event_process(event_id=result.event_id) == "failed"
    monkeypatch.setattr(Event.objects, "select_related", real)
    event = Event.objects.get(pk=result.event_id)
    assert event.status == "failed" and "before year 1" in event.last_error


def test_one_row_the_sweep_cannot_recover_does_not_stop_it_recovering_the_rest(source, monkeypatch, settings):
    ids = [event_ingest(source=source, envelope=sample_event("AppointmentNoShow")).event_id for _ in range(3)]
    long_ago = timezone.now() - timedelta(seconds=settings.EVENT_STUCK_AFTER_SECONDS * 3)
    Event.objects.filter(pk__in=ids).update(status="processing", attempts=1, processing_started_at=long_ago)
    real_fail = services._event_fail

    def fail(event_id, claim, error, **kwargs):
        if str(event_id) == ids[0]:
            raise RuntimeError("a bad row")
        return real_fail(event_id, claim, error, **kwargs)

    monkeypatch.setattr(services, "_event_fail", fail)
    result = events_sweep_stuck()
    assert result["errors"] == 1
    assert [Event.objects.get(pk=i).status for i in ids] == ["processing", "received", "received"]


# --- 2. intake never answers 500; one bad event never sinks its batch ----------------------------
# (where the placeholder goes, the raw JSON put in its place, the field the 400 must name)
RAW_BAD = {
    "NUL in the body": ("body", '"chest pain\\u0000"', "data.body"),
    "NUL in the patient's name": ("patient", '{"mrn": "M1", "name": "Ann\\u0000"}', "data.patient.name"),
    "NUL in a field name": ("@key", '"x\\u0000y"', "data.x\\u0000y"),
    "NUL in the envelope id": ("@id", '"msg\\u0000"', "id"),
    "lone surrogate": ("body", '"pain \\ud800 here"', "data.body"),
    "lone surrogate in the source": ("@source", '"urn:\\udfff"', "source"),
    "NaN": ("duration_min", "NaN", "data.duration_min"),
    "Infinity": ("score", "Infinity", "data.score"),
    "-Infinity": ("score", "-Infinity", "data.score"),
    "huge float": ("score", "1e999", "data.score"),
}


@pytest.mark.parametrize("case", sorted(RAW_BAD))
def test_values_the_database_cannot_hold_are_a_400_naming_the_field(client, source, case):
    where, raw_value, field = RAW_BAD[case]
    event = sample_event("PatientMessageReceived")
    if where == "@key":
        event["data"]["@@X@@"] = 1
    elif where.startswith("@"):
        event[where[1:]] = "@@X@@"
    else:
        event["data"][where] = "@@X@@"
    raw = json.dumps(event).replace('"@@X@@"', raw_value)
    response = post(client, None, source.token, raw=raw.encode())
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    fields = [e["field"] for e in response.json()["errors"]]
    assert field in fields, fields
    assert stored(source) == 0


@pytest.mark.parametrize(
    "attribute,value",
    [
        ("type", {}),
        ("type", []),
        ("type", 7),
        ("specversion", {}),
        ("id", {}),
        ("source", ["a"]),
        ("dataschema", {}),
        ("subject", 3),
        ("time", {}),
        ("datacontenttype", []),
        ("data", "x"),
    ],
)
def test_wrong_types_in_the_envelope_are_a_400_naming_the_attribute(client, source, attribute, value):
    event = sample_event("PatientMessageReceived")
    event[attribute] = value
    response = post(client, event, source.token)
    assert response.status_code == 400, response.content
    assert attribute in [e["field"] for e in response.json()["errors"]]


def test_a_batch_of_good_bad_good_stores_the_good_ones(client, source):
    good1, good2 = sample_event("AppointmentNoShow"), sample_event("AppointmentNoShow")
    text = json.dumps([good1, sample_event("AppointmentNoShow", reason="x"), good2])
    raw = text.replace('"reason": "x"', '"reason": "x\\u0000"')
    response = post(
        client,
        None,
        source.token,
        path="/api/v1/events/batch",
        raw=raw.encode(),
        content_type="application/cloudevents-batch+json",
    )
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["status"] for r in results] == [202, 400, 202]
    assert results[1]["errors"][0]["field"] == "data.reason"
    assert set(Event.objects.values_list("source_event_id", flat=True)) == {good1["id"], good2["id"]}


def test_a_batch_the_database_refuses_in_bulk_falls_back_to_one_by_one(client, source, monkeypatch):
    real = Event.objects.bulk_create

    def refuse(*args, **kwargs):
        raise DataError("value too long for type character varying(255)")

    monkeypatch.setattr(Event.objects, "bulk_create", refuse)
    batch = [sample_event("AppointmentNoShow") for _ in range(3)]
    response = post(
        client, batch, source.token, path="/api/v1/events/batch", content_type="application/cloudevents-batch+json"
    )
    monkeypatch.setattr(Event.objects, "bulk_create", real)
    assert [r["status"] for r in response.json()["results"]] == [202, 202, 202]
    assert stored(source) == 3


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(st.characters(blacklist_categories=()), max_size=300),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(st.characters(blacklist_categories=()), max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@hsettings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    event_type=st.sampled_from(
        ["PatientMessageReceived", "AppointmentBooked", "LabResultFinalized", "EncounterClosed", "ResultAcknowledged"]
    ),
    field=st.sampled_from(
        [
            "patient",
            "facility",
            "body",
            "value",
            "duration_min",
            "starts_at",
            "diagnoses",
            "code",
            "reference_low",
            "acknowledged_by",
            "extra",
        ]
    ),
    value=JSON_VALUES,
)
def test_no_value_in_any_field_makes_intake_answer_500(client, source, event_type, field, value):
    event = sample_event(event_type)
    event["data"][field] = value
    try:
        raw = json.dumps(event, allow_nan=True)
    except (UnicodeEncodeError, ValueError):
        return
    response = post(client, None, source.token, raw=raw.encode("utf-8", "surrogatepass"))
    assert response.status_code in (202, 400), response.content


# --- 3. schema limits match their columns ---------------------------------------------------------
def test_a_database_error_in_a_handler_fails_the_event_at_once_without_retries(source, monkeypatch):
    def handler(event):
        raise DataError("integer out of range")

    monkeypatch.setitem(handlers._HANDLERS, "AppointmentNoShow", [handler])
    result = event_ingest(source=source, envelope=sample_event("AppointmentNoShow"))
    assert event_process(event_id=result.event_id) == "failed"
    event = Event.objects.get(pk=result.event_id)
    assert event.attempts == 1 and event.last_error.startswith("DataError")


@pytest.mark.parametrize(
    "field,value",
    [("visit_type", "v" * 65), ("provider_id", "p" * 65), ("duration_min", 10**30), ("duration_min", 24 * 60 + 1)],
)
def test_booking_values_longer_or_larger_than_their_columns_are_refused_at_intake(client, source, field, value):
    response = post(client, sample_event("AppointmentBooked", **{field: value}), source.token)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [f"data.{field}"]


# --- 4. a source acts only as itself, for its facilities ------------------------------------------
def test_create_source_binds_uris_and_facilities_and_refuses_others_with_403(client):
    call_command(
        "create_source",
        "epic-north",
        "--types",
        "all",
        "--source-uri",
        "urn:emr:north,urn:emr:north-2",
        "--facilities",
        "north",
        stdout=open("/dev/null", "w"),
        stderr=open("/dev/null", "w"),
    )
    source = IntegrationSource.objects.get(name="epic-north")
    assert source.source_uris == ["urn:emr:north", "urn:emr:north-2"] and source.facilities == ["north"]
    token = _token_of(source)
    ok = sample_event("PatientMessageReceived", source="urn:emr:north-2", facility="north")
    assert post(client, ok, token).status_code == 202
    as_other = sample_event("PatientMessageReceived", source="urn:emr:south", facility="north")
    response = post(client, as_other, token)
    assert response.status_code == 403 and response.json()["errors"][0]["field"] == "source"
    for_other = sample_event("LabResultFinalized", source="urn:emr:north", facility="south")
    response = post(client, for_other, token)
    assert response.status_code == 403 and response.json()["errors"][0]["field"] == "data.facility"


def _token_of(source):
    from ingest.services import source_rotate_token

    return source_rotate_token(source=source)


def test_an_unbound_source_binds_to_its_first_uri_and_may_not_use_another(client, source):
    assert post(client, sample_event("AppointmentNoShow", source="urn:emr:mine"), source.token).status_code == 202
    source.refresh_from_db()
    assert source.source_uris == ["urn:emr:mine"]
    assert AuditRecord.objects.filter(action="source.bound", object_id=str(source.pk)).count() == 1
    assert post(client, sample_event("AppointmentNoShow", source="urn:emr:else"), source.token).status_code == 403


def test_one_source_cannot_claim_or_probe_another_sources_event_ids(client):
    real = IntegrationSourceFactory(source_uris=["urn:emr:north"])
    squatter = IntegrationSourceFactory(source_uris=["urn:emr:rogue"])
    event = sample_event("AppointmentNoShow", source="urn:emr:north", event_id="msg-1")
    response = post(client, event, squatter.token)  # before the real one: would have claimed the id
    assert response.status_code == 403 and response.json()["errors"][0]["field"] == "source"
    assert post(client, event, real.token).status_code == 202
    probe = post(client, event, squatter.token)  # after: the same 403, so nothing is learnt
    assert probe.status_code == 403 and probe.json() == response.json()
    assert Event.objects.filter(integration_source=squatter).count() == 0


def test_the_admin_shows_what_a_source_is_bound_to(admin_client):
    source = IntegrationSourceFactory(source_uris=["urn:emr:north"], facilities=["north", "south"])
    page = admin_client.get(f"/admin/ingest/integrationsource/{source.pk}/change/").content.decode()
    listing = admin_client.get("/admin/ingest/integrationsource/").content.decode()
    assert "urn:emr:north" in page and "south" in page and "urn:emr:north" in listing


# --- 5. the sweep never floods the broker; emergencies first; a slow worker is not dead ----------
def _queue_length(name: str) -> int:
    from clinflow.celery import app

    with app.connection_for_write() as conn:
        return conn.default_channel.client.llen(name)  # type: ignore[attr-defined]  # kombu's Redis channel


def _purge(*names: str) -> None:
    from clinflow.celery import app

    with app.connection_for_write() as conn:
        for name in names:
            conn.default_channel.client.delete(name)  # type: ignore[attr-defined]


def test_the_sweep_does_not_republish_events_whose_task_is_still_queued(
    source, settings, django_capture_on_commit_callbacks
):
    from clinflow.celery import app

    settings.CELERY_TASK_DEFAULT_QUEUE = f"test-sweep-{time.time_ns()}"
    settings.CELERY_URGENT_QUEUE = settings.CELERY_TASK_DEFAULT_QUEUE + "-urgent"
    app.conf.task_always_eager = False  # publish to the real broker; no worker consumes this queue
    try:
        with django_capture_on_commit_callbacks(execute=True):
            for _ in range(20):
                event_ingest(source=source, envelope=sample_event("AppointmentNoShow"))
        assert _queue_length(settings.CELERY_TASK_DEFAULT_QUEUE) == 20
        later = timezone.now() + timedelta(seconds=settings.EVENT_STUCK_AFTER_SECONDS + 1)
        for minutes in range(5):  # five sweeps over a backlog that is still queued
            result = events_sweep_stuck(now=later + timedelta(minutes=minutes))
            assert result["requeued"] == 0 and result["still_queued"] == 20
        assert _queue_length(settings.CELERY_TASK_DEFAULT_QUEUE) == 20
        # Redis restarted and lost the queue (and the markers with it): the sweep publishes each once.
        _purge(settings.CELERY_TASK_DEFAULT_QUEUE)
        services.task_markers_clear(Event.objects.values_list("pk", flat=True))
        assert events_sweep_stuck(now=later + timedelta(minutes=10))["published"] == 20
        assert events_sweep_stuck(now=later + timedelta(minutes=15))["published"] == 0
        assert _queue_length(settings.CELERY_TASK_DEFAULT_QUEUE) == 20
        # a batch waiting behind the backlog in its dispatcher task counts as queued too
        with django_capture_on_commit_callbacks(execute=True):
            services.events_ingest_batch(
                source=source, envelopes=[sample_event("AppointmentNoShow") for _ in range(30)]
            )
        assert _queue_length(settings.CELERY_TASK_DEFAULT_QUEUE) == 21
        result = events_sweep_stuck(now=later + timedelta(minutes=20))
        assert result["published"] == 0 and result["still_queued"] == 50
    finally:
        app.conf.task_always_eager = True
        _purge(settings.CELERY_TASK_DEFAULT_QUEUE, settings.CELERY_URGENT_QUEUE)


def test_possible_emergencies_go_to_the_urgent_lane(source, settings, django_capture_on_commit_callbacks):
    from clinflow.celery import app

    settings.CELERY_TASK_DEFAULT_QUEUE = f"test-lanes-{time.time_ns()}"
    settings.CELERY_URGENT_QUEUE = settings.CELERY_TASK_DEFAULT_QUEUE + "-urgent"
    app.conf.task_always_eager = False
    chest = sample_event("PatientMessageReceived", body="crushing chest pain and my left arm is numb")
    cough = sample_event("PatientMessageReceived", body="Could I get a refill of my inhaler please")
    potassium = sample_event(
        "LabResultFinalized",
        value=7.1,
        abnormal_flag="HH",
        code={"system": "http://loinc.org", "code": "2823-3", "display": "Potassium"},
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            lanes = {
                name: Event.objects.get(pk=event_ingest(source=source, envelope=e).event_id).lane
                for name, e in (("chest", chest), ("cough", cough), ("potassium", potassium))
            }
            batch = services.events_ingest_batch(
                source=source,
                envelopes=[
                    sample_event("PatientMessageReceived", body="he is not breathing and his lips are blue"),
                    sample_event("AppointmentNoShow"),
                    sample_event("AppointmentNoShow"),
                ],
            )
        assert lanes == {"chest": "urgent", "cough": "standard", "potassium": "urgent"}
        assert [Event.objects.get(pk=r.event_id).lane for r in batch] == ["urgent", "standard", "standard"]
        # the batch's emergency is published at once on its lane, not behind the dispatcher
        assert _queue_length(settings.CELERY_URGENT_QUEUE) == 3
    finally:
        app.conf.task_always_eager = True
        _purge(settings.CELERY_TASK_DEFAULT_QUEUE, settings.CELERY_URGENT_QUEUE)


def test_a_run_whose_claim_was_taken_over_is_rolled_back_and_never_doubles(source, monkeypatch):
    from django.db.models import F

    def handler(event):
        AuditRecord.objects.count()
        from audit.services import audit_record

        audit_record(action="handler.wrote", object_type="event", object_id=event.pk)
        # meanwhile the sweep took this worker for dead and another run claimed the event
        Event.objects.filter(pk=event.pk).update(attempts=F("attempts") + 1)

    monkeypatch.setitem(handlers._HANDLERS, "AppointmentNoShow", [handler])
    result = event_ingest(source=source, envelope=sample_event("AppointmentNoShow"))
    assert event_process(event_id=result.event_id) == "superseded"
    assert not AuditRecord.objects.filter(action="handler.wrote").exists()
    assert not AuditRecord.objects.filter(action="event.processed").exists()


def test_the_heartbeat_extends_only_claims_held_longer_than_a_beat(source):
    result = event_ingest(source=source, envelope=sample_event("AppointmentNoShow"))
    now = timezone.now()
    Event.objects.filter(pk=result.event_id).update(status="processing", attempts=1, lease_until=now)
    with leases.held(result.event_id, 1):
        assert leases.extend_long_running() == 0  # just started: nothing to do
        assert leases.extend_long_running(older_than=0) == 1
    assert Event.objects.get(pk=result.event_id).lease_until > now + timedelta(seconds=30)
    with leases.held(result.event_id, 2):  # another claim's heartbeat never extends this one
        assert leases.extend_long_running(older_than=0) == 0


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="SQLite serialises the writers anyway")
@pytest.mark.django_db(transaction=True)
def test_a_slow_but_alive_worker_is_not_taken_for_dead_and_runs_once(monkeypatch, settings):
    settings.EVENT_STUCK_AFTER_SECONDS = 3  # lease 3 s, heartbeat every 1 s
    source = IntegrationSourceFactory()
    runs: list[str] = []

    def slow(event):
        runs.append(str(event.pk))
        time.sleep(5)  # e.g. a 30 s lock wait, scaled down

    monkeypatch.setitem(handlers._HANDLERS, "AppointmentNoShow", [slow])
    monkeypatch.setattr(services, "enqueue_processing", lambda *a, **k: 0)  # this test runs it itself
    event_id = event_ingest(source=source, envelope=sample_event("AppointmentNoShow")).event_id
    outcome: list[str] = []

    def work():
        try:
            outcome.append(event_process(event_id=event_id))
        finally:
            connections.close_all()

    thread = threading.Thread(target=work)
    thread.start()
    sweeps = []
    for _ in range(4):  # the sweep runs while the handler is still busy, past the first lease
        time.sleep(1.2)
        sweeps.append(events_sweep_stuck()["stuck_processing"])
    thread.join()
    assert sweeps == [0, 0, 0, 0] and outcome == ["processed"] and runs == [event_id]
    assert AuditRecord.objects.filter(action="event.processed", object_id=event_id).count() == 1


def test_an_unexpected_error_in_the_api_is_a_problem_document_not_an_html_page(client, source, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("MRN-123 secret")

    monkeypatch.setattr(services, "event_ingest", boom)
    client.raise_request_exception = False
    response = post(client, sample_event("AppointmentNoShow"), source.token)
    assert response.status_code == 500 and response["Content-Type"] == "application/problem+json"
    assert "MRN-123" not in response.content.decode()
