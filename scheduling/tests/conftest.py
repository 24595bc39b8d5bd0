import os

import pytest
from django.utils import timezone

from mlregistry.models import ModelVersion
from mlregistry.services import models_dir
from scheduling import data, noshow
from scheduling.services import MODEL_NAME


@pytest.fixture(scope="session")
def noshow_file():
    """A no-show model trained once per session on a small synthetic history (pure: no database)."""
    model, report = noshow.train_noshow(data.synthetic_history(n_patients=800, days=240, seed=3))
    path = models_dir() / f"{MODEL_NAME}-pytest-{os.getpid()}.skops"
    yield path.name, noshow.save_model(model, path), report  # a file of this run's own: parallel runs share var/models
    path.unlink(missing_ok=True)


@pytest.fixture
def noshow_live(db, noshow_file):
    name, sha, report = noshow_file
    return ModelVersion.objects.create(
        name=MODEL_NAME,
        version=1,
        state=ModelVersion.State.LIVE,
        path=name,
        sha256=sha,
        trained_at=timezone.now(),
        metrics=report,
        n_samples=1,
    )


@pytest.fixture
def clinic(north):
    """north as the scheduling tests need it: its scheduling policy (defaults) and dr-lee's
    cardiology sessions for the weeks around today — built with factories, not the demo seed."""
    from scheduling.tests.factories import provider_sessions, scheduling_policy

    scheduling_policy(north)
    provider_sessions(north, "dr-lee", "cardiology")
    return north


@pytest.fixture
def source(db):
    """An EMR integration source that may send every event type."""
    from ingest.tests.factories import IntegrationSourceFactory

    return IntegrationSourceFactory()


# The browser tests' fixtures (real ASGI server, Celery worker, Chromium, demo site) are shared with
# queues/tests/test_browser.py, so scheduling/tests/test_browser_scheduling.py runs the same stack.
from queues.tests.test_browser import chromium, model_file, noshow_model_file, server, site  # noqa: E402, F401
