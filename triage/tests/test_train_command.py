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


def test_train_triage_uses_site_labels_reports_per_class_metrics_and_registers_a_candidate(north, live_model):
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
    # training never promotes: the new version is a candidate, the live one keeps serving
    new = ModelVersion.objects.get(name=MODEL_NAME, state=ModelVersion.State.CANDIDATE)
    assert new.version == 2 and new.n_samples == n_seed + 1
    assert new.metrics["emergent_recall"] > 0.5
    assert ModelVersion.objects.get(name=MODEL_NAME, version=1).state == ModelVersion.State.LIVE
    assert "manage.py model_promote triage-clf 2" in text
    assert new.training_data["rows_site"] == 1 and new.training_data["rows"] == n_seed + 1

    out = StringIO()
    call_command("train_triage", "--if-missing", stdout=out)
    assert "nothing to do" in out.getvalue()


def test_a_live_model_of_the_older_format_is_retrained_on_first_use(north, tmp_path):
    """A site upgrading from a model without the care-level head: the first scored message trains
    and promotes its successor instead of failing every event."""
    from django.utils import timezone

    from mlregistry import modelfile
    from mlregistry.services import model_cache_clear, models_dir
    from triage.services import triage_model_live

    path = models_dir() / "triage-clf-old-format.skops"
    sha = modelfile.dump_payload({"format": "clinflow-triage/1", "n_samples": 1}, path)
    ModelVersion.objects.create(
        name=MODEL_NAME,
        version=1,
        state=ModelVersion.State.LIVE,
        path=path.name,
        sha256=sha,
        trained_at=timezone.now(),
        n_samples=1,
    )
    model_cache_clear()
    with pytest.raises(classifier.OutdatedModelError):
        classifier.load_model(path, sha256=sha)
    version, model = triage_model_live()
    assert version.version == 2 and version.state == ModelVersion.State.LIVE
    assert ModelVersion.objects.get(name=MODEL_NAME, version=1).state == ModelVersion.State.RETIRED
    assert model.predict_one("my chest hurts").care_level in (
        "emergency",
        "same_day",
        "within_3_days",
        "within_2_weeks",
        "self_care",
        "administrative",
    )
