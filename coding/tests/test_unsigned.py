"""Unsigned orders and notes: a clinical-ops task past the threshold, escalation as it ages (the
beat task), closed when signed; repeats, a second source and a sign that comes first."""

from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import AuditRecord
from coding import services, tasks
from coding.models import DocumentationPolicy, UnsignedDocument
from coding.tests.conftest import ago, later, send
from ingest.services import event_process, events_replay
from queues.models import WorkItem

pytestmark = pytest.mark.django_db


def items(kind="unsigned_order"):
    return list(WorkItem.objects.filter(kind=kind).order_by("created_at"))


def test_an_order_past_its_threshold_is_a_routine_clinical_ops_task(source, north):
    event = send(source, "OrderUnsigned", order_id="o-1", order_type="verbal", ordered_at=ago(50))
    [item] = items()
    assert item.queue.slug == "north-clinical-ops" and item.tier == "task"
    assert (item.priority, item.urgency) == (3, "routine")
    assert item.score["threshold_hours"] == 48 and "dr-lee" in item.score["disposition"]
    assert "verbal order by dr-lee" in item.title
    # due by: 4x the threshold after the order (192 h), i.e. ~142 h from now
    assert 141 * 3600 < (item.due_at - timezone.now()).total_seconds() < 143 * 3600
    assert event.pk == item.event_id


def test_an_order_below_its_threshold_makes_no_task_until_the_beat_finds_it_due(source, north, monkeypatch):
    send(source, "OrderUnsigned", order_id="o-2", ordered_at=ago(40))
    assert items() == []
    doc = UnsignedDocument.objects.get(doc_id="o-2")
    assert doc.level == 0 and 7.9 * 3600 < (doc.next_check_at - timezone.now()).total_seconds() < 8.1 * 3600
    assert tasks.unsigned_check() == 0  # not due yet
    future = later(9)
    monkeypatch.setattr(tasks.timezone, "now", lambda: future)
    monkeypatch.setattr(services.timezone, "now", lambda: future)
    assert tasks.unsigned_check() == 1  # eager: the per-document task ran
    [item] = items()
    assert item.priority == 3 and UnsignedDocument.objects.get(doc_id="o-2").level == 1


def test_it_turns_urgent_at_twice_the_threshold_and_is_overdue_at_four_times(source, north):
    send(source, "NoteUnsigned", note_id="n-1", note_type="progress", created_at=ago(80))  # 72 h threshold
    [item] = items("unsigned_note")
    doc = UnsignedDocument.objects.get(doc_id="n-1")
    assert doc.level == 1 and item.priority == 3
    assert services.unsigned_advance(doc_id=doc.pk, now=later(1)) == "not_due"
    assert services.unsigned_advance(doc_id=doc.pk, now=later(65)) == "level 2"
    item.refresh_from_db()
    assert (item.priority, item.urgency, item.alert_count) == (2, "urgent", 2)
    assert AuditRecord.objects.filter(action="work_item.realerted", object_id=str(item.pk)).count() == 1
    assert services.unsigned_advance(doc_id=doc.pk, now=later(300)) == "not_due"  # nothing above urgent
    item.refresh_from_db()
    assert item.priority == 2 and WorkItem.objects.filter(kind="unsigned_note").count() == 1
    # the due-by is 4x the threshold after the note: there the queues escalation chain takes over
    assert abs((item.due_at - (doc.started_at + timedelta(hours=4 * 72))).total_seconds()) < 120


def test_an_order_already_past_twice_the_threshold_starts_urgent(source, north):
    send(source, "OrderUnsigned", order_id="o-3", ordered_at=ago(100))
    [item] = items()
    assert (item.priority, item.urgency) == (2, "urgent")


def test_signed_closes_the_task_in_the_emr(source, north):
    send(source, "OrderUnsigned", order_id="o-4", ordered_at=ago(50))
    [item] = items()
    send(source, "OrderSigned", order_id="o-4", at=ago(0))
    item.refresh_from_db()
    assert item.state == "resolved_in_emr" and item.decision == "signed_in_emr"
    doc = UnsignedDocument.objects.get(doc_id="o-4")
    assert doc.signed_at is not None and doc.next_check_at is None
    assert services.unsigned_advance(doc_id=doc.pk, now=later(500)) == "gone"


def test_a_sign_before_the_threshold_means_no_task_ever(source, north, monkeypatch):
    send(source, "NoteUnsigned", note_id="n-2", created_at=ago(1))
    send(source, "NoteSigned", note_id="n-2", at=ago(0))
    future = later(1000)
    monkeypatch.setattr(tasks.timezone, "now", lambda: future)
    assert tasks.unsigned_check() == 0
    assert items("unsigned_note") == []


def test_a_signature_with_only_the_required_fields_closes_the_task(source, north):
    from ingest.models import Event
    from ingest.samples import sample_event
    from ingest.services import event_ingest

    send(source, "NoteUnsigned", note_id="n-min", created_at=ago(80))
    envelope = sample_event("NoteSigned", source="urn:emr:test")
    envelope["data"] = {"note_id": "n-min", "at": ago(0)}  # contract v1.1: note_id, at
    event_process(event_id=event_ingest(source=source, envelope=envelope).event_id)
    assert Event.objects.get(type="NoteSigned").status == "processed"
    [item] = items("unsigned_note")
    assert item.state == "resolved_in_emr"
    # and a bare signature of a note never reported is kept (no facility), so its late report makes no task
    envelope = sample_event("NoteSigned", source="urn:emr:test")
    envelope["data"] = {"note_id": "n-early", "at": ago(0)}
    event_process(event_id=event_ingest(source=source, envelope=envelope).event_id)
    assert UnsignedDocument.objects.get(doc_id="n-early").facility is None
    send(source, "NoteUnsigned", note_id="n-early", created_at=ago(100))
    assert UnsignedDocument.objects.get(doc_id="n-early").facility == north
    assert len(items("unsigned_note")) == 1


def test_a_sign_that_arrives_before_the_unsigned_report_means_no_task(source, north):
    send(source, "OrderSigned", order_id="o-5", at=ago(0))
    send(source, "OrderUnsigned", order_id="o-5", ordered_at=ago(70))
    assert items() == []
    doc = UnsignedDocument.objects.get(doc_id="o-5")
    assert doc.signed_at and doc.started_at and doc.unsigned_event_id


def test_a_repeat_report_and_a_replay_never_make_a_second_task_or_restart_the_clock(source, north):
    first = send(source, "OrderUnsigned", order_id="o-6", ordered_at=ago(50))
    send(source, "OrderUnsigned", order_id="o-6", ordered_at=ago(1))  # the EMR sends it again, later time
    send(source, "OrderUnsigned", event_id=first.source_event_id, order_id="o-6", ordered_at=first.data["ordered_at"])
    events_replay(events=type(first).objects.filter(pk=first.pk))
    event_process(event_id=first.pk)
    assert len(items()) == 1 and UnsignedDocument.objects.filter(doc_id="o-6").count() == 1
    doc = UnsignedDocument.objects.get(doc_id="o-6")
    assert doc.unsigned_event_id == first.pk and (timezone.now() - doc.started_at).total_seconds() > 49 * 3600


def test_a_second_source_cannot_close_another_sources_task(source, other_source, north):
    send(source, "OrderUnsigned", order_id="o-7", ordered_at=ago(50))
    send(other_source, "OrderSigned", uri="urn:emr:other", order_id="o-7", at=ago(0))
    [item] = items()
    item.refresh_from_db()
    assert item.state == "new"
    assert UnsignedDocument.objects.get(doc_id="o-7", integration_source=source).signed_at is None
    # the other source's signature is kept as its own (a later report from it makes no task)
    assert UnsignedDocument.objects.get(doc_id="o-7", integration_source=other_source).signed_at is not None


def test_a_source_that_acts_for_the_first_may_close_its_task(source, other_source, north):
    other_source.acts_for.add(source)
    send(source, "OrderUnsigned", order_id="o-8", ordered_at=ago(50))
    send(other_source, "OrderSigned", uri="urn:emr:other", order_id="o-8", at=ago(0))
    [item] = items()
    assert item.state == "resolved_in_emr"


def test_the_same_id_from_two_sources_is_two_documents(source, other_source, north):
    send(source, "OrderUnsigned", order_id="o-9", ordered_at=ago(50))
    send(other_source, "OrderUnsigned", uri="urn:emr:other", order_id="o-9", ordered_at=ago(50))
    assert len(items()) == 2


def test_thresholds_follow_the_note_type_and_the_policy(source, north, manager):
    send(source, "NoteUnsigned", note_id="n-3", note_type="h&p", created_at=ago(30))  # 24 h
    send(source, "NoteUnsigned", note_id="n-4", note_type="discharge", created_at=ago(30))  # 30 days
    assert [i.score["threshold_hours"] for i in items("unsigned_note")] == [24]
    policy = DocumentationPolicy.objects.get(facility=north)
    services.documentation_policy_update(
        policy=policy, changes={"note_hours": {**policy.note_hours, "discharge": 12}}, actor="manager"
    )
    assert UnsignedDocument.objects.get(doc_id="n-4").next_check_at <= timezone.now()
    tasks.unsigned_check()
    assert sorted(i.score["threshold_hours"] for i in items("unsigned_note")) == [12, 24]
    assert [i.score["policy_version"] for i in items("unsigned_note")] == [1, 2]


@pytest.mark.parametrize(
    "fields",
    [
        {"order_id": "o-" + "x" * 250, "order_type": "t" * 255, "author_id": "a" * 255},
        {"order_id": "o-future", "ordered_at": later(5).isoformat()},
        {"order_id": "o-old", "ordered_at": "0001-01-02T00:00:00+00:00"},
        {"order_id": "o-odd", "order_type": "Verbal\u202e ", "encounter_id": "🙂" * 50},
    ],
)
def test_odd_but_valid_reports_are_processed_without_error(source, north, fields):
    fields.setdefault("ordered_at", ago(50))
    send(source, "OrderUnsigned", **fields)
    assert UnsignedDocument.objects.filter(doc_id=fields["order_id"]).count() == 1
