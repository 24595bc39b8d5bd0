"""Champion / challenger: a shadow version scores every message beside the live one, only the live
one routes; promotion and rollback change the model for the next event."""

import pytest
from django.utils import timezone

from ingest.selectors import event_status
from mlregistry.models import ModelVersion
from mlregistry.services import model_cache_clear, model_promote, model_rollback
from queues.models import WorkItem
from triage.models import TriageScore
from triage.services import MODEL_NAME
from triage.tests.test_triage_flow import message

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    model_cache_clear()
    yield
    model_cache_clear()


def second_version(live_model, state):
    """v2 of the triage model: the same file as v1 (what it scores is not the point here)."""
    return ModelVersion.objects.create(
        name=MODEL_NAME,
        version=2,
        state=state,
        path=live_model.path,
        sha256=live_model.sha256,
        trained_at=timezone.now(),
        n_samples=1,
    )


def test_both_score_every_message_and_only_the_live_one_routes(source, north, live_model):
    second_version(live_model, ModelVersion.State.SHADOW)
    event = message(source, "I twisted my ankle and it is swollen", "MRN-1")
    scores = dict(TriageScore.objects.filter(event=event).values_list("model_version", "rollout"))
    assert scores == {"1": "live", "2": "challenger"}
    item = WorkItem.objects.get()
    assert item.model_version == "1" and item.score["model_version"] == "1"
    assert event_status(event)["score"]["model_version"] == "1"  # the event's score is the one that decided


def test_a_broken_challenger_never_stops_the_live_scoring(source, north, live_model):
    broken = second_version(live_model, ModelVersion.State.SHADOW)
    ModelVersion.objects.filter(pk=broken.pk).update(path="missing.skops")
    event = message(source, "my cough is worse", "MRN-2")
    assert list(TriageScore.objects.filter(event=event).values_list("model_version", flat=True)) == ["1"]
    assert WorkItem.objects.count() == 1


def test_promotion_and_rollback_take_effect_for_the_next_event(source, north, live_model):
    second_version(live_model, ModelVersion.State.CANDIDATE)
    first = message(source, "I have a rash", "MRN-3")
    model_promote(name=MODEL_NAME, version=2, actor="owner", note="won in shadow")
    second = message(source, "I have a headache", "MRN-4")
    model_rollback(name=MODEL_NAME, actor="owner", note="regression")
    third = message(source, "my knee hurts", "MRN-5")
    versions = [
        list(TriageScore.objects.filter(event=e).values_list("model_version", flat=True))
        for e in (first, second, third)
    ]
    assert versions == [["1"], ["2"], ["1"]]


def test_the_scheduled_retrain_lands_a_candidate_and_skips_when_nothing_is_new(source, north, live_model, settings):
    from triage.models import TriageLabel
    from triage.services import triage_retrain_candidate
    from triage.tasks import retrain_triage_candidate

    assert settings.CELERY_BEAT_SCHEDULE["retrain-triage-candidate"]["task"] == "triage.tasks.retrain_triage_candidate"
    assert triage_retrain_candidate() == "skipped: no new labels"
    event = message(source, "my knee aches after running", "MRN-9")
    TriageLabel.objects.create(
        message_event=event, message_id="k-1", final_urgency="routine", origin="clinflow", labelled_at=timezone.now()
    )
    assert retrain_triage_candidate() == "registered v2 (candidate)"  # the task, run in process
    assert dict(ModelVersion.objects.values_list("version", "state")) == {1: "live", 2: "candidate"}
    assert triage_retrain_candidate() == "skipped: no new labels"


def test_a_database_error_in_the_challenger_leaves_the_live_path_working(source, north, live_model, monkeypatch):
    """On PostgreSQL a failed statement aborts the whole transaction unless it ran in a savepoint."""
    from django.db import connection

    from triage import services

    def broken(**kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table_here")

    monkeypatch.setattr(services, "model_challenger", broken)
    event = message(source, "I twisted my ankle", "MRN-DB")
    assert event.status == "processed", event.last_error
    assert WorkItem.objects.filter(event=event).count() == 1
