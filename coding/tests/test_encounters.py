"""EncounterClosed → coding findings in the coder queue: one item per rule and encounter, refreshed
or closed by a re-sent encounter of the same source, never by another; hostile input never fails."""

import json

import pytest

from audit.models import AuditRecord
from coding.tests.conftest import send
from ingest.models import Event
from ingest.samples import sample_event
from ingest.services import event_ingest, event_process, events_replay
from queues.models import WorkItem

pytestmark = pytest.mark.django_db

MESSY = {
    "encounter_id": "enc-1",
    "duration_min": 25,
    "diagnoses": [{"system": "ICD-10-CM", "code": "I50.9"}, {"system": "ICD-10-CM", "code": "E11"}],
    "procedures": [
        {"system": "CPT", "code": "99215", "modifiers": []},
        {"system": "CPT", "code": "20610", "modifiers": []},
        {"system": "CPT", "code": "85610", "modifiers": []},
    ],
    "documentation_flags": ["type_systolic", "acuity_chronic", "missing_ros"],
}
CLEAN = {
    "encounter_id": "enc-1",
    "duration_min": 35,
    "diagnoses": [{"system": "ICD-10-CM", "code": "I50.22"}, {"system": "ICD-10-CM", "code": "Z79.01"}],
    "procedures": [{"system": "CPT", "code": "99214", "modifiers": ["25"]}, {"system": "CPT", "code": "20610"}],
    "documentation_flags": [],
}


def coding_items():
    return {i.kind: i for i in WorkItem.objects.filter(kind__in=WorkItem.CODING_KINDS)}


def test_each_rule_that_fires_is_one_task_in_the_coder_queue_with_rule_evidence_and_fix(source, north):
    event = send(source, "EncounterClosed", **MESSY)
    found = coding_items()
    assert set(found) == set(WorkItem.CODING_KINDS)
    for item in found.values():
        assert item.queue.slug == "north-coding" and item.tier == "task" and item.event_id == event.pk
        finding = item.score["finding"]
        assert finding["evidence"] and finding["fix"] and finding["source"]
        assert item.score["disposition"] == finding["fix"]
        assert AuditRecord.objects.filter(action="work_item.created", object_id=str(item.pk)).count() == 1
    assert found["coding_dx_not_billable"].priority == 3  # a claim with it comes back: first
    assert found["coding_em_time"].priority == 4
    assert found["coding_dx_unspecified"].score["finding"]["suggestions"][0] == "I50.22"


def test_a_clean_encounter_makes_no_task(source, north):
    send(source, "EncounterClosed", **CLEAN)
    assert coding_items() == {}


def test_a_replay_and_a_resent_encounter_never_double_count(source, north):
    first = send(source, "EncounterClosed", **MESSY)
    events_replay(events=Event.objects.filter(pk=first.pk))
    event_process(event_id=first.pk)
    send(source, "EncounterClosed", **MESSY)  # the EMR sends the same encounter again
    assert WorkItem.objects.filter(kind__in=WorkItem.CODING_KINDS).count() == 5
    assert all(i.event_count == 2 for i in coding_items().values())


def test_a_corrected_encounter_closes_the_findings_it_no_longer_has_and_refreshes_the_rest(source, north):
    send(source, "EncounterClosed", **MESSY)
    fixed = {**CLEAN, "duration_min": 20}  # still 99214 at 20 min: only the E/M-time finding stays
    send(source, "EncounterClosed", **fixed)
    states = {k: i.state for k, i in coding_items().items()}
    assert states.pop("coding_em_time") == "new"
    assert set(states.values()) == {"resolved_in_emr"}
    em = coding_items()["coding_em_time"]
    assert "20 min documented" in em.score["finding"]["evidence"]
    assert WorkItem.objects.get(pk=coding_items()["coding_dx_not_billable"].pk).decision == "corrected_in_emr"


def test_another_source_cannot_close_or_fold_into_this_sources_findings(source, other_source, north):
    send(source, "EncounterClosed", **MESSY)
    send(other_source, "EncounterClosed", uri="urn:emr:other", **CLEAN)
    assert {i.state for i in coding_items().values()} == {"new"}
    send(other_source, "EncounterClosed", uri="urn:emr:other", **MESSY)
    assert WorkItem.objects.filter(kind__in=WorkItem.CODING_KINDS).count() == 10


def test_a_source_acting_for_another_may_correct_its_encounter(source, other_source, north):
    other_source.acts_for.add(source)
    send(source, "EncounterClosed", **MESSY)
    send(other_source, "EncounterClosed", uri="urn:emr:other", **CLEAN)
    assert {i.state for i in coding_items().values()} == {"resolved_in_emr"}


@pytest.mark.parametrize(
    "fields",
    [
        {"diagnoses": [{"system": "ICD-10-CM", "code": "X" * 16}], "procedures": []},
        {
            "diagnoses": [{"system": "made-up-" + "s" * 200, "code": "I10"}],
            "procedures": [{"system": "?", "code": "1"}],
        },
        {"diagnoses": [], "procedures": [{"system": "CPT", "code": "99213", "modifiers": ["25" * 100]}]},
        {"encounter_id": "e" * 255, "documentation_flags": ["laterality_left"] * 500, "duration_min": 2**31 - 1},
        {"diagnoses": [{"system": "ICD-10-CM", "code": "🙂🙂"}], "patient": {"mrn": "M" * 64}},
    ],
)
def test_odd_but_valid_encounters_are_processed(source, north, fields):
    send(source, "EncounterClosed", **fields)
    for item in coding_items().values():
        assert len(item.title) <= 200


@pytest.mark.parametrize(
    "fields",
    [
        {"diagnoses": [{"system": "ICD-10-CM", "code": "I10\x00"}]},
        {"diagnoses": [{"system": "ICD-10-CM", "code": "\ud800"}]},
        {"diagnoses": [{"system": "ICD-10-CM", "code": "A" * 17}]},
        {"documentation_flags": ["x\x00"]},
        {"encounter_id": "e\x00"},
    ],
)
def test_hostile_encounters_are_a_400_naming_the_field_and_nothing_is_stored(source, north, client, fields):
    response = client.post(
        "/api/v1/events",
        data=json.dumps(sample_event("EncounterClosed", **fields)),  # ensure_ascii: a lone surrogate as \ud800
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {source.token}",
    )
    assert response.status_code == 400, response.content
    assert [e["field"].split("[")[0].split(".")[1] for e in response.json()["errors"]] == [next(iter(fields))]
    assert Event.objects.count() == 0 and WorkItem.objects.count() == 0


def test_a_handler_error_leaves_nothing_half_written(source, north, monkeypatch):
    from coding import services

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "item_refresh_suggestion", broken)
    first = send(source, "EncounterClosed", **MESSY)
    count = WorkItem.objects.count()
    result = event_ingest(source=source, envelope=sample_event("EncounterClosed", **{**MESSY, "duration_min": 20}))
    event_process(event_id=result.event_id)
    event = Event.objects.get(pk=result.event_id)
    assert event.status != Event.Status.PROCESSED and "boom" in event.last_error
    assert WorkItem.objects.count() == count and {i.event_count for i in coding_items().values()} == {1}
    assert first.status == Event.Status.PROCESSED
