"""Operations endpoints and settings helpers."""

import time

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from clinflow.env import env_bool, env_int, env_secret
from ingest.tasks import HEARTBEAT_KEY, worker_heartbeat

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


def test_readyz_names_redis_when_it_is_down(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "redis" in response.json()["detail"]


def test_metrics_exposes_event_counts(client):
    response = client.get("/metrics")
    assert response.status_code == 200
    assert "clinflow_oldest_unprocessed_event_age_seconds" in response.content.decode()


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
