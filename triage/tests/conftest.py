import os

import pytest
from django.utils import timezone

from mlregistry.models import ModelVersion
from mlregistry.services import models_dir
from triage import classifier
from triage.services import MODEL_NAME


@pytest.fixture(scope="session")
def trained_model_file():
    """Train once per test session from the shipped seed corpus (pure: no database)."""
    model = classifier.train_triage_model(classifier.corpus_samples())
    path = models_dir() / f"{MODEL_NAME}-pytest-{os.getpid()}.skops"
    sha = classifier.save_model(model, path)
    yield path.name, sha  # a file of this run's own: parallel runs share var/models
    path.unlink(missing_ok=True)


@pytest.fixture
def live_model(db, trained_model_file):
    name, sha = trained_model_file
    return ModelVersion.objects.create(
        name=MODEL_NAME,
        version=1,
        state=ModelVersion.State.LIVE,
        path=name,
        sha256=sha,
        trained_at=timezone.now(),
        n_samples=1,
    )


@pytest.fixture
def source(db):
    """An EMR integration source the tests send events as."""
    from ingest.tests.factories import IntegrationSourceFactory

    return IntegrationSourceFactory()
