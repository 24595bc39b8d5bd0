"""manage.py train_triage: seed corpus + the site's own resolved messages, metrics, registry."""

from io import StringIO

import pytest
from django.core.management import call_command

from ingest.samples import sample_event
from ingest.services import event_ingest, event_process
from ingest.tests.factories import IntegrationSourceFactory
from mlregistry.models import ModelVersion
from triage import classifier
from triage.models import TriageLabel
from triage.services import MODEL_NAME, site_training_samples

pytestmark = pytest.mark.django_db


def test_train_triage_uses_site_labels_reports_per_class_metrics_and_promotes(north, live_model):
    source = IntegrationSourceFactory()
    result = event_ingest(
        source=source,
        envelope=sample_event(
            "PatientMessageReceived", message_id="site-1", body="my knee has been aching after jogging"
        ),
    )
    event_process(event_id=result.event_id)
    result = event_ingest(
        source=source, envelope=sample_event("PatientMessageResolved", message_id="site-1", final_urgency="urgent")
    )
    event_process(event_id=result.event_id)
    assert TriageLabel.objects.count() == 1 and len(site_training_samples()) == 1

    out = StringIO()
    call_command("train_triage", "--folds", "2", stdout=out)
    text = out.getvalue()
    n_seed = len(classifier.load_seed_corpus())
    assert f"training on {n_seed} seed + 1 site messages" in text
    for cls in ("emergent", "urgent", "routine", "non_clinical"):
        assert cls in text
    new = ModelVersion.objects.get(name=MODEL_NAME, state=ModelVersion.State.LIVE)
    assert new.version == 2 and new.n_samples == n_seed + 1
    assert new.metrics["emergent_recall"] > 0.5
    assert ModelVersion.objects.get(name=MODEL_NAME, version=1).state == ModelVersion.State.RETIRED

    out = StringIO()
    call_command("train_triage", "--if-missing", stdout=out)
    assert "nothing to do" in out.getvalue()
