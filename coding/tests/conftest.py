"""Fixtures of the coding tests: an EMR source, events sent through intake and processed as the
worker processes them, and the roles that work the coder and clinical-ops queues."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from ingest.models import Event
from ingest.samples import sample_event
from ingest.services import Outcome, event_ingest, event_process
from ingest.tests.factories import IntegrationSourceFactory


@pytest.fixture
def source(db):
    return IntegrationSourceFactory()


@pytest.fixture
def other_source(db):
    """A second EMR (its own source URI) that may not act for the first."""
    return IntegrationSourceFactory()


@pytest.fixture
def clinops(north):
    """north's clinical-ops user: the clinical-ops queue only."""
    from queues.tests.factories import staff

    return staff(north, "clinical_ops", username="clinops")


def ago(hours: float) -> str:
    return (timezone.now() - timedelta(hours=hours)).isoformat()


def send(source, event_type, *, uri="urn:emr:test", event_id=None, **fields) -> Event:
    """Ingest one event as the EMR sends it and process it (the handlers run); asserts it processed."""
    result = event_ingest(source=source, envelope=sample_event(event_type, source=uri, event_id=event_id, **fields))
    assert result.outcome in (Outcome.CREATED, Outcome.REPEAT), result
    event_process(event_id=result.event_id)
    event = Event.objects.get(pk=result.event_id)
    assert event.status == Event.Status.PROCESSED, event.last_error
    return event


def later(hours: float) -> datetime:
    return timezone.now() + timedelta(hours=hours)


# The browser tests' fixtures (real ASGI server, Celery worker, Chromium, demo site) are shared with
# queues/tests/test_browser.py, so coding/tests/test_browser_coding.py runs the same stack.
from queues.tests.conftest import make_item  # noqa: E402, F401
from queues.tests.test_browser import chromium, model_file, server, site  # noqa: E402, F401
