"""Operations endpoints and settings helpers."""

import json
import subprocess
import sys
import time

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from clinflow.env import env_bool, env_int, env_secret
from clinflow.heartbeat import HEARTBEAT_KEY
from clinflow.tasks import worker_heartbeat
from clinflow.testing import ROOT

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_dependencies(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readyz_is_503_naming_the_missing_worker(client):
    cache.delete(HEARTBEAT_KEY)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["detail"] == "down: worker"
    assert body["checks"]["database"]["ok"] and body["checks"]["redis"]["ok"]


def test_readyz_is_200_after_a_heartbeat_and_503_when_it_is_stale(client, settings):
    worker_heartbeat()
    assert client.get("/readyz").status_code == 200
    cache.set(HEARTBEAT_KEY, time.time() - settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS - 5)
    response = client.get("/readyz")
    assert response.status_code == 503 and "last worker heartbeat" in response.json()["checks"]["worker"]["detail"]


def test_every_beat_schedule_entry_names_a_task_a_fresh_worker_discovers(settings):
    # In a fresh process nothing has imported the task modules yet: only autodiscovery finds them.
    script = (
        "import django, json; from clinflow.celery import app; django.setup(); "
        "app.loader.import_default_modules(); print(json.dumps(sorted(app.tasks)))"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    registered = set(json.loads(out.stdout.strip().splitlines()[-1]))
    assert {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()} <= registered
    assert settings.CELERY_BEAT_SCHEDULE["worker-heartbeat"]["task"] == "clinflow.tasks.worker_heartbeat"


def test_a_worker_announces_itself_without_waiting_for_beat():
    from celery.signals import worker_ready

    cache.delete(HEARTBEAT_KEY)
    worker_ready.send(sender=None)  # a worker announces itself without waiting for beat
    assert time.time() - cache.get(HEARTBEAT_KEY) < 5


def test_readyz_names_redis_when_it_is_down(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "redis" in response.json()["detail"]


def test_metrics_exposes_event_counts(client):
    from ingest.samples import sample_event
    from ingest.services import event_ingest
    from ingest.tests.factories import IntegrationSourceFactory

    event_ingest(source=IntegrationSourceFactory(), envelope=sample_event("PatientMessageReceived"))
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    from prometheus_client.parser import text_string_to_metric_families

    samples = {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }
    assert samples[("clinflow_events", (("status", "received"), ("type", "PatientMessageReceived")))] == 1
    assert samples[("clinflow_oldest_unprocessed_event_age_seconds", ())] >= 0
    assert ("clinflow_worker_heartbeat_age_seconds", ()) in samples


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("true", True), ("no", False), ("", False)])
def test_env_bool(monkeypatch, raw, expected):
    monkeypatch.setenv("X_FLAG", raw)
    assert env_bool("X_FLAG") is expected


def test_env_helpers_refuse_bad_values(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG")
    monkeypatch.setenv("X_INT", "ten")
    with pytest.raises(ImproperlyConfigured, match="X_INT"):
        env_int("X_INT", 1)
    monkeypatch.setenv("X_INT", "0")
    with pytest.raises(ImproperlyConfigured, match=">= 1"):
        env_int("X_INT", 1, minimum=1)


def test_env_secret_reads_a_file(monkeypatch, tmp_path):
    secret_file = tmp_path / "s"
    secret_file.write_text("hunter2\n")
    monkeypatch.setenv("X_SECRET_FILE", str(secret_file))
    assert env_secret("X_SECRET") == "hunter2"
