"""What event_ingest / events_ingest_batch say happened (created / repeat / conflict), and the
domain errors they raise for an event they refuse; no HTTP here."""

from __future__ import annotations

import copy

import pytest
from django.db import DataError

from audit.models import AuditRecord
from clinflow import problems
from ingest import services
from ingest.models import Event
from ingest.samples import sample_event
from ingest.services import Ingested, Outcome, event_ingest, events_ingest_batch
from ingest.tests.factories import IntegrationSourceFactory

pytestmark = pytest.mark.django_db


def test_a_new_event_is_created(source, django_capture_on_commit_callbacks):
    envelope = sample_event("AppointmentNoShow")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ingested = event_ingest(source=source, envelope=envelope)
    assert ingested.outcome is Outcome.CREATED and ingested.outcome == "created"
    stored = Event.objects.get(pk=ingested.event.pk)
    assert ingested.event_id == str(stored.pk) and stored.source_event_id == envelope["id"]
    assert AuditRecord.objects.filter(action="event.ingested", object_id=ingested.event_id).count() == 1
    assert len(callbacks) == 1


def test_the_same_event_again_is_a_repeat_of_the_original(source):
    envelope = sample_event("AppointmentNoShow")
    first = event_ingest(source=source, envelope=envelope)
    again = event_ingest(source=source, envelope=copy.deepcopy(envelope))
    assert again == Ingested(Outcome.REPEAT, again.event) and again.event_id == first.event_id
    assert Event.objects.count() == 1


def test_the_same_id_with_another_body_is_a_conflict_with_the_stored_event(source):
    envelope = sample_event("PatientMessageReceived")
    first = event_ingest(source=source, envelope=envelope)
    changed = copy.deepcopy(envelope)
    changed["data"]["body"] = "changed"
    conflict = event_ingest(source=source, envelope=changed)
    assert conflict.outcome is Outcome.CONFLICT and conflict.event_id == first.event_id
    assert Event.objects.get().data["body"] == envelope["data"]["body"]


def test_the_same_event_from_another_source_is_a_conflict():
    one = IntegrationSourceFactory(source_uris=["urn:emr:shared"])
    other = IntegrationSourceFactory(source_uris=["urn:emr:shared"])
    envelope = sample_event("AppointmentNoShow", source="urn:emr:shared")
    event_ingest(source=one, envelope=envelope)
    assert event_ingest(source=other, envelope=envelope).outcome is Outcome.CONFLICT


def test_an_invalid_event_raises_event_invalid_and_stores_nothing(source):
    envelope = sample_event("AppointmentNoShow")
    del envelope["data"]["appointment_id"]
    with pytest.raises(problems.EventInvalid) as caught:
        event_ingest(source=source, envelope=envelope)
    assert {"field": "data.appointment_id", "message": "is required"} in caught.value.errors
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("source_kwargs", "envelope_kwargs", "field"),
    [
        ({"allowed_types": ["AppointmentNoShow"]}, {"event_type": "PatientMessageReceived"}, "type"),
        ({"source_uris": ["urn:emr:mine"]}, {"event_type": "AppointmentNoShow", "source": "urn:emr:theirs"}, "source"),
        (
            {"facilities": ["south"]},
            {"event_type": "PatientMessageReceived", "facility": "north"},
            "data.facility",
        ),
    ],
)
def test_an_event_the_source_may_not_send_raises_forbidden(source_kwargs, envelope_kwargs, field):
    source = IntegrationSourceFactory(**source_kwargs)
    event_type = envelope_kwargs.pop("event_type")
    with pytest.raises(problems.Forbidden) as caught:
        event_ingest(source=source, envelope=sample_event(event_type, **envelope_kwargs))
    assert [e["field"] for e in caught.value.errors] == [field]
    assert not Event.objects.exists()


def test_a_value_the_database_refuses_raises_event_invalid(source, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise DataError("value too long")

    monkeypatch.setattr(Event, "save", refuse)
    with pytest.raises(problems.EventInvalid, match="database cannot store"):
        event_ingest(source=source, envelope=sample_event("AppointmentNoShow"))


def test_a_batch_answers_each_event_at_its_index(source):
    stored = sample_event("PatientMessageReceived")
    first = event_ingest(source=source, envelope=stored)
    conflicting = copy.deepcopy(stored)
    conflicting["data"]["body"] = "changed"
    invalid = sample_event("AppointmentNoShow")
    del invalid["data"]["at"]
    new = sample_event("AppointmentNoShow")
    results = events_ingest_batch(source=source, envelopes=[stored, conflicting, invalid, new, new])
    outcomes = [r.outcome if isinstance(r, Ingested) else type(r) for r in results]
    assert outcomes == [Outcome.REPEAT, Outcome.CONFLICT, problems.EventInvalid, Outcome.CREATED, Outcome.REPEAT]
    assert results[0].event_id == results[1].event_id == first.event_id
    assert results[3].event_id == results[4].event_id
    assert Event.objects.count() == 2


def test_a_batch_that_the_database_refuses_falls_back_to_one_by_one(source, monkeypatch):
    def refuse(*args, **kwargs):
        raise DataError("bulk refused")

    monkeypatch.setattr(Event.objects, "bulk_create", refuse)
    original = services.event_ingest
    seen = []

    def counting(**kwargs):
        seen.append(kwargs["envelope"]["id"])
        return original(**kwargs)

    monkeypatch.setattr(services, "event_ingest", counting)
    envelopes = [sample_event("AppointmentNoShow") for _ in range(2)]
    results = events_ingest_batch(source=source, envelopes=envelopes)
    assert [r.outcome for r in results] == [Outcome.CREATED, Outcome.CREATED]
    assert seen == [e["id"] for e in envelopes] and Event.objects.count() == 2
