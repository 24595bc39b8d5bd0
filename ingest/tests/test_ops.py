"""The operations page /ops/: staff only; what waits, worker heartbeats, failed events with their
error (never their data) and an audited Retry that re-enqueues the event."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from audit.models import AuditRecord
from clinflow.heartbeat import heartbeat_record, heartbeats_by_worker
from ingest import handlers
from ingest.models import Event
from ingest.samples import PATIENT, sample_event
from ingest.services import event_ingest, event_process
from queues.tests.conftest import login
from queues.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    """An operator: a staff user (the same people who use the admin), in no clinical group."""
    return UserFactory.create(username="ops-admin", is_staff=True)


@pytest.fixture
def breaking(monkeypatch):
    """AppointmentNoShow's handler fails permanently while `state["fail"]` is true."""
    state = {"fail": True, "ran": 0}

    def handler(event):
        state["ran"] += 1
        if state["fail"]:
            raise handlers.PermanentError(f"unknown clinic code in event {event.pk}")
        return {"ok": True}

    monkeypatch.setitem(handlers._HANDLERS, "AppointmentNoShow", [handler])
    return state


def failed_event(source) -> Event:
    ingested = event_ingest(source=source, envelope=sample_event("AppointmentNoShow", patient=PATIENT))
    assert event_process(event_id=ingested.event_id) == "failed"
    return Event.objects.get(pk=ingested.event_id)


def test_anonymous_is_sent_to_the_login_page():
    for response in (Client().get("/ops/"), Client().post("/ops/events/4b0c2a4e-5f0e-4a53-9d5c-3c1f4f7e8a11/retry")):
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_nurses_and_managers_are_refused_and_staff_users_see_the_page(nurse, manager, admin_user):
    assert login(nurse).get("/ops/").status_code == 403
    assert login(manager).get("/ops/").status_code == 403
    assert login(admin_user).get("/ops/").status_code == 200


def test_a_non_staff_user_cannot_retry(nurse, source, breaking):
    event = failed_event(source)
    assert login(nurse).post(f"/ops/events/{event.pk}/retry").status_code == 403
    event.refresh_from_db()
    assert event.status == "failed" and not AuditRecord.objects.filter(action="ops.event_retried").exists()


def test_the_page_counts_waiting_events_and_lists_failed_ones_with_the_error_not_the_data(admin_user, source, breaking):
    failed = failed_event(source)
    event_ingest(source=source, envelope=sample_event("EncounterClosed"))  # waiting, never processed
    page = login(admin_user).get("/ops/")
    html = page.content.decode()
    assert page.context["waiting"].received == 1 and page.context["by_status"]["failed"] == 1
    assert page.context["oldest_age_seconds"] is not None
    assert f'data-event="{failed.pk}"' in html and "unknown clinic code" in html and "AppointmentNoShow" in html
    assert PATIENT["name"] not in html and PATIENT["mrn"] not in html and PATIENT["birth_date"] not in html


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_failed_events_are_paginated_in_a_constant_number_of_queries(admin_user, source, breaking):
    client = login(admin_user)
    failed_event(source)
    one = _queries(client, "/ops/")
    for _ in range(50):
        failed_event(source)
    assert _queries(client, "/ops/") == one  # no query per event: aggregates and one page of rows
    first, second = client.get("/ops/"), client.get("/ops/?page=2")
    assert len(first.context["page"].object_list) == 50 and len(second.context["page"].object_list) == 1
    assert client.get("/ops/?page=abc").status_code == 200  # a bad page number is the first page


def test_retry_re_enqueues_the_event_and_audits_who_asked(
    admin_user, source, breaking, django_capture_on_commit_callbacks
):
    event = failed_event(source)
    breaking["fail"] = False  # the cause was fixed
    client = login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):  # the enqueue; Celery runs the task inline here
        response = client.post(f"/ops/events/{event.pk}/retry", {"next": "/ops/?page=1"})
    assert response.status_code == 302 and response["Location"] == "/ops/?page=1"
    event.refresh_from_db()
    assert event.status == "processed" and breaking["ran"] == 2
    retried = AuditRecord.objects.get(action="ops.event_retried")
    assert retried.actor == "ops-admin" and retried.actor_type == "user" and retried.object_id == str(event.pk)
    assert retried.data["type"] == "AppointmentNoShow" and retried.data["attempts"] == 1
    assert AuditRecord.objects.filter(action="event.replayed", object_id=str(event.pk), actor="ops-admin").exists()
    page = client.get(response["Location"])
    assert "queued for processing again" in page.content.decode()


def test_retrying_an_event_that_is_not_failed_is_a_clear_message_not_an_error(admin_user, source, breaking):
    breaking["fail"] = False
    ingested = event_ingest(source=source, envelope=sample_event("AppointmentNoShow"))
    assert event_process(event_id=ingested.event_id) == "processed"
    client = login(admin_user)
    response = client.post(f"/ops/events/{ingested.event_id}/retry", follow=True)
    assert response.status_code == 200
    assert "is processed, not failed: there is nothing to retry" in response.content.decode()
    assert not AuditRecord.objects.filter(action="ops.event_retried").exists()
    unknown = client.post("/ops/events/4b0c2a4e-5f0e-4a53-9d5c-3c1f4f7e8a11/retry", follow=True)
    assert unknown.status_code == 200 and "No event 4b0c2a4e" in unknown.content.decode()
    assert client.post("/ops/events/not-a-uuid/retry").status_code == 404


def test_retry_wants_a_post_with_a_csrf_token_and_a_local_next(admin_user, source, breaking):
    event = failed_event(source)
    assert login(admin_user).get(f"/ops/events/{event.pk}/retry").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(admin_user)
    assert strict.post(f"/ops/events/{event.pk}/retry").status_code == 403
    event.refresh_from_db()
    assert event.status == "failed"
    elsewhere = login(admin_user).post(f"/ops/events/{event.pk}/retry", {"next": "https://evil.example/ops/"})
    assert elsewhere["Location"] == "/ops/"


def test_worker_heartbeats_are_listed_by_name_with_a_stale_flag(admin_user, settings):
    heartbeat_record("celery@fresh")
    heartbeat_record("celery@old")
    now = time.time()
    beats = heartbeats_by_worker(max_age=60, now=now + 30)
    assert [(b.name, b.stale) for b in beats][:2] and {b.name for b in beats} >= {"celery@fresh", "celery@old"}
    assert all(not b.stale for b in beats if b.name in ("celery@fresh", "celery@old"))
    later = {b.name: b.stale for b in heartbeats_by_worker(max_age=60, now=now + 120)}
    assert later["celery@fresh"] and later["celery@old"]
    html = login(admin_user).get("/ops/").content.decode()
    assert "celery@fresh" in html and "celery@old" in html
