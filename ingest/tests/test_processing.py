"""Processing, retries, the sweep, replay and a Redis outage — with Celery eager (inline)."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import AuditRecord
from ingest import handlers
from ingest.models import Event
from ingest.samples import sample_event
from ingest.services import event_ingest, event_process, events_replay, events_sweep_stuck
from ingest.tasks import process_event

pytestmark = pytest.mark.django_db


def ingest(source, event_type="AppointmentNoShow", **kw):
    result = event_ingest(source=source, envelope=sample_event(event_type, **kw))
    return Event.objects.get(pk=result.event_id)


def test_an_accepted_event_is_processed_after_commit(source, calls, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event = ingest(source)
    event.refresh_from_db()
    assert event.status == "processed" and event.attempts == 1 and event.processed_at
    assert calls == [str(event.pk)]
    assert AuditRecord.objects.filter(action="event.processed", object_id=str(event.pk)).count() == 1


def test_the_task_run_twice_produces_one_result(source, calls):
    event = ingest(source)
    assert process_event.apply(args=[str(event.pk)]).get() == "processed"
    assert process_event.apply(args=[str(event.pk)]).get() == "skipped"
    event.refresh_from_db()
    assert event.attempts == 1 and calls == [str(event.pk)]
    assert AuditRecord.objects.filter(action="event.processed").count() == 1


def test_a_task_for_a_missing_event_returns_quietly():
    assert event_process(event_id="00000000-0000-0000-0000-000000000000") == "skipped"


def test_a_failing_handler_retries_with_backoff_then_fails_visibly(source, monkeypatch, settings):
    settings.EVENT_MAX_ATTEMPTS = 3
    boom = {"n": 0}

    def handler(event):
        boom["n"] += 1
        raise RuntimeError("model server unavailable")

    monkeypatch.setitem(handlers._HANDLERS, "AppointmentNoShow", [handler])
    event = ingest(source)
    assert event_process(event_id=event.pk) == "retry"
    event.refresh_from_db()
    assert event.status == "received" and event.failures == 1
    assert event.last_error == "RuntimeError: model server unavailable"
    assert event.next_attempt_at > timezone.now()
    assert event_process(event_id=event.pk) == "skipped"  # not due yet
    for expected in ("retry", "failed"):
        Event.objects.filter(pk=event.pk).update(next_attempt_at=timezone.now())
        assert event_process(event_id=event.pk) == expected
    event.refresh_from_db()
    assert (event.status, event.attempts, event.failures) == ("failed", 3, 3)
    assert "model server unavailable" in event.last_error
    assert AuditRecord.objects.filter(action="event.failed", object_id=str(event.pk)).count() == 1


def test_a_failed_handler_leaves_nothing_half_done(source, monkeypatch, settings):
    """The handler's writes roll back with the failure: only the failure bookkeeping remains."""
    settings.EVENT_MAX_ATTEMPTS = 1

    def handler(event):
        from audit.services import audit_record

        audit_record(action="handler.wrote", object_type="event", object_id=event.pk)
        raise ValueError("late failure")

    monkeypatch.setitem(handlers._HANDLERS, "AppointmentNoShow", [handler])
    event = ingest(source)
    assert event_process(event_id=event.pk) == "failed"
    assert not AuditRecord.objects.filter(action="handler.wrote").exists()


def test_replay_of_a_failed_event_processes_it_and_never_duplicates(
    source, calls, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.EVENT_MAX_ATTEMPTS = 1
    monkeypatch.setitem(handlers._HANDLERS, "AppointmentNoShow", [lambda e: (_ for _ in ()).throw(OSError("down"))])
    event = ingest(source)
    assert event_process(event_id=event.pk) == "failed"

    def handler(e):
        calls.append(str(e.pk))

    monkeypatch.setitem(handlers._HANDLERS, "AppointmentNoShow", [handler])
    with django_capture_on_commit_callbacks(execute=True):
        assert events_replay(events=Event.objects.filter(status="failed")) == 1
    event.refresh_from_db()
    assert event.status == "processed" and event.last_error == "" and calls == [str(event.pk)]
    with django_capture_on_commit_callbacks(execute=True):
        events_replay(events=Event.objects.filter(pk=event.pk))  # a processed event replays too
    assert Event.objects.count() == 1 and calls == [str(event.pk)] * 2
    assert AuditRecord.objects.filter(action="event.replayed").count() == 2


def test_the_sweep_re_enqueues_an_event_celery_lost(source, calls, settings, django_capture_on_commit_callbacks):
    event = ingest(source)  # on_commit callbacks not run: as if the broker lost the task
    assert events_sweep_stuck()["requeued"] == 0  # not stuck yet
    later = timezone.now() + timedelta(seconds=settings.EVENT_STUCK_AFTER_SECONDS + 1)
    result = events_sweep_stuck(now=later)
    assert result["requeued"] == 1 and result["published"] == 1
    event.refresh_from_db()
    assert event.status == "processed" and calls == [str(event.pk)]
    assert events_sweep_stuck(now=later + timedelta(hours=1))["requeued"] == 0


def test_the_sweep_recovers_an_event_whose_worker_died_mid_task(source, calls, settings):
    event = ingest(source)
    started = timezone.now() - timedelta(seconds=settings.EVENT_STUCK_AFTER_SECONDS + 5)
    Event.objects.filter(pk=event.pk).update(status="processing", attempts=1, processing_started_at=started)
    result = events_sweep_stuck()
    assert result["stuck_processing"] == 1
    event.refresh_from_db()
    assert event.status == "received" and event.failures == 1 and "worker lost" in event.last_error
    Event.objects.filter(pk=event.pk).update(next_attempt_at=timezone.now())
    assert event_process(event_id=event.pk) == "processed"
    assert calls == [str(event.pk)]


def test_redis_down_at_ingest_still_answers_202_and_the_sweep_catches_up(
    client, source, calls, settings, django_capture_on_commit_callbacks
):
    from clinflow.celery import app

    saved = (app.conf.broker_url, app._pool, app.amqp._producer_pool)
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1: Redis is "down"
    app._pool = app.amqp._producer_pool = None  # new connections go to the dead URL
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/api/v1/events",
                data=json.dumps(sample_event("AppointmentNoShow")),
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {source.token}",
            )
        assert response.status_code == 202
    finally:
        if app._pool is not None:
            app._pool.force_close_all()
        app.conf.broker_url, app._pool, app.amqp._producer_pool = saved
        app.conf.task_always_eager = True
    event = Event.objects.get(pk=response.json()["event_id"])
    assert event.status == "received" and calls == []
    later = timezone.now() + timedelta(seconds=settings.EVENT_STUCK_AFTER_SECONDS + 1)
    assert events_sweep_stuck(now=later)["requeued"] == 1
    event.refresh_from_db()
    assert event.status == "processed" and calls == [str(event.pk)]


def test_replay_command_filters_by_status_type_and_time(source, calls, settings):
    from io import StringIO

    from django.core.management import call_command

    a = ingest(source)
    b = ingest(source, "AppointmentCompleted")
    Event.objects.filter(pk__in=[a.pk, b.pk]).update(status="failed", last_error="x")
    out = StringIO()
    call_command("replay_events", "--status", "failed", "--type", "AppointmentNoShow", "--dry-run", stdout=out)
    assert "1 event(s) would be replayed" in out.getvalue()
    call_command("replay_events", "--status", "failed", "--since", "2000-01-01T00:00:00Z", stdout=out)
    assert "replayed 2 event(s)" in out.getvalue()
    assert set(Event.objects.values_list("status", flat=True)) == {"received"}  # re-enqueued after commit
    with pytest.raises(Exception, match="at least one filter"):
        call_command("replay_events")
